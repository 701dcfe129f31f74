"""Search everything: pages, notes and interactions; Nordic word forms; hostile input."""

from __future__ import annotations

import pytest

from researcher.core import pages
from researcher.core.capture import Capture
from researcher.core.extract import extract_html
from researcher.core.interactions import log_interaction
from researcher.core.notes import add_note
from researcher.core.prospects import add_prospect, get_prospect
from researcher.core.search import fts_query, marked_terms, search_all


def store(db, url, body, *, prospect_id=None, company_id=None, title="Sivu"):
    html = f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"
    page_id = pages.add_page(db, url, prospect_id=prospect_id, company_id=company_id)
    pages.store_capture(db, page_id, Capture(url=url, extraction=extract_html(html, url), raw=html.encode()))
    return page_id


@pytest.fixture
def people(db):
    laura = add_prospect(db, "Laura Kuusisto", company="Kuusiston Konepaja", language="fi")
    karin = add_prospect(db, "Karin Åström", company="Norrsken Logistik", language="sv")
    company = get_prospect(db, laura).company_id
    store(db, "https://www.kuusistonkonepaja.fi/rekry.html",
          "Rekrytoimme kuusi uutta levyseppää Nokian tehtaalle vuoden 2027 aikana.", company_id=company,
          title="Rekry")
    store(db, "https://www.norrskenlogistik.se/nyheter/", "Vi öppnar ett nytt lager i Jönköping och anställer 60 personer.",
          prospect_id=karin, title="Nyheter")
    add_note(db, "Laura mainitsi, että rekrytointi on hidasta ja levyseppiä on vaikea löytää.", prospect_id=laura,
             source="puhelu")
    log_interaction(db, karin, "call", outcome="call_back_later", summary="Karin vill höras efter lagret i Jönköping öppnat.",
                    next_step="Ring i mars")
    return laura, karin, company


def test_prefix_matches_finnish_word_forms(db, people):
    hits = search_all(db, "rekry")
    assert {h.kind for h in hits} == {"page", "note"}
    page = next(h for h in hits if h.kind == "page")
    assert "[Rekrytoimme]" in page.snippet and page.title == "Rekry"
    assert page.company_id == people[2] and page.prospect_id is None
    assert page.url == "https://www.kuusistonkonepaja.fi/rekry.html"


def test_swedish_inflected_place_name_and_all_kinds(db, people):
    hits = search_all(db, "jönköping")
    assert {h.kind for h in hits} == {"page", "interaction"}
    interaction = next(h for h in hits if h.kind == "interaction")
    assert interaction.prospect_id == people[1] and "[Jönköping]" in interaction.snippet
    assert interaction.title.startswith("Call ") and "call back later" in interaction.title
    assert search_all(db, "jonkoping")  # typed without the diacritics


def test_ranked_and_scoped(db, people):
    laura, karin, _ = people
    scoped = search_all(db, "levyseppä", prospect_id=laura)
    assert {h.kind for h in scoped} == {"page", "note"}
    assert search_all(db, "levyseppä", prospect_id=karin) == []
    ranks = [h.rank for h in search_all(db, "levy")]
    assert ranks == sorted(ranks)


def test_all_words_must_match(db, people):
    assert len(search_all(db, "lager anställer")) == 1
    assert search_all(db, "lager rekrytoimme") == []


@pytest.mark.parametrize("query", ['"', "AND", "OR NOT", "*", "rekry*)", "NEAR(a b)", "col:value", "'; DROP TABLE pages; --",
                                   "^", "(", "ä\"ö", "\x00", "-", "a" * 500, "🚀", "title:Rekry"])
def test_hostile_input_never_breaks(db, people, query):
    assert isinstance(search_all(db, query), list)
    assert db["pages"].count == 2


def test_empty_query():
    assert fts_query("  ...  ") is None
    assert fts_query('Åbo "hamn"') == '"Åbo"* "hamn"*'


def test_marked_terms():
    assert marked_terms("…vi [öppnar] ett nytt [lager]…") == ["öppnar", "lager"]


def test_any_typed_text_is_a_valid_query(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from researcher.core.db import open_database

    db = open_database(tmp_path / "search.sqlite")
    prospect = add_prospect(db, "Åsa Öberg", company="Fjällbo AB", language="sv")
    store(db, "https://fjallbo.se/", "Vi öppnar ett nytt lager i Jönköping.", prospect_id=prospect)

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(max_size=60))
    def check(query):
        assert isinstance(search_all(db, query), list)

    check()
    db.close()
