"""Where ClinicStudio's shipped data lives: rule packs, word lists, styles, icons, demo images.

All data is read through :func:`resource_path`, so the program finds it the same way from a
source checkout (``resources/`` at the top of the tree) and from an installed wheel (the build
copies that folder to ``clinicstudio/_resources``). Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_root() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_resources"
    if installed.is_dir():
        return installed
    return here.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a shipped data file, e.g. ``resource_path("compliance", "claims.toml")``."""
    return resources_root().joinpath(*parts)


def read_word_list(name: str) -> list[str]:
    """The terms of ``resources/lexicons/<name>``: one a line, lower-cased, ``#`` comments out.

    The compliance checks and the audience checks read the same lists through this.
    """
    lines = resource_path("lexicons", name).read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


@cache
def guide_root() -> Path:
    """The user guide (``docs/`` of the source tree; ``clinicstudio/_docs`` when installed)."""
    here = Path(__file__).resolve().parent
    installed = here / "_docs"
    if installed.is_dir():
        return installed / "guide"
    return here.parent / "docs" / "guide"
