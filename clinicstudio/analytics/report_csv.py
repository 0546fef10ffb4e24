"""The report's figures as CSV: one section per table, for a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

from clinicstudio.analytics.results import WEEKDAYS, Results
from clinicstudio.domain import UserError


def _rows(results: Results) -> list[list[object]]:
    rows: list[list[object]] = [["section", "item", "network", "figure", "value"]]
    rows.append(["period", "from", "", "", results.start.isoformat()])
    rows.append(["period", "to", "", "", results.end.isoformat()])
    rows.append(["headline", "posts measured", "", "posts", results.posts_measured])
    rows.append(["headline", "engagements", "", "engagements", results.engagements])
    for network, series in sorted(results.engagement.items()):
        for day, value in series:
            rows.append(["engagement", day.isoformat(), network, "engagements", value])
    for network, (before, after) in sorted(results.follower_change().items()):
        rows.append(["followers", "start", network, "followers", before])
        rows.append(["followers", "end", network, "followers", after])
    for campaign in results.campaigns:
        data = campaign.as_json()
        for figure in ("spend", "conversions", "revenue", "cpa", "roas", "engagement_rate",
                       "clicks"):
            rows.append(["campaign", campaign.name, "", figure, data[figure]])
        for network, figures in data["networks"].items():
            for figure in ("spend", "conversions", "revenue", "cpa", "roas"):
                rows.append(["campaign", campaign.name, network, figure, figures[figure]])
    for post in results.top_posts:
        rows.append(["top post", f"{post.post_id}: {post.title}", ",".join(post.networks),
                     "engagements", post.engagements])
    for (day, hour), value in sorted(results.best_times.items()):
        rows.append(["best times", f"{WEEKDAYS[day]} {hour:02d}:00", "",
                     "average engagements", round(value, 1)])
    return rows


def write_csv(results: Results, path: Path) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(
                ["" if v is None else v for v in row] for row in _rows(results))
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
