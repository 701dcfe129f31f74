"""The body sections of a prep sheet (triggers, pains, questions...) and its list of data sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from researcher.core.briefing_model import Briefing, FactItem, PainItem, TriggerItem
from researcher.core.evidence import RECORD_SOURCES
from researcher.core.pain_library import pain as library_pain
from researcher.core.pain_reasons import describe
from researcher.core.prep_sheet_text import format_date, source_meta

FACT_ORDER = ("founded", "employees", "revenue", "address", "location", "leader", "person", "job", "news",
              "legal_name", "phone", "email", "social")
FACTS_LEFT_OUT = {"company_name"}  # the header already names the company
QUALIFICATION_LEVELS = {"yes": "ok", "partly": "warn", "no": "bad", "unknown": ""}


@dataclass(frozen=True)
class Item:
    """One line of a section: a bold lead-in, the text, a secondary detail and its source."""

    text: str
    label: str = ""
    detail: str = ""
    meta: str = ""
    level: str = ""  # "", "ok", "warn", "bad" or "next" (the agreed next step): a colour cue


@dataclass(frozen=True)
class Section:
    """A block of the sheet. Higher ``priority`` numbers shrink first when space runs out."""

    key: str
    title: str
    priority: int
    column: str  # "left" or "right"
    items: tuple[Item, ...]
    cuttable: bool = True
    empty: str = ""


def body_sections(briefing: Briefing, labels: dict[str, Any], language: str) -> tuple[Section, ...]:
    """Return the sheet's body sections in reading order; empty optional sections are left out."""
    sections = [
        Section("triggers", labels["triggers"], 2, "left", _triggers(briefing, labels), cuttable=False,
                empty=labels["no_triggers"]),
        Section("pains", labels["pains"], 2, "left", tuple(_pain(p, labels, language) for p in briefing.pains),
                cuttable=False, empty=labels["no_pains"]),
        Section("facts", labels["facts"], 5, "left", _facts(briefing, labels)),
        Section("history", labels["history"], 3, "right", _history(briefing, labels)),
        Section("questions", labels["questions"], 4, "right", tuple(Item(text=q) for q in briefing.questions)),
        Section("objections", labels["objections"], 4, "right", tuple(
            Item(text=answer, label=f"“{objection.strip()}”") for objection, answer in briefing.objections)),
        Section("qualification", labels["qualification"], 6, "right", tuple(
            Item(text=labels["qualification_states"].get(q.state, q.state), detail=q.note,
                 label=labels["qualification_keys"].get(q.key, q.key), level=QUALIFICATION_LEVELS.get(q.state, ""))
            for q in briefing.qualification)),
        Section("notes", labels["notes"], 7, "right", tuple(
            Item(text=n.body, meta=source_meta(n.source, n.at, labels)) for n in briefing.notes)),
    ]
    return tuple(s for s in sections if s.items or not s.cuttable)


def _facts(briefing: Briefing, labels: dict[str, Any]) -> tuple[Item, ...]:
    """One line per kind of fact, most useful kinds first; the newest source stands for the line."""
    grouped: dict[tuple[str, int], list[FactItem]] = {}
    for index, fact in enumerate(briefing.facts):
        if fact.kind not in FACTS_LEFT_OUT:
            # Each headline is its own fact; other kinds (open roles, people...) share one line.
            grouped.setdefault((fact.kind, index if fact.kind == "news" else 0), []).append(fact)
    order = {kind: index for index, kind in enumerate(FACT_ORDER)}
    items = []
    for (kind, _), facts in sorted(grouped.items(), key=lambda pair: order.get(pair[0][0], len(order))):
        label = labels["fact_kinds"].get(kind, kind.replace("_", " ").capitalize())
        newest = max(facts, key=lambda f: f.date or "")
        items.append(Item(text="; ".join(dict.fromkeys(f.value for f in facts)),
                          label=f"{label} ({len(facts)})" if len(facts) > 2 else label,
                          meta=source_meta(newest.site, newest.date, labels)))
    return tuple(items)


