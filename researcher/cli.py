"""The `researcher` command: the GUI by default, subcommands for scripting every capability."""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from researcher import __version__
from researcher.core.errors import UserError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.core.store_reader import Reader, StoreReader

# Help lists the areas in this order; any other module in researcher.commands follows.
COMMAND_ORDER = ("prospects", "research", "opener", "calling", "sheets", "maintenance")
# The module that registers each command, so running one command loads only that module
# (tests/test_cli.py holds this to what the modules register).
COMMAND_MODULES = {
    **dict.fromkeys(("add", "edit", "list", "show", "note", "log", "edit-log", "timeline", "erase"), "prospects"),
    **dict.fromkeys(("fetch", "fetch-pending", "research-site", "add-page", "pages", "page", "remove-page",
                     "extract", "search"), "research"),
    **dict.fromkeys(("triggers", "pains", "draft", "coach", "offering"), "opener"),
    **dict.fromkeys(("import", "export", "export-data", "import-mail", "import-calendar", "qualify", "dnc",
                     "object", "when", "hours", "calllist"), "calling"),
    "export-pdf": "sheets",
    **dict.fromkeys(("self-test", "check", "backup"), "maintenance"),
}
COMMAND_COLLECT_EVERY = 200_000  # new objects between two garbage collections while a command runs


class CommandContext:
    """What a subcommand needs: the parsed arguments, the database (opened on first use), output."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.is_demo = bool(getattr(args, "demo", False))
        if self.is_demo and getattr(args, "db", None):
            raise UserError("Use either --demo or --db, not both.")
        self._db: Database | None = None
        self._store_reader: StoreReader | None = None

    @cached_property
    def db_path(self) -> Path:
        if self.args.db and not self.is_demo:
            return Path(self.args.db)
        from researcher.core.paths import default_database_path, fresh_demo_path

        return fresh_demo_path() if self.is_demo else default_database_path()

    @property
    def db(self) -> Database:
        if self._db is None:
            if self.is_demo:
                from researcher.core.demo import build_demo

                self._db = build_demo(self.db_path)
            else:
                from researcher.core.db import open_database

                self._db = open_database(self.db_path)
        return self._db

    @property
    def reader(self) -> Reader:
        """The database for a command that only reads.

        A store this version wrote is read through a read-only connection: sqlite-utils is not
        loaded and the whole file is not page-checked first, so a one-sheet export stays fast on a
        large store. Any other file (demo, missing, older, newer, damaged) is opened as ``db`` is.
        """
        if self._store_reader is None and self._db is None and not self.is_demo:
            from researcher.core.store_file import is_current

            if is_current(self.db_path):
                from researcher.core.store_reader import StoreReader

                self._store_reader = StoreReader(self.db_path)
        return self._store_reader or self.db

    def emit(self, data: Any, text: str) -> None:
        """Print ``data`` as JSON when --json was given, otherwise the human-readable ``text``."""
        if getattr(self.args, "json", False):
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        elif text:
            print(text)

    def close(self) -> None:
        if self._store_reader is not None:
            self._store_reader.close()
            self._store_reader = None
        if self._db is not None:
            self._db.close()
            self._db = None


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """Give a subcommand the common --json option."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def command_modules() -> list[str]:
    """Return the names of the modules in researcher.commands, in help order."""
    import pkgutil

    import researcher.commands

    found = {info.name for info in pkgutil.iter_modules(researcher.commands.__path__)}
    return [name for name in COMMAND_ORDER if name in found] + sorted(found - set(COMMAND_ORDER))


def _global_parser(*, add_help: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="researcher", add_help=add_help,
        description="Prepare B2B sales calls. Without a command, the app window opens.",
    )
    parser.add_argument("--version", action="version", version=f"researcher {__version__}")
    parser.add_argument("--db", metavar="PATH", help="database file (default: in your data folder)")
    parser.add_argument("--demo", action="store_true", help="use a fresh copy of the demo database")
    return parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered, or just those of module ``only``."""
    parser = _global_parser(add_help=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only else command_modules():
        importlib.import_module(f"researcher.commands.{name}").register(subparsers)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line, loading only the command modules it needs (none for the GUI)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args, rest = _global_parser(add_help=False).parse_known_args(argv)
    if rest or {"-h", "--help"} & set(argv):
        return build_parser(_module_of(argv, rest)).parse_args(argv)
    args.command = None
    return args


def _module_of(argv: list[str], rest: list[str]) -> str | None:
    """The one command module this command line needs; None when help or a mistyped name needs them all."""
    if not rest or rest[0] not in COMMAND_MODULES or {"-h", "--help"} & set(argv[:argv.index(rest[0])]):
        return None
    return COMMAND_MODULES[rest[0]]


def main(argv: Sequence[str] | None = None, *, exit_quickly: bool = False) -> int:
    """Run the command line; return the process exit status.

    With ``exit_quickly`` a finished command ends the process itself (see _exit_now).
    """
    # A command loads hundreds of modules whose objects live until it ends; at the default pace
    # the garbage collector would walk them again and again, freeing next to nothing (mypy runs
    # with a like threshold). The window keeps the default: it collects on its own timer.
    threshold = gc.get_threshold()
    gc.set_threshold(COMMAND_COLLECT_EVERY, *threshold[1:])
    try:
        args = parse_arguments(argv)
        if args.command is None:
            gc.set_threshold(*threshold)
            return _run(args)
        # The process ends with the command: frozen objects spare the interpreter's final
        # garbage collections, which would walk every object of every module loaded.
        atexit.register(gc.freeze)
        status = _run(args)
        if exit_quickly:
            _exit_now(status)
        return status
    finally:
        gc.set_threshold(*threshold)


def run() -> int:
    """The `researcher` program. Tests call main(), which always returns."""
    return main(exit_quickly=True)


def _exit_now(status: int) -> None:
    """End the process at once after a command, unless another thread runs or a profiler,
    debugger or coverage tool watches (they write their results after the program returns).

    Tearing the interpreter down (every module loaded, Qt's libraries) takes a tenth as long
    as exporting a sheet. By now the command has closed its database and files; the exit
    handlers still run and the output is flushed, so all that is skipped is freeing memory.
    """
    if threading.active_count() > 1 or sys.gettrace() is not None or sys.getprofile() is not None:
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be written anyway
            pass
    os._exit(status)


def _run(args: argparse.Namespace) -> int:
    try:
        ctx = CommandContext(args)
    except UserError as error:
        print(f"researcher: {error}", file=sys.stderr)
        return 1
    try:
        if args.command is None:
            from researcher.ui.app import run_gui

            return run_gui(ctx)
        return int(args.func(args, ctx) or 0)
    except UserError as error:
        print(f"researcher: {error}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as error:
        if type(error) is not sqlite3.DatabaseError:  # e.g. "locked" is an OperationalError, not damage
            raise
        from researcher.core.store_file import damaged_message

        print(f"researcher: {damaged_message(ctx.db_path, str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("researcher: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early; quietly stop writing too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        ctx.close()
