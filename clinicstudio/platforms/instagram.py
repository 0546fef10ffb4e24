"""Instagram professional accounts (captions on image posts and carousels).

Caption 2,200 characters; at most 5 hashtags (Instagram's 2025 rule; the API's older limit was
30) and 20 mentions. No text-only posts: 1 image, or a carousel of 2 to 10. Meta fetches JPEG
images of at most 8 MB, 320 to 1440 pixels wide, between 4:5 (portrait) and 1.91:1 (landscape).
Links in captions are not clickable. The "... more" fold is about 125 characters.
"""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.graphemes import utf16_length
from clinicstudio.platforms.profile import NetworkProfile

PROFILE = NetworkProfile(
    platform=Platform.INSTAGRAM,
    text_limit=2_200,
    counting="Characters as Instagram's editor counts them (most emoji count 2).",
    count=utf16_length,
    images_max=10,
    images_min=1,
    image_formats=frozenset({"JPEG"}),
    max_image_bytes=8 * 1000 * 1000,
    min_image_width=320,
    max_image_width=1440,
    aspect_min=4 / 5,
    aspect_max=1.91,
    hashtag_limit=5,
    mention_limit=20,
    fold_length=125,
    fold_label="more",
    links_clickable=False,
)
