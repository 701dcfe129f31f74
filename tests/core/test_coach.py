"""Every coach warning in every language, with reason and alternative; evidence per sentence."""

from __future__ import annotations

import pytest

from researcher.core.coach import coach
from researcher.core.evidence import Evidence

GOOD = {
    "en": "Hi Claire, it's Owen Pryce from Tallyforge. I'm calling because I read you're opening a second warehouse "
          "in Daventry. When hauliers add a site, the two often drift into different ways of working. Pennant "
          "Freight closed that gap in eight weeks. How will you keep both sites on one process?",
    "fi": "Hei Minna, Jussi Rantanen Kaarnatiedosta. Soitan, koska aloitit talousjohtajana. Uusi talousjohtaja käy "
          "yleensä ensin läpi kulut, ja hidas raportointi nousee esiin. Pohjaslinja lyhensi sen kymmenestä päivästä "
          "neljään. Onko tämä teillä nyt pöydällä?",
    "sv": "Hej Johan, Sara Lind från Skyddsvall. Jag såg att ni söker en säkerhetschef för NIS2, därför ringer jag. "
          "Med NIS2 tar leverantörskedjan oftast mest tid, inte tekniken. Kvarnsjö El klarade det på sex veckor. "
          "Hur långt har ni kommit?",
    "nb": "Hei Ingrid, Sofie Dahl fra Prosjektlos. Jeg ringer fordi jeg så at du har tatt over som daglig leder i "
          "Granlien Bygg. Nye ledere i bygg spør ofte hvilke prosjekter som tjener penger, og da er tallene sjelden "
          "ferske. Hvordan får du den oversikten i dag?",
    "da": "Hej Mette, det er Kasper Lund fra Bogholt. Jeg ringer, fordi jeg læste, at I har købt to mindre "
          "revisionshuse i år. Når kontorer lægges sammen, kører de typisk videre i hver sit system længe, og "
          "timeregistreringen bliver uens. Hvordan har I tænkt jer at samle det?",
}

BAD = {  # (sentence, expected code), from the anti-pattern lists
    "en": [("Hi Claire, how are you today?", "how_are_you"), ("Did I catch you at a bad time?", "bad_time"),
           ("Have you heard of Tallyforge?", "heard_of_us"), ("We're a world-class, market-leading provider.", "boilerplate"),
           ("Our CEO is in Birmingham next week, when suits?", "ceo_in_town"), ("I'm just checking in.", "just_checking_in")],
    "fi": [("Hei, mitä kuuluu?", "how_are_you"), ("Onko sulla hetki aikaa?", "bad_time"), ("Ootko kuullut meistä?", "heard_of_us"),
           ("Me ollaan Suomen johtava toimittaja, maailmanluokkaa.", "boilerplate"),
           ("Toimitusjohtajamme on ensi viikolla Oulussa, sopisiko tiistai vai torstai?", "ceo_in_town"),
           ("Soittelen vain kuulumisia.", "just_checking_in")],
    "sv": [("Hej, hur mår du?", "how_are_you"), ("Ringer jag olägligt?", "bad_time"), ("Har du hört talas om oss?", "heard_of_us"),
           ("Vi är marknadsledande, i världsklass.", "boilerplate"),
           ("Vår vd kommer till Luleå nästa vecka, när passar det?", "ceo_in_town"),
           ("Jag ville bara höra av mig.", "just_checking_in")],
    "nb": [("Hei, hvordan går det?", "how_are_you"), ("Passer det dårlig nå?", "bad_time"), ("Kjenner du til oss?", "heard_of_us"),
           ("Vi er Nordens ledende leverandør og markedsleder i Norge.", "boilerplate"),
           ("Administrerende direktør er i Kristiansund torsdag, passer formiddag eller ettermiddag?", "ceo_in_town"),
           ("Jeg ville bare høre.", "just_checking_in")],
    "da": [("Hej, hvordan går det?", "how_are_you"), ("Har du lige et minut?", "bad_time"), ("Siger Bogholt dig noget?", "heard_of_us"),
           ("Vi er Danmarks førende leverandør, i verdensklasse.", "boilerplate"),
           ("Vores adm. direktør er i Odense i næste uge, hvornår passer det dig?", "ceo_in_town"),
           ("Jeg ville bare lige høre.", "just_checking_in")],
}
WE_CENTRIC = {
    "en": "We are growing fast and our team loves our product. We think you will too?",
    "fi": "Me kasvamme nopeasti ja meidän tiimimme rakastaa ratkaisuamme. Kokeiletko?",
    "sv": "Vi växer snabbt och vårt team älskar vår produkt. Vill du testa?",
    "nb": "Vi vokser raskt og teamet vårt elsker produktet vårt. Vil du teste?",
    "da": "Vi vokser hurtigt, og vores team elsker vores produkt. Vil du prøve?",
}
NO_QUESTION = {"en": "I saw that you're hiring.", "fi": "Näin, että rekrytoitte.", "sv": "Jag såg att ni rekryterar.",
               "nb": "Jeg så at dere rekrutterer.", "da": "Jeg så, at I ansætter."}


