"""Reading what each network reports about published posts and the clinic's accounts.

``reader_for(connection)`` gives the :class:`MetricsReader` for a connected account. Each reader
asks its network through the same :class:`~clinicstudio.platforms.api.http.Api` as publishing
(so tokens are renewed the same way and errors read the same), and returns a
:class:`PostReading` per post with ``None`` for every figure the network does not report.
"""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.readers.base import (
    MetricsReader,
    PostReading,
    PostRef,
)

__all__ = ["MetricsReader", "PostReading", "PostRef", "reader_for"]


def reader_for(connection: Connection) -> MetricsReader:
    """The metrics reader for ``connection``'s network."""
    from clinicstudio.platforms.api.readers.bluesky import BlueskyReader
    from clinicstudio.platforms.api.readers.facebook import FacebookReader
    from clinicstudio.platforms.api.readers.instagram import InstagramReader
    from clinicstudio.platforms.api.readers.linkedin import LinkedInReader
    from clinicstudio.platforms.api.readers.mastodon import MastodonReader
    from clinicstudio.platforms.api.readers.x import XReader

    classes: dict[Platform, type] = {
        Platform.FACEBOOK: FacebookReader, Platform.INSTAGRAM: InstagramReader,
        Platform.X: XReader, Platform.LINKEDIN: LinkedInReader,
        Platform.MASTODON: MastodonReader, Platform.BLUESKY: BlueskyReader,
    }
    reader: MetricsReader = classes[Platform(connection.network)](connection)
    return reader
