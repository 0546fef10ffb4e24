"""What "Publish now" asks before anything goes out: where, to whom, and what is unusual.

The audience sentences come from :func:`clinicstudio.audience.mapping.network_targeting`, the
call the publisher uses to build each network's request, so the question describes exactly what
will be sent. Plain data, no Qt: the window shows it, the tests read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.audience.mapping import network_targeting
from clinicstudio.audience.operations import spec_from_row
from clinicstudio.domain import Platform
from clinicstudio.platforms.media import FixKind, image_problems
from clinicstudio.platforms.networks import profile
from clinicstudio.platforms.profile import ImageRef
from clinicstudio.store.models import ConnectedAccount, FindingOverride, Post, Segment
from clinicstudio.studio_views import PostSnapshot

FIX_WORDS = {FixKind.CROP: "cropped", FixKind.RESIZE: "scaled down",
             FixKind.RECOMPRESS: "made smaller", FixKind.CONVERT: "converted"}


@dataclass(frozen=True, slots=True)
class PublishQuestion:
    """``networks`` in order; ``audience`` one sentence per network; ``unusual`` the things a
    person should see before saying yes (empty when nothing is out of the ordinary)."""

    networks: tuple[Platform, ...]
    audience: tuple[str, ...]
    unusual: tuple[str, ...] = field(default=())
    demo: bool = False

    @property
    def title(self) -> str:
        return f"Publish to {_names(self.networks)} now?"


def _names(networks: tuple[Platform, ...]) -> str:
    labels = [n.label for n in networks]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def publish_question(session: Session, post: PostSnapshot) -> PublishQuestion:
    networks = tuple(post.networks)
    segment = session.get(Segment, post.segment_id) if post.segment_id else None
    if segment is None:
        audience: tuple[str, ...] = ("Not aimed at a segment: everyone who follows the clinic "
                                     "on each network can see it.",)
    else:
        spec = spec_from_row(segment)
        audience = tuple(f"{network_targeting(spec, n.value).sentence}" for n in networks)
    unusual: list[str] = []
    connected = {Platform(n) for n in session.scalars(select(ConnectedAccount.network))}
    left_out = [p for p in Platform if p in connected and p not in networks]
    if left_out:
        unusual.append(f"Left out: {_names(tuple(left_out))} (connected, but not ticked).")
    missing = [p for p in networks if p not in connected]
    if missing:
        unusual.append(f"Not connected: {_names(tuple(missing))}. Those networks will fail "
                       "until you connect them in Accounts.")
    for row in session.scalars(select(FindingOverride).where(
            FindingOverride.post_id == post.id).order_by(FindingOverride.id)):
        quoted = f" on “{row.span_text}”" if row.span_text else ""
        unusual.append(f"A check was overridden{quoted} by {row.user_name or 'someone'}: "
                       f"{row.reason}")
    unusual += _image_changes(post)
    stored = session.get(Post, post.id)
    card = (stored.link_card or {}) if stored is not None else {}
    if card.get("url") and post.images and Platform.BLUESKY in networks:
        unusual.append("Bluesky shows one attachment: the images go, the link card does not.")
    demo = bool(stored is not None and stored.demo)
    return PublishQuestion(networks, audience, tuple(unusual), demo)


def _image_changes(post: PostSnapshot) -> list[str]:
    """What the per-network preparation will do to the images (crop for Instagram, ...)."""
    lines = []
    for number, image in enumerate(post.images, start=1):
        ref = ImageRef(str(image.path), image.width, image.height, image.alt_text)
        for network in post.networks:
            fixes = {p.fix for p in image_problems(profile(network), ref) if p.fix}
            if fixes:
                words = ", ".join(FIX_WORDS[f] for f in FixKind if f in fixes)
                lines.append(f"Image {number} is {words} for {network.label}.")
    return lines
