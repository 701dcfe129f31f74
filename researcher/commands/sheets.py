"""The `export-pdf` command: prep sheets for prospects or today's call list, as PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from researcher.cli import CommandContext, add_json_flag
from researcher.core.errors import UserError
from researcher.core.models import LANGUAGES

if TYPE_CHECKING:
    from researcher.core.store_reader import Reader

def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export-pdf", help="export one-page prep sheets as PDF",
        description="Export prep sheets: one page per prospect, in one PDF (-o) or one file each (--folder).",
    )
    export.add_argument("prospects", nargs="*", metavar="PROSPECT", help="ids or unique names, in page order")
    export.add_argument("--call-list", action="store_true", help="export the call list, in call order")
    export.add_argument("--date", metavar="YYYY-MM-DD", help="the call list's day (default: today)")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="FILE.pdf", help="one PDF with a page per prospect")
    target.add_argument("--folder", metavar="DIR", help="one PDF per prospect in this folder")
    export.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from your locale)")
    export.add_argument("--lang", choices=LANGUAGES, help="the sheet's language (default: your interface language)")
    add_json_flag(export)
    export.set_defaults(func=cmd_export_pdf)


def cmd_export_pdf(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.briefing import load_areas
    from researcher.core.prep_sheet_fit import PAPER_SETTING
    from researcher.core.prep_sheet_text import interface_language
    from researcher.core.prospects import resolve_prospect
    from researcher.core.settings import get_setting

    if args.call_list and args.prospects:
        raise UserError("Give either prospects or --call-list, not both.")
    if args.date and not args.call_list:
        raise UserError("--date only goes with --call-list.")
    if not args.call_list and not args.prospects:
        raise UserError("Name at least one prospect (id or name), or use --call-list.")
    day = _parse_day(args.date) if args.date else None
    db = ctx.reader
    ids = _call_list_ids(db, day) if args.call_list else [resolve_prospect(db, ref).id for ref in args.prospects]
    # PySide6 reads the source of every module imported after it (looking for its feature
    # switches), so all else a sheet needs is loaded before Qt.
    load_areas()
    from researcher.ui.pdf_export import SheetExport, default_paper, ensure_application

    ensure_application()
    paper = args.paper or get_setting(db, PAPER_SETTING) or default_paper()
    export = SheetExport(
        db, list(dict.fromkeys(ids)), Path(args.folder or args.output), folder=bool(args.folder), paper=paper,
        language=args.lang or interface_language(db),
    )
    quiet = getattr(args, "json", False) or len(export) < 10 or not sys.stderr.isatty()
    result = export.run(progress=None if quiet else _progress)
    files = [str(path) for path in result.files]
    noun = "prep sheet" if result.sheets == 1 else "prep sheets"
    where = files[0] if len(files) == 1 else f"{len(files)} files in {args.folder}"
    ctx.emit({"sheets": result.sheets, "paper": paper, "files": files}, f"Wrote {result.sheets} {noun} to {where}.")
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\r{done}/{total} sheets", end="" if done < total else "\n", file=sys.stderr, flush=True)


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise UserError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-12-01.") from error


def _call_list_ids(db: Reader, day: date | None) -> list[int]:
    from researcher.core.call_list import build_call_list

    # For another day than today, the list is seen from that day's midday, not from this minute.
    now = None if day is None or day == date.today() else datetime.combine(day, time(12, 0)).astimezone(UTC)
    call_list = build_call_list(db, day=day, now=now)
    ids = list(dict.fromkeys(entry.prospect_id for entry in call_list.queue()))
    if not ids:
        when = day.isoformat() if day else "today"
        raise UserError(f"The call list for {when} has nobody to call; there is nothing to export.")
    return ids
