"""Search everything from the main window: shortcut, ranked hits, and opening the source at the match."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from researcher.ui.search_dialog import SearchDialog, hit_html


def open_dialog(qtbot, window) -> SearchDialog:
    assert window.search_action.shortcut() == QKeySequence("Ctrl+Shift+F")
    window.search_action.trigger()
    dialog = window.search_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_search_opens_page_at_match(qtbot, make_window, demo_db):
    window = make_window(demo_db, is_demo=True)
    dialog = open_dialog(qtbot, window)
    dialog.query_edit.setText("informationssäkerhetschef")
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=3000)
    hits = dialog.hits
    assert {h.kind for h in hits} == {"page", "note"}
    page_row = next(i for i, h in enumerate(hits) if h.kind == "page")
    assert "<b>" in dialog.results.item(page_row).text()
    dialog.results.setCurrentRow(page_row)
    with qtbot.waitSignal(dialog.open_requested):
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    panel = window.panel
    name = next(demo_db.query("SELECT name FROM prospects WHERE id = ?", [window.current_prospect_id]))["name"]
    assert name == "Johan Åberg"
    tab = panel.tab_widgets["PagesPanel"]
    assert panel.tabs.currentWidget() is tab
    assert tab.current_page_id() == hits[page_row].ref_id
    cursor = tab.reader.browser.textCursor()
    assert cursor.selectedText().casefold() == "informationssäkerhetschef"


def test_search_opens_interaction_in_timeline(qtbot, make_window, demo_db):
    window = make_window(demo_db, is_demo=True)
    dialog = open_dialog(qtbot, window)
    dialog.query_edit.setText("slutbesiktning")
    dialog.run_search()
    assert [h.kind for h in dialog.hits] == ["interaction"]
    with qtbot.waitSignal(dialog.open_requested):
        dialog.on_item_activated(dialog.results.item(0))
    timeline = window.panel.tab_widgets["TimelinePanel"]
    assert window.panel.tabs.currentWidget() is timeline
    assert timeline.current_entry().id == dialog.hits[0].ref_id


def test_company_page_hit_opens_a_person_of_the_company(qtbot, make_window, demo_db):
    window = make_window(demo_db, is_demo=True)
    dialog = open_dialog(qtbot, window)
    dialog.query_edit.setText("Averøy foredlingsanlegg")
    dialog.run_search()
    page = next(h for h in dialog.hits if h.kind == "page")
    assert page.prospect_id is None and page.company_id is not None
    dialog.open_requested.emit(page)
    row = next(demo_db.query("SELECT name FROM prospects WHERE id = ?", [window.current_prospect_id]))
    assert row["name"] == "Kjetil Øvrebø"


def test_nothing_found_and_hostile_query(qtbot, make_window, demo_db):
    window = make_window(demo_db, is_demo=True)
    dialog = open_dialog(qtbot, window)
    dialog.query_edit.setText('"NEAR( ) OR *')
    dialog.run_search()
    assert dialog.results.count() == 0 and "Nothing found" in dialog.count_label.text()


def test_hit_html_escapes():
    from researcher.core.search import SearchHit

    text = hit_html(SearchHit("note", 1, 1, "<b>x</b>", "a [<script>] b", -1.0, date="2026-11-01"), "Åsa")
    assert "&lt;script&gt;" in text and "<b>&lt;script&gt;</b>" in text and "Åsa" in text
