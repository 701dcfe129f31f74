"""Commands for evidence and openers: triggers, pains, draft, coach, and the rep's offering."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from researcher.cli import CommandContext, add_json_flag
from researcher.core.errors import UserError

LANG_CHOICES = ("en", "fi", "sv", "nb", "da")


def register(subparsers: argparse._SubParsersAction) -> None:
    triggers = subparsers.add_parser("triggers", help="trigger events found for a prospect, with their evidence")
    triggers.add_argument("prospect")
    triggers.add_argument("--all", action="store_true", help="also list dismissed triggers")
    triggers.add_argument("--confirm", type=int, metavar="N", help="confirm trigger number N of the list")
    triggers.add_argument("--dismiss", type=int, metavar="N", help="dismiss trigger number N of the list")
    triggers.add_argument("--add", metavar="TYPE", help="add a trigger by hand (with --quote, optional --url, --date)")
    triggers.add_argument("--quote", metavar="TEXT", help="the sentence or fact a hand-added trigger rests on")
    triggers.add_argument("--url", default="", help="where a hand-added trigger was read")
    triggers.add_argument("--date", metavar="YYYY-MM-DD", help="when a hand-added trigger happened")
    add_json_flag(triggers)
    triggers.set_defaults(func=cmd_triggers)

    pains = subparsers.add_parser("pains", help="ranked pain hypotheses for a prospect, with their evidence")
    pains.add_argument("prospect")
    pains.add_argument("--accept", metavar="KEY", help="accept the pain hypothesis KEY")
    pains.add_argument("--reject", metavar="KEY", help="reject the pain hypothesis KEY")
    add_json_flag(pains)
    pains.set_defaults(func=cmd_pains)

    draft = subparsers.add_parser("draft", help="draft 20-second openers for a prospect")
    draft.add_argument("prospect")
    draft.add_argument("--lang", choices=LANG_CHOICES, help="language of the opener (default: the prospect's)")
    add_json_flag(draft)
    draft.set_defaults(func=cmd_draft)

    coach = subparsers.add_parser("coach", help="speaking time and warnings for an opener (text or stdin)")
    coach.add_argument("--lang", choices=LANG_CHOICES, required=True)
    coach.add_argument("text", nargs="?", help="the opener; read from standard input when left out")
    coach.add_argument("--pace", type=float, default=1.0, help="your speaking pace; 1.0 is natural, 1.1 is 10%% faster")
    coach.add_argument("--budget", type=float, default=20.0, help="time budget in seconds (default 20)")
    add_json_flag(coach)
    coach.set_defaults(func=cmd_coach)

    offering = subparsers.add_parser("offering", help="show, edit or import your offering (what you sell)")
    actions = offering.add_subparsers(dest="offering_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the stored offering as TOML (or JSON with --json)")
    add_json_flag(show)
    show.set_defaults(func=cmd_offering_show)
    edit = actions.add_parser("edit", help="edit the offering in $VISUAL or $EDITOR")
    edit.set_defaults(func=cmd_offering_edit)
    imp = actions.add_parser("import", help="replace the offering with a TOML or JSON file")
    imp.add_argument("file")
    imp.set_defaults(func=cmd_offering_import)


def cmd_triggers(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.prospects import resolve_prospect
    from researcher.core.triggers import add_manual_trigger, prospect_triggers, set_trigger_status

    prospect = resolve_prospect(ctx.db, args.prospect)
    if args.add:
        add_manual_trigger(ctx.db, prospect.id, args.add, args.quote or "", url=args.url, when=args.date)
    for number, status in ((args.confirm, "confirmed"), (args.dismiss, "dismissed")):
        if number is not None:
            listed = prospect_triggers(ctx.db, prospect.id)
            if not 1 <= number <= len(listed):
                raise UserError(f"There is no trigger number {number}; {prospect.name} has {len(listed)}.")
            set_trigger_status(ctx.db, prospect.id, listed[number - 1], status)
    changed = args.add or args.confirm is not None or args.dismiss is not None
    found = prospect_triggers(ctx.db, prospect.id, include_dismissed=args.all or changed)
    lines = [f"{number}. {t.label} [{t.status}, {t.confidence:.2f}]"
             f"{f' · {t.count} open role' + ('s' if t.count > 1 else '') if t.count else ''}"
             f"\n  “{t.quote}”\n  {t.url or t.source_title} · {t.date or 'undated'}"
             for number, t in enumerate(found, 1)]
    ctx.emit([t.to_json() for t in found], "\n".join(lines) or f"No triggers found for {prospect.name}.")
    return 0


def cmd_pains(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.pains import rank_pains, set_pain_decision
    from researcher.core.prospects import resolve_prospect

    prospect = resolve_prospect(ctx.db, args.prospect)
    for key, status in ((args.accept, "accepted"), (args.reject, "rejected")):
        if key:
            set_pain_decision(ctx.db, prospect.id, key, status)
    ranked = rank_pains(ctx.db, prospect.id)
    lines = []
    for hypothesis in ranked:
        lines.append(f"{hypothesis.title} ({hypothesis.key}) [{hypothesis.status}, {hypothesis.score:.1f}]\n  {hypothesis.why}")
        lines += [f"  – “{e.quote}” ({e.url or e.source}{', ' + e.date if e.date else ''})" for e in hypothesis.evidence]
    ctx.emit([h.to_json() for h in ranked], "\n".join(lines) or f"No pain hypotheses for {prospect.name} yet.")
    return 0


def cmd_draft(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.opener import STYLE_LABELS, draft
    from researcher.core.prospects import resolve_prospect

    prospect = resolve_prospect(ctx.reader, args.prospect)
    result = draft(ctx.reader, prospect.id, language=args.lang)
    lines = [f"Openers for {result.prospect} ({result.language})"]
    if result.notice:
        lines.append(f"Note: {result.notice}")
    for variant in result.variants:
        lines += ["", f"{STYLE_LABELS[variant.style]} · {variant.seconds:.1f} s · {variant.words} words", variant.text]
        lines += [f"  ⚠ {w.code}: {w.message}" for w in variant.warnings]
        lines += [f"  ↳ “{s}” rests on “{e.quote}” ({e.url or e.source}, {e.date or 'undated'})" for s, e in variant.evidence
                  if e.url or e.date]
    lines += ["", "Discovery questions:"] + [f"  – {q}" for q in result.questions]
    lines += ["", "If they say…"] + [f"  “{o.objection}” → {o.answer}" for o in result.objections]
    ctx.emit(result.to_json(), "\n".join(lines))
    return 0


def cmd_coach(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.coach import coach

    text = args.text if args.text is not None else sys.stdin.read()
    if not text.strip():
        raise UserError("Give the opener as an argument or on standard input.")
    if not 0.5 <= args.pace <= 2.0 or not 5 <= args.budget <= 120:
        raise UserError("Use a pace between 0.5 and 2.0 and a budget between 5 and 120 seconds.")
    result = coach(text, args.lang, pace=args.pace, budget=args.budget)
    lines = [f"{result.seconds:.1f} s of {result.budget:.0f} s · {result.words} words"]
    lines += [f"⚠ {w.code}: {w.message}" for w in result.warnings] or ["No warnings."]
    ctx.emit({"seconds": result.seconds, "words": result.words, "budget": result.budget,
              "warnings": [w.to_json() for w in result.warnings]}, "\n".join(lines))
    return 0


def cmd_offering_show(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.offering import get_offering, offering_to_toml

    offering = get_offering(ctx.reader)
    if offering is None:
        ctx.emit(None, "No offering yet. Import one with 'researcher offering import FILE' or use 'offering edit'.")
        return 0
    ctx.emit(offering.to_dict(), offering_to_toml(offering).rstrip())
    return 0


def cmd_offering_import(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.offering import import_offering

    offering = import_offering(ctx.db, Path(args.file))
    print(f"Offering of {offering.rep_name} at {offering.company} stored: {len(offering.pains)} pains, "
          f"{len(offering.proofs)} proof stories, {len(offering.insights)} insights.")
    return 0


def cmd_offering_edit(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.offering import get_offering, offering_to_toml, parse_offering_file, save_offering

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UserError("Set VISUAL or EDITOR to your text editor, or use 'researcher offering import FILE'.")
    current = get_offering(ctx.db)
    starter = offering_to_toml(current) if current else 'rep_name = ""\ncompany = ""\n'
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "offering.toml"
        path.write_text(starter, encoding="utf-8")
        status = subprocess.run([*shlex.split(editor), str(path)], check=False).returncode
        if status != 0:
            raise UserError(f"The editor exited with status {status}; the offering was not changed.")
        offering = parse_offering_file(path)
    save_offering(ctx.db, offering)
    print(f"Offering of {offering.rep_name} at {offering.company} saved.")
    return 0
