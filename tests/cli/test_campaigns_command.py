"""`clinicstudio campaigns` and `conversions import`: spend, conversions, CPA and ROAS, on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinicstudio.cli import main

KNOWN_CSV = """date,utm_source,utm_medium,utm_campaign,conversions,revenue
2026-10-03,facebook,social,flu-shots-fall,4,320.00
2026-10-04,instagram,social,flu-shots-fall,1,80
2026-10-04,facebook,social,flu-shots-fall,1,"1,000.00"
2026-10-05,google,cpc,back-to-school,3,90
"""


class Cli:
    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url, self.capsys = url, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        status = main(["--db", self.url, *args])
        out, err = self.capsys.readouterr()
        return status, out, err

    def json(self, *args: str) -> object:
        status, out, err = self(*args, "--json")
        assert status == 0, err
        return json.loads(out)


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_url, capsys)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_cpa_and_roas_for_a_known_csv_and_spend(cli: Cli, tmp_path: Path) -> None:
    assert cli("campaigns", "add", "Flu shots fall", "--budget", "500",
               "--slug", "flu-shots-fall")[0] == 0
    assert cli("campaigns", "add", "Sports physicals")[0] == 0
    for amount, day, network in (("100", "2026-10-01", "facebook"),
                                 ("50.00", "2026-10-02", "instagram")):
        status, out, err = cli("campaigns", "spend", "Flu shots fall", "--amount", amount,
                               "--date", day, "--network", network)
        assert status == 0, err
    assert cli("campaigns", "spend", "flu-shots-fall", "--amount", "$25", "--date",
               "2026-10-02")[0] == 0
    csv_file = write(tmp_path, "bookings.csv", KNOWN_CSV)
    status, out, err = cli("conversions", "import", csv_file)
    assert status == 0, err
    assert "Imported 4 row(s): 9 conversion(s), $1,490.00 revenue." in out
    assert "back-to-school" in out  # no campaign uses it yet: said, not dropped

    flu = cli.json("campaigns", "show", "Flu shots fall")
    assert (flu["spend"], flu["conversions"], flu["revenue"]) == (175.0, 6, 1400.0)
    assert flu["cpa"] == pytest.approx(29.17) and flu["roas"] == pytest.approx(8.0)
    assert flu["budget"] == 500.0
    facebook, instagram = flu["networks"]["facebook"], flu["networks"]["instagram"]
    assert (facebook["spend"], facebook["conversions"], facebook["revenue"]) == (100.0, 5, 1320.0)
    assert (facebook["cpa"], facebook["roas"]) == (20.0, 13.2)
    assert (instagram["cpa"], instagram["roas"]) == (50.0, 1.6)

    # The same export again (or a newer one of the same days) never counts twice.
    assert cli("conversions", "import", csv_file)[0] == 0
    assert cli.json("campaigns", "show", "Flu shots fall")["conversions"] == 6


def test_a_campaign_with_no_conversions_says_so_instead_of_dividing(cli: Cli) -> None:
    cli("campaigns", "add", "Sports physicals", "--budget", "200")
    cli("campaigns", "spend", "Sports physicals", "--amount", "40", "--date", "2026-08-01")

    shown = cli.json("campaigns", "show", "Sports physicals")
    assert (shown["spend"], shown["conversions"], shown["cpa"], shown["roas"]) == (
        40.0, 0, None, 0.0)
    status, out, _ = cli("campaigns", "show", "Sports physicals")
    assert status == 0 and "cost per conversion no conversions yet" in out
    listed = cli.json("campaigns", "list")
    assert [c["name"] for c in listed] == ["Sports physicals"] and listed[0]["cpa"] is None
    cli("campaigns", "add", "Open house")
    empty = next(c for c in cli.json("campaigns", "list") if c["name"] == "Open house")
    assert empty["cpa"] is None and empty["roas"] is None and empty["spend"] == 0


def test_campaign_link_names_that_reveal_health_are_refused(cli: Cli) -> None:
    status, _, err = cli("campaigns", "add", "Diabetes check", "--slug", "diabetes-check")
    assert status == 2 and "could reveal a health condition" in err
    assert "Traceback" not in err
    status, _, err = cli("campaigns", "spend", "Nobody", "--amount", "5", "--date", "2026-01-01")
    assert status == 2 and "There is no campaign called “Nobody”" in err
    cli("campaigns", "add", "Flu")
    status, _, err = cli("campaigns", "spend", "Flu", "--amount", "five", "--date", "2026-01-01")
    assert status == 2 and "is not an amount" in err


def test_a_file_with_anything_but_counts_and_money_is_refused_whole(
        cli: Cli, tmp_path: Path) -> None:
    cli("campaigns", "add", "Flu shots fall", "--slug", "flu-shots-fall")
    names = write(tmp_path, "export.csv",
                  "date,utm_source,utm_campaign,conversions,Patient name\n"
                  "2026-10-03,facebook,flu-shots-fall,1,Jane Roe\n")
    status, _, err = cli("conversions", "import", names)
    assert status == 2
    assert "The column “Patient name” is not a date, a traffic source, a count or an amount" \
        in err and "never patient details" in err
    words = write(tmp_path, "words.csv", "date,utm_source,utm_campaign,conversions\n"
                  "2026-10-03,facebook,flu-shots-fall,1\n"
                  "2026-10-04,facebook,flu-shots-fall,Jane Roe\n")
    status, _, err = cli("conversions", "import", words)
    assert status == 2 and "Line 3: conversions must be a whole number" in err
    email = write(tmp_path, "email.csv", "date,utm_source,utm_campaign,conversions\n"
                  "2026-10-03,jane@example.com,flu-shots-fall,1\n")
    status, _, err = cli("conversions", "import", email)
    assert status == 2 and "looks like a person's or a health detail" in err
    assert cli.json("campaigns", "show", "Flu shots fall")["conversions"] == 0


def test_a_column_mapping_is_saved_for_next_time(cli: Cli, tmp_path: Path) -> None:
    cli("campaigns", "add", "Flu shots fall", "--slug", "flu-shots-fall")
    export = ("Day,Session source,Session medium,Session campaign,Booked,Value\n"
              "2026-10-03,facebook,social,flu-shots-fall,2,150\n")
    first = write(tmp_path, "first.csv", export)
    status, _, err = cli("conversions", "import", first)
    assert status == 2 and "“Booked”" in err and '--map "Booked=FIELD"' in err
    status, _, err = cli("conversions", "import", first, "--map", "Booked=appointments")
    assert status == 0, err
    second = write(tmp_path, "second.csv", export.replace("2026-10-03", "2026-10-04"))
    status, _, err = cli("conversions", "import", second)
    assert status == 0, err
    shown = cli.json("campaigns", "show", "flu-shots-fall")
    assert (shown["conversions"], shown["revenue"]) == (4, 300.0)


def test_a_post_can_join_a_campaign(cli: Cli, tmp_path: Path) -> None:
    cli("campaigns", "add", "Flu shots fall", "--slug", "flu-shots-fall")
    text = write(tmp_path, "post.txt", "Flu shots are in: https://maple.example/flu")
    status, out, err = cli("posts", "add", "--text-file", text, "--network", "mastodon",
                           "--campaign", "Flu shots fall")
    assert status == 0, err
    from clinicstudio.store.database import open_database
    from clinicstudio.store.models import Post

    db = open_database(cli.url)
    try:
        with db.session() as session:
            post = session.get(Post, int(out.strip()))
            assert post is not None and post.campaign is not None
            assert post.campaign.name == "Flu shots fall"
    finally:
        db.close()
    status, _, err = cli("posts", "add", "--text-file", text, "--network", "mastodon",
                         "--campaign", "Nope")
    assert status == 2 and "There is no campaign called “Nope”" in err
