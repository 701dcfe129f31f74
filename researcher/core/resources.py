"""Find the packaged resources/ folder, installed or in a checkout, and read its TOML files."""

from __future__ import annotations

import marshal
import sys
from functools import cache
from pathlib import Path
from typing import Any

from researcher.core.cache_files import read_cache, write_cache


@cache
def resource_root() -> Path:
    """Return the resources folder: inside the installed package, else beside the checkout."""
    # Found from this file rather than through importlib.resources, which is slow to import.
    package = Path(__file__).resolve().parents[1]
    for root in (package / "resources", package.parent / "resources"):
        if root.is_dir():
            return root
    raise FileNotFoundError("The Researcher resources folder is missing from this installation.")


def resource_path(relative: str) -> Path:
    """Return the path of one resource file, e.g. ``resource_path("demo/prospects.toml")``."""
    return resource_root() / relative


def read_toml(relative: str) -> dict[str, Any]:
    """Return one TOML resource parsed, e.g. ``read_toml("pains.toml")``.

    Parsing TOML takes twenty times longer than loading the same data in marshal form, so that
    form is kept in the cache for as long as the file stays the same.
    """
    path = resource_path(relative)
    status = path.stat()
    # marshal's format may change with the Python version.
    stamp = (str(path), status.st_mtime_ns, status.st_size, sys.version_info[:2])
    name = "resources/" + relative.replace("/", "-") + ".marshal"
    raw = read_cache(name)
    if raw:
        try:
            saved, data = marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            saved = None
        if saved == stamp:
            return data
    import tomllib  # loaded only when the cache misses: importing it costs more than a cached read

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        write_cache(name, marshal.dumps((stamp, data)))
    except ValueError:
        pass  # dates and times have no marshal form; such a file is parsed each time
    return data
