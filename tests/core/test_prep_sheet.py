"""The prep sheet's content, labels, HTML and one-page fitting, without Qt."""

from __future__ import annotations

import html
import math
import re
import tomllib
from html.parser import HTMLParser
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from researcher.core.briefing_model import Evidence, PainItem, PhoneLine
from researcher.core.models import LANGUAGES
from researcher.core.pdf_info import count_pages, set_document_info
from researcher.core.prep_sheet import build_prep_sheet
from researcher.core.prep_sheet_fit import fit_sheet, page_box, shrink_steps
from researcher.core.prep_sheet_html import column_html, full_plan, main_html
from researcher.core.prep_sheet_text import shorten
from researcher.core.prep_sheet_text import format_date, interface_language, sheet_labels
from researcher.core.resources import resource_path
from researcher.core.settings import set_setting
from tests.sheet_samples import OPENER, long_briefing, typical_briefing

TAG = re.compile(r"<[^>]+>")


class _Box:
    def __init__(self, tag: str, width: float) -> None:
        self.tag, self.width, self.children, self.text = tag, width, [], ""

    def height(self) -> float:
        if self.tag == "tr":
            return max((child.height() for child in self.children), default=0.0)
        own = math.ceil(len(self.text.strip()) * 6 / self.width) * 15 if self.text.strip() else 0.0
        return own + sum(child.height() for child in self.children)


