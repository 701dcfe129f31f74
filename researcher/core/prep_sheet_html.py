"""Render a prep sheet as HTML for Qt's rich-text subset: tables, px units, no flexbox or floats."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html import escape
from typing import Any

from researcher import APP_NAME, __version__
from researcher.core.prep_sheet import PrepSheet
from researcher.core.prep_sheet_sections import Item, Section
from researcher.core.prep_sheet_text import shorten

FONT_FAMILY = "DejaVu Sans Condensed"
INK, MUTED, ACCENT, RULE = "#1d2733", "#5d6875", "#1f5f8b", "#c5d0db"
LEVEL_COLOURS = {"ok": "#2e7d32", "warn": "#a35f00", "bad": "#c62828", "next": ACCENT}
LEVEL_MARKS = {"ok": "✓", "warn": "!", "bad": "✗", "next": "→"}
COLUMN_GAP = 18
BODY_GAP = 10

# How much of each section the sheet shows before any fitting: (items, characters per text).
DEFAULT_LIMITS = {
    "triggers": (5, 240), "pains": (3, 260), "facts": (8, 160), "history": (4, 260),
    "questions": (5, 220), "objections": (4, 260), "qualification": (4, 200), "notes": (3, 420),
}
SHORT_CHARS = 130
OPENER_CHARS = 900


@dataclass(frozen=True)
class SectionPlan:
    """How much of one section goes on the page."""

    items: int
    chars: int
    cut: bool = False


@dataclass(frozen=True)
class Plan:
    """How much of every part of the sheet goes on the page."""

    sections: dict[str, SectionPlan] = field(default_factory=dict)
    sources: int = 1000
    opener_chars: int = OPENER_CHARS

    def with_section(self, key: str, **changes: Any) -> Plan:
        """Return a copy with one section's plan changed."""
        return replace(self, sections={**self.sections, key: replace(self.sections[key], **changes)})


def full_plan(sheet: PrepSheet) -> Plan:
    """Return the plan that shows each section up to its default limits."""
    return Plan(sections={s.key: SectionPlan(*DEFAULT_LIMITS.get(s.key, (5, 260))) for s in sheet.sections})


def _span(text: str, *, size: float | None = None, colour: str | None = None, bold: bool = False,
          italic: bool = False) -> str:
    style = []
    if size:
        style.append(f"font-size:{size:g}px")
    if colour:
        style.append(f"color:{colour}")
    if bold:
        style.append("font-weight:bold")
    if italic:
        style.append("font-style:italic")
    return f'<span style="{";".join(style)}">{escape(text)}</span>'


def _caps(text: str) -> str:
    return _span(text.upper(), size=9, colour=MUTED, bold=True)


def document_start(width: float) -> str:
    """Return the opening of a sheet document laid out ``width`` px wide."""
    return (f'<html><body style="font-family:\'{FONT_FAMILY}\';font-size:11px;color:{INK};">'
            f'<table width="{width:.0f}" cellspacing="0" cellpadding="0">')


def top_html(sheet: PrepSheet, plan: Plan, width: float) -> str:
    """Return the header, compliance banner and opener as table rows."""
    right = [_caps(sheet.labels["local_time"]) + "<br>",
             _span(sheet.local_time, size=14, bold=True)]
    if sheet.time_difference:
        right.append("<br>" + _span(sheet.time_difference, size=10, colour=MUTED))
    if sheet.window:
        colour = LEVEL_COLOURS.get(sheet.window_level, INK)
        right.append("<br>" + _span(f"{LEVEL_MARKS.get(sheet.window_level, '')} {sheet.window}".strip(),
                                    colour=colour, bold=True))
    left = [_caps(sheet.heading) + "<br>", _span(sheet.name, size=22, bold=True)]
    if sheet.subtitle:
        left.append("<br>" + _span(sheet.subtitle, size=13.5))
    if sheet.contact:
        left.append("<br>" + _span(sheet.contact, colour=MUTED))
    rows = [
        f'<tr><td><table width="{width:.0f}" cellspacing="0" cellpadding="0"><tr>'
        f'<td valign="top">{"".join(left)}</td>'
        f'<td valign="top" align="right" width="{width * 0.38:.0f}">{"".join(right)}</td></tr></table></td></tr>',
        f'<tr><td style="padding-top:6px;">{_phones(sheet)}</td></tr>',
    ]
    if sheet.banner:
        rows.append(f'<tr><td bgcolor="#fdecea" style="padding:5px 8px;">'
                    f'{_span("✗ " + sheet.banner, size=13, colour=LEVEL_COLOURS["bad"], bold=True)}</td></tr>')
    rows.append(f'<tr><td style="padding-top:8px;">{_opener(sheet, plan, width)}</td></tr>')
    return "".join(rows)


def _phones(sheet: PrepSheet) -> str:
    if not sheet.phones:
        return _span(sheet.labels["no_phone"], colour=MUTED)
    parts = []
    for badge in sheet.phones:
        colour = LEVEL_COLOURS.get(badge.level, MUTED)
        parts.append(_span(badge.number, size=13, bold=True) + "&nbsp;&nbsp;"
                     + _span(f"{LEVEL_MARKS.get(badge.level, '')} {badge.status}", size=10, colour=colour,
                             bold=badge.level == "bad"))
    return "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;".join(parts)


