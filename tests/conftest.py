"""Shared fixtures: a real database file per test, the demo, the offscreen Qt platform."""

from __future__ import annotations

import atexit
import gc
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# The app's caches (parsed resources, holidays) go to a folder of this run's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="researcher-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)

from sqlite_utils import Database  # noqa: E402

from researcher.core.db import open_database  # noqa: E402
from researcher.core.demo import build_demo  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True, scope="session")
def garbage_collected_on_the_main_thread() -> Iterator[None]:
    """Worker threads must never run a collection that destroys Qt objects (it crashes); see
    researcher.ui.gc_guard, which does the same for the app."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_garbage_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "researcher.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A migrated store in a real file under the test's own folder."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[Database]:
    """A fresh demo database built for a fixed day, so dates in tests are stable."""
    database = build_demo(tmp_path / "demo.sqlite", today=date(2026, 12, 1))
    yield database
    database.close()
