"""Find the packaged resources/ folder, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def resource_root() -> Path:
    """Return the resources folder: inside the installed package, else beside the checkout."""
    packaged = Path(str(resources.files("researcher"))) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("The Researcher resources folder is missing from this installation.")


def resource_path(relative: str) -> Path:
    """Return the path of one resource file, e.g. ``resource_path("demo/prospects.toml")``."""
    return resource_root() / relative
