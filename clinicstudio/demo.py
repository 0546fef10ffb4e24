"""The demo clinic: a realistic studio for a newcomer to explore, loaded into an empty database.

The clinic, its staff, campaigns, segments, images and posts come from ``resources/demo``; the
posts are spread around today so the calendar is alive whenever the demo is loaded. Loading is
all-or-nothing (one transaction) and happens once: a database that already holds the demo, or a
clinic of its own, is left alone.

Every demo post is marked (``Post.demo``) and is never sent to a network, whatever path asks
(see :func:`clinicstudio.publishing.gate.demo_refusal`); :func:`remove_demo` takes everything
the demo added out again. The window opens the demo in a database of its own
(:func:`demo_database_path`), apart from the clinic's.
"""

from __future__ import annotations

import io
import random
import tempfile
import tomllib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clinicstudio.domain import OutboxState, PostStatus, Role
from clinicstudio.resources import resource_path
from clinicstudio.settings import has_staff
from clinicstudio.store.clinic import add_staff, get_profile, save_profile
from clinicstudio.store.database import Database, default_database_path
from clinicstudio.store.media import import_image
from clinicstudio.store.models import (
    Campaign,
    ClinicProfile,
    MediaAsset,
    MetricSnapshot,
    OutboxEntry,
    Post,
    PostMedia,
    Segment,
    Setting,
    StaffUser,
)
from clinicstudio.store.posts import PostDraft, create_post

MARKER = "demo_loaded"
ACTOR = "demo"

FAILURE_MESSAGES = {
    "instagram": "Your Instagram connection expired. Reconnect it in Accounts, then retry.",
    "x": "X is limiting how often we can post right now. ClinicStudio will retry after 3:15 pm.",
    "linkedin": "LinkedIn refused the post because the connection lost its permission to post "
    "for the page. Reconnect LinkedIn in Accounts.",
    "facebook": "Facebook could not be reached. Check the internet connection, then retry.",
    "mastodon": "Your Mastodon server was down for maintenance. Retry in a few minutes.",
    "bluesky": "Bluesky asked us to slow down. ClinicStudio will retry in 5 minutes.",
}
POST_URLS = {
    "facebook": "https://www.facebook.com/maplegrovehealth/posts/{n}",
    "instagram": "https://www.instagram.com/p/CS{n}/",
    "x": "https://x.com/maplegrovehealth/status/18{n}",
    "linkedin": "https://www.linkedin.com/feed/update/urn:li:share:70{n}/",
    "mastodon": "https://mastodon.social/@maplegrovehealth/11{n}",
    "bluesky": "https://bsky.app/profile/maplegrovehealth.bsky.social/post/3k{n}",
}


class DemoRefused(Exception):
    """The database already holds a clinic of its own; the demo would mix into real work."""


def demo_database_path() -> Path:
    """Where the window keeps the demo clinic: a file of its own beside the clinic's database."""
    return default_database_path().with_name("demo-clinic.sqlite")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    posts: int
    images: int
    segments: int
    campaigns: int


def has_demo(session: Session) -> bool:
    return session.get(Setting, MARKER) is not None


def is_empty(session: Session) -> bool:
    return get_profile(session) is None and not session.scalar(select(func.count(Post.id)))


