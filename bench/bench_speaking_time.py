"""Calibrate and check the speaking-time estimate against espeak-ng, per language.

Run: .venv/bin/python bench/bench_speaking_time.py [--write]

Sentences come from the shipped opener material (templates filled with demo values, the pain
library, the demo offering). Each is synthesised with espeak-ng at a fixed rate (150 wpm) and its
WAV duration read with Python's wave module. Half the sentences fit the per-language constants
(least squares); the other half are joined into ~20-second openers, synthesised whole, and the
mean absolute error of the estimate is reported (target ≤ 1.5 s). --write stores the fitted
constants in resources/speech.toml.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import tomllib
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from researcher.core import speech_time  # noqa: E402
from researcher.core.resources import resource_path  # noqa: E402
from researcher.core.sentences import split_sentences  # noqa: E402

VOICES = {"en": "en-gb", "fi": "fi", "sv": "sv", "nb": "nb", "da": "da"}
RATE = 150
FIELDS = {"first_name": "Minna", "rep_name": "Anni Koskela", "company": "Kaarnatieto", "company_from": "Kaarnatiedosta",
          "count": "14", "role": "CFO", "role_as": "talousjohtajana", "regulation": "NIS2", "week": "12",
          "source": "the company website", "value": "", "question": "", "mention": "", "when": "", "When": ""}


def corpus(language: str) -> list[str]:
    """All distinct sentences of the shipped opener material in one language."""
    texts: list[str] = []
    templates = tomllib.loads(resource_path(f"openers/{language}.toml").read_text(encoding="utf-8"))
    pains = tomllib.loads(resource_path("pains.toml").read_text(encoding="utf-8"))
    offering = tomllib.loads(resource_path("demo/offering.toml").read_text(encoding="utf-8"))
    months = templates["months"]
    for section in ("greeting", "reason", "question", "permission"):
        for template in templates[section].values():
            texts.append(template.format(**FIELDS))
    for pain in pains["pain"]:
        texts += [pain["insight"][language], pain["question"][language]]
        texts += [special[language] for special in pain.get("insight_for", {}).values()]
        for key in ("spoke", "met", "last_spoke"):
            when = templates["month_phrase"].format(month=months[4])
            texts.append(templates["follow_up"][key].format(when=when, mention=pain["mention"][language]))
    for group in ("proofs", "insights"):
        texts += [item["text"][language] for item in offering[group] if language in item["text"]]
    for objection in templates["objections"].values():
        texts.append(objection["objection"])
    sentences = [s.text for text in texts for s in split_sentences(text, language)]
    return sorted({s for s in sentences if re.search(r"\w", s)})


def synthesise(text: str, language: str, folder: Path) -> float:
    """Seconds of speech espeak-ng produces for ``text``."""
    out = folder / "speech.wav"
    subprocess.run(["espeak-ng", "-v", VOICES[language], "-s", str(RATE), "-w", str(out), text],
                   check=True, capture_output=True)
    with wave.open(str(out)) as handle:
        return handle.getnframes() / handle.getframerate()


def solve(rows: list[list[float]], targets: list[float]) -> list[float]:
    """Least squares by the normal equations with a little ridge for stability."""
    size = len(rows[0])
    matrix = [[sum(r[i] * r[j] for r in rows) + (1e-6 if i == j else 0.0) for j in range(size)] for i in range(size)]
    vector = [sum(r[i] * t for r, t in zip(rows, targets, strict=True)) for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(matrix[r][col]))
        matrix[col], matrix[pivot] = matrix[pivot], matrix[col]
        vector[col], vector[pivot] = vector[pivot], vector[col]
        for row in range(size):
            if row != col and matrix[col][col]:
                factor = matrix[row][col] / matrix[col][col]
                matrix[row] = [a - factor * b for a, b in zip(matrix[row], matrix[col], strict=True)]
                vector[row] -= factor * vector[col]
    return [vector[i] / matrix[i][i] for i in range(size)]


def fit(language: str, texts: list[str], durations: list[float]) -> dict[str, float]:
    """Fit seconds = syllables/rate + words·w + commas·c + inner stops·s + base by least squares."""
    rows = [[*speech_time.count_features(text, language), 1.0] for text in texts]
    per_syllable, per_word, per_comma, per_stop, base = solve(rows, durations)
    return {"syllables_per_second": round(1.0 / max(per_syllable, 0.05), 3),
            "seconds_per_word": round(max(per_word, 0.0), 3), "seconds_per_comma": round(max(per_comma, 0.0), 3),
            "seconds_per_stop": round(max(per_stop, 0.0), 3), "seconds_base": round(max(base, 0.0), 3)}


def openers(sentences: list[str], language: str, rng: random.Random, count: int = 30) -> list[str]:
    """Join random sentences until each opener estimates about 20 seconds."""
    result = []
    for _ in range(count):
        picked: list[str] = []
        pool = sentences[:]
        rng.shuffle(pool)
        for sentence in pool:
            picked.append(sentence)
            if speech_time.estimate(" ".join(picked), language).seconds >= 19.0:
                break
        result.append(" ".join(picked))
    return result


def write_constants(fitted: dict[str, dict[str, float]]) -> None:
    path = resource_path("speech.toml")
    current = tomllib.loads(path.read_text(encoding="utf-8"))
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    lines = header + [f'reference = "espeak-ng -s {RATE}"', ""]
    for language in VOICES:
        section = {**current[language], **fitted[language]}
        lines.append(f"[{language}]")
        lines += [f"{key} = {value}" for key, value in section.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the fitted constants in resources/speech.toml")
    args = parser.parse_args()
    rng = random.Random(20)
    fitted: dict[str, dict[str, float]] = {}
    print(f"espeak-ng at {RATE} wpm; 20-second openers built from held-out sentences")
    print(f"{'lang':4} {'sentences':>9} {'openers':>7} {'MAE s':>6} {'max s':>6} {'mean ref s':>10}  target ≤ 1.5 s"
          " (fitted here on the other half; then the constants in resources/speech.toml)")
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for language in VOICES:
            sentences = corpus(language)
            rng.shuffle(sentences)
            half = len(sentences) // 2
            train, test = sentences[:half], sentences[half:]
            pairs = [f"{train[i]} {train[(i * 7 + 3) % len(train)]}" for i in range(len(train))]
            texts = train + pairs
            durations = [synthesise(text, language, Path(folder)) for text in texts]
            fitted[language] = fit(language, texts, durations)
            model = speech_time.SpeechModel(**{**speech_time.speech_model(language).__dict__, **fitted[language]})
            errors, stored, refs = [], [], []
            for text in openers(test, language, rng):
                reference = synthesise(text, language, Path(folder))
                refs.append(reference)
                errors.append(abs(speech_time.estimate(text, language, model=model).seconds - reference))
                stored.append(abs(speech_time.estimate(text, language).seconds - reference))
            mae, shipped = sum(errors) / len(errors), sum(stored) / len(stored)
            worst = max(worst, mae, shipped)
            print(f"{language:4} {len(sentences):9d} {len(errors):7d} {mae:6.2f} {max(errors):6.2f} {sum(refs) / len(refs):10.1f}"
                  f"  {'ok' if mae <= 1.5 else 'MISSED'}  shipped constants: MAE {shipped:.2f} s"
                  f"  {'ok' if shipped <= 1.5 else 'MISSED'}  fitted {fitted[language]}")
    print(f"worst MAE {worst:.2f} s (ratio to the 1.5 s target {worst / 1.5:.2f})")
    demo_check()
    if args.write:
        write_constants(fitted)
        print(f"wrote {resource_path('speech.toml')}")
    return 0


def demo_check() -> None:
    """Synthesise every opener variant the demo drafts and compare with the 20-second budget."""
    from datetime import date

    from researcher.core.demo import build_demo
    from researcher.core.opener import draft
    from researcher.core.prospects import list_prospects

    with tempfile.TemporaryDirectory() as folder:
        db = build_demo(Path(folder) / "demo.sqlite", today=date(2026, 12, 1))
        rows = []
        for prospect in list_prospects(db):
            result = draft(db, prospect.id, today=date(2026, 12, 1))
            for variant in result.variants:
                rows.append((variant.seconds, synthesise(variant.text, result.language, Path(folder))))
        db.close()
    errors = [abs(estimate - spoken) for estimate, spoken in rows]
    print(f"demo variants: {len(rows)}; estimate max {max(r[0] for r in rows):.1f} s; espeak max "
          f"{max(r[1] for r in rows):.1f} s; MAE {sum(errors) / len(errors):.2f} s; "
          f"{sum(1 for r in rows if r[1] > 20.0)} over 20 s when synthesised")


if __name__ == "__main__":
    raise SystemExit(main())
