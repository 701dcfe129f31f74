"""The prospect table model: Qt's model contract, filtering, sorting, background loading, updates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from researcher.core.interactions import log_interaction
from researcher.core.prospects import add_prospect, erase_prospect, update_prospect
from researcher.ui import prospect_model
from researcher.ui.prospect_list import ProspectList
from researcher.ui.prospect_model import COLUMNS, ProspectModel
from researcher.ui.workers import JobRunner


def names(model: ProspectModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_model_passes_qt_model_tester_on_the_demo(qtmodeltester, demo_db) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    assert model.columnCount() == len(COLUMNS) == 8
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "Name", "Company", "Title", "Country", "Stage", "Last interaction", "Next follow-up", "Readiness"]


def test_model_passes_qt_model_tester_when_empty_and_while_filtering(qtmodeltester, db, demo_db) -> None:
    empty = ProspectModel(db)
    empty.reload()
    qtmodeltester.check(empty)
    model = ProspectModel(demo_db)
    model.reload()
    model.set_filter("oy")
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_rows_show_every_column(demo_db) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    row = model.row_of(_id(demo_db, "Minna Väisänen"))
    values = [model.index(row, column).data() for column in range(8)]
    assert values[:5] == ["Minna Väisänen", "Routakivi Oy", "Talousjohtaja", "FI", "Researching"]
    assert values[5].startswith("2026-11-")
    assert values[6]  # a follow-up date
    assert values[7] == ""  # the window fills readiness in once the qualifications are read


def test_readiness_column_shows_and_sorts_by_the_qualification(demo_db) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    minna, jari = _id(demo_db, "Minna Väisänen"), _id(demo_db, "Jari Kärkkäinen")
    model.readiness = {minna: (0.5, "1 of 3 met, 1 partly", "✓ ◐ ·"), jari: (1.0, "Ready for a closer", "✓ ✓ ✓")}
    column = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())].index("Readiness")
    assert model.index(model.row_of(jari), column).data() == "✓ ✓ ✓"
    tip = model.index(model.row_of(minna), column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Pays off, ready now, able to buy: 1 of 3 met, 1 partly"
    model.sort(column, Qt.SortOrder.DescendingOrder)
    assert [model.prospect_id(0), model.prospect_id(1)] == [jari, minna]


@pytest.mark.parametrize(("typed", "expected"), [
    ("sjöström", ["Elin Sjöström"]),
    ("ÅBERG", ["Johan Åberg"]),
    ("routakivi", ["Minna Väisänen"]),
    ("økonomichef", ["Mette Kjærgaard"]),
    ("  pennine   haulage ", ["Claire Donovan"]),
])
def test_filter_matches_name_company_title_case_insensitively(demo_db, typed, expected) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    model.set_filter(typed)
    assert names(model) == expected


def test_filter_matches_email_and_phone_digits(db) -> None:
    add_prospect(db, "Åse Ødegård", company="Fjellstrøm AS", email="ase@fjellstrom.no", phones=["+47 912 34 567"])
    add_prospect(db, "Pekka Mäki", company="Mäki Oy", phones=["+358 40 765 4321"])
    model = ProspectModel(db)
    model.reload()
    model.set_filter("fjellstrom.no")
    assert names(model) == ["Åse Ødegård"]
    model.set_filter("4791234")
    assert names(model) == ["Åse Ødegård"]
    model.set_filter("40 765")
    assert names(model) == ["Pekka Mäki"]
    model.set_filter("+47 912-34")
    assert names(model) == ["Åse Ødegård"]
    model.set_filter("+")
    assert model.rowCount() == 2


def test_narrowing_then_widening_the_filter_gives_the_same_rows_as_fresh(demo_db, qtbot) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    for text in ("o", "oy", "o"):
        with qtbot.waitSignal(model.filtered) as blocker:
            model.set_filter(text)
    fresh = ProspectModel(demo_db)
    fresh.reload()
    fresh.set_filter("o")
    assert names(model) == names(fresh)
    assert blocker.args == [len(names(fresh)), 10]
    model.set_filter("")
    assert model.rowCount() == 10


def test_sort_by_company_descending_and_follow_up_with_empty_dates_last(demo_db) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    model.sort(1, Qt.SortOrder.DescendingOrder)
    companies = [model.index(row, 1).data() for row in range(model.rowCount())]
    assert companies == sorted(companies, key=str.casefold, reverse=True)
    model.sort(6, Qt.SortOrder.AscendingOrder)
    dates = [model.index(row, 6).data() for row in range(model.rowCount())]
    filled = [d for d in dates if d]
    assert filled == sorted(filled) and dates[len(filled):] == [""] * (len(dates) - len(filled))


def test_sort_keeps_persistent_indexes_on_their_prospect(demo_db) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(model.index(model.row_of(_id(demo_db, "Kjetil Øvrebø")), 0))
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert kept.data() == "Kjetil Øvrebø"


def test_overdue_follow_up_is_red_and_bold(demo_db) -> None:
    from datetime import date

    model = ProspectModel(demo_db, today=lambda: date(2030, 1, 1))
    model.reload()
    row = model.row_of(_id(demo_db, "Minna Väisänen"))
    index = model.index(row, 6)
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert index.data(Qt.ItemDataRole.FontRole).bold()


def test_added_edited_and_erased_prospects_update_single_rows(qtmodeltester, demo_db, qtbot) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    qtmodeltester.check(model)
    new_id = add_prospect(demo_db, "Björn Ängström", company="Ängström AB")
    with qtbot.waitSignal(model.rowsInserted):
        model.refresh_prospect(new_id)
    assert names(model) == sorted(names(model), key=str.casefold)
    assert "Björn Ängström" in names(model)
    log_interaction(demo_db, new_id, "call", outcome="no answer", follow_up="2027-01-15")
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_prospect(new_id)
    assert model.index(model.row_of(new_id), 6).data() == "2027-01-15"
    erase_prospect(demo_db, new_id)
    with qtbot.waitSignal(model.rowsRemoved):
        model.refresh_prospect(new_id)
    assert model.row_of(new_id) is None and model.total == 10


def test_an_added_prospect_hidden_by_the_filter_is_counted_but_not_shown(demo_db) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    model.set_filter("sjöström")
    new_id = add_prospect(demo_db, "Tuula Lehtinen", company="Lehtinen Oy")
    model.refresh_prospect(new_id)
    assert names(model) == ["Elin Sjöström"] and model.total == 11
    model.set_filter("")
    assert "Tuula Lehtinen" in names(model)


def test_the_rest_of_a_big_list_loads_in_the_background(qtbot, db, thread_pool, monkeypatch) -> None:
    monkeypatch.setattr(prospect_model, "FIRST_PAGE", 5)
    with db.atomic():
        for number in range(40):
            add_prospect(db, f"Henkilö {number:02d} Ärälä", company=f"Yritys {number % 7} Oy")
    model = ProspectModel(db, runner=JobRunner(thread_pool))
    with qtbot.waitSignal(model.loaded, timeout=10_000) as blocker:
        model.reload()
        assert model.rowCount() == 5 and not model.complete
    assert blocker.args == [40]
    assert model.rowCount() == 40 and model.complete
    assert names(model) == sorted(names(model), key=str.casefold)


def test_list_selects_several_rows_and_reports_their_ids(qtbot, demo_db) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    widget = ProspectList(model)
    qtbot.addWidget(widget)
    widget.select_row(1)
    widget.view.selectionModel().select(
        model.index(3, 0), widget.view.selectionModel().SelectionFlag.Select
        | widget.view.selectionModel().SelectionFlag.Rows)
    assert widget.selected_ids() == [model.prospect_id(1), model.prospect_id(3)]
    assert model.prospect_id(99) is None
    assert model.rowCount(model.index(0, 0)) == 0 and model.data(QModelIndex()) is None


def test_renamed_prospect_row_changes(demo_db, qtbot) -> None:
    model = ProspectModel(demo_db)
    model.reload()
    pid = _id(demo_db, "Priya Raman")
    update_prospect(demo_db, pid, title="Chief People Officer")
    model.refresh_prospect(pid)
    assert model.index(model.row_of(pid), 2).data() == "Chief People Officer"


def _id(db, name: str) -> int:
    return db.execute("SELECT id FROM prospects WHERE name = ?", [name]).fetchone()[0]


def test_a_long_scan_streams_its_matches_in_slices(qtmodeltester, qtbot, db, monkeypatch) -> None:
    monkeypatch.setattr(prospect_model, "SCAN_CHUNK", 7)
    with db.atomic():
        for number in range(60):
            add_prospect(db, f"{'Åsa' if number % 3 else 'Per'} Lindqvist {number:02d}", company="Sjö AB")
    model = ProspectModel(db)
    model.reload()
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.filtered) as blocker:
        model.set_filter("åsa")
        assert model.scanning and model.rowCount() < 40  # only the first slice so far
    assert blocker.args == [40, 60] and not model.scanning
    assert names(model) == sorted(names(model), key=str.casefold)
    with qtbot.waitSignal(model.filtered):
        model.set_filter("åsa lindqvist 1")
    assert names(model) == [f"Åsa Lindqvist {n}" for n in (10, 11, 13, 14, 16, 17, 19)]
    model.set_filter("per")
    model.refresh_prospect(model.prospect_id(0))  # changes wait for the complete result
    assert not model.scanning and model.rowCount() == 20


def test_the_list_keeps_the_prospect_on_show_while_a_filter_streams(qtbot, db, monkeypatch) -> None:
    monkeypatch.setattr(prospect_model, "SCAN_CHUNK", 5)
    with db.atomic():
        ids = [add_prospect(db, f"Kari Nordmann {number:02d}", company="Fjord AS") for number in range(30)]
    model = ProspectModel(db)
    model.reload()
    widget = ProspectList(model)
    qtbot.addWidget(widget)
    widget.select_id(ids[25])
    shown: list[object] = []
    widget.current_changed.connect(shown.append)
    with qtbot.waitSignal(model.filtered):
        widget.filter.setText("nordmann 2")
    assert widget.current_id() == ids[25] and shown == []
