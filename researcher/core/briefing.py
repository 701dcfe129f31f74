"""Gather everything a call needs about one prospect from every area of the store."""

from __future__ import annotations

import importlib
import logging
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from researcher.core.briefing_model import (
    QUALIFICATION_KEYS, Briefing, CallingInfo, Evidence, FactItem, NoteItem, OpenerItem, PainItem,
    PhoneLine, QualificationItem, SourceItem, TriggerItem, site_of,
)
from researcher.core.interactions import list_interactions
from researcher.core.models import Company, Prospect
from researcher.core.notes import list_notes
from researcher.core.phones import format_phone
from researcher.core.prospects import get_company, get_prospect

if TYPE_CHECKING:
    from researcher.core.store_reader import Reader

log = logging.getLogger(__name__)
T = TypeVar("T")

LAST_INTERACTIONS = 3
NOTES_KEPT = 6
AREAS = ("facts", "opener", "triggers", "pains", "dnc", "calling_window", "qualification", "offering")


def load_areas() -> None:
    """Import every area a briefing asks now, instead of on the first briefing."""
    areas = _Areas()
    for module in AREAS:
        areas.call(module, lambda _module: None)


def build_briefing(db: Reader, prospect_id: int, *, now: datetime | None = None) -> Briefing:
    """Return the briefing for one prospect: facts, triggers, pains, opener, compliance and history.

    Areas with nothing stored for the prospect give empty sections; an area that fails is named
    in ``Briefing.unavailable`` instead of stopping the whole briefing. Raises NotFound.
    """
    now = now or datetime.now(UTC)
    today = now.astimezone().date()
    prospect = get_prospect(db, prospect_id)
    company = get_company(db, prospect.company_id) if prospect.company_id is not None else None
    area = _Areas()

    # Each area's answer is turned into briefing records inside its own guard, so a change in
    # one area's records costs only that section.
    facts = area.call("facts", lambda m: tuple(
        FactItem(f.kind, f.value, f.url or "", f.date) for f in m.prospect_facts(db, prospect_id))) or ()
    saved = area.call("opener", lambda m: _saved_opener(m.saved_opener(db, prospect_id)))
    # The draft already ranks the triggers and pains it rests on; asking again would double the work.
    draft = area.call("opener", lambda m: _draft(m.draft(db, prospect_id, today=today)))
    if draft is not None:
        triggers, pains = draft.triggers, draft.pains
    else:
        triggers = area.call("triggers", lambda m: _triggers(m.prospect_triggers(
            db, prospect_id, today=today, include_dismissed=False))) or ()
        pains = area.call("pains", lambda m: _pains(m.rank_pains(db, prospect_id, today=today))) or ()
    dnc = area.call("dnc", lambda m: _screening(m, m.check_prospect(db, prospect_id, today=today)))
    calling = area.call("calling_window", lambda m: _calling(m.calling_time(db, prospect_id, now=now)))
    qualification = area.call("qualification", lambda m: _qualification(m.get_qualification(db, prospect_id)))
    rep = area.call("offering", lambda m: _rep(m.get_offering(db))) or ("", "")

    opener = saved or (draft.opener if draft is not None else None)
    notes = tuple(
        NoteItem(body=note.body, at=note.created_at, source=note.source)
        for note in list_notes(db, prospect_id=prospect_id, company_id=prospect.company_id)
    )
    next_step, next_step_at = _agreed_next_step(db, prospect_id)
    evidence = [*(e for p in pains for e in p.evidence), *(opener.evidence if opener else ())]
    return Briefing(
        prospect=prospect,
        company=company,
        prepared_at=now.astimezone(UTC).replace(microsecond=0).isoformat(),
        phones=dnc.phones if dnc is not None else tuple(PhoneLine(number=p) for p in prospect.phones),
        screened=dnc is not None,
        blocked=dnc.blocked if dnc is not None else False,
        objected=dnc.objected if dnc is not None else False,
        calling=calling,
        opener=opener,
        opener_notice=draft.notice if draft is not None else None,
        facts=facts,
        triggers=triggers,
        pains=pains,
        questions=draft.questions if draft is not None else (),
        objections=draft.objections if draft is not None else (),
        interactions=tuple(list_interactions(db, prospect_id, limit=LAST_INTERACTIONS)),
        next_step=next_step,
        next_step_at=next_step_at,
        follow_up=prospect.next_follow_up,
        qualification=qualification or (),
        notes=notes[:NOTES_KEPT],
        sources=_sources(db, prospect, company, facts, triggers, evidence, notes),
        rep_name=rep[0],
        rep_company=rep[1],
        unavailable=tuple(area.problems),
    )


