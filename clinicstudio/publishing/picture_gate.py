"""The publish gate's look at a post's pictures: text, faces, screens and paperwork in them.

Runs the same picture checks as the editor (their analysis is remembered by the picture's hash,
so a picture the editor already checked costs nothing here). A blocking finding in a picture
stops every network, since every network would receive the picture. An approver's override is
kept per picture and region: the span text of a picture blocker names the picture's hash and
the box, so a new version of the picture is checked afresh.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from clinicstudio.domain import Finding
from clinicstudio.store.media import stored_path
from clinicstudio.store.media_versions import person_roles
from clinicstudio.store.models import Post

log = logging.getLogger(__name__)


def picture_span(sha256: str, finding: Finding) -> str:
    """How a picture finding is named in overrides: which picture, which rule's region."""
    box = finding.region.box if finding.region is not None else (0, 0, 0, 0)
    return f"picture {sha256[:12]} at {box[0]},{box[1]} {box[2]}×{box[3]}"


def picture_findings(session: Any, post: Post, checker: Any,
                     media_dir: Path) -> list[tuple[str, Finding]]:
    """Every finding in the post's pictures, with the picture's hash."""
    from clinicstudio.photos import picture_checks, unread_finding

    inspection = picture_checks()
    found: list[tuple[str, Finding]] = []
    inspector = inspection.PhotoInspector(checker) if inspection is not None else None
    for number, link in enumerate(post.media_links):
        asset = link.media
        if inspector is None:
            found.append((asset.sha256, unread_finding(checker, number,
                                                       (asset.width, asset.height))))
            continue
        try:
            data = stored_path(media_dir, asset).read_bytes()
        except OSError:
            # The text gate already refuses a post whose picture is missing (images.py).
            log.warning("picture %s is missing from the media folder", asset.stored_name)
            continue
        facts = inspection.PhotoFacts(asset.consent_ref, person_roles(session, asset.id))
        report = inspector.inspect(data, number, facts, name=asset.original_name)
        found.extend((asset.sha256, finding) for finding in report.findings)
    return found


def picture_blocks(session: Any, post: Post, checker: Any, media_dir: Path,
                   networks: Iterable[str], allowed: set[tuple[str, str]]) -> list[tuple]:
    """(network, rule, message, span) for each blocking picture finding not overridden.

    A checker without a rule catalogue (a stand-in some callers pass) does not judge pictures.
    """
    if not hasattr(checker, "rules"):
        return []
    rows = []
    networks = list(networks)
    for sha256, finding in picture_findings(session, post, checker, media_dir):
        if not finding.blocks:
            continue
        span = picture_span(sha256, finding)
        if (finding.rule, span) in allowed:
            continue
        rows += [(network, finding.rule, finding.message, span) for network in networks]
    return rows
