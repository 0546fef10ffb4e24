"""The explicit command registry matches the command modules on disk.

A bundled build cannot scan the package for commands, so each one is listed in
``clinicstudio.commands.COMMAND_MODULES``. A module added without being listed would work from
a checkout and be missing from every installer; this test fails first.
"""

from __future__ import annotations

import pkgutil

from clinicstudio import commands
from clinicstudio.cli import build_parser


def _modules_on_disk() -> set[str]:
    return {
        info.name for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    }


def test_every_command_module_on_disk_is_registered() -> None:
    missing = _modules_on_disk() - set(commands.COMMAND_MODULES)
    assert not missing, f"add {sorted(missing)} to COMMAND_MODULES in clinicstudio/commands"


def test_every_registered_command_has_a_module() -> None:
    assert set(commands.COMMAND_MODULES) <= _modules_on_disk()
    assert len(set(commands.COMMAND_MODULES)) == len(commands.COMMAND_MODULES)


def test_every_registered_module_adds_its_command() -> None:
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands.COMMAND_MODULES:
        assert name.replace("_", "-") in choices, name
