"""A preview widget per network: the layout, avatar shape and action bar each feed uses."""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms import PreviewModel
from clinicstudio.ui.preview.card import CardStyle, FeedCard


def _at(handle: str, default: str) -> str:
    handle = handle or default
    return handle if handle.startswith("@") else f"@{handle}"


class FacebookPreview(FeedCard):
    STYLE = CardStyle(
        Platform.FACEBOOK, "top", "circle", 40, lambda m: "Just now · Public",
        (("thumb", "Like"), ("bubble", "Comment"), ("share", "Share")),
        width=500, bold_more=True,
    )


class InstagramPreview(FeedCard):
    STYLE = CardStyle(
        Platform.INSTAGRAM, "instagram", "circle", 32, lambda m: "",
        (("heart", ""), ("bubble", ""), ("send", ""), ("|", ""), ("bookmark", "")),
        width=440, card_radius=0,
    )


class XPreview(FeedCard):
    STYLE = CardStyle(
        Platform.X, "side", "circle", 40,
        lambda m: f"{_at(m.handle, 'yourclinic')} · now",
        (("bubble", ""), ("repost", ""), ("heart", ""), ("bars", ""), ("bookmark", ""),
         ("share", "")),
        width=520, card_radius=0, media_radius=16, font_pt=11,
    )


class LinkedInPreview(FeedCard):
    STYLE = CardStyle(
        Platform.LINKEDIN, "top", "square", 48, lambda m: "Now · Public",
        (("thumb", "Like"), ("square_bubble", "Comment"), ("repost", "Repost"),
         ("send", "Send")),
        width=520,
    )


class MastodonPreview(FeedCard):
    STYLE = CardStyle(
        Platform.MASTODON, "side", "rounded", 46,
        lambda m: f"{_at(m.handle, 'yourclinic@mastodon.social')} · now",
        (("bubble", ""), ("repost", ""), ("star", ""), ("bookmark", ""), ("dots", "")),
        width=520, card_radius=0, media_radius=8, font_pt=11,
    )


class BlueskyPreview(FeedCard):
    STYLE = CardStyle(
        Platform.BLUESKY, "side", "circle", 42,
        lambda m: f"{_at(m.handle, 'yourclinic.bsky.social')} · now",
        (("bubble", ""), ("repost", ""), ("heart", ""), ("dots", "")),
        width=520, card_radius=0, media_radius=8, font_pt=11,
    )


CARDS: dict[Platform, type[FeedCard]] = {
    card.STYLE.platform: card
    for card in (FacebookPreview, InstagramPreview, XPreview, LinkedInPreview,
                 MastodonPreview, BlueskyPreview)
}


def card_for(platform: Platform, dark: bool = False) -> FeedCard:
    return CARDS[platform](dark)


__all__ = ["CARDS", "PreviewModel", "card_for"]
