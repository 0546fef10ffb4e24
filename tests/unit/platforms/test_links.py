"""Campaign tags per network, never carrying health information; link-card data."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from clinicstudio.platforms import LinkCard, SensitiveParameterError, tag_link
from clinicstudio.platforms.links import strip_sensitive_parameters


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_each_network_is_its_own_source() -> None:
    defaults = {"utm_campaign": "flu-shots-fall", "utm_content": "walk-ins"}
    tagged = tag_link("https://riversidefamily.clinic/flu", "bluesky", defaults)
    assert _query(tagged) == {
        "utm_source": ["bluesky"], "utm_medium": ["social"],
        "utm_campaign": ["flu-shots-fall"], "utm_content": ["walk-ins"],
    }
    assert _query(tag_link("https://riversidefamily.clinic/flu", "x"))["utm_source"] == ["x"]


def test_existing_parameters_stay_but_patient_ones_go() -> None:
    tagged = tag_link("https://riversidefamily.clinic/book?lang=es&patient_id=4471", "facebook")
    query = _query(tagged)
    assert query["lang"] == ["es"]
    assert "patient_id" not in query


@pytest.mark.parametrize(
    "defaults",
    [{"utm_campaign": "diabetes-patients"}, {"utm_content": "mrn-448812"}, {"dob": "1980"}],
)
def test_campaign_defaults_with_health_information_are_refused(defaults: dict[str, str]) -> None:
    with pytest.raises(SensitiveParameterError, match="could reveal health information"):
        tag_link("https://riversidefamily.clinic/", "linkedin", defaults)


def test_strip_sensitive_parameters() -> None:
    url = "https://riversidefamily.clinic/r?condition=asthma&ref=newsletter&q=hiv+testing"
    assert strip_sensitive_parameters(url) == "https://riversidefamily.clinic/r?ref=newsletter"


def test_link_card_data_for_bluesky_and_linkedin() -> None:
    card = LinkCard("https://www.riversidefamily.clinic/flu", "Flu shots", "Walk in Mon-Fri")
    assert card.domain == "riversidefamily.clinic"
    assert card.for_bluesky() == {
        "$type": "app.bsky.embed.external",
        "external": {"uri": card.url, "title": "Flu shots", "description": "Walk in Mon-Fri"},
    }
    assert card.for_linkedin("urn:li:image:1") == {"article": {
        "source": card.url, "title": "Flu shots", "description": "Walk in Mon-Fri",
        "thumbnail": "urn:li:image:1",
    }}
