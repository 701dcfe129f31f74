"""Trigger detection per language: true triggers, negated/hedged/old false positives, verdicts, manual ones."""

from __future__ import annotations

from datetime import date

import pytest
from evidence_samples import TODAY, add_snapshot, person

from researcher.core.errors import UserError
from researcher.core.notes import add_note
from researcher.core.trigger_detect import detect
from researcher.core.triggers import add_manual_trigger, prospect_triggers, set_trigger_status

TRUE_POSITIVES = [
    ("en", "We're hiring! We have 14 open engineering roles in Leeds.", "hiring"),
    ("en", "Harcourt & Lyle opens a second warehouse in Daventry this autumn.", "expansion"),
    ("en", "Claire Dunn joins as Finance Director from Pennant Freight.", "new_leader"),
    ("en", "Northgate raises £12m in a Series B round led by Fjord Capital.", "funding"),
    ("en", "Pennine Haulage announces 40 redundancies after a collective consultation.", "restructuring"),
    ("en", "Not only are we growing, but we are also hiring 6 drivers.", "hiring"),
    ("en", "We are preparing for NIS2 with a new security programme.", "regulation"),
    ("en", "Pennine wins a five-year contract with Yorkshire Water.", "partnership"),
    ("en", "Harcourt & Lyle acquires Bright Ledger Ltd.", "acquisition"),
    ("en", "2026 was a record year, with revenue up 31%.", "results"),
    ("fi", "Rekrytoimme 14 uutta osaajaa Tampereen terminaaliin.", "hiring"),
    ("fi", "Haemme kokenutta myyntipäällikköä.", "hiring"),
    ("fi", "Routakivi avaa uuden terminaalin Tampereelle syksyllä.", "expansion"),
    ("fi", "Liisa Aalto on nimitetty talousjohtajaksi 1.9.2026 alkaen.", "new_leader"),
    ("fi", "Yhtiö aloittaa muutosneuvottelut koko henkilöstön kanssa.", "restructuring"),
    ("fi", "Kaarnatieto keräsi 3,5 miljoonan euron rahoituksen.", "funding"),
    ("fi", "Uusi kyberturvallisuuslaki koskee myös meitä.", "regulation"),
    ("sv", "Vi söker en säkerhetschef med erfarenhet av NIS2.", "hiring"),
    ("sv", "Skyddsvall varslar 40 anställda om uppsägning.", "restructuring"),
    ("sv", "Vi är inte bara växande utan vi rekryterar också 12 nya medarbetare.", "hiring"),
    ("sv", "Lönnberg & Ek tecknar avtal med Trafikverket.", "partnership"),
    ("sv", "Kvarnsjö förvärvar Norrbäck Elnät AB.", "acquisition"),
    ("nb", "Havbris åpner ny fabrikk på Averøy i 2026.", "expansion"),
    ("nb", "Selskapet varsler nedbemanning av 30 stillinger.", "restructuring"),
    ("nb", "Ingrid Sæther er ansatt som daglig leder i Granlien Bygg.", "new_leader"),
    ("nb", "Vi søker tre erfarne elektrikere til Hamar.", "hiring"),
    ("da", "Vi søger 3 nye medarbejdere til kontoret i Aarhus.", "hiring"),
    ("da", "Bøgely har købt to mindre revisionshuse i år.", "acquisition"),
    ("da", "Fjordlys åbner to nye klinikker i Aarhus i løbet af foråret.", "expansion"),
    ("da", "Vi havde et rekordår med en omsætning på 80 mio. kr.", "results"),
    ("fi", "Ei vain kasvamme, vaan rekrytoimme myös viisi asentajaa.", "hiring"),
    ("nb", "Vi vokser ikke bare, vi rekrutterer også fire nye montører.", "hiring"),
    ("da", "Vi vokser ikke kun, vi ansætter også to nye teknikere.", "hiring"),
]

