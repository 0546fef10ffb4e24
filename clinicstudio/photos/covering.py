"""The fix for a picture: blur or cover regions, giving the bytes of a new version.

The blur is strong on purpose: the region is first reduced to blocks about a twentieth of its
height and then softened, so neither a name nor a face can be read back. "Cover" paints a plain
box. The original picture is never changed; the caller stores the result as a new version.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFilter, ImageOps, UnidentifiedImageError

from clinicstudio.domain import UserError

Box = tuple[int, int, int, int]
HOW = ("blur", "cover")
#: Share of a region added on every side, so the edges of letters or hair go too.
MARGIN = 0.08
COVER_COLOUR = (58, 62, 70)


def fixed_picture(data: bytes, boxes: Sequence[Box], how: str = "blur") -> tuple[bytes, str]:
    """The picture in ``data`` with ``boxes`` (upright pixels) blurred or covered.

    Returns the new file's bytes and its MIME type (JPEG stays JPEG, anything else is PNG).
    """
    if how not in HOW:
        raise ValueError(f"how must be one of {HOW}, not {how!r}")
    try:
        image = Image.open(io.BytesIO(data))
        kind = image.format
        picture = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError("The picture cannot be opened to fix it; attach it again.") from exc
    for box in boxes:
        area = _padded(box, picture.size)
        if area[2] <= area[0] or area[3] <= area[1]:
            continue
        if how == "cover":
            ImageDraw.Draw(picture).rectangle(area, fill=COVER_COLOUR)
        else:
            picture.paste(_blurred(picture.crop(area)), area[:2])
    out = io.BytesIO()
    if kind == "JPEG":
        picture.save(out, "JPEG", quality=92)
        return out.getvalue(), "image/jpeg"
    picture.save(out, "PNG")
    return out.getvalue(), "image/png"


def _padded(box: Box, size: tuple[int, int]) -> tuple[int, int, int, int]:
    x, y, w, h = box
    pad = round(MARGIN * max(w, h))
    return (max(0, x - pad), max(0, y - pad), min(size[0], x + w + pad), min(size[1], y + h + pad))


def _blurred(region: Image.Image) -> Image.Image:
    width, height = region.size
    block = max(4, min(width, height) // 6)
    tiny = region.resize((max(1, width // block), max(1, height // block)),
                         Image.Resampling.BOX)
    coarse = tiny.resize((width, height), Image.Resampling.NEAREST)
    return coarse.filter(ImageFilter.GaussianBlur(max(2, block // 2)))
