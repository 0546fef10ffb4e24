"""LinkedIn organisation pages.

Commentary up to 3,000 characters, sent as LinkedIn's "little text" where the characters
\\ | { } @ [ ] ( ) < > # * _ ~ are reserved: an unescaped one silently cuts the post there, so
:func:`escape_for_linkedin` escapes them on the way out (hashtags and links stay as they are).
One image, or 2 to 20; JPEG, PNG or GIF under 36,152,320 pixels. The API does not build link
previews: the app supplies title, description and thumbnail. The "...more" fold is about 210
characters on desktop.
"""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.graphemes import utf16_length
from clinicstudio.platforms.counting.urls import extract_urls
from clinicstudio.platforms.entities import HASHTAG
from clinicstudio.platforms.profile import NetworkProfile

PROFILE = NetworkProfile(
    platform=Platform.LINKEDIN,
    text_limit=3_000,
    counting="Characters as LinkedIn's editor counts them (most emoji count 2).",
    count=utf16_length,
    images_max=20,
    image_formats=frozenset({"JPEG", "PNG", "GIF"}),
    max_image_bytes=5 * 1000 * 1000,
    max_image_pixels=36_152_320,
    link_card_from_client=True,
    fold_length=210,
    fold_label="more",
)

RESERVED = "\\|{}@[]()<>#*_~"


def escape_for_linkedin(text: str) -> str:
    """The commentary exactly as it must be sent: reserved characters backslash-escaped,
    except the '#' that starts a hashtag and anything inside a link."""
    keep: set[int] = set()
    for url in extract_urls(text):
        keep.update(range(url.start, url.end))
    for tag in HASHTAG.finditer(text):
        keep.add(tag.start())
    return "".join(
        "\\" + char if char in RESERVED and index not in keep else char
        for index, char in enumerate(text)
    )