class _Layout(HTMLParser):
    """A stand-in for Qt's layout: 6 px per character, 15 px per line, table cells side by side."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.stack = [_Box("body", width)]

    def handle_starttag(self, tag, attrs):
        parent = self.stack[-1]
        if tag in ("table", "tr", "td", "p"):
            width = float(dict(attrs).get("width", "0").rstrip("%") or 0) if tag == "td" else 0.0
            box = _Box(tag, width if width > 1 else parent.width)
            parent.children.append(box)
            self.stack.append(box)
        elif tag == "br":
            self.stack[-1].children.append(_Box("p", parent.width))
            self.stack[-1].children[-1].text = " "

    def handle_endtag(self, tag):
        if tag in ("table", "tr", "td", "p") and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].text += data


def fake_measure(markup: str, width: float) -> float:
    layout = _Layout(width)
    layout.feed(markup)
    return layout.stack[0].height()


def visible_text(markup: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", markup)).split())


def _keys(table: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in table.items():
        found |= _keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return found


def test_every_language_has_every_label():
    english = tomllib.loads(resource_path("i18n/en.toml").read_text(encoding="utf-8"))
    for language in LANGUAGES:
        data = tomllib.loads(resource_path(f"i18n/{language}.toml").read_text(encoding="utf-8"))
        assert _keys(data) == _keys(english), language
        assert len(data["sheet"]["dates"]["months"]) == 12
        assert len(data["sheet"]["dates"]["weekdays"]) == 7


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "1 Dec 2026"), ("fi", "1.12.2026"), ("sv", "1 dec 2026"), ("nb", "1. des. 2026"), ("da", "1. dec. 2026"),
])
def test_dates_are_written_the_local_way(language, expected):
    labels = sheet_labels(language)
    assert format_date("2026-12-01", labels) == expected
    assert format_date("2026-12-01T23:30:00+00:00", labels) == expected
    assert format_date(None, labels) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_sheet_is_in_the_interface_language_and_the_opener_is_not(language):
    sheet = build_prep_sheet(typical_briefing(), language=language)
    labels = sheet_labels(language)
    assert sheet.heading == labels["title"]
    assert sheet.opener_text == OPENER
    assert sheet.opener_language == "fi"
    assert [s.title for s in sheet.sections][:2] == [labels["triggers"], labels["pains"]]
    text = visible_text(main_html(sheet, full_plan(sheet), 700))
    assert "Åsa Järvinen-Øberg" in text
    assert labels["triggers"].upper() in text


LIBRARY_PAIN = PainItem(
    "Onboarding lands on a few senior people", "Trigger: hiring; seen in Hamar Arbeiderblad; role: CFO.",
    (Evidence("Vi ansetter seks nye sjåfører på lageret i Ålesund.", "https://www.havbris.no/jobb", "2026-11-18"),),
    key="onboarding_load", reasons=(("trigger", "hiring"), ("seen", "Hamar Arbeiderblad"), ("role", "cfo")),
)


@pytest.mark.parametrize(("language", "title", "why"), [
    ("en", "Onboarding lands on a few senior people", "Trigger: hiring; seen in Hamar Arbeiderblad; role: CFO."),
    ("nb", "Opplæringen belaster de erfarne",
     "Utløser: ansettelser; nevnt i Hamar Arbeiderblad; rolle: økonomisjef."),
    ("fi", "Perehdytys kuormittaa kokeneita",
     "Laukaisija: rekrytointi; mainittu: Hamar Arbeiderblad; rooli: talousjohtaja."),
])
def test_library_pains_read_in_the_sheet_language(language, title, why):
    sheet = build_prep_sheet(replace(typical_briefing(), pains=(LIBRARY_PAIN,)), language=language)
    (item,) = next(s for s in sheet.sections if s.key == "pains").items
    assert (item.label, item.text) == (title, why)
    assert "sjåfører" in item.detail  # the evidence is quoted as found


def test_a_pain_the_rep_reworded_stays_as_written():
    reworded = (replace(LIBRARY_PAIN, title="Nye sjåfører hver uke"),
                replace(LIBRARY_PAIN, why="Øyvind sa at Ålesund og Bergen jobber ulikt."))
    sheet = build_prep_sheet(replace(typical_briefing(), pains=reworded), language="nb")
    first, second = next(s for s in sheet.sections if s.key == "pains").items
    assert first.label == "Nye sjåfører hver uke"
    assert first.text == "Utløser: ansettelser; nevnt i Hamar Arbeiderblad; rolle: økonomisjef."
    assert second.label == "Opplæringen belaster de erfarne"
    assert second.text == "Øyvind sa at Ålesund og Bergen jobber ulikt."


def test_a_pain_quotes_what_was_read_not_the_reps_own_records():
    from researcher.core.evidence import COMPANY_RECORD, PROSPECT_RECORD

    records = (Evidence("Title: Økonomisjef", "", "2026-11-02", PROSPECT_RECORD),
               Evidence("Industry: manufacturing", "https://www.havbris.no", None, COMPANY_RECORD))
    read = replace(LIBRARY_PAIN, evidence=records + LIBRARY_PAIN.evidence)
    only_records = replace(LIBRARY_PAIN, evidence=records)
    sheet = build_prep_sheet(replace(typical_briefing(), pains=(read, only_records)), language="nb")
    first, second = next(s for s in sheet.sections if s.key == "pains").items
    assert first.detail == "“Vi ansetter seks nye sjåfører på lageret i Ålesund.”" and "havbris.no" in first.meta
    assert (second.detail, second.meta) == ("", "")


def test_swedish_sheet_reads_swedish():
    sheet = build_prep_sheet(typical_briefing(), language="sv")
    text = visible_text(main_html(sheet, full_plan(sheet), 700))
    assert "Bra tid att ringa" in text
    assert "inte i Robinson (FI) (20 nov 2026)" in text
    assert "Köpet lönar sig delvis" in text
    assert "Samtal · ring senare" in text


def test_markup_in_data_is_shown_as_text():
    briefing = typical_briefing()
    prospect = replace(briefing.prospect, name="Ærlig <b>Bø</b> & Co")
    sheet = build_prep_sheet(replace(briefing, prospect=prospect), language="en")
    markup = main_html(sheet, full_plan(sheet), 700)
    assert "&lt;b&gt;Bø&lt;/b&gt; &amp; Co" in markup
    assert "<b>Bø</b>" not in markup


def test_do_not_call_statuses():
    briefing = replace(typical_briefing(), blocked=True, phones=(
        PhoneLine("+47 912 34 567", blocked=True, registry="Reservasjonsregisteret", extract_date="2026-11-25"),
        PhoneLine("+47 22 33 44 55", blocked=None),
        PhoneLine("+46 70 123 45 67", blocked=False, registry="NIX-Telefon", extract_date="2026-08-01", stale=True),
        PhoneLine("12", blocked=None, unreadable=True),
    ))
    sheet = build_prep_sheet(briefing, language="nb")
    assert sheet.banner == sheet_labels("nb")["blocked_banner"]
    assert [b.level for b in sheet.phones] == ["bad", "warn", "warn", "warn"]
    assert sheet.phones[0].status == "IKKE RING: står i Reservasjonsregisteret"
    assert "utdatert" in sheet.phones[2].status
    objected = build_prep_sheet(replace(briefing, objected=True), language="en")
    assert "GDPR Art. 21" in objected.banner


def test_sources_name_each_site_once_with_its_latest_date():
    sheet = build_prep_sheet(long_briefing(), language="en")
    assert len(sheet.sources) == 40
    assert sheet.sources[0] == "news27.example.fi · 28 Nov 2026"
    typical = build_prep_sheet(typical_briefing(), language="en")
    assert typical.sources == ("routakivi.fi · 20 Nov 2026", "kauppalehti.fi · 2 Oct 2026",
                               "note: Messut, Logistiikka 2026 · 30 Oct 2026",
                               "your interaction log (1, latest 12 Nov 2026)")


def test_shorten_cuts_at_a_word():
    assert shorten("Kuljetus Lehtola avaa uuden terminaalin", 24) == "Kuljetus Lehtola avaa…"
    assert shorten("  lyhyt   teksti ", 50) == "lyhyt teksti"


def test_typical_sheet_fits_without_shrinking():
    sheet = build_prep_sheet(typical_briefing(), language="fi")
    page = page_box("a4")
    fitted = fit_sheet(sheet, page, fake_measure)
    assert fitted.plan == full_plan(sheet)
    assert fake_measure(fitted.main, page.width) <= fitted.main_height


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_sheet_shrinks_lowest_priority_first(paper):
    sheet = build_prep_sheet(long_briefing(), language="en")
    # A short page, so that even balanced columns have to give way.
    page = replace(page_box(paper), height=page_box(paper).height * 0.7)
    fitted = fit_sheet(sheet, page, fake_measure)
    assert fake_measure(fitted.main, page.width) <= fitted.main_height
    assert fitted.main_height + fitted.footer_height <= page.height
    sections, full = fitted.plan.sections, full_plan(sheet).sections
    assert not sections["triggers"].cut and not sections["pains"].cut
    assert sections != full
    # In each column, a section gives way only once every less important one is gone.
    for column in ("left", "right"):
        placed = [s for s in fitted.sheet.sections if s.column == column]
        for section in placed:
            if sections[section.key] != full[section.key]:
                for other in placed:
                    if other.priority > section.priority:
                        assert sections[other.key].cut, (section.key, other.key)
    text = visible_text(fitted.main)
    if any(s.cut for s in sections.values()):
        assert "Shortened to fit one page" in text
    assert "+" in text and "more" in text


def test_shrink_steps_only_ever_remove_content():
    sheet = build_prep_sheet(long_briefing(), language="en")
    steps = shrink_steps(sheet, full_plan(sheet), "right")
    sizes = [len(visible_text(column_html(sheet, plan, "right", 340))) for plan in steps]
    assert len(steps) > 5
    assert steps[-1].sections["notes"].cut and steps[-1].sections["qualification"].cut
    # A "+n more" line may appear once; otherwise every step is smaller.
    assert all(later <= earlier + 12 for earlier, later in zip(sizes, sizes[1:]))
    assert sizes[-1] < sizes[0] / 2


def test_interface_language_from_setting_then_environment(db, monkeypatch):
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert interface_language(db) == "en"
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert interface_language(db) == "nb"
    set_setting(db, "interface_language", "da")
    assert interface_language(db) == "da"
    set_setting(db, "interface_language", "xx")
    assert interface_language(db) == "nb"


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Title (old) >>\nendobj\n2 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n"
    b"3 0 obj\n<< /Type /Pages /Kids [4 0 R] /Count 1 >>\nendobj\n"
    b"4 0 obj\n<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
)


def _minimal_pdf(path: Path) -> None:
    offsets, data = [], MINIMAL_PDF
    for number in range(1, 5):
        offsets.append(data.index(f"{number} 0 obj".encode()))
    xref = len(data)
    table = b"xref\n0 5\n0000000000 65535 f \n" + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    path.write_bytes(data + table + f"trailer\n<< /Size 5 /Info 1 0 R /Root 2 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())


def test_document_info_is_updated_in_place(tmp_path):
    path = tmp_path / "sheet.pdf"
    _minimal_pdf(path)
    set_document_info(path, {"Title": "Soiton valmistelu: Åsa Øberg", "Author": "Researcher 0.1.0",
                             "Subject": "Förberedelse för samtal med Ærø"},
                      when=datetime(2026, 12, 1, 8, 30, tzinfo=UTC))
    reader = pypdf.PdfReader(path)
    assert reader.metadata.title == "Soiton valmistelu: Åsa Øberg"
    assert reader.metadata.subject == "Förberedelse för samtal med Ærø"
    assert reader.metadata.author == "Researcher 0.1.0"
    assert reader.metadata.creation_date == datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    assert len(reader.pages) == 1 == count_pages(path.read_bytes())


def test_document_info_refuses_a_file_that_is_not_a_pdf(tmp_path):
    from researcher.core.errors import UserError

    path = tmp_path / "notes.pdf"
    path.write_text("Tämä ei ole PDF.", encoding="utf-8")
    with pytest.raises(UserError, match="not a PDF"):
        set_document_info(path, {"Title": "x"})
    assert path.read_text(encoding="utf-8") == "Tämä ei ole PDF."


def test_time_difference_to_the_rep_survives_printing(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    try:
        assert build_prep_sheet(typical_briefing(), language="en").time_difference == "1 h ahead of you"
        london = replace(typical_briefing().calling, local_time="2026-12-01T08:30:00+00:00")
        sheet = build_prep_sheet(replace(typical_briefing(), calling=london), language="sv")
        assert sheet.time_difference == "1 h efter dig"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_floating_sections_move_to_the_shorter_column():
    briefing = replace(typical_briefing(), triggers=(), pains=(), facts=())
    sheet = build_prep_sheet(briefing, language="en")
    page = page_box("a4")
    fitted = fit_sheet(sheet, page, fake_measure)
    columns = {s.key: s.column for s in fitted.sheet.sections}
    assert columns["history"] == "right" and columns["triggers"] == "left"
    assert "left" in (columns["qualification"], columns["notes"])
    # Moved sections come last, so each column keeps its reading order.
    left = [s.key for s in fitted.sheet.sections if s.column == "left"]
    assert left[:2] == ["triggers", "pains"]


def test_trigger_sources_name_the_site_the_note_or_the_log():
    from researcher.core.briefing_model import TriggerItem

    triggers = (
        TriggerItem("acquisition", "Vi har købt to mindre revisionshuse.", "", "2026-11-17", source="Email 2026-11-17",
                    source_kind="interaction"),
        TriggerItem("expansion", "Åbner kontor i Aarhus.", "", "2026-11-02", source="Børsen", source_kind="note"),
        TriggerItem("funding", "Rejser 40 mio. kr.", "https://www.bogely.dk/nyt", "2026-10-01"),
    )
    sheet = build_prep_sheet(replace(typical_briefing(), triggers=triggers), language="da")
    metas = [item.meta for item in sheet.sections[0].items]
    assert metas == ["din kontaktlog · 17. nov. 2026", "Børsen · 2. nov. 2026", "bogely.dk · 1. okt. 2026"]


def test_a_sentence_that_tells_of_several_events_is_printed_once():
    from researcher.core.briefing_model import TriggerItem

    quote = "Kvarnsjö Energi söker en informationssäkerhetschef med ansvar för NIS2."
    page = "https://www.kvarnsjoenergi.se/jobb"
    triggers = (
        TriggerItem("hiring", quote, page, "2026-11-28"),
        TriggerItem("regulation", quote, page, "2026-11-28", status="confirmed"),
        TriggerItem("hiring", quote, "", "2026-11-28", source="Östersunds-Posten", source_kind="note"),
        TriggerItem("expansion", "Ny vindkraftpark i Jämtland 2027.", page, "2026-11-28"),
    )
    sheet = build_prep_sheet(replace(typical_briefing(), triggers=triggers), language="sv")
    items = [(item.label, item.text, item.level) for item in sheet.sections[0].items]
    assert items == [("Rekrytering · Reglering", quote, "ok"), ("Rekrytering", quote, ""),
                     ("Expansion", "Ny vindkraftpark i Jämtland 2027.", "")]


def test_the_opener_shows_what_it_rests_on():
    from researcher.core.briefing_model import Evidence

    briefing = typical_briefing()
    opener = replace(briefing.opener, evidence=(
        Evidence("Haemme kuutta varastotyöntekijää Tampereen tehtaallemme.", "https://www.routakivi.fi/rekry",
                 "2026-11-18"),))
    sheet = build_prep_sheet(replace(briefing, opener=opener), language="fi")
    assert sheet.opener_evidence == (
        "“Haemme kuutta varastotyöntekijää Tampereen tehtaallemme.” — routakivi.fi · 18.11.2026",)
    text = visible_text(main_html(sheet, full_plan(sheet), 700))
    assert "Perustuu: “Haemme kuutta varastotyöntekijää" in text
