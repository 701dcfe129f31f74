"""Fit a prep sheet on one page: shrink, then cut, the lowest-priority sections until it fits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import product

from researcher.core.prep_sheet import PrepSheet
from researcher.core.prep_sheet_html import (
    BODY_GAP, COLUMN_GAP, SHORT_CHARS, Plan, column_only_html, footer_html, full_plan, main_html, top_only_html,
)

PAPER_SETTING = "prep_sheet.paper"
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN_MM = 12.0
PX_PER_MM = 96 / 25.4
FOOTER_GAP = 8.0
FOOTER_SHARE = 0.1  # the sources footer never takes more than this part of the page
MIN_SOURCES = 3
MEASURE_SLACK = 12.0
FLOATING = ("facts", "qualification", "notes")

Measure = Callable[[str, float], float]
"""Return the height in px of an HTML document laid out at a width in px."""


@dataclass(frozen=True)
class PageBox:
    """The printable area of one page in CSS pixels (96 per inch), and the paper it is on."""

    paper: str
    width: float
    height: float
    margin: float


def page_box(paper: str) -> PageBox:
    """Return the printable area of ``paper`` ("a4" or "letter"). Raises KeyError for other names."""
    width_mm, height_mm = PAPER_MM[paper]
    return PageBox(paper=paper, width=(width_mm - 2 * MARGIN_MM) * PX_PER_MM,
                   height=(height_mm - 2 * MARGIN_MM) * PX_PER_MM, margin=MARGIN_MM * PX_PER_MM)


@dataclass(frozen=True)
class FittedSheet:
    """A sheet laid out for one page: the main part, the footer, and the height the main part may use."""

    sheet: PrepSheet
    plan: Plan
    main: str
    footer: str
    main_height: float
    footer_height: float


def fit_sheet(sheet: PrepSheet, page: PageBox, measure: Measure, *, shrink_by: float = 0.0) -> FittedSheet:
    """Return the sheet shrunk until it fits ``page``; ``shrink_by`` px are kept free as extra margin."""
    plan = full_plan(sheet)
    sheet = balance_columns(sheet, plan, page.width, measure)
    plan, footer, footer_height = _fit_footer(sheet, plan, page, measure)
    available = page.height - footer_height - FOOTER_GAP - shrink_by
    html = main_html(sheet, plan, page.width)
    if measure(html, page.width) <= available:
        return FittedSheet(sheet, plan, html, footer, available, footer_height)
    top = measure(top_only_html(sheet, plan, page.width), page.width)
    if top > available * 0.6:
        plan = Plan(sections=plan.sections, sources=plan.sources, opener_chars=SHORT_CHARS * 3)
        top = measure(top_only_html(sheet, plan, page.width), page.width)
    budget = available - top - BODY_GAP
    for _ in range(6):
        for column in ("left", "right"):
            plan = _fit_column(sheet, plan, column, page.width, budget, measure)
        html = main_html(sheet, plan, page.width)
        if measure(html, page.width) <= available:
            break
        budget -= MEASURE_SLACK
    return FittedSheet(sheet, plan, html, footer, available, footer_height)


def balance_columns(sheet: PrepSheet, plan: Plan, width: float, measure: Measure) -> PrepSheet:
    """Move the floating sections (facts, qualification, notes) so the two columns end level.

    A moved section goes to the foot of the other column, so each column keeps its reading order.
    """
    inner = (width - COLUMN_GAP) / 2
    heights = {s.key: measure(column_only_html(replace(sheet, sections=(s,)), plan, s.column, width), inner)
               for s in sheet.sections}
    floating = [s for s in sheet.sections if s.key in FLOATING]
    settled = {column: sum(heights[s.key] for s in sheet.sections if s.column == column and s.key not in FLOATING)
               for column in ("left", "right")}
    best: tuple[tuple[float, int], tuple[str, ...]] | None = None
    for choice in product(("left", "right"), repeat=len(floating)):
        totals = dict(settled)
        for section, column in zip(floating, choice):
            totals[column] += heights[section.key]
        moves = sum(section.column != column for section, column in zip(floating, choice))
        score = (max(totals.values()), moves)
        if best is None or score < best[0]:
            best = (score, choice)
    chosen = dict(zip((s.key for s in floating), best[1] if best else ()))
    stay = [s for s in sheet.sections if chosen.get(s.key, s.column) == s.column]
    moved = [replace(s, column=chosen[s.key]) for s in sheet.sections if chosen.get(s.key, s.column) != s.column]
    return replace(sheet, sections=tuple(stay + moved))


def _fit_footer(sheet: PrepSheet, plan: Plan, page: PageBox, measure: Measure) -> tuple[Plan, str, float]:
    html = footer_html(sheet, plan, page.width)
    height = measure(html, page.width)
    count = len(sheet.sources)
    while height > page.height * FOOTER_SHARE and count > MIN_SOURCES:
        count = max(MIN_SOURCES, count * 2 // 3)
        plan = Plan(sections=plan.sections, sources=count, opener_chars=plan.opener_chars)
        html = footer_html(sheet, plan, page.width)
        height = measure(html, page.width)
    return plan, html, height


def shrink_steps(sheet: PrepSheet, plan: Plan, column: str) -> list[Plan]:
    """Return ever smaller plans for one column, least important sections first.

    Sections of equal priority give way together: first their texts are shortened, then they lose
    items in turn, then the cuttable ones are left out (the later ones first).
    """
    steps = [plan]
    placed = [s for s in sheet.sections if s.column == column and s.key in plan.sections]
    for priority in sorted({s.priority for s in placed}, reverse=True):
        group = [s for s in placed if s.priority == priority and not steps[-1].sections[s.key].cut]
        for section in reversed(group):
            if steps[-1].sections[section.key].chars > SHORT_CHARS and any(
                    len(i.text) > SHORT_CHARS or len(i.detail) > SHORT_CHARS for i in section.items):
                steps.append(steps[-1].with_section(section.key, chars=SHORT_CHARS))
        while True:
            shown = {s.key: min(steps[-1].sections[s.key].items, len(s.items)) for s in group}
            if max(shown.values(), default=1) <= 1:
                break
            most = max(shown.values())
            for section in reversed(group):
                if shown[section.key] == most:
                    steps.append(steps[-1].with_section(section.key, items=most - 1))
        for section in reversed(group):
            if section.cuttable:
                steps.append(steps[-1].with_section(section.key, cut=True))
    return steps


def _fit_column(sheet: PrepSheet, plan: Plan, column: str, width: float, budget: float, measure: Measure) -> Plan:
    steps = shrink_steps(sheet, plan, column)
    inner = (width - COLUMN_GAP) / 2

    def fits(index: int) -> bool:
        return measure(column_only_html(sheet, steps[index], column, width), inner) <= budget

    if fits(0):
        return steps[0]
    low, high = 1, len(steps) - 1
    if not fits(high):
        return steps[high]
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return steps[low]
