"""Qualification: pays off, ready now, able to buy, and the cost of the status quo, with evidence."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from researcher.core.clock import utcnow
from researcher.core.errors import UserError
from researcher.core.prospects import get_prospect

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

CRITERIA = ("pays_off", "ready_now", "able", "status_quo_cost")
READINESS = ("pays_off", "ready_now", "able")
STATES = ("unknown", "no", "partly", "yes")
LABELS = {
    "pays_off": "Buying pays off for them",
    "ready_now": "Ready to buy now",
    "able": "Able to buy (budget, authority)",
    "status_quo_cost": "Cost of the status quo",
}
_SHORT_NO = {"pays_off": "no payoff", "ready_now": "not ready now", "able": "not able to buy"}
_POINTS = {"yes": 2, "partly": 1, "no": 0, "unknown": 0}
_MARKS = {"yes": "✓", "partly": "◐", "no": "✗", "unknown": "·"}


@dataclass(frozen=True)
class Evidence:
    """A quote that supports a criterion, with where and when it was found."""

    quote: str
    url: str = ""
    date: str | None = None
    kind: str = ""  # "note", "interaction", "page" or "" when typed in
    ref_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "url": self.url, "date": self.date, "kind": self.kind, "ref_id": self.ref_id}


@dataclass(frozen=True)
class Criterion:
    """One qualification criterion's state, the rep's note and its evidence."""

    key: str
    state: str = "unknown"
    note: str = ""
    evidence: tuple[Evidence, ...] = ()
    updated_at: str | None = None

    @property
    def label(self) -> str:
        return LABELS[self.key]

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state, "note": self.note, "evidence": [e.as_dict() for e in self.evidence],
                "updated_at": self.updated_at}


@dataclass(frozen=True)
class Qualification:
    """A prospect's qualification; ``summary`` and ``score`` describe readiness for a closer."""

    prospect_id: int
    pays_off: Criterion = field(default_factory=lambda: Criterion("pays_off"))
    ready_now: Criterion = field(default_factory=lambda: Criterion("ready_now"))
    able: Criterion = field(default_factory=lambda: Criterion("able"))
    status_quo_cost: Criterion = field(default_factory=lambda: Criterion("status_quo_cost"))

    def criteria(self) -> tuple[Criterion, ...]:
        return (self.pays_off, self.ready_now, self.able, self.status_quo_cost)

    @property
    def score(self) -> float:
        return readiness_score([getattr(self, key).state for key in READINESS])

    @property
    def summary(self) -> str:
        return readiness_summary([getattr(self, key).state for key in READINESS])

    def as_dict(self) -> dict[str, Any]:
        return {"prospect_id": self.prospect_id, **{c.key: c.as_dict() for c in self.criteria()},
                "summary": self.summary, "score": round(self.score, 2)}


def readiness_score(states: list[str]) -> float:
    """Return 0..1: how far the three readiness criteria are met (yes counts 2, partly 1)."""
    return sum(_POINTS.get(state, 0) for state in states) / (2 * len(READINESS))


def readiness_summary(states: list[str]) -> str:
    """Return a short readiness text for the list and the prospect."""
    by_key = dict(zip(READINESS, states, strict=False))
    if all(state == "yes" for state in states):
        return "Ready for a closer"
    if noes := [_SHORT_NO[key] for key, state in by_key.items() if state == "no"]:
        return "Not ready: " + ", ".join(noes)
    if all(state == "unknown" for state in states):
        return "Not qualified yet"
    yes, partly = states.count("yes"), states.count("partly")
    return f"{yes} of 3 met" + (f", {partly} partly" if partly else "")


def _evidence(raw: str) -> tuple[Evidence, ...]:
    return tuple(Evidence(**item) for item in json.loads(raw or "[]"))


def get_qualification(db: Reader, prospect_id: int) -> Qualification:
    """Return a prospect's qualification (every criterion 'unknown' until set). Raises NotFound."""
    get_prospect(db, prospect_id)
    found = {
        row["criterion"]: Criterion(row["criterion"], row["state"], row["note"], _evidence(row["evidence"]),
                                    row["updated_at"])
        for row in db.query("SELECT * FROM qualifications WHERE prospect_id = ?", [prospect_id])
    }
    return Qualification(prospect_id, **found)


