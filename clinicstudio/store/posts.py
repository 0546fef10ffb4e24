"""Operations on posts. Each runs inside the caller's session and returns what it changed.

The window, the command line and the scheduler all change posts through these functions, so
the rules (what a published post may still change, which status may follow which, the audit
record) live in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from clinicstudio.domain import Changes, Platform, PostStatus, UserError
from clinicstudio.store.audit import record
from clinicstudio.store.fingerprint import content_fingerprint
from clinicstudio.store.models import MediaAsset, Post, PostMedia, PostVariant

# Which status may follow which when a person changes it (publishing moves through the outbox).
ALLOWED_TRANSITIONS: dict[PostStatus, set[PostStatus]] = {
    PostStatus.DRAFT: {PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED},
    PostStatus.IN_REVIEW: {PostStatus.DRAFT, PostStatus.APPROVED, PostStatus.SCHEDULED},
    PostStatus.APPROVED: {PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.SCHEDULED},
    PostStatus.SCHEDULED: {PostStatus.DRAFT, PostStatus.APPROVED, PostStatus.IN_REVIEW},
    PostStatus.FAILED: {PostStatus.DRAFT, PostStatus.SCHEDULED, PostStatus.APPROVED},
    PostStatus.PARTLY_PUBLISHED: set(),
    PostStatus.PUBLISHING: set(),
    PostStatus.PUBLISHED: set(),
}
LOCKED = {PostStatus.PUBLISHED, PostStatus.PUBLISHING}


class PostNotFound(UserError):
    pass


class EditConflict(UserError):
    """Someone else saved the post since it was opened here."""


@dataclass
class PostDraft:
    """What an author sets on a post. ``overrides`` maps a network to its own text (or None)."""

    body: str = ""
    title: str = ""
    networks: Sequence[str] = ()
    overrides: Mapping[str, str | None] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    kind: str = "post"
    reply_context: str = ""
    scheduled_at: datetime | None = None
    campaign_id: int | None = None
    segment_id: int | None = None
    author_id: int | None = None
    media_ids: Sequence[int] = ()
    #: The link card (url, title, description, thumbnail_media_id); None keeps the post's
    #: card as it is, an empty mapping takes it off.
    link_card: Mapping[str, Any] | None = None
    #: Links sent without campaign tags; None keeps the post's list as it is.
    untagged_links: Sequence[str] | None = None
    #: A post of the demo clinic: never sent anywhere (set only by the demo and its copies).
    demo: bool = False


def _query_posts() -> Any:
    return select(Post).options(
        selectinload(Post.variants), selectinload(Post.media_links).joinedload(PostMedia.media)
    )


def get_post(session: Session, post_id: int) -> Post:
    post = session.scalars(_query_posts().where(Post.id == post_id)).first()
    if post is None:
        raise PostNotFound(f"There is no post number {post_id}.")
    return post


def _normalise_networks(networks: Iterable[str]) -> list[str]:
    names: list[str] = []
    for name in networks:
        try:
            network = Platform(str(name).lower())
        except ValueError:
            valid = ", ".join(p.value for p in Platform)
            raise UserError(f"'{name}' is not a network ClinicStudio knows ({valid}).") from None
        if network.value not in names:
            names.append(network.value)
    return names


def _apply(session: Session, post: Post, draft: PostDraft) -> None:
    post.title = draft.title or _title_from(draft.body)
    post.body = draft.body
    post.kind = draft.kind
    post.reply_context = draft.reply_context
    post.scheduled_at = draft.scheduled_at
    post.campaign_id = draft.campaign_id
    post.segment_id = draft.segment_id
    if draft.author_id is not None:
        post.author_id = draft.author_id
    if draft.link_card is not None:
        post.link_card = dict(draft.link_card) or None
    if draft.untagged_links is not None:
        post.untagged_links = list(draft.untagged_links)
    wanted = _normalise_networks(draft.networks)
    by_network = {variant.network: variant for variant in post.variants}
    for network in set(by_network) | set(wanted):
        variant = by_network.get(network)
        if variant is None:
            variant = PostVariant(network=network, options={})
            post.variants.append(variant)
        variant.enabled = network in wanted
        variant.text_override = draft.overrides.get(network, variant.text_override)
        if network in draft.options:
            variant.options = dict(draft.options[network])
    if list(draft.media_ids) != [link.media_id for link in post.media_links]:
        post.media_links.clear()
        session.flush()
        for position, media_id in enumerate(draft.media_ids):
            if session.get(MediaAsset, media_id) is None:
                raise UserError(f"Image number {media_id} is not in the media library.")
            post.media_links.append(PostMedia(media_id=media_id, position=position))


def _title_from(body: str) -> str:
    first = body.strip().splitlines()[0] if body.strip() else "Untitled post"
    return first if len(first) <= 60 else first[:57].rstrip() + "..."


def create_post(session: Session, draft: PostDraft, *, actor: str = "",
                status: PostStatus | None = None) -> tuple[Post, Changes]:
    """Add a post. It is scheduled when the draft has a time, else a draft."""
    post = Post(variants=[], media_links=[])
    post.status = str(status or (PostStatus.SCHEDULED if draft.scheduled_at else PostStatus.DRAFT))
    post.demo = draft.demo
    session.add(post)
    _apply(session, post, draft)
    session.flush()
    record(session, "post_created", actor=actor, post_id=post.id, status=post.status)
    return post, Changes(posts=frozenset({post.id}))


def update_post(session: Session, post_id: int, draft: PostDraft, *, actor: str = "",
                expected_revision: int | None = None) -> tuple[Post, Changes]:
    """Save an author's edit. Refuses a published post and a stale copy (another desktop saved)."""
    post = get_post(session, post_id)
    if PostStatus(post.status) in LOCKED:
        raise UserError("This post has already gone out and can no longer be edited. "
                        "Use Post > Duplicate to write a new one from it.")
    if expected_revision is not None and post.revision != expected_revision:
        raise EditConflict("Someone else saved this post since you opened it. Reopen it to see "
                           "their version; your text is kept in the editor.")
    before = {"body": post.body, "versions": {v.network: v.text_override
                                              for v in post.variants if v.text_override}}
    _apply(session, post, draft)
    if draft.scheduled_at is None and post.status == PostStatus.SCHEDULED:
        post.status = str(PostStatus.DRAFT)
    post.revision += 1
    session.flush()
    _withdraw_stale_approval(session, post, actor)
    after = {"body": post.body, "versions": {v.network: v.text_override
                                             for v in post.variants if v.text_override}}
    record(session, "post_edited", actor=actor, post_id=post.id, revision=post.revision,
           **({"before": before, "after": after} if before != after else {}))
    return post, Changes(posts=frozenset({post.id}))


