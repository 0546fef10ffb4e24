"""The explicit command registry matches the command modules on disk.

A bundled build cannot scan the package for commands, so each one is listed in
``clinicstudio.commands.COMMAND_MODULES``. A module added without being listed would work from
a checkout and be missing from every installer; this test fails first.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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


def test_the_top_level_help_says_what_each_command_itself_says() -> None:
    """The top-level help is drawn from SUMMARIES without importing any command; each line
    must be the one the command's own module registers."""
    for name in commands.COMMAND_MODULES:
        parser = build_parser(only=name)
        action = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
        (registered,) = action._choices_actions
        assert registered.help == commands.SUMMARIES[name], name


def test_help_and_version_import_no_command() -> None:
    """``clinicstudio --help`` and ``--version`` start fast: no command module, no domain types,
    no database library is imported to answer them."""
    code = ("import sys\nfrom clinicstudio.cli import main\n"
            "for argv in (['--help'], ['--version']):\n"
            "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
            "loaded = [m for m in sys.modules if m.startswith('clinicstudio.commands.')\n"
            "          or m in ('clinicstudio.domain', 'sqlalchemy', 'PySide6')]\n"
            "print('LOADED', loaded)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert "commands:" in done.stdout and "publish-due" in done.stdout
    assert "ClinicStudio 0." in done.stdout
    assert done.stdout.rstrip().endswith("LOADED []"), done.stdout[-300:]