@dataclass(frozen=True)
class _DraftParts:
    """What the draft gives the sheet: opener (or a notice why none), questions, objections, triggers, pains."""

    opener: OpenerItem | None
    notice: str | None
    questions: tuple[str, ...]
    objections: tuple[tuple[str, str], ...]
    triggers: tuple[TriggerItem, ...]
    pains: tuple[PainItem, ...]


@dataclass(frozen=True)
class _Screening:
    """The do-not-call screening of the prospect's phones."""

    phones: tuple[PhoneLine, ...]
    blocked: bool
    objected: bool


class _Areas:
    """Call other areas' public functions, tolerating areas that are not installed."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def call(self, module: str, call: Callable[[ModuleType], T]) -> T | None:
        name = f"researcher.core.{module}"
        try:
            loaded = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                return None
            raise
        try:
            return call(loaded)
        # The rep must still get a sheet when one area breaks; the sheet names what is missing.
        except Exception as error:  # noqa: BLE001
            if type(error) is sqlite3.DatabaseError:  # a damaged store is the rep's to hear about, not one area's
                raise
            log.warning("briefing: %s failed: %s: %s", module, type(error).__name__, error,
                        exc_info=log.isEnabledFor(logging.DEBUG))
            self.problems.append(f"{module}: {error}")
            return None


def _iso(value: date | str | None) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _evidence(item: Any) -> Evidence:
    """An Evidence of the pains or opener areas (quote, url, date, source) in the briefing's terms."""
    return Evidence(quote=item.quote or "", url=item.url or "", date=_iso(item.date), source=item.source or "")


def _triggers(triggers: Any) -> tuple[TriggerItem, ...]:
    return tuple(
        TriggerItem(t.type, t.quote, t.url or "", t.date, t.status, float(t.confidence), t.source_title or "",
                    t.source_kind or "page")
        for t in triggers if t.status != "dismissed"
    )


def _pains(pains: Any) -> tuple[PainItem, ...]:
    return tuple(
        PainItem(p.title, p.why, tuple(_evidence(e) for e in p.evidence), p.status, float(p.score), p.key,
                 tuple(p.reasons))
        for p in pains if p.status != "rejected"
    )


def _saved_opener(saved: Any) -> OpenerItem | None:
    if saved is None or not saved.text.strip():
        return None
    evidence = tuple(Evidence(quote=str(item.get("quote") or ""), url=str(item.get("url") or ""),
                              date=_iso(item.get("date")), source=str(item.get("source") or ""))
                     for item in saved.evidence)
    return OpenerItem(text=saved.text, language=saved.language, style=saved.style or "",
                      seconds=float(saved.seconds or 0), saved=True, saved_at=saved.saved_at, evidence=evidence)


def _draft(draft: Any) -> _DraftParts:
    opener = None
    if draft.variants:
        # The best draft is the one with the fewest coach warnings; ties keep the composer's order.
        best = min(draft.variants, key=lambda variant: len(variant.warnings))
        opener = OpenerItem(text=best.text, language=draft.language, style=best.style, seconds=float(best.seconds),
                            evidence=tuple(_evidence(found) for _sentence, found in best.evidence))
    return _DraftParts(opener=opener, notice=draft.notice, questions=tuple(draft.questions),
                       objections=tuple((o.objection, o.answer) for o in draft.objections),
                       triggers=_triggers(draft.triggers), pains=_pains(draft.pains))


