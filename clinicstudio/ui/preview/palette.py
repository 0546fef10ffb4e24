"""Colours of each network's feed in light and dark mode, close to what people know."""

from __future__ import annotations

from dataclasses import dataclass

from clinicstudio.domain import Platform


@dataclass(frozen=True, slots=True)
class FeedColours:
    page: str  # behind the card
    card: str
    border: str
    text: str
    secondary: str  # handle, time, "... more", action icons
    link: str  # links, mentions, hashtags
    over_background: str  # the part of the text the network would refuse
    over_text: str
    placeholder: str  # an image that cannot be loaded


_ACCENT_LIGHT = {
    Platform.FACEBOOK: "#0866FF", Platform.INSTAGRAM: "#00376B", Platform.X: "#1D9BF0",
    Platform.LINKEDIN: "#0A66C2", Platform.MASTODON: "#563ACC", Platform.BLUESKY: "#1083FE",
}
_ACCENT_DARK = {
    Platform.FACEBOOK: "#599EFF", Platform.INSTAGRAM: "#E0F1FF", Platform.X: "#1D9BF0",
    Platform.LINKEDIN: "#71B7FB", Platform.MASTODON: "#8C8DFF", Platform.BLUESKY: "#208BFE",
}
BRAND = {
    Platform.FACEBOOK: "#0866FF", Platform.INSTAGRAM: "#E1306C", Platform.X: "#0F1419",
    Platform.LINKEDIN: "#0A66C2", Platform.MASTODON: "#6364FF", Platform.BLUESKY: "#1185FE",
}


def feed_colours(platform: Platform, dark: bool) -> FeedColours:
    if dark:
        page = {Platform.X: "#000000", Platform.BLUESKY: "#161E27",
                Platform.MASTODON: "#191B22"}.get(platform, "#18191A")
        card = {Platform.X: "#000000", Platform.INSTAGRAM: "#000000",
                Platform.BLUESKY: "#161E27", Platform.MASTODON: "#282C37",
                Platform.LINKEDIN: "#1B1F23"}.get(platform, "#242526")
        return FeedColours(page, card, "#3A3F47", "#E7E9EA", "#8B98A5",
                           _ACCENT_DARK[platform], "#5C1F24", "#FFB4B4", "#2F3336")
    page = {Platform.X: "#FFFFFF", Platform.INSTAGRAM: "#FFFFFF", Platform.BLUESKY: "#FFFFFF",
            Platform.MASTODON: "#ECEEF4", Platform.LINKEDIN: "#F4F2EE"}.get(platform, "#F0F2F5")
    return FeedColours(page, "#FFFFFF", "#DADDE1", "#0F1419", "#65676B",
                       _ACCENT_LIGHT[platform], "#FFE0E0", "#B3261E", "#E4E6EB")


COUNTER_COLOURS = {
    # (light, dark) for the counter states of PreviewModel.counter_state
    "ok": ("#5F6368", "#9AA0A6"),
    "near": ("#B06000", "#FDD663"),
    "over": ("#C5221F", "#F28B82"),
}
