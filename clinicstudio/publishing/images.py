"""A post's images as one network receives them: fixed for its rules, without location or camera
data, with alt text. Every client uploads what this gives it; none re-encodes on its own.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image

from clinicstudio.domain import Platform, UserError
from clinicstudio.platforms.api.base import OutgoingImage
from clinicstudio.platforms.media import prepare_for_upload
from clinicstudio.platforms.networks import profile
from clinicstudio.store.media import stored_path
from clinicstudio.store.models import MediaAsset, Post

CENTRE = (0.5, 0.5)


def focus_points(options: Mapping[str, Any] | None) -> dict[int, tuple[float, float]]:
    """The focus point a person set per image for one network (kept in the variant's options)."""
    raw = (options or {}).get("image_focus") or {}
    points: dict[int, tuple[float, float]] = {}
    for key, value in raw.items():
        try:
            x, y = float(value[0]), float(value[1])
            points[int(key)] = (min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0))
        except (TypeError, ValueError, IndexError):
            continue
    return points


def prepared_image(media_dir: Path, asset: MediaAsset, network: str,
                   focus: tuple[float, float] = CENTRE) -> OutgoingImage:
    """One stored image made ready for ``network`` (crop, size, bytes, format; no metadata)."""
    path = stored_path(media_dir, asset)
    try:
        original = path.read_bytes()
    except OSError as exc:
        raise UserError(f"The image {asset.original_name or asset.stored_name} is missing "
                        "from the media folder; attach it again.") from exc
    try:
        data = prepare_for_upload(profile(Platform(network)), original, focus)
    except (OSError, SyntaxError) as exc:
        raise UserError(f"The image {asset.original_name or asset.stored_name} is damaged and "
                        "cannot be sent; attach it again.") from exc
    except ValueError as exc:
        raise UserError(f"The image {asset.original_name or asset.stored_name} cannot be made "
                        f"small enough for {Platform(network).label}; use a smaller photo."
                        ) from exc
    with Image.open(io.BytesIO(data)) as picture:
        width, height = picture.size
        mime = Image.MIME.get(picture.format or "", asset.mime_type)
        suffix = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
                  "image/webp": ".webp"}.get(mime, Path(asset.stored_name).suffix)
    name = Path(asset.stored_name).with_suffix(suffix).name
    return OutgoingImage(data, mime, width, height, asset.alt_text, name)


def outgoing_images(media_dir: Path, post: Post, network: str,
                    limit: int) -> tuple[OutgoingImage, ...]:
    """The post's images, in order, prepared for ``network`` (at most ``limit``)."""
    variant = next((v for v in post.variants if v.network == network), None)
    points = focus_points(variant.options if variant else None)
    return tuple(prepared_image(media_dir, link.media, network, points.get(link.media_id, CENTRE))
                 for link in post.media_links[:limit])
