"""The ``clinicstudio`` command line.

Each command lives in its own module under :mod:`clinicstudio.commands` (listed there in
``COMMAND_MODULES``) and registers itself through ``register(subparsers)``; this module only
loads them, parses the arguments and turns problems into the documented exit statuses: 0 fine,
1 something blocks or failed, 2 bad usage or unreadable input (one plain line on standard
error, never a traceback).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from clinicstudio import __version__, commands

# Only what every path needs is imported here: ``--help`` and ``--version`` answer before the
# rest of ClinicStudio (its domain types, logging, a command's own imports) is loaded.

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own message is fine; keep its exit status (2) and format.
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def command_modules() -> list[str]:
    """The command modules' names (``publish_due`` for ``clinicstudio publish-due``)."""
    return list(commands.COMMAND_MODULES)


def requested_command(args: Sequence[str]) -> str | None:
    """The command named in ``args`` (skipping ``--db URL``), or None for a bare call."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(only: str | None = None, *,
                 summaries_only: bool = False) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command's module is imported (a fast start). With
    ``summaries_only`` no command is imported: enough for the top-level ``--help``."""
    parser = _Parser(
        prog="clinicstudio",
        description="ClinicStudio: write, check, preview, plan and publish a clinic's "
        "social posts. With no command, it opens the studio window.",
    )
    parser.add_argument("--version", action="version", version=f"ClinicStudio {__version__}")
    add_db_option(parser)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    if summaries_only:
        for name, summary in commands.SUMMARIES.items():
            sub.add_parser(name.replace("_", "-"), help=summary)
        return parser
    for name in [only] if only else command_modules():
        commands.load(name).register(sub)
    return parser


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db`` on the main parser and on every command, so it may stand before or after it."""
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database: an SQLAlchemy URL or a file path (default: $CLINICSTUDIO_DB, "
        "else clinicstudio.db in your user data folder)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure ends as one plain line and a documented exit status."""
    _ensure_streams()
    try:
        return _main(argv)
    except BrokenPipeError:
        # `clinicstudio posts list | head`: the reader has all it wanted. Nothing more may be
        # written (not even at exit), and nothing went wrong.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _not_text(args: Sequence[str]) -> str | None:
    """The first argument holding bytes that are not UTF-8 (Python keeps them as surrogates)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "replace").decode("utf-8")
    return None


def _main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    garbled = _not_text(args_list)
    if garbled is not None:
        print(f"clinicstudio: the argument '{garbled}' is not valid text (it has bytes that are "
              "not UTF-8); type it again or save the text as UTF-8.", file=sys.stderr)
        return EXIT_USAGE
    wants_help = any(arg in ("-h", "--help", "--version") for arg in args_list)
    name = requested_command(args_list) or ("gui" if not wants_help else None)
    module = name.replace("-", "_") if name else None
    # Importing every command costs most of a second; a known command loads only its own, and
    # the top-level help, the version and an unknown command's error none at all.
    known = module in command_modules()
    parser = build_parser(only=module if known else None, summaries_only=not known)
    args = parser.parse_args(args_list)
    from clinicstudio import log_redaction
    from clinicstudio.domain import UserError

    if not hasattr(args, "run"):
        # A bare `clinicstudio` (perhaps with --db) opens the studio window.
        args = parser.parse_args([*args_list, "gui"])
    if not hasattr(args, "db"):
        args.db = os.environ.get("CLINICSTUDIO_DB") or None
    # The rotating log file in this computer's log folder (tokens blanked), warnings on stderr;
    # every library's log lines pass the same redaction.
    from clinicstudio.unattended.logfile import configure_logging

    configure_logging()
    log_redaction.install()
    try:
        return int(args.run(args))
    except UserError as exc:
        print(f"clinicstudio: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("clinicstudio: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except Exception as exc:
        return _unexpected(exc)


def gui_main() -> int:
    """``clinicstudio-gui``: the same commands, started without a console window (Windows).

    The menu entries and the scheduled task use it, so nothing flashes on the screen.
    """
    return main()


def _ensure_streams() -> None:
    # A program started without a console (Windows gui-scripts, a windowed bundle) has no
    # standard output; what a command prints then goes nowhere rather than failing (the log
    # file keeps what matters).
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


EXIT_FAULT = 70  # a fault of ClinicStudio's own (BSD's EX_SOFTWARE), never "blocked" or "usage"


def _unexpected(exc: Exception) -> int:
    """One sentence for what was not foreseen; the details go to the log, not the screen."""
    if type(exc).__module__.startswith("sqlalchemy"):
        from clinicstudio.store.database import plain_database_error

        plain = plain_database_error(exc, "The database")
        if plain:
            print(f"clinicstudio: {plain}", file=sys.stderr)
            return EXIT_USAGE
    logging.getLogger("clinicstudio").debug("unexpected failure", exc_info=exc)
    print(f"clinicstudio: something unexpected went wrong ({type(exc).__name__}) and it "
          "stopped. Run it again with CLINICSTUDIO_LOG=DEBUG to see the details, and report "
          "them.", file=sys.stderr)
    return EXIT_FAULT
