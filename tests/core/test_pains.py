"""Pain hypotheses: ranked by trigger, role, industry and what was said; offering preferred; verdicts kept."""

from __future__ import annotations

import pytest
from evidence_samples import TODAY, add_snapshot, person

from researcher.core.errors import UserError
from researcher.core.interactions import log_interaction
from researcher.core.offering import seed_demo_offering
from researcher.core.pain_library import pains, recognise_industry
from researcher.core.pains import rank_pains, set_pain_decision


def test_library_is_complete_in_five_languages() -> None:
    for entry in pains():
        for texts in (entry.title, entry.insight, entry.mention, entry.question):
            assert set(texts) == {"en", "fi", "sv", "nb", "da"}, entry.key


@pytest.mark.parametrize(("text", "key"), [("Kuljetus ja logistiikka", "logistics"), ("SaaS", "saas"),
                                           ("Byggentreprenør", "construction"), ("Tandklinik", "healthcare"),
                                           ("Revision og rådgivning", "professional_services"), ("", None)])
def test_industry_recognition(text: str, key: str | None) -> None:
    assert recognise_industry(text) == key


def test_new_cfo_ranks_cost_pains_with_evidence(db) -> None:
    seed_demo_offering(db)
    prospect_id, company_id = person(db, "Minna Väisänen", "Routakivi Oy", title="Talousjohtaja", language="fi",
                                     industry="manufacturing")
    add_snapshot(db, "https://www.routakivi.fi/uutiset/nimitys", "Minna Väisänen on nimitetty Routakiven "
                 "talousjohtajaksi. Hän aloitti tehtävässä elokuussa.", company_id=company_id, language="fi",
                 published="2026-09-01")
    ranked = rank_pains(db, prospect_id, today=TODAY)
    assert ranked[0].key in ("cost_visibility", "slow_close")
    top = ranked[0]
    assert "trigger: new leader" in top.why.lower() and "role: cfo" in top.why.lower()
    quotes = [e for e in top.evidence if e.url == "https://www.routakivi.fi/uutiset/nimitys"]
    assert quotes and quotes[0].date == "2026-09-01"
    assert top.solved_by_offering


def test_what_the_prospect_said_is_evidence(db) -> None:
    prospect_id, _ = person(db, "Kjetil Øvrebø", "Havbris Sjømat AS", title="Driftssjef", language="nb",
                            industry="manufacturing")
    log_interaction(db, prospect_id, "meeting", occurred_at="2026-10-02T10:00:00+00:00", outcome="held",
                    summary="Kjetil nevnte at uplanlagte stans koster dem mest i høysesongen.")
    top = rank_pains(db, prospect_id, today=TODAY)[0]
    assert top.key == "unplanned_downtime"
    assert any("uplanlagte stans" in e.quote for e in top.evidence)
    assert ("seen_in_log", "") in top.reasons and top.why.startswith("Seen in your interaction log;")


def test_offering_is_preferred(db) -> None:
    prospect_id, _ = person(db, "Jari Kärkkäinen", "Kuljetus Lehtola Oy", title="Logistiikkajohtaja", language="fi",
                            industry="logistics")
    before = {h.key: h.score for h in rank_pains(db, prospect_id, today=TODAY)}
    seed_demo_offering(db)
    after = {h.key: h.score for h in rank_pains(db, prospect_id, today=TODAY)}
    assert after["sites_drift"] > before["sites_drift"]
    assert after["labour_shortage"] == before["labour_shortage"]


def test_accept_reject_and_edit_are_kept(db) -> None:
    prospect_id, _ = person(db, "Priya Raman", "Harcourt & Lyle Ltd", title="Head of People", industry="SaaS")
    ranked = rank_pains(db, prospect_id, today=TODAY)
    first, last = ranked[0].key, ranked[-1].key
    set_pain_decision(db, prospect_id, first, "rejected")
    set_pain_decision(db, prospect_id, last, "accepted", title="Onboarding of 14 engineers", why="She said so on the call.")
    again = rank_pains(db, prospect_id, today=TODAY)
    assert again[0].key == last and again[0].status == "accepted" and again[0].edited
    assert again[0].title == "Onboarding of 14 engineers" and again[0].why == "She said so on the call."
    assert again[-1].key == first and again[-1].status == "rejected"
    set_pain_decision(db, prospect_id, last, "suggested")
    kept = next(h for h in rank_pains(db, prospect_id, today=TODAY) if h.key == last)
    assert kept.status == "suggested" and kept.title == "Onboarding of 14 engineers"


def test_bad_decisions_are_refused(db) -> None:
    prospect_id, _ = person(db, "Priya Raman", "Harcourt & Lyle Ltd", title="Head of People")
    with pytest.raises(UserError, match="no pain"):
        set_pain_decision(db, prospect_id, "world_peace", "accepted")
    with pytest.raises(UserError, match="can be"):
        set_pain_decision(db, prospect_id, "onboarding_load", "maybe")
    assert db["pain_decisions"].count == 0


def test_every_reason_can_be_put_in_words_in_every_interface_language() -> None:
    from researcher.core.lexicon import type_rules
    from researcher.core.models import LANGUAGES
    from researcher.core.pain_reasons import describe
    from researcher.core.prep_sheet_text import sheet_labels
    from researcher.core.resources import read_toml

    industries = set(read_toml("pains.toml")["industries"])
    for language in LANGUAGES:
        labels = sheet_labels(language)
        assert set(labels["industries"]) == industries and set(type_rules()) <= set(labels["triggers_types"])
    reasons = (("trigger", "expansion"), ("seen", ""), ("seen_in_log", ""), ("industry", "public_sector"),
               ("offering", ""))
    assert describe(reasons, "da") == ("Udløser: ekspansion; nævnt i dine noter; nævnt i din kontaktlog; "
                                       "branche: offentlig sektor; dit tilbud løser det.")
    assert describe((), "fi") == ""
