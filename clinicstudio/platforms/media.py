"""Images against each network's rules, and the fixes Pillow can make.

Every image is cleaned before upload: :func:`strip_metadata` returns new bytes without EXIF
(GPS location, camera, owner, dates), XMP, comments or PNG text chunks, with the picture turned
upright first so dropping the orientation tag changes nothing a reader sees.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence

from clinicstudio.platforms.profile import ImageRef, NetworkProfile


class FixKind(StrEnum):
    CONVERT = "convert"
    RESIZE = "resize"
    RECOMPRESS = "recompress"
    CROP = "crop"


@dataclass(frozen=True, slots=True)
class ImageProblem:
    """Why a network refuses an image, in plain words, and the fix that would make it pass."""

    message: str
    fix: FixKind | None


def image_facts(image: ImageRef) -> tuple[int | None, str | None]:
    """(size in bytes, Pillow format) of an image, read from its file when the ref lacks them."""
    if image.size_bytes is not None and image.format is not None:
        return image.size_bytes, image.format
    try:
        stat = Path(image.path).stat()
    except OSError:
        return image.size_bytes, image.format
    size, fmt = _file_facts(image.path, stat.st_mtime_ns, stat.st_size)
    return (image.size_bytes if image.size_bytes is not None else size), image.format or fmt


@lru_cache(maxsize=256)
def _file_facts(path: str, mtime_ns: int, size: int) -> tuple[int, str | None]:
    """Cached by modification time: the checks run on every keystroke, the file rarely changes."""
    try:
        with Image.open(path) as opened:
            return size, opened.format
    except OSError:
        return size, None


def _ratio_words(ratio: float) -> str:
    known = {1.0: "1:1 (square)", 0.8: "4:5", 1.91: "1.91:1", 0.5625: "9:16", 1.7778: "16:9"}
    for value, words in known.items():
        if abs(ratio - value) < 0.01:
            return words
    return f"{ratio:.2f}:1"


def image_problems(rules: NetworkProfile, image: ImageRef) -> list[ImageProblem]:
    name = rules.label
    problems: list[ImageProblem] = []
    size, fmt = image_facts(image)
    if fmt is not None and fmt.upper() not in rules.image_formats:
        accepted = ", ".join(sorted(rules.image_formats))
        problems.append(ImageProblem(
            f"{name} does not take {fmt} images (it takes {accepted}). Convert it to "
            f"{rules.preferred_format}?", FixKind.CONVERT))
    if rules.max_image_bytes and size is not None and size > rules.max_image_bytes:
        problems.append(ImageProblem(
            f"{name} takes images up to {_megabytes(rules.max_image_bytes)}; this one is "
            f"{_megabytes(size)}. Make the file smaller?", FixKind.RECOMPRESS))
    pixels = image.width * image.height
    if rules.max_image_pixels and pixels > rules.max_image_pixels:
        problems.append(ImageProblem(
            f"{name} takes images up to {rules.max_image_pixels / 1e6:.1f} megapixels; this one "
            f"is {pixels / 1e6:.1f}. Scale it down?", FixKind.RESIZE))
    if rules.min_image_width and image.width < rules.min_image_width:
        problems.append(ImageProblem(
            f"{name} needs images at least {rules.min_image_width} pixels wide; this one is "
            f"{image.width}. Use a larger photo.", None))
    if rules.max_image_width and image.width > rules.max_image_width:
        problems.append(ImageProblem(
            f"{name} shows images at most {rules.max_image_width} pixels wide; this one is "
            f"{image.width}. Scale it down?", FixKind.RESIZE))
    ratio = image.aspect_ratio
    low, high = rules.aspect_min, rules.aspect_max
    if ratio and low is not None and high is not None and not low - 0.005 <= ratio <= high + 0.005:
        problems.append(ImageProblem(
            f"{name} needs images between {_ratio_words(low)} and {_ratio_words(high)}; this "
            f"one is {_ratio_words(ratio)}. Crop it?", FixKind.CROP))
    if rules.alt_text_limit and len(image.alt_text) > rules.alt_text_limit:
        problems.append(ImageProblem(
            f"{name} takes alt text up to {rules.alt_text_limit} characters; this one has "
            f"{len(image.alt_text)}. Shorten the description.", None))
    return problems


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _save(picture: Image.Image, fmt: str, quality: int = 90) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = _flatten(picture)
    options: dict[str, object] = {"quality": quality, "optimize": True} if fmt == "JPEG" else {}
    icc = picture.info.get("icc_profile")
    if icc:
        options["icc_profile"] = icc  # colour profile only: it says nothing about the photo
    picture.save(out, format=fmt, **options)
    return out.getvalue()


def flatten_on_white(picture: Image.Image) -> Image.Image:
    """An RGB picture; transparent parts become white (as feeds show them), never black."""
    if picture.mode in ("RGB", "L"):
        return picture.convert("RGB")
    return _flatten(picture)


def _flatten(picture: Image.Image) -> Image.Image:
    """Transparent parts on white, as a feed shows them (JPEG has no transparency)."""
    rgba = picture.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    if "icc_profile" in picture.info:
        background.info["icc_profile"] = picture.info["icc_profile"]
    return background


def _open(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def strip_metadata(data: bytes, fmt: str | None = None) -> bytes:
    """The same picture without location, camera or any other metadata. Always call it
    before upload. ``fmt`` keeps the original format when None."""
    picture = _open(data)
    target = (fmt or picture.format or "JPEG").upper()
    if getattr(picture, "is_animated", False) and target in ("GIF", "WEBP"):
        return _strip_animation(picture, target)
    upright = ImageOps.exif_transpose(picture)
    clean = Image.new(upright.mode, upright.size)
    clean.paste(upright)
    if upright.mode == "P" and upright.getpalette():
        clean.putpalette(upright.getpalette() or [])
    icc = picture.info.get("icc_profile")
    if icc:
        clean.info["icc_profile"] = icc
    return _save(clean, target)


def _strip_animation(picture: Image.Image, fmt: str) -> bytes:
    """Every frame again, without comments, EXIF or XMP (the first frame alone would freeze it)."""
    frames = [frame.copy() for frame in ImageSequence.Iterator(picture)]
    for frame in frames:
        frame.info = {k: v for k, v in frame.info.items() if k in ("duration", "transparency")}
    out = io.BytesIO()
    frames[0].save(out, format=fmt, save_all=True, append_images=frames[1:],
                   loop=picture.info.get("loop", 0), duration=picture.info.get("duration", 100))
    return out.getvalue()


def convert_format(data: bytes, fmt: str) -> bytes:
    return strip_metadata(data, fmt)


def resize_to_fit(
    data: bytes, max_width: int | None = None, max_pixels: int | None = None
) -> bytes:
    picture = _open(data)
    fmt = picture.format or "JPEG"
    scale = 1.0
    if max_width and picture.width > max_width:
        scale = min(scale, max_width / picture.width)
    if max_pixels and picture.width * picture.height > max_pixels:
        scale = min(scale, (max_pixels / (picture.width * picture.height)) ** 0.5)
    if scale < 1.0:
        size = (max(1, int(picture.width * scale)), max(1, int(picture.height * scale)))
        picture = ImageOps.exif_transpose(picture).resize(size, Image.Resampling.LANCZOS)
    return strip_metadata(_save(picture, fmt))


def recompress_under(data: bytes, max_bytes: int) -> bytes:
    """JPEG at falling quality, then smaller dimensions, until the file fits ``max_bytes``."""
    picture = flatten_on_white(ImageOps.exif_transpose(_open(data)))
    for _ in range(8):
        for quality in (88, 80, 72, 64, 56):
            out = _save(picture, "JPEG", quality)
            if len(out) <= max_bytes:
                return out
        picture = picture.resize(
            (max(1, int(picture.width * 0.8)), max(1, int(picture.height * 0.8))),
            Image.Resampling.LANCZOS,
        )
    raise ValueError("The image cannot be made small enough")


def crop_to_ratio(
    data: bytes, ratio_min: float, ratio_max: float, focus: tuple[float, float] = (0.5, 0.5)
) -> bytes:
    """Crop to the nearest allowed width/height ratio, keeping ``focus`` (0..1, 0..1 from the
    top left: the face or the sign that matters) as close to the centre as the edges allow."""
    picture = ImageOps.exif_transpose(_open(data))
    fmt = _open(data).format or "JPEG"
    width, height = picture.size
    ratio = width / height
    if ratio_min <= ratio <= ratio_max:
        return strip_metadata(data)
    if ratio > ratio_max:  # too wide: keep full height, cut the sides
        new_width, new_height = round(height * ratio_max), height
    else:  # too tall: keep full width, cut top and bottom
        new_width, new_height = width, round(width / ratio_min)
    left = min(max(round(focus[0] * width - new_width / 2), 0), width - new_width)
    top = min(max(round(focus[1] * height - new_height / 2), 0), height - new_height)
    cropped = picture.crop((left, top, left + new_width, top + new_height))
    return strip_metadata(_save(cropped, fmt))


def prepare_for_upload(
    rules: NetworkProfile, data: bytes, focus: tuple[float, float] = (0.5, 0.5)
) -> bytes:
    """Every fix the network needs, in a sensible order, and always metadata-free bytes."""
    picture = _open(data)
    fmt = (picture.format or "JPEG").upper()
    if fmt not in rules.image_formats:
        data = convert_format(data, rules.preferred_format)
    if rules.aspect_min is not None and rules.aspect_max is not None:
        data = crop_to_ratio(data, rules.aspect_min, rules.aspect_max, focus)
    if rules.max_image_width or rules.max_image_pixels:
        data = resize_to_fit(data, rules.max_image_width, rules.max_image_pixels)
    data = strip_metadata(data)
    if rules.max_image_bytes and len(data) > rules.max_image_bytes:
        data = recompress_under(data, rules.max_image_bytes)
    return data
