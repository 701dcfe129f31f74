"""The ways a fetch can fail, each with a code and a message written for the rep."""

from __future__ import annotations

from researcher.core.errors import UserError


class FetchError(UserError):
    """A fetch failed; ``code`` names the kind of failure, str() is the message for the rep."""

    code = "failed"

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.url = url


class NoNetwork(FetchError):
    """No connection to the site: offline, or the site is down."""

    code = "no_network"


class DnsFailure(FetchError):
    """The site's name could not be looked up."""

    code = "dns"


class FetchTimeout(FetchError):
    """The site answered too slowly, or the overall deadline passed."""

    code = "timeout"


class RobotsRefused(FetchError):
    """The site's robots.txt asks robots not to fetch the page."""

    code = "robots"


class HttpError(FetchError):
    """The site answered with an HTTP error status (4xx or 5xx)."""

    code = "http"

    def __init__(self, message: str, *, url: str = "", status: int = 0,
                 retry_after: float | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.retry_after = retry_after


class TooLarge(FetchError):
    """The page is larger than the size cap."""

    code = "too_large"


class NotAWebPage(FetchError):
    """The site sent something other than HTML or plain text."""

    code = "not_html"


class RedirectLoop(FetchError):
    """The site redirects in a loop, or more than the allowed number of times."""

    code = "redirect_loop"


class Undecodable(FetchError):
    """The page's bytes could not be decoded as text."""

    code = "undecodable"


class BadUrl(FetchError):
    """The address is not an absolute http(s) URL."""

    code = "bad_url"


class Cancelled(FetchError):
    """The fetch was cancelled."""

    code = "cancelled"