def load_demo(db: Database, *, today: date | None = None) -> DemoSummary | None:
    """Fill an empty database with the demo clinic. Returns None when the demo is already there.

    Raises :class:`DemoRefused` when the database holds a clinic of its own.
    """
    with db.transaction() as session:
        if has_demo(session):
            return None
        if not is_empty(session):
            raise DemoRefused("This database already holds a clinic's own posts, so the demo was "
                              "not added. Use --db to load the demo into a new file.")
        data = tomllib.loads(resource_path("demo", "clinic.toml").read_text("utf-8"))
        posts = tomllib.loads(resource_path("demo", "posts.toml").read_text("utf-8"))["posts"]
        zone = ZoneInfo(data["clinic"]["time_zone"])
        today = today or datetime.now(zone).date()
        profile = save_profile(session, actor=ACTOR, **data["clinic"])
        staff = [add_staff(session, person["name"], role=Role(person["role"]),
                           email=person["email"], title=person["title"], actor=ACTOR).id
                 for person in data["staff"]]
        campaigns = _add_campaigns(session, data["campaigns"], today)
        segments = _add_segments(session, data["segments"])
        images = _add_images(session, db.media_dir, data["images"])
        count = _add_posts(session, posts, today, zone, campaigns, segments, images)
        # What the demo added, so that --remove takes out exactly that and nothing of the clinic.
        session.add(Setting(key=MARKER, value={
            "loaded_on": today.isoformat(), "profile": profile.id, "staff": staff,
            "campaigns": sorted(campaigns.values()), "segments": sorted(segments.values()),
            "images": sorted(images.values())}))
        return DemoSummary(count, len(images), len(segments), len(campaigns))


def remove_demo(db: Database) -> int | None:
    """Take the demo clinic out of ``db``; returns how many posts went, None if it was not there.

    The clinic's own posts, segments, campaigns and images stay, even those made while the demo
    was in: a campaign, segment or image the demo brought is kept when one of them uses it, and
    the demo's clinic profile only while it still carries the demo clinic's name.
    """
    with db.transaction() as session:
        marker = session.get(Setting, MARKER)
        if marker is None:
            return None
        added = dict(marker.value or {})
        posts = list(session.scalars(select(Post).where(Post.demo.is_(True))))
        for post in posts:
            session.delete(post)
        session.flush()
        kept = select(Post.id).where(Post.demo.is_(False))
        for model, column in ((Campaign, Post.campaign_id), (Segment, Post.segment_id)):
            ids = added.get(model.__tablename__, [])
            used = set(session.scalars(select(column).where(column.in_(ids))))
            session.execute(delete(model).where(model.id.in_(set(ids) - used)))
        images = added.get("images", [])
        used = set(session.scalars(select(PostMedia.media_id).where(
            PostMedia.media_id.in_(images), PostMedia.post_id.in_(kept))))
        unused = set(images) - used
        for asset in session.scalars(select(MediaAsset).where(MediaAsset.id.in_(unused))):
            (db.media_dir / asset.stored_name).unlink(missing_ok=True)
            session.delete(asset)
        session.execute(delete(StaffUser).where(StaffUser.id.in_(added.get("staff", []))))
        profile = session.get(ClinicProfile, added.get("profile", -1))
        demo_name = tomllib.loads(resource_path("demo", "clinic.toml").read_text("utf-8"))
        if profile is not None and profile.name == demo_name["clinic"]["name"]:
            session.delete(profile)
        session.delete(marker)
        return len(posts)


def _add_campaigns(session: Session, rows: list[dict[str, Any]], today: date) -> dict[str, int]:
    ids: dict[str, int] = {}
    for row in rows:
        start = today + timedelta(days=row["start_offset_days"])
        campaign = Campaign(name=row["name"], goal=row["goal"], starts_on=start,
                            ends_on=start + timedelta(days=row["length_days"]),
                            budget_cents=row["budget_cents"], utm_defaults=row["utm"])
        session.add(campaign)
        session.flush()
        ids[campaign.name] = campaign.id
    return ids


