"""Feed previews: a widget per network and the pane that shows the selected ones."""

from clinicstudio.ui.preview.card import FeedCard
from clinicstudio.ui.preview.network_cards import (
    CARDS,
    BlueskyPreview,
    FacebookPreview,
    InstagramPreview,
    LinkedInPreview,
    MastodonPreview,
    XPreview,
    card_for,
)
from clinicstudio.ui.preview.pane import NetworkSection, PreviewPane

__all__ = [
    "CARDS",
    "BlueskyPreview",
    "FacebookPreview",
    "FeedCard",
    "InstagramPreview",
    "LinkedInPreview",
    "MastodonPreview",
    "NetworkSection",
    "PreviewPane",
    "XPreview",
    "card_for",
]