def _opener(sheet: PrepSheet, plan: Plan, width: float) -> str:
    head = _span(sheet.opener_title.upper(), size=9, colour=ACCENT, bold=True)
    if sheet.opener_meta:
        head += "&nbsp;&nbsp;" + _span(sheet.opener_meta, size=9.5, colour=MUTED)
    body = ""
    if sheet.opener_text:
        body = ('<p style="margin-top:3px;line-height:125%;">'
                f'{_span(shorten(sheet.opener_text, plan.opener_chars), size=13.5)}</p>')
    if sheet.opener_evidence:
        rests = "; ".join(sheet.opener_evidence[:2])
        body += (f'<p style="margin-top:2px;">{_span(sheet.labels["opener_evidence"] + ": ", size=9.5, colour=MUTED)}'
                 f'{_span(rests, size=9.5, colour=MUTED, italic=True)}</p>')
    for notice in sheet.notices:
        body += f'<p style="margin-top:3px;">{_span("! " + notice, size=10, colour=LEVEL_COLOURS["warn"])}</p>'
    return (f'<table width="{width:.0f}" cellspacing="0" cellpadding="0"><tr>'
            f'<td width="4" bgcolor="{ACCENT}"></td>'
            f'<td bgcolor="#eef4f9" style="padding:6px 10px 7px 10px;">{head}{body}</td></tr></table>')


def column_html(sheet: PrepSheet, plan: Plan, column: str, width: float) -> str:
    """Return one body column (its sections and, if anything was left out, the note saying so)."""
    parts = []
    for section in sheet.sections:
        if section.column != column:
            continue
        section_plan = plan.sections.get(section.key)
        if section_plan is None or section_plan.cut:
            continue
        parts.append(_section(section, section_plan, sheet.labels))
    cut = [s.title for s in sheet.sections
           if s.column == column and plan.sections.get(s.key, SectionPlan(0, 0, True)).cut]
    if cut:
        note = sheet.labels["cut_note"].format(what=", ".join(cut))
        parts.append(f'<p style="margin-top:6px;">{_span(note, size=9.5, colour=MUTED, italic=True)}</p>')
    return "".join(parts)


def _section(section: Section, plan: SectionPlan, labels: dict[str, Any]) -> str:
    title = (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:9px;margin-bottom:3px;">'
             f'<tr><td style="border-bottom:1px solid {RULE};padding-bottom:1px;">'
             f'{_span(section.title.upper(), size=10, colour=ACCENT, bold=True)}</td></tr></table>')
    shown = section.items[: plan.items]
    if not shown:
        return title + f'<p style="margin:0;">{_span(section.empty, colour=MUTED, italic=True)}</p>'
    lines = [_item(item, plan.chars) for item in shown]
    hidden = len(section.items) - len(shown)
    if hidden > 0:
        lines.append(f'<p style="margin:0;">{_span(labels["more"].format(count=hidden), size=9.5, colour=MUTED)}</p>')
    return title + "".join(lines)


def _item(item: Item, chars: int) -> str:
    parts = []
    if item.level:
        parts.append(_span(LEVEL_MARKS[item.level] + " ", colour=LEVEL_COLOURS[item.level], bold=True))
    if item.label:
        parts.append(_span(item.label, bold=True) + (" " if item.text else ""))
    if item.text:
        parts.append(escape(shorten(item.text, chars)))
    if item.detail:
        parts.append("<br>" + _span(shorten(item.detail, chars), size=10.5, colour="#3d4753", italic=True))
    if item.meta:
        parts.append("&nbsp; " + _span(item.meta, size=9, colour=MUTED))
    return f'<p style="margin-top:0;margin-bottom:4px;">{"".join(parts)}</p>'


def body_html(sheet: PrepSheet, plan: Plan, width: float) -> str:
    """Return the two body columns as one table row."""
    column = (width - COLUMN_GAP) / 2
    return (f'<tr><td style="padding-top:{BODY_GAP - 6}px;">'
            f'<table width="{width:.0f}" cellspacing="0" cellpadding="0"><tr>'
            f'<td valign="top" width="{column:.0f}">{column_html(sheet, plan, "left", column)}</td>'
            f'<td width="{COLUMN_GAP}"></td>'
            f'<td valign="top" width="{column:.0f}">{column_html(sheet, plan, "right", column)}</td>'
            f'</tr></table></td></tr>')


def main_html(sheet: PrepSheet, plan: Plan, width: float) -> str:
    """Return the whole page above the footer: header, opener and both body columns."""
    body = top_html(sheet, plan, width) + body_html(sheet, plan, width)
    return document_start(width) + body + "</table></body></html>"


def top_only_html(sheet: PrepSheet, plan: Plan, width: float) -> str:
    """Return a document holding only the header and the opener (for measuring)."""
    return document_start(width) + top_html(sheet, plan, width) + "</table></body></html>"


def column_only_html(sheet: PrepSheet, plan: Plan, column: str, width: float) -> str:
    """Return a document holding one body column at its printed width (for measuring)."""
    inner = (width - COLUMN_GAP) / 2
    return (document_start(inner) + f'<tr><td valign="top">{column_html(sheet, plan, column, inner)}</td></tr>'
            + "</table></body></html>")


def footer_html(sheet: PrepSheet, plan: Plan, width: float) -> str:
    """Return the footer: when the sheet was prepared and where its information came from."""
    sources = list(sheet.sources[: plan.sources])
    hidden = len(sheet.sources) - len(sources)
    if hidden > 0:
        sources.append(sheet.labels["more"].format(count=hidden))
    text = (_span(sheet.labels["sources"].upper(), size=8.5, colour=ACCENT, bold=True) + "&nbsp; "
            + _span(sheet.sources_title, size=9, colour=MUTED) + " " + _span("; ".join(sources), size=9, colour=INK))
    stamp = _span(f"{sheet.prepared} · {APP_NAME} {__version__}", size=9, colour=MUTED)
    return (document_start(width) +
            f'<tr><td style="border-top:1px solid {RULE};padding-top:4px;">{text}<br>{stamp}</td></tr>'
            "</table></body></html>")
