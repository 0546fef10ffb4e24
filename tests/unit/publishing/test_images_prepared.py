"""Images are prepared for each network through one code path, and never carry metadata."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from clinicstudio.domain import Platform, PostStatus
from clinicstudio.publishing import Publisher
from clinicstudio.store.database import Database
from clinicstudio.store.media import import_image, stored_path
from clinicstudio.store.posts import PostDraft, create_post, get_post
from tests.helpers.photos import has_metadata, phone_photo
from tests.helpers.publishing_setup import add_post

TEXT = "Meet the team at our new front desk!"


def test_a_12_megapixel_phone_photo_reaches_bluesky_small_upright_and_clean(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher, tmp_path: Path) -> None:
    photo = phone_photo(tmp_path / "desk.jpg")
    assert photo.stat().st_size > 1_000_000 and has_metadata(photo.read_bytes())
    post_id = add_post(db, TEXT, [Platform.BLUESKY], images=[photo])

    assert publisher.publish_now(post_id).status is PostStatus.PUBLISHED

    blob = next(iter(fakes[Platform.BLUESKY].blobs.values()))
    assert len(blob) <= 1_000_000
    assert not has_metadata(blob)
    with Image.open(io.BytesIO(blob)) as sent:
        assert sent.height > sent.width  # turned upright: the phone held it sideways
        # Orientation 6 turns the stored picture right: its red corner ends at the top right.
        assert sent.convert("RGB").getpixel((sent.width - 5, 5))[0] > 150
    image = fakes[Platform.BLUESKY].published[0]["record"]["embed"]["images"][0]
    assert image["aspectRatio"]["height"] > image["aspectRatio"]["width"]


def test_the_stored_copy_loses_location_and_camera_at_attach(db: Database,
                                                            tmp_path: Path) -> None:
    photo = phone_photo(tmp_path / "gps.jpg", (400, 300))
    with db.transaction() as session:
        asset, _ = import_image(session, db.media_dir, photo)
        stored = stored_path(db.media_dir, asset).read_bytes()
        again, _ = import_image(session, db.media_dir, photo)
    assert not has_metadata(stored)
    assert (asset.width, asset.height) == (300, 400)
    assert again.id == asset.id  # the same photo attached twice is kept once


def test_instagram_gets_a_tall_photo_cropped_around_the_chosen_focus(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher, tmp_path: Path) -> None:
    tall = Image.new("RGB", (90, 160), (200, 30, 30))
    ImageDraw.Draw(tall).rectangle((0, 0, 89, 9), fill=(20, 200, 20))  # a green top edge
    path = tmp_path / "tall.jpg"
    tall.save(path, "JPEG", quality=95)
    with db.transaction() as session:
        asset, _ = import_image(session, db.media_dir, path, alt_text="Our sign")
        post, _ = create_post(session, PostDraft(
            body=TEXT, networks=["instagram", "facebook"], media_ids=[asset.id],
            options={"instagram": {"image_focus": {str(asset.id): [0.5, 0.0]}}}))
        post_id = post.id

    assert publisher.publish_now(post_id).status is PostStatus.PUBLISHED

    photos = list(fakes[Platform.INSTAGRAM].photos.values())
    with Image.open(io.BytesIO(photos[0])) as sent:
        assert abs(sent.width / sent.height - 0.8) < 0.02
        assert sent.convert("RGB").getpixel((45, 2))[1] > 150  # the top stayed in
    with Image.open(io.BytesIO(fakes[Platform.FACEBOOK].photos[
            fakes[Platform.FACEBOOK].published[0]["photos"][0]])) as untouched:
        assert untouched.size == (90, 160)  # Facebook takes the photo as it is
    with db.session() as session:
        assert get_post(session, post_id).media_links[0].media.width == 90
