"""Job titles in five languages map to roles; deputies do not hold the role."""

from __future__ import annotations

import pytest

from researcher.core.roles import recognise_role, role_keys

TITLES = [
    ("Toimitusjohtaja", "ceo"), ("VD", "ceo"), ("vd och grundare", "ceo"), ("Daglig leder", "ceo"),
    ("Administrerende direktør", "ceo"), ("adm. dir.", "ceo"), ("Managing Director", "ceo"), ("Direktør", "ceo"),
    ("Talousjohtaja", "cfo"), ("Konsernitalousjohtaja", "cfo"), ("Ekonomichef", "cfo"), ("Økonomisjef", "cfo"),
    ("Økonomidirektør", "cfo"), ("Økonomichef", "cfo"), ("Finance Director", "cfo"), ("Chief Financial Officer", "cfo"),
    ("Tietohallintojohtaja", "cto"), ("IT-chef", "cto"), ("IT-sjef", "cto"), ("IT-direktør", "cto"), ("CIO", "cto"),
    ("Driftssjef", "coo"), ("Operations Director", "coo"), ("Tuotantojohtaja", "coo"),
    ("Head of People", "hr"), ("Henkilöstöjohtaja", "hr"), ("Personalchef", "hr"), ("HR-sjef", "hr"),
    ("Myyntijohtaja", "sales"), ("Säljchef", "sales"), ("Salgsdirektør", "sales"), ("Kommerciel direktør", "sales"),
    ("Markkinointijohtaja", "marketing"), ("Marknadschef", "marketing"), ("Markedssjef", "marketing"),
    ("Inköpschef", "procurement"), ("Innkjøpssjef", "procurement"), ("Indkøbschef", "procurement"),
    ("Logistiikkajohtaja", "logistics"), ("Lagerchef", "logistics"), ("Head of Supply Chain", "logistics"),
]


@pytest.mark.parametrize(("title", "role"), TITLES)
def test_title_is_recognised(title: str, role: str) -> None:
    assert recognise_role(title) == role


@pytest.mark.parametrize("title", ["Varatoimitusjohtaja", "Vice vd", "Deputy CFO", "Stf. daglig leder",
                                   "Assisterende direktør", "Ass. direktør", "ställföreträdande ekonomichef"])
def test_deputy_does_not_hold_the_role(title: str) -> None:
    assert recognise_role(title) is None


@pytest.mark.parametrize("title", ["", "Markedsføringsassistent", "Kirjanpitäjä", "Säljare"])
def test_other_titles_have_no_role(title: str) -> None:
    assert recognise_role(title) is None


def test_every_role_has_a_label_in_every_interface_language() -> None:
    from researcher.core.models import LANGUAGES
    from researcher.core.prep_sheet_text import sheet_labels

    for language in LANGUAGES:
        assert set(sheet_labels(language)["roles"]) == set(role_keys()), language
