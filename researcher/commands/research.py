"""Commands for research capture: fetch pages, research a company site, import, read, extract, search."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from researcher.cli import CommandContext, add_json_flag

DELAY_HELP = "seconds between two requests to one site (default 1; robots.txt Crawl-delay may ask for more)"


def _delay(value: str) -> float:
    seconds = float(value)
    if seconds < 0:
        raise argparse.ArgumentTypeError("the delay cannot be negative")
    return seconds


def register(subparsers: argparse._SubParsersAction) -> None:
    fetch = subparsers.add_parser("fetch", help="fetch web pages for a prospect and keep snapshots")
    fetch.add_argument("prospect")
    fetch.add_argument("urls", nargs="+", metavar="URL")
    fetch.add_argument("--company", action="store_true", help="keep the pages with the prospect's company")
    fetch.add_argument("--delay", type=_delay, default=1.0, help=DELAY_HELP)
    add_json_flag(fetch)
    fetch.set_defaults(func=cmd_fetch)

    pending = subparsers.add_parser("fetch-pending", help="fetch the pages that wait for a network")
    pending.add_argument("--delay", type=_delay, default=1.0, help=DELAY_HELP)
    add_json_flag(pending)
    pending.set_defaults(func=cmd_fetch_pending)

    site = subparsers.add_parser("research-site", help="research the prospect's company website")
    site.add_argument("prospect")
    site.add_argument("--max-pages", type=int, default=12)
    site.add_argument("--delay", type=_delay, default=1.0, help=DELAY_HELP)
    add_json_flag(site)
    site.set_defaults(func=cmd_research_site)

    add = subparsers.add_parser("add-page", help="import a saved web page (HTML, MHTML) or a text file; '-' reads stdin")
    add.add_argument("prospect")
    add.add_argument("file")
    add.add_argument("--url", help="the page's original address")
    add.add_argument("--company", action="store_true", help="keep the page with the prospect's company")
    add_json_flag(add)
    add.set_defaults(func=cmd_add_page)

    listing = subparsers.add_parser("pages", help="list the pages kept for a prospect and their company")
    listing.add_argument("prospect")
    add_json_flag(listing)
    listing.set_defaults(func=cmd_pages)

    page = subparsers.add_parser("page", help="read a page's latest snapshot (or another one)")
    page.add_argument("page_id", type=int)
    page.add_argument("--snapshot", type=int, help="a snapshot id from the page's history")
    page.add_argument("--changes", action="store_true", help="show what changed since the previous snapshot")
    add_json_flag(page)
    page.set_defaults(func=cmd_page)

    remove = subparsers.add_parser("remove-page", help="delete a page with its snapshots and facts")
    remove.add_argument("page_id", type=int)
    remove.add_argument("--yes", action="store_true", help="really delete (required)")
    remove.set_defaults(func=cmd_remove_page)

    extract = subparsers.add_parser("extract", help="extract files without storing them")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--url", help="the original address (for a single file)")
    extract.add_argument("--jsonl", action="store_true", help="one JSON object per line")
    extract.set_defaults(func=cmd_extract)

    search = subparsers.add_parser("search", help="search page text, notes and interactions")
    search.add_argument("query")
    search.add_argument("--prospect", help="only this prospect and their company")
    search.add_argument("--limit", type=int, default=20)
    add_json_flag(search)
    search.set_defaults(func=cmd_search)


def _politeness(args: argparse.Namespace) -> Any:
    from researcher.core.politeness import Politeness

    return Politeness(min_delay=args.delay)


def _outcome_json(outcome: Any) -> dict[str, Any]:
    ex = outcome.capture.extraction if outcome.capture else None
    unchanged = bool(outcome.capture and outcome.capture.not_modified)
    return {"page_id": outcome.page_id, "url": outcome.url, "ok": outcome.ok, "unchanged": unchanged,
            "title": ex.title if ex and not unchanged else None, "error": outcome.error, "error_code": outcome.code}


def _fetch_all(ctx: CommandContext, args: argparse.Namespace, items: list[tuple[int, str]]) -> int:
    from researcher.core.fetch import make_session
    from researcher.core.pages import validators
    from researcher.core.research import fetch_outcome, save_outcome

    politeness, results, lines = _politeness(args), [], []
    with make_session() as session:
        for page_id, url in items:
            outcome = fetch_outcome(page_id, url, politeness=politeness, session=session,
                                    validators=validators(ctx.db, page_id))
            save_outcome(ctx.db, outcome)
            results.append(_outcome_json(outcome))
            if outcome.ok and outcome.capture.not_modified:
                lines.append(f"same    {url}  unchanged since the last snapshot")
            else:
                lines.append(f"ok      {url}  {outcome.capture.extraction.title}" if outcome.ok
                             else f"failed  {url}  {outcome.error}")
    ctx.emit(results, "\n".join(lines) or "Nothing to fetch.")
    failed = sum(1 for r in results if not r["ok"])
    if failed:
        print(f"researcher: {failed} of {len(results)} pages could not be fetched", file=sys.stderr)
    return 1 if failed else 0


def cmd_fetch(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.prospects import resolve_prospect
    from researcher.core.research import add_urls

    prospect = resolve_prospect(ctx.db, args.prospect)
    owner = {"company_id": prospect.company_id} if args.company and prospect.company_id else {"prospect_id": prospect.id}
    ids = add_urls(ctx.db, args.urls, **owner)
    from researcher.core.pages import get_page

    return _fetch_all(ctx, args, [(page_id, get_page(ctx.db, page_id).url) for page_id in ids])


def cmd_fetch_pending(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.pages import pending_pages

    return _fetch_all(ctx, args, [(p.id, p.url) for p in pending_pages(ctx.db) if p.source == "fetched"])


def cmd_research_site(args: argparse.Namespace, ctx: CommandContext) -> int:
    from functools import partial

    from researcher.core.capture import capture_url
    from researcher.core.fetch import make_session
    from researcher.core.prospects import resolve_prospect
    from researcher.core.research import company_website, save_site_result
    from researcher.core.site_research import research_site

    prospect = resolve_prospect(ctx.db, args.prospect)
    company_id, website = company_website(ctx.db, prospect.id)
    rows, lines = [], []

    def store(result: Any) -> None:
        page_id, _ = save_site_result(ctx.db, company_id, result.url, result.capture, result.error, result.error_code)
        title = result.capture.extraction.title if result.capture else None
        rows.append({"page_id": page_id, "url": result.url, "category": result.category, "ok": result.capture is not None,
                     "title": title, "error": result.error, "error_code": result.error_code})
        lines.append(f"{result.category:10s} {'ok' if result.capture else 'failed':7s} {result.url}  "
                     f"{title or result.error}")

    with make_session() as session:
        research_site(website, capture=partial(capture_url, politeness=_politeness(args), session=session),
                      max_pages=args.max_pages, on_result=store)
    ctx.emit(rows, "\n".join(lines))
    return 0 if any(r["ok"] for r in rows) else 1


def cmd_add_page(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core import pages
    from researcher.core.prospects import resolve_prospect
    from researcher.core.saved_page import capture_bytes, capture_file

    prospect = resolve_prospect(ctx.db, args.prospect)
    if args.file == "-":
        capture = capture_bytes(sys.stdin.buffer.read(), name="pasted.txt", url=args.url)
        if capture.source == "saved" and capture.content_type == "text/plain":
            from dataclasses import replace

            capture = replace(capture, source="pasted")
    else:
        capture = capture_file(Path(args.file), url=args.url)
    owner = {"company_id": prospect.company_id} if args.company and prospect.company_id else {"prospect_id": prospect.id}
    page_id = pages.add_page(ctx.db, capture.url, source=capture.source, **owner)
    snapshot_id = pages.store_capture(ctx.db, page_id, capture)
    ctx.emit({"page_id": page_id, "snapshot_id": snapshot_id, "url": capture.url, "title": capture.extraction.title},
             f"{page_id}")
    return 0


def cmd_pages(args: argparse.Namespace, ctx: CommandContext) -> int:
    from dataclasses import asdict

    from researcher.core.pages import list_pages
    from researcher.core.prospects import resolve_prospect

    prospect = resolve_prospect(ctx.db, args.prospect)
    found = list_pages(ctx.db, prospect_id=prospect.id, company_id=prospect.company_id)
    lines = [f"{p.id:5d}  {p.state:8s} {(p.captured_at or '')[:16]:16s}  {p.title or p.url}"
             + (f"\n       {p.url}" if p.title else "") + (f"\n       {p.error}" if p.error else "") for p in found]
    ctx.emit([asdict(p) for p in found], "\n".join(lines) or f"No pages kept for {prospect.name} yet.")
    return 0


def cmd_page(args: argparse.Namespace, ctx: CommandContext) -> int:
    from dataclasses import asdict

    from researcher.core import pages
    from researcher.core.errors import UserError

    info = pages.get_page(ctx.db, args.page_id)
    if args.changes:
        changes = pages.changes_since_previous(ctx.db, info.id)
        if changes is None:
            raise UserError("This page has only one snapshot so far; re-fetch it to see what changed.")
        text = "\n".join([f"+ {s}" for s in changes.added] + [f"- {s}" for s in changes.removed]) or "No changes."
        ctx.emit(asdict(changes), text)
        return 0
    snapshot = pages.get_snapshot(ctx.db, args.snapshot) if args.snapshot else pages.latest_snapshot(ctx.db, info.id)
    if snapshot is None or snapshot.page_id != info.id:
        raise UserError(f"Page {info.id} has no such snapshot" + (f" ({info.error})" if info.error else "") + ".")
    header = [snapshot.title, snapshot.final_url or snapshot.url,
              f"Published {snapshot.published}" if snapshot.published else "",
              f"Captured {snapshot.captured_at}"]
    data = asdict(snapshot) | {"snapshots": [{"id": i, "captured_at": c} for i, c in pages.snapshot_list(ctx.db, info.id)]}
    ctx.emit(data, "\n".join(line for line in header if line) + "\n\n" + snapshot.text)
    return 0


def cmd_remove_page(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core import pages
    from researcher.core.errors import UserError

    info = pages.get_page(ctx.db, args.page_id)
    if not args.yes:
        raise UserError(f"This deletes “{info.title or info.url}” with its snapshots; add --yes to confirm.")
    pages.delete_page(ctx.db, info.id)
    print(f"Removed page {info.id}.")
    return 0


def cmd_extract(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.errors import UserError
    from researcher.core.saved_page import capture_file

    if args.url and len(args.files) > 1:
        raise UserError("--url names one page's address; give it with a single file.")
    failed = 0
    for name in args.files:
        try:
            capture = capture_file(Path(name), url=args.url)
        except UserError as error:
            failed += 1
            print(f"researcher: {error}", file=sys.stderr)
            continue
        data = {"file": name, **capture.extraction.to_json()}
        data["url"] = capture.final_url or capture.extraction.url
        if args.jsonl:
            print(json.dumps(data, ensure_ascii=False))
        else:
            ex = capture.extraction
            print(f"{name}\n  {ex.title}\n  {data['url'] or ''}\n  language {ex.language}, published {ex.published}"
                  f"\n  {len(ex.text.split())} words, {len(ex.people)} people, {len(ex.jobs)} jobs, "
                  f"{len(ex.emails)} e-mails, {len(ex.phones)} phones")
    return 1 if failed else 0


def cmd_search(args: argparse.Namespace, ctx: CommandContext) -> int:
    from dataclasses import asdict

    from researcher.core.prospects import resolve_prospect
    from researcher.core.search import search_all

    prospect_id = resolve_prospect(ctx.db, args.prospect).id if args.prospect else None
    hits = search_all(ctx.db, args.query, prospect_id=prospect_id, limit=args.limit)
    lines = [f"{h.kind:11s} {h.title}\n            {h.snippet}" for h in hits]
    ctx.emit([asdict(h) for h in hits], "\n".join(lines) or "Nothing found.")
    return 0
