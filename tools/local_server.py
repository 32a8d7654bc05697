"""The built site served on 127.0.0.1, for the PDF step, the benchmark and the tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        # Lets linkchecker lift its per-host rate limit: this is our own server on loopback.
        self.send_header("LinkChecker", "local server")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A tab closed while a file was still being sent (say, the search index): no matter.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, headers: dict[str, str] | None = None):
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port), adding ``headers`` to every
    response (as a host does from the build's _headers file); yields the base URL."""
    handler_class = type("Handler", (QuietHandler,), {"extra_headers": headers or {}})
    handler = functools.partial(handler_class, directory=str(directory))
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
