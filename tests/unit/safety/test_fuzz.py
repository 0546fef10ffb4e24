"""Fuzzing what people and files feed the studio: batch lines, dates, URLs and images.

Whatever comes in, the answer is a result or one :class:`UserError` sentence, never another
exception; ``check --batch --json`` always prints valid JSON Lines, one per non-blank line.
"""

from __future__ import annotations

import contextlib
import io
import json
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinicstudio import wall_time
from clinicstudio.commands import check as check_command
from clinicstudio.commands.posts import parse_when
from clinicstudio.compliance import Checker
from clinicstudio.domain import ClinicIdentity, Platform, UserError
from clinicstudio.platforms import validate
from clinicstudio.store.database import resolve_url
from clinicstudio.store.media import decoded_facts

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)
line_objects = st.fixed_dictionaries(
    {}, optional={"id": json_values, "text": st.text(max_size=200) | json_values,
                  "kind": st.sampled_from(["post", "reply", "x", ""]) | json_values,
                  "platform": st.sampled_from([p.value for p in Platform] + ["myspace"]),
                  "context": st.text(max_size=50) | json_values})


def _as_line(value: dict) -> bytes:
    return json.dumps(value, allow_nan=True).encode("utf-8", "surrogatepass")


batch_lines = st.lists(
    st.one_of(line_objects.map(_as_line), st.binary(max_size=80),
              st.text(max_size=80).map(lambda t: t.encode("utf-8", "surrogatepass")),
              st.just(b'{"id": 1, "text": "bad \\ud800 escape"}'),
              st.just(b'{"id": NaN, "text": "x"}')),
    min_size=1, max_size=8)


@cache
def _checker() -> Checker:
    return Checker(ClinicIdentity())


@FUZZ
@given(lines=batch_lines)
def test_batch_output_is_always_json_lines(tmp_path_factory, lines: list[bytes]) -> None:
    path = Path(tmp_path_factory.mktemp("batch")) / "batch.jsonl"
    clean = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    path.write_bytes(b"\n".join(clean))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = check_command._run_batch(_checker(), str(path), as_json=True)
    assert code in (0, 1, 2)
    printed = out.getvalue().splitlines()
    for row in printed:
        json.loads(row)  # every line is strict JSON
        row.encode("utf-8")  # and real text
    assert len(printed) == sum(1 for line in clean if line.strip())


@FUZZ
@given(text=st.text(max_size=40), zone=st.sampled_from(["America/New_York", "Europe/London",
                                                        "Australia/Lord_Howe", "UTC", "Nope/X"]))
def test_any_typed_time_is_a_moment_or_one_sentence(text: str, zone: str) -> None:
    try:
        when = parse_when(text, zone)
    except UserError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert when.tzinfo is not None
    when.astimezone(ZoneInfo("UTC"))  # never overflows


@FUZZ
@given(naive=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 31)),
       zone=st.sampled_from(["America/New_York", "Europe/Berlin", "Australia/Lord_Howe"]))
def test_wall_times_are_resolved_or_both_readings_given(naive: datetime, zone: str) -> None:
    try:
        moment = wall_time.resolve(naive, ZoneInfo(zone))
    except wall_time.UnclearTime as exc:
        first, second = exc.readings
        assert first.moment != second.moment or first.moment.utcoffset() \
            != second.moment.utcoffset()
        return
    except UserError:
        assert naive.year > wall_time.LATEST_YEAR
        return
    assert moment.replace(tzinfo=None) == naive


@FUZZ
@given(scheme=st.sampled_from(["postgres", "postgresql+psycopg2", "mysql", "sqlite", "x", ""]),
       rest=st.text(max_size=40))
def test_database_urls_are_accepted_or_refused_in_words(scheme: str, rest: str) -> None:
    try:
        resolve_url(f"{scheme}://{rest}")
    except UserError as exc:
        assert str(exc)


@FUZZ
@given(network=st.sampled_from(list(Platform)),
       parts=st.lists(st.sampled_from(["https://a.co", "http://x", "www.example.org/a?b=c",
                                       "#tag", "@name", "é", "👩‍⚕️", " ", "a" * 50,
                                       "https://xn--e1afmkfd.xn--p1ai/" + "p" * 30]),
                      max_size=40))
def test_counting_links_never_fails(network: Platform, parts: list[str]) -> None:
    for finding in validate(network, "".join(parts)):
        assert finding.message


HEADERS = [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP",
           b"II*\x00", b"BM"]


@FUZZ
@given(head=st.sampled_from(HEADERS), body=st.binary(max_size=400))
def test_any_image_file_is_described_or_refused_in_words(tmp_path_factory, head: bytes,
                                                         body: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("img")) / "photo.bin"
    path.write_bytes(head + body)
    try:
        width, height, _kind = decoded_facts(path)
    except UserError as exc:
        assert "photo.bin" in str(exc)
        return
    assert width > 0 and height > 0
