"""One module per command. Each defines ``register(subparsers)``; the parser it adds sets
``run=function(args) -> int`` through ``set_defaults``.

The commands are listed here, by module name, rather than found by scanning the package: a
bundled build (PyInstaller) has no package folder to scan, and an explicit list is what the
bundle's analysis follows. A new command module must be added to :data:`COMMAND_MODULES`;
``tests/unit/test_command_registry.py`` fails until it is.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: Every command's module (``publish_due`` is ``clinicstudio publish-due``), in help order.
COMMAND_MODULES: tuple[str, ...] = (
    "accounts",
    "analytics",
    "audit",
    "backup",
    "calendar",
    "campaigns",
    "check",
    "consents",
    "conversions",
    "demo",
    "export",
    "gui",
    "inbox",
    "login",
    "logout",
    "outbox",
    "policy",
    "posts",
    "publish",
    "publish_due",
    "restore",
    "scheduler",
    "segments",
    "self_test",
    "settings",
    "users",
    "whoami",
    "words",
)


def load(name: str) -> ModuleType:
    """The command module ``name``; only that one is imported (a command starts fast)."""
    if name not in COMMAND_MODULES:
        raise KeyError(name)
    # A literal import per name would let a bundler see them; the bundle spec lists
    # COMMAND_MODULES as hidden imports instead, from this same tuple.
    return importlib.import_module(f"{__name__}.{name}")
