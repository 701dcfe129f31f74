"""Write prep sheets to PDF with QTextDocument and QPdfWriter: one page per prospect, fonts embedded."""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFile, QIODevice, QLocale, QMarginsF, QRectF
from PySide6.QtGui import (
    QFont, QFontDatabase, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter,
    QTextDocument,
)

from researcher import APP_NAME, __version__
from researcher.core.briefing import build_briefing
from researcher.core.errors import UserError
from researcher.core.pdf_info import count_pages, set_document_info
from researcher.core.prep_sheet import PrepSheet, build_prep_sheet
from researcher.core.prep_sheet_fit import MARGIN_MM, FittedSheet, PageBox, fit_sheet, page_box
from researcher.core.prep_sheet_html import FONT_FAMILY
from researcher.core.prep_sheet_text import sheet_labels
from researcher.core.prospects import get_prospect
from researcher.core.resources import resource_path

if TYPE_CHECKING:
    from researcher.core.store_reader import Reader

FONT_FILES = ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSansCondensed-Oblique.ttf")
LAYOUT_DPI = 96
RECENT_DOCUMENTS = 24
PDF_DPI = 300
LETTER_TERRITORIES = {QLocale.Country.UnitedStates, QLocale.Country.Canada}
PAPER_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
_application: QGuiApplication | None = None


def ensure_application() -> None:
    """Make sure a Qt application exists; command-line use gets an offscreen one."""
    global _application
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application = QGuiApplication([APP_NAME])


@cache
def register_fonts() -> str:
    """Load the bundled font (full Nordic glyphs) into Qt and return its family name."""
    for name in FONT_FILES:
        if QFontDatabase.addApplicationFont(str(resource_path(f"fonts/{name}"))) < 0:
            raise UserError(f"The bundled font {name} could not be loaded; reinstall Researcher.")
    return FONT_FAMILY


@cache
def _sheet_font() -> QFont:
    font = QFont(FONT_FAMILY, 8)
    # Ligature glyphs ("ﬁ") would make "routakivi.fi" unsearchable and odd when copied.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def default_paper(locale: QLocale | None = None) -> str:
    """Return "letter" for the US and Canada and "a4" everywhere else, from the system locale."""
    territory = (locale or QLocale.system()).territory()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


class SheetRenderer:
    """Lay out sheets on a fixed 96 dpi device, so a sheet fits the same way on every machine."""

    def __init__(self) -> None:
        ensure_application()
        register_fonts()
        self._device = QImage(1, 1, QImage.Format.Format_RGB32)
        dots_per_metre = round(LAYOUT_DPI / 0.0254)
        self._device.setDotsPerMeterX(dots_per_metre)
        self._device.setDotsPerMeterY(dots_per_metre)
        # The documents measured last are the ones painted next: keeping them saves a layout each.
        self._recent: OrderedDict[tuple[str, float], QTextDocument] = OrderedDict()

    def document(self, html: str, width: float) -> QTextDocument:
        """Return a laid-out document for ``html`` at ``width`` px (reusing a recent one)."""
        key = (html, round(width, 2))
        document = self._recent.get(key)
        if document is not None:
            self._recent.move_to_end(key)
            return document
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self._device)
        document.setDocumentMargin(0)
        document.setUseDesignMetrics(True)
        document.setDefaultFont(_sheet_font())
        document.setHtml(html)
        document.setTextWidth(width)
        self._recent[key] = document
        while len(self._recent) > RECENT_DOCUMENTS:
            self._recent.popitem(last=False)
        return document

    def measure(self, html: str, width: float) -> float:
        """Return the height in px of ``html`` laid out at ``width`` px."""
        return self.document(html, width).size().height()

    def fit(self, sheet: PrepSheet, page: PageBox) -> FittedSheet:
        """Return the sheet fitted to one page: its main part no taller than the space it is given."""
        shrink = 0.0
        for _ in range(5):
            fitted = fit_sheet(sheet, page, self.measure, shrink_by=shrink)
            if self.measure(fitted.main, page.width) <= fitted.main_height:
                return fitted
            shrink += 24.0
        raise UserError(f"The prep sheet for {sheet.name} does not fit on one page even when shortened.")

    def paint(self, painter: QPainter, fitted: FittedSheet, page: PageBox, scale: float) -> None:
        """Paint one fitted sheet at the painter's origin (the printable area's top left)."""
        painter.save()
        painter.scale(scale, scale)
        self.document(fitted.main, page.width).drawContents(painter, QRectF(0, 0, page.width, fitted.main_height))
        painter.translate(0, page.height - fitted.footer_height)
        footer = self.document(fitted.footer, page.width)
        footer.drawContents(painter, QRectF(0, 0, page.width, fitted.footer_height + 1))
        painter.restore()


