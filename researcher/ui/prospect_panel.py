"""The right-hand side of the window: who the prospect is (header) and one tab per aspect.

Adding a tab: write a QWidget class that takes ``(ctx: PanelContext)`` and has a ``title``
class attribute and a ``show_prospect(prospect_id: int | None)`` method, then append its
``"module:Class"`` path to TAB_CLASSES below. A tab may also declare a
``prospect_changed = Signal(int)`` signal, emitted after it changed stored data of the prospect;
the list and header refresh on it. Signals named in FORWARDED_SIGNALS (``failed(message)``,
``log_requested()``...) are passed on to the window. Tabs after the first are imported and built right
after the window's first paint (add_remaining_tabs), and every tab is refreshed only while
visible, so a slow tab slows down neither the start nor moving through the list.
"""

from __future__ import annotations

import html
import importlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from researcher.core.errors import NotFound
from researcher.core.models import Prospect
from researcher.core.prospects import get_prospect
from researcher.ui.blocked_banner import BlockedBanner
from researcher.ui.look import empty_hint, heading, muted, restyle_named, stage_badge
from researcher.ui.panel_context import PanelContext
from researcher.ui.prospect_form import stage_label

TAB_CLASSES: tuple[str, ...] = (
    "researcher.ui.details_tab:DetailsTab",
    "researcher.ui.timeline_panel:TimelinePanel",
    "researcher.ui.pages_panel:PagesPanel",
    "researcher.ui.evidence_panel:EvidencePanel",
    "researcher.ui.opener_panel:OpenerPanel",
    "researcher.ui.qualify_panel:QualifyPanel",
)


EAGER_TABS = 1  # built with the panel; the others right after the window's first paint
# A tab signal of one of these names is passed on as the panel's signal of the other name.
FORWARDED_SIGNALS = {
    "failed": "failed", "delete_company_requested": "delete_company_requested",
    "log_requested": "log_requested", "note_requested": "note_requested",
    "edit_note_requested": "edit_note_requested", "edit_interaction_requested": "edit_interaction_requested",
    "delete_requested": "delete_entry_requested",
}


def load_tab_class(path: str) -> type[QWidget]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _nowrap(text: str) -> str:
    return html.escape(text).replace(" ", "&nbsp;").replace("-", "&#8209;")


