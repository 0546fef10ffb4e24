"""X (formerly Twitter).

280 by X's weighted count (twitter-text v3): every link 23, every emoji 2, CJK 2, Latin 1.
Up to 4 images (JPEG, PNG, GIF, WEBP) of at most 5 MB, alt text up to 1,000 characters.
No fold for posts within 280. A link card only shows when the post has no media.
"""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.twittertext import weighted_length
from clinicstudio.platforms.profile import NetworkProfile

PROFILE = NetworkProfile(
    platform=Platform.X,
    text_limit=280,
    counting="X's weighted count: links 23, emoji 2, letters 1, Chinese/Japanese/Korean 2.",
    count=weighted_length,
    images_max=4,
    max_image_bytes=5 * 1000 * 1000,
    alt_text_limit=1_000,
)
