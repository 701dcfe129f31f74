"""The Evidence tab (confirm, dismiss, add triggers; accept, reject, edit pains) and the offering dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from researcher.core.offering import get_offering
from researcher.core.prospects import list_prospects
from researcher.core.resources import resource_path
from researcher.ui.evidence_panel import EvidencePanel, ManualTriggerDialog, PainEditDialog
from researcher.ui.offering_dialog import OfferingDialog
from researcher.ui.panel_context import PanelContext


def make_panel(qtbot, db, inline_runner) -> EvidencePanel:
    panel = EvidencePanel(PanelContext(db, inline_runner))
    qtbot.addWidget(panel)
    panel.show()
    return panel


def ingrid(db) -> int:
    return next(p.id for p in list_prospects(db) if p.name == "Ingrid Sæther")


def test_confirm_dismiss_and_add_trigger(qtbot, demo_db, inline_runner, monkeypatch) -> None:
    panel = make_panel(qtbot, demo_db, inline_runner)
    panel.show_prospect(ingrid(demo_db))
    tree = panel.trigger_tree
    assert tree.topLevelItemCount() >= 1 and tree.topLevelItem(0).text(1) == "Suggested"
    tree.setCurrentItem(tree.topLevelItem(0))
    assert "Ingrid Sæther" in panel.detail.toPlainText()
    with qtbot.waitSignal(panel.prospect_changed):
        qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    assert panel.trigger_tree.topLevelItem(0).text(1) == "Confirmed"
    panel.trigger_tree.setCurrentItem(panel.trigger_tree.topLevelItem(0))
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    statuses = [panel.trigger_tree.topLevelItem(i).text(1) for i in range(panel.trigger_tree.topLevelItemCount())]
    assert "Dismissed" in statuses
    monkeypatch.setattr(ManualTriggerDialog, "ask", classmethod(
        lambda cls, parent: ("expansion", "Granlien bygger nytt kontor på Gjøvik.", "", "2026-11-30")))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    statuses = [panel.trigger_tree.topLevelItem(i).text(1) for i in range(panel.trigger_tree.topLevelItemCount())]
    assert "Added by hand" in statuses
    monkeypatch.setattr(ManualTriggerDialog, "ask", classmethod(lambda cls, parent: ("hiring", "  ", "", "")))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert "Not added" in panel.message.text()


def test_accept_reject_and_edit_pain(qtbot, demo_db, inline_runner, monkeypatch) -> None:
    panel = make_panel(qtbot, demo_db, inline_runner)
    panel.show_prospect(ingrid(demo_db))
    tree = panel.pain_tree
    tree.setCurrentItem(tree.topLevelItem(0))
    top = tree.topLevelItem(0).text(0)
    assert "“" in panel.detail.toHtml() or panel.detail.toPlainText()
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    last = panel.pain_tree.topLevelItem(panel.pain_tree.topLevelItemCount() - 1)
    assert last.text(0) == top and last.text(1) == "Rejected"
    panel.pain_tree.setCurrentItem(panel.pain_tree.topLevelItem(1))
    monkeypatch.setattr(PainEditDialog, "ask", classmethod(
        lambda cls, parent, hypothesis: ("Prosjektmarginer kommer for sent", "Hun sa det i møtet.")))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    first = panel.pain_tree.topLevelItem(0)
    assert first.text(0) == "Prosjektmarginer kommer for sent" and first.text(1) == "Accepted"


def test_window_has_the_tabs_and_the_offering_action(make_window, demo_db, monkeypatch) -> None:
    window = make_window(demo_db, is_demo=True)
    titles = [window.panel.tabs.tabText(i) for i in range(window.panel.tabs.count())]
    assert "Evidence" in titles and "Opener" in titles
    assert window.offering_action in window.tools_menu.actions()
    monkeypatch.setattr(OfferingDialog, "ask", classmethod(lambda cls, parent, db: True))
    window.offering_action.trigger()
    window.panel.tabs.setCurrentIndex(titles.index("Opener"))
    opener = window.panel.tab_widgets["OpenerPanel"]
    assert opener.prospect_id == window.current_prospect_id and opener.editor.toPlainText()
