"""What every per-prospect tab is built with: the store and the background job runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from researcher.ui.workers import JobRunner

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class PanelContext:
    """Handed to each tab class as ``TabClass(ctx)``; tabs read and write ``db`` on the GUI thread."""

    db: Database
    runner: JobRunner
