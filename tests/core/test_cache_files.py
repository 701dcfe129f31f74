"""The cache folder: parsed TOML resources and public holidays survive between runs, and a bad cache is harmless."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import holidays
import pytest

from researcher.core import cache_files, public_holidays, resources
from researcher.core.public_holidays import CACHE_NAME


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache_files, "cache_folder", lambda: folder)
    return folder


def test_every_toml_resource_reads_the_same_parsed_or_cached(cache) -> None:
    files = sorted(resources.resource_root().rglob("*.toml"))
    assert len(files) > 10
    for path in files:
        relative = path.relative_to(resources.resource_root()).as_posix()
        parsed = tomllib.loads(path.read_text(encoding="utf-8"))
        assert resources.read_toml(relative) == parsed
        assert resources.read_toml(relative) == parsed  # now from the cache


def test_a_cached_resource_is_not_parsed_again(cache, monkeypatch) -> None:
    expected = resources.read_toml("pains.toml")

    def refuse(text: str) -> None:
        raise AssertionError("parsed again")

    import tomllib

    monkeypatch.setattr(tomllib, "loads", refuse)
    assert resources.read_toml("pains.toml") == expected


def test_a_damaged_or_stale_cache_is_rebuilt(cache) -> None:
    expected = resources.read_toml("speech.toml")
    (entry,) = (cache / "resources").iterdir()
    entry.write_bytes(b"\x00garbage")
    assert resources.read_toml("speech.toml") == expected
    entry.write_bytes(entry.read_bytes().replace(b"speech.toml", b"speech.tomx"))
    assert resources.read_toml("speech.toml") == expected


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(cache_files, "cache_folder", lambda: blocker)
    assert resources.read_toml("speech.toml") == tomllib.loads(resources.resource_path("speech.toml").read_text("utf-8"))
    assert public_holidays.public_holidays("FI", None, 2026, ("public",))[date(2026, 12, 6)]
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.parametrize("country, categories", [
    ("FI", ("public",)), ("SE", ("public", "de_facto")), ("NO", ("public",)), ("DK", ("public", "optional")),
    ("GB", ("public",)), ("XX", ("public",)),
])
def test_cached_holidays_are_the_packages_own(cache, country, categories) -> None:
    try:
        expected = dict(holidays.country_holidays(country, years=2027, categories=categories).items())
    except NotImplementedError:
        expected = {}
    assert public_holidays.public_holidays(country, None, 2027, categories) == expected
    assert public_holidays.public_holidays(country, None, 2027, categories) == expected  # from the cache


def test_holidays_come_from_the_cache_until_the_package_or_locale_changes(cache, monkeypatch) -> None:
    first = public_holidays.public_holidays("NO", None, 2026, ("public",))
    computed: list[str] = []
    original = public_holidays._compute

    def compute(country: str, *args: object) -> dict[date, str]:
        computed.append(country)
        return original(country, *args)

    monkeypatch.setattr(public_holidays, "_compute", compute)
    assert public_holidays.public_holidays("NO", None, 2026, ("public",)) == first
    assert computed == []
    monkeypatch.setenv("LANGUAGE", "nb")
    assert public_holidays.public_holidays("NO", None, 2026, ("public",))[date(2026, 5, 17)] != first[date(2026, 5, 17)]
    assert computed == ["NO"]
    monkeypatch.setattr(public_holidays, "_package_stamp", lambda: "another installation")
    public_holidays.public_holidays("NO", None, 2026, ("public",))
    assert computed == ["NO", "NO"]
    (cache / CACHE_NAME).write_text("{not json", encoding="utf-8")
    public_holidays.public_holidays("NO", None, 2026, ("public",))
    assert computed == ["NO", "NO", "NO"]
