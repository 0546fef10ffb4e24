"""A post's images as networks receive them: cleaned of location and camera data, with alt text."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from clinicstudio.domain import UserError
from clinicstudio.platforms.api.base import OutgoingImage
from clinicstudio.platforms.media import strip_metadata
from clinicstudio.store.media import stored_path
from clinicstudio.store.models import MediaAsset, Post


def outgoing_images(media_dir: Path, post: Post, limit: int) -> tuple[OutgoingImage, ...]:
    """The post's images, in order, ready to upload (at most ``limit``).

    Every image is re-encoded without its metadata (GPS position, camera, time) before it
    leaves the computer; a photo turned upright on the way may swap its width and height.
    """
    images = []
    for link in post.media_links[:limit]:
        asset: MediaAsset = link.media
        path = stored_path(media_dir, asset)
        try:
            data = strip_metadata(path.read_bytes())
        except OSError as exc:
            raise UserError(f"The image {asset.original_name or asset.stored_name} is missing "
                            "from the media folder; attach it again.") from exc
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            mime = Image.MIME.get(picture.format or "", asset.mime_type)
        images.append(OutgoingImage(data, mime, width, height, asset.alt_text,
                                    Path(asset.stored_name).name))
    return tuple(images)
