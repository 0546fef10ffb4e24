"""Photos as phones take them: large, with GPS position, camera and a sideways orientation tag."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

GPS_TAG, MAKE_TAG, ORIENTATION_TAG = 0x8825, 0x010F, 0x0112


def phone_photo(path: Path, size: tuple[int, int] = (4000, 3000), *,
                sideways: bool = True) -> Path:
    """A 12-megapixel JPEG with GPS data; stored sideways with orientation 6 (turn right),
    as phones do, so an upright copy is taller than wide. Its top-left corner is red."""
    width, height = size
    picture = Image.effect_noise(size, 40).convert("RGB")
    overlay = Image.linear_gradient("L").resize(size).convert("RGB")
    picture = Image.blend(picture, overlay, 0.6)
    ImageDraw.Draw(picture).rectangle((0, 0, width // 10, height // 10), fill=(220, 20, 20))
    exif = Image.Exif()
    exif[MAKE_TAG] = "PhoneMaker"
    exif[GPS_TAG] = {1: "N", 2: (45.0, 30.0, 0.0), 3: "W", 4: (89.0, 38.0, 0.0)}
    if sideways:
        exif[ORIENTATION_TAG] = 6
    picture.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def has_metadata(data: bytes) -> bool:
    import io

    with Image.open(io.BytesIO(data)) as picture:
        return bool(picture.getexif()) or "exif" in picture.info or b"PhoneMaker" in data
