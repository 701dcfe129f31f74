"""Where the rep's database lives by default, and where a demo copy is made."""

from __future__ import annotations

import tempfile
from pathlib import Path

from platformdirs import user_data_path

from researcher import APP_NAME

DATABASE_NAME = "researcher.sqlite"


def default_database_path() -> Path:
    """Return the database path in the user's data folder (created on first use)."""
    return user_data_path(APP_NAME, appauthor=False) / DATABASE_NAME


def fresh_demo_path() -> Path:
    """Return a new, empty location for a demo database, outside the rep's data folder."""
    return Path(tempfile.mkdtemp(prefix="researcher-demo-")) / "demo.sqlite"
