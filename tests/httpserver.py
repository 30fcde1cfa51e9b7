"""A real HTTP server for tests: ``ThreadingHTTPServer`` on 127.0.0.1, a free port, a thread.

    with LocalServer({"/a.html": Page(body=b"<html>...")}) as server:
        server.url("/a.html")

Routes map a path to a ``Page`` (status, content type, body, optional redirect target,
delay and validators) or a ``(status, content_type, body)`` tuple. An unknown path answers
404. A page with an ``etag`` or ``last_modified`` answers a matching conditional request with
``304 Not Modified``. For each request the server keeps its path and headers
(``server.requests``), its arrival time (``server.times``, ``time.monotonic()``) and the status
it got (``server.answers``); ``server.routes`` may be changed while the server runs.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Page:
    """One canned response."""

    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    location: str | None = None  # a redirect target (a path on this server or a URL)
    delay: float = 0.0  # seconds to wait before answering
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    etag: str | None = None  # sent, and a request whose If-None-Match matches it gets 304
    last_modified: str | None = None  # sent, and a request whose If-Modified-Since matches it gets 304


def redirect(to: str, status: int = 302) -> Page:
    """A redirect to ``to``."""
    return Page(status=status, content_type="text/plain", body=b"moved", location=to)


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """Serves ``routes`` on 127.0.0.1 from a background thread while the ``with`` block runs."""

    def __init__(self, routes: dict[str, Page | tuple[int, str, bytes]]) -> None:
        self.routes = {path: page if isinstance(page, Page) else Page(*page) for path, page in routes.items()}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.times: list[float] = []
        self.answers: list[int] = []  # the status sent for each request, in order
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 — the name http.server calls
                server.times.append(time.monotonic())
                server.requests.append((self.path, dict(self.headers.items())))
                page = server.routes.get(self.path) or Page(404, "text/plain", b"not found")
                if page.delay:
                    time.sleep(page.delay)
                try:
                    if self._not_modified(page):
                        server.answers.append(304)
                        self.send_response(304)
                        self._validators(page)
                        self.end_headers()
                        return
                    server.answers.append(page.status)
                    self.send_response(page.status)
                    self.send_header("Content-Type", page.content_type)
                    if page.send_length:
                        self.send_header("Content-Length", str(len(page.body)))
                    if page.location:
                        self.send_header("Location", page.location)
                    self._validators(page)
                    self.end_headers()
                    self.wfile.write(page.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def _not_modified(self, page: Page) -> bool:
                etag, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                if page.etag and etag is not None:
                    return etag == page.etag
                return bool(page.last_modified and since == page.last_modified)

            def _validators(self, page: Page) -> None:
                if page.etag:
                    self.send_header("ETag", page.etag)
                if page.last_modified:
                    self.send_header("Last-Modified", page.last_modified)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler
