"""Run the app with `python -m researcher`."""

from researcher.cli import main

raise SystemExit(main())
