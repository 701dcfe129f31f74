"""Files in the user's cache folder: any of them can be rebuilt, so failing to read or write one is no error."""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from platformdirs import user_cache_path

from researcher import APP_NAME


@cache
def cache_folder() -> Path:
    """Return the folder for the app's caches."""
    return user_cache_path(APP_NAME, appauthor=False)


def read_cache(name: str) -> bytes | None:
    """Return the content of cache file ``name``, or None when there is none to read."""
    try:
        return (cache_folder() / name).read_bytes()
    except OSError:
        return None


def write_cache(name: str, data: bytes) -> None:
    """Replace cache file ``name`` in one step (readers never see half a file)."""
    path = cache_folder() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
