"""Against the AT Protocol's development PDS: demo posts never go out, links, tags and mentions
are stored as live facets, and a phone photo arrives small, upright and without metadata."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from PIL import Image
from sqlalchemy import select, update

from clinicstudio.domain import PostStatus
from clinicstudio.store.database import open_database
from clinicstudio.store.models import Post
from tests.helpers.atproto_network import AtprotoNetwork
from tests.helpers.photos import has_metadata, phone_photo
from tests.integration.bluesky_network.conftest import connected_cli
from tests.integration.publishing.conftest import Cli


def add_post(cli: Cli, tmp_path: Path, text: str, *extra: str) -> str:
    text_file = tmp_path / "post.txt"
    text_file.write_text(text, encoding="utf-8")
    added = cli.run("posts", "add", "--text-file", str(text_file), "--network", "bluesky",
                    *extra)
    assert added.returncode == 0, added.stderr
    return added.stdout.strip()


def test_a_database_with_the_demo_publishes_nothing_to_a_real_account(
        atproto_network: AtprotoNetwork, tmp_path: Path) -> None:
    clinic = atproto_network.create_account("clinic")
    cli = Cli(str(tmp_path / "clinic.db"), tmp_path / "keyring.json")
    assert cli.run("demo").returncode == 0
    cli = connected_cli(atproto_network, clinic, tmp_path)
    db = open_database(tmp_path / "clinic.db")
    with db.transaction() as session:
        session.execute(update(Post).where(Post.status == str(PostStatus.SCHEDULED))
                        .values(scheduled_at=datetime.now(UTC) - timedelta(minutes=1)))
        demo_post = session.scalars(select(Post.id).where(Post.demo.is_(True))).first()
    db.close()

    due = cli.run("publish-due", "--json")
    assert due.returncode == 1, due.stdout + due.stderr
    assert json.loads(due.stdout)["refused_demo"]
    by_hand = cli.run("publish", str(demo_post))
    assert by_hand.returncode == 1
    assert "belongs to the demo clinic" in by_hand.stderr
    assert clinic.records("app.bsky.feed.post") == []


def test_links_tags_and_mentions_are_stored_as_facets(atproto_network: AtprotoNetwork,
                                                      tmp_path: Path) -> None:
    clinic = atproto_network.create_account("clinic")
    doctor = atproto_network.create_account("doctor")
    cli = connected_cli(atproto_network, clinic, tmp_path)
    text = (f"🌷 Spring hours: maplefamilyclinic.com or https://example.org/hours?x=1 "
            f"#MapleGrove Thanks @{doctor.handle} for the tulips!")
    post_id = add_post(cli, tmp_path, text)
    published = cli.run("publish", post_id)
    assert published.returncode == 0, published.stdout + published.stderr

    record = clinic.records("app.bsky.feed.post")[0]["value"]
    data = record["text"].encode("utf-8")
    found = [(data[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode("utf-8"),
              f["features"][0]) for f in record["facets"]]
    assert found == [
        ("maplefamilyclinic.com", {"$type": "app.bsky.richtext.facet#link",
                                   "uri": "https://maplefamilyclinic.com"}),
        # The reader sees the link as written; the click carries the campaign's tags.
        ("https://example.org/hours?x=1", {
            "$type": "app.bsky.richtext.facet#link",
            "uri": "https://example.org/hours?x=1&utm_source=bluesky&utm_medium=social"
                   f"&utm_content=post-{post_id}"}),
        ("#MapleGrove", {"$type": "app.bsky.richtext.facet#tag", "tag": "MapleGrove"}),
        (f"@{doctor.handle}", {"$type": "app.bsky.richtext.facet#mention",
                               "did": doctor.did}),
    ]
    # The AppView agrees: the doctor is told about the mention.
    assert atproto_network.wait_for(lambda: [n for n in doctor.notifications()
                                             if n["reason"] == "mention"])


def test_a_phone_photo_arrives_under_the_blob_limit_upright_and_clean(
        atproto_network: AtprotoNetwork, tmp_path: Path) -> None:
    clinic = atproto_network.create_account("clinic")
    cli = connected_cli(atproto_network, clinic, tmp_path)
    photo = phone_photo(tmp_path / "desk.jpg")
    post_id = add_post(cli, tmp_path, "Our new front desk!", "--image", str(photo),
                       "--alt", "The new front desk with flowers")
    published = cli.run("publish", post_id)
    assert published.returncode == 0, published.stdout + published.stderr

    image = clinic.records("app.bsky.feed.post")[0]["value"]["embed"]["images"][0]
    assert image["alt"] == "The new front desk with flowers"
    assert image["image"]["size"] <= 1_000_000
    blob = requests.get(f"{atproto_network.pds_url}/xrpc/com.atproto.sync.getBlob", params={
        "did": clinic.did, "cid": image["image"]["ref"]["$link"]}, timeout=30).content
    assert len(blob) == image["image"]["size"] and not has_metadata(blob)
    with Image.open(io.BytesIO(blob)) as sent:
        assert sent.height > sent.width
        assert sent.convert("RGB").getpixel((sent.width - 5, 5))[0] > 150
