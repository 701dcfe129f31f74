"""The core is pure Python: importing every researcher.core module loads no Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import researcher.core

ROOT = Path(__file__).resolve().parents[2]


def core_modules() -> list[str]:
    return sorted(f"researcher.core.{info.name}" for info in pkgutil.iter_modules(researcher.core.__path__))


def test_there_are_core_modules_to_check() -> None:
    assert {"researcher.core.db", "researcher.core.prospects", "researcher.core.notes"} <= set(core_modules())


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith('researcher.ui')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
