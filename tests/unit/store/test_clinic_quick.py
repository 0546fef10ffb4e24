"""The quick reading of the clinic's identity (for ``clinicstudio check``) says exactly what the
full reading through SQLAlchemy says, and steps aside whenever it cannot be sure."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from clinicstudio.domain import ClinicIdentity, Role
from clinicstudio.store.clinic import add_staff, clinic_identity, save_profile
from clinicstudio.store.clinic_quick import quick_clinic_identity, sqlite_file
from clinicstudio.store.clinic_words import add_words
from clinicstudio.store.database import Database


def _full(db: Database) -> ClinicIdentity:
    with db.session() as session:
        return clinic_identity(session)


def test_an_empty_clinic_reads_the_same(sqlite_db: Database, tmp_path: Path) -> None:
    assert quick_clinic_identity(tmp_path / "clinic.db") == _full(sqlite_db) == ClinicIdentity()


def test_a_full_profile_staff_and_words_read_the_same(sqlite_db: Database,
                                                      tmp_path: Path) -> None:
    with sqlite_db.transaction() as session:
        save_profile(session, name="Maple Grove Family Health", phones=["(555) 010-2000"],
                     emails=["desk@maplegrove.test"], websites=["https://maplegrove.test"],
                     addresses=["12 Main Street, Springfield"], handles=["@maplegrove"],
                     time_zone="America/Chicago")
        add_staff(session, "Dana Whitfield", role=Role.ADMIN, actor="test")
        gone = add_staff(session, "Sam Ortiz", actor="test")
        gone.active = False
        add_words(session, ["Glowderm", "Hydrafacial"])
        add_words(session, ["Lisa"], list_name="staff_first_names")
    quick = quick_clinic_identity(f"sqlite:///{tmp_path / 'clinic.db'}")
    assert quick == _full(sqlite_db)
    assert quick is not None and quick.staff == ("Dana Whitfield",)
    assert quick.words == ("Glowderm", "Hydrafacial") and quick.staff_first_names == ("Lisa",)


def test_it_steps_aside_when_it_cannot_be_sure(sqlite_db: Database, tmp_path: Path) -> None:
    assert quick_clinic_identity(tmp_path / "missing.db") is None
    assert quick_clinic_identity("postgresql+psycopg://user@localhost/clinic") is None
    assert sqlite_file("postgresql+psycopg://user@localhost/clinic") is None
    with sqlite3.connect(tmp_path / "clinic.db") as connection:  # an older or newer schema
        connection.execute("UPDATE alembic_version SET version_num = 'someday'")
    assert quick_clinic_identity(tmp_path / "clinic.db") is None
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()  # not ClinicStudio's
    assert quick_clinic_identity(other) is None
