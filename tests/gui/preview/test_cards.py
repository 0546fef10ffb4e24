"""Each network's card shows what the preview model says, as that feed would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from clinicstudio.domain import Platform
from clinicstudio.platforms import ImageRef, build_preview
from clinicstudio.ui.preview import CARDS, FeedCard, card_for

LONG = (
    "Flu season is here and our nurses are ready for you. Walk in Monday to Friday, 8 to 5, "
    "no appointment needed. Bring your insurance card. #FluSeason "
    "https://riversidefamily.clinic/flu"
)


@pytest.fixture
def photo(tmp_path: Path) -> ImageRef:
    path = tmp_path / "front-desk.jpg"
    Image.new("RGB", (1200, 900), (40, 120, 160)).save(path, "JPEG")
    return ImageRef(str(path), 1200, 900, "Our front desk team")


def _card(qtbot: QtBot, platform: Platform, dark: bool = False) -> FeedCard:
    card = card_for(platform, dark)
    qtbot.addWidget(card)
    return card


@pytest.mark.parametrize("platform", list(Platform))
@pytest.mark.parametrize("dark", [False, True])
def test_every_card_renders_name_text_and_image(
    qtbot: QtBot, platform: Platform, dark: bool, photo: ImageRef
) -> None:
    card = _card(qtbot, platform, dark)
    card.show_model(build_preview(platform, "Walk-ins welcome today.", [photo],
                                  "Riverside Family Clinic", "riverside"), None)
    card.show()
    assert "Walk-ins welcome today." in card.body_label.text()
    header = card.name_label.text()
    assert ("Riverside Family Clinic" in header) or ("riverside" in header)
    assert card.media.isVisible() and card.media.height() > 100
    assert not card.grab().isNull()


def test_instagram_folds_with_more_and_leads_with_the_handle(qtbot: QtBot) -> None:
    card = _card(qtbot, Platform.INSTAGRAM)
    card.show_model(build_preview("instagram", LONG, display_name="Riverside", handle="riverside"))
    assert card.shown_text.endswith("... more")
    assert "#FluSeason" not in card.shown_text  # beyond the fold
    assert card.body_label.text().count("<b>riverside</b>") == 1


def test_facebook_says_see_more_and_keeps_short_posts_whole(qtbot: QtBot) -> None:
    card = _card(qtbot, Platform.FACEBOOK)
    card.show_model(build_preview("facebook", LONG * 4))
    assert card.shown_text.endswith("... See more")
    card.show_model(build_preview("facebook", "Open Saturday."))
    assert card.shown_text == "Open Saturday."


def test_links_and_hashtags_are_coloured_with_the_network_accent(qtbot: QtBot) -> None:
    card = _card(qtbot, Platform.X)
    card.show_model(build_preview("x", "Book https://riversidefamily.clinic/flu #FluSeason"))
    html = card.body_label.text()
    accent = card.colours.link
    assert f'color:{accent}">https://riversidefamily.clinic/flu<' in html
    assert f'color:{accent}">#FluSeason<' in html


def test_over_limit_part_is_highlighted(qtbot: QtBot) -> None:
    card = _card(qtbot, Platform.BLUESKY)
    card.show_model(build_preview("bluesky", "a" * 300 + "TOO MUCH"))
    html = card.body_label.text()
    assert f"background-color:{card.colours.over_background}" in html
    assert html.index("TOO MUCH") > html.index(card.colours.over_background)


def test_no_image_means_no_media_frame(qtbot: QtBot) -> None:
    card = _card(qtbot, Platform.MASTODON)
    card.show_model(build_preview("mastodon", "Hello"))
    card.show()
    assert not card.media.isVisible()


def test_grid_shows_plus_count_and_action_bar(qtbot: QtBot, photo: ImageRef) -> None:
    card = _card(qtbot, Platform.LINKEDIN)
    card.show_model(build_preview("linkedin", "Team day", [photo] * 6))
    assert card.model.tiles[-1].more == 2
    assert [label.text() for label in card.action_labels] == ["Like", "Comment", "Repost", "Send"]


def test_missing_image_file_shows_alt_text_placeholder(qtbot: QtBot) -> None:
    card = _card(qtbot, Platform.X)
    card.show_model(build_preview("x", "Hi", [ImageRef("/nowhere.jpg", 800, 600, "Clinic sign")]))
    card.show()
    assert not card.grab().isNull()


def test_a_widget_per_network() -> None:
    assert set(CARDS) == set(Platform)
    assert all(issubclass(card, FeedCard) for card in CARDS.values())


def test_instagram_without_an_image_shows_where_it_goes(qtbot: QtBot) -> None:
    card = _card(qtbot, Platform.INSTAGRAM)
    card.show_model(build_preview("instagram", "Hello"))
    card.show()
    assert card.model.missing_image == "Instagram posts need an image"
    assert card.media.isVisible() and card.media.height() > 100


def test_link_card_shows_when_there_are_no_images(qtbot: QtBot, photo: ImageRef) -> None:
    from clinicstudio.platforms import LinkCard

    link = LinkCard("https://www.riversidefamily.clinic/flu", "Flu shots", "Walk in today",
                    photo.path)
    card = _card(qtbot, Platform.BLUESKY)
    card.show_model(build_preview("bluesky", "See https://riversidefamily.clinic/flu",
                                  link_card=link))
    card.show()
    assert card.link_box.isVisible()
    assert "riversidefamily.clinic" in card.link_box.domain_label.text()
    assert "Flu shots" in card.link_box.title_label.text()
    assert card.link_box.thumbnail.isVisible()
    # A post with images shows the images, never the card (one embed per post).
    card.show_model(build_preview("bluesky", "See it", [photo], link_card=link))
    assert not card.link_box.isVisible()


def test_facebook_link_card_names_the_site_in_capitals(qtbot: QtBot) -> None:
    from clinicstudio.platforms import LinkCard

    card = _card(qtbot, Platform.FACEBOOK)
    card.show_model(build_preview("facebook", "Hi", link_card=LinkCard(
        "https://riversidefamily.clinic/flu", "Flu shots")))
    assert "RIVERSIDEFAMILY.CLINIC" in card.link_box.domain_label.text()
    assert not card.link_box.description_label.isVisibleTo(card)
