"""Run the app with `python -m researcher`."""

from researcher.cli import run

raise SystemExit(run())
