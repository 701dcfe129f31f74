"""The briefing gathers every area's data for one call and degrades when an area has nothing."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import pytest

from researcher.core import calling_window
from researcher.core.briefing import build_briefing
from researcher.core.errors import NotFound
from researcher.core.interactions import log_interaction
from researcher.core.notes import add_note
from researcher.core.prep_sheet import build_prep_sheet
from researcher.core.prospects import add_prospect, resolve_prospect

# Tuesday 1 December 2026, 08:30 UTC: 10:30 in Helsinki, 09:30 in Oslo.
NOW = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def test_bare_prospect_gives_empty_sections(db):
    prospect_id = add_prospect(db, "Åse Ødegård")
    briefing = build_briefing(db, prospect_id, now=NOW)
    assert briefing.prospect.name == "Åse Ødegård"
    assert briefing.company is None
    assert briefing.prepared_at == "2026-12-01T08:30:00+00:00"
    assert briefing.phones == ()
    # With nothing researched the composer still drafts, and says which research would help.
    assert briefing.opener is not None and briefing.opener.style == "no_evidence" and not briefing.opener.saved
    assert briefing.opener_notice
    assert (briefing.facts, briefing.triggers, briefing.pains, briefing.notes, briefing.interactions) == ((),) * 5
    assert briefing.next_step == ""
    assert briefing.sources == ()
    assert briefing.unavailable == ()


def test_demo_prospect_with_a_trigger_gets_an_evidence_backed_opener(demo_db):
    from researcher.core.opener import save_opener

    prospect = resolve_prospect(demo_db, "Ingrid Sæther")
    briefing = build_briefing(demo_db, prospect.id, now=NOW)
    assert briefing.triggers and briefing.triggers[0].type == "new_leader"
    assert briefing.pains and briefing.pains[0].evidence
    assert briefing.opener.language == "nb" and briefing.opener.style != "no_evidence"
    assert briefing.opener.evidence and 0 < briefing.opener.seconds <= 20
    assert briefing.questions and briefing.objections
    save_opener(demo_db, prospect.id, "Hei Ingrid, dette er Owen. Hvordan løser dere det i dag?", language="nb",
                style="trigger")
    saved = build_briefing(demo_db, prospect.id, now=NOW).opener
    assert saved.saved and saved.text.startswith("Hei Ingrid") and saved.saved_at


def test_unknown_prospect_is_refused(db):
    with pytest.raises(NotFound):
        build_briefing(db, 999, now=NOW)


def test_demo_prospect_has_history_notes_and_sources(demo_db):
    prospect = resolve_prospect(demo_db, "Minna Väisänen")
    briefing = build_briefing(demo_db, prospect.id, now=NOW)
    assert briefing.company is not None and briefing.company.name == "Routakivi Oy"
    assert briefing.interactions[0].kind == "linkedin"
    assert briefing.next_step == "Soita tiistaina"
    assert any("talousjohtajana" in note.body for note in briefing.notes)
    # The company's own notes come too.
    assert any("kivivillaeristeitä" in note.body for note in briefing.notes)
    kinds = {(source.kind, source.site) for source in briefing.sources}
    assert ("note", "LinkedIn-profiili") in kinds and ("note", "Kauppalehti") in kinds
    assert any(source.kind == "interaction" for source in briefing.sources)


def test_agreed_next_step_comes_from_the_latest_interaction_that_set_one(db):
    prospect_id = add_prospect(db, "Kjetil Øvrebø", company="Havbris Sjømat AS", country="NO")
    log_interaction(db, prospect_id, "call", occurred_at="2026-11-10T09:00", outcome="connected",
                    summary="Interessert i en demo.", next_step="Send tilbud før fredag", follow_up="2026-12-04")
    log_interaction(db, prospect_id, "email", occurred_at="2026-11-20T09:00", outcome="sent", summary="Tilbud sendt.")
    briefing = build_briefing(db, prospect_id, now=NOW)
    assert briefing.next_step == "Send tilbud før fredag"
    assert briefing.next_step_at.startswith("2026-11-10")
    assert briefing.follow_up == "2026-12-04"
    assert [i.kind for i in briefing.interactions] == ["email", "call"]


def test_local_time_and_calling_window(db):
    prospect_id = add_prospect(db, "Ingrid Sæther", company="Granlien Bygg AS", country="NO", city="Oslo",
                               phones=["+47 912 34 567"])
    briefing = build_briefing(db, prospect_id, now=NOW)
    assert briefing.calling is not None
    assert briefing.calling.timezone == "Europe/Oslo"
    assert briefing.calling.local_time.startswith("2026-12-01T09:30")
    assert briefing.calling.in_window
    assert briefing.calling.window is not None


def test_do_not_call_status_per_phone(db, tmp_path):
    from researcher.core.dnc import import_extract

    extract = tmp_path / "reservasjon.txt"
    extract.write_text("91234567\n", encoding="utf-8")
    import_extract(db, extract, registry="reservasjonsregisteret", country="NO", extract_date="2026-11-25")
    prospect_id = add_prospect(db, "Ingrid Sæther", company="Granlien Bygg AS", country="NO",
                               phones=["+47 912 34 567", "+47 22 33 44 55", "+46 70 123 45 67"])
    briefing = build_briefing(db, prospect_id, now=NOW)
    assert briefing.screened and briefing.blocked
    listed, free, foreign = briefing.phones
    assert listed.number == "+47 91 23 45 67" and listed.blocked is True
    assert "Reservasjonsregisteret" in listed.registry and listed.extract_date == "2026-11-25"
    assert free.blocked is False and not free.stale
    assert foreign.blocked is None  # no Swedish extract: not screened
    later = build_briefing(db, prospect_id, now=datetime(2027, 2, 1, 9, 0, tzinfo=UTC))
    assert later.phones[1].stale


def test_qualification_is_included(db):
    from researcher.core.qualification import qualify

    prospect_id = add_prospect(db, "Rasmus Bækgaard", company="Bøgely Revision A/S", country="DK")
    qualify(db, prospect_id, pays_off="yes", pays_off_note="Sparer 3 timer om ugen", able="partly")
    briefing = build_briefing(db, prospect_id, now=NOW)
    states = {item.key: (item.state, item.note) for item in briefing.qualification}
    assert states["pays_off"] == ("yes", "Sparer 3 timer om ugen")
    assert states["able"][0] == "partly"
    assert states["ready_now"][0] == "unknown"


def test_an_area_that_is_not_installed_leaves_its_section_empty(db, monkeypatch):
    prospect_id = add_prospect(db, "Elin Sjöström", company="Lönnberg & Ek Bygg AB", country="SE",
                               phones=["+46 31 704 22 10"])
    monkeypatch.setitem(sys.modules, "researcher.core.calling_window", None)
    monkeypatch.setitem(sys.modules, "researcher.core.dnc", None)
    briefing = build_briefing(db, prospect_id, now=NOW)
    assert briefing.calling is None
    assert not briefing.screened
    assert briefing.phones[0].number == "+46 31 704 22 10" and briefing.phones[0].blocked is None
    assert briefing.unavailable == ()


def test_an_area_that_fails_is_named_and_the_rest_still_comes(db, monkeypatch, caplog):
    prospect_id = add_prospect(db, "Mette Kjærgaard", company="Fjordlys Klinikker ApS", country="DK")
    add_note(db, "Åbner ny klinik i Aarhus.", prospect_id=prospect_id, source="Jyllands-Posten")

    def broken(*args, **kwargs):
        raise RuntimeError("tidszonedata mangler")

    monkeypatch.setattr(calling_window, "calling_time", broken)
    briefing = build_briefing(db, prospect_id, now=NOW)
    assert briefing.calling is None
    assert briefing.unavailable == ("calling_window: tidszonedata mangler",)
    assert briefing.notes[0].body == "Åbner ny klinik i Aarhus."
    assert "calling_window failed" in caplog.text
    sheet = build_prep_sheet(briefing, language="da")
    assert "Kunne ikke læses til arket: lokal tid" in sheet.notices


def test_the_rep_from_my_offering_signs_the_sheet(demo_db):
    prospect = resolve_prospect(demo_db, "Johan Åberg")
    briefing = build_briefing(demo_db, prospect.id, now=NOW)
    assert briefing.rep_name and briefing.rep_company
    sheet = build_prep_sheet(briefing, language="sv")
    assert sheet.author == f"{briefing.rep_name} ({briefing.rep_company})"
    assert sheet.prepared.startswith("Förberett ") and sheet.prepared.endswith(f" av {sheet.author}")


def test_records_of_an_unexpected_shape_cost_only_their_section(demo_db, monkeypatch):
    from researcher.core import facts

    monkeypatch.setattr(facts, "prospect_facts", lambda db, prospect_id: [("founded", "1988")])
    prospect = resolve_prospect(demo_db, "Ingrid Sæther")
    briefing = build_briefing(demo_db, prospect.id, now=NOW)
    assert briefing.facts == ()
    assert [problem.split(":")[0] for problem in briefing.unavailable] == ["facts"]
    assert briefing.triggers and briefing.opener is not None and briefing.calling is not None