def _add_segments(session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for row in rows:
        segment = Segment(**row)
        session.add(segment)
        session.flush()
        ids[segment.name] = segment.id
    return ids


def _add_images(session: Session, media_dir: Path, rows: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        for row in rows:
            path = Path(folder) / f"{row['file']}.jpg"
            path.write_bytes(_illustration(row["title"], row["colour"]))
            asset, _ = import_image(session, media_dir, path, alt_text=row["alt"], actor=ACTOR)
            ids[row["file"]] = asset.id
    return ids


def _illustration(title: str, colour: str) -> bytes:
    """A calm, flat illustration card (deterministic, so loading twice stores one copy)."""
    image = Image.new("RGB", (1080, 1080), colour)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        inset = 90 + i * 70
        draw.ellipse((inset, inset, 1080 - inset, 1080 - inset),
                     outline=(255, 255, 255), width=3 if i % 2 else 1)
    font = ImageFont.load_default(size=96)
    box = draw.textbbox((0, 0), title, font=font)
    draw.text(((1080 - (box[2] - box[0])) / 2, (1080 - (box[3] - box[1])) / 2), title,
              font=font, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _status_for(index: int, row: dict[str, Any], when: datetime, now: datetime,
                staffed: bool) -> PostStatus:
    if when <= now:
        return PostStatus(row.get("state", PostStatus.PUBLISHED))
    if row["text"].startswith("Draft:") or row.get("note"):
        return PostStatus.DRAFT
    if not staffed:  # a one-person office approves nothing: no post waits for approval
        return [PostStatus.SCHEDULED, PostStatus.SCHEDULED, PostStatus.SCHEDULED,
                PostStatus.DRAFT, PostStatus.SCHEDULED][index % 5]
    return [PostStatus.SCHEDULED, PostStatus.SCHEDULED, PostStatus.APPROVED,
            PostStatus.IN_REVIEW, PostStatus.SCHEDULED][index % 5]


def _add_posts(session: Session, rows: list[dict[str, Any]], today: date, zone: ZoneInfo,
               campaigns: dict[str, int], segments: dict[str, int], images: dict[str, int]) -> int:
    rng = random.Random(7)  # the same demo every time
    now = datetime.now(UTC)
    staffed = has_staff(session)
    for index, row in enumerate(rows):
        local = datetime.combine(today + timedelta(days=row["day"]), time.fromisoformat(row["at"]))
        when = local.replace(tzinfo=zone).astimezone(UTC)
        overrides = {net: row[net] for net in ("x", "instagram", "linkedin") if net in row}
        draft = PostDraft(
            body=row["text"], networks=row["networks"], overrides=overrides,
            kind=row.get("kind", "post"), reply_context=row.get("reply_context", ""),
            scheduled_at=when, campaign_id=campaigns.get(row.get("campaign", "")),
            segment_id=segments.get(row.get("segment", "")),
            media_ids=[images[row["image"]]] if "image" in row else [],
            demo=True,
        )
        status = _status_for(index, row, when, now, staffed)
        post, _ = create_post(session, draft, actor=ACTOR, status=status)
        if when <= now:
            _add_history(session, post, status, when, rng)
    return len(rows)


def _add_history(session: Session, post: Post, status: PostStatus, when: datetime,
                 rng: random.Random) -> None:
    """What happened to a past post: outbox results per network and engagement over a week."""
    networks = post.networks
    failed = set(networks) if status is PostStatus.FAILED else set()
    if status is PostStatus.PARTLY_PUBLISHED:
        failed = {networks[-1]}
    for network in networks:
        number = rng.randrange(10**9, 10**10)
        ok = network not in failed
        session.add(OutboxEntry(
            post_id=post.id, network=network, idempotency_key=uuid.uuid4().hex,
            state=str(OutboxState.SENT if ok else OutboxState.FAILED), attempt_count=1 if ok else 3,
            remote_id=str(number) if ok else "", sent_at=when if ok else None,
            remote_url=POST_URLS[network].format(n=number) if ok else "",
            error_message="" if ok else FAILURE_MESSAGES[network],
        ))
        if not ok:
            continue
        reach = rng.randrange(150, 2400)
        boosted = post.campaign_id is not None and network == "facebook"
        for day in (1, 3, 7):
            share = day / 7
            session.add(MetricSnapshot(
                post_id=post.id, network=network, taken_at=when + timedelta(days=day),
                impressions=int(reach * 1.6 * share), reach=int(reach * share),
                likes=int(reach * 0.04 * share), comments=int(reach * 0.006 * share),
                shares=int(reach * 0.008 * share), link_clicks=int(reach * 0.02 * share),
                spend_cents=int(2500 * share) if boosted else 0,
                bookings=int(rng.randrange(0, 6) * share) if boosted else 0,
            ))
    if status is not PostStatus.FAILED:
        post.published_at = when
