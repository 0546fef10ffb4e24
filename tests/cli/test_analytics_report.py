"""`analytics report`: the PDF opens with its charts and figures (looked at as a PNG), the CSV
carries the same figures, and bad dates get a plain sentence."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clinicstudio.cli import main
from clinicstudio.store.database import open_database
from tests.helpers.results_data import seed_results


@pytest.fixture
def clinic_db(tmp_path: Path) -> str:
    url = str(tmp_path / "clinic.db")
    db = open_database(url)
    seed_results(db, posts=24, days=40)
    db.close()
    return url


def period() -> tuple[str, str]:
    end = datetime.now(UTC).date()
    return (end - timedelta(days=29)).isoformat(), end.isoformat()


def test_the_pdf_has_two_pages_of_figures_and_charts(
        clinic_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start, end = period()
    pdf = tmp_path / "report.pdf"
    status = main(["--db", clinic_db, "analytics", "report", "--from", start, "--to", end,
                   "--pdf", str(pdf)])
    assert status == 0, capsys.readouterr().err
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/Count 2" in data  # two pages
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        for words in ("social media results", "Cost per conversion", "$25.26",
                      "Engagement by network", "Followers", "Flu shots fall",
                      "no conversions yet", "Top posts", "Best days and hours"):
            assert words in text, words
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), "/tmp/results_report"],
                       check=True)
        assert Path("/tmp/results_report-1.png").stat().st_size > 10_000


def test_the_csv_carries_the_same_figures(clinic_db: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    start, end = period()
    out = tmp_path / "report.csv"
    assert main(["--db", clinic_db, "analytics", "report", "--from", start, "--to", end,
                 "--csv", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    flu = {r["figure"]: r["value"] for r in rows
           if r["section"] == "campaign" and r["item"] == "Flu shots fall" and not r["network"]}
    assert (flu["spend"], flu["conversions"], flu["cpa"], flu["roas"]) == (
        "400.0", "19", "21.05", "5.7")
    sports = {r["figure"]: r["value"] for r in rows
              if r["item"] == "Sports physicals" and not r["network"]}
    assert sports["cpa"] == ""  # no conversions: empty, never a division error
    assert any(r["section"] == "followers" for r in rows)


def test_bad_dates_and_missing_output_are_plain_sentences(
        clinic_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", clinic_db, "analytics", "report", "--from", "May 1", "--to",
                 "2026-05-31", "--csv", "x.csv"]) == 2
    assert "“May 1” is not a date like 2026-05-31." in capsys.readouterr().err
    assert main(["--db", clinic_db, "analytics", "report", "--from", "2026-05-31", "--to",
                 "2026-05-01", "--csv", "x.csv"]) == 2
    assert "--to is before --from" in capsys.readouterr().err
    assert main(["--db", clinic_db, "analytics", "report", "--from", "2026-05-01", "--to",
                 "2026-05-31"]) == 2
    assert "--pdf FILE or --csv FILE" in capsys.readouterr().err
