"""ClinicStudio's Bluesky connection and publishing against a real PDS and AppView."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.atproto_network import AtprotoNetwork
from tests.integration.bluesky_network.conftest import connected_cli


def test_a_post_published_by_the_command_is_a_real_record_the_appview_counts(
        atproto_network: AtprotoNetwork, tmp_path: Path) -> None:
    clinic = atproto_network.create_account("clinic")
    friend = atproto_network.create_account("friend")
    cli = connected_cli(atproto_network, clinic, tmp_path)
    text_file = tmp_path / "post.txt"
    text_file.write_text("Flu shots are in! Walk in Monday to Friday, 8 to 5. 💉",
                         encoding="utf-8")
    added = cli.run("posts", "add", "--text-file", str(text_file), "--network", "bluesky")
    assert added.returncode == 0, added.stderr
    published = cli.run("publish", added.stdout.strip())
    assert published.returncode == 0, published.stdout + published.stderr

    records = clinic.records("app.bsky.feed.post")
    assert [r["value"]["text"] for r in records] == [text_file.read_text(encoding="utf-8")]
    uri, cid = records[0]["uri"], records[0]["cid"]
    friend.like(uri, cid)

    def like_count() -> int:
        posts = clinic.call("GET", "app.bsky.feed.getPosts", params={"uris": [uri]})["posts"]
        return posts[0]["likeCount"] if posts else 0

    assert atproto_network.wait_for(like_count) == 1
