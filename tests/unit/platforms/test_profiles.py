"""Each network's profile carries the facts the checks and previews rely on."""

from __future__ import annotations

import pytest

from clinicstudio.domain import Platform
from clinicstudio.platforms import PROFILES, as_platform, profile
from clinicstudio.platforms.entities import EntityKind, find_entities, hashtags, mentions


def test_every_network_has_a_profile() -> None:
    assert set(PROFILES) == set(Platform)
    assert all(p.counting for p in PROFILES.values())


def test_key_facts() -> None:
    instagram = profile("instagram")
    assert (instagram.hashtag_limit, instagram.images_min, instagram.images_max) == (5, 1, 10)
    assert (instagram.aspect_min, instagram.aspect_max) == (0.8, 1.91)
    assert instagram.image_formats == {"JPEG"} and not instagram.links_clickable
    assert profile("bluesky").byte_limit == 3_000
    assert profile("x").images_max == 4 and profile("x").alt_text_limit == 1_000
    assert profile("mastodon").alt_text_limit == 1_500
    # Networks that need the app to build the link card, and none combines it with images.
    assert {p.platform for p in PROFILES.values() if p.link_card_from_client} == {
        Platform.BLUESKY, Platform.LINKEDIN}
    assert not any(p.link_card_with_images for p in PROFILES.values())
    assert {p.platform: p.fold_length for p in PROFILES.values() if p.fold_length} == {
        Platform.FACEBOOK: 480, Platform.INSTAGRAM: 125, Platform.LINKEDIN: 210}


@pytest.mark.parametrize("name", ["Facebook", " x ", "BLUESKY"])
def test_names_are_forgiving(name: str) -> None:
    assert as_platform(name) in Platform


def test_entities_per_network() -> None:
    text = "Visit riverside.com or https://riversidefamily.clinic/flu #FluShot @dr_lee@med.social"
    kinds = [(e.kind, e.text) for e in find_entities(Platform.X, text)]
    assert kinds == [
        (EntityKind.LINK, "riverside.com"),
        (EntityKind.LINK, "https://riversidefamily.clinic/flu"),
        (EntityKind.HASHTAG, "#FluShot"),
        (EntityKind.MENTION, "@dr_lee@med.social"),
    ]
    # Mastodon only links text that starts with http(s)://
    assert next(e.text for e in find_entities(Platform.MASTODON, text)).startswith("https://")
    assert hashtags("#1 #Flu2026 #café") == ["#Flu2026", "#café"]
    assert mentions("mail me at a@b.com or @frontdesk") == ["@frontdesk"]
