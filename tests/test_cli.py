"""Every command of the prospect workspace through researcher.cli.main, and once as a real process."""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from researcher import __version__
from researcher.cli import COMMAND_MODULES, build_parser, command_modules, main
from researcher.core.db import open_database

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run(db_path, capsys):
    """Run the CLI on the test's database; return (status, stdout, stderr)."""

    def invoke(*argv: str) -> tuple[int, str, str]:
        status = main(["--db", str(db_path), *argv])
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


@pytest.fixture
def aino(run) -> str:
    status, out, _ = run("add", "Aino Mäkelä", "--company", "Routakivi Oy", "--title", "Talousjohtaja",
                         "--phone", "+358 40 123 4567", "--phone", "+358 9 765 4321", "--email",
                         "aino.makela@routakivi.fi", "--website", "routakivi.fi", "--country", "fi",
                         "--language", "fi", "--linkedin", "https://www.linkedin.com/in/ainomakela")
    assert status == 0
    return out.strip()


def test_add_prints_the_new_id(aino) -> None:
    assert aino.isdigit()


def test_list_json_has_the_documented_keys(run, aino) -> None:
    run("add", "Björn Ekström", "--company", "Kvarnsjö Energi AB", "--country", "SE")
    status, out, _ = run("list", "--json")
    rows = json.loads(out)
    assert status == 0 and [row["name"] for row in rows] == ["Aino Mäkelä", "Björn Ekström"]
    assert {"id", "name", "title", "company", "email", "phones", "country", "stage"} <= set(rows[0])
    assert rows[0]["phones"] == ["+358 40 123 4567", "+358 9 765 4321"]
    assert (rows[0]["company"], rows[0]["country"], rows[0]["stage"]) == ("Routakivi Oy", "FI", "new")


def test_list_as_text_and_when_empty(run) -> None:
    assert run("list")[1].strip() == "No prospects yet."
    run("add", "Åse Ødegård", "--company", "Fjellstrøm AS")
    assert "Åse Ødegård" in run("list")[1] and "Fjellstrøm AS" in run("list")[1]


def test_show_by_name_and_by_id(run, aino) -> None:
    status, out, _ = run("show", "aino mäkelä")
    assert status == 0 and "Talousjohtaja" in out and "https://routakivi.fi" in out
    data = json.loads(run("show", aino, "--json")[1])
    assert data["company_details"]["website"] == "https://routakivi.fi"
    assert data["linkedin"] == "https://www.linkedin.com/in/ainomakela"


def test_note_log_and_timeline(run, aino) -> None:
    assert run("note", aino, "Tehdas laajenee Kokkolaan", "--source", "Kauppalehti")[1].strip().isdigit()
    status, out, _ = run("log", "Aino Mäkelä", "--kind", "call", "--outcome", "call back later",
                         "--summary", "Pyysi soittamaan tammikuussa", "--next-step", "Soita 8.1.",
                         "--follow-up", "2027-01-08", "--at", "2030-01-08T10:15")
    assert status == 0 and out.strip().isdigit()
    status, out, _ = run("timeline", aino)
    assert status == 0
    assert out.index("Call · call back later") < out.index("Note")
    assert "follow up: 2027-01-08" in out and "Kauppalehti" in out
    entries = json.loads(run("timeline", aino, "--json")[1])
    assert [entry["kind"] for entry in entries] == ["call", "note"]
    assert entries[0]["at"] == "2030-01-08T10:15:00+00:00"
    shown = json.loads(run("show", aino, "--json")[1])
    assert shown["next_follow_up"] == "2027-01-08"


def test_erase_needs_yes_and_then_removes_everything(run, aino, db_path) -> None:
    run("note", aino, "Salainen Qwertyuiop-muistiinpano")
    status, _out, err = run("erase", aino)
    assert status == 1 and "add --yes to confirm" in err
    assert json.loads(run("list", "--json")[1])
    status, out, _ = run("erase", "Aino Mäkelä", "--yes")
    assert status == 0 and "Erased Aino Mäkelä" in out
    assert json.loads(run("list", "--json")[1]) == []
    raw = db_path.read_bytes()
    assert b"Qwertyuiop" not in raw and b"qwertyuiop" not in raw and "Mäkelä".encode() not in raw


