"""The prep sheet's content, in the rep's interface language, built from a briefing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from researcher import APP_NAME, __version__
from researcher.core.briefing_model import Briefing, PhoneLine
from researcher.core.clock import parse_datetime
from researcher.core.models import LANGUAGES
from researcher.core.prep_sheet_sections import Section, body_sections, source_lines
from researcher.core.prep_sheet_text import format_date, format_time, sheet_labels, shorten, source_meta

__all__ = ["PhoneBadge", "PrepSheet", "Section", "build_prep_sheet"]

EVIDENCE_CHARS = 110


@dataclass(frozen=True)
class PhoneBadge:
    """A phone number with its do-not-call status in words."""

    number: str
    status: str
    level: str


@dataclass(frozen=True)
class PrepSheet:
    """Everything printed on one prospect's page, already in words."""

    language: str
    opener_language: str
    heading: str
    name: str
    company: str
    subtitle: str
    contact: str
    phones: tuple[PhoneBadge, ...]
    local_time: str
    time_difference: str
    window: str
    window_level: str
    banner: str
    opener_title: str
    opener_text: str
    opener_meta: str
    opener_evidence: tuple[str, ...]
    sections: tuple[Section, ...]
    notices: tuple[str, ...]
    prepared: str
    sources_title: str
    sources: tuple[str, ...]
    document_title: str
    document_subject: str
    author: str
    labels: dict[str, Any]


def build_prep_sheet(briefing: Briefing, *, language: str = "en") -> PrepSheet:
    """Return the sheet for a briefing, labelled in the rep's ``language``; the opener is not translated."""
    labels = sheet_labels(language)
    prospect, company = briefing.prospect, briefing.company
    company_name = company.name if company else prospect.company
    return PrepSheet(
        language=language if language in LANGUAGES else "en",
        opener_language=(briefing.opener.language if briefing.opener else "") or briefing.language or "en",
        heading=labels["title"],
        name=prospect.name,
        company=company_name,
        subtitle=" · ".join(part for part in (prospect.title, company_name) if part),
        contact=_contact_line(briefing, labels),
        phones=tuple(_phone_badge(line, labels) for line in briefing.phones),
        local_time=_local_time(briefing, labels),
        time_difference=_time_difference(briefing, labels),
        window=_window(briefing, labels),
        window_level=_window_level(briefing),
        banner=_banner(briefing, labels),
        opener_title=labels["opener"],
        opener_text=briefing.opener.text if briefing.opener else "",
        opener_meta=_opener_meta(briefing, labels),
        opener_evidence=_opener_evidence(briefing, labels),
        sections=body_sections(briefing, labels, language),
        notices=_notices(briefing, labels),
        prepared=_prepared(briefing, labels),
        sources_title=labels["sources_intro"],
        sources=source_lines(briefing, labels),
        document_title=labels["document_title"].format(name=prospect.name, company=company_name).rstrip(", "),
        document_subject=labels["document_subject"].format(name=prospect.name, company=company_name),
        author=_rep(briefing) or f"{APP_NAME} {__version__}",
        labels=labels,
    )


def _rep(briefing: Briefing) -> str:
    if briefing.rep_name and briefing.rep_company:
        return f"{briefing.rep_name} ({briefing.rep_company})"
    return briefing.rep_name or briefing.rep_company


def _prepared(briefing: Briefing, labels: dict[str, Any]) -> str:
    moment = parse_datetime(briefing.prepared_at).astimezone()
    when = {"date": format_date(moment.date().isoformat(), labels), "time": moment.strftime("%H:%M")}
    rep = _rep(briefing)
    return labels["prepared_by"].format(rep=rep, **when) if rep else labels["prepared"].format(**when)


def _contact_line(briefing: Briefing, labels: dict[str, Any]) -> str:
    parts = []
    if briefing.prospect.email:
        parts.append(briefing.prospect.email)
    if briefing.language:
        parts.append(f"{labels['language']}: {labels['languages'].get(briefing.language, briefing.language)}")
    return " · ".join(parts)