def check_state(state: str) -> str:
    """Return a valid state name. Raises UserError."""
    value = state.strip().lower()
    if value not in STATES:
        raise UserError(f"{state!r} is not a qualification state; use one of {', '.join(STATES)}.")
    return value


def set_criterion(
    db: Database, prospect_id: int, key: str, *, state: str | None = None, note: str | None = None,
    evidence: list[Evidence] | None = None,
) -> Criterion:
    """Change one criterion (only the parts given) and return it. Raises NotFound or UserError."""
    if key not in CRITERIA:
        raise UserError(f"{key!r} is not a qualification criterion; use one of {', '.join(CRITERIA)}.")
    current = getattr(get_qualification(db, prospect_id), key)
    updated = Criterion(
        key,
        check_state(state) if state is not None else current.state,
        note.strip() if note is not None else current.note,
        tuple(evidence) if evidence is not None else current.evidence,
        utcnow(),
    )
    for item in updated.evidence:
        if not item.quote.strip():
            raise UserError("Evidence needs the quote it rests on.")
    db["qualifications"].upsert(
        {"prospect_id": prospect_id, "criterion": key, "state": updated.state, "note": updated.note,
         "evidence": json.dumps([e.as_dict() for e in updated.evidence], ensure_ascii=False),
         "updated_at": updated.updated_at},
        pk=("prospect_id", "criterion"),
    )
    return updated


def qualify(db: Database, prospect_id: int, **changes: str | None) -> Qualification:
    """Set several criteria at once (``pays_off="yes"``, ``status_quo_cost_note="..."``) in one transaction."""
    with db.atomic():
        for key in CRITERIA:
            state, note = changes.get(key), changes.get(f"{key}_note")
            if state is not None or note is not None:
                set_criterion(db, prospect_id, key, state=state, note=note)
    return get_qualification(db, prospect_id)


def add_evidence(db: Database, prospect_id: int, key: str, item: Evidence) -> Criterion:
    """Link one more piece of evidence to a criterion. Raises NotFound or UserError."""
    current = getattr(get_qualification(db, prospect_id), key) if key in CRITERIA else None
    if current is None:
        raise UserError(f"{key!r} is not a qualification criterion.")
    return set_criterion(db, prospect_id, key, evidence=[*current.evidence, item])


def evidence_from(db: Database, kind: str, ref_id: int) -> Evidence:
    """Build evidence from a stored note or interaction (its text is the quote). Raises UserError."""
    if kind == "note":
        rows = list(db.query("SELECT body AS text, source AS url, created_at AS at FROM notes WHERE id = ?", [ref_id]))
    elif kind == "interaction":
        rows = list(db.query("SELECT summary AS text, '' AS url, occurred_at AS at FROM interactions WHERE id = ?",
                             [ref_id]))
    else:
        raise UserError(f"Evidence can come from a note or an interaction, not {kind!r}.")
    if not rows or not rows[0]["text"].strip():
        raise UserError(f"There is no {kind} {ref_id} with text to quote.")
    row = rows[0]
    return Evidence(row["text"].strip()[:500], row["url"] or "", (row["at"] or "")[:10] or None, kind, ref_id)


def readiness_states(db: Reader) -> dict[int, list[str]]:
    """Return the three readiness states (pays off, ready now, able) of every prospect with any set."""
    known: dict[int, dict[str, str]] = {}
    for pid, criterion, state in db.conn.execute(
            "SELECT prospect_id, criterion, state FROM qualifications WHERE criterion != 'status_quo_cost'"):
        known.setdefault(pid, {})[criterion] = state
    return {pid: [states.get(key, "unknown") for key in READINESS] for pid, states in known.items()}


def readiness_by_prospect(db: Reader) -> dict[int, tuple[float, str]]:
    """Return (score, summary) for every prospect with any readiness state set."""
    return {pid: (readiness_score(states), readiness_summary(states)) for pid, states in readiness_states(db).items()}


def readiness_marks(states: list[str]) -> str:
    """Return one mark per readiness criterion, e.g. "✓ ◐ ·", for a narrow list column."""
    return " ".join(_MARKS.get(state, "·") for state in states)
