"""The Opener tab: variants in the prospect's language, an editor with a live coach, saved versions,
discovery questions and objection answers."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QProgressBar, QPushButton,
    QSplitter, QTabWidget, QTextBrowser, QToolTip, QVBoxLayout, QWidget,
)

from researcher.core.coach import Coaching, CoachSentence, coach
from researcher.core.errors import UserError
from researcher.core.lexicon import LANGUAGES
from researcher.core.opener import STYLE_LABELS, Draft, draft, opener_versions, prospect_language, save_opener
from researcher.core.evidence import Evidence
from researcher.core.settings import get_setting
from researcher.ui.panel_context import PanelContext

LANGUAGE_NAMES = {"en": "English", "fi": "Suomi", "sv": "Svenska", "nb": "Norsk (bokmål)", "da": "Dansk"}
_SIGNATURE_SQL = """
    SELECT (SELECT count(*) || max(coalesce(updated_at, '')) FROM triggers WHERE prospect_id = :p),
           (SELECT count(*) || max(coalesce(updated_at, '')) FROM pain_decisions WHERE prospect_id = :p),
           (SELECT coalesce(max(updated_at), '') FROM offering),
           (SELECT count(*) || max(coalesce(updated_at, '')) FROM notes WHERE prospect_id = :p
                OR company_id = (SELECT company_id FROM prospects WHERE id = :p)),
           (SELECT count(*) || max(created_at) FROM interactions WHERE prospect_id = :p),
           (SELECT count(*) FROM latest_snapshots WHERE prospect_id = :p
                OR company_id = (SELECT company_id FROM prospects WHERE id = :p))
