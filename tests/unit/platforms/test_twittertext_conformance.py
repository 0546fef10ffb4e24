"""The public twitter-text conformance suite: every weighted-length and link-extraction case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clinicstudio.platforms.counting.twittertext import V3, WeightConfig, parse, weighted_length
from clinicstudio.platforms.counting.urls import extract_urls
from tests.helpers.platforms_conformance import load_conformance

# The public conformance files, vendored with their Apache-2.0 licence (see the README there).
CONFORMANCE = Path(__file__).resolve().parents[2] / "data" / "twitter-text"


def _load(name: str) -> dict[str, list[dict[str, Any]]]:
    path = CONFORMANCE / name
    if not path.is_file():
        pytest.fail(f"conformance data missing at {path}")
    return load_conformance(path)["tests"]


def _config(version: int) -> WeightConfig:
    data = json.loads((CONFORMANCE / f"config-v{version}.json").read_text(encoding="utf-8"))
    return WeightConfig.from_json(data)


def _weighted_cases() -> list[Any]:
    tests = _load("validate.yml")
    sections = {
        "WeightedTweetsCounterTest": 2,
        "WeightedTweetsWithDiscountedEmojiCounterTest": 3,
        "UnicodeDirectionalMarkerCounterTest": 3,
    }
    return [
        pytest.param(version, case, id=f"{section}: {case['description']}")
        for section, version in sections.items()
        for case in tests[section]
    ]


def _url_cases() -> list[Any]:
    tests = _load("extract.yml")
    sections = (
        "urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params",
    )
    return [
        pytest.param(section, case, id=f"{section}: {case['description']}")
        for section in sections
        for case in tests[section]
    ]


def test_v3_config_file_matches_built_in_rules() -> None:
    assert _config(3) == V3


@pytest.mark.parametrize(("version", "case"), _weighted_cases())
def test_weighted_length(version: int, case: dict[str, Any]) -> None:
    config = _config(version)
    expected = case["expected"]
    result = parse(case["text"], config)
    assert result.weighted_length == expected["weightedLength"]
    assert weighted_length(case["text"], config) == expected["weightedLength"]
    assert result.valid is expected["valid"]
    assert result.permillage == expected["permillage"]
    assert result.valid_range_end == expected["validRangeEnd"]
    assert result.display_range_end == expected["displayRangeEnd"]


def _utf16_index(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.mark.parametrize(("section", "case"), _url_cases())
def test_url_extraction(section: str, case: dict[str, Any]) -> None:
    text = case["text"]
    found = extract_urls(text)
    if section in ("urls", "tco_urls_with_params"):
        assert [url.url for url in found] == case["expected"]
    else:
        assert [
            (url.url, [_utf16_index(text, url.start), _utf16_index(text, url.end)])
            for url in found
        ] == [(item["url"], item["indices"]) for item in case["expected"]]
