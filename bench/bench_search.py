"""Search speed on 100,000 stored pages in mixed languages: search_all vs a bare FTS5 MATCH.

Run: .venv/bin/python bench/bench_search.py [--pages 100000] [--db /tmp/researcher-bench-search.sqlite] [--rebuild]
The database is generated once (about 450 words per page; en/fi/sv/nb/da; Zipf-distributed words,
company names, people) and reused. Targets: p95 of search_all ≤ 30 ms and ≤ 1.5 × the p95 of a
bare ``SELECT rowid FROM snapshots_fts WHERE snapshots_fts MATCH ? ORDER BY rank LIMIT 50``
with the same query string on the same database.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from researcher.core.db import open_database  # noqa: E402
from researcher.core.search import fts_query, search_all  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "fi", "sv", "nb", "da")
QUERIES = [
    "rekry", "NIS2", "Jönköping", "toimitusjohtaja", "nytt lager", "investoi", "ansetter", "Series B",
    "laserleikkaus", "kvadratmeter", "daglig leder", "ekonomichef", "nyheder klinikker", "terminaali",
    "funding round", "hiring engineers", "uusi tehdas", "öppnar kontor", "emisjon", "opkøb", "CSRD",
    "Tampere", "Bergen", "Aarhus", "Manchester", "växer", "kasvu", "vekst", "vækst", "growth",
]


ONSETS = {"en": ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "w", "st", "tr", "br", "ch"],
          "fi": ["h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "kk", "tt", "ss", "ll"],
          "sv": ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "sk", "st", "sj"],
          "nb": ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "sk", "st", "kj"],
          "da": ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "sk", "st", "tj"]}
VOWELS = {"en": ["a", "e", "i", "o", "u", "ea", "ou"], "fi": ["a", "e", "i", "o", "u", "y", "ä", "ö", "aa", "ii"],
          "sv": ["a", "e", "i", "o", "u", "y", "å", "ä", "ö"], "nb": ["a", "e", "i", "o", "u", "y", "å", "æ", "ø"],
          "da": ["a", "e", "i", "o", "u", "y", "å", "æ", "ø"]}


def vocabulary(rng: random.Random) -> dict[str, list[str]]:
    """Words per language ranked for Zipf sampling: frequent short words first, then the words of the
    test sites and demo pages mixed at random ranks among 40,000 made-up words built from the
    language's syllables; the real words sit at log-uniform ranks, so a few of them are common and
    most are as rare as a place or company name on real sites."""
    import tomllib

    stop = tomllib.loads((ROOT / "resources/research/languages.toml").read_text(encoding="utf-8"))["words"]
    words: dict[str, set[str]] = {lang: set() for lang in LANGS}
    sources = list((ROOT / "tests/data/sites").rglob("*.html")) + list((ROOT / "resources/demo/pages").glob("*.html"))
    for path in sources:
        text = path.read_bytes().decode("utf-8", "replace")
        lang = re.search(r'<html lang="(\w\w)', text)
        code = {"no": "nb"}.get(lang.group(1), lang.group(1)) if lang else "en"
        body = re.sub(r"<[^>]+>", " ", text.split("<main", 1)[-1])
        words.setdefault(code, set()).update(w for w in re.findall(r"[^\W\d_]{2,}", body))
    vocab = {}
    for lang in LANGS:
        base = sorted(words[lang] - set(stop[lang]))
        onsets, vowels = ONSETS[lang], VOWELS[lang]
        made = {"".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
                for _ in range(40_000)}
        rest = sorted(made - set(base))
        rng.shuffle(rest)
        for word in base:  # real words at log-uniform ranks: a few common, most of them rare
            rest.insert(int(math.exp(rng.uniform(math.log(30), math.log(len(rest))))), word)
        vocab[lang] = list(stop[lang]) + rest
    return vocab


def zipf_sampler(size: int, rng: random.Random, s: float = 1.07):
    weights = [1 / (rank ** s) for rank in range(1, size + 1)]
    total = sum(weights)
    cumulative, acc = [], 0.0
    for w in weights:
        acc += w / total
        cumulative.append(acc)
    return lambda k: rng.choices(range(size), cum_weights=cumulative, k=k)


def build(path: Path, pages: int) -> None:
    rng = random.Random(7)
    vocab = vocabulary(rng)
    samplers = {lang: zipf_sampler(len(vocab[lang]), rng) for lang in LANGS}
    db = open_database(path)
    now = "2026-11-30T08:00:00+00:00"
    with db.atomic():
        companies = [(f"Bench{n} {rng.choice(['Oy', 'AB', 'AS', 'A/S', 'Ltd'])}", f"https://bench{n}.example")
                     for n in range(pages // 10)]
        db.conn.executemany("INSERT INTO companies (name, website, created_at, updated_at) VALUES (?, ?, ?, ?)",
                            [(n, w, now, now) for n, w in companies])
    batch = []
    for i in range(pages):
        lang = LANGS[i % len(LANGS)]
        words = [vocab[lang][j] for j in samplers[lang](rng.randint(250, 650))]
        sentences, pos = [], 0
        while pos < len(words):
            n = rng.randint(8, 18)
            sentences.append(" ".join(words[pos:pos + n]).capitalize() + ".")
            pos += n
        company = i // 10 + 1
        name = companies[company - 1][0]
        text = f"# {name}\n\n" + "\n\n".join(" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4))
        batch.append((company, f"https://bench{company}.example/page{i}", f"{name} {' '.join(words[:4])}", text, lang))
        if len(batch) == 5000 or i == pages - 1:
            with db.atomic():
                for company_id, url, title, body, language in batch:
                    cur = db.conn.execute("INSERT INTO pages (company_id, url, state, source, created_at, updated_at) "
                                          "VALUES (?, ?, 'fetched', 'fetched', ?, ?)", (company_id, url, now, now))
                    db.conn.execute("INSERT INTO snapshots (page_id, captured_at, final_url, title, text, language) "
                                    "VALUES (?, ?, ?, ?, ?, ?)", (cur.lastrowid, now, url, title, body, language))
            batch = []
            print(f"  {i + 1} pages", end="\r", flush=True)
    db.execute("INSERT INTO snapshots_fts(snapshots_fts) VALUES('optimize')")
    db.conn.commit()
    db.close()
    print()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/researcher-bench-search.sqlite"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        started = time.perf_counter()
        print(f"building {args.pages} pages in {args.db} …")
        build(args.db, args.pages)
        print(f"built in {time.perf_counter() - started:.0f} s")
    db = open_database(args.db)
    count = db.execute("SELECT count(*) FROM snapshots_fts").fetchone()[0]
    words = db.execute("SELECT avg(length(text) - length(replace(text, ' ', '')) + 1) FROM snapshots").fetchone()[0]
    print(f"{count} indexed pages, {words:.0f} words per page on average")
    ours, bare, bands = [], [], {"rare (<100 matches)": ([], []), "medium (100-2000)": ([], []),
                                 "frequent (>2000)": ([], [])}
    bare_sql = "SELECT rowid FROM snapshots_fts WHERE snapshots_fts MATCH ? ORDER BY rank LIMIT 50"
    for query in QUERIES:
        match = fts_query(query)
        matches = db.execute("SELECT count(*) FROM snapshots_fts WHERE snapshots_fts MATCH ?", [match]).fetchone()[0]
        band = bands["rare (<100 matches)" if matches < 100 else "medium (100-2000)" if matches <= 2000
                     else "frequent (>2000)"]
        search_all(db, query)
        db.execute(bare_sql, [match]).fetchall()
        for _ in range(args.repeat):
            t = time.perf_counter()
            search_all(db, query, limit=50)
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            db.execute(bare_sql, [match]).fetchall()
            bare.append((time.perf_counter() - t) * 1000)
            band[0].append(ours[-1])
            band[1].append(bare[-1])
    print(f"{len(QUERIES)} queries x {args.repeat} runs; baseline: {bare_sql}")
    print(f"search_all (ranked, snippets, pages+notes+interactions): median {statistics.median(ours):.1f} ms, "
          f"p95 {p95(ours):.1f} ms (target <= 30 ms)")
    print(f"bare FTS5 MATCH, ranked top 50 rowids:                 median {statistics.median(bare):.1f} ms, "
          f"p95 {p95(bare):.1f} ms")
    print(f"ratio p95 search_all / p95 bare MATCH: {p95(ours) / p95(bare):.2f}x (target <= 1.5x)")
    for name, (mine, theirs) in bands.items():
        if mine:
            print(f"  {name:20s} {len(mine) // args.repeat:2d} queries: search_all median {statistics.median(mine):6.1f} ms,"
                  f" max {max(mine):6.1f} ms; bare median {statistics.median(theirs):6.1f} ms, max {max(theirs):6.1f} ms")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
