"""Commands for prospects, notes, interactions and the timeline."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from researcher.cli import CommandContext, add_json_flag
from researcher.core.models import DIRECTIONS, INTERACTION_KINDS, STAGES, Prospect


def register(subparsers: argparse._SubParsersAction) -> None:
    add = subparsers.add_parser("add", help="add a prospect; prints the new id")
    add.add_argument("name")
    add.add_argument("--company", required=True)
    add.add_argument("--title", default="")
    add.add_argument("--phone", action="append", default=[], help="repeat for several numbers")
    add.add_argument("--email", default="")
    add.add_argument("--website", default="")
    add.add_argument("--country", default="", help="two-letter code, e.g. FI, SE, NO, DK, GB")
    add.add_argument("--city", default="")
    add.add_argument("--language", default="", help="en, fi, sv, nb or da")
    add.add_argument("--linkedin", default="")
    add.add_argument("--stage", default="new", choices=STAGES)
    add.add_argument("--tag", action="append", default=[])
    add.set_defaults(func=cmd_add)

    edit = subparsers.add_parser("edit", help="change fields of a prospect")
    edit.add_argument("prospect")
    for field in ("name", "title", "email", "country", "city", "language", "linkedin"):
        edit.add_argument(f"--{field}")
    edit.add_argument("--stage", choices=STAGES)
    edit.add_argument("--phone", action="append", help="replaces the numbers; repeat for several")
    edit.set_defaults(func=cmd_edit)

    listing = subparsers.add_parser("list", help="list prospects")
    add_json_flag(listing)
    listing.set_defaults(func=cmd_list)

    show = subparsers.add_parser("show", help="show one prospect")
    show.add_argument("prospect", help="id or unique name")
    add_json_flag(show)
    show.set_defaults(func=cmd_show)

    note = subparsers.add_parser("note", help="write a note on a prospect")
    note.add_argument("prospect")
    note.add_argument("text")
    note.add_argument("--source", default="", help="where the information came from")
    note.add_argument("--company", action="store_true", help="attach the note to the prospect's company")
    note.set_defaults(func=cmd_note)

    log = subparsers.add_parser("log", help="log a call, email, meeting or message")
    log.add_argument("prospect")
    log.add_argument("--kind", required=True, choices=INTERACTION_KINDS)
    log.add_argument("--direction", default="outbound", choices=DIRECTIONS)
    log.add_argument("--outcome", default="")
    log.add_argument("--summary", default="")
    log.add_argument("--next-step", default="")
    log.add_argument("--follow-up", metavar="YYYY-MM-DD")
    log.add_argument("--at", metavar="ISO-DATETIME")
    log.set_defaults(func=cmd_log)

    fix = subparsers.add_parser("edit-log", help="correct a logged interaction (ids are in `timeline --json`)")
    fix.add_argument("interaction_id", type=int)
    fix.add_argument("--kind", choices=INTERACTION_KINDS)
    fix.add_argument("--direction", choices=DIRECTIONS)
    fix.add_argument("--outcome", help="an outcome, or '' to clear it")
    fix.add_argument("--summary")
    fix.add_argument("--next-step")
    follow = fix.add_mutually_exclusive_group()
    follow.add_argument("--follow-up", metavar="YYYY-MM-DD")
    follow.add_argument("--no-follow-up", action="store_true", help="clear the follow-up date")
    fix.add_argument("--at", metavar="ISO-DATETIME")
    fix.set_defaults(func=cmd_edit_log)

    tl = subparsers.add_parser("timeline", help="interactions and notes, newest first")
    tl.add_argument("prospect")
    add_json_flag(tl)
    tl.set_defaults(func=cmd_timeline)

    erase = subparsers.add_parser("erase", help="delete a prospect and everything about them")
    erase.add_argument("prospect")
    erase.add_argument("--yes", action="store_true", help="confirm the erasure")
    erase.set_defaults(func=cmd_erase)


def cmd_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.prospects import add_prospect

    new_id = add_prospect(
        ctx.db, args.name, company=args.company, website=args.website, title=args.title,
        phones=args.phone, email=args.email, country=args.country, city=args.city,
        language=args.language, linkedin=args.linkedin, stage=args.stage, tags=args.tag,
    )
    print(new_id)
    return 0


def cmd_edit(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.prospects import resolve_prospect, update_prospect

    prospect = resolve_prospect(ctx.db, args.prospect)
    fields = {key: getattr(args, key) for key in
              ("name", "title", "email", "country", "city", "language", "linkedin", "stage")
              if getattr(args, key) is not None}
    if args.phone is not None:
        fields["phones"] = args.phone
    update_prospect(ctx.db, prospect.id, **fields)
    print(f"Updated {prospect.name} ({prospect.id}).")
    return 0


def prospect_json(prospect: Prospect) -> dict:
    data = asdict(prospect)
    data["phones"] = list(prospect.phones)
    data["tags"] = list(prospect.tags)
    return data


def cmd_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.prospects import list_prospects

    prospects = list_prospects(ctx.reader)
    lines = [f"{'ID':>5}  {'NAME':<24} {'COMPANY':<26} {'TITLE':<24} CC  STAGE"]
    lines += [
        f"{p.id:>5}  {p.name[:24]:<24} {p.company[:26]:<26} {p.title[:24]:<24} {p.country:<3} {p.stage}"
        for p in prospects
    ]
    ctx.emit([prospect_json(p) for p in prospects], "\n".join(lines) if prospects else "No prospects yet.")
    return 0


def cmd_show(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.prospects import get_company, resolve_prospect

    prospect = resolve_prospect(ctx.reader, args.prospect)
    company = get_company(ctx.reader, prospect.company_id) if prospect.company_id else None
    data = prospect_json(prospect)
    data["company_details"] = asdict(company) if company else None
    rows = [
        ("Name", prospect.name), ("Title", prospect.title), ("Company", prospect.company),
        ("Email", prospect.email), ("Phones", ", ".join(prospect.phones)), ("LinkedIn", prospect.linkedin),
        ("Country", prospect.country), ("City", prospect.city), ("Language", prospect.language),
        ("Stage", prospect.stage), ("Tags", ", ".join(prospect.tags)),
        ("Last interaction", prospect.last_interaction_at or ""), ("Next follow-up", prospect.next_follow_up or ""),
    ]
    if company:
        rows += [("Website", company.website), ("Industry", company.industry), ("Size", company.size),
                 ("Org number", company.org_number)]
    ctx.emit(data, "\n".join(f"{label + ':':<18}{value}" for label, value in rows if value))
    return 0


def cmd_note(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.notes import add_note
    from researcher.core.prospects import resolve_prospect

    prospect = resolve_prospect(ctx.db, args.prospect)
    if args.company:
        note_id = add_note(ctx.db, args.text, company_id=prospect.company_id, source=args.source)
    else:
        note_id = add_note(ctx.db, args.text, prospect_id=prospect.id, source=args.source)
    print(note_id)
    return 0


def cmd_log(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.interactions import log_interaction
    from researcher.core.prospects import resolve_prospect

    prospect = resolve_prospect(ctx.db, args.prospect)
    new_id = log_interaction(
        ctx.db, prospect.id, args.kind, occurred_at=args.at, direction=args.direction,
        outcome=args.outcome, summary=args.summary, next_step=args.next_step, follow_up=args.follow_up,
    )
    print(new_id)
    return 0


def cmd_edit_log(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.interactions import UNCHANGED, update_interaction

    follow_up = None if args.no_follow_up else args.follow_up if args.follow_up is not None else UNCHANGED
    update_interaction(
        ctx.db, args.interaction_id, kind=args.kind, occurred_at=args.at, direction=args.direction,
        outcome=args.outcome, summary=args.summary, next_step=args.next_step, follow_up=follow_up,
    )
    print(f"Interaction {args.interaction_id} saved.")
    return 0


def cmd_timeline(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.interactions import timeline
    from researcher.core.prospects import resolve_prospect

    prospect = resolve_prospect(ctx.reader, args.prospect)
    entries = timeline(ctx.reader, prospect.id)
    text = "\n".join(
        f"{entry.at[:16].replace('T', ' ')}  {entry.title}\n    {entry.body}"
        + "".join(f"\n    {key.replace('_', ' ')}: {value}" for key, value in entry.details.items())
        for entry in entries
    )
    ctx.emit([asdict(entry) for entry in entries], text or f"Nothing logged for {prospect.name} yet.")
    return 0


def cmd_erase(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.errors import UserError
    from researcher.core.prospects import erase_prospect, resolve_prospect

    prospect = resolve_prospect(ctx.db, args.prospect)
    if not args.yes:
        raise UserError(f"Erasing {prospect.name} deletes everything about them; add --yes to confirm.")
    erase_prospect(ctx.db, prospect.id)
    print(f"Erased {prospect.name} and everything about them.")
    return 0
