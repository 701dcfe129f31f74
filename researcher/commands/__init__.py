"""Subcommands of the `researcher` command line, one module per area."""
