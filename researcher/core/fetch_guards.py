"""Guards for one download: an overall deadline, and a cancel that also ends a stalled read."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from researcher.core.fetch_errors import FetchTimeout

if TYPE_CHECKING:
    import requests


class Deadline:
    """Wall-clock limit for a whole fetch, redirects and retries included."""

    def __init__(self, deadline: float, url: str, now: Callable[[], float]) -> None:
        self._now = now
        self._end = now() + deadline
        self._url = url

    def remaining(self) -> float:
        """Seconds left; raises FetchTimeout when none are."""
        left = self._end - self._now()
        if left <= 0:
            host = urlsplit(self._url).hostname or self._url
            raise FetchTimeout(f"{host} took too long: the download was stopped.", url=self._url)
        return left


class CancelWatch:
    """Shut the connection down when ``cancel`` is set, so a stalled read ends at once."""

    def __init__(self, cancel: threading.Event | None, response: requests.Response) -> None:
        self._cancel, self._response = cancel, response
        self._done = threading.Event()

    def __enter__(self) -> CancelWatch:
        if self._cancel is not None:
            threading.Thread(target=self._watch, name="fetch-cancel-watch", daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()

    def _watch(self) -> None:
        assert self._cancel is not None
        while not self._done.is_set():
            if self._cancel.wait(0.05):
                sock = socket_of(self._response)
                if not self._done.is_set() and sock is not None:
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                return


def socket_of(response: requests.Response) -> socket.socket | None:
    """The socket a streamed response reads from (http.client detaches it when the server closes)."""
    sock = getattr(getattr(response.raw, "connection", None), "sock", None)
    if sock is None:
        reader = getattr(getattr(getattr(response.raw, "_fp", None), "fp", None), "raw", None)
        sock = getattr(reader, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None
