"""Generate a big, realistic store for benchmarks: 100,000 prospects, 20,000 companies, 500,000 entries.

Usage: .venv/bin/python bench/make_big_db.py [PATH] [--prospects N]

Prospect 1 ("Åsa Lindqvist") gets exactly 500 timeline entries (250 notes, 250 interactions);
the rest are spread over the other prospects. Everything is fictional and reproducible (seeded).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from researcher.core.db import open_database  # noqa: E402

DEFAULT_PATH = Path("/tmp/researcher-bench/big.sqlite")
BUSY_PROSPECT_ENTRIES = 500

COUNTRIES = {
    "FI": {
        "first": ["Aino", "Eero", "Juha", "Minna", "Sanna", "Pekka", "Tuula", "Jari", "Kaisa", "Heikki", "Päivi",
                  "Jyrki", "Tiina", "Mikko", "Elina", "Väinö", "Sirpa", "Ilkka", "Ville", "Outi"],
        "last": ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Järvinen", "Lehtonen", "Heikkinen",
                 "Kärkkäinen", "Väisänen", "Mäkelä", "Häkkinen", "Ylönen", "Pääkkönen", "Söderholm"],
        "titles": ["Talousjohtaja", "Toimitusjohtaja", "Logistiikkajohtaja", "Hankintapäällikkö", "IT-päällikkö",
                   "Tuotantojohtaja", "Henkilöstöjohtaja", "Myyntijohtaja"],
        "stems": ["Routa", "Kivi", "Järvi", "Kuusi", "Revon", "Pohjan", "Honka", "Lumi", "Saimaan", "Kaamos"],
        "tails": ["kivi", "tekniikka", "rakennus", "energia", "data", "kuljetus", "metalli", "puu"],
        "suffix": "Oy", "domain": "fi", "lang": "fi",
        "phone": lambda r: f"+358 40 {r.randint(100, 999)} {r.randint(1000, 9999)}",
        "notes": ["Tehdas laajenee {city}n; rekrytoi {n} uutta työntekijää.",
                  "Uusi talousjohtaja aloitti {month}. Budjetti päätetään tammikuussa.",
                  "Kilpailija toimittaa nyt; sopimus päättyy {year}.",
                  "Liikevaihto kasvoi {n} prosenttia; investoi automaatioon."],
        "cities": ["Tampere", "Oulu", "Kokkola", "Turku", "Jyväskylä", "Hämeenlinna"],
    },
    "SE": {
        "first": ["Åsa", "Björn", "Göran", "Elin", "Märta", "Sven", "Karin", "Lars", "Ingrid", "Anders", "Ebba",
                  "Nils", "Maja", "Oskar"],
        "last": ["Andersson", "Johansson", "Lindqvist", "Åberg", "Sjöström", "Ekström", "Nyström", "Löfgren",
                 "Bergström", "Öberg", "Wåhlin"],
        "titles": ["VD", "Inköpschef", "IT-chef", "Ekonomichef", "Driftchef", "Försäljningschef", "HR-chef"],
        "stems": ["Kvarn", "Sjö", "Norr", "Lönn", "Björk", "Fjäll", "Älv", "Ek", "Gran", "Ström"],
        "tails": ["bygg", "energi", "data", "logistik", "teknik", "metall", "trä", "verken"],
        "suffix": "AB", "domain": "se", "lang": "sv",
        "phone": lambda r: f"+46 70 {r.randint(100, 999)} {r.randint(10, 99)} {r.randint(10, 99)}",
        "notes": ["Nytt kontor i {city}; anställer {n} personer.",
                  "Ny ekonomichef sedan {month}. Budgeten sätts i januari.",
                  "Avtalet med nuvarande leverantör löper ut {year}.",
                  "Omsättningen ökade med {n} procent; satsar på digitalisering."],
        "cities": ["Uppsala", "Göteborg", "Malmö", "Umeå", "Västerås", "Örebro"],
    },
    "NO": {
        "first": ["Kjetil", "Ingrid", "Ørjan", "Sigrid", "Åse", "Tor", "Solveig", "Håkon", "Bjørn", "Ragnhild",
                  "Eirik", "Marte", "Sindre"],
        "last": ["Hansen", "Johansen", "Øvrebø", "Sæther", "Haugland", "Løvås", "Bråthen", "Ødegård", "Bakke",
                 "Strøm", "Aasen"],
        "titles": ["Daglig leder", "Driftssjef", "Innkjøpssjef", "Økonomisjef", "IT-sjef", "Salgssjef"],
        "stems": ["Fjell", "Havbris", "Granli", "Fjord", "Nord", "Vest", "Øst", "Sjø", "Bre", "Skog"],
        "tails": ["bygg", "kraft", "sjømat", "data", "transport", "teknikk", "tre", "verk"],
        "suffix": "AS", "domain": "no", "lang": "nb",
        "phone": lambda r: f"+47 9{r.randint(10, 99)} {r.randint(10, 99)} {r.randint(100, 999)}",
        "notes": ["Ny fabrikk i {city}; ansetter {n} personer.",
                  "Ny økonomisjef fra {month}. Budsjettet vedtas i januar.",
                  "Avtalen med dagens leverandør går ut {year}.",
                  "Omsetningen økte med {n} prosent; investerer i automasjon."],
        "cities": ["Ålesund", "Tromsø", "Bergen", "Stavanger", "Trondheim", "Bodø"],
    },
    "DK": {
        "first": ["Mette", "Rasmus", "Søren", "Jens", "Birgitte", "Anders", "Lærke", "Mads", "Freja", "Jørgen"],
        "last": ["Nielsen", "Jensen", "Kjærgaard", "Bækgaard", "Sørensen", "Møller", "Østergaard", "Holm",
                 "Dalsgaard"],
        "titles": ["Administrerende direktør", "Økonomichef", "Indkøbschef", "IT-chef", "Driftschef"],
        "stems": ["Bøgely", "Fjordlys", "Strand", "Lind", "Æble", "Kyst", "Hede", "Mose"],
        "tails": ["revision", "klinikker", "byg", "energi", "data", "transport", "teknik"],
        "suffix": "A/S", "domain": "dk", "lang": "da",
        "phone": lambda r: f"+45 {r.randint(20, 99)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}",
        "notes": ["Ny afdeling i {city}; ansætter {n} medarbejdere.",
                  "Ny økonomichef fra {month}. Budgettet lægges i januar.",
                  "Aftalen med nuværende leverandør udløber {year}.",
                  "Omsætningen steg {n} procent; investerer i digitalisering."],
        "cities": ["Aarhus", "Odense", "Aalborg", "Esbjerg", "Kolding", "Vejle"],
    },
    "GB": {
        "first": ["Claire", "James", "Priya", "Oliver", "Emma", "Harry", "Sophie", "Aisha", "Tom", "Fiona"],
        "last": ["Smith", "Donovan", "Raman", "Taylor", "Walsh", "Clarke", "Hughes", "Patel", "Evans"],
        "titles": ["Operations Director", "Head of People", "Finance Director", "CIO", "Procurement Manager"],
        "stems": ["Pennine", "Harcourt", "Thames", "Severn", "Cotswold", "Moorland", "Ridge"],
        "tails": [" Haulage", " Systems", " Foods", " Engineering", " Logistics", " Energy"],
        "suffix": "Ltd", "domain": "co.uk", "lang": "en",
        "phone": lambda r: f"+44 7700 {r.randint(100000, 999999)}",
        "notes": ["Opening a new depot in {city}; hiring {n} drivers.",
                  "New finance director since {month}. Budget is set in January.",
                  "Contract with the current supplier ends in {year}.",
                  "Revenue grew {n} per cent; investing in automation."],
        "cities": ["Leeds", "Daventry", "Bristol", "Manchester", "Glasgow", "Norwich"],
    },
}
STAGES = ["new", "researching", "contacted", "interested", "meeting", "customer", "lost"]
KINDS = ["call", "email", "meeting", "linkedin", "other"]
OUTCOMES = ["no_answer", "gatekeeper", "voicemail", "connected", "not_interested", "call_back_later",
            "meeting_booked", "sent", "replied"]
MONTHS = ["January", "March", "June", "September", "October"]
BASE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _slug(text: str) -> str:
    table = str.maketrans("åäöøæé ", "aaooae-")
    return "".join(ch for ch in text.lower().translate(table) if ch.isalnum() or ch == "-")


def _note_text(rand: random.Random, country: dict) -> str:
    template = rand.choice(country["notes"])
    return template.format(city=rand.choice(country["cities"]), n=rand.randint(3, 60),
                           month=rand.choice(MONTHS), year=rand.randint(2026, 2029))


def build(path: Path, *, prospects: int = 100_000, companies: int = 20_000, entries: int = 500_000,
          seed: int = 20261201) -> Path:
    """Write the benchmark database at ``path`` (replacing it) and return the path."""
    rand = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = open_database(path)
    conn = db.conn
    db.execute("PRAGMA synchronous=OFF")  # a throwaway file: speed matters more than power-cut safety
    now = BASE.isoformat()
    codes = list(COUNTRIES)
    company_rows, company_country = [], []
    for number in range(1, companies + 1):
        code = codes[number % len(codes)]
        country = COUNTRIES[code]
        name = f"{rand.choice(country['stems'])}{rand.choice(country['tails'])} {number} {country['suffix']}"
        company_rows.append((number, name, f"https://www.{_slug(name)}.{country['domain']}", "manufacturing",
                             str(rand.randint(10, 5000)), code, f"{rand.randint(1000000, 9999999)}-{number % 10}",
                             now, now))
        company_country.append(code)
    prospect_rows = []
    for number in range(1, prospects + 1):
        company = 1 if number == 1 else rand.randint(1, companies)
        code = company_country[company - 1]
        country = COUNTRIES[code]
        name = "Åsa Lindqvist" if number == 1 else f"{rand.choice(country['first'])} {rand.choice(country['last'])}"
        email = f"{_slug(name.replace(' ', '.'))}.{number}@example.{country['domain']}"
        prospect_rows.append([number, company, name, rand.choice(country["titles"]), email,
                              json.dumps([country["phone"](rand)], ensure_ascii=False), "", code,
                              rand.choice(country["cities"]), country["lang"], rand.choice(STAGES), "[]",
                              None, None, now, now])
    notes, interactions = [], []
    per_kind = (entries - BUSY_PROSPECT_ENTRIES) // 2
    owners = [1] * (BUSY_PROSPECT_ENTRIES // 2) + [rand.randint(2, prospects) for _ in range(per_kind)]
    for owner in owners:
        country = COUNTRIES[prospect_rows[owner - 1][7]]
        when = (BASE - timedelta(minutes=rand.randint(0, 720 * 24 * 60))).isoformat()
        notes.append((owner, _note_text(rand, country), rand.choice(["company website", "phone call", "news"]),
                      when, when))
    owners = [1] * (BUSY_PROSPECT_ENTRIES // 2) + [rand.randint(2, prospects) for _ in range(per_kind)]
    for owner in owners:
        country = COUNTRIES[prospect_rows[owner - 1][7]]
        when = BASE - timedelta(minutes=rand.randint(0, 720 * 24 * 60))
        follow = (when + timedelta(days=rand.randint(1, 60))).date().isoformat() if rand.random() < 0.4 else None
        row = prospect_rows[owner - 1]
        if row[12] is None or when.isoformat() > row[12]:
            row[12], row[13] = when.isoformat(), follow
        interactions.append((owner, rand.choice(KINDS), rand.choice(["outbound", "inbound"]), rand.choice(OUTCOMES),
                             _note_text(rand, country), "Follow up with the reference case", follow,
                             when.isoformat(), when.isoformat()))
    with db.atomic():
        conn.executemany("INSERT INTO companies (id, name, website, industry, size, country, org_number, "
                         "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", company_rows)
        conn.executemany("INSERT INTO prospects (id, company_id, name, title, email, phones, linkedin, country, "
                         "city, language, stage, tags, last_interaction_at, next_follow_up, created_at, updated_at) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", prospect_rows)
        conn.executemany("INSERT INTO notes (prospect_id, body, source, created_at, updated_at) "
                         "VALUES (?,?,?,?,?)", notes)
        conn.executemany("INSERT INTO interactions (prospect_id, kind, direction, outcome, summary, next_step, "
                         "follow_up, occurred_at, created_at) VALUES (?,?,?,?,?,?,?,?,?)", interactions)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--prospects", type=int, default=100_000)
    args = parser.parse_args()
    started = time.perf_counter()
    companies = max(1, args.prospects // 5)
    build(args.path, prospects=args.prospects, companies=companies, entries=args.prospects * 5)
    size = args.path.stat().st_size / 1e6
    print(f"Wrote {args.path} ({args.prospects:,} prospects, {companies:,} companies, {args.prospects * 5:,} "
          f"notes and interactions, {size:.0f} MB) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
