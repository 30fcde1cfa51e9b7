"""HTTP plumbing shared by the API and the pages: store connections, errors as RFC 7807
problem details, the body-size bound, the write token and security headers.

Nothing here knows about articles or facts; it only turns requests and failures into
safe responses. A failure never shows a stack trace: the client gets ``type``, ``title``,
``status`` and ``detail``, and the server log gets the traceback.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veille.errors import FetchError, InputError, StoreError, TooLarge, UsageError, VeilleError
from veille.store import Store, open_store

log = logging.getLogger("veille.api")
PROBLEM = "application/problem+json"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class StorePool:
    """A few store connections, each lent to one request at a time and taken back after.

    Connections are opened when no idle one is left (so the database's migrations run only
    then, not on every request) and kept for the next request. Reads never wait on a writer
    in another process: SQLite runs in WAL mode and each statement sees the last commit.
    """

    def __init__(self, url: str, keep: int = 8) -> None:
        self.url = url
        self.keep = keep
        self._idle: list[Store] = []
        self._lock = threading.Lock()

    @contextmanager
    def checkout(self) -> Iterator[Store]:
        """A store for the time of the ``with`` block; dropped if the block fails unexpectedly."""
        with self._lock:
            store = self._idle.pop() if self._idle else None
        store = store or open_store(self.url)
        try:
            yield store
        except (HTTPException, VeilleError, RequestValidationError):
            self._give_back(store)
            raise
        except BaseException:
            store.close()
            raise
        self._give_back(store)

    def _give_back(self, store: Store) -> None:
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append(store)
                return
        store.close()

    def warm(self) -> None:
        """Open one connection now, so that the first request finds the database ready."""
        with self.checkout():
            pass

    def close_all(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for store in idle:
            store.close()


def use_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a store connection lent for the request."""
    pool: StorePool = request.app.state.pool
    with pool.checkout() as store:
        yield store


Db = Annotated[Store, Depends(use_store)]


# problem details --------------------------------------------------------------


def problem(status: int, detail: str, title: str | None = None, **extra: Any) -> JSONResponse:
    """An RFC 7807 response: ``type``, ``title``, ``status``, ``detail`` (and any extra members)."""
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body = {"type": "about:blank", "title": title or phrase, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


ErrorPage = Callable[[Request, int, str, str], Response]


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not the API) gets an HTML error page instead of JSON."""
    accept = request.headers.get("accept", "")
    return not request.url.path.startswith("/api") and "text/html" in accept


def respond(request: Request, status: int, detail: str, title: str | None = None, **extra: Any) -> Response:
    """A problem response, or the app's HTML error page for a browser on a page."""
    html_page: ErrorPage | None = getattr(request.app.state, "error_page", None)
    if html_page is not None and wants_html(request):
        return html_page(request, status, title or HTTPStatus(status).phrase, detail)
    return problem(status, detail, title, **extra)


async def on_http(request: Request, exc: Exception) -> Response:
    """404, 405, 401, 413…: the status and message the code chose."""
    status = getattr(exc, "status_code", 500)
    detail = getattr(exc, "detail", None)
    response = respond(request, status, detail if isinstance(detail, str) else HTTPStatus(status).phrase)
    response.headers.update(getattr(exc, "headers", None) or {})
    return response


async def on_validation(request: Request, exc: Exception) -> Response:
    """422 with one ``{field, message}`` per invalid input (no echo of the input itself)."""
    raw = exc.errors() if isinstance(exc, RequestValidationError) else []
    errors = [
        {
            "field": ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body",
            "message": e.get("msg", ""),
        }
        for e in raw
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return respond(request, 422, detail, "Invalid request", errors=errors)


async def on_veille(request: Request, exc: Exception) -> Response:
    """veille's own errors carry a message and a hint made for people: shown as they are."""
    status = status_of(exc) if isinstance(exc, VeilleError) else 500
    return respond(request, status, str(exc), error=type(exc).__name__)


async def on_crash(request: Request, exc: Exception) -> Response:
    """Anything else: 500, the traceback in the server log, nothing of it in the answer."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return respond(request, 500, "the server met an unexpected error; the details are in its log")


def install_problem_handlers(app: FastAPI, html_page: ErrorPage | None = None) -> None:
    """Turn every failure into problem details (or, for browsers on pages, an HTML page)."""
    app.state.error_page = html_page
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(VeilleError, on_veille)
    app.add_exception_handler(Exception, on_crash)


def status_of(exc: VeilleError) -> int:
    """The HTTP status of a veille error."""
    table: tuple[tuple[type[VeilleError], int], ...] = (
        (TooLarge, 413),
        (FetchError, 502),
        (InputError, 422),
        (UsageError, 400),
        (StoreError, 503),
    )
    return next((code for cls, code in table if isinstance(exc, cls)), 500)


# token ------------------------------------------------------------------------


def check_token(request: Request, token: str | None) -> None:
    """Writes need ``Authorization: Bearer TOKEN`` or ``X-Veille-Token`` when a token is set."""
    if not token:
        return
    given = request.headers.get("x-veille-token")
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if given is None and scheme.lower() == "bearer":
        given = value.strip()
    if given is None or not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            401,
            "this server needs a token for writes: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": 'Bearer realm="veille"'},
        )


# middleware -------------------------------------------------------------------


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by Content-Length or while reading."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", ())).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413, self._detail())
            return message

        await self.app(scope, counted, send)

    def _detail(self) -> str:
        mb = round(self.max_bytes / 1024 / 1024, 2)
        return f"the request body is over the limit of {mb:g} MB ({self.max_bytes} bytes); raise it with VEILLE_MAX_SIZE_MB"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await problem(413, self._detail())(scope, receive, send)


WILDCARDS = ("0.0.0.0", "::", "[::]")
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def served_hosts(bind: str, extra: tuple[str, ...] = ()) -> list[str]:
    """The ``Host`` names the server answers to: its address, the loopback names, and ``extra``.

    Anything else is a page that reached us under a name of its own (DNS rebinding) and gets 400.
    A wildcard address (``0.0.0.0``) serves every name unless ``extra`` lists them.
    """
    if bind in WILDCARDS and not extra:
        return ["*"]
    return list(dict.fromkeys([bind.strip("[]"), "127.0.0.1", "localhost", "::1", "[::1]", *extra]))


class SameOriginWrites:
    """Refuse a write (POST, PUT, PATCH, DELETE) whose ``Origin`` is not this server's own.

    Browsers send ``Origin`` with every write; a page of another site that posts to us is
    refused with 403 even when no token is set. Clients that send no ``Origin`` (curl, scripts)
    are not browsers and pass to the token check.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in UNSAFE:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", ()))
        origin = headers.get(b"origin")
        own = [f"{scope.get('scheme', 'http')}://".encode() + headers.get(b"host", b"")]
        if origin is not None and origin.rstrip(b"/") not in own:
            detail = (
                f"refused a write from the page at {origin.decode('latin-1')!r}: only pages of this server "
                "may write to it; send the request without an Origin header from a script"
            )
            await problem(403, detail, "Forbidden")(scope, receive, send)
            return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """No sniffing, no framing, and a strict Content-Security-Policy on the HTML pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        strict = not str(scope.get("path", "")).startswith(("/docs", "/redoc"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
                if strict:
                    headers += [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
