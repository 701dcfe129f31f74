"""Charset decisions for Nordic pages in UTF-8, ISO-8859-1 and windows-1252."""

from __future__ import annotations

import codecs

import pytest

from researcher.core.charset import UndecodableError, charset_from_content_type, decode_html

NORDIC = [
    "Työntekijöitä on 142 ja toimipaikat ovat Tampereella ja Jyväskylässä.",
    "Vi på Norrsken Logistik är glada att öppna ett nytt lager i Jönköping.",
    "Fjordlys Energi har økt omsetningen og ansetter nye elektrikere i Bergen og Tromsø.",
    "Vores kunder på Østerbro får æbler og rødgrød med fløde.",
]


def page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>Sivu</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize("text", NORDIC)
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "cp1252"])
def test_nordic_without_any_declaration(text, encoding):
    decoded = decode_html(page(text).encode(encoding))
    assert text in decoded.text


@pytest.mark.parametrize("text", NORDIC)
def test_meta_charset_is_used(text):
    raw = page(text + " “lainaus” – €", '<meta charset="windows-1252">').encode("cp1252")
    decoded = decode_html(raw)
    assert decoded.method == "meta" and text + " “lainaus” – €" in decoded.text


def test_header_wins_over_meta():
    raw = page("Smørbrød", '<meta charset="utf-8">').encode("latin-1")
    decoded = decode_html(raw, header_charset="iso-8859-1")
    assert decoded.method == "header" and "Smørbrød" in decoded.text and decoded.encoding == "cp1252"


def test_mislabelled_utf8_is_recognised():
    raw = page("Hyvää päivää, Åbo").encode("utf-8")
    assert "Hyvää päivää, Åbo" in decode_html(raw, header_charset="iso-8859-1").text


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_bom(bom, encoding):
    raw = bom + page("Ærø og Ålesund").encode(encoding)
    decoded = decode_html(raw)
    assert decoded.method == "bom" and "Ærø og Ålesund" in decoded.text


def test_unknown_label_falls_through():
    raw = page("Göteborg", '<meta charset="klingon-8">').encode("utf-8")
    assert "Göteborg" in decode_html(raw, header_charset="x-unknown").text


def test_binary_garbage_is_undecodable():
    with pytest.raises(UndecodableError):
        decode_html(bytes(range(32)) * 100)


def test_content_type_parameter():
    assert charset_from_content_type('text/html; Charset="ISO-8859-1"') == "ISO-8859-1"
    assert charset_from_content_type("text/html") is None
