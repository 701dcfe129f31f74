"""PySide6 user interface over the core."""