FALSE_POSITIVES = [
    ("en", "We are not hiring at the moment."),
    ("en", "We have no plans to restructure the business."),
    ("en", "In 2016 we won the Northern Logistics Award."),
    ("en", "In 2012 we opened our office in Leeds."),
    ("en", "The company is reportedly considering an acquisition."),
    ("en", "If funding allows, we could open a second depot."),
    ("fi", "Emme tällä hetkellä rekrytoi uusia työntekijöitä."),
    ("fi", "Haemme laitteet asiakkaalta ja haemme rahoitusta."),
    ("fi", "Vuonna 2012 avasimme toimiston Ouluun."),
    ("fi", "Yhtiö harkitsee uuden tehtaan avaamista."),
    ("fi", "Toimitusjohtaja irtisanoutui viime viikolla."),
    ("sv", "Vi söker inte fler säljare just nu."),
    ("sv", "Söker du ett nytt jobb? Vi söker samarbetspartner."),
    ("sv", "Vi har inga planer på att öppna ett nytt lager."),
    ("sv", "Varan finns i lager och levereras med kort varsel."),
    ("nb", "Vi søker ikke nye medarbeidere."),
    ("nb", "Det er ikke aktuelt med permittering."),
    ("nb", "Selskapet vurderer å kjøpe opp en konkurrent."),
    ("da", "Vi søger ikke flere folk."),
    ("da", "Varen er på lager og leveres med kort varsel."),
    ("da", "Vi har ingen planer om at åbne nyt kontor."),
    ("sv", "Vi meddelar att vi inte har några lediga tjänster just nu."),
    ("nb", "Vi kan bekrefte at vi ikke har ledige stillinger nå."),
    ("da", "Vi kan oplyse, at vi ikke har ledige stillinger i øjeblikket."),
    ("nb", "Vi søkjer ikkje nye folk i år."),
]


@pytest.mark.parametrize(("language", "sentence", "kind"), TRUE_POSITIVES)
def test_detects_trigger(language: str, sentence: str, kind: str) -> None:
    assert kind in [found.type for found in detect(sentence, language, today=TODAY)]


@pytest.mark.parametrize(("language", "sentence"), FALSE_POSITIVES)
def test_ignores_negated_hedged_and_old_sentences(language: str, sentence: str) -> None:
    assert detect(sentence, language, today=TODAY) == []


def test_counts_open_roles_in_words_and_digits() -> None:
    assert detect("The careers page lists fourteen open engineering roles.", "en", today=TODAY)[0].count == 14
    assert detect("Meillä on 9 avointa työpaikkaa.", "fi", today=TODAY)[0].count == 9
    assert detect("Vi har 5 ledige stillinger lige nu.", "da", today=TODAY)[0].count == 5


def test_old_page_is_not_news() -> None:
    text = "Routakivi avaa uuden tehtaan Kokkolaan."
    assert detect(text, "fi", today=TODAY, document_date=date(2025, 11, 1)) == []
    assert detect(text, "fi", today=TODAY, document_date=date(2026, 10, 1))


def test_new_leader_knows_the_role_but_not_a_deputy() -> None:
    found = detect("Minna Väisänen aloitti talousjohtajana elokuussa.", "fi", today=TODAY)
    assert found[0].detail == {"role": "cfo"}


def test_prospect_triggers_from_pages_and_notes_with_evidence(db) -> None:
    prospect_id, company_id = person(db, "Johan Åberg", "Kvarnsjö Energi AB", title="IT-chef", language="sv")
    add_snapshot(db, "https://www.kvarnsjoenergi.se/jobb", "Lediga jobb\n\nVi söker en informationssäkerhetschef "
                 "med ansvar för NIS2. Sista ansökningsdag 15 december.", company_id=company_id, language="sv",
                 published="2026-11-20")
    add_snapshot(db, "https://www.kvarnsjoenergi.se/om-oss", "Vi öppnade vårt kontor i Västerås 2012.",
                 company_id=company_id, language="sv")
    add_note(db, "Vi rekryterar inte i år, sa Johan.", prospect_id=prospect_id)
    found = prospect_triggers(db, prospect_id, today=TODAY)
    kinds = {t.type for t in found}
    assert kinds == {"hiring", "regulation"}
    hiring = next(t for t in found if t.type == "hiring")
    assert hiring.url == "https://www.kvarnsjoenergi.se/jobb"
    assert hiring.date == "2026-11-20" and "NIS2" in hiring.quote
    assert hiring.to_json()["type"] == "hiring"


