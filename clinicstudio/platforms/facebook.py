"""Facebook Page posts.

Meta documents no text limit; 63,206 characters is the figure every client uses. Photos must be
under 4 MB as JPEG or PNG (Graph error 1366046). The "See more" fold is about 480 characters
on desktop (110-125 on phones): an observation, not a contract. A link card is not shown when
photos are attached.
"""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.graphemes import utf16_length
from clinicstudio.platforms.profile import NetworkProfile

PROFILE = NetworkProfile(
    platform=Platform.FACEBOOK,
    text_limit=63_206,
    counting="Characters as Facebook's editor counts them (most emoji count 2).",
    count=utf16_length,
    images_max=10,
    image_formats=frozenset({"JPEG", "PNG"}),
    max_image_bytes=4 * 1000 * 1000,
    fold_length=480,
    fold_label="See more",
)
