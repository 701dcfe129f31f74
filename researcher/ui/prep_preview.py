"""Preview, print and export one prospect's prep sheet."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)
from sqlite_utils import Database

from researcher.core.briefing import build_briefing
from researcher.core.errors import UserError
from researcher.core.prep_sheet import PrepSheet, build_prep_sheet
from researcher.core.prep_sheet_fit import PAPER_MM, PAPER_SETTING, PX_PER_MM, FittedSheet, page_box
from researcher.core.models import LANGUAGES
from researcher.core.prep_sheet_text import INTERFACE_LANGUAGE_SETTING, interface_language, sheet_labels
from researcher.core.prospects import get_prospect
from researcher.core.settings import get_setting, set_setting
from researcher.ui.pdf_export import SheetExport, SheetRenderer, default_paper, page_layout, sheet_file_name
from researcher.ui.sheet_batch import PAPERS

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


PREVIEW_ZOOM = 1.25
MIN_ZOOM, MAX_ZOOM = 0.6, 2.5


def preferred_paper(db: Database) -> str:
    """The paper the rep chose last, else the one their locale uses."""
    stored = get_setting(db, PAPER_SETTING)
    return stored if stored in PAPER_MM else default_paper()


def render_page(renderer: SheetRenderer, fitted: FittedSheet, paper: str, zoom: float) -> QImage:
    """Return one sheet as an image of the whole page (margins included), ``zoom`` × 96 dpi."""
    width_mm, height_mm = PAPER_MM[paper]
    page = page_box(paper)
    image = QImage(round(width_mm * PX_PER_MM * zoom), round(height_mm * PX_PER_MM * zoom),
                   QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(page.margin * zoom, page.margin * zoom)
    renderer.paint(painter, fitted, page, zoom)
    painter.end()
    return image


class PrintDialog:
    """The system print dialog, behind a classmethod so tests can stand in for it."""

    @classmethod
    def ask(cls, parent: QWidget, paper: str) -> QPrinter | None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(paper))
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_sheet(printer: QPrinter, renderer: SheetRenderer, sheet: PrepSheet) -> None:
    """Print one sheet on ``printer``, fitted to the paper chosen in the print dialog."""
    letter = printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    paper = "letter" if letter else "a4"
    printer.setPageLayout(page_layout(paper))
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("The printer could not be started.")
    try:
        page = page_box(paper)
        renderer.paint(painter, renderer.fit(sheet, page), page, printer.resolution() / 96)
    finally:
        painter.end()


class PrepPreviewDialog(QDialog):
    """Shows one prospect's sheet as it will print; switch paper, print or export it."""

    def __init__(self, db: Database, prospect_id: int, parent: QWidget | None = None, *,
                 renderer: SheetRenderer | None = None, now: datetime | None = None) -> None:
        super().__init__(parent)
        self.db, self.prospect_id = db, prospect_id
        self.renderer = renderer or SheetRenderer()
        self.briefing = build_briefing(db, prospect_id, now=now or datetime.now(UTC))
        self.sheet = build_prep_sheet(self.briefing, language=interface_language(db))
        self.setWindowTitle(f"Prep sheet: {get_prospect(db, prospect_id).name}")
        self.setObjectName("prepPreview")
        self.paper = QComboBox(objectName="previewPaper")
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(self.paper.findData(preferred_paper(db)), 0))
        self.language = QComboBox(objectName="previewLanguage")
        self.language.setToolTip("The sheet's language: its labels and the pain library's wording; "
                                 "the opener stays in the prospect's language")
        for code in LANGUAGES:
            self.language.addItem(sheet_labels(code)["languages"][code].capitalize(), code)
        self.language.setCurrentIndex(max(self.language.findData(self.sheet.language), 0))
        self.page = QLabel(objectName="previewPage", alignment=Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.page)
        scroll.setStyleSheet("QScrollArea { background: #8a939c; }")
        self.print_button = QPushButton("Print…", objectName="previewPrint")
        self.export_button = QPushButton("Export PDF…", objectName="previewExport")
        self.export_button.setDefault(True)
        close = QPushButton("Close")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Paper"))
        bar.addWidget(self.paper)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Sheet language"))
        bar.addWidget(self.language)
        bar.addStretch(1)
        for button in (self.print_button, self.export_button, close):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.paper.currentIndexChanged.connect(self.on_paper_changed)
        self.language.currentIndexChanged.connect(self.on_language_changed)
        self.print_button.clicked.connect(self.on_print_clicked)
        self.export_button.clicked.connect(self.on_export_clicked)
        close.clicked.connect(self.reject)
        self._scroll = scroll
        self._zoom = PREVIEW_ZOOM
        self.fitted: FittedSheet | None = None
        scroll.viewport().installEventFilter(self)
        self.resize(round(216 * PX_PER_MM * PREVIEW_ZOOM) + 60, 900)
        self.fitted = self._show_page()

    @property
    def paper_key(self) -> str:
        return str(self.paper.currentData())

    def _show_page(self) -> FittedSheet:
        fitted = self.renderer.fit(self.sheet, page_box(self.paper_key))
        self._draw(fitted)
        return fitted

    def _draw(self, fitted: FittedSheet) -> None:
        ratio = self.devicePixelRatioF()
        image = render_page(self.renderer, fitted, self.paper_key, self._zoom * ratio)
        image.setDevicePixelRatio(ratio)
        self.page.setPixmap(QPixmap.fromImage(image))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The page follows the width of the area that shows it; small changes keep the drawn page.
        if watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            width = PAPER_MM[self.paper_key][0] * PX_PER_MM
            zoom = min(max((self._scroll.viewport().width() - 24) / width, MIN_ZOOM), MAX_ZOOM)
            if self.fitted is not None and abs(zoom - self._zoom) > self._zoom * 0.05:
                self._zoom = zoom
                self._draw(self.fitted)
        return super().eventFilter(watched, event)

    def on_paper_changed(self) -> None:
        set_setting(self.db, PAPER_SETTING, self.paper_key)
        self.fitted = self._show_page()

    def on_language_changed(self) -> None:
        code = str(self.language.currentData())
        set_setting(self.db, INTERFACE_LANGUAGE_SETTING, code)
        self.sheet = build_prep_sheet(self.briefing, language=code)
        self.fitted = self._show_page()

    def on_print_clicked(self) -> None:
        printer = PrintDialog.ask(self, self.paper_key)
        if printer is not None:
            print_sheet(printer, self.renderer, self.sheet)

    def on_export_clicked(self) -> None:
        suggested = sheet_file_name(1, self.sheet).removeprefix("01 ")
        chosen, _ = QFileDialog.getSaveFileName(self, "Export prep sheet", suggested, "PDF (*.pdf)")
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        result = SheetExport(self.db, [self.prospect_id], path, paper=self.paper_key, language=self.sheet.language,
                             renderer=self.renderer).run()
        self.exported = result
        self.accept()
