"""Reading a clinic's identity from a TOML file (``clinicstudio check --clinic FILE``).

A consultant who writes for several clinics keeps one small file per clinic::

    name = "Maple Grove Family Medicine"
    phones = ["(555) 214-7700"]
    emails = ["frontdesk@maplegrovefm.com"]
    websites = ["maplegrovefm.com"]
    addresses = ["410 Oak Street, Maple Grove, OH 43001"]
    staff = ["Dr. Anita Sharma, MD", "Lisa Tran, front desk"]
    handles = ["@maplegrovefm"]      # optional
    staff_first_names = ["Lisa"]     # optional: first names that alone mean a staff member
    words = ["Hydrafacial"]          # optional: the clinic's own words for spelling
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from clinicstudio.domain import ClinicIdentity

LIST_FIELDS = ("phones", "emails", "websites", "addresses", "staff", "handles",
               "staff_first_names", "words")


class ClinicFileError(ValueError):
    """The file is missing, is not TOML, or has a field of the wrong type."""


def load_clinic_file(path: str | Path) -> ClinicIdentity:
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ClinicFileError(f"cannot read clinic file {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ClinicFileError(f"clinic file {path} is not valid TOML: {exc}") from exc
    name = data.get("name", "")
    if not isinstance(name, str):
        raise ClinicFileError(f"clinic file {path}: 'name' must be text")
    lists: dict[str, tuple[str, ...]] = {}
    for field in LIST_FIELDS:
        value = data.get(field, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ClinicFileError(f"clinic file {path}: '{field}' must be a list of text")
        lists[field] = tuple(value)
    return ClinicIdentity(name=name, **lists)