@pytest.mark.parametrize("language", sorted(GOOD))
def test_good_opener_has_no_warning(language: str) -> None:
    result = coach(GOOD[language], language)
    assert result.warnings == [] and 10 < result.seconds <= 20 and result.words > 20


@pytest.mark.parametrize(("language", "sentence", "code"), [(lang, s, c) for lang, items in BAD.items() for s, c in items])
def test_anti_pattern_is_flagged_with_reason_and_alternative(language: str, sentence: str, code: str) -> None:
    result = coach(sentence, language)
    warning = next(w for w in result.warnings if w.code == code)
    assert warning.reason and warning.alternative and warning.alternative in warning.message
    assert warning.sentence == 0 and "no_fact" in result.codes


@pytest.mark.parametrize("language", sorted(WE_CENTRIC))
def test_we_centric(language: str) -> None:
    assert "we_centric" in coach(WE_CENTRIC[language], language).codes


@pytest.mark.parametrize("language", sorted(NO_QUESTION))
def test_no_question_but_a_fact(language: str) -> None:
    codes = coach(NO_QUESTION[language], language).codes
    assert "no_question" in codes and "no_fact" not in codes


@pytest.mark.parametrize("language", sorted(GOOD))
def test_over_time(language: str) -> None:
    long_text = GOOD[language].rsplit(" ", 8)[0] + ". " + GOOD[language]
    result = coach(long_text, language)
    assert "over_time" in result.codes and result.seconds > 20
    assert "over_time" not in coach(long_text, language, budget=60).codes


def test_bad_time_only_before_the_reason() -> None:
    assert "bad_time" in coach("Hi Claire. Is now a good time? I saw you're hiring. How is it going?", "en").codes
    after = coach("Hi Claire. I saw that you're hiring. Is now a good time to talk about onboarding?", "en")
    assert "bad_time" not in after.codes


def test_danish_capital_i_is_you_but_not_the_preposition() -> None:
    result = coach("I maj åbner I to klinikker. Hvordan har I det med planlægningen?", "da")
    assert result.you_count == 2


def test_finnish_spoken_forms() -> None:
    assert "bad_time" in coach("Moi! Onks sulla hetki?", "fi").codes
    assert "heard_of_us" in coach("Ootko kuullu meistä?", "fi").codes


def test_participle_johtava_is_not_boilerplate() -> None:
    assert "boilerplate" not in coach("Näin, että viivästyksiin johtava virhe korjattiin. Miten ratkaisitte sen?", "fi").codes


def test_sentences_map_to_evidence_and_unevidenced_facts_are_marked() -> None:
    quote = Evidence("Vi söker en informationssäkerhetschef med ansvar för NIS2.", "https://www.kvarnsjoenergi.se/jobb",
                     "2026-11-20", "Lediga jobb")
    drafted = "Jag ringer för att jag såg att ni arbetar med NIS2."
    edited = ("Hej Johan, det är Anni Koskela från Kaarnatieto. Jag ringer för att jag såg att ni jobbar med NIS2. "
              "Jag läste också att ni öppnar ett kontor i Luleå. Hur hanterar ni det i dag?")
    result = coach(edited, "sv", evidence=[(drafted, quote)])
    assert result.sentences[1].evidence == quote
    assert result.sentences[2].states_fact and result.sentences[2].evidence is None
    assert [w.code for w in result.warnings] == ["unevidenced"] and result.warnings[0].sentence == 2
    assert "no_fact" in coach("Hej Johan. Hur hanterar ni det i dag?", "sv", evidence=[(drafted, quote)]).codes


def test_empty_text_has_no_warnings() -> None:
    result = coach("   ", "fi")
    assert result.warnings == [] and result.seconds == 0


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from researcher.core.lexicon import LANGUAGES  # noqa: E402
from researcher.core.trigger_detect import detect  # noqa: E402

PIECES = st.sampled_from(["NIS2", " I ", "vi söker inte", "Emme rekrytoi", "2012", "14.", "Hur mår du?", "# ", "\n\n"])
NORDIC_TEXT = st.lists(st.text(alphabet=st.characters(exclude_categories=("Cs",)) | st.sampled_from(
    list("åäöøæÅÄÖØÆ .,!?;:\n—’'\"#-")), max_size=40) | PIECES, max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=NORDIC_TEXT, language=st.sampled_from(LANGUAGES))
def test_coach_and_detection_never_crash(text: str, language: str) -> None:
    from datetime import date

    result = coach(text, language)
    assert result.seconds >= 0 and all(0 <= s.start <= s.end <= len(text) for s in result.sentences)
    for found in detect(text, language, today=date(2026, 12, 1)):
        assert found.quote