def test_confirm_dismiss_and_manual_triggers_are_kept(db) -> None:
    prospect_id, company_id = person(db, "Ingrid Sæther", "Granlien Bygg AS", title="Daglig leder", language="nb")
    add_note(db, "Ingrid Sæther har tatt over som daglig leder etter grunnleggeren.", prospect_id=prospect_id)
    trigger = prospect_triggers(db, prospect_id, today=TODAY)[0]
    set_trigger_status(db, prospect_id, trigger, "dismissed")
    assert prospect_triggers(db, prospect_id, today=TODAY, include_dismissed=False) == []
    assert prospect_triggers(db, prospect_id, today=TODAY)[0].status == "dismissed"
    set_trigger_status(db, prospect_id, trigger, "confirmed")
    assert prospect_triggers(db, prospect_id, today=TODAY)[0].status == "confirmed"
    manual = add_manual_trigger(db, prospect_id, "expansion", "Bygger nytt kontor på Gjøvik (sa hun på telefon).",
                                when="2026-11-30")
    statuses = {t.status for t in prospect_triggers(db, prospect_id, today=TODAY)}
    assert statuses == {"confirmed", "manual"} and manual.status == "manual"


def test_bad_manual_trigger_is_refused_and_stores_nothing(db) -> None:
    prospect_id, _ = person(db, "Priya Raman", "Harcourt & Lyle Ltd")
    with pytest.raises(UserError, match="Unknown trigger type"):
        add_manual_trigger(db, prospect_id, "gossip", "Heard something")
    with pytest.raises(UserError, match="not a date"):
        add_manual_trigger(db, prospect_id, "hiring", "Hiring", when="next Tuesday")
    with pytest.raises(UserError, match="Write the sentence"):
        add_manual_trigger(db, prospect_id, "hiring", "   ")
    assert db["triggers"].count == 0


def test_erasing_the_prospect_removes_verdicts_pains_and_openers(db) -> None:
    from researcher.core.opener import save_opener
    from researcher.core.pains import set_pain_decision
    from researcher.core.prospects import erase_prospect

    prospect_id, _ = person(db, "Priya Raman", "Harcourt & Lyle Ltd")
    add_manual_trigger(db, prospect_id, "hiring", "Careers page lists 14 roles.")
    set_pain_decision(db, prospect_id, "onboarding_load", "accepted", title="Onboarding for Priya's team")
    save_opener(db, prospect_id, "Hi Priya. I saw that you have 14 open roles. How is onboarding going?",
                language="en", style="trigger")
    erase_prospect(db, prospect_id)
    assert db["triggers"].count == 0 and db["pain_decisions"].count == 0 and db["saved_openers"].count == 0


def test_job_postings_in_structured_data_count_as_hiring(db) -> None:
    prospect_id, company_id = person(db, "Priya Raman", "Harcourt & Lyle Ltd", title="Head of People")
    page_id = add_snapshot(db, "https://www.harcourtlyle.co.uk/jobs", "Jobs at Harcourt & Lyle.",
                           company_id=company_id, published="2026-11-25")
    snapshot_id = next(iter(db.query("SELECT id FROM snapshots WHERE page_id = ?", [page_id])))["id"]
    for title in ("Backend Engineer, Manchester", "Site Reliability Engineer, Leeds", "Data Engineer, Remote"):
        db["facts"].insert({"snapshot_id": snapshot_id, "page_id": page_id, "kind": "job", "value": title})
    hiring = next(t for t in prospect_triggers(db, prospect_id, today=TODAY) if t.type == "hiring")
    assert hiring.count == 3 and "Backend Engineer" in hiring.quote
    assert hiring.url == "https://www.harcourtlyle.co.uk/jobs" and hiring.date == "2026-11-25"


@pytest.mark.parametrize(("language", "text", "open_"), [
    ("en", "We're hiring a transport planner. Closing date: 15 December 2026.", True),
    ("fi", "Haemme kokenutta myyntipäällikköä. Hakuaika päättyy 15.12.", True),
    ("sv", "Vi söker en ekonom. Sista ansökningsdag är den 3 november 2026.", False),
    ("nb", "Vi søker en elektriker. Søknadsfrist 1. desember.", True),
    ("da", "Vi søger en revisor. Ansøgningsfrist: 2026-11-15.", False),
])
def test_job_ad_counts_while_it_is_open(language: str, text: str, open_: bool) -> None:
    spring_page = date(2026, 5, 1)  # older than the hiring window: only an open ad still counts
    found = [d.type for d in detect(text, language, today=TODAY, document_date=spring_page)]
    assert ("hiring" in found) is open_


@pytest.mark.parametrize(("language", "label"), [("fi", "Avoimet työpaikat"), ("sv", "Lediga tjänster"),
                                                 ("nb", "Ledige stillinger"), ("da", "Ledige stillinger")])
def test_a_menu_label_is_no_trigger(language: str, label: str) -> None:
    assert detect(f"Etusivu\n\n{label}\n\nYhteystiedot", language, today=TODAY) == []
