"""Errors whose message is written for the rep, not for a developer."""


class UserError(Exception):
    """A problem the rep can understand and act on; str(error) is the message to show."""


class NotFound(UserError):
    """The prospect, company, page or other record asked for does not exist."""
