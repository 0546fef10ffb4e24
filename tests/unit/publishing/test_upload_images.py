"""Images as networks receive them: a format each accepts, transparency on white, decoded whole."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from clinicstudio.domain import Platform, UserError
from clinicstudio.platforms import profile
from clinicstudio.platforms.media import prepare_for_upload, recompress_under
from clinicstudio.publishing.images import outgoing_images
from clinicstudio.store.database import Database
from clinicstudio.store.media import import_image
from clinicstudio.store.posts import get_post
from tests.helpers.publishing_setup import add_post

BLOB_LIMIT = profile(Platform.BLUESKY).max_image_bytes or 0


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "AVIF"])
def test_formats_bluesky_does_not_take_are_converted_at_upload(
        sqlite_db: Database, tmp_path: Path, fmt: str) -> None:
    source = tmp_path / f"poster.{fmt.lower()}"
    Image.new("RGB", (640, 480), "navy").save(source, format=fmt)
    post_id = add_post(sqlite_db, "New poster.", [Platform.BLUESKY], images=[source])
    with sqlite_db.session() as session:
        post = get_post(session, post_id)
        [image] = outgoing_images(sqlite_db.media_dir, post, "bluesky", 4)
        [mastodon] = outgoing_images(sqlite_db.media_dir, post, "mastodon", 4)
    assert image.mime_type in ("image/jpeg", "image/png", "image/webp")
    assert Image.open(io.BytesIO(image.data)).format in ("JPEG", "PNG", "WEBP")
    if fmt == "AVIF":
        assert mastodon.mime_type == "image/avif"  # Mastodon takes AVIF: left as it is


def _transparent_noise(size: int) -> bytes:
    picture = Image.frombytes("RGB", (size, size), os.urandom(size * size * 3)).convert("RGBA")
    alpha = Image.new("L", (size, size), 0)
    alpha.paste(255, (size // 4, size // 4, size * 3 // 4, size * 3 // 4))
    picture.putalpha(alpha)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def test_a_transparent_png_over_bluesky_limit_is_flattened_on_white() -> None:
    data = _transparent_noise(900)
    assert len(data) > BLOB_LIMIT
    bluesky = prepare_for_upload(profile(Platform.BLUESKY), data)
    for shrunk in (bluesky, recompress_under(data, BLOB_LIMIT)):
        corner = Image.open(io.BytesIO(shrunk)).convert("RGB").getpixel((2, 2))
        assert min(corner) > 240, corner  # white, not black


def test_a_truncated_jpeg_is_refused_when_attached(sqlite_db: Database, tmp_path: Path) -> None:
    photo = tmp_path / "waiting-room.jpg"
    Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3)).save(photo, quality=95)
    data = photo.read_bytes()
    photo.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(UserError, match="damaged or incomplete"), \
            sqlite_db.transaction() as session:
        import_image(session, sqlite_db.media_dir, photo)
