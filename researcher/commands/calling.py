"""Commands for getting ready to call: import/export, qualification, do-not-call, calling time, call list."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path

from researcher.cli import CommandContext, add_json_flag
from researcher.core.errors import UserError

STATE_CHOICES = ("unknown", "no", "partly", "yes")


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser("import", help="import prospects from a CSV export or a vCard file")
    imp.add_argument("file")
    imp.add_argument("--mapping", metavar="FILE", help="TOML file mapping columns to fields ([columns] \"Header\" = \"field\")")
    imp.add_argument("--duplicates", choices=("merge", "skip"), default="merge",
                     help="what to do with people already in the store or earlier in the file (default: merge)")
    imp.add_argument("--dry-run", action="store_true", help="report what would happen; write nothing")
    imp.add_argument("--save-mapping", metavar="FILE", help="write the column mapping used, to edit and reuse")
    add_json_flag(imp)
    imp.set_defaults(func=cmd_import)

    exp = subparsers.add_parser("export", help="export prospects to a CSV file")
    exp.add_argument("file", metavar="FILE.csv")
    exp.set_defaults(func=cmd_export)

    data = subparsers.add_parser("export-data", help="write everything stored about one person to JSON (GDPR)")
    data.add_argument("prospect")
    data.add_argument("file", metavar="FILE.json")
    data.set_defaults(func=cmd_export_data)

    mail = subparsers.add_parser("import-mail", help="import emails (.eml or .mbox) as interactions")
    mail.add_argument("file")
    add_json_flag(mail)
    mail.set_defaults(func=cmd_import_mail)

    cal = subparsers.add_parser("import-calendar", help="import meetings from a calendar file (.ics)")
    cal.add_argument("file")
    add_json_flag(cal)
    cal.set_defaults(func=cmd_import_calendar)

    qualify = subparsers.add_parser("qualify", help="show or set a prospect's qualification")
    qualify.add_argument("prospect")
    qualify.add_argument("--pays-off", choices=STATE_CHOICES)
    qualify.add_argument("--ready-now", choices=STATE_CHOICES)
    qualify.add_argument("--able", choices=STATE_CHOICES)
    qualify.add_argument("--status-quo-cost", metavar="TEXT", help="what staying as they are costs them")
    qualify.add_argument("--note", action="append", default=[], metavar="CRITERION=TEXT",
                         help="a note on pays_off, ready_now or able (repeatable)")
    add_json_flag(qualify)
    qualify.set_defaults(func=cmd_qualify)

    dnc = subparsers.add_parser("dnc", help="do-not-call registry extracts and screening")
    sub = dnc.add_subparsers(dest="dnc_command", metavar="ACTION", required=True)
    dimp = sub.add_parser("import", help="import a registry extract (one number per line, or a CSV column)")
    dimp.add_argument("file")
    dimp.add_argument("--registry", required=True,
                      help="reservasjonsregisteret, nix, robinsonlisten, robinson, tps, ctps, us_dnc, own, or a name")
    dimp.add_argument("--country", required=True, help="two-letter code of the numbers' country")
    dimp.add_argument("--extract-date", required=True, metavar="YYYY-MM-DD", help="the day the extract was taken")
    dimp.add_argument("--column", help="CSV column with the numbers (name or 1-based number)")
    add_json_flag(dimp)
    dimp.set_defaults(func=cmd_dnc_import)
    check = sub.add_parser("check", help="screen a phone number or a prospect")
    check.add_argument("target", metavar="PHONE|PROSPECT")
    check.add_argument("--country", help="country of a number written without +country code")
    add_json_flag(check)
    check.set_defaults(func=cmd_dnc_check)
    age = sub.add_parser("max-age", help="how many days an extract of a country stays fresh (overrides the rule)")
    age.add_argument("country", metavar="CC")
    age.add_argument("days", nargs="?", type=int, help="omit to go back to the country's rule")
    age.set_defaults(func=cmd_dnc_max_age)
    listing = sub.add_parser("list", help="list the imported extracts and whether they are stale")
    add_json_flag(listing)
    listing.set_defaults(func=cmd_dnc_list)

    obj = subparsers.add_parser("object", help="the person objected: never contact them, erase their data")
    obj.add_argument("prospect")
    obj.add_argument("--yes", action="store_true", help="confirm; without it nothing happens")
    obj.set_defaults(func=cmd_object)

    when = subparsers.add_parser("when", help="the prospect's local time and when to call")
    when.add_argument("prospect")
    add_json_flag(when)
    when.set_defaults(func=cmd_when)

    hours = subparsers.add_parser("hours", help="show or set your calling hours (in the prospect's local time)")
    hours.add_argument("--start", metavar="HH:MM")
    hours.add_argument("--end", metavar="HH:MM")
    hours.add_argument("--days", metavar="mon,tue,…", help="office days, comma-separated")
    add_json_flag(hours)
    hours.set_defaults(func=cmd_hours)

    calllist = subparsers.add_parser("calllist", help="today's call list: who to call now, later, and not")
    calllist.add_argument("--date", metavar="YYYY-MM-DD")
    add_json_flag(calllist)
    calllist.set_defaults(func=cmd_calllist)


def _report_lines(title: str, rows: list, limit: int = 20) -> list[str]:
    lines = [f"{title}:"] if rows else []
    lines += [f"  row {r.row}: {r.reason}" for r in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"  … and {len(rows) - limit} more")
    return lines


def cmd_import(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.importers.csv_import import auto_mapping, import_csv, load_mapping, read_header
    from researcher.core.importers.vcard import import_vcard

    path = Path(args.file)
    if path.suffix.lower() in (".vcf", ".vcard"):
        if args.mapping:
            raise UserError("A mapping file is for CSV files; vCard fields are mapped automatically.")
        report = import_vcard(ctx.db, path, duplicates=args.duplicates, dry_run=args.dry_run)
    else:
        report = import_csv(ctx.db, path, mapping=args.mapping, duplicates=args.duplicates, dry_run=args.dry_run)
        if args.save_mapping:
            columns = read_header(path).columns
            mapping = load_mapping(args.mapping, columns) if args.mapping else auto_mapping(columns)
            Path(args.save_mapping).write_text(mapping.to_toml(), encoding="utf-8")
    verb = "Would import" if report.dry_run else "Imported"
    lines = [f"{verb} {report.accepted} new, merged {report.merged}, skipped {len(report.skipped)}, "
             f"failed {len(report.failed)} of {report.total} rows from {report.file}"
             + (f" ({report.source}, {report.encoding}, {report.delimiter})" if report.kind == "csv" else ".")]
    if report.mapping:
        used = ", ".join(f"{c} → {f}" for c, f in report.mapping.items() if f != "ignore")
        lines.append(f"Columns: {used}")
    lines += _report_lines("Skipped", report.skipped) + _report_lines("Failed", report.failed)
    ctx.emit(report.as_dict(), "\n".join(lines))
    return 0


def cmd_export(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.exporters import export_csv

    count = export_csv(ctx.reader, args.file)
    print(f"Exported {count} prospects to {args.file}")
    return 0


def cmd_export_data(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.exporters import export_person
    from researcher.core.prospects import resolve_prospect

    prospect = resolve_prospect(ctx.reader, args.prospect)
    data = export_person(ctx.reader, prospect.id, args.file)
    rows = sum(len(v) for v in data["related"].values())
    print(f"Wrote everything stored about {prospect.name} ({rows} related records) to {args.file}")
    return 0


def _interaction_report(ctx: CommandContext, report: object, noun: str) -> int:
    data = report.as_dict()  # type: ignore[attr-defined]
    lines = [f"Imported {data['imported']} of {data['found']} {noun} from {data['file']}; "
             f"{data['duplicates']} already there, {data['unmatched']} not matched, {data['failed']} failed."]
    lines += [f"  not matched: {i['reason']}" for i in data["unmatched_items"][:20]]
    lines += [f"  failed: {i['reason']}" for i in data["failed_items"][:20]]
    ctx.emit(data, "\n".join(lines))
    return 0


def cmd_import_mail(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.importers.mail import import_mail

    return _interaction_report(ctx, import_mail(ctx.db, args.file), "messages")


def cmd_import_calendar(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.importers.calendar import import_calendar

    return _interaction_report(ctx, import_calendar(ctx.db, args.file), "events")


def cmd_qualify(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.prospects import resolve_prospect
    from researcher.core.qualification import READINESS, qualify

    prospect = resolve_prospect(ctx.db, args.prospect)
    changes: dict[str, str | None] = {"pays_off": args.pays_off, "ready_now": args.ready_now, "able": args.able,
                                      "status_quo_cost_note": args.status_quo_cost}
    for item in args.note:
        key, sep, text = item.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or key not in READINESS:
            raise UserError(f"--note takes CRITERION=TEXT with a criterion among {', '.join(READINESS)}.")
        changes[f"{key}_note"] = text
    result = qualify(ctx.db, prospect.id, **changes)
    lines = [f"{prospect.name}: {result.summary}"]
    lines += [f"  {c.label}: {c.state}" + (f" — {c.note}" if c.note else "") for c in result.criteria()]
    ctx.emit(result.as_dict(), "\n".join(lines))
    return 0


def cmd_dnc_import(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.dnc import import_extract, registry_label

    report = import_extract(ctx.db, args.file, registry=args.registry, country=args.country,
                            extract_date=args.extract_date, column=args.column)
    lines = [f"Imported {report.numbers} numbers into {registry_label(report.registry)} ({report.country}, "
             f"extract of {report.extract_date}); {report.duplicates} repeated, {report.rejected} lines were not numbers."]
    lines += [f"  line {n}: {text!r}" for n, text in report.rejected_lines]
    if report.replaced:
        lines.append(f"Replaced the earlier extract of {', '.join(report.replaced)}.")
    if report.stale:
        lines.append("Warning: this extract is already too old for the country's rules; screening will show as stale.")
    ctx.emit({"extract_id": report.extract_id, "registry": report.registry, "country": report.country,
              "extract_date": report.extract_date, "numbers": report.numbers, "duplicates": report.duplicates,
              "rejected": report.rejected, "rejected_lines": [{"line": n, "text": t} for n, t in report.rejected_lines],
              "replaced": list(report.replaced), "stale": report.stale}, "\n".join(lines))
    return 0


def _looks_like_phone(text: str) -> bool:
    # Short digit strings are prospect ids; phone numbers have at least seven digits.
    text = text.strip()
    digits = sum(ch.isdigit() for ch in text)
    plain = all(ch.isdigit() or ch in "+-() ./" for ch in text)
    return plain and (text.startswith("+") or digits >= 7)


def cmd_dnc_check(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.dnc import check_phone, check_prospect, registry_label
    from researcher.core.prospects import resolve_prospect

    if _looks_like_phone(args.target):
        result, who = check_phone(ctx.reader, args.target, country=args.country), args.target
    else:
        prospect = resolve_prospect(ctx.reader, args.target)
        result, who = check_prospect(ctx.reader, prospect.id), prospect.name
    verdict = "BLOCKED — do not call" if result.blocked else "not blocked"
    lines = [f"{who}: {verdict}" + (" (objected — never contact)" if result.objected else "")]
    for n in result.numbers:
        where = (f"listed in {registry_label(n.registry or '')} (extract {n.extract_date})" if n.blocked
                 else f"not listed in {n.registry} (extract {n.extract_date})" if n.registry
                 else "not screened: no extract for this number's country")
        lines.append(f"  {n.number}: {where}" + ("; WARNING: the extract is stale" if n.stale else ""))
    lines += [f"  {raw!r}: cannot be read as a phone number" for raw in result.unreadable]
    ctx.emit(result.as_dict(), "\n".join(lines))
    return 0


def cmd_dnc_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.dnc import list_extracts

    extracts = list_extracts(ctx.reader)
    lines = [f"{e['id']:>3}  {e['country']}  {e['label']}: {e['numbers']} numbers, extract of {e['extract_date']}"
             + (" — STALE, import a fresh extract" if e["stale"] else f" (valid until {e['expires_on']})")
             for e in extracts] or ["No registry extracts imported yet (researcher dnc import FILE ...)."]
    ctx.emit(extracts, "\n".join(lines))
    return 0


def cmd_dnc_max_age(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.dnc import expires_on, set_max_age

    set_max_age(ctx.db, args.country, args.days)
    example = expires_on(ctx.db, args.country.upper(), date.today().isoformat())
    rule = f"{args.days} days" if args.days is not None else "the country's rule"
    print(f"Extracts for {args.country.upper()} now stay fresh for {rule}: one taken today is valid until {example}.")
    return 0


def cmd_hours(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.calling_window import WEEKDAYS, office_hours, set_office_hours

    current = office_hours(ctx.db)
    if args.start or args.end or args.days:
        days = args.days.split(",") if args.days else [WEEKDAYS[d] for d in sorted(current.days)]
        current = set_office_hours(ctx.db, args.start or current.start.strftime("%H:%M"),
                                   args.end or current.end.strftime("%H:%M"), days)
    data = {"start": current.start.strftime("%H:%M"), "end": current.end.strftime("%H:%M"),
            "days": [WEEKDAYS[d] for d in sorted(current.days)]}
    ctx.emit(data, f"Calling hours: {data['start']}–{data['end']} on {', '.join(data['days'])} "
                   "(in the prospect's local time; public holidays and legal limits apply on top).")
    return 0


def cmd_object(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.prospects import resolve_prospect
    from researcher.core.suppression import object_prospect

    prospect = resolve_prospect(ctx.db, args.prospect)
    if not args.yes:
        raise UserError(f"This erases everything about {prospect.name} and keeps only a never-contact entry. "
                        "Run again with --yes to confirm.")
    kept = object_prospect(ctx.db, prospect.id)
    print(f"{prospect.name} objected: their data is erased; {kept} identifier(s) kept as hashes so they are "
          "never imported or called again.")
    return 0


def cmd_when(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.calling_window import calling_time
    from researcher.core.prospects import resolve_prospect

    prospect = resolve_prospect(ctx.reader, args.prospect)
    result = calling_time(ctx.reader, prospect.id)
    verdict = "good time to call now" if result.in_window else "not now"
    lines = [f"{prospect.name}: {result.local_time:%A %H:%M} local time ({result.timezone}) — {verdict}",
             f"  {result.reason}"]
    if not result.in_window and result.next_window_start:
        lines.append(f"  Next good time: {result.next_window_start:%A %d %B %H:%M} local time")
    ctx.emit(result.as_dict(), "\n".join(lines))
    return 0


def cmd_calllist(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.call_list import build_call_list

    day = None
    if args.date:
        try:
            day = date.fromisoformat(args.date)
        except ValueError as error:
            raise UserError(f"{args.date!r} is not a date (use YYYY-MM-DD).") from error
    now = datetime.now(UTC)
    if day is not None and day != now.date():
        # Another day is judged at the same time of day, so its weekend and holidays show.
        now = datetime.combine(day, now.time(), tzinfo=UTC)
    result = build_call_list(ctx.reader, day=day, now=now)
    lines = [f"Call list for {result.day.isoformat()}"]
    sections = (("Call now", result.callable_now), ("Later (outside their calling window)", result.out_of_window),
                ("Do not call", result.blocked))
    for title, entries in sections:
        lines.append(f"\n{title} ({len(entries)}):")
        for e in entries:
            detail = (f"{e.local_time:%H:%M} local · {e.readiness_summary} · {e.due}" if e.in_window and not e.blocked
                      else e.reason + (f" — next {e.next_window_start:%a %H:%M} local" if not e.blocked and e.next_window_start else ""))
            lines.append(f"  {e.prospect_id:>5}  {e.name} ({e.company}): {detail}")
    ctx.emit(result.as_dict(), "\n".join(lines))
    return 0
