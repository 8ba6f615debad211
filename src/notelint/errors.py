"""Errors notelint reports to the user as one line (exit code 2)."""


class NotelintError(Exception):
    """A problem the user can fix: bad input, bad configuration, no model. Shown as one line, exit 2."""


class CatalogueError(NotelintError):
    """A pattern file is malformed; the message names the file, the rule and the field."""


class ModelNotFoundError(NotelintError):
    """No spaCy base model is installed."""
