"""Results from a real PDS and AppView: likes, reposts, replies, quotes and a follow by a second
account show up in `analytics posts` and `analytics followers` after `analytics refresh`."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from tests.helpers.atproto_network import AtprotoNetwork
from tests.integration.bluesky_network.conftest import connected_cli
from tests.integration.publishing.conftest import Cli


def refreshed_until(cli: Cli, done: Any, timeout: float = 12.0) -> tuple[list[Any], list[Any]]:
    """Refresh and read both listings until ``done(posts, followers)``: the AppView indexes
    new records within about two seconds."""
    deadline = time.monotonic() + timeout
    while True:
        refreshed = cli.run("analytics", "refresh")
        assert refreshed.returncode == 0, refreshed.stdout + refreshed.stderr
        posts = json.loads(cli.run("analytics", "posts", "--json").stdout)
        followers = json.loads(cli.run("analytics", "followers", "--json").stdout)
        if done(posts, followers) or time.monotonic() > deadline:
            return posts, followers
        time.sleep(0.5)


def test_what_a_second_account_does_shows_in_the_results(
        atproto_network: AtprotoNetwork, tmp_path: Path) -> None:
    clinic = atproto_network.create_account("clinic")
    friend = atproto_network.create_account("friend")
    cli = connected_cli(atproto_network, clinic, tmp_path)
    text_file = tmp_path / "post.txt"
    text_file.write_text("Flu shots are in! Book at https://maplefamilyclinic.com/flu",
                         encoding="utf-8")
    post_id = int(cli.run("posts", "add", "--text-file", str(text_file),
                          "--network", "bluesky").stdout)
    published = cli.run("publish", str(post_id))
    assert published.returncode == 0, published.stdout + published.stderr

    # Before anyone reacts: zeros from the network itself, and what it never reports is null.
    posts, followers = refreshed_until(cli, lambda p, f: p and f)
    assert posts[0]["metrics"] == {"likes": 0, "reposts": 0, "replies": 0, "quotes": 0,
                                   "saves": 0, "impressions": None, "reach": None,
                                   "clicks": None}
    assert [(f["network"], f["account"], f["followers"]) for f in followers] == [
        ("bluesky", clinic.handle, 0)]

    record = clinic.records("app.bsky.feed.post")[0]
    uri, cid = record["uri"], record["cid"]
    assert "utm_source=bluesky" in json.dumps(record["value"]["facets"])  # the tagged link
    friend.like(uri, cid)
    friend.repost(uri, cid)
    friend.post("Booked for Tuesday, thanks!", reply_to=(uri, cid))
    friend.quote("Worth it, the line was short.", uri, cid)
    friend.follow(clinic)

    def all_counted(posts: list[Any], followers: list[Any]) -> bool:
        metrics = posts[0]["metrics"] if posts else {}
        return (metrics.get("likes"), metrics.get("reposts"), metrics.get("replies"),
                metrics.get("quotes"), followers[0]["followers"] if followers else 0) == (
            1, 1, 1, 1, 1)

    posts, followers = refreshed_until(cli, all_counted)
    assert len(posts) == 1 and posts[0]["post_id"] == post_id
    assert posts[0]["network"] == "bluesky"
    assert posts[0]["metrics"] == {"likes": 1, "reposts": 1, "replies": 1, "quotes": 1,
                                   "saves": 0, "impressions": None, "reach": None,
                                   "clicks": None}
    assert followers[0]["followers"] == 1