@pytest.mark.parametrize(("argv", "message"), [
    (["show", "Nobody Here"], "No prospect is called 'Nobody Here'"),
    (["show", "999"], "There is no prospect with id 999"),
    (["log", "1", "--kind", "call", "--follow-up", "tomorrow"], "is not a date"),
    (["log", "1", "--kind", "call", "--outcome", "fantastic"], "Outcome 'fantastic'"),
    (["note", "1", "   "], "A note needs some text"),
    (["add", "Per Persson", "--company", "X AB", "--country", "Sverige"], "two-letter code"),
    (["add", "Per Persson", "--company", "X AB", "--email", "per at x"], "email address"),
])
def test_errors_go_to_stderr_with_status_1(run, aino, argv, message) -> None:
    status, out, err = run(*argv)
    assert status == 1 and out == ""
    assert err.startswith("researcher: ") and message in err


def test_bad_choices_are_usage_errors(run, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("log", "1", "--kind", "fax")
    assert exit_info.value.code == 2
    assert "invalid choice: 'fax'" in capsys.readouterr().err


def test_demo_and_db_together_are_refused(capsys, db_path) -> None:
    assert main(["--demo", "--db", str(db_path), "list"]) == 1
    assert "either --demo or --db" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_refused_and_untouched(capsys, tmp_path) -> None:
    bogus = tmp_path / "asiakkaat.sqlite"
    bogus.write_text("nimi;puhelin\nAino;040 123\n", encoding="utf-8")
    before = bogus.read_bytes()
    assert main(["--db", str(bogus), "list"]) == 1
    assert "not a Researcher database" in capsys.readouterr().err
    assert bogus.read_bytes() == before


def test_demo_lists_a_fresh_copy_of_the_demo(capsys) -> None:
    assert main(["--demo", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert 8 <= len(rows) <= 10
    assert {row["country"] for row in rows} == {"FI", "SE", "NO", "DK", "GB"}


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"researcher {__version__}"


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_self_test_passes(capsys, qapp) -> None:
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    assert "ok    store" in out and "ok    window" in out and "Self-test passed." in out


def test_the_commands_work_as_a_real_process(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    db = str(tmp_path / "prosessi.sqlite")

    def cli(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "researcher", "--db", db, *argv], capture_output=True,
                              text=True, cwd=ROOT, env=env, timeout=120)

    added = cli("add", "Kjetil Øvrebø", "--company", "Havbris Sjømat AS", "--country", "NO")
    assert added.returncode == 0, added.stderr
    pid = added.stdout.strip()
    assert cli("note", pid, "Ny fabrikk i Ålesund", "--source", "Sunnmørsposten").returncode == 0
    assert cli("log", "kjetil øvrebø", "--kind", "meeting", "--outcome", "held").returncode == 0
    timeline = json.loads(cli("timeline", pid, "--json").stdout)
    assert {entry["kind"] for entry in timeline} == {"meeting", "note"}
    assert json.loads(cli("list", "--json").stdout)[0]["name"] == "Kjetil Øvrebø"
    assert "Havbris Sjømat AS" in cli("show", pid).stdout
    missing = cli("show", "Ingen Her")
    assert missing.returncode == 1 and missing.stderr.startswith("researcher: No prospect is called")
    assert cli("erase", pid, "--yes").returncode == 0
    assert json.loads(cli("list", "--json").stdout) == []
    version = cli("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"researcher {__version__}"
    selftest = cli("self-test")
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr


def test_edit_log_corrects_an_interaction_and_clears_its_follow_up(run, aino) -> None:
    status, out, _ = run("log", aino, "--kind", "call", "--summary", "Puhuttiin varastosta",
                         "--follow-up", "2026-12-10")
    interaction = out.strip()
    assert status == 0
    status, _, _ = run("edit-log", interaction, "--summary", "Puhuttiin Kokkolan tehtaan käynnistyksestä",
                       "--outcome", "connected", "--no-follow-up")
    assert status == 0
    entry = json.loads(run("timeline", aino, "--json")[1])[0]
    assert entry["body"] == "Puhuttiin Kokkolan tehtaan käynnistyksestä" and entry["details"]["outcome"] == "connected"
    assert json.loads(run("show", aino, "--json")[1])["next_follow_up"] is None
    status, _, err = run("edit-log", "999", "--summary", "x")
    assert status == 1 and "no interaction with id 999" in err


def test_the_command_map_names_the_module_that_registers_each_command() -> None:
    registered = {}
    for module in command_modules():
        subparsers = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"researcher.commands.{module}").register(subparsers)
        registered.update(dict.fromkeys(subparsers.choices, module))
    assert COMMAND_MODULES == registered


def test_one_command_loads_only_its_module_and_help_still_lists_all(capsys) -> None:
    code = ("import sys; from researcher.cli import parse_arguments; parse_arguments(['when', '1']); "
            "print(sorted(m for m in sys.modules if m.startswith('researcher.commands.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert loaded.stdout.strip() == "['researcher.commands.calling']", loaded.stderr
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = capsys.readouterr().out
    assert all(f"    {command} " in listed or f"    {command}\n" in listed for command in COMMAND_MODULES)
    with pytest.raises(SystemExit):
        main(["--db", "x.sqlite", "export-pdf", "--help"])
    assert "--call-list" in capsys.readouterr().out
    assert build_parser("sheets").parse_args(["export-pdf", "1", "-o", "a.pdf"]).prospects == ["1"]


def test_a_command_leaves_the_garbage_collector_as_it_found_it(run) -> None:
    before = gc.get_threshold()
    assert run("list")[0] == 0
    assert gc.get_threshold() == before


@pytest.mark.parametrize("other_thread", [False, True])
def test_a_finished_command_ends_the_process_with_its_output_and_exit_handlers(db_path, other_thread) -> None:
    open_database(db_path).close()
    script = (
        "import atexit, sys, threading\n"
        "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
        f"if {other_thread}: threading.Thread(target=threading.Event().wait, args=(0.2,)).start()\n"
        "for n in range(3000): print('rivi', n)  # small writes, still in the buffer at the end\n"
        "from researcher.cli import run\n"
        "raise SystemExit(run())\n"
    )
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}

    def process(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", script, "--db", str(db_path), *argv], capture_output=True,
                              text=True, cwd=ROOT, env={**buffered, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)

    added = process("add", "Sæbjørn Østergaard", "--company", "Bøgely Revision A/S")
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[2999:] == ["rivi 2999", "1"]
    assert added.stderr == "handler ran\n"
    missing = process("show", "Ingen Her")
    assert missing.returncode == 1
    assert missing.stderr.startswith("researcher: No prospect is called 'Ingen Her'")
    assert missing.stderr.endswith("\nhandler ran\n")


@pytest.mark.parametrize("argv", [
    ["list", "--json"], ["show", "Ingrid Sæther"], ["timeline", "Johan Åberg"], ["when", "Kjetil Øvrebø"],
    ["calllist", "--date", "2030-03-05"], ["dnc", "check", "Ingrid Sæther"], ["dnc", "list"],
    ["draft", "Minna Väisänen"], ["offering", "show"], ["export", "{out}/kaikki.csv"],
    ["export-data", "Johan Åberg", "{out}/johan.json"],
])
def test_commands_that_only_read_leave_the_store_closed_for_writing(demo_db, tmp_path, capsys, monkeypatch,
                                                                      argv) -> None:
    from researcher.cli import CommandContext

    db_file = Path(demo_db.conn.execute("PRAGMA database_list").fetchone()[2])
    demo_db.close()
    before = db_file.read_bytes()

    def refuse(_ctx: CommandContext) -> None:
        raise AssertionError("a reading command opened the store for writing")

    monkeypatch.setattr(CommandContext, "db", property(refuse))
    argv = [part.format(out=tmp_path) for part in argv]
    assert main(["--db", str(db_file), *argv]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.strip()
    assert db_file.read_bytes() == before


def test_a_profiled_command_ends_normally_so_the_profile_is_written(db_path, tmp_path) -> None:
    open_database(db_path).close()
    profile = tmp_path / "list.prof"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "researcher", "--db",
                           str(db_path), "list"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert profile.stat().st_size > 0
