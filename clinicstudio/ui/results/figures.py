"""Turning :class:`~clinicstudio.analytics.results.Results` into what the charts and tiles
show: weekly totals for long periods, follower lines, headline figures in plain words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from clinicstudio.analytics.results import Results

NO_CONVERSIONS = "no conversions yet"


def by_week(series: Sequence[tuple[date, int]], start: date) -> list[tuple[date, float]]:
    """Daily values added up per week (weeks counted from ``start``), for a calmer line."""
    first = start.toordinal()
    weeks: dict[int, float] = defaultdict(float)
    for day, value in series:
        weeks[(day.toordinal() - first) // 7] += value
    return [(start + timedelta(days=7 * week), total) for week, total in sorted(weeks.items())]


def week_ends(series: Sequence[tuple[date, int]], start: date) -> list[tuple[date, float]]:
    """The last value of each week: a count (followers) over a long period, drawn calmly and
    quickly (two years of daily readings become about a hundred points)."""
    first = start.toordinal()
    weeks: dict[int, tuple[date, float]] = {}
    for day, value in series:
        weeks[(day.toordinal() - first) // 7] = (day, float(value))
    return [weeks[week] for week in sorted(weeks)]


def engagement_lines(results: Results) -> dict[str, list[tuple[date, float]]]:
    long = (results.end - results.start).days > 45
    return {network: (by_week(series, results.start) if long
                      else [(d, float(v)) for d, v in series])
            for network, series in results.engagement.items()}


def follower_lines(results: Results) -> dict[str, list[tuple[date, float]]]:
    long = (results.end - results.start).days > 45
    return {n: (week_ends(series, results.start) if long else
                [(d, float(v)) for d, v in series]) for n, series in results.followers.items()}


def money(value: float | None) -> str:
    return "–" if value is None else f"${value:,.2f}"


def headline(results: Results) -> list[tuple[str, str, str]]:
    """(label, figure, note) for the tiles at the top of the pane and the report."""
    spend = sum(c.total.spend_cents for c in results.campaigns)
    conversions = sum(c.total.conversions for c in results.campaigns)
    revenue = sum(c.total.revenue_cents for c in results.campaigns)
    changes = results.follower_change()
    now = sum(after for _, after in changes.values())
    gained = sum(after - before for before, after in changes.values())
    cpa = money(spend / conversions / 100) if conversions else NO_CONVERSIONS
    roas = f"{revenue / spend:.1f}×" if spend else "no spend yet"
    best_hour = results.best_hour()
    best = (f"{results.best_day()}, {best_hour:02d}:00" if best_hour is not None
            else "not enough posts yet")
    return [
        ("Engagements", f"{results.engagements:,}",
         f"on {results.posts_measured:,} post(s) measured"),
        ("Followers", f"{now:,}" if changes else "not read yet",
         f"{gained:+,} in this period" if changes else "refresh to read them"),
        ("Spend", money(spend / 100), f"{conversions:,} conversion(s)"),
        ("Cost per conversion", cpa, "spend ÷ conversions"),
        ("Return on ad spend", roas, f"revenue {money(revenue / 100)}"),
        ("Best day and hour to post", best,
         f"average per post ({results.time_zone})"),
    ]
