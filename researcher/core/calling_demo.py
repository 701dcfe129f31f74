"""Demo data for calling: registry extracts (one demo prospect is blocked), qualification, a follow-up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from researcher.core.dnc import import_extract
from researcher.core.interactions import log_interaction
from researcher.core.qualification import CRITERIA, Evidence, set_criterion
from researcher.core.resources import read_toml, resource_path

if TYPE_CHECKING:
    from sqlite_utils import Database


def seed_calling_demo(db: Database, *, today: date | None = None) -> None:
    """Add resources/demo/calling.toml to a freshly seeded demo store."""
    today = today or date.today()
    data = read_toml("demo/calling.toml")
    ids = {row["name"]: row["id"] for row in db.query("SELECT id, name FROM prospects")}
    for extract in data.get("extracts", []):
        import_extract(db, resource_path(f"demo/{extract['file']}"), registry=extract["registry"],
                       country=extract["country"], today=today,
                       extract_date=(today - timedelta(days=extract["days_ago"])).isoformat())
    with db.atomic():
        for item in data.get("interactions", []):
            moment = datetime(today.year, today.month, today.day, 10, 0, tzinfo=UTC) - timedelta(days=item["days_ago"])
            log_interaction(db, ids[item["prospect"]], item["kind"], occurred_at=moment.isoformat(),
                            outcome=item.get("outcome", ""), summary=item.get("summary", ""),
                            next_step=item.get("next_step", ""),
                            follow_up=(today + timedelta(days=item["follow_up_in_days"])).isoformat())
        for entry in data.get("qualification", []):
            prospect_id = ids[entry["prospect"]]
            for key in CRITERIA:
                if key in entry:
                    _criterion(db, prospect_id, key, entry[key])


def _criterion(db: Database, prospect_id: int, key: str, spec: dict[str, Any]) -> None:
    evidence = []
    if quote := spec.get("evidence_from"):
        for row in db.query("SELECT id, summary, occurred_at FROM interactions WHERE prospect_id = ? AND summary LIKE ?",
                            [prospect_id, f"%{quote}%"]):
            evidence.append(Evidence(row["summary"], "", row["occurred_at"][:10], "interaction", row["id"]))
    set_criterion(db, prospect_id, key, state=spec["state"], note=spec.get("note", ""), evidence=evidence)
