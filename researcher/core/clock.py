"""Timestamps in one format: ISO 8601, UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> str:
    """Return the current UTC time as ``YYYY-MM-DDTHH:MM:SS+00:00``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def parse_datetime(text: str) -> datetime:
    """Parse an ISO date or datetime; a naive value is taken as UTC. Raises ValueError."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)
