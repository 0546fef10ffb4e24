"""The inbox against the loopback fakes: publish a clinic post, let someone comment on it,
and read back what the clinic's reply looks like on each network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from clinicstudio.compliance import Checker
from clinicstudio.domain import Platform
from clinicstudio.publishing import Publisher
from clinicstudio.store.clinic import save_profile
from clinicstudio.store.database import Database
from clinicstudio.store.models import OutboxEntry
from tests.helpers.publishing_setup import add_post, square_photo

CLINIC_POST = "Our flu clinic is open Saturday 9 to 12. Walk-ins welcome!"
PHONE = "(555) 010-2000"


def set_up_clinic(db: Database) -> None:
    with db.transaction() as session:
        save_profile(session, name="Maple Family Clinic", phones=[PHONE])


def publish_clinic_post(db: Database, vault: Any, network: Platform, tmp_path: Path,
                        text: str = CLINIC_POST) -> tuple[int, str]:
    """A clinic post out on ``network``: (its number here, its id there)."""
    images = [square_photo(tmp_path / f"{network.value}.jpg")] \
        if network is Platform.INSTAGRAM else []
    post_id = add_post(db, text, [network], images=images)
    Publisher(db, vault=vault, checker_factory=Checker).publish_now(post_id)
    with db.session() as session:
        remote = session.scalars(select(OutboxEntry.remote_id).where(
            OutboxEntry.post_id == post_id)).one()
    assert remote, f"the clinic post did not go out on {network.label}"
    return post_id, remote


def comment(fake: Any, network: Platform, on: str, text: str, parent: str = "") -> str:
    """Someone comments on the clinic's post ``on`` (or answers comment ``parent``)."""
    if network in (Platform.FACEBOOK, Platform.INSTAGRAM):
        return str(fake.add_comment(on, text, parent=parent))
    if network is Platform.X:
        return str(fake.add_post(text, replying_to=parent or on))
    if network is Platform.LINKEDIN:
        return str(fake.add_comment(on, text, parent=parent))
    if network is Platform.MASTODON:
        return str(fake.add_reply(parent or on, text))
    return str(fake.add_reply(parent or on, text))


def clinic_replies(fake: Any, network: Platform, to: str) -> list[str]:
    """The texts the clinic posted as answers directly under ``to`` on the fake network."""
    if network in (Platform.FACEBOOK, Platform.INSTAGRAM):
        return [c["message"] for c in fake.replies_to(to)]
    if network is Platform.X:
        return [p["text"] for p in fake.published if p.get("reply_to") == to]
    if network is Platform.LINKEDIN:
        return [str(c["message"]["text"]) for thread in fake.comments.values() for c in thread
                if c.get("parentComment") == to and c["actor"] == fake.organization]
    if network is Platform.MASTODON:
        return [s["content"] for s in fake.published if s.get("in_reply_to_id") == to]
    return [r["text"] for r in fake.records.values()
            if (r.get("reply") or {}).get("parent", {}).get("uri") == to]


def feed_posts(fake: Any, network: Platform) -> int:
    """How many top-level posts the clinic has in its feed on the fake."""
    if network is Platform.X:
        return sum(1 for p in fake.published if not p.get("reply_to"))
    if network is Platform.MASTODON:
        return sum(1 for s in fake.published if not s.get("in_reply_to_id"))
    if network is Platform.BLUESKY:
        return sum(1 for r in fake.records.values() if "reply" not in r)
    return len(fake.published)


# A realistic morning in a family practice's inbox.
MORNING = [
    ("comment", "Jordan Miles", "Is the flu clinic open to kids too? My son is scared of "
     "needles 😅", 50),
    ("comment", "Priya Shah", "Thank you for doing this every year, the walk-in hours make it "
     "so much easier for working parents!", 45),
    ("comment", "Mark Delaney", "WORST experience ever. Waited two hours and the front desk was "
     "RUDE. Never again!!", 30),
    ("reply", "Alicia Gomez", "Same here, I waited a long time last week and nobody called me "
     "back about my bill.", 20),
    ("mention", "Casey Brooks", "Does anyone know if @maplefamily takes new patients on "
     "Medicaid?", 10),
]


def seed_morning(db: Database, network: str = "facebook") -> tuple[int, list[int]]:
    """A published clinic post with five comments of every tone; returns (post, item ids)."""
    from datetime import UTC, datetime, timedelta

    from clinicstudio.domain import Platform as P
    from clinicstudio.inbox.items import store_collected
    from clinicstudio.inbox.tone import tone_of
    from clinicstudio.platforms.api.incoming import Collected, IncomingItem

    post_id = add_post(db, CLINIC_POST, [P(network)])
    now = datetime.now(UTC)
    with db.transaction() as session:
        session.add(OutboxEntry(post_id=post_id, network=network, idempotency_key="seed-key",
                                state="sent", remote_id="1001_5001", sent_at=now))
        collected = Collected()
        first = ""
        for number, (kind, author, text, minutes) in enumerate(MORNING):
            remote = f"5001_{900 + number}"
            first = first or remote
            on_post = kind != "mention"
            collected.add(IncomingItem(
                remote_id=remote, kind=kind, author_name=author, author_handle="",
                author_id=str(700 + number), text=text,
                created_at=now - timedelta(minutes=minutes),
                remote_post_id="1001_5001" if on_post else "",
                parent_id="5001_902" if kind == "reply" else "1001_5001",
                root_id="1001_5001" if on_post else ""))
        stored = store_collected(session, network, collected, {"1001_5001": post_id}, tone_of)
    return post_id, stored.new
