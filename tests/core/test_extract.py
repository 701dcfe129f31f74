"""Extraction from the realistic test company sites (en, fi, sv, nb)."""

from __future__ import annotations

from pathlib import Path

import pytest

from researcher.core.charset import decode_html
from researcher.core.extract import extract_html, extract_text, guess_language, iso_date

SITES = Path(__file__).resolve().parents[1] / "data" / "sites"


def load(rel: str, url: str = "http://127.0.0.1:8000/"):
    decoded = decode_html((SITES / rel).read_bytes())
    return extract_html(decoded.text, url + rel)


def test_finnish_latin1_news_release():
    page = load("fi-kuusiston-konepaja/tiedotteet/uusi-laserleikkauslinja.latin1.html")
    assert page.language == "fi" and page.published == "2026-11-04"
    assert page.title.startswith("Investoimme uuteen laserleikkauslinjaan")
    assert page.text.startswith("# Kuusiston Konepaja investoi uuteen laserleikkauslinjaan Nokialla")
    assert "kasvattaa ohutlevyosien kapasiteettia noin 40 prosenttia" in page.text
    assert page.news == [{"headline": "Kuusiston Konepaja investoi uuteen laserleikkauslinjaan Nokialla",
                          "date": "2026-11-04"}]
    for clutter in ("evästeitä", "Tietosuojaseloste", "Hae sivustolta", "Etusivu"):
        assert clutter not in page.text


def test_finnish_contact_page_organisation_and_contacts():
    page = load("fi-kuusiston-konepaja/yhteystiedot.html")
    org = page.organization
    assert org["legal_name"] == "Kuusiston Konepaja Oy" and org["founding_date"] == "1987"
    assert org["employees"] == "142" and org["address"] == "Hatanpään valtatie 34, 33100 Tampere, FI"
    assert page.emails[:2] == ["myynti@kuusistonkonepaja.fi", "laskutus@kuusistonkonepaja.fi"]
    assert page.phones == ["+358341235670"]  # the Y-tunnus is not a phone number
    assert page.social["linkedin"] == "https://www.linkedin.com/company/kuusiston-konepaja"
    assert page.canonical == "https://www.kuusistonkonepaja.fi/yhteystiedot.html"
    assert page.site_name == "Kuusiston Konepaja"


def test_microdata_people_finnish():
    page = load("fi-kuusiston-konepaja/yritys/johto.html")
    assert {"name": "Sanna Ylönen", "job_title": "tuotantojohtaja"} in page.people
    assert len(page.people) == 4
    assert "## Laura Kuusisto" in page.text or "# Laura Kuusisto" in page.text


def test_job_postings_finnish():
    page = load("fi-kuusiston-konepaja/rekry.html")
    assert [job["title"] for job in page.jobs] == ["Levyseppä-hitsaaja", "CNC-koneistaja", "Tuotannonsuunnittelija"]
    assert page.jobs[1] == {"title": "CNC-koneistaja", "location": "Nokia", "date": "2026-10-20"}


def test_swedish_leadership_and_cookie_banner_removed():
    page = load("sv-norrsken-logistik/om-oss/ledning.html")
    assert page.language == "sv"
    assert [p["name"] for p in page.people] == ["Karin Åström", "Per-Olof Lindqvist", "Johanna Björk"]
    assert "Karin Åström, vd" in page.text
    assert "cookies" not in page.text and "Kontakta oss" not in page.text


def test_swedish_news_date_with_timezone():
    page = load("sv-norrsken-logistik/nyheter/nytt-lager-i-jonkoping.html")
    assert page.published == "2026-10-28"
    assert "28 000 kvadratmeter i Jönköping" in page.text
    assert page.social == {"linkedin": "https://www.linkedin.com/company/norrsken-logistik",
                           "facebook": "https://www.facebook.com/norrskenlogistik", "x": "https://x.com/norrskenlog"}


def test_norwegian_people_jobs_language():
    people = load("nb-fjordlys-energi/om-oss/ledelsen.html")
    assert people.language == "nb"
    assert {"name": "Øystein Græsdal", "job_title": "daglig leder"} in people.people
    jobs = load("nb-fjordlys-energi/jobb-hos-oss/index.html")
    assert {"title": "Prosjektleder solkraft", "location": "Stavanger", "date": "2026-11-15"} in jobs.jobs
    assert jobs.phones == ["+4755301200"]


def test_english_graph_jobs_and_microdata_employees():
    careers = load("en-harbour-finch/careers/index.html")
    assert len(careers.jobs) == 3 and careers.language == "en"
    leaders = load("en-harbour-finch/about-us/leadership.html")
    assert {"name": "Mette Kjærgaard", "job_title": "VP Nordics"} in leaders.people
    blog = load("en-harbour-finch/blog/series-b.html")
    assert blog.published == "2026-10-06"
    assert {"name": "Priya Raman", "job_title": "Chief Executive Officer"} in blog.people
    assert "x" in blog.social and "intent" not in blog.social["x"]


def test_english_contact_numbers_in_two_countries():
    page = load("en-harbour-finch/contact/index.html")
    assert page.phones == ["+442079460321", "+4532123456"]
    assert page.organization["founding_date"] == "2016-03-01"


