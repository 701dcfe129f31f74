"""The rep's offering: stored in the database, imported from TOML or JSON, bad files refused safely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from researcher.core.errors import UserError
from researcher.core.offering import (get_offering, import_offering, offering_from_dict, offering_to_toml,
                                      seed_demo_offering)
from researcher.core.resources import resource_path


def test_demo_offering_is_complete(db) -> None:
    offering = seed_demo_offering(db)
    assert get_offering(db) == offering
    assert offering.company_from["fi"] == "Kaarnatiedosta"
    for language in ("en", "fi", "sv", "nb", "da"):
        assert language in offering.what
        assert all(language in proof.text for proof in offering.proofs)
        assert all(language in insight.text for insight in offering.insights)
    assert offering.solves("sites_drift") and offering.proof_for("sites_drift", "nb") is not None


def test_toml_round_trip_and_json_import(db, tmp_path: Path) -> None:
    offering = seed_demo_offering(db)
    assert offering_from_dict(tomllib.loads(offering_to_toml(offering))) == offering
    path = tmp_path / "team.json"
    path.write_text(json.dumps({"rep_name": "Sara Lind", "company": "Skyddsvall", "what": {"sv": "Säkerhet för elbolag."},
                                "pains": [{"key": "nis2_workload", "value": {"sv": "NIS2 klart på sex veckor."}}],
                                "proofs": [{"customer": "Kvarnsjö El", "pain": "nis2_workload",
                                            "text": {"sv": "Kvarnsjö El klarade det på sex veckor."}}]}),
                    encoding="utf-8")
    imported = import_offering(db, path)
    assert get_offering(db) == imported and imported.rep_name == "Sara Lind"


@pytest.mark.parametrize(("content", "suffix", "message"), [
    ("rep_name = 'Anni'\n", ".toml", "needs your name"),
    ("rep_name = 'Anni'\ncompany = 'Kaarnatieto'\n[[pains]]\nkey = 'world_peace'\n", ".toml", "unknown pain"),
    ("rep_name = 'Anni'\ncompany = 'Kaarnatieto'\nwhat = { de = 'Plattform' }\n", ".toml", "unsupported languages"),
    ("rep_name = 'Anni\ncompany", ".toml", "not valid TOML"),
    ('{"rep_name": ', ".json", "not valid JSON"),
    ('["a list"]', ".json", "must hold a table"),
])
def test_bad_file_is_refused_and_stored_offering_untouched(db, tmp_path: Path, content: str, suffix: str, message: str) -> None:
    before = seed_demo_offering(db)
    path = tmp_path / f"offering{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        import_offering(db, path)
    assert get_offering(db) == before


def test_binary_and_missing_files(db, tmp_path: Path) -> None:
    binary = tmp_path / "offering.toml"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(UserError, match="not a UTF-8"):
        import_offering(db, binary)
    with pytest.raises(UserError, match="Cannot read"):
        import_offering(db, tmp_path / "missing.toml")
    assert get_offering(db) is None


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "researcher", *args], capture_output=True, text=True, input=stdin,
                          env={**os.environ, **(env or {})}, timeout=60, check=False)


def test_offering_cli_import_show_and_edit(tmp_path: Path) -> None:
    db_file = str(tmp_path / "cli.sqlite")
    assert "No offering yet" in run_cli("--db", db_file, "offering", "show").stdout
    result = run_cli("--db", db_file, "offering", "import", str(resource_path("demo/offering.toml")))
    assert result.returncode == 0 and "Anni Koskela" in result.stdout
    shown = json.loads(run_cli("--db", db_file, "offering", "show", "--json").stdout)
    assert shown["company"] == "Kaarnatieto"
    editor = tmp_path / "editor.py"
    editor.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text(encoding='utf-8').replace('Anni Koskela', 'Sanna Ek'), encoding='utf-8')\n",
                      encoding="utf-8")
    edited = run_cli("--db", db_file, "offering", "edit", env={"EDITOR": f"{sys.executable} {editor}", "VISUAL": ""})
    assert edited.returncode == 0, edited.stderr
    assert "Sanna Ek" in run_cli("--db", db_file, "offering", "show").stdout
    broken = tmp_path / "broken.py"
    broken.write_text("import sys, pathlib\npathlib.Path(sys.argv[1]).write_text('rep_name = ', encoding='utf-8')\n",
                      encoding="utf-8")
    failed = run_cli("--db", db_file, "offering", "edit", env={"EDITOR": f"{sys.executable} {broken}", "VISUAL": ""})
    assert failed.returncode == 1 and "not valid TOML" in failed.stderr
    assert "Sanna Ek" in run_cli("--db", db_file, "offering", "show").stdout
