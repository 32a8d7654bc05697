"""The built site served on 127.0.0.1, for the PDF step, the benchmark and the tests."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import sys
import threading
from pathlib import Path

# What a web host compresses: text, not images or the PDFs and zip, which are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt")


# Where `first_script` is served.
FIRST_SCRIPT = "/__first-script.js"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    compress = False
    first_script: bytes | None = None

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        # Lets linkchecker lift its per-host rate limit: this is our own server on loopback.
        self.send_header("LinkChecker", "local server")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        """With ``compress``, text files go out gzipped to a client that accepts it, as a web
        host sends them: the benchmark measures what a reader's phone really downloads."""
        address = self.path.split("?")[0].split("#")[0]
        path = self.translate_path(address) + ("index.html" if address.endswith("/") else "")
        if self.first_script is not None and (address == FIRST_SCRIPT or path.endswith(".html")):
            return self.send_with_first_script(address, path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts_gzip and path.endswith(COMPRESSIBLE) and os.path.isfile(path)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


    def send_with_first_script(self, address: str, path: str):
        """The script itself, or an HTML page that loads it before anything else."""
        if address == FIRST_SCRIPT:
            body, kind = self.first_script, "text/javascript"
        elif os.path.isfile(path):
            html = Path(path).read_bytes()
            body, kind = html.replace(b"<head>", f'<head><script src="{FIRST_SCRIPT}"></script>'.encode(), 1), "text/html"
        else:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A tab closed while a file was still being sent (say, the search index): no matter.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, headers: dict[str, str] | None = None, compress: bool = False,
          first_script: str | None = None):
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port), adding ``headers`` to every
    response (as a host does from the build's _headers file), and gzipping text files when
    ``compress`` is set; yields the base URL. ``first_script``: JavaScript that every HTML page
    runs before anything else (the tests' recorder, for an engine that has no init scripts)."""
    handler_class = type("Handler", (QuietHandler,), {
        "extra_headers": headers or {}, "compress": compress,
        "first_script": first_script.encode() if first_script is not None else None})
    handler = functools.partial(handler_class, directory=str(directory))
    server = Server(("127.0.0.1", 0), handler)
    # Polled often: shutdown waits for the next poll, and the PDF step stops a server per setting.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