class ProspectHeader(QWidget):
    """Name, stage, title at company, and clickable phones, email and LinkedIn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = heading(QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse), 1.9)
        self.stage = QLabel()
        self.role = heading(QLabel(wordWrap=True), 1.2, bold=False)
        self.contacts = QLabel(openExternalLinks=True, wordWrap=True,
                               textInteractionFlags=Qt.TextInteractionFlag.TextBrowserInteraction)
        self.dates = muted(QLabel())
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addWidget(self.stage, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 8)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.role)
        layout.addWidget(self.contacts)
        layout.addWidget(self.dates)

    def show(self, prospect: Prospect) -> None:  # type: ignore[override]
        self.name.setText(prospect.name)
        self.stage.setText(stage_label(prospect.stage))
        stage_badge(self.stage, prospect.stage)
        place = ", ".join(part for part in (prospect.city, prospect.country) if part)
        self.role.setText("  ·  ".join(part for part in (prospect.title, prospect.company, place) if part))
        links = [f'<a href="tel:{html.escape("".join(phone.split()))}">{_nowrap(phone)}</a>'
                 for phone in prospect.phones]
        if prospect.email:
            links.append(f'<a href="mailto:{html.escape(prospect.email)}">{_nowrap(prospect.email)}</a>')
        if prospect.linkedin:
            links.append(f'<a href="{html.escape(prospect.linkedin)}">LinkedIn</a>')
        self.contacts.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(links) or "No phone, email or LinkedIn yet")
        dates = []
        if prospect.last_interaction_at:
            from researcher.ui.prospect_rows import short_datetime

            dates.append(f"Last contact {short_datetime(prospect.last_interaction_at)}")
        if prospect.next_follow_up:
            dates.append(f"Next follow-up {prospect.next_follow_up}")
        self.dates.setText("  ·  ".join(dates))
        self.dates.setVisible(bool(dates))


class ProspectPanel(QStackedWidget):
    """Signals: prospect_changed(id) after any tab saved; failed(message) for refused values;
    log_requested(), note_requested(), edit_note_requested(note_id), edit_interaction_requested(id),
    delete_entry_requested(kind, id), delete_company_requested(company_id)."""

    prospect_changed = Signal(int)
    failed = Signal(str)
    log_requested = Signal()
    note_requested = Signal()
    edit_note_requested = Signal(int)
    edit_interaction_requested = Signal(int)
    delete_entry_requested = Signal(str, int)
    delete_company_requested = Signal(int)

    def __init__(self, ctx: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = ctx.db
        self.prospect_id: int | None = None
        self._stale: set[int] = set()
        self.empty = empty_hint(QLabel("Select a prospect on the left, or press Ctrl+N to add one.",
                                       alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        self.header = ProspectHeader()
        self.banner = BlockedBanner(ctx.db)
        self.tabs = QTabWidget(objectName="prospectTabs", documentMode=True)
        self.tab_widgets: dict[str, QWidget] = {}
        self._ctx = ctx
        for path in TAB_CLASSES[:EAGER_TABS]:
            self._add_tab(path)
        self.tabs.currentChanged.connect(self.on_current_tab_changed)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.banner.clock)
        layout.addWidget(self.tabs, 1)
        self.addWidget(self.empty)
        self.addWidget(page)

    def _add_tab(self, path: str) -> None:
        tab = load_tab_class(path)(self._ctx)
        self.tab_widgets[path.rpartition(":")[2]] = tab
        self.tabs.addTab(tab, getattr(tab, "title", path))
        self._stale.add(self.tabs.indexOf(tab))
        if hasattr(tab, "prospect_changed"):
            tab.prospect_changed.connect(self.on_tab_changed_prospect)
        for tab_signal, panel_signal in FORWARDED_SIGNALS.items():
            if hasattr(tab, tab_signal):
                getattr(tab, tab_signal).connect(getattr(self, panel_signal))

    def add_remaining_tabs(self) -> None:
        """Build the tabs after the first ones (the window calls this once it has been painted)."""
        for path in TAB_CLASSES[EAGER_TABS:]:
            if path.rpartition(":")[2] not in self.tab_widgets:
                self._add_tab(path)
        restyle_named(self)

    @property
    def details(self) -> QWidget:
        return self.tab_widgets["DetailsTab"]

    @property
    def timeline(self) -> QWidget:
        return self.tab_widgets["TimelinePanel"]

    def show_prospect(self, prospect_id: int | None) -> None:
        """Show one prospect (None shows the empty hint); only the visible tab is refreshed now."""
        self.flush()
        if prospect_id is not None:
            try:
                prospect = get_prospect(self._db, prospect_id)
            except NotFound:
                prospect_id = None
            else:
                self.header.show(prospect)
        self.banner.show_prospect(prospect_id)
        self.prospect_id = prospect_id
        self.setCurrentIndex(0 if prospect_id is None else 1)
        self._stale = set(range(self.tabs.count()))
        self._refresh_tab(self.tabs.currentIndex())

    def refresh(self) -> None:
        """Re-read the current prospect into the header and tabs (after a change elsewhere)."""
        self.show_prospect(self.prospect_id)

    def refresh_header(self) -> None:
        if self.prospect_id is not None:
            self.header.show(get_prospect(self._db, self.prospect_id))
            self.banner.show_prospect(self.prospect_id)

    def _refresh_tab(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            self.tabs.widget(index).show_prospect(self.prospect_id)  # type: ignore[attr-defined]

    def flush(self) -> None:
        """Save pending edits of the forms now."""
        self.details.flush()  # type: ignore[attr-defined]

    def undo(self) -> bool:
        return bool(self.details.undo())  # type: ignore[attr-defined]

    def on_current_tab_changed(self, index: int) -> None:
        self._refresh_tab(index)

    def on_tab_changed_prospect(self, prospect_id: int) -> None:
        if prospect_id == self.prospect_id:
            self.refresh_header()
        self.prospect_changed.emit(prospect_id)
