"""Recurring posts: a series (a repeat rule) and the posts it creates ahead of time.

A series creates real posts for its occurrences up to a horizon (three months by default), so
each one can be checked, approved and changed on its own. Editing "this one" changes one post;
"all following" and "all" change every post of the series that has not gone out, keeping each
one's date. How far a series has been created is kept as an audit event ("series_extended"), so
an occurrence that was moved or deleted by hand is never created a second time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import Changes, PostStatus, UserError
from clinicstudio.planning.queries import FIXED_STATUSES
from clinicstudio.planning.recurrence import occurrences, parse_rule
from clinicstudio.store.audit import record
from clinicstudio.store.models import AuditEvent, Post, PostSeries
from clinicstudio.store.posts import PostDraft, create_post, delete_post, get_post, update_post

HORIZON = timedelta(days=91)


class SeriesScope(StrEnum):
    """Which posts of a series an edit applies to."""

    THIS = "this"
    FOLLOWING = "following"
    ALL = "all"


def draft_from_post(post: Post) -> PostDraft:
    """Everything an author set on ``post``, to copy it to other occurrences."""
    return PostDraft(
        body=post.body, title=post.title, networks=tuple(post.networks),
        overrides={v.network: v.text_override for v in post.variants
                   if v.text_override is not None},
        options={v.network: dict(v.options) for v in post.variants if v.options},
        kind=post.kind, reply_context=post.reply_context, scheduled_at=post.scheduled_at,
        campaign_id=post.campaign_id, segment_id=post.segment_id, author_id=post.author_id,
        media_ids=tuple(link.media_id for link in post.media_links),
        link_card=post.link_card or {}, demo=post.demo,
    )


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def series_posts(session: Session, series_id: int) -> list[Post]:
    query = select(Post).where(Post.series_id == series_id).order_by(Post.scheduled_at, Post.id)
    return list(session.scalars(query))


def created_through(session: Session, series_id: int) -> datetime | None:
    """The time up to which the series' posts have been created (None before the first time)."""
    query = (select(AuditEvent.detail).where(AuditEvent.action == "series_extended")
             .order_by(AuditEvent.id.desc()))
    for detail in session.scalars(query):
        if detail.get("series_id") == series_id:
            return datetime.fromisoformat(detail["through"])
    return None


def _create_occurrences(session: Session, series: PostSeries, template: PostDraft,
                        zone: ZoneInfo, since: datetime | None, through: datetime,
                        actor: str) -> Changes:
    created: set[int] = set()
    for when in occurrences(parse_rule(series.rule), series.starts_at, zone, end=through):
        if since is not None and when < since:
            continue
        post, _ = create_post(session, replace(template, scheduled_at=when), actor=actor)
        post.series_id = series.id
        created.add(post.id)
    session.flush()
    record(session, "series_extended", actor=actor, series_id=series.id,
           through=through.isoformat(), created=len(created))
    return Changes(posts=frozenset(created))


def create_series(session: Session, name: str, rule: str, first: datetime, template: PostDraft,
                  zone: ZoneInfo, *, through: datetime | None = None, actor: str = "",
                  now: datetime | None = None) -> tuple[PostSeries, Changes]:
    """Start a series at ``first`` (its wall-clock time in ``zone`` is kept for every occurrence)
    and create its posts from now up to ``through`` (default: three months from now)."""
    recurrence = parse_rule(rule)
    series = PostSeries(name=name or template.title or "Recurring post", rule=recurrence.to_rule(),
                        starts_at=first.astimezone(UTC), until=recurrence.until_utc(zone))
    session.add(series)
    session.flush()
    # Occurrences already past are skipped: they would go out late the moment they are saved.
    moment = _now(now)
    changes = _create_occurrences(session, series, template, zone, moment,
                                  through or moment + HORIZON, actor)
    if not changes.posts:
        raise UserError("This repeat rule has no dates still to come; check its start and end.")
    return series, changes


def extend_series(session: Session, series_id: int, zone: ZoneInfo, through: datetime, *,
                  actor: str = "") -> Changes:
    """Create the series' posts after what exists, up to ``through``, copying the latest one."""
    series = session.get(PostSeries, series_id)
    if series is None:
        raise UserError(f"There is no recurring series number {series_id}.")
    done = created_through(session, series_id)
    posts = series_posts(session, series_id)
    if (done is not None and done >= through) or not posts:
        return Changes()
    template = draft_from_post(get_post(session, posts[-1].id))
    return _create_occurrences(session, series, template, zone, done, through, actor)


def extend_all_series(session: Session, zone: ZoneInfo, *, through: datetime | None = None,
                      actor: str = "", now: datetime | None = None) -> Changes:
    """Keep every running series created three months ahead (run daily by the app)."""
    moment = _now(now)
    changes = Changes()
    for series in session.scalars(select(PostSeries).order_by(PostSeries.id)):
        if series.until is None or series.until >= moment:
            changes |= extend_series(session, series.id, zone, through or moment + HORIZON,
                                     actor=actor)
    return changes