def _triggers(briefing: Briefing, labels: dict[str, Any]) -> tuple[Item, ...]:
    # One sentence may tell of several events (hiring for a NIS2 role): it is printed once, with
    # every type it tells of.
    grouped: dict[tuple[str, str], list[TriggerItem]] = {}
    for trigger in briefing.triggers:
        site = labels["source_log_short"] if trigger.source_kind == "interaction" and not trigger.url else trigger.site
        source = source_meta(site, trigger.date, labels)
        grouped.setdefault((" ".join(trigger.quote.split()), source), []).append(trigger)
    items = []
    for (_, source), triggers in grouped.items():
        kept = [t for t in triggers if t.status in ("confirmed", "manual")]
        status = labels["trigger_status"].get((kept or triggers)[0].status, "")
        kinds = dict.fromkeys(labels["triggers_types"].get(t.type, t.type.replace("_", " ").capitalize())
                              for t in triggers)
        items.append(Item(text=triggers[0].quote, meta=" · ".join(p for p in (source, status) if p),
                          label=" · ".join(kinds), level="ok" if kept else ""))
    return tuple(items)


def _pain(pain: PainItem, labels: dict[str, Any], language: str) -> Item:
    # Title and industry from the rep's own records back reasons the why already names; a quote
    # from a page or note says more.
    said = next((e for e in pain.evidence if e.source not in RECORD_SOURCES), None)
    detail = f"“{said.quote}”" if said and said.quote else ""
    meta = source_meta(said.site, said.date, labels) if said else ""
    # The library's wording is given in the sheet's language; what the rep wrote stays as written.
    entry = library_pain(pain.key) if pain.key else None
    title = entry.title.get(language, pain.title) if entry and pain.title == entry.title["en"] else pain.title
    why = describe(pain.reasons, language) if pain.reasons and pain.why == describe(pain.reasons) else pain.why
    return Item(text=why, label=title, detail=detail, meta=meta, level="ok" if pain.status == "accepted" else "")


def _history(briefing: Briefing, labels: dict[str, Any]) -> tuple[Item, ...]:
    items = []
    if briefing.next_step:
        follow = labels["follow_up"].format(date=format_date(briefing.follow_up, labels)) if briefing.follow_up else ""
        items.append(Item(text=briefing.next_step, label=labels["next_step"], level="next",
                          meta=" · ".join(p for p in (format_date(briefing.next_step_at, labels), follow) if p)))
    for entry in briefing.interactions:
        label = labels["interaction_kinds"].get(entry.kind, entry.kind)
        if entry.outcome:
            label += " · " + labels["outcomes"].get(entry.outcome, entry.outcome.replace("_", " "))
        items.append(Item(text=entry.summary, label=label, detail=entry.next_step,
                          meta=format_date(entry.occurred_at, labels)))
    return tuple(items)


def source_lines(briefing: Briefing, labels: dict[str, Any]) -> tuple[str, ...]:
    """Return one short line per data source: each site (pages counted, latest date) or the rep's records."""
    sites: dict[str, list[str]] = {}
    own = []
    for source in briefing.sources:
        if source.kind == "page":
            sites.setdefault(source.site or source.url, []).append(source.date or "")
        elif source.kind == "note":
            name = labels["source_note"].format(source=source.site) if source.site else labels["source_notes"]
            own.append(source_meta(name, source.date, labels))
        else:
            own.append(labels["source_log"].format(count=source.count, date=format_date(source.date, labels)))
    lines = []
    for site, dates in sorted(sites.items(), key=lambda item: max(item[1]), reverse=True):
        name = f"{site} ({len(dates)})" if len(dates) > 1 else site
        lines.append(source_meta(name, max(dates) or None, labels))
    return tuple(dict.fromkeys(line for line in lines + own if line))
