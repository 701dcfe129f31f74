"""The call list panel and the blocked banner and list marker, on the demo."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from sqlite_utils import Database

from researcher.ui.call_list_panel import CallListPanel

# Tuesday 1 December 2026, 08:30 UTC: 10:30 in Helsinki, 09:30 in Oslo/Stockholm/Copenhagen, 08:30 in London.
NOW = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def test_panel_shows_now_later_and_blocked_with_reasons(qtbot, demo_db: Database) -> None:
    panel = CallListPanel(demo_db, clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.show()
    assert "Ingrid Sæther" in panel.entries("blocked")
    assert "Priya Raman" in panel.entries("later")
    assert "Jari Kärkkäinen" in panel.entries("now")
    blocked = panel.groups["blocked"].child(0)
    assert "Reservasjonsregisteret" in blocked.text(5)
    later = next(panel.groups["later"].child(i) for i in range(panel.groups["later"].childCount())
                 if panel.groups["later"].child(i).text(0) == "Priya Raman")
    assert later.text(5).startswith("Too early: 08:30 local time")
    assert panel.queue()[0] == panel.call_list.callable_now[0].prospect_id
    with qtbot.waitSignal(panel.open_requested) as opened:
        panel.tree.itemActivated.emit(blocked, 0)
    assert opened.args == [panel.call_list.blocked[0].prospect_id]
    with qtbot.waitSignal(panel.call_mode_requested) as started:
        qtbot.keyClick(panel, Qt.Key.Key_F9)
    assert started.args[1] == panel.queue()


def test_blocked_banner_and_list_marker(make_window, demo_db: Database) -> None:
    window = make_window(demo_db)
    ingrid = next(demo_db.query("SELECT id FROM prospects WHERE name = 'Ingrid Sæther'"))["id"]
    jari = next(demo_db.query("SELECT id FROM prospects WHERE name = 'Jari Kärkkäinen'"))["id"]
    assert window.prospect_list.select_id(ingrid)
    banner = window.panel.banner
    assert banner.isVisible() and banner.text().startswith("Blocked — do not call: +4791234567 is in Reservasjons")
    assert banner.clock.isVisible() and "Oslo —" in banner.clock.text()
    model = window.model
    row = model.row_of(ingrid)
    tooltip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Blocked — do not call")
    assert model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(model.row_of(jari), 0), Qt.ItemDataRole.DecorationRole) is None
    column = next(i for i in range(model.columnCount())
                  if model.headerData(i, Qt.Orientation.Horizontal) == "Readiness")
    assert model.data(model.index(model.row_of(jari), column)) == "✓ ◐ ·"
    assert model.data(model.index(model.row_of(jari), column), Qt.ItemDataRole.ToolTipRole).endswith(
        "1 of 3 met, 1 partly")
    assert window.prospect_list.select_id(jari)
    assert not banner.isVisible()


def test_objecting_from_the_window_erases_and_suppresses(make_window, demo_db: Database, monkeypatch) -> None:
    from researcher.ui.confirm import Confirm

    window = make_window(demo_db)
    jari = next(demo_db.query("SELECT id FROM prospects WHERE name = 'Jari Kärkkäinen'"))["id"]
    window.prospect_list.select_id(jari)
    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda *args: True))
    window.calling.object.trigger()
    assert demo_db["prospects"].count == 9 and demo_db["suppressions"].count >= 3
    assert window.model.row_of(jari) is None
