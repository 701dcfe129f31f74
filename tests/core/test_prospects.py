"""Prospects and companies: add, edit, find by id or name, list, delete a company with its people."""

from __future__ import annotations

import pytest

from researcher.core.errors import NotFound, UserError
from researcher.core.prospects import (add_company, add_prospect, company_id_for, delete_company, get_company,
                                       get_prospect, list_companies, list_prospects, prospects_of_company,
                                       resolve_prospect, update_company, update_prospect)


def test_add_prospect_creates_the_company_once(db) -> None:
    first = add_prospect(db, "Åsa Lindqvist", company="Kvarnsjö Energi AB", website="kvarnsjoenergi.se",
                         country="se", title="Inköpschef", phones=["+46 70 123 45 67"], tags="varm, mässa")
    second = add_prospect(db, "Göran Ek", company="kvarnsjö energi ab")
    a, b = get_prospect(db, first), get_prospect(db, second)
    assert a.company_id == b.company_id
    assert (a.company, a.country, a.title, a.phones, a.tags) == (
        "Kvarnsjö Energi AB", "SE", "Inköpschef", ("+46 70 123 45 67",), ("varm", "mässa"))
    company = get_company(db, a.company_id)
    assert company.website == "https://kvarnsjoenergi.se" and company.country == "SE"
    assert [c.name for c in list_companies(db)] == ["Kvarnsjö Energi AB"]


def test_company_lookup_is_case_insensitive_beyond_ascii(db) -> None:
    company = add_company(db, "ØSTFOLD BYGG AS")
    assert company_id_for(db, "østfold bygg as") == company
    assert company_id_for(db, "Ny Bedrift AS") != company


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": "  "}, "needs a name"),
    ({"name": "Ola", "country": "Norge"}, "two-letter code"),
    ({"name": "Ola", "language": "de"}, "is not one of"),
    ({"name": "Ola", "stage": "hot"}, "Stage 'hot'"),
    ({"name": "Ola", "email": "ola at firma"}, "email address"),
    ({"name": "Ola", "shoe_size": "44"}, "Unknown prospect field"),
])
def test_bad_values_are_refused_with_a_readable_message(db, fields, message) -> None:
    with pytest.raises(UserError, match=message):
        add_prospect(db, company="Firma AS", **fields)
    assert list_prospects(db) == []
    assert list_companies(db) == []  # the company insert was rolled back with the prospect


def test_norwegian_language_code_no_is_stored_as_nb(db) -> None:
    pid = add_prospect(db, "Kari Nordmann", language="NO")
    assert get_prospect(db, pid).language == "nb"


def test_update_changes_only_the_given_fields_and_refuses_bad_ones(db) -> None:
    pid = add_prospect(db, "Jari Kärkkäinen", company="Kuljetus Lehtola Oy", title="Logistiikkajohtaja")
    update_prospect(db, pid, stage="contacted", phones="+358 40 111 2222; +358 9 333 444")
    prospect = get_prospect(db, pid)
    assert prospect.stage == "contacted" and prospect.title == "Logistiikkajohtaja"
    assert prospect.phones == ("+358 40 111 2222", "+358 9 333 444")
    with pytest.raises(UserError):
        update_prospect(db, pid, name="")
    assert get_prospect(db, pid).name == "Jari Kärkkäinen"
    with pytest.raises(NotFound):
        update_prospect(db, 999, title="x")


def test_update_company(db) -> None:
    company = add_company(db, "Routakivi Oy")
    update_company(db, company, industry="valmistus", org_number="2874519-6")
    assert get_company(db, company).org_number == "2874519-6"
    with pytest.raises(UserError, match="needs a name"):
        update_company(db, company, name=" ")
    with pytest.raises(NotFound):
        get_company(db, 12345)


def test_resolve_by_id_or_unique_name(db) -> None:
    pid = add_prospect(db, "Mette  Kjærgaard", company="Bøgely Revision A/S")
    assert resolve_prospect(db, str(pid)).id == pid
    assert resolve_prospect(db, "mette kjærgaard").id == pid
    add_prospect(db, "METTE KJÆRGAARD", company="Andet Firma ApS")
    with pytest.raises(UserError, match="Several prospects"):
        resolve_prospect(db, "Mette Kjærgaard")
    with pytest.raises(NotFound, match="No prospect is called"):
        resolve_prospect(db, "Nobody Nowhere")
    with pytest.raises(NotFound):
        resolve_prospect(db, "4242")


def test_list_is_sorted_by_name_with_company_names(db) -> None:
    add_prospect(db, "Örjan Berg", company="Berg AB")
    add_prospect(db, "anna Holm", company="Holm ApS")
    add_prospect(db, "Bo Lund")
    assert [(p.name, p.company) for p in list_prospects(db)] == [
        ("anna Holm", "Holm ApS"), ("Bo Lund", ""), ("Örjan Berg", "Berg AB")]


def test_delete_company_takes_its_people_and_says_how_many(db) -> None:
    keep = add_prospect(db, "Ingrid Sæther", company="Granlien Bygg AS")
    a = add_prospect(db, "Kjetil Øvrebø", company="Havbris Sjømat AS")
    b = add_prospect(db, "Sindre Havik", company="Havbris Sjømat AS")
    company = get_prospect(db, a).company_id
    assert [p.id for p in prospects_of_company(db, company)] == [a, b]
    assert delete_company(db, company) == 2
    assert [p.id for p in list_prospects(db)] == [keep]
    with pytest.raises(NotFound):
        delete_company(db, company)