def _open_posts(session: Session, series_id: int, since: datetime | None) -> list[Post]:
    return [p for p in series_posts(session, series_id)
            if PostStatus(p.status) not in FIXED_STATUSES
            and (since is None or (p.scheduled_at is not None and p.scheduled_at >= since))]


def _split(session: Session, series: PostSeries, at: datetime, new_start: datetime,
           rule: str, zone: ZoneInfo, actor: str) -> PostSeries:
    """End ``series`` just before ``at`` and start a copy of it at ``new_start``."""
    old_rule = parse_rule(series.rule)
    before = sum(1 for _ in occurrences(old_rule, series.starts_at, zone, at))
    last = (at - timedelta(seconds=1)).astimezone(UTC)
    if old_rule.count is not None:
        series.rule = replace(old_rule, count=max(before, 1)).to_rule()
    else:
        series.rule = replace(old_rule, until=last).to_rule()
    series.until = last
    recurrence = parse_rule(rule)
    if recurrence.count is not None:
        recurrence = replace(recurrence, count=max(recurrence.count - before, 1))
    follower = PostSeries(name=series.name, rule=recurrence.to_rule(),
                          starts_at=new_start.astimezone(UTC), until=recurrence.until_utc(zone))
    session.add(follower)
    session.flush()
    record(session, "series_split", actor=actor, series_id=series.id, new_series_id=follower.id,
           at=at.isoformat())
    return follower


def edit_series(session: Session, post_id: int, draft: PostDraft, scope: SeriesScope,
                zone: ZoneInfo, *, actor: str = "") -> Changes:
    """Save an edit of a series post for this one, all following, or all not yet sent.

    A new time of day (or date) moves every chosen post by the same wall-clock amount, so 09:00
    becomes 10:00 on both sides of a daylight-saving change.
    """
    post = get_post(session, post_id)
    if scope is SeriesScope.THIS or post.series_id is None or post.scheduled_at is None:
        return update_post(session, post_id, draft, actor=actor)[1]
    series = session.get(PostSeries, post.series_id)
    assert series is not None
    old_local = post.scheduled_at.astimezone(zone).replace(tzinfo=None)
    new_local = (draft.scheduled_at.astimezone(zone).replace(tzinfo=None)
                 if draft.scheduled_at is not None else old_local)
    shift = new_local - old_local
    rule = parse_rule(series.rule)
    if new_local.date() != old_local.date() and (rule.by_day or rule.by_month_day):
        raise UserError("To move a whole series to other days, change its repeat rule; "
                        "here you can change its time of day.")
    since = post.scheduled_at if scope is SeriesScope.FOLLOWING else None
    targets = _open_posts(session, series.id, since)

    def shifted(moment: datetime) -> datetime:
        wall = moment.astimezone(zone).replace(tzinfo=None) + shift
        return wall.replace(tzinfo=zone).astimezone(UTC)

    if shift and scope is SeriesScope.FOLLOWING and series.starts_at < post.scheduled_at:
        follower = _split(session, series, post.scheduled_at, shifted(post.scheduled_at),
                          series.rule, zone, actor)
        done = created_through(session, series.id)
        record(session, "series_extended", actor=actor, series_id=follower.id,
               through=shifted(done or post.scheduled_at).isoformat(), created=0)
        for target in targets:
            target.series_id = follower.id
    elif shift:
        series.starts_at = shifted(series.starts_at)
    changes = Changes()
    for target in targets:
        when = shifted(target.scheduled_at) if target.scheduled_at is not None else None
        changes |= update_post(session, target.id, replace(draft, scheduled_at=when),
                               actor=actor)[1]
    return changes


def change_series_rule(session: Session, post_id: int, rule: str, scope: SeriesScope,
                       zone: ZoneInfo, *, through: datetime | None = None, actor: str = "",
                       now: datetime | None = None) -> Changes:
    """Give a series a new repeat rule from ``post_id`` on (FOLLOWING) or from now on (ALL).

    Posts of the series not yet sent from that point are replaced by posts on the new dates,
    copied from ``post_id``.
    """
    parse_rule(rule)
    post = get_post(session, post_id)
    if post.series_id is None or post.scheduled_at is None:
        raise UserError("This post is not part of a recurring series.")
    series = session.get(PostSeries, post.series_id)
    assert series is not None
    template = draft_from_post(post)
    moment = _now(now)
    start = post.scheduled_at if scope is SeriesScope.FOLLOWING else series.starts_at
    changes = Changes()
    for old in _open_posts(session, series.id, max(start, moment)):
        changes |= delete_post(session, old.id, actor=actor)
    session.flush()
    if scope is SeriesScope.FOLLOWING and series.starts_at < post.scheduled_at:
        target = _split(session, series, post.scheduled_at, post.scheduled_at, rule, zone, actor)
    else:
        recurrence = parse_rule(rule)
        series.rule, series.until = recurrence.to_rule(), recurrence.until_utc(zone)
        target = series
    return changes | _create_occurrences(session, target, template, zone, moment,
                                         through or moment + HORIZON, actor)
