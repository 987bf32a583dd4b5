"""The tests' one local HTTP server: 127.0.0.1, a free port, a daemon thread.

The port comes from the bound socket (no bind-close-reuse race), and the listen backlog
is large: the default (5) drops SYNs when a crawler opens 16 connections at once, and
the kernel retries them only after 1 s, longer than some tests' DOWNLOAD_TIMEOUT.
The bundled sample aggregator (archiver.demo.site.SampleSite) serves itself the same way.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self


class LocalServer(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True

    @classmethod
    def start(cls, handler: type[BaseHTTPRequestHandler]) -> Self:
        """Serve ``handler`` until :meth:`stop` (or the end of a ``with`` block)."""
        server = cls(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()
