"""Settings stored in the database as JSON values, so they travel with the rep's data."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader


def get_setting(db: Reader, key: str, default: Any = None) -> Any:
    """Return the stored value for ``key``, or ``default`` when it was never set."""
    rows = list(db.query("SELECT value FROM settings WHERE key = ?", [key]))
    return json.loads(rows[0]["value"]) if rows else default


def set_setting(db: Database, key: str, value: Any) -> None:
    """Store ``value`` (anything JSON can hold) under ``key``."""
    db["settings"].upsert({"key": key, "value": json.dumps(value, ensure_ascii=False)}, pk="key")