def _withdraw_stale_approval(session: Session, post: Post, actor: str) -> None:
    """A post changed after approval needs approval again: it goes back to "in review"."""
    if not post.approved_hash or post.approved_hash == content_fingerprint(post):
        return
    post.approved_hash, post.approved_by = "", ""
    if PostStatus(post.status) in (PostStatus.APPROVED, PostStatus.SCHEDULED):
        post.status = str(PostStatus.IN_REVIEW)
    record(session, "approval_withdrawn", actor=actor, post_id=post.id,
           reason="changed after approval")


def set_status(session: Session, post_id: int, status: PostStatus, *,
               actor: str = "") -> tuple[Post, Changes]:
    """A person moves a post along its life (submit for review, approve, back to draft)."""
    post = get_post(session, post_id)
    current = PostStatus(post.status)
    if status != current and status not in ALLOWED_TRANSITIONS[current]:
        raise UserError(f"A post that is {current.label.lower()} cannot become "
                        f"{status.label.lower()}.")
    if status is PostStatus.SCHEDULED and post.scheduled_at is None:
        raise UserError("Pick a date and time before scheduling this post.")
    post.status = str(status)
    post.revision += 1
    # Approving stamps exactly what was approved; going back to draft or review withdraws it.
    if status is PostStatus.APPROVED:
        post.approved_hash, post.approved_by = content_fingerprint(post), actor
    elif status in (PostStatus.DRAFT, PostStatus.IN_REVIEW):
        post.approved_hash, post.approved_by = "", ""
    record(session, "post_status_changed", actor=actor, post_id=post.id,
           old=str(current), new=str(status))
    return post, Changes(posts=frozenset({post.id}))


def reschedule(session: Session, post_id: int, when: datetime | None, *,
               actor: str = "") -> tuple[Post, Changes]:
    """Move a post to another time (or unschedule it with ``None``). Sent posts stay put."""
    post = session.get(Post, post_id)
    if post is None:
        raise PostNotFound(f"There is no post number {post_id}.")
    if PostStatus(post.status) in LOCKED | {PostStatus.PARTLY_PUBLISHED}:
        raise UserError("This post has already gone out, so its date cannot change.")
    old = post.scheduled_at
    post.scheduled_at = when
    if when is None and post.status == PostStatus.SCHEDULED:
        post.status = str(PostStatus.DRAFT)
    post.revision += 1
    record(session, "post_rescheduled", actor=actor, post_id=post.id,
           old=old.isoformat() if old else None, new=when.isoformat() if when else None)
    return post, Changes(posts=frozenset({post.id}))