def _phone_badge(line: PhoneLine, labels: dict[str, Any]) -> PhoneBadge:
    date = format_date(line.extract_date, labels)
    if line.blocked:
        text = labels["dnc_blocked"].format(registry=line.registry) if line.registry else labels["dnc_blocked_plain"]
        return PhoneBadge(line.number, text, "bad")
    if line.unreadable:
        return PhoneBadge(line.number, labels["dnc_unreadable"], "warn")
    if line.blocked is None:
        return PhoneBadge(line.number, labels["dnc_not_screened"], "warn")
    if line.stale:
        return PhoneBadge(line.number, labels["dnc_stale"].format(registry=line.registry, date=date), "warn")
    return PhoneBadge(line.number, labels["dnc_ok"].format(registry=line.registry, date=date), "ok")


def _local_time(briefing: Briefing, labels: dict[str, Any]) -> str:
    calling = briefing.calling
    if calling is None or not calling.local_time:
        return labels["no_calling_info"]
    return f"{format_time(calling.local_time, labels)} ({calling.timezone})"


def _time_difference(briefing: Briefing, labels: dict[str, Any]) -> str:
    """How far the prospect's clock is from the rep's, which stays true after the sheet is printed."""
    calling = briefing.calling
    if calling is None or not calling.local_time:
        return ""
    theirs = datetime.fromisoformat(calling.local_time)
    ours = theirs.astimezone()
    hours = ((theirs.utcoffset() or timedelta()) - (ours.utcoffset() or timedelta())).total_seconds() / 3600
    if abs(hours) < 0.01:
        return labels["time_same"]
    amount = f"{abs(hours):g}"
    return labels["time_ahead" if hours > 0 else "time_behind"].format(hours=amount)


def _window(briefing: Briefing, labels: dict[str, Any]) -> str:
    calling = briefing.calling
    if calling is None:
        return ""
    hours = labels["window_hours"].format(start=calling.window[0], end=calling.window[1]) if calling.window else ""
    if calling.in_window:
        return " · ".join(part for part in (labels["in_window"], hours) if part)
    text = labels["out_of_window"]
    if calling.next_window_start:
        text += ", " + labels["next_window"].format(when=format_time(calling.next_window_start, labels))
    return text


def _window_level(briefing: Briefing) -> str:
    if briefing.calling is None:
        return ""
    return "ok" if briefing.calling.in_window else "warn"


def _banner(briefing: Briefing, labels: dict[str, Any]) -> str:
    if briefing.objected:
        return labels["objected"]
    if briefing.blocked:
        return labels["blocked_banner"]
    return ""


def _opener_meta(briefing: Briefing, labels: dict[str, Any]) -> str:
    opener = briefing.opener
    if opener is None:
        return ""
    parts = [labels["opener_seconds"].format(seconds=round(opener.seconds))] if opener.seconds else []
    if opener.language:
        parts.append(labels["opener_in"].format(language=labels["languages"].get(opener.language, opener.language)))
    if opener.style:
        parts.append(labels["styles"].get(opener.style, opener.style.replace("_", " ")))
    parts.append(labels["opener_saved"].format(date=format_date(opener.saved_at, labels)).strip()
                 if opener.saved else labels["opener_draft"])
    return " · ".join(parts)


def _opener_evidence(briefing: Briefing, labels: dict[str, Any]) -> tuple[str, ...]:
    """What the opener's statements about the prospect rest on: quote, source and date."""
    if briefing.opener is None:
        return ()
    lines = []
    for evidence in briefing.opener.evidence:
        source = source_meta(evidence.site, evidence.date, labels)
        quote = f"“{shorten(evidence.quote, EVIDENCE_CHARS)}”"
        lines.append(f"{quote} — {source}" if source else quote)
    return tuple(dict.fromkeys(lines))


def _notices(briefing: Briefing, labels: dict[str, Any]) -> tuple[str, ...]:
    notices = []
    if briefing.opener is None:
        notices.append(labels["opener_missing"])
    elif briefing.opener_notice and not briefing.opener.saved:
        # The composer explains itself in English; the sheet says the same in the rep's language.
        if not briefing.triggers and not briefing.interactions:
            notices.append(labels["notice_no_research"])
        elif not briefing.triggers:
            notices.append(labels["notice_no_trigger"])
    if briefing.unavailable:
        areas = dict.fromkeys(labels["areas"].get(problem.split(":")[0], problem.split(":")[0])
                              for problem in briefing.unavailable)
        notices.append(labels["not_available"].format(what=", ".join(areas)))
    return tuple(notices)