def test_pasted_text():
    text = ("Karin Åström\nVd på Norrsken Logistik AB\nGöteborg, Sverige\n\nOm\nJag leder ett team på 310 "
            "medarbetare och vi har öppnat ett nytt lager i Jönköping. Nå mig på karin.astrom@norrskenlogistik.se "
            "eller 070-123 45 67. https://www.linkedin.com/in/karin-astrom")
    page = extract_text(text)
    assert page.title == "Karin Åström" and page.language == "sv"
    assert page.emails == ["karin.astrom@norrskenlogistik.se"]
    assert page.phones == ["+46701234567"]
    assert page.social == {"linkedin": "https://www.linkedin.com/in/karin-astrom"}


@pytest.mark.parametrize("value,expected", [
    ("2026-10-28T08:00:00+01:00", "2026-10-28"), ("4.11.2026", "2026-11-04"), ("2026-02-30", None), ("", None)])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_guess_language():
    assert guess_language("Vi har ikke åpnet noe nytt kontor, men vi ansetter flere folk i Bergen og på Vestlandet.") == "nb"
    assert guess_language("Olemme perheyritys ja meillä on noin sata työntekijää, jotka ovat ammattilaisia.") == "fi"
    assert guess_language("short") is None


def test_broken_json_ld_is_skipped():
    html = ('<html><head><script type="application/ld+json">{"@type": "Organization", "name": </script>'
            '<script type="application/ld+json">{"@type":"LocalBusiness","name":"Bakeri Ås","telephone":"+47 22 33 44 55"}'
            "</script></head><body><p>Hei</p></body></html>")
    page = extract_html(html, "https://bakeri.no/")
    assert page.organization["name"] == "Bakeri Ås"
    assert page.phones == ["+4722334455"]


def test_site_name_from_title_when_not_declared():
    page = extract_html("<html><head><title>Ledige stillinger - Granlien Bygg</title></head><body><p>Hei</p></body></html>")
    assert page.site_name == "Granlien Bygg"
    assert extract_html("<title>Just a title</title>").site_name == ""


@pytest.mark.parametrize("language,text,founded,employees", [
    ("fi", "Kuusiston Konepaja Oy on vuonna 1987 perustettu perheyritys. Meillä työskentelee 142 ammattilaista.", "1987", "142"),
    ("sv", "Norrsken Logistik grundades 2004 i Göteborg och har i dag 1 310 medarbetare.", "2004", "1310"),
    ("nb", "Fjordlys Energi ble grunnlagt i Bergen i 2011 og har i dag 58 ansatte.", "2011", "58"),
    ("da", "Bøgely Revision blev grundlagt i 1991 og har 140 medarbejdere.", "1991", "140"),
    ("en", "Harbour & Finch was founded in London in 2016. Today we are a team of 85 people.", "2016", "85"),
])
def test_facts_stated_in_text(language, text, founded, employees):
    from researcher.core.text_facts import text_facts

    found = {f["kind"]: f for f in text_facts(text, language)}
    assert found["founded"]["value"] == founded and found["employees"]["value"] == employees
    assert found["founded"]["quote"] in text


def test_no_facts_from_headings_or_unrelated_numbers():
    from researcher.core.text_facts import text_facts

    assert text_facts("# Founded 1999\n\nWe serve 2,400 stores since the year 2000.", "en") == []


@pytest.mark.parametrize("text,banner", [
    ("Käytämme evästeitä sivuston toiminnan ja analytiikan varmistamiseksi.", True),
    ("Vi använder cookies för att förbättra din upplevelse.", True),
    ("Vi bruker informasjonskapsler (cookies) for å gi deg en bedre opplevelse.", True),
    ("Vi bruger cookies for at hjemmesiden fungerer. Accepter alle.", True),
    ("We use cookies to make this site work. Accept all cookies or manage your preferences.", True),
    ("Bageriet i Ås bakar 4 000 cookies varje dag och säljer dem i Oslo.", False),
    ("Routakivi investoi 12 miljoonaa euroa uuteen tuotantolinjaan.", False),
])
def test_cookie_banners_are_recognised(text, banner):
    from researcher.core.main_text import is_banner

    assert is_banner(text) is banner


def test_small_page_keeps_its_blocks_apart():
    html = ("<html lang='fi'><body><main><article><h1>Kivivillaeristeet Suomesta</h1><p>Routakivi valmistaa "
            "eristeitä Tampereella ja Kokkolassa.</p><ul><li><a href='/uutiset/'>Routakivi investoi Kokkolaan</a>"
            "</li><li><a href='/rekry/'>Avoimet työpaikat</a></li></ul></article></main></body></html>")
    text = extract_html(html, "https://www.routakivi.fi/").text
    assert "Kokkolassa.\n\nRoutakivi investoi Kokkolaan\n\nAvoimet työpaikat" in text


def test_control_characters_in_a_page_are_dropped_not_fatal():
    assert extract_html("\x1f<nav></nav>0", "https://example.fi/a/b").text.strip() == "0"
    page = extract_html("<html><body><nav>Valikko</nav>\x0b<main><h1>Kvarnsjö\x1f Energi</h1>"
                        "<p>Vi bygger vindkraft i Jämtland\x00 och söker fler montörer till Östersund.</p>"
                        "</main></body></html>", "https://www.kvarnsjoenergi.se/om-oss")
    assert "vindkraft i Jämtland" in page.text and "Östersund" in page.text
    assert not any(ord(char) < 9 or 13 < ord(char) < 32 for char in page.text)
