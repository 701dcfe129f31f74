"""Crash safety: a writer killed with SIGKILL loses nothing it acknowledged; two writers coexist."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from researcher.core.db import open_database
from researcher.core.integrity import check_database
from researcher.core.notes import get_note
from researcher.core.prospects import add_prospect

ROOT = Path(__file__).resolve().parents[2]
ACKNOWLEDGED_BEFORE_KILL = 60

WRITER = textwrap.dedent("""
    import sys
    from researcher.core.db import open_database
    from researcher.core.notes import add_note

    db = open_database(sys.argv[1])
    prospect, label, count = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    print("ready", flush=True)
    sys.stdin.readline()
    number = 0
    while count == 0 or number < count:
        note_id = add_note(db, f"{label} muistiinpano {number}: Hämeenlinna ja Ålesund", prospect_id=prospect)
        print(note_id, flush=True)
        number += 1
    db.close()
""")


def start_writer(db_path: Path, prospect: int, label: str, count: int) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(prospect), label, str(count)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_acknowledged_note_survives_sigkill(db, db_path) -> None:
    prospect = add_prospect(db, "Pirkko Heinänen", company="Kaamos Oy")
    db.close()
    writer = start_writer(db_path, prospect, "kaatuva", 0)
    acknowledged: list[int] = []
    try:
        assert writer.stdin is not None and writer.stdout is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
        while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL:
            acknowledged.append(int(writer.stdout.readline()))
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
        for stream in (writer.stdin, writer.stdout):
            if stream is not None:
                stream.close()
    assert writer.returncode == -signal.SIGKILL
    reopened = open_database(db_path)
    try:
        assert reopened.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert check_database(reopened) == []
        for number, note_id in enumerate(acknowledged):
            assert get_note(reopened, note_id).body.startswith(f"kaatuva muistiinpano {number}:")
        assert reopened["notes"].count >= len(acknowledged)
    finally:
        reopened.close()


def test_two_processes_writing_at_once_both_succeed(db, db_path) -> None:
    prospect = add_prospect(db, "Sven Åkesson", company="Kvarnsjö Energi AB")
    db.close()
    writers = [start_writer(db_path, prospect, label, 150) for label in ("ensimmäinen", "toinen")]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=120)[0] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0]
    ids = [int(line) for output in outputs for line in output.split()]
    assert len(ids) == len(set(ids)) == 300
    reopened = open_database(db_path)
    try:
        assert check_database(reopened) == []
        assert reopened["notes"].count == 300
        assert len(list(reopened["notes"].search("hämeenlinna", limit=1000))) == 300
    finally:
        reopened.close()
