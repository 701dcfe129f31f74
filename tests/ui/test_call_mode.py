"""Call mode: the card, the opener timer, and logging outcomes with the keyboard."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from sqlite_utils import Database

from researcher.core.call_list import build_call_list
from researcher.core.interactions import list_interactions
from researcher.ui.call_mode import CallModeDialog

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # inside every Nordic and UK window


def _dialog(qtbot, db: Database, now: datetime = NOW) -> tuple[CallModeDialog, list[int]]:
    queue = [e.prospect_id for e in build_call_list(db, now=now).queue()]
    dialog = CallModeDialog(db, queue, queue[0], clock=lambda: now)
    asked: list[str] = []
    dialog.confirm = lambda question: asked.append(question) or False
    dialog.asked = asked  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, queue


def test_card_shows_what_the_call_needs(qtbot, demo_db: Database) -> None:
    dialog, queue = _dialog(qtbot, demo_db)
    b = dialog.briefing
    assert dialog.name.text().startswith(b.prospect.name) and f"(1/{len(queue)})" in dialog.name.text()
    assert b.prospect.company in dialog.role.text()
    assert "inside the calling window" in dialog.window_text.text()
    assert dialog.opener.text()
    assert "Since last time" in dialog.history.text()
    assert not dialog.blocked.isVisible()
    assert dialog.timer.text() == "0:00 / 0:20"


def test_one_key_logs_the_outcome_and_moves_on(qtbot, demo_db: Database) -> None:
    dialog, queue = _dialog(qtbot, demo_db)
    first = queue[0]
    before = len(list_interactions(demo_db, first))
    assert dialog.focusWidget() in (None, dialog)  # digits log outcomes right away
    dialog.next_step.setFocus()
    qtbot.keyClicks(dialog.next_step, "Send the customer story")
    qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)  # back to the card
    dialog.follow_up.setDate(QDate(2026, 12, 8))
    with qtbot.waitSignal(dialog.logged) as logged:
        qtbot.keyClick(dialog, Qt.Key.Key_4)
    assert logged.args[0] == first
    call = list_interactions(demo_db, first)[0]
    assert len(list_interactions(demo_db, first)) == before + 1
    assert (call.kind, call.outcome, call.next_step, call.follow_up) == (
        "call", "connected", "Send the customer story", "2026-12-08")
    assert dialog.prospect_id == queue[1]
    second = queue[1]
    with qtbot.waitSignal(dialog.logged):
        qtbot.keyClick(dialog, Qt.Key.Key_1)
    no_answer = list_interactions(demo_db, second)[0]
    assert (no_answer.outcome, no_answer.follow_up) == ("no_answer", "2026-12-03")
    assert dialog.asked == []


def test_digits_typed_in_the_next_step_stay_text(qtbot, demo_db: Database) -> None:
    dialog, queue = _dialog(qtbot, demo_db)
    dialog.next_step.setFocus()
    with qtbot.assertNotEmitted(dialog.logged):
        qtbot.keyClicks(dialog.next_step, "Ring 15. 12")
    assert dialog.next_step.text() == "Ring 15. 12" and dialog.prospect_id == queue[0]
    with qtbot.waitSignal(dialog.logged):
        qtbot.keyClick(dialog.next_step, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert list_interactions(demo_db, queue[0])[0].outcome == "meeting_booked"


def test_outside_the_window_it_warns_before_calling_or_logging(qtbot, demo_db: Database) -> None:
    evening = datetime(2026, 12, 1, 21, 30, tzinfo=UTC)
    dialog, queue = _dialog(qtbot, demo_db, now=evening)
    with qtbot.assertNotEmitted(dialog.logged):
        qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert len(dialog.asked) == 1 and "outside the calling window" in dialog.asked[0]
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert len(dialog.asked) == 2 and "Start the call anyway?" in dialog.asked[1]
    assert dialog.timer.text() == "0:00 / 0:20"
    dialog.confirm = lambda question: True
    with qtbot.waitSignal(dialog.logged):
        qtbot.keyClick(dialog, Qt.Key.Key_2)


def test_blocked_prospect_is_marked_and_needs_confirmation(qtbot, demo_db: Database) -> None:
    ingrid = next(demo_db.query("SELECT id FROM prospects WHERE name = 'Ingrid Sæther'"))["id"]
    dialog = CallModeDialog(demo_db, [ingrid], ingrid, clock=lambda: NOW)
    asked: list[str] = []
    dialog.confirm = lambda question: asked.append(question) or False
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.blocked.isVisible() and "BLOCKED" in dialog.blocked.text()
    qtbot.keyClick(dialog, Qt.Key.Key_4)
    assert asked and "blocked — do not call" in asked[0]
    assert all(i.kind != "call" or i.occurred_at[:10] != "2026-12-01" for i in list_interactions(demo_db, ingrid))


def test_skip_back_and_the_end_of_the_queue(qtbot, demo_db: Database) -> None:
    dialog, queue = _dialog(qtbot, demo_db)
    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert dialog.prospect_id == queue[1]
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert dialog.prospect_id == queue[0]
    with qtbot.waitSignal(dialog.finished_queue):
        for _ in queue:
            qtbot.keyClick(dialog, Qt.Key.Key_S)
    assert dialog.name.text() == "All calls done"


def test_f9_in_the_window_opens_call_mode_on_the_current_prospect(qtbot, make_window, demo_db: Database) -> None:
    window = make_window(demo_db)
    jari = next(demo_db.query("SELECT id FROM prospects WHERE name = 'Jari Kärkkäinen'"))["id"]
    window.prospect_list.select_id(jari)
    window.activateWindow()
    window.calling.call_mode_action.trigger()
    dialog = window.calling.call_mode
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.prospect_id == jari
    assert window.calling.call_mode_action.shortcut().toString() == "F9"
    dialog.confirm = lambda question: True
    with qtbot.waitSignal(dialog.logged):
        qtbot.keyClick(dialog, Qt.Key.Key_6)
    assert list_interactions(demo_db, jari)[0].outcome == "call_back_later"
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_the_log_form_warns_about_calls_outside_the_window(qtbot, db: Database) -> None:
    from researcher.core.calling_window import set_office_hours
    from researcher.core.prospects import add_prospect, get_prospect
    from researcher.ui.interaction_dialog import InteractionDialog

    set_office_hours(db, "00:00", "00:01", ["mon"])  # the window is closed at any time of the test run
    pid = add_prospect(db, "Åse Bø", company="Bø Demo AS", country="NO", phones=["+47 400 11 222"])
    dialog = InteractionDialog(db, get_prospect(db, pid))
    qtbot.addWidget(dialog)
    dialog.show()
    warning = dialog.findChild(QLabel, "callWarning")
    dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
    assert warning.isVisible() and "outside the calling window" in warning.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("email"))
    assert not warning.isVisible()
