"""Image fixes: metadata always stripped, crops keep the focus, files fit the byte limit."""

from __future__ import annotations

import io

from PIL import Image

from clinicstudio.platforms import profile, strip_metadata
from clinicstudio.platforms.media import (
    convert_format,
    crop_to_ratio,
    prepare_for_upload,
    recompress_under,
    resize_to_fit,
)

GPS_IFD = 0x8825


def _photo_with_location(width: int = 1200, height: int = 900, fmt: str = "JPEG") -> bytes:
    picture = Image.new("RGB", (width, height), (200, 220, 240))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0110] = "Model 12"  # camera model
    exif[GPS_IFD] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}
    out = io.BytesIO()
    picture.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def _opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_strip_metadata_removes_location_and_camera() -> None:
    original = _photo_with_location()
    assert _opened(original).getexif().get_ifd(GPS_IFD)
    clean = strip_metadata(original)
    exif = _opened(clean).getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert 0x010F not in exif and 0x0110 not in exif
    assert b"PhoneMaker" not in clean
    assert _opened(clean).size == (1200, 900)


def test_strip_metadata_turns_the_picture_upright_before_dropping_orientation() -> None:
    picture = Image.new("RGB", (300, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when shown
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes())
    clean = _opened(strip_metadata(out.getvalue()))
    assert clean.size == (100, 300)
    assert 0x0112 not in clean.getexif()


def test_crop_to_ratio_keeps_the_focus_point() -> None:
    picture = Image.new("RGB", (1080, 1920), "white")
    picture.paste((255, 0, 0), (0, 1700, 1080, 1920))  # a red band near the bottom
    out = io.BytesIO()
    picture.save(out, "PNG")
    cropped = _opened(crop_to_ratio(out.getvalue(), 0.8, 1.91, focus=(0.5, 0.95)))
    assert cropped.size == (1080, 1350)
    assert cropped.getpixel((540, 1340)) == (255, 0, 0)


def test_recompress_under_the_byte_limit() -> None:
    noisy = Image.effect_noise((1200, 1200), 80).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "PNG")
    small = recompress_under(out.getvalue(), 300_000)
    assert len(small) <= 300_000
    assert _opened(small).format == "JPEG"


def test_resize_and_convert() -> None:
    wide = _photo_with_location(3000, 2000)
    assert _opened(resize_to_fit(wide, max_width=1440)).size == (1440, 960)
    png = convert_format(wide, "PNG")
    assert _opened(png).format == "PNG"
    assert not _opened(png).getexif().get_ifd(GPS_IFD)


def test_prepare_for_instagram_meets_every_rule() -> None:
    png = io.BytesIO()
    Image.new("RGBA", (1600, 2600), (10, 120, 90, 255)).save(png, "PNG")
    ready = _opened(prepare_for_upload(profile("instagram"), png.getvalue()))
    assert ready.format == "JPEG"
    assert ready.width <= 1440
    assert 0.8 - 0.01 <= ready.width / ready.height <= 1.91


def test_transparent_png_becomes_jpeg_on_white() -> None:
    png = io.BytesIO()
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(png, "PNG")
    jpeg = _opened(convert_format(png.getvalue(), "JPEG"))
    assert jpeg.getpixel((20, 20)) == (255, 255, 255)


def test_animated_gif_keeps_its_frames_but_loses_its_comment() -> None:
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=80,
                   comment=b"taken at 12 Elm St")
    clean = strip_metadata(gif.getvalue())
    assert _opened(clean).n_frames == 3
    assert b"Elm St" not in clean
