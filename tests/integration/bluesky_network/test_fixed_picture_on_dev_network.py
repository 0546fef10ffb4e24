"""A picture with patient names is refused by the publish command; once blurred, what reaches
the PDS is the blurred version, byte for byte, and never the original."""

from __future__ import annotations

from pathlib import Path

import requests

from clinicstudio.compliance import Checker
from clinicstudio.photos.covering import fixed_picture
from clinicstudio.photos.inspection import PhotoInspector
from clinicstudio.platforms.media import strip_metadata
from clinicstudio.store.database import open_database
from clinicstudio.store.media import stored_path
from clinicstudio.store.media_versions import save_fixed_version
from clinicstudio.store.models import Post
from tests.helpers.atproto_network import AtprotoNetwork
from tests.helpers.photo_samples import sample
from tests.integration.bluesky_network.conftest import connected_cli


def test_the_blurred_version_is_what_arrives_on_the_pds(
        atproto_network: AtprotoNetwork, tmp_path: Path) -> None:
    clinic = atproto_network.create_account("clinic")
    db_path = tmp_path / "clinic.db"
    cli = connected_cli(atproto_network, clinic, tmp_path)
    board = tmp_path / "front desk.jpg"
    board.write_bytes(sample(0).data)
    text = tmp_path / "post.txt"
    text.write_text("A busy Monday at the front desk!", encoding="utf-8")
    added = cli.run("posts", "add", "--text-file", str(text), "--network", "bluesky",
                    "--image", str(board), "--alt", "The front desk on a Monday morning")
    assert added.returncode == 0, added.stderr
    post_id = int(added.stdout.strip())

    refused = cli.run("publish", str(post_id))
    assert refused.returncode != 0
    assert "picture" in refused.stdout + refused.stderr
    assert clinic.records("app.bsky.feed.post") == []

    db = open_database(db_path)
    try:
        with db.transaction() as session:
            original = session.get(Post, post_id).media_links[0].media
            findings = PhotoInspector(Checker()).inspect(board.read_bytes(), 0).findings
            data, mime = fixed_picture(board.read_bytes(), [f.region.box for f in findings
                                                            if f.blocks], "blur")
            version, _ = save_fixed_version(session, db.media_dir, post_id, original.id, data,
                                            mime, what="blurred the names")
            fixed_bytes = stored_path(db.media_dir, version).read_bytes()
    finally:
        db.close()

    published = cli.run("publish", str(post_id))
    assert published.returncode == 0, published.stdout + published.stderr
    records = clinic.records("app.bsky.feed.post")
    assert len(records) == 1
    image = records[0]["value"]["embed"]["images"][0]
    blob = requests.get(f"{atproto_network.pds_url}/xrpc/com.atproto.sync.getBlob",
                        params={"did": clinic.did, "cid": image["image"]["ref"]["$link"]},
                        timeout=30)
    assert blob.status_code == 200
    assert blob.content == strip_metadata(fixed_bytes)
    assert blob.content != strip_metadata(board.read_bytes())
    assert not PhotoInspector(Checker()).inspect(blob.content, 0).blocked