def page_layout(paper: str) -> QPageLayout:
    """Return the Qt page layout for "a4" or "letter" with the sheet's margins."""
    margin = MARGIN_MM
    return QPageLayout(QPageSize(PAPER_SIZES[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)


@dataclass
class ExportResult:
    """What an export wrote: the files, how many sheets, and whether it was cancelled."""

    files: list[Path] = field(default_factory=list)
    sheets: int = 0
    cancelled: bool = False


class PdfSheets:
    """One PDF file that receives prospect sheets one page at a time; written atomically on close."""

    def __init__(self, path: Path, renderer: SheetRenderer, paper: str, *, title: str, subject: str,
                 author: str) -> None:
        self.path = path
        self._temporary = path.with_name(f".{path.name}.part")
        self._renderer = renderer
        self._page = page_box(paper)
        self._info = {"Title": title, "Author": author, "Subject": subject,
                      "Keywords": "prep sheet, call preparation", "Creator": f"{APP_NAME} {__version__}",
                      "Producer": f"{APP_NAME} {__version__} (Qt)"}
        # Opening the file first gives a clear message instead of a failing QPainter.begin().
        self._file = QFile(str(self._temporary))
        if not self._file.open(QIODevice.OpenModeFlag.WriteOnly):
            raise UserError(f"Cannot write {path}: {self._file.errorString()}.")
        self._writer = QPdfWriter(self._file)
        self._writer.setPageLayout(page_layout(paper))
        self._writer.setResolution(PDF_DPI)
        self._writer.setTitle(title)
        self._writer.setAuthor(author)
        self._writer.setCreator(self._info["Creator"])
        self._painter = QPainter()
        self.pages = 0

    def add(self, fitted: FittedSheet) -> None:
        """Append one sheet as a new page."""
        if self.pages == 0:
            if not self._painter.begin(self._writer):
                raise UserError(f"Cannot write {self.path}: check that the folder is writable.")
        else:
            self._writer.newPage()
        self._renderer.paint(self._painter, fitted, self._page, PDF_DPI / LAYOUT_DPI)
        self.pages += 1

    def close(self) -> Path:
        """Finish the file, check it has one page per sheet, and move it into place."""
        self._painter.end()
        del self._writer
        self._file.close()
        data = self._temporary.read_bytes()
        if count_pages(data) != self.pages:
            self.discard()
            raise UserError(f"The PDF for {self.path.name} came out with the wrong number of pages.")
        set_document_info(self._temporary, self._info)
        os.replace(self._temporary, self.path)
        return self.path

    def discard(self) -> None:
        """Give up on the file, leaving any earlier file at the target untouched."""
        if self._painter.isActive():
            self._painter.end()
        self._file.close()
        self._temporary.unlink(missing_ok=True)


def sheet_file_name(position: int, sheet: PrepSheet) -> str:
    """Return a safe file name that sorts in call-list order, e.g. ``03 Åsa Berg (Fjordlys).pdf``."""
    stem = f"{position:02d} {sheet.name}" + (f" ({sheet.company})" if sheet.company else "")
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", stem).strip(" .")[:120] + ".pdf"


class SheetExport:
    """Export prep sheets for several prospects, one step per prospect, to one file or a folder."""

    def __init__(self, db: Reader, prospect_ids: Sequence[int], target: Path, *, folder: bool = False,
                 paper: str = "a4", language: str = "en", now: datetime | None = None,
                 renderer: SheetRenderer | None = None) -> None:
        if not prospect_ids:
            raise UserError("There are no prospects to export.")
        if paper not in PAPER_SIZES:
            raise UserError(f"Paper {paper!r} is not one of a4, letter.")
        self._db, self._ids, self._target, self._folder = db, list(prospect_ids), Path(target), folder
        self._paper, self._language = paper, language
        self._now = now or datetime.now(UTC)
        self._renderer = renderer or SheetRenderer()
        self.result = ExportResult()
        _check_target(self._target, folder)

    def __len__(self) -> int:
        return len(self._ids)

    def steps(self) -> Iterator[int]:
        """Render the sheets, yielding how many are done; close the generator to cancel.

        Each prospect takes two steps (gather, then lay out and draw), so a caller that runs one
        step per turn of the event loop keeps the window responsive; the count repeats in between.
        """
        combined: PdfSheets | None = None
        finished = False
        try:
            for position, prospect_id in enumerate(self._ids, start=1):
                sheet = build_prep_sheet(build_briefing(self._db, prospect_id, now=self._now), language=self._language)
                yield position - 1
                fitted = self._renderer.fit(sheet, page_box(self._paper))
                if self._folder:
                    single = self._open(self._target / sheet_file_name(position, sheet), sheet,
                                        sheet.document_title, sheet.document_subject)
                    try:
                        single.add(fitted)
                        self.result.files.append(single.close())
                    except BaseException:
                        single.discard()
                        raise
                else:
                    if combined is None:
                        title, subject = ((sheet.document_title, sheet.document_subject) if len(self._ids) == 1
                                          else self._batch_title())
                        combined = self._open(self._target, sheet, title, subject)
                    combined.add(fitted)
                self.result.sheets += 1
                yield position
            if combined is not None:
                self.result.files.append(combined.close())
            finished = True
        finally:
            if not finished:
                self.result.cancelled = True
                if combined is not None:
                    combined.discard()

    def run(self, progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> ExportResult:
        """Export everything; ``progress(done, total)`` after each sheet; stop when ``cancelled()``."""
        steps = self.start()
        reported = 0
        for done in steps:
            if done == reported:
                continue
            reported = done
            if progress is not None:
                progress(done, len(self._ids))
            if cancelled is not None and cancelled():
                steps.close()
                break
        return self.result

    def start(self) -> Iterator[int]:
        """Return a fresh step generator, for callers that drive it themselves (the GUI, one step per turn)."""
        self.result = ExportResult()
        return self.steps()

    def _batch_title(self) -> tuple[str, str]:
        labels = sheet_labels(self._language)
        names = ", ".join(get_prospect(self._db, pid).name for pid in self._ids[:3])
        more = f" {labels['more'].format(count=len(self._ids) - 3)}" if len(self._ids) > 3 else ""
        return f"{labels['title']}: {names}{more}", labels["batch_subject"].format(count=len(self._ids))

    def _open(self, path: Path, sheet: PrepSheet, title: str, subject: str) -> PdfSheets:
        return PdfSheets(path, self._renderer, self._paper, title=title, subject=subject, author=sheet.author)


def _check_target(target: Path, folder: bool) -> None:
    if folder:
        if target.exists() and not target.is_dir():
            raise UserError(f"{target} is a file; give a folder for one PDF per prospect.")
        target.mkdir(parents=True, exist_ok=True)
        return
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name ending in .pdf (or use --folder).")
    if target.suffix.lower() != ".pdf":
        raise UserError(f"{target.name} should end in .pdf.")
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist.")
    if not os.access(target.parent, os.W_OK):
        raise UserError(f"The folder {target.parent} is not writable.")
