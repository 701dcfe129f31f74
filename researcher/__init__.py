"""Researcher: prepare B2B sales calls offline."""

__version__ = "0.1.0"
APP_ID = "io.github.researcher.Researcher"
APP_NAME = "Researcher"
