"""The inbox against a real PDS and AppView: replies and mentions collected, a safe answer
posted once with the right thread references, a confirming one refused with nothing created."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.atproto_network import AtprotoNetwork, require_network, running_network
from tests.integration.bluesky_network.conftest import connected_cli

SAFE = ("Thank you for reaching out! Please call our office at (555) 010-2000 and we will "
        "be glad to help.")
CONFIRMING = "So glad your flu shot went well yesterday, Jordan! See you at your next visit."


@pytest.fixture(scope="module")
def own_network() -> Iterator[AtprotoNetwork]:
    """A network of its own: the notifications listed are only this test's."""
    require_network()
    with running_network() as network:
        yield network


def test_replies_and_mentions_come_in_and_a_safe_answer_goes_out_once(
        own_network: AtprotoNetwork, tmp_path: Path) -> None:
    atproto_network = own_network
    clinic = atproto_network.create_account("clinic")
    friend = atproto_network.create_account("jordan")
    cli = connected_cli(atproto_network, clinic, tmp_path)
    text_file = tmp_path / "post.txt"
    text_file.write_text("Flu shots are in! Walk in Monday to Friday, 8 to 5.", encoding="utf-8")
    added = cli.run("posts", "add", "--text-file", str(text_file), "--network", "bluesky")
    assert cli.run("publish", added.stdout.strip()).returncode == 0
    [ours] = clinic.records("app.bsky.feed.post")
    root = (ours["uri"], ours["cid"])
    # The AppView knows the clinic's post before anyone answers it.
    assert atproto_network.wait_for(lambda: clinic.call(
        "GET", "app.bsky.feed.getPosts", params={"uris": [root[0]]})["posts"])

    comment = friend.post("Do you take walk-ins on Saturdays too?", reply_to=root)
    mention = friend.mention("Quick question for ", clinic)
    assert atproto_network.wait_for(lambda: len(clinic.notifications()) >= 2)

    # A fresh account that has seen its notifications may be switched to "priority" (only
    # people it follows), which would hide a stranger's comment from a plain listing.
    clinic.call("POST", "app.bsky.notification.updateSeen", json={"seenAt": _now()})
    clinic.set_priority_notifications(True)
    listed = clinic.call("GET", "app.bsky.notification.listNotifications", params={"limit": 50})
    assert listed.get("priority") is True

    refreshed = cli.run("inbox", "refresh")
    assert refreshed.returncode == 0, refreshed.stdout + refreshed.stderr
    items = json.loads(cli.run("inbox", "list", "--json").stdout)
    by_kind = {item["kind"]: item for item in items}
    assert set(by_kind) == {"comment", "mention"}, items
    assert by_kind["comment"]["text"] == "Do you take walk-ins on Saturdays too?"
    assert by_kind["comment"]["post_id"] == int(added.stdout.strip())
    assert clinic.handle in by_kind["mention"]["text"]
    assert cli.run("inbox", "refresh").returncode == 0
    assert len(json.loads(cli.run("inbox", "list", "--json").stdout)) == 2  # not twice

    bad = tmp_path / "bad.txt"
    bad.write_text(CONFIRMING, encoding="utf-8")
    refused = cli.run("inbox", "reply", str(by_kind["comment"]["id"]), "--text-file", str(bad))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert len(clinic.records("app.bsky.feed.post")) == 1  # nothing was created

    good = tmp_path / "good.txt"
    good.write_text(SAFE, encoding="utf-8")
    answered = cli.run("inbox", "reply", str(by_kind["comment"]["id"]), "--text-file",
                       str(good))
    assert answered.returncode == 0, answered.stdout + answered.stderr
    replies = [r for r in clinic.records("app.bsky.feed.post") if "reply" in r["value"]]
    assert len(replies) == 1
    refs = replies[0]["value"]["reply"]
    assert refs["parent"] == {"uri": comment[0], "cid": comment[1]}
    assert refs["root"] == {"uri": root[0], "cid": root[1]}
    assert replies[0]["value"]["text"] == SAFE

    again = cli.run("inbox", "reply", str(by_kind["comment"]["id"]), "--text-file", str(good))
    assert again.returncode == 2
    assert len([r for r in clinic.records("app.bsky.feed.post") if "reply" in r["value"]]) == 1

    def answer_in_thread() -> bool:
        thread = clinic.call("GET", "app.bsky.feed.getPostThread",
                             params={"uri": comment[0], "depth": 2})["thread"]
        return any(r.get("post", {}).get("uri") == replies[0]["uri"]
                   for r in thread.get("replies") or [])

    assert atproto_network.wait_for(answer_in_thread)
    assert mention[0] != comment[0]


def _now() -> str:
    import time

    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
