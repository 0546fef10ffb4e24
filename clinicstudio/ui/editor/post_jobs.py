"""The database jobs behind the editor, run on the database thread in the order asked.

Each save tells the next one which revision it left, so a quick run of autosaves (or a save
followed by switching posts) never trips over its own earlier save; only another desk's save
makes :class:`~clinicstudio.store.posts.EditConflict`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from clinicstudio.domain import Changes

if TYPE_CHECKING:
    from clinicstudio.app import PostSnapshot, Studio

Opened = tuple["PostSnapshot", set[tuple[str, str]]]


class PostJobs:
    def __init__(self, studio: Studio) -> None:
        self._studio = studio
        self._revisions: dict[int, int] = {}  # written only on the database thread

    def open(self, post_id: int) -> Callable[[], Opened]:
        return lambda: self._opened(self._studio.open_post(post_id))

    def create(self, when: datetime | None = None) -> Callable[[], Opened]:
        return lambda: self._opened(self._studio.new_post(when=when)[0])

    def duplicate(self, post_id: int) -> Callable[[], Opened]:
        return lambda: self._opened(self._studio.duplicate_post(post_id)[0])

    def save(self, post: PostSnapshot) -> Callable[[], tuple[PostSnapshot, Changes]]:
        def job() -> tuple[PostSnapshot, Changes]:
            saved, changes = self._studio.save_post(self._latest(post))
            self._revisions[saved.id] = saved.revision
            return saved, changes
        return job

    def attach_image(self, post: PostSnapshot, path: Path) -> Callable[[], Opened]:
        def job() -> Opened:
            saved, _ = self._studio.attach_image(self._latest(post), path)
            return self._opened(saved)
        return job

    def remove_image(self, post: PostSnapshot, media_id: int) -> Callable[[], Opened]:
        def job() -> Opened:
            saved, _ = self._studio.remove_image(self._latest(post), media_id)
            return self._opened(saved)
        return job

    def set_alt_text(self, post_id: int, media_id: int, alt_text: str) -> Callable[[], Opened]:
        def job() -> Opened:
            self._studio.set_alt_text(media_id, alt_text)
            return self._opened(self._studio.open_post(post_id))
        return job

    def _latest(self, post: PostSnapshot) -> PostSnapshot:
        return replace(post, revision=self._revisions.get(post.id, post.revision))

    def _opened(self, post: PostSnapshot) -> Opened:
        self._revisions[post.id] = post.revision
        return post, self._studio.overrides(post.id)
