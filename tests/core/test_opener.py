"""Drafting openers: styles, evidence on every fact sentence, the demo fits 20 s, grammar, saved versions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from evidence_samples import TODAY, add_snapshot, person

from researcher.core.errors import UserError
from researcher.core.interactions import log_interaction
from researcher.core.lexicon import LANGUAGES
from researcher.core.offering import seed_demo_offering
from researcher.core.opener import draft, opener_versions, save_opener, saved_opener
from researcher.core.prospects import list_prospects
from researcher.core.settings import set_setting

FACT_SLOTS = ("reason",)


def fact_sentences_have_evidence(result) -> None:
    for variant in result.variants:
        coached = {s.text: s for s in variant.coaching.sentences}
        for sentence in variant.sentences:
            states_fact = sentence.slot in FACT_SLOTS and variant.style != "no_evidence"
            if states_fact or coached[sentence.text].states_fact:
                assert sentence.evidence is not None, (variant.style, sentence.text)
                assert sentence.evidence.quote and (sentence.evidence.url or sentence.evidence.date)


def test_every_demo_variant_fits_and_has_no_warning(demo_db) -> None:
    for prospect in list_prospects(demo_db):
        result = draft(demo_db, prospect.id, today=TODAY)
        assert result.variants, prospect.name
        for variant in result.variants:
            assert variant.seconds <= 20.0, (prospect.name, variant.style, variant.text)
            assert variant.warnings == [], (prospect.name, variant.style, [w.code for w in variant.warnings])
            assert variant.text.endswith("?")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fact_sentence_carries_evidence_in_every_language(demo_db, language: str) -> None:
    for prospect in list_prospects(demo_db):
        fact_sentences_have_evidence(draft(demo_db, prospect.id, language=language, today=TODAY))


def test_styles_follow_the_evidence(demo_db) -> None:
    by_name = {p.name: p.id for p in list_prospects(demo_db)}
    jari = draft(demo_db, by_name["Jari Kärkkäinen"], today=TODAY)
    assert [v.style for v in jari.variants] == ["trigger", "insight", "follow_up", "permission"]
    assert jari.language == "fi"
    follow = next(v for v in jari.variants if v.style == "follow_up")
    assert "marraskuussa" in follow.text and "työtavat eroavat" in follow.text



def test_conversation_alone_gives_follow_up_without_trigger(db) -> None:
    seed_demo_offering(db)
    prospect_id, _ = person(db, "Claire Donovan", "Pennine Haulage Ltd", title="Operations Director",
                            industry="logistics")
    log_interaction(db, prospect_id, "call", occurred_at="2026-11-21T11:00:00+00:00", outcome="meeting_booked",
                    summary="Claire agreed to a call about running the Leeds and Daventry depots on one process.")
    result = draft(db, prospect_id, today=TODAY)
    styles = [v.style for v in result.variants]
    assert "trigger" not in styles and "follow_up" in styles and "earlier conversation" in (result.notice or "")
    follow = next(v for v in result.variants if v.style == "follow_up")
    assert "When we spoke in November, you mentioned that your sites already work in different ways." in follow.text
    assert follow.warnings == []


def test_finnish_names_are_never_inflected(demo_db) -> None:
    for prospect in list_prospects(demo_db):
        result = draft(demo_db, prospect.id, language="fi", today=TODAY)
        company = prospect.company.split()[0]
        for variant in result.variants:
            assert "Kaarnatiedosta" in variant.text
            for word in variant.text.replace(",", " ").replace(".", " ").split():
                if word.startswith(company) and word != company:
                    pytest.fail(f"{word!r} glues an ending onto {company!r}")


def test_reason_names_the_researched_fact(db) -> None:
    seed_demo_offering(db)
    prospect_id, company_id = person(db, "Priya Raman", "Harcourt & Lyle Ltd", title="Head of People", industry="SaaS")
    add_snapshot(db, "https://www.harcourtlyle.co.uk/careers", "Careers\n\nWe're hiring. Open roles (14): backend "
                 "engineers, SRE, data.", company_id=company_id, published="2026-11-25")
    result = draft(db, prospect_id, today=TODAY)
    trigger = result.variants[0]
    assert trigger.style == "trigger" and "14 open roles" in trigger.text
    reason = next(e for s, e in trigger.evidence if "14 open roles" in s)
    assert reason.url == "https://www.harcourtlyle.co.uk/careers" and reason.date == "2026-11-25"
    assert result.to_json()["variants"][0]["evidence"][0]["url"] == reason.url


def test_without_evidence_it_drafts_and_says_so(db) -> None:
    prospect_id, _ = person(db, "Elin Sjöström", "Lönnberg & Ek Bygg AB", title="VD", language="sv",
                            industry="construction")
    result = draft(db, prospect_id, today=TODAY)
    assert [v.style for v in result.variants] == ["no_evidence"]
    assert "No researched fact was found for Elin" in (result.notice or "")
    assert "Describe your offering" in (result.notice or "")
    assert "no_fact" in [w.code for w in result.variants[0].warnings]
    assert result.variants[0].evidence == []


def test_over_budget_drops_the_proof_first(db) -> None:
    seed_demo_offering(db)
    prospect_id, _ = person(db, "Kjetil Øvrebø", "Havbris Sjømat AS", title="Driftssjef", language="nb",
                            industry="manufacturing")
    log_interaction(db, prospect_id, "meeting", occurred_at="2026-10-02T10:00:00+00:00", outcome="held",
                    summary="Kjetil nevnte at uplanlagte stans koster dem mest.")
    from researcher.core.notes import add_note
    add_note(db, "Havbris åpner ny fabrikk på Averøy neste høst.", prospect_id=prospect_id)
    roomy = draft(db, prospect_id, today=TODAY).variants[0]
    set_setting(db, "opener.budget_seconds", 17.0)
    tight = draft(db, prospect_id, today=TODAY).variants[0]
    assert any(s.slot == "proof" for s in roomy.sentences)
    assert not any(s.slot == "proof" for s in tight.sentences)


def test_saved_versions(db) -> None:
    prospect_id, _ = person(db, "Mette Kjærgaard", "Bøgely Revision A/S", title="Økonomichef", language="da")
    assert saved_opener(db, prospect_id) is None
    save_opener(db, prospect_id, "Hej Mette. Jeg ringer, fordi jeg læste om opkøbet. Hvordan går det?",
                language="da", style="trigger")
    second = save_opener(db, prospect_id, "Hej Mette. Jeg ringer, fordi jeg læste om opkøbet. Hvordan samler I det?",
                         language="da", style="trigger")
    assert second.version == 2 and saved_opener(db, prospect_id) == second
    assert [v.version for v in opener_versions(db, prospect_id)] == [2, 1]
    with pytest.raises(UserError, match="empty"):
        save_opener(db, prospect_id, "  ", language="da", style="trigger")
    with pytest.raises(UserError, match="Unsupported"):
        save_opener(db, prospect_id, "Hei", language="de", style="trigger")
    assert len(opener_versions(db, prospect_id)) == 2


def test_unsupported_language_is_refused(demo_db) -> None:
    with pytest.raises(UserError, match="not 'de'"):
        draft(demo_db, list_prospects(demo_db)[0].id, language="de")


def test_cli_draft_and_coach_json(tmp_path: Path) -> None:
    from researcher.core.demo import build_demo

    path = tmp_path / "demo.sqlite"
    build_demo(path, today=TODAY).close()

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "researcher", "--db", str(path), *args], capture_output=True,
                              text=True, input=stdin, timeout=60, check=False)

    drafted = json.loads(run("draft", "Ingrid Sæther", "--lang", "nb", "--json").stdout)
    assert drafted["language"] == "nb" and drafted["prospect"] == "Ingrid Sæther"
    first = drafted["variants"][0]
    assert set(first) >= {"style", "text", "seconds", "words", "warnings", "evidence"}
    assert first["evidence"][0]["quote"] and {"objection", "answer"} <= set(drafted["objections"][0])
    assert drafted["questions"]
    triggers = json.loads(run("triggers", "Ingrid Sæther", "--json").stdout)
    assert triggers[0]["type"] == "new_leader" and {"quote", "url", "date", "confidence"} <= set(triggers[0])
    pains = json.loads(run("pains", "Ingrid Sæther", "--json").stdout)
    assert pains[0]["evidence"]
    coached = json.loads(run("coach", "--lang", "sv", "--json", stdin="Hej, hur mår du? Har du hört talas om oss?").stdout)
    assert {w["code"] for w in coached["warnings"]} >= {"how_are_you", "heard_of_us", "no_fact"}
    assert run("coach", "--lang", "sv", stdin="   ").returncode == 1
    slow = json.loads(run("coach", "--lang", "en", "--json", "--pace", "0.8", "I saw you're hiring. Why?").stdout)
    fast = json.loads(run("coach", "--lang", "en", "--json", "I saw you're hiring. Why?").stdout)
    assert slow["seconds"] > fast["seconds"]
    assert run("coach", "--lang", "en", "--pace", "9", "Hi?").returncode == 1
    assert "[dismissed" in run("triggers", "Ingrid Sæther", "--dismiss", "1").stdout
    added = run("triggers", "Ingrid Sæther", "--add", "expansion", "--quote", "Nytt kontor på Gjøvik.", "--json")
    assert {t["status"] for t in json.loads(added.stdout)} >= {"dismissed", "manual"}
    bad = run("triggers", "Ingrid Sæther", "--confirm", "99")
    assert bad.returncode == 1 and "no trigger number 99" in bad.stderr
    assert run("triggers", "Ingrid Sæther", "--add", "gossip", "--quote", "x").returncode == 1
    rejected = json.loads(run("pains", "Ingrid Sæther", "--reject", pains[0]["key"], "--json").stdout)
    assert rejected[-1]["key"] == pains[0]["key"] and rejected[-1]["status"] == "rejected"
    assert "Minna" in run("draft", "Minna Väisänen").stdout
