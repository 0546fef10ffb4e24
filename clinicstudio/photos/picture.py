"""A picture prepared for checking: decoded quickly, turned upright, reduced to a working size.

A phone photo is 12 megapixels; reading text and finding faces needs far fewer. JPEG files are
decoded directly at a reduced scale (``Image.draft``), which is several times faster than
decoding every pixel and shrinking afterwards. Boxes found on the working copy are mapped back
to the pixels of the original file, which is what the fix and ``--image`` report use.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from clinicstudio.domain import UserError

#: Longest side of the working copy. Text a phone can read at arm's length stays legible at this
#: size; the text detector itself works at 960 (see reading.py).
WORKING_SIDE = 1600

Box = tuple[int, int, int, int]  # x, y, width, height in pixels of the original picture


@dataclass(frozen=True)
class Picture:
    sha256: str
    width: int  # of the original, upright
    height: int
    rgb: np.ndarray  # working copy, height x width x 3, uint8
    scale: float  # original pixels per working pixel

    def to_original(self, x: float, y: float, w: float, h: float) -> Box:
        s = self.scale
        left, top = max(0, round(x * s)), max(0, round(y * s))
        right = min(self.width, round((x + w) * s))
        bottom = min(self.height, round((y + h) * s))
        return left, top, max(1, right - left), max(1, bottom - top)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_picture(data: bytes, name: str = "the image", *,
                 working_side: int = WORKING_SIDE) -> Picture:
    """Decode ``data`` into a :class:`Picture`; a file that is not an image is a UserError."""
    try:
        image = Image.open(io.BytesIO(data))
        width, height = _upright_size(image)
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 scale straight from the file: the slow part of a 12 MP
            # photo is decoding it, not reading it.
            image.draft("RGB", (working_side, working_side))
        if image.mode not in ("RGB", "L"):  # palette, CMYK, alpha: shrink in colour
            image = image.convert("RGB")
        image.thumbnail((working_side, working_side), Image.Resampling.BILINEAR)
        # Turned upright after shrinking (the working box is square, so the order does not
        # change the size): rotating the full photo first copied it twice over.
        image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UserError(f"{name} is not a picture ClinicStudio can read (use a JPEG, PNG, GIF "
                        "or WebP file).") from exc
    rgb = np.asarray(image, dtype=np.uint8)
    scale = max(width / rgb.shape[1], height / rgb.shape[0])
    return Picture(sha256_of(data), width, height, rgb, scale)


def _upright_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    orientation = image.getexif().get(0x0112, 1)
    # Orientations 5 to 8 are rotated by a quarter turn: width and height swap.
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
