"""The media library: images copied into a content-addressed folder beside the database.

A file is stored once under its SHA-256, whatever its name, so attaching the same photo to ten
posts costs one copy, and the original on the user's disk may move or vanish without harm.
The stored copy is cleaned of location, camera and other metadata (turned upright first): the
media folder may be shared, and a phone photo's GPS position says where a patient lives.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import Changes, UserError
from clinicstudio.platforms.media import strip_metadata
from clinicstudio.store.audit import record
from clinicstudio.store.models import MediaAsset

# Formats Pillow writes back: their stored copy is cleaned. (HEIF is kept as it came; it is
# cleaned when converted for a network.)
CLEANABLE = frozenset({"JPEG", "PNG", "GIF", "WEBP"})
FORMAT_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "HEIF": ".heic"}
# No network takes more than about 36 megapixels (LinkedIn); a far larger picture is a scan or
# a "decompression bomb", and decoding it would take gigabytes of memory.
MAX_PIXELS = 50_000_000


def stored_path(media_dir: Path, asset: MediaAsset) -> Path:
    return media_dir / asset.stored_name


def import_image(session: Session, media_dir: Path, source: Path, *, alt_text: str = "",
                 consent_ref: str = "", actor: str = "") -> tuple[MediaAsset, Changes]:
    """Copy an image into the library (or find the copy already there) and describe it."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {source.name}: {exc.strerror or exc}.") from exc
    digest = hashlib.sha256(data).hexdigest()
    existing = session.scalars(select(MediaAsset).where(MediaAsset.sha256 == digest)).first()
    if existing is not None:
        if alt_text and not existing.alt_text:
            existing.alt_text = alt_text
        return existing, Changes(media=True)
    # Decoded to the end first: a damaged or oversized file is refused now, in words.
    width, height, kind = decoded_facts(source)
    mime = Image.MIME.get(kind, "application/octet-stream")
    if kind in CLEANABLE:
        # The stored copy keeps no GPS position or camera data (the media folder may be shared).
        data = strip_metadata(data)
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size  # a photo turned upright may swap them
    # Named after the original's digest, so attaching the same photo again finds this copy.
    name = f"{digest[:2]}/{digest}{FORMAT_SUFFIX.get(kind, source.suffix.lower())}"
    target = media_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    # Write then rename, so a crash never leaves a half-written file under the final name.
    partial.write_bytes(data)
    partial.replace(target)
    asset = MediaAsset(sha256=digest, original_name=source.name, stored_name=name, mime_type=mime,
                       byte_size=len(data), width=width, height=height, alt_text=alt_text,
                       consent_ref=consent_ref)
    session.add(asset)
    session.flush()
    record(session, "media_imported", actor=actor, media_id=asset.id, name=source.name)
    return asset, Changes(media=True)


def decoded_facts(source: Path) -> tuple[int, int, str]:
    """Width, height and format of an image that decodes completely (every frame, every byte).

    A truncated or damaged file is refused now, in words, rather than at publish time; so is a
    picture too large to decode safely.
    """
    unreadable = (f"{source.name} is not an image ClinicStudio can read (use a JPEG, PNG, GIF "
                  "or WebP file).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Corrupt EXIF data": the picture still counts
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                width, height = image.size
                kind = image.format or ""
                if width * height > MAX_PIXELS:
                    raise UserError(
                        f"{source.name} is {width:,} × {height:,} pixels; ClinicStudio takes "
                        f"images up to {MAX_PIXELS // 1_000_000} megapixels. Scale it down "
                        "first.")
                for _frame in ImageSequence.Iterator(image):
                    image.load()  # decodes every byte: a cut-off file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UserError(f"{source.name} is far too large a picture to open safely (over "
                        f"{MAX_PIXELS // 1_000_000} megapixels); scale it down first.") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        damaged = "truncated" in str(exc) or isinstance(exc, (SyntaxError, EOFError))
        raise UserError(f"{source.name} is damaged or incomplete (it does not decode to the "
                        "end); save or copy it again, then attach it." if damaged
                        else unreadable) from exc
    return width, height, kind


def set_alt_text(session: Session, media_id: int, alt_text: str) -> Changes:
    asset = session.get(MediaAsset, media_id)
    if asset is None:
        raise UserError(f"Image number {media_id} is not in the media library.")
    asset.alt_text = alt_text
    return Changes(media=True)
