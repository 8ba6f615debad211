"""The local web app behind `notelint serve`: the page, its JSON API, and one pipeline every request shares.

Privacy is part of the contract: request bodies are never logged or stored, errors are logged by type only,
and every response says `Cache-Control: no-store`.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import logging
import socket
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Awaitable, Callable

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..catalogue import Rule, load_catalogue
from ..config import Settings
from ..errors import NotelintError
from ..findings import Finding
from ..lint import lint
from ..pipeline import get_nlp, resolve_model
from ..principles import load_principles
from ..redact import redact_text
from ..reporters import FileResult, Report
from ..reporters.json import VERSION
from . import openapi
from .payload import LINT_FIELDS, REDACT_FIELDS, ApiError, parse_note, read_json

STATIC = Path(__file__).parent / "static"
MAX_REQUEST_BYTES = 1_000_000  # a long note is ~20 kB; this leaves room without inviting abuse
LOOPBACK_NAMES = ("127.0.0.1", "localhost")
# The page loads only its own files (it must work offline), cannot be framed, and leaks no referrer.
SECURITY_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
]

log = logging.getLogger("notelint.web")


class SecurityHeaders:
    """ASGI middleware adding `SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Linter:
    """One loaded pipeline for every request.

    spaCy does not promise that one `Language` is safe to call from several threads at once, and the GIL would
    serialize most of the work anyway, so notes go through it one at a time in a worker thread while the event
    loop keeps answering other requests.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()

    def load(self) -> None:
        get_nlp(self.settings)

    def lint(self, text: str, settings: Settings) -> list[Finding]:
        with self._lock:
            return lint(text, settings)

    def redact(self, text: str, settings: Settings, pseudonymize: bool) -> str:
        with self._lock:
            return redact_text(text, settings=settings, pseudonymize=pseudonymize)


def summary(found: list[Finding]) -> dict:
    """The counts `check --format json` reports, for one note."""
    counts = Report([FileResult("-", found)]).summary()
    return {key: counts[key] for key in ("findings", "by_severity", "by_principle", "by_rule")}


def rule_dict(rule: Rule, settings: Settings) -> dict:
    """What the page shows for a rule: message, why it matters, source, suggestions, redaction label."""
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "principle": rule.principle,
        "severity": dict(settings.severity).get(rule.code, rule.severity),
        "message": rule.message,
        "rationale": rule.rationale,
        "source": list(rule.source),
        "suggestions": list(rule.suggestions),
        "label": f"[{rule.label or 'IDENTIFIER'}]",  # what `redact_text` puts in place of a match
        "fixable": rule.fixable,
    }


def api(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Answer refusals and failures as JSON errors; log a failure by its type only, never with the note."""

    @functools.wraps(handler)
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as exc:
            return JSONResponse(exc.to_dict(), status_code=exc.status)
        except NotelintError as exc:  # a pattern file or model problem: about the install, never the note
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
            return JSONResponse({"error": "server_config", "message": str(exc)}, status_code=500)
        except Exception as exc:  # a bug or a broken install: the message could quote the note, so drop it
            log.error("%s %s failed: %s", request.method, request.url.path, type(exc).__name__)
            message = f"internal error ({type(exc).__name__}); the note was not stored"
            return JSONResponse({"error": "internal", "message": message}, status_code=500)

    return wrapped


async def http_error(request: Request, exc: HTTPException) -> Response:
    """404 and 405 as JSON, like every other API error."""
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        body = {"error": "method_not_allowed", "message": f"{request.method} is not allowed here; use {allowed}"}
    elif exc.status_code == 404:
        body = {"error": "not_found", "message": f"no such page or endpoint: {request.url.path}"}
    else:
        body = {"error": "http_error", "message": str(exc.detail)}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


def create_app(
    settings: Settings | None = None,
    *,
    max_bytes: int = MAX_REQUEST_BYTES,
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_NAMES,
) -> Starlette:
    """Build the app. `settings` are the defaults each request may narrow; `allowed_hosts=None` skips the
    Host check that keeps other web sites from reaching a loopback server through DNS rebinding."""
    settings = settings or Settings()
    linter = Linter(settings)

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @api
    async def health(request: Request) -> Response:
        await run_in_threadpool(linter.load)  # loaded at startup; a no-op then
        active = load_catalogue(settings.extra_patterns).active
        return JSONResponse({"status": "ok", "version": __version__, "model": resolve_model(settings.model),
                             "rules": len(active)})

    @api
    async def rules(request: Request) -> Response:
        catalogue = load_catalogue(settings.extra_patterns)
        return JSONResponse({
            "version": VERSION,
            "rules": [rule_dict(r, settings) for r in catalogue.active],
            "principles": [asdict(p) for p in load_principles()],
        })

    @api
    async def lint_note(request: Request) -> Response:
        note = parse_note(await read_json(request, max_bytes), settings, LINT_FIELDS)
        found = await run_in_threadpool(linter.lint, note.text, note.settings)
        return JSONResponse({
            "version": VERSION,
            "findings": [f.to_dict(note.show_identifiers) for f in found],
            "summary": summary(found),
        })

    @api
    async def redact(request: Request) -> Response:
        note = parse_note(await read_json(request, max_bytes), settings, REDACT_FIELDS)
        text = await run_in_threadpool(linter.redact, note.text, note.settings, note.pseudonymize)
        return JSONResponse({"version": VERSION, "text": text})

    async def openapi_json(request: Request) -> Response:
        return JSONResponse(openapi.document(max_bytes))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await run_in_threadpool(linter.load)  # load before the first request, not during it
        yield

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/api/health", health, methods=["GET"]),
        Route("/api/rules", rules, methods=["GET"]),
        Route("/api/lint", lint_note, methods=["POST"]),
        Route("/api/redact", redact, methods=["POST"]),
        Route("/api/openapi.json", openapi_json, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={HTTPException: http_error})


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready socket, or a one-line `NotelintError` (port in use, unknown host...)."""
    sock = None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        if sock is not None:
            sock.close()
        raise NotelintError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the page and API until interrupted. Prints the address (with the real port when `port` is 0)."""
    import uvicorn

    get_nlp(settings)  # a missing model or broken pattern file is one line and exit 2, before listening
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if is_loopback(host):
        # The Host check compares names without the port; IPv6 literals do not survive that, so skip it there.
        allowed = None if ":" in host else tuple(dict.fromkeys((host, *LOOPBACK_NAMES)))
    else:
        allowed = None
        print(f"notelint: warning: {host} is reachable from other machines, and notes travel over plain HTTP",
              file=sys.stderr, flush=True)
    app = create_app(settings, allowed_hosts=allowed)
    config = uvicorn.Config(app, log_level="info", server_header=False, lifespan="on")
    print(f"notelint: serving http://{shown}:{bound}/ (notes are checked in memory and never stored; "
          "Ctrl+C stops)", flush=True)
    uvicorn.Server(config).run(sockets=[sock])
