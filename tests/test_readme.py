"""The README's two commands exist, and CI runs exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands(section: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"## {section}\n+```sh\n(.+?)\n```", text, re.S)
    assert match, f"README has no '{section}' command block"
    return match.group(1).splitlines()


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    (command,) = _commands("Run the tests")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci_lines


def test_demo_command_installs_and_starts_the_demo() -> None:
    (command,) = _commands("Run the demo")
    assert "pip install ." in command and command.endswith("researcher --demo")
