"""A clinic's results history for tests and the benchmark: published posts on six networks with
daily readings, follower counts, campaigns with spend and conversions.

Readings go through the same :func:`keep_reading` the collector uses (history, latest figures
and daily growth), or, for the benchmark's millions of rows, straight into the tables in bulk
with the rollups computed alongside.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

from clinicstudio.analytics.readings import FIGURES, SNAPSHOT_COLUMNS
from clinicstudio.domain import Platform
from clinicstudio.store.database import Database
from clinicstudio.store.models import (
    Campaign,
    CampaignSpend,
    ConversionRecord,
    FollowerSnapshot,
    MetricDaily,
    MetricLatest,
    MetricSnapshot,
    Post,
)

REPORTED = {  # what each network reports (None = not reported)
    "facebook": {"quotes", "saves"}, "instagram": {"quotes", "clicks"},
    "x": {"reach"}, "linkedin": {"quotes", "saves"},
    "mastodon": {"saves", "impressions", "reach", "clicks"},
    "bluesky": {"impressions", "reach", "clicks"},
}
TITLES = ("Flu shots are in", "Meet Dr. Alvarez", "Sports physicals Saturday",
          "Holiday hours", "Sun safety tips", "New patient welcome", "Back-to-school checkups",
          "Hand washing week", "Our front desk team", "Allergy season tips")


def _figures(network: str, scale: float, rng: random.Random) -> dict[str, int | None]:
    base = {"likes": 40, "reposts": 8, "replies": 5, "quotes": 2, "saves": 4,
            "impressions": 900, "reach": 650, "clicks": 18}
    missing = REPORTED[network]
    return {name: (None if name in missing else int(value * scale * rng.uniform(0.6, 1.4)))
            for name, value in base.items()}


def seed_results(db: Database, *, posts: int = 24, days: int = 90,
                 networks: tuple[str, ...] = tuple(p.value for p in Platform),
                 end: date | None = None, seed: int = 7) -> dict[str, int]:
    """Published posts over the last ``days`` with one reading a day each; returns ids."""
    rng = random.Random(seed)
    end = end or datetime.now(UTC).date()
    start = end - timedelta(days=days - 1)
    with db.transaction() as session:
        flu = Campaign(name="Flu shots fall", slug="flu-shots-fall", budget_cents=60000,
                       utm_defaults={"utm_campaign": "flu-shots-fall"})
        sports = Campaign(name="Sports physicals", slug="sports-physicals", budget_cents=20000,
                          utm_defaults={"utm_campaign": "sports-physicals"})
        session.add_all([flu, sports, Campaign(name="Open house", slug="open-house")])
        session.flush()
        post_rows = []
        for number in range(posts):
            day = start + timedelta(days=int(number * days / posts))
            hour = (9, 12, 17, 19)[number % 4]
            published = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)
            post_rows.append(Post(title=TITLES[number % len(TITLES)], body="A post.",
                                  status="published", published_at=published,
                                  campaign_id=(flu.id, sports.id, None)[number % 3]))
        session.add_all(post_rows)
        session.flush()
        ids = {"flu": flu.id, "sports": sports.id}
        snapshots, latest, daily = [], [], {}
        for post in post_rows:
            assert post.published_at is not None
            scale = 0.5 + 1.5 * rng.random() * (2 if post.published_at.hour == 12 else 1)
            for network in networks:
                final = _figures(network, scale, rng)
                previous: dict[str, int | None] = dict.fromkeys(FIGURES)
                first_day = post.published_at.date()
                span = max((end - first_day).days, 0)
                for offset in range(span + 1):
                    share = min(1.0, (offset + 1) / 7)
                    now = {k: (None if v is None else int(v * share)) for k, v in final.items()}
                    taken = datetime.combine(first_day + timedelta(days=offset),
                                             datetime.min.time(), UTC) + timedelta(hours=23)
                    snapshots.append({"post_id": post.id, "network": network, "taken_at": taken,
                                      **{SNAPSHOT_COLUMNS[f]: now[f] for f in FIGURES},
                                      "followers": 0, "spend_cents": 0, "bookings": 0})
                    row = daily.setdefault((taken.date(), network),
                                           {"day": taken.date(), "network": network,
                                            **dict.fromkeys(FIGURES)})
                    for name in FIGURES:
                        if now[name] is not None:
                            row[name] = (row[name] or 0) + now[name] - (previous[name] or 0)
                    previous = now
                    if len(snapshots) >= 20_000:
                        session.execute(insert(MetricSnapshot), snapshots)
                        snapshots = []
                latest.append({"post_id": post.id, "network": network,
                               "taken_at": datetime.combine(end, datetime.min.time(), UTC)
                               + timedelta(hours=23), **previous})
        if snapshots:
            session.execute(insert(MetricSnapshot), snapshots)
        session.execute(insert(MetricLatest), latest)
        session.execute(insert(MetricDaily), list(daily.values()))
        followers = []
        for index, network in enumerate(networks):
            count = 300 + 150 * index
            for offset in range(days):
                count += rng.randint(0, 4 + index)
                followers.append({"network": network, "account": f"maple-{network}",
                                  "followers": count, "account_id": None,
                                  "taken_at": datetime.combine(start + timedelta(days=offset),
                                                               datetime.min.time(), UTC)
                                  + timedelta(hours=12)})
        session.execute(insert(FollowerSnapshot), followers)
        session.add_all([
            CampaignSpend(campaign_id=flu.id, spent_on=start, network="facebook",
                          amount_cents=25000),
            CampaignSpend(campaign_id=flu.id, spent_on=start, network="instagram",
                          amount_cents=15000),
            CampaignSpend(campaign_id=sports.id, spent_on=start, network="facebook",
                          amount_cents=8000),
            ConversionRecord(occurred_on=start + timedelta(days=3), utm_source="facebook",
                             utm_medium="social", utm_campaign="flu-shots-fall",
                             campaign_id=flu.id, network="facebook", conversions=14,
                             revenue_cents=168000),
            ConversionRecord(occurred_on=start + timedelta(days=4), utm_source="instagram",
                             utm_medium="social", utm_campaign="flu-shots-fall",
                             campaign_id=flu.id, network="instagram", conversions=5,
                             revenue_cents=60000)])
    return ids
