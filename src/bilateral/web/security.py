"""Security at the edge: response headers, a cap on request bodies, and
error responses that never carry a stack trace.

The Content-Security-Policy allows scripts from this server only (no inline
script, no ``eval``: charts are drawn through Vega's expression interpreter,
``ast: true`` in vega-embed), nothing from other hosts, and no framing.
Inline *styles* are allowed, because Vega and Swagger UI set them.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("bilateral.web")

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
#: Largest request body accepted: room for the checker's longest text (100,000 characters) even when
#: JSON escapes each as 12 bytes (a surrogate pair), or its largest upload (1 MB) with the form around it,
#: so that an over-long text gets the validator's clear 400 rather than this cap's 413.
MAX_BODY = 2_000_000


class SecurityHeaders:
    """Adds :data:`HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ErrorShield:
    """Turns any exception that escapes the app into a plain 500 that names
    no file, line or value; the traceback goes to the server's log only."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:  # noqa: BLE001 - the point is to catch everything
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            api = scope.get("path", "").startswith("/api")
            body = (b'{"error": "internal error: the request could not be answered; the server log has the details."}' if api else
                    b"<!DOCTYPE html><title>Internal error</title><h1>Internal error</h1>"
                    b"<p>The page could not be made. The server log has the details.</p>")
            kind = b"application/json" if api else b"text/html; charset=utf-8"
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """A request body past :data:`MAX_BODY`."""


class BodyLimit:
    """Refuses a request body larger than ``limit`` bytes with a 413, whether
    its Content-Length says so up front or it arrives in chunks."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = f'{{"error": "the request body is larger than {self.limit:,} bytes; send a shorter text or a smaller file."}}'.encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
