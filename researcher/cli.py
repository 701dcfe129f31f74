"""The `researcher` command: the GUI by default, subcommands for scripting every capability."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from researcher import __version__
from researcher.core.errors import UserError

if TYPE_CHECKING:
    from sqlite_utils import Database

# Help lists the areas in this order; any other module in researcher.commands follows.
COMMAND_ORDER = ("prospects", "research", "opener", "calling", "sheets", "maintenance")


class CommandContext:
    """What a subcommand needs: the parsed arguments, the database (opened on first use), output."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.is_demo = bool(getattr(args, "demo", False))
        if self.is_demo and getattr(args, "db", None):
            raise UserError("Use either --demo or --db, not both.")
        self._db: Database | None = None

    @cached_property
    def db_path(self) -> Path:
        from researcher.core.paths import default_database_path, fresh_demo_path

        if self.is_demo:
            return fresh_demo_path()
        return Path(self.args.db) if self.args.db else default_database_path()

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

    def emit(self, data: Any, text: str) -> None:
        """Print ``data`` as JSON when --json was given, otherwise the human-readable ``text``."""
        if getattr(self.args, "json", False):
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        elif text:
            print(text)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """Give a subcommand the common --json option."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def command_modules() -> list[str]:
    """Return the names of the modules in researcher.commands, in help order."""
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


def build_parser() -> argparse.ArgumentParser:
    """Return the full argument parser with every subcommand registered."""
    parser = _global_parser(add_help=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        importlib.import_module(f"researcher.commands.{name}").register(subparsers)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line; the subcommands are only loaded when one is named (a faster GUI start)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args, rest = _global_parser(add_help=False).parse_known_args(argv)
    if rest or {"-h", "--help"} & set(argv):
        return build_parser().parse_args(argv)
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = parse_arguments(argv)
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
    except KeyboardInterrupt:
        print("researcher: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early; quietly stop writing too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        ctx.close()
