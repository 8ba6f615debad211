"""API request bodies: the size cap, JSON decoding and the fields each endpoint accepts.

Every problem becomes an `ApiError` with an HTTP status and a one-line message. Messages never quote the
note: they name the field and what is wrong with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.requests import Request

from ..catalogue import load_catalogue
from ..config import Settings
from ..errors import NotelintError

# Field name -> what it must be. `text` is required everywhere; the rest are optional.
LINT_FIELDS = {
    "text": "string",
    "show_identifiers": "boolean",
    "select": "list of strings",
    "ignore": "list of strings",
    "profile": "string",
    "client": "string or null",
}
REDACT_FIELDS = {
    "text": "string",
    "pseudonymize": "boolean",
    "profile": "string",
    "client": "string or null",
}


class ApiError(Exception):
    """A request the API refuses: HTTP status, a stable error code and a one-line message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def to_dict(self) -> dict:
        return {"error": self.code, "message": self.message}


@dataclass(frozen=True)
class NoteRequest:
    """One validated request: the note, the settings to lint it under, and output choices."""

    text: str
    settings: Settings
    show_identifiers: bool = False
    pseudonymize: bool = False


def too_large(max_bytes: int) -> ApiError:
    return ApiError(413, "too_large", f"the request body is over the {max_bytes:,}-byte limit; send one note at a time")


async def read_json(request: Request, max_bytes: int) -> object:
    """Read at most `max_bytes` of body and decode it as JSON."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        # Requiring JSON also makes browsers preflight cross-site posts, which this server never allows.
        raise ApiError(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json")
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, "bad_request", "the Content-Length header is not a number")
        if int(declared) > max_bytes:
            raise too_large(max_bytes)
    # Count while streaming: a chunked body declares no length.
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise too_large(max_bytes)
    if not body:
        raise ApiError(400, "invalid_json", "the body is empty; send a JSON object such as {\"text\": \"...\"}")
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "the body is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        # exc.msg and exc.pos describe the problem without echoing the note.
        raise ApiError(400, "invalid_json", f"the body is not valid JSON: {exc.msg} at character {exc.pos}") from None


def _check_type(name: str, value: object, kind: str) -> None:
    ok = {
        "string": isinstance(value, str),
        "boolean": isinstance(value, bool),
        "list of strings": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "string or null": value is None or isinstance(value, str),
    }[kind]
    if not ok:
        raise ApiError(422, "invalid_field", f"field {name!r} must be a {kind}")


def parse_note(data: object, base: Settings, fields: dict[str, str]) -> NoteRequest:
    """Validate a decoded body against `fields` and derive the request's settings from `base`."""
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_field", "the body must be a JSON object such as {\"text\": \"...\"}")
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ApiError(422, "unknown_field", f"unknown field {unknown[0]!r} (known: {', '.join(fields)})")
    if "text" not in data:
        raise ApiError(422, "missing_field", "field 'text' is required")
    for name, value in data.items():
        _check_type(name, value, fields[name])
    if not data["text"].strip():
        raise ApiError(422, "invalid_field", "field 'text' is empty")
    changes = {k: data[k] for k in ("profile", "client") if k in data}
    changes.update({k: tuple(data[k]) for k in ("select", "ignore") if k in data})
    settings = base.with_(**changes) if changes else base
    catalogue = load_catalogue(settings.extra_patterns)  # a broken pattern file is the server's problem, not a 4xx
    try:
        settings = settings.validate(catalogue)
    except NotelintError as exc:
        # Settings speak CLI ("--select: ..."); the API's fields carry the same names without dashes.
        raise ApiError(422, "invalid_field", str(exc).removeprefix("--")) from None
    return NoteRequest(
        text=data["text"],
        settings=settings,
        show_identifiers=data.get("show_identifiers", False),
        pseudonymize=data.get("pseudonymize", False),
    )
