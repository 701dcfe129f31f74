"""The Opener tab: switch variant, edit with the live coach (timer and warnings), evidence, save versions."""

from __future__ import annotations

from PySide6.QtCore import Qt

from researcher.core.opener import opener_versions
from researcher.core.prospects import list_prospects
from researcher.ui.opener_panel import OpenerPanel
from researcher.ui.panel_context import PanelContext


def make_panel(qtbot, db, inline_runner) -> OpenerPanel:
    panel = OpenerPanel(PanelContext(db, inline_runner))
    qtbot.addWidget(panel)
    panel.show()
    return panel


def prospect_id(db, name: str) -> int:
    return next(p.id for p in list_prospects(db) if p.name == name)


def test_switch_variant_edit_and_save(qtbot, demo_db, inline_runner) -> None:
    panel = make_panel(qtbot, demo_db, inline_runner)
    panel.show_prospect(prospect_id(demo_db, "Jari Kärkkäinen"))
    assert panel.language_combo.currentData() == "fi"
    assert panel.variant_list.count() == 4 and panel.warning_codes() == []
    first = panel.editor.toPlainText()
    assert first.startswith("Hei Jari, Anni Koskela Kaarnatiedosta.")
    assert "of 20 s" in panel.time_bar.format() and panel.time_bar.value() <= panel.time_bar.maximum()
    panel.variant_list.setCurrentRow(2)
    follow = panel.editor.toPlainText()
    assert follow != first and "marraskuussa" in follow

    with qtbot.waitSignal(panel.coached, check_params_cb=lambda result: "how_are_you" in result.codes) as blocker:
        panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
        qtbot.keyClicks(panel.editor, " Miten menee?")  # QTest types ASCII keys only
    assert "how_are_you" in blocker.args[0].codes and "how_are_you" in panel.warning_codes()
    assert any("Siirry suoraan asiaan" in panel.warning_list.item(i).text() for i in range(panel.warning_list.count()))
    before = panel.coaching.seconds
    panel.editor.insertPlainText(" Meillä on Suomen johtava ratkaisu ja maailmanluokan tiimi, joka auttaa.")
    assert panel.coaching.seconds > before
    assert {"boilerplate", "over_time"} <= set(panel.warning_codes())
    assert "over time" in panel.time_label.text()

    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    versions = opener_versions(demo_db, panel.prospect_id)
    assert len(versions) == 1 and versions[0].text == panel.editor.toPlainText() and versions[0].language == "fi"
    assert panel.version_combo.count() == 1
    panel.variant_list.setCurrentRow(0)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert [v.version for v in opener_versions(demo_db, panel.prospect_id)] == [2, 1]
    panel.version_combo.setCurrentIndex(1)
    panel.version_combo.activated.emit(1)
    assert "Miten menee?" in panel.editor.toPlainText()


def test_language_switch_and_evidence_per_sentence(qtbot, demo_db, inline_runner) -> None:
    panel = make_panel(qtbot, demo_db, inline_runner)
    panel.show_prospect(prospect_id(demo_db, "Ingrid Sæther"))
    assert "Jeg ringer fordi jeg så at du har tatt over som daglig leder." in panel.editor.toPlainText()
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("en"))
    assert "I'm calling because I saw that you've started as managing director." in panel.editor.toPlainText()
    assert panel.warning_codes() == []
    panel.sentence_list.setCurrentRow(1)
    assert "Ingrid Sæther har tatt over som daglig leder" in panel.evidence_label.text()
    assert panel.sentence_list.item(1).text().startswith("✓")
    panel.editor.setPlainText(panel.editor.toPlainText() + " I also read that you opened an office in Oslo.")
    assert "unevidenced" in panel.warning_codes()
    assert any(panel.sentence_list.item(i).text().startswith("⚠") for i in range(panel.sentence_list.count()))


def test_prospect_without_research_gets_a_plain_notice(qtbot, db, inline_runner) -> None:
    from researcher.core.prospects import add_prospect

    new_id = add_prospect(db, "Elin Sjöström", company="Lönnberg & Ek Bygg AB", title="VD", language="sv")
    panel = make_panel(qtbot, db, inline_runner)
    panel.show_prospect(new_id)
    assert panel.notice.isVisible() and "No researched fact was found for Elin" in panel.notice.text()
    assert "no_fact" in panel.warning_codes()
    assert "Vad skulle behöva förändras" in panel.discovery.toPlainText()
    panel.show_prospect(None)
    assert panel.editor.toPlainText() == ""
