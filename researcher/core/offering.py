"""The rep's "my offering": what they sell, the pains it solves, proof stories and insights."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from researcher.core import pain_library
from researcher.core.clock import utcnow
from researcher.core.errors import UserError
from researcher.core.lexicon import LANGUAGES
from researcher.core.resources import resource_path

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader

Texts = dict[str, str]


@dataclass(frozen=True)
class OfferingPain:
    """A pain the offering solves (a key of the pain library) and the value for the buyer."""

    key: str
    value: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class Proof:
    """A short proof story: a similar customer and a number, per language."""

    customer: str
    pain: str
    text: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class Insight:
    """Something worth teaching a buyer who has this pain, per language."""

    pain: str
    text: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class Offering:
    """Everything the opener needs to know about the rep and what they sell."""

    rep_name: str
    company: str
    company_from: Texts = field(default_factory=dict)
    what: Texts = field(default_factory=dict)
    pains: tuple[OfferingPain, ...] = ()
    proofs: tuple[Proof, ...] = ()
    insights: tuple[Insight, ...] = ()

    def solves(self, pain_key: str) -> bool:
        """True when the offering lists this pain."""
        return any(p.key == pain_key for p in self.pains)

    def proof_for(self, pain_key: str, language: str) -> Proof | None:
        """The first proof story for a pain that is written in ``language``."""
        return next((p for p in self.proofs if p.pain == pain_key and p.text.get(language)), None)

    def insight_for(self, pain_key: str, language: str) -> Insight | None:
        """The first insight for a pain that is written in ``language``."""
        return next((i for i in self.insights if i.pain == pain_key and i.text.get(language)), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON/TOML-ready dictionary (the import format)."""
        return asdict(self)


def _texts(value: Any, where: str) -> Texts:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value}
    if not isinstance(value, dict):
        raise UserError(f"{where} must be a text or a table of languages (en, fi, sv, nb, da).")
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise UserError(f"{where} has texts in unsupported languages: {', '.join(unknown)}. Use en, fi, sv, nb or da.")
    cleaned = {}
    for language, text in value.items():
        if not isinstance(text, str):
            raise UserError(f"{where}.{language} must be text.")
        if text.strip():
            cleaned[language] = " ".join(text.split())
    return cleaned


def _records(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise UserError(f"'{name}' must be a list of tables ([[{name}]] in TOML).")
    return value


@cache
def _known_pains() -> frozenset[str]:
    return frozenset(pain.key for pain in pain_library.pains())


def offering_from_dict(data: Any) -> Offering:
    """Validate a parsed TOML/JSON document and return the Offering. Raises UserError with the reason."""
    if not isinstance(data, dict):
        raise UserError("An offering file must hold a table (TOML) or an object (JSON) at the top.")
    rep_name = str(data.get("rep_name", "")).strip()
    company = str(data.get("company", "")).strip()
    if not rep_name or not company:
        raise UserError("The offering needs your name and the company you sell for (rep_name and company).")
    known = _known_pains()

    def _pain_key(item: dict[str, Any], field_name: str, where: str) -> str:
        key = str(item.get(field_name, "")).strip()
        if key not in known:
            raise UserError(f"{where}: unknown pain {key!r}. Known pains: {', '.join(sorted(known))}.")
        return key

    pains = tuple(OfferingPain(_pain_key(p, "key", f"pains[{i}]"), _texts(p.get("value"), f"pains[{i}].value"))
                  for i, p in enumerate(_records(data, "pains")))
    proofs = []
    for i, item in enumerate(_records(data, "proofs")):
        customer = str(item.get("customer", "")).strip()
        if not customer:
            raise UserError(f"proofs[{i}] needs the customer's name.")
        proofs.append(Proof(customer, _pain_key(item, "pain", f"proofs[{i}]"), _texts(item.get("text"), f"proofs[{i}].text")))
    insights = tuple(Insight(_pain_key(item, "pain", f"insights[{i}]"), _texts(item.get("text"), f"insights[{i}].text"))
                     for i, item in enumerate(_records(data, "insights")))
    return Offering(rep_name, company, _texts(data.get("company_from"), "company_from"),
                    _texts(data.get("what"), "what"), pains, tuple(proofs), insights)


def parse_offering_file(path: Path) -> Offering:
    """Read an offering from a .toml or .json file. Raises UserError for unreadable or invalid files."""
    import tomllib  # only here: a sheet reads the stored offering, never a file

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror or error}.") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(f"{path} is not a UTF-8 text file.") from error
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise UserError(f"{path} is not valid {kind}: {error}.") from error
    return offering_from_dict(data)


def get_offering(db: Reader) -> Offering | None:
    """Return the stored offering, or None when the rep has not described one yet."""
    rows = list(db.query("SELECT data FROM offering WHERE id = 1"))
    return offering_from_dict(json.loads(rows[0]["data"])) if rows else None


def save_offering(db: Database, offering: Offering) -> None:
    """Store the offering (replacing the previous one) in one transaction."""
    payload = json.dumps(offering.to_dict(), ensure_ascii=False)
    with db.atomic():
        db["offering"].upsert({"id": 1, "data": payload, "updated_at": utcnow()}, pk="id")


def import_offering(db: Database, path: Path) -> Offering:
    """Validate and store an offering file; the stored one is untouched when the file is bad."""
    offering = parse_offering_file(path)
    save_offering(db, offering)
    return offering


def seed_demo_offering(db: Database) -> Offering:
    """Store the demo's fictional offering from resources/demo/offering.toml."""
    return import_offering(db, resource_path("demo/offering.toml"))


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _toml_table(header: str, texts: Texts) -> list[str]:
    return [f"[{header}]", *(f"{lang} = {_toml_string(text)}" for lang, text in texts.items())]


def offering_to_toml(offering: Offering) -> str:
    """Write the offering in the TOML import format (for editing and for sharing with a team)."""
    lines = [f"rep_name = {_toml_string(offering.rep_name)}", f"company = {_toml_string(offering.company)}", ""]
    lines += _toml_table("company_from", offering.company_from) + [""] + _toml_table("what", offering.what)
    for pain in offering.pains:
        lines += ["", "[[pains]]", f"key = {_toml_string(pain.key)}", *_toml_table("pains.value", pain.value)]
    for proof in offering.proofs:
        lines += ["", "[[proofs]]", f"customer = {_toml_string(proof.customer)}", f"pain = {_toml_string(proof.pain)}",
                  *_toml_table("proofs.text", proof.text)]
    for insight in offering.insights:
        lines += ["", "[[insights]]", f"pain = {_toml_string(insight.pain)}", *_toml_table("insights.text", insight.text)]
    return "\n".join(lines) + "\n"
