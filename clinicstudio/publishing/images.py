"""A post's images as networks receive them: cleaned of location and camera data, with alt text."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from clinicstudio.domain import UserError
from clinicstudio.platforms.api.base import OutgoingImage
from clinicstudio.platforms.media import convert_format, strip_metadata
from clinicstudio.platforms.networks import profile
from clinicstudio.store.media import stored_path
from clinicstudio.store.models import MediaAsset, Post


def outgoing_images(media_dir: Path, post: Post, limit: int,
                    network: str | None = None) -> tuple[OutgoingImage, ...]:
    """The post's images, in order, ready to upload (at most ``limit``).

    Every image is re-encoded without its metadata (GPS position, camera, time) before it
    leaves the computer; a photo turned upright on the way may swap its width and height.
    A format ``network`` does not take (TIFF, BMP, AVIF ...) is converted to one it does.
    """
    accepted = profile(network) if network else None
    images = []
    for link in post.media_links[:limit]:
        asset: MediaAsset = link.media
        path = stored_path(media_dir, asset)
        name = asset.original_name or asset.stored_name
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError(f"The image {name} is missing from the media folder; attach it "
                            "again.") from exc
        try:
            data = strip_metadata(raw)
            with Image.open(io.BytesIO(data)) as picture:
                fmt = (picture.format or "").upper()
            if accepted is not None and fmt not in accepted.image_formats:
                data = convert_format(data, accepted.preferred_format)
        except (OSError, SyntaxError, ValueError) as exc:
            raise UserError(f"The image {name} is damaged and cannot be sent; attach it "
                            "again.") from exc
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            mime = Image.MIME.get(picture.format or "", asset.mime_type)
        images.append(OutgoingImage(data, mime, width, height, asset.alt_text,
                                    Path(asset.stored_name).name))
    return tuple(images)