"""


def evidence_text(sentence: CoachSentence) -> str:
    """What a sentence rests on, as rich text for a tooltip or the detail line."""
    evidence = sentence.evidence
    if evidence is None:
        if sentence.states_fact:
            return "<b>No evidence:</b> this sentence states a fact about the prospect that nothing stored supports."
        return "No prospect fact in this sentence."
    where = html.escape(evidence.url or evidence.source or "stored note")
    return f"“{html.escape(evidence.quote)}”<br><small>{where} · {html.escape(evidence.date or 'undated')}</small>"


class _HoverFilter(QObject):
    """Shows the evidence of the sentence under the mouse in the editor."""

    def __init__(self, panel: OpenerPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            editor = self._panel.editor
            position = editor.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            sentence = self._panel.sentence_at(position)
            if sentence is not None:
                QToolTip.showText(event.globalPos(), evidence_text(sentence), editor)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return False


class OpenerPanel(QWidget):
    """Per-prospect opener tab. Signals: prospect_changed(id) after an opener was saved;
    coached(Coaching) after every coach update."""

    title = "Opener"
    prospect_changed = Signal(int)
    coached = Signal(object)

    def __init__(self, ctx: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = ctx.db
        self.prospect_id: int | None = None
        self.result: Draft | None = None
        self.coaching: Coaching | None = None
        self.language = "en"
        self.style = "trigger"
        self._evidence: list[tuple[str, Evidence]] = []
        self._signature: tuple[object, ...] | None = None
        self._build()
        self.language_combo.currentIndexChanged.connect(self.on_language_changed)
        self.variant_list.currentRowChanged.connect(self.on_variant_changed)
        self.editor.textChanged.connect(self.on_text_changed)
        self.editor.cursorPositionChanged.connect(self.on_cursor_moved)
        self.sentence_list.currentRowChanged.connect(self.on_sentence_selected)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.redraft_button.clicked.connect(self.redraft)
        self.version_combo.activated.connect(self.on_version_chosen)
        self.editor.viewport().installEventFilter(_HoverFilter(self))

    def _build(self) -> None:
        self.language_combo = QComboBox(objectName="openerLanguage")
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        self.redraft_button = QPushButton("Draft again")
        self.notice = QLabel(objectName="openerNotice", wordWrap=True, visible=False)
        self.variant_list = QListWidget(objectName="variantList")
        self.editor = QPlainTextEdit(objectName="openerEditor")
        self.time_bar = QProgressBar(objectName="timeBar", textVisible=True)
        self.time_label = QLabel(objectName="timeLabel")
        self.warning_list = QListWidget(objectName="warningList", wordWrap=True)
        self.sentence_list = QListWidget(objectName="sentenceList", wordWrap=True)
        self.evidence_label = QLabel(objectName="evidenceLabel", wordWrap=True, openExternalLinks=True,
                                     textFormat=Qt.TextFormat.RichText)
        self.save_button = QPushButton("Save opener")
        self.version_combo = QComboBox(objectName="versionCombo")
        self.saved_label = QLabel(objectName="mutedLabel")
        self.discovery = QTextBrowser(objectName="discoveryView")
        top = QHBoxLayout()
        top.addWidget(QLabel("Language"))
        top.addWidget(self.language_combo)
        top.addWidget(self.redraft_button)
        top.addStretch(1)
        top.addWidget(QLabel("Saved"))
        top.addWidget(self.version_combo)
        top.addWidget(self.save_button)
        self.variant_list.setFlow(QListWidget.Flow.LeftToRight)
        self.variant_list.setWrapping(False)
        self.variant_list.setFixedHeight(54)
        self.variant_list.setSpacing(2)
        bar_row = QHBoxLayout()
        bar_row.addWidget(self.time_bar, 1)
        bar_row.addWidget(self.time_label)
        coach_page = QWidget()
        coach_layout = QVBoxLayout(coach_page)
        coach_layout.addWidget(self.warning_list, 1)
        coach_layout.addWidget(QLabel("Evidence per sentence (click a sentence, or hover it in the editor)"))
        coach_layout.addWidget(self.sentence_list, 1)
        coach_layout.addWidget(self.evidence_label)
        self.lower_tabs = QTabWidget(objectName="openerLowerTabs", documentMode=True)
        self.lower_tabs.addTab(coach_page, "Coach")
        self.lower_tabs.addTab(self.discovery, "Discovery and objections")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(bar_row)
        lower_layout.addWidget(self.lower_tabs, 1)
        lower_layout.addWidget(self.saved_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
        splitter.addWidget(lower)
        splitter.setSizes([220, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.variant_list)
        layout.addWidget(splitter, 1)

    # --- loading --------------------------------------------------------------------------
    def show_prospect(self, prospect_id: int | None) -> None:
        """Draft openers for a prospect in their language (None clears the tab)."""
        self.prospect_id = prospect_id
        if prospect_id is None:
            self.result = None
            self.variant_list.clear()
            self.editor.clear()
            self.discovery.clear()
            return
        language = prospect_language(self._db, prospect_id)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(LANGUAGES.index(language))
        self.language_combo.blockSignals(False)
        self.language = language
        self.redraft()

    def _current_signature(self) -> tuple[object, ...] | None:
        if self.prospect_id is None:
            return None
        return tuple(next(iter(self._db.query(_SIGNATURE_SQL, {"p": self.prospect_id}))).values())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.prospect_id is not None and self._current_signature() != self._signature:
            self.redraft()

    def redraft(self) -> None:
        """Draft every variant again (after new evidence, or in another language)."""
        if self.prospect_id is None:
            return
        self.result = draft(self._db, self.prospect_id, language=self.language)
        self._signature = self._current_signature()
        self.notice.setText(self.result.notice or "")
        self.notice.setVisible(bool(self.result.notice))
        self.variant_list.blockSignals(True)
        self.variant_list.clear()
        for variant in self.result.variants:
            warned = f" · {len(variant.warnings)} warning(s)" if variant.warnings else ""
            item = QListWidgetItem(f"{STYLE_LABELS[variant.style]}\n{variant.seconds:.1f} s{warned}")
            item.setToolTip(variant.text)
            self.variant_list.addItem(item)
        self.variant_list.blockSignals(False)
        self._load_versions()
        self._show_discovery()
        self.variant_list.setCurrentRow(0)

    def _show_discovery(self) -> None:
        assert self.result is not None
        parts = ["<h3>Discovery questions</h3><ul>"]
        parts += [f"<li>{html.escape(q)}</li>" for q in self.result.questions]
        parts.append("</ul><h3>If they say…</h3>")
        parts += [f"<p><b>“{html.escape(o.objection)}”</b><br>{html.escape(o.answer)}</p>" for o in self.result.objections]
        self.discovery.setHtml("".join(parts))

    def _load_versions(self) -> None:
        assert self.prospect_id is not None
        self.versions = opener_versions(self._db, self.prospect_id)
        self.version_combo.clear()
        for version in self.versions:
            self.version_combo.addItem(f"v{version.version} · {version.saved_at[:16].replace('T', ' ')} · "
                                       f"{version.seconds:.1f} s", version.version)
        self.version_combo.setEnabled(bool(self.versions))
        latest = self.versions[0] if self.versions else None
        self.saved_label.setText(f"Saved opener: v{latest.version} ({latest.language})" if latest else "Not saved yet.")

    # --- coach ----------------------------------------------------------------------------
    def sentence_at(self, position: int) -> CoachSentence | None:
        """The coached sentence covering a character position of the editor."""
        if self.coaching is None:
            return None
        return next((s for s in self.coaching.sentences if s.start <= position <= s.end), None)

    def recoach(self) -> None:
        """Coach the editor's text now (cheap enough for every keystroke)."""
        budget = float(get_setting(self._db, "opener.budget_seconds", 20.0))
        pace = float(get_setting(self._db, "opener.pace", 1.0))
        self.coaching = coach(self.editor.toPlainText(), self.language, evidence=self._evidence, budget=budget, pace=pace)
        result = self.coaching
        self.time_bar.setRange(0, int(result.budget * 10))
        self.time_bar.setValue(min(int(result.seconds * 10), int(result.budget * 10)))
        over = result.seconds > result.budget
        self.time_bar.setFormat(f"{result.seconds:.1f} s of {result.budget:.0f} s")
        self.time_bar.setProperty("over", over)
        self.time_bar.style().unpolish(self.time_bar)
        self.time_bar.style().polish(self.time_bar)
        self.time_label.setText(f"{result.words} words" + (" — over time" if over else ""))
        self.warning_list.clear()
        for warning in result.warnings:
            item = QListWidgetItem(f"⚠ {warning.reason}" + (f"\n   Try: {warning.alternative}" if warning.alternative else ""))
            item.setData(Qt.ItemDataRole.UserRole, warning.code)
            item.setToolTip(warning.message)
            self.warning_list.addItem(item)
        if not result.warnings and result.words:
            self.warning_list.addItem(QListWidgetItem("✓ No warnings"))
        self.sentence_list.clear()
        for sentence in result.sentences:
            mark = "✓" if sentence.evidence is not None else "⚠" if sentence.states_fact else "·"
            item = QListWidgetItem(f"{mark} {sentence.text}")
            item.setToolTip(evidence_text(sentence))
            self.sentence_list.addItem(item)
        self.coached.emit(result)

    def warning_codes(self) -> list[str]:
        """Codes of the warnings on show (for tests and the prep sheet)."""
        return [w.code for w in self.coaching.warnings] if self.coaching else []

    # --- slots ----------------------------------------------------------------------------
    def on_language_changed(self, index: int) -> None:
        self.language = LANGUAGES[index]
        self.redraft()

    def on_variant_changed(self, row: int) -> None:
        if self.result is None or not 0 <= row < len(self.result.variants):
            return
        variant = self.result.variants[row]
        self.style = variant.style
        self._evidence = variant.evidence
        self.editor.setPlainText(variant.text)

    def on_text_changed(self) -> None:
        self.recoach()

    def on_cursor_moved(self) -> None:
        sentence = self.sentence_at(self.editor.textCursor().position())
        self.evidence_label.setText(evidence_text(sentence) if sentence else "")

    def on_sentence_selected(self, row: int) -> None:
        if self.coaching is not None and 0 <= row < len(self.coaching.sentences):
            self.evidence_label.setText(evidence_text(self.coaching.sentences[row]))

    def on_version_chosen(self, index: int) -> None:
        if not 0 <= index < len(self.versions):
            return
        version = self.versions[index]
        self._evidence = [(item["sentence"], Evidence(item["quote"], item.get("url"), item.get("date"),
                                                      item.get("source", ""))) for item in version.evidence]
        if version.language != self.language:
            self.language_combo.blockSignals(True)
            self.language_combo.setCurrentIndex(LANGUAGES.index(version.language))
            self.language_combo.blockSignals(False)
            self.language = version.language
        self.style = version.style
        self.editor.setPlainText(version.text)

    def on_save_clicked(self) -> None:
        if self.prospect_id is None or self.coaching is None:
            return
        evidence = [(s.text, s.evidence) for s in self.coaching.sentences if s.evidence is not None]
        try:
            saved = save_opener(self._db, self.prospect_id, self.editor.toPlainText(), language=self.language,
                                style=self.style, evidence=evidence)
        except UserError as error:
            self.saved_label.setText(f"Not saved: {error}")
            return
        self._load_versions()
        self.saved_label.setText(f"Saved as version {saved.version}.")
        self.prospect_changed.emit(self.prospect_id)
