"""The prep-sheet preview dialog and the window's print and export actions, offscreen."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QPushButton

from researcher.core.prospects import list_prospects, resolve_prospect
from researcher.core.settings import get_setting
from researcher.ui.pdf_export import SheetExport
from researcher.ui.prep_preview import PrepPreviewDialog, PrintDialog
from researcher.ui.sheet_batch import BatchOptions, BatchRunner, ExportSheetsDialog


def texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_preview_shows_the_page_and_switches_paper(qtbot, demo_db):
    prospect = resolve_prospect(demo_db, "Ingrid Sæther")
    dialog = PrepPreviewDialog(demo_db, prospect.id)
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    a4 = dialog.page.pixmap().size()
    assert a4.height() / a4.width() == pytest.approx(297 / 210, rel=0.01)
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    letter = dialog.page.pixmap().size()
    assert letter.height() / letter.width() == pytest.approx(11 / 8.5, rel=0.01)
    assert get_setting(demo_db, "prep_sheet.paper") == "letter"
    assert dialog.fitted.sheet.name == "Ingrid Sæther"
    # The page is not blank: the name and text are drawn in dark ink.
    image = dialog.page.pixmap().toImage()
    dark = sum(1 for y in range(0, image.height(), 7) for x in range(0, image.width(), 7)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 50


def test_preview_exports_the_sheet(qtbot, demo_db, tmp_path, monkeypatch):
    prospect = resolve_prospect(demo_db, "Johan Åberg")
    target = tmp_path / "Johan Åberg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF (*.pdf)")))
    dialog = PrepPreviewDialog(demo_db, prospect.id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.export_button.click()
    (text,) = texts(tmp_path / "Johan Åberg.pdf")
    assert "Johan Åberg" in text and "Kvarnsjö Energi AB" in text


def test_preview_prints_on_the_chosen_printer(qtbot, demo_db, tmp_path, monkeypatch):
    prospect = resolve_prospect(demo_db, "Rasmus Bækgaard")
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(PrintDialog, "ask", classmethod(lambda cls, parent, paper: pdf_printer(out)))
    dialog = PrepPreviewDialog(demo_db, prospect.id)
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    (text,) = texts(out)
    assert "Rasmus Bækgaard" in text


def test_window_has_the_prep_sheet_actions(make_window, demo_db, tmp_path, monkeypatch, qtbot):
    window = make_window(demo_db)
    actions = window.prep_sheets
    assert actions.preview.isEnabled() and actions.print.isEnabled()
    assert actions.export in window.file_menu.actions()
    assert actions.preview in window.prospect_menu.actions()
    out = tmp_path / "print.pdf"
    monkeypatch.setattr(PrintDialog, "ask", classmethod(lambda cls, parent, paper: pdf_printer(out)))
    actions.print.trigger()
    (text,) = texts(out)
    assert resolve_prospect(demo_db, str(window.current_prospect_id)).name in text


def test_preview_action_opens_the_dialog(make_window, demo_db, qtbot, monkeypatch):
    window = make_window(demo_db)
    shown = []

    def close_when_shown():
        dialog = window.findChild(PrepPreviewDialog)
        shown.append(dialog.windowTitle())
        dialog.reject()

    monkeypatch.setattr(PrepPreviewDialog, "exec", lambda self: (close_when_shown(), 0)[1])
    window.prep_sheets.preview.trigger()
    assert shown and shown[0].startswith("Prep sheet: ")


def test_export_action_writes_the_selection_with_progress(make_window, demo_db, tmp_path, monkeypatch, qtbot):
    window = make_window(demo_db)
    window.prospect_list.view.selectAll()
    selected = window.prospect_list.selected_ids()
    target = tmp_path / "selection.pdf"
    monkeypatch.setattr(ExportSheetsDialog, "ask", classmethod(
        lambda cls, parent, selected, due, paper: BatchOptions("selection", False, "a4", target)))
    window.prep_sheets.export.trigger()
    runner = window.prep_sheets.runner
    with qtbot.waitSignal(runner.finished, timeout=60_000) as blocker:
        pass
    assert not blocker.args[0].cancelled
    pages = texts(target)
    assert len(pages) == len(selected) == len(list_prospects(demo_db))
    assert "Wrote" in window.statusBar().currentMessage()


def test_export_dialog_choices(qtbot):
    dialog = ExportSheetsDialog(None, selected=0, due=4, paper="letter")
    qtbot.addWidget(dialog)
    assert not dialog.selection.isEnabled() and dialog.call_list.isChecked()
    dialog.folder.setChecked(True)
    options = dialog.options(Path("/tmp/x"))
    assert options == BatchOptions("call_list", True, "letter", Path("/tmp/x"))


def test_batch_runner_cancel_keeps_the_gui_turning_and_writes_nothing(qtbot, demo_db, tmp_path):
    ids = [p.id for p in list_prospects(demo_db)] * 3
    target = tmp_path / "batch.pdf"
    runner = BatchRunner(SheetExport(demo_db, ids, target))
    ticks = []
    heartbeat = QTimer(interval=1)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    runner.progressed.connect(lambda done, total: runner.cancel() if done == 5 else None)
    with qtbot.waitSignal(runner.finished, timeout=60_000) as blocker:
        runner.start()
    heartbeat.stop()
    result = blocker.args[0]
    assert result.cancelled and result.sheets == 5 and result.files == []
    assert not target.exists()
    # The event loop ran between sheets: the heartbeat ticked while the batch was going.
    assert len(ticks) >= 4


def test_batch_runner_reports_a_failure(qtbot, demo_db, tmp_path):
    target = tmp_path / "gone" / "batch.pdf"
    (tmp_path / "gone").mkdir()
    export = SheetExport(demo_db, [1, 2], target)
    (tmp_path / "gone").rmdir()
    runner = BatchRunner(export)
    with qtbot.waitSignal(runner.failed, timeout=30_000) as blocker:
        runner.start()
    assert "Cannot write" in blocker.args[0]


@pytest.mark.parametrize(("paper", "height"), [(QPageSize.PageSizeId.Letter, 792), (QPageSize.PageSizeId.A4, 842)])
def test_printing_fits_the_paper_chosen_in_the_print_dialog(qtbot, demo_db, tmp_path, monkeypatch, paper, height):
    out = tmp_path / "printed.pdf"

    def choose(cls, parent, preferred):
        printer = pdf_printer(out)
        printer.setPageSize(QPageSize(paper))
        return printer

    monkeypatch.setattr(PrintDialog, "ask", classmethod(choose))
    dialog = PrepPreviewDialog(demo_db, resolve_prospect(demo_db, "Mette Kjærgaard").id)
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.height)) == height
    assert "Mette Kjærgaard" in texts(out)[0]


def test_preview_switches_the_sheet_language_and_keeps_the_opener(qtbot, demo_db):
    dialog = PrepPreviewDialog(demo_db, resolve_prospect(demo_db, "Elin Sjöström").id)
    qtbot.addWidget(dialog)
    opener = dialog.sheet.opener_text
    first, second = [code for code in ("fi", "da", "en") if code != dialog.sheet.language][:2]
    dialog.language.setCurrentIndex(dialog.language.findData(first))
    assert dialog.fitted.sheet.language == first
    assert dialog.fitted.sheet.opener_text == opener
    assert get_setting(demo_db, "interface_language") == first
    dialog.language.setCurrentIndex(dialog.language.findData(second))
    assert dialog.fitted.sheet.heading == {"fi": "Soiton valmistelu", "da": "Samtaleforberedelse",
                                           "en": "Call prep sheet"}[second]


def test_cancel_in_the_progress_dialog_stops_the_export(make_window, demo_db, tmp_path, monkeypatch, qtbot):
    window = make_window(demo_db)
    window.prospect_list.view.selectAll()
    target = tmp_path / "cancelled.pdf"
    monkeypatch.setattr(ExportSheetsDialog, "ask", classmethod(
        lambda cls, parent, selected, due, paper: BatchOptions("selection", False, "letter", target)))
    window.prep_sheets.export.trigger()
    runner = window.prep_sheets.runner
    cancel = runner.progress_dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    runner.progressed.connect(lambda done, total: cancel.click() if done == 2 else None)
    with qtbot.waitSignal(runner.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args[0].cancelled and blocker.args[0].sheets == 2
    assert not target.exists()
    assert "Export cancelled after 2 prep sheets" in window.statusBar().currentMessage()


def test_the_preview_page_follows_the_window_width(qtbot, demo_db):
    dialog = PrepPreviewDialog(demo_db, resolve_prospect(demo_db, "Priya Raman").id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(700, 800)
    qtbot.waitUntil(lambda: dialog.page.pixmap().width() / dialog.page.pixmap().devicePixelRatio() < 700)
    narrow = dialog.page.pixmap().width()
    dialog.resize(1300, 900)
    qtbot.waitUntil(lambda: dialog.page.pixmap().width() > narrow * 1.5)
