"""Hand-built briefings for prep-sheet tests: one typical, one with far too much to fit a page."""

from __future__ import annotations

from researcher.core.briefing_model import (
    Briefing, CallingInfo, Evidence, FactItem, NoteItem, OpenerItem, PainItem, PhoneLine,
    QualificationItem, SourceItem, TriggerItem,
)
from researcher.core.models import Company, Interaction, Prospect

OPENER = (
    "Hei Åsa, tässä Owen Pryce Tallyforgesta. Soitan, koska näin, että teillä on kuusi avointa "
    "varastotyöntekijän paikkaa Tampereella. Kun tiimi kasvaa sitä vauhtia, perehdytys venyy usein "
    "viikoilla. Miten hoidatte sen tällä hetkellä?"
)


def typical_briefing() -> Briefing:
    """A Finnish CFO at a manufacturer, with research, an opener and history."""
    prospect = Prospect(
        id=7, name="Åsa Järvinen-Øberg", company_id=3, company="Routakivi Oy", title="Talousjohtaja",
        email="asa.jarvinen@routakivi.fi", phones=("+358 40 512 3478",), country="FI", city="Tampere",
        language="fi", next_follow_up="2026-12-03",
    )
    company = Company(id=3, name="Routakivi Oy", website="https://www.routakivi.fi", industry="manufacturing",
                      country="FI")
    return Briefing(
        prospect=prospect, company=company, prepared_at="2026-12-01T08:30:00+00:00",
        phones=(PhoneLine("+358 40 512 3478", blocked=False, registry="Robinson (FI)", extract_date="2026-11-20"),),
        screened=True,
        calling=CallingInfo("Europe/Helsinki", "2026-12-01T10:30:00+02:00", True, "2026-12-01T10:30:00+02:00",
                            "inside", ("09:00", "17:00")),
        opener=OpenerItem(OPENER, "fi", "trigger", 17.6, saved=True, saved_at="2026-11-28T12:00:00+00:00"),
        facts=(
            FactItem("founded", "1987", "https://www.routakivi.fi/yritys", "2026-11-20"),
            FactItem("employees", "250", "https://www.routakivi.fi/yritys", "2026-11-20"),
            FactItem("location", "Tampere, Kokkola", "https://www.routakivi.fi/yhteystiedot", "2026-11-20"),
        ),
        triggers=(
            TriggerItem("hiring", "Haemme kuutta varastotyöntekijää Tampereen tehtaallemme.",
                        "https://www.routakivi.fi/rekry", "2026-11-18", "confirmed", 0.9),
            TriggerItem("expansion", "Kokkolan tehtaan laajennus valmistuu keväällä 2027.",
                        "https://www.kauppalehti.fi/uutiset/routakivi", "2026-10-02", "suggested", 0.7),
        ),
        pains=(
            PainItem("Onboarding many new hires at once",
                     "Hiring six warehouse staff at one site usually stretches onboarding.",
                     (Evidence("Haemme kuutta varastotyöntekijää.", "https://www.routakivi.fi/rekry", "2026-11-18"),)),
            PainItem("Cash tied up in stock during expansion", "A second plant growing doubles inventory to watch.",
                     (Evidence("Kokkolan tehtaan laajennus valmistuu keväällä 2027.",
                               "https://www.kauppalehti.fi/uutiset/routakivi", "2026-10-02"),)),
        ),
        questions=("Miten perehdytys hoidetaan nyt, kun uusia tulee kuusi kerralla?",
                   "Mitä pitäisi muuttua, jotta tätä kannattaisi katsoa?"),
        objections=(("Olemme tyytyväisiä nykyiseen toimittajaan.",
                     "Hyvä kuulla. Moni asiakkaamme sanoi samaa; mikä nykyisessä toimii parhaiten?"),
                    ("Lähetä sähköpostia.", "Teen niin. Mikä yksi asia siinä pitäisi olla, jotta se kannattaa lukea?")),
        interactions=(
            Interaction(11, 7, "call", "2026-11-12T09:15:00+00:00", outcome="call_back_later",
                        summary="Pyysi soittamaan joulukuun alussa, budjetti päätetään silloin.",
                        next_step="Soita 3.12. klo 10", follow_up="2026-12-03"),
        ),
        next_step="Soita 3.12. klo 10", next_step_at="2026-11-12T09:15:00+00:00", follow_up="2026-12-03",
        qualification=(QualificationItem("pays_off", "partly", "Perehdytys vie 3 viikkoa/henkilö"),
                       QualificationItem("ready_now", "unknown"), QualificationItem("able", "yes", "CFO signs"),
                       QualificationItem("status_quo_cost", "unknown", "")),
        notes=(NoteItem("Tavattiin messuilla; kiinnostunut säästöistä varastossa.", "2026-10-30T10:00:00+00:00",
                        "Messut, Logistiikka 2026"),),
        sources=(
            SourceItem("page", "routakivi.fi", "https://www.routakivi.fi/rekry", "2026-11-20", "Rekry"),
            SourceItem("page", "kauppalehti.fi", "https://www.kauppalehti.fi/uutiset/routakivi", "2026-10-02"),
            SourceItem("note", "Messut, Logistiikka 2026", date="2026-10-30"),
            SourceItem("interaction", "", date="2026-11-12"),
        ),
    )


def long_briefing() -> Briefing:
    """The typical briefing with far more of everything than one page holds."""
    base = typical_briefing()
    words = "Pitkä muistiinpano, jossa on paljon yksityiskohtia ääkkösistä ja øæå-kirjaimista. " * 12
    return Briefing(
        **{**base.__dict__,
           "facts": tuple(FactItem("news", f"Uutinen {n}: Routakivi avaa uuden linjan Kokkolassa ({n}).",
                                   f"https://news{n}.example.fi/a", f"2026-11-{n % 28 + 1:02d}") for n in range(40)),
           "triggers": base.triggers * 6,
           "pains": base.pains * 4,
           "questions": base.questions * 6,
           "objections": base.objections * 4,
           "interactions": base.interactions * 6,
           "notes": tuple(NoteItem(words, "2026-10-30T10:00:00+00:00", f"Lähde {n}") for n in range(8)),
           "sources": tuple(SourceItem("page", f"news{n}.example.fi", f"https://news{n}.example.fi/a",
                                       f"2026-11-{n % 28 + 1:02d}") for n in range(40)),
           "opener": OpenerItem(OPENER * 2, "fi", "trigger", 35.0)},
    )