def duplicate_post(session: Session, post_id: int, *, actor: str = "") -> tuple[Post, Changes]:
    """A new draft with a post's words, networks, per-network versions, images, campaign and
    audience, but no date: the way to reuse a post that has already gone out."""
    original = get_post(session, post_id)
    draft = PostDraft(
        body=original.body, title=original.title, networks=original.networks,
        overrides={v.network: v.text_override for v in original.variants},
        options={v.network: dict(v.options or {}) for v in original.variants},
        kind=original.kind, reply_context=original.reply_context,
        campaign_id=original.campaign_id, segment_id=original.segment_id,
        media_ids=[link.media_id for link in original.media_links],
        link_card=original.link_card or {}, demo=original.demo,
    )
    copy, changes = create_post(session, draft, actor=actor, status=PostStatus.DRAFT)
    record(session, "post_duplicated", actor=actor, post_id=copy.id, source=post_id)
    return copy, changes


def delete_post(session: Session, post_id: int, *, actor: str = "") -> Changes:
    post = get_post(session, post_id)
    if PostStatus(post.status) in LOCKED:
        raise UserError("A post that has gone out stays in the record; it cannot be deleted here.")
    record(session, "post_deleted", actor=actor, post_id=post.id, title=post.title)
    session.delete(post)
    return Changes(posts=frozenset({post_id}))


def posts_between(session: Session, start: datetime, end: datetime) -> list[Post]:
    """Posts scheduled or published in [start, end), with their variants, for the calendar."""
    when = func.coalesce(Post.published_at, Post.scheduled_at)
    query = _query_posts().where(when >= start, when < end).order_by(when, Post.id)
    return list(session.scalars(query))


@dataclass(frozen=True, slots=True)
class PostSummary:
    """What a calendar chip or a list row shows of a post, read without loading whole posts."""

    id: int
    title: str
    status: str
    when: datetime | None
    networks: tuple[str, ...]
    campaign_id: int | None
    segment_id: int | None
    series_id: int | None
    kind: str


def summaries_between(session: Session, start: datetime, end: datetime) -> list[PostSummary]:
    """Light rows for posts scheduled or published in [start, end), in time order.

    Two plain queries instead of full objects: a month of a busy clinic's calendar (hundreds
    of posts with their variants) reads in a few milliseconds.
    """
    when = func.coalesce(Post.published_at, Post.scheduled_at)
    window = (when >= start) & (when < end)
    rows = session.execute(
        select(Post.id, Post.title, Post.status, when, Post.campaign_id, Post.segment_id,
               Post.series_id, Post.kind).where(window).order_by(when, Post.id)
    ).all()
    networks: dict[int, list[str]] = {}
    variant_rows = session.execute(
        select(PostVariant.post_id, PostVariant.network)
        .join(Post, Post.id == PostVariant.post_id)
        .where(window, PostVariant.enabled.is_(True))
        .order_by(PostVariant.post_id, PostVariant.network)
    )
    for post_id, network in variant_rows:
        networks.setdefault(post_id, []).append(network)
    return [
        PostSummary(id=r[0], title=r[1], status=r[2], when=r[3],
                    networks=tuple(networks.get(r[0], ())), campaign_id=r[4], segment_id=r[5],
                    series_id=r[6], kind=r[7])
        for r in rows
    ]


def search_posts(session: Session, *, text: str = "", statuses: Iterable[str] = (),
                 network: str | None = None, campaign_id: int | None = None,
                 limit: int = 500, now: datetime | None = None) -> list[Post]:
    """Posts for the post list, filtered as the user asked.

    What is coming up comes first, soonest at the top (what the office works on next), then
    what has passed, most recent first.
    """
    query = _query_posts()
    if text:
        like = f"%{text.lower()}%"
        query = query.where(
            or_(func.lower(Post.body).like(like), func.lower(Post.title).like(like))
        )
    statuses = list(statuses)
    if statuses:
        query = query.where(Post.status.in_(statuses))
    if network:
        query = query.where(
            Post.variants.any((PostVariant.network == network) & PostVariant.enabled.is_(True))
        )
    if campaign_id is not None:
        query = query.where(Post.campaign_id == campaign_id)
    now = now or datetime.now(UTC)
    when = func.coalesce(Post.published_at, Post.scheduled_at, Post.created_at)
    coming = when >= now
    query = query.order_by(case((coming, 0), else_=1), case((coming, when)).asc(),
                           when.desc(), Post.id.desc())
    return list(session.scalars(query.limit(limit)))
