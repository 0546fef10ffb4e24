"""Only clinicstudio/ui may import Qt; the core must run without a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "clinicstudio"


def qt_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    lines = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in names):
            lines.append(node.lineno)
    return lines


def test_no_module_outside_ui_imports_pyside6() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        for line in qt_imports(path)
    ]
    assert offenders == []


def test_the_command_line_core_loads_without_qt() -> None:
    code = (
        "import sys, clinicstudio.cli, clinicstudio.store.database, clinicstudio.demo\n"
        "clinicstudio.cli.build_parser()\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