def _rep(offering: Any) -> tuple[str, str]:
    return (offering.rep_name or "", offering.company or "") if offering is not None else ("", "")


def _screening(dnc_module: ModuleType, dnc: Any) -> _Screening:
    lines = []
    for check in dnc.numbers:
        keys = [key.strip() for key in (check.registry or "").split(",") if key.strip()]
        registry = ", ".join(dnc_module.registry_label(key) for key in keys)
        # A number no stored extract covers has not been screened at all.
        screened = check.blocked or bool(keys)
        lines.append(PhoneLine(number=format_phone(check.number), blocked=check.blocked if screened else None,
                               registry=registry, extract_date=check.extract_date, stale=bool(check.stale)))
    lines += [PhoneLine(number=raw, blocked=None, unreadable=True) for raw in dnc.unreadable]
    return _Screening(phones=tuple(lines), blocked=bool(dnc.blocked), objected=bool(dnc.objected))


def _calling(value: Any) -> CallingInfo | None:
    if value is None:
        return None
    window = (str(value.window[0]), str(value.window[1])) if getattr(value, "window", None) else None
    return CallingInfo(
        timezone=str(value.timezone), local_time=_iso(value.local_time) or "", in_window=bool(value.in_window),
        next_window_start=_iso(value.next_window_start), reason=str(value.reason or ""),
        window=window,
    )


def _qualification(value: Any) -> tuple[QualificationItem, ...]:
    if value is None:
        return ()
    return tuple(
        QualificationItem(key=key, state=getattr(value, key).state, note=getattr(value, key).note or "")
        for key in QUALIFICATION_KEYS
    )


def _agreed_next_step(db: Reader, prospect_id: int) -> tuple[str, str | None]:
    rows = list(db.query(
        "SELECT next_step, occurred_at FROM interactions WHERE prospect_id = ? AND next_step != '' "
        "ORDER BY occurred_at DESC, id DESC LIMIT 1", [prospect_id]))
    return (rows[0]["next_step"], rows[0]["occurred_at"]) if rows else ("", None)


def _sources(
    db: Reader, prospect: Prospect, company: Company | None, facts: Iterable[FactItem],
    triggers: Iterable[TriggerItem], evidence: Iterable[Evidence], notes: Iterable[NoteItem],
) -> tuple[SourceItem, ...]:
    pages: dict[str, SourceItem] = {}
    if "latest_snapshots" in db.view_names():
        rows = db.query(
            "SELECT url, site_name, title, captured_at FROM latest_snapshots "
            "WHERE prospect_id = ? OR (company_id IS NOT NULL AND company_id = ?) ORDER BY captured_at DESC",
            [prospect.id, company.id if company else None])
        for row in rows:
            pages.setdefault(row["url"], SourceItem(
                kind="page", site=site_of(row["url"]) or (row["site_name"] or ""), url=row["url"],
                date=(row["captured_at"] or "")[:10] or None, title=row["title"] or ""))
    cited = [(f.url, f.date) for f in facts] + [(t.url, t.date) for t in triggers] + [(e.url, e.date) for e in evidence]
    for url, when in cited:
        if url and url not in pages:
            pages[url] = SourceItem(kind="page", site=site_of(url), url=url, date=(when or "")[:10] or None)
    own: dict[str, SourceItem] = {}
    for note in notes:
        key = note.source.strip().casefold()
        if key not in own:
            own[key] = SourceItem(kind="note", site=note.source.strip(), date=note.at[:10])
    latest = list(db.query("SELECT max(occurred_at) AS at, count(*) AS n FROM interactions WHERE prospect_id = ?",
                           [prospect.id]))[0]
    if latest["n"]:
        own["\0interactions"] = SourceItem(kind="interaction", site="", date=(latest["at"] or "")[:10] or None,
                                           count=int(latest["n"]))
    ordered = sorted(pages.values(), key=lambda s: s.date or "", reverse=True)
    return tuple(ordered) + tuple(own.values())
