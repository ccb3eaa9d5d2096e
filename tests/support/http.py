"""A real HTTP server on 127.0.0.1 for the download tests (Vosk models, GGUF models).

Started on port 0 in a thread; ``serve_bytes`` answers a GET with HTTP ranges the way a
model host does, and can drop the connection part way, as a flaky line does, so resume
is tested against real sockets rather than a fake opener.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable


class LocalServer:
    """Answers every GET with ``respond`` on a free port of 127.0.0.1 until :meth:`close`.

    Each request's path and Range header are kept in ``requests`` (in arrival order).
    """

    def __init__(self, respond: Callable[[http.server.BaseHTTPRequestHandler], None]) -> None:
        self.requests: list[dict[str, str]] = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                requests.append({"path": self.path, "range": self.headers.get("Range", "")})
                respond(self)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_bytes(h: http.server.BaseHTTPRequestHandler, data: bytes, cut_at: int | None = None) -> None:
    """Answer ``h``'s GET with ``data`` from its Range start; ``cut_at``: stop there on a full GET.

    The headers promise the whole body, so a cut connection looks to the client like a
    line that dropped (a short read), not like a smaller file.
    """
    rng = h.headers.get("Range", "")
    start = int(rng[6:].split("-")[0]) if rng.startswith("bytes=") else 0
    body = data[start:]
    h.send_response(206 if start else 200)
    if start:
        h.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    if cut_at is not None and start == 0:
        h.wfile.write(body[:cut_at])
        h.wfile.flush()
        h.connection.shutdown(2)
        return
    h.wfile.write(body)
