"""One client per network for publishing, behind one small interface (:class:`NetworkClient`).

``client_for(connection)`` gives the client for a connected account. Every client takes its
base URL from the connection, so a self-hosted Mastodon or Bluesky server works, and tests point
them at loopback servers that speak each network's contract.
"""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms.api.base import (
    Connection,
    NetworkClient,
    OutgoingImage,
    OutgoingPost,
    Published,
)
from clinicstudio.platforms.api.errors import PublishError

__all__ = ["Connection", "NetworkClient", "OutgoingImage", "OutgoingPost", "PublishError",
           "Published", "client_for"]


def client_for(connection: Connection) -> NetworkClient:
    """The publishing client for ``connection``'s network."""
    from clinicstudio.platforms.api.bluesky import BlueskyClient
    from clinicstudio.platforms.api.facebook import FacebookClient
    from clinicstudio.platforms.api.instagram import InstagramClient
    from clinicstudio.platforms.api.linkedin import LinkedInClient
    from clinicstudio.platforms.api.mastodon import MastodonClient
    from clinicstudio.platforms.api.x import XClient

    classes: dict[Platform, type] = {
        Platform.FACEBOOK: FacebookClient, Platform.INSTAGRAM: InstagramClient,
        Platform.X: XClient, Platform.LINKEDIN: LinkedInClient,
        Platform.MASTODON: MastodonClient, Platform.BLUESKY: BlueskyClient,
    }
    client: NetworkClient = classes[Platform(connection.network)](connection)
    return client
