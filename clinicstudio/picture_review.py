"""The editor's picture checks: what each attached picture shows, who the faces are, the fix.

:meth:`PictureReview.check` is slow the first time a picture is seen (about a second for a
12 MP photo) and is meant for a worker thread; the analysis is remembered by the picture's hash,
so re-checking after a face was named or at the publish gate is immediate. The fix writes a new
version of the picture and attaches it in the original's place (the original stays in the
library and is never uploaded).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from clinicstudio.domain import Changes, ClinicIdentity, Finding, UserError
from clinicstudio.store import media_versions
from clinicstudio.store.database import Database
from clinicstudio.studio_views import ImageInfo, PostSnapshot, image_info

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class PictureCheck:
    """What the checks say about one attached picture."""

    image: ImageInfo
    number: int  # position in the post, from 0
    findings: tuple[Finding, ...]
    faces: tuple[Box, ...]
    roles: tuple[str, ...]  # per face: "staff", "patient", "model" or ""
    read: bool  # False when pictures cannot be read on this computer

    @property
    def blocked(self) -> bool:
        return any(f.blocks for f in self.findings)

    @property
    def summary(self) -> str:
        """One line for the picture's card."""
        if not self.read:
            return "Pictures are not read on this computer: look at it yourself."
        blocking = sum(f.blocks for f in self.findings)
        warnings = len(self.findings) - blocking
        if blocking:
            return (f"{blocking} thing{'s' if blocking > 1 else ''} in this picture may show "
                    "a patient: review it before posting.")
        if warnings:
            return f"{warnings} thing{'s' if warnings > 1 else ''} worth a look in this picture."
        return "Nothing about patients found in this picture."


class PictureReview:
    def __init__(self, db: Database, clinic: Callable[[], ClinicIdentity]) -> None:
        self._db = db
        self._clinic = clinic
        self._inspector: Any = None
        self._inspector_for: ClinicIdentity | None = None

    def check(self, post: PostSnapshot) -> list[PictureCheck]:
        """Every picture of ``post`` checked, in order (for a worker thread)."""
        from clinicstudio.photos import picture_checks, unread_finding

        inspection = picture_checks()
        checks = []
        for number, image in enumerate(post.images):
            with self._db.session() as session:
                roles = media_versions.person_roles(session, image.id)
            if inspection is None:
                from clinicstudio.compliance import Checker

                finding = unread_finding(Checker(self._clinic()), number,
                                         (image.width, image.height))
                checks.append(PictureCheck(image, number, (finding,), (), roles, False))
                continue
            try:
                data = image.path.read_bytes()
            except OSError as exc:
                raise UserError(f"The picture {image.name} is missing from the media folder; "
                                "attach it again.") from exc
            facts = inspection.PhotoFacts(image.consent_ref, roles)
            report = self._ready(inspection).inspect(data, number, facts, name=image.name)
            checks.append(PictureCheck(image, number, tuple(report.findings),
                                       report.analysis.faces, roles, report.analysis.read))
        return checks

    def name_person(self, media_id: int, face: int, role: str, actor: str = "") -> Changes:
        with self._db.transaction() as session:
            return media_versions.set_person_role(session, media_id, face, role, actor)

    def fix(self, post_id: int, image: ImageInfo, boxes: Sequence[Box], how: str,
            actor: str = "") -> tuple[ImageInfo, Changes]:
        """Blur or cover ``boxes`` in ``image``; the post gets the new version in its place."""
        from clinicstudio.photos.covering import fixed_picture

        if not boxes:
            raise UserError("Pick at least one marked area of the picture to blur or cover.")
        data, mime = fixed_picture(image.path.read_bytes(), boxes, how)
        what = f"{'blurred' if how == 'blur' else 'covered'} {len(boxes)} area(s)"
        with self._db.transaction() as session:
            version, changes = media_versions.save_fixed_version(
                session, self._db.media_dir, post_id, image.id, data, mime, what=what,
                actor=actor)
            return image_info(self._db.media_dir, version), changes

    def _ready(self, inspection: Any) -> Any:
        clinic = self._clinic()
        if self._inspector is None or clinic != self._inspector_for:
            from clinicstudio.compliance import Checker

            self._inspector = inspection.PhotoInspector(Checker(clinic))
            self._inspector_for = clinic
        return self._inspector
