"""Person and company forms save themselves (debounced, one transaction) and undo the last edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from researcher.core.prospects import add_prospect, get_company, get_prospect
from researcher.ui.autosave import AutosaveForm
from researcher.ui.company_form import CompanyForm
from researcher.ui.details_tab import DetailsTab
from researcher.ui.panel_context import PanelContext
from researcher.ui.prospect_form import ProspectForm


@pytest.fixture(autouse=True)
def quick_autosave(monkeypatch) -> None:
    monkeypatch.setattr(AutosaveForm, "AUTOSAVE_MS", 30)


@pytest.fixture
def person(db):
    return add_prospect(db, "Sigrid Løvås", company="Fjordkraft Nord AS", title="Innkjøpssjef",
                        country="NO", email="sigrid@fjordkraftnord.no")


@pytest.fixture
def form(qtbot, db, person):
    widget = ProspectForm(db)
    qtbot.addWidget(widget)
    widget.show()
    widget.load(person)
    return widget


def type_into(qtbot, editor, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_typing_saves_after_a_pause(qtbot, db, form, person) -> None:
    with qtbot.waitSignal(form.saved) as blocker:
        type_into(qtbot, form.editor("title"), "Økonomisjef")
    assert blocker.args == [{"title": "Økonomisjef"}]
    assert get_prospect(db, person).title == "Økonomisjef"


def test_several_fields_are_written_in_one_save(qtbot, db, form, person) -> None:
    saves: list[dict] = []
    form.saved.connect(saves.append)
    form.editor("city").setText("Tromsø")
    form.editor("phones").setText("+47 912 34 567; +47 22 33 44 55")
    with qtbot.waitSignal(form.saved):
        pass
    assert saves == [{"city": "Tromsø", "phones": "+47 912 34 567, +47 22 33 44 55"}]
    assert get_prospect(db, person).phones == ("+47 912 34 567", "+47 22 33 44 55")


def test_choice_fields_save_at_once(qtbot, db, form, person) -> None:
    stage = form.editor("stage")
    with qtbot.waitSignal(form.saved):
        stage.setCurrentIndex(stage.findData("interested"))
    language = form.editor("language")
    with qtbot.waitSignal(form.saved):
        language.setCurrentIndex(language.findData("nb"))
    prospect = get_prospect(db, person)
    assert (prospect.stage, prospect.language) == ("interested", "nb")


def test_a_refused_value_is_shown_inline_kept_in_the_field_and_not_stored(qtbot, db, form, person) -> None:
    with qtbot.waitSignal(form.failed) as blocker:
        type_into(qtbot, form.editor("country"), "Norge")
    assert "two-letter code" in blocker.args[0]
    assert form.error_label.isVisibleTo(form) and "two-letter code" in form.error_label.text()
    assert form.editor("country").text() == "Norge"
    assert form.editor("country").property("invalid") is True
    assert get_prospect(db, person).country == "NO"
    with qtbot.waitSignal(form.saved):
        type_into(qtbot, form.editor("country"), "se")
    assert get_prospect(db, person).country == "SE"
    assert not form.error_label.isVisibleTo(form)
    assert form.editor("country").property("invalid") is False


def test_a_bad_email_next_to_a_good_title_saves_only_the_title(qtbot, db, form, person) -> None:
    form.editor("email").setText("sigrid at fjordkraft")
    form.editor("title").setText("Driftssjef")
    with qtbot.waitSignal(form.failed):
        pass
    prospect = get_prospect(db, person)
    assert (prospect.title, prospect.email) == ("Driftssjef", "sigrid@fjordkraftnord.no")


def test_ctrl_z_in_the_form_undoes_the_last_saved_edit(qtbot, db, form, person) -> None:
    with qtbot.waitSignal(form.saved):
        type_into(qtbot, form.editor("title"), "Daglig leder")
    assert get_prospect(db, person).title == "Daglig leder"
    with qtbot.waitSignal(form.saved) as blocker:
        qtbot.keyClick(form.editor("title"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [{"title": "Innkjøpssjef"}]
    assert get_prospect(db, person).title == "Innkjøpssjef"
    assert form.editor("title").text() == "Innkjøpssjef"
    assert not form.can_undo


def test_undo_saves_a_pending_edit_first_then_reverts_it(qtbot, db, form, person) -> None:
    form.editor("name").setText("Sigrid Løvås-Berg")
    assert form.undo()
    assert get_prospect(db, person).name == "Sigrid Løvås"
    assert form.editor("name").text() == "Sigrid Løvås"


def test_typing_a_new_company_moves_the_person_there(qtbot, db, person) -> None:
    tab = DetailsTab(PanelContext(db, None))  # the details tab needs no background jobs
    qtbot.addWidget(tab)
    tab.show()
    tab.show_prospect(person)
    with qtbot.waitSignal(tab.prospect_changed):
        type_into(qtbot, tab.person.editor("company"), "Havbris Sjømat AS")
        tab.person.flush()
    moved = get_prospect(db, person)
    assert moved.company == "Havbris Sjømat AS"
    assert tab.company.editor("name").text() == "Havbris Sjømat AS"
    assert tab.undo()
    assert get_prospect(db, person).company == "Fjordkraft Nord AS"


def test_company_form_saves_and_undoes(qtbot, db, person) -> None:
    company_id = get_prospect(db, person).company_id
    form = CompanyForm(db)
    qtbot.addWidget(form)
    form.show()
    form.load(company_id)
    with qtbot.waitSignal(form.saved):
        type_into(qtbot, form.editor("website"), "fjordkraftnord.no")
    assert get_company(db, company_id).website == "https://fjordkraftnord.no"
    form.editor("industry").setText("energi")
    form.flush()
    assert get_company(db, company_id).industry == "energi"
    form.undo()
    assert get_company(db, company_id).industry == ""
    form.undo()
    assert get_company(db, company_id).website == ""


def test_switching_records_saves_pending_edits_to_the_right_one(qtbot, db, form, person) -> None:
    other = add_prospect(db, "Ørjan Haugland", company="Fjordkraft Nord AS")
    form.editor("title").setText("Salgssjef")
    form.load(other)
    assert get_prospect(db, person).title == "Salgssjef"
    assert get_prospect(db, other).title == ""
    assert form.editor("name").text() == "Ørjan Haugland"


def test_an_empty_form_is_disabled(qtbot, db) -> None:
    form = ProspectForm(db)
    qtbot.addWidget(form)
    form.load(None)
    assert not form.isEnabled()
    assert form.flush()
