"""How ``dxnet serve`` runs uvicorn: connection limits and read timeouts.

uvicorn 0.54 bounds a connection's idle time between requests (``timeout_keep_alive``),
the size of an unfinished request head (``h11_max_incomplete_event_size``) and the
connections and tasks of a worker (``limit_concurrency``, beyond which it answers 503),
but has no read timeout: a client that opens a connection and sends nothing, half a
request head, or half a body keeps its socket forever. ``ReadTimeoutH11Protocol`` adds
that bound at the protocol level:

- the request head (from the connection's first byte, or the first byte of the next
  request on a kept-alive connection) must be complete within ``header_timeout``
  seconds: absolute, so a byte every few seconds does not extend it;
- while the body arrives, no more than ``body_timeout`` seconds may pass between two
  chunks (an upload over a slow line keeps going as long as it moves);
- a connection that sends nothing at all is closed after ``header_timeout`` too.

When the bound passes, the connection is closed; an application waiting for the body
receives ``http.disconnect``.
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

# Bytes of an unfinished request head (request line and headers) h11 buffers.
MAX_HEAD_BYTES = 16 * 1024
# Seconds an idle kept-alive connection stays open between requests.
KEEP_ALIVE_SECONDS = 5
# Connections and requests in flight per worker before new ones get 503.
MAX_CONCURRENCY = 1000
# Seconds a graceful shutdown waits for requests in flight.
GRACEFUL_SHUTDOWN_SECONDS = 30


@cache
def _read_timeouts() -> tuple[float, float]:
    """(header, body) read timeouts of this process, from the settings."""
    from api.settings import load_settings

    settings = load_settings()
    return settings.header_timeout_seconds, settings.body_timeout_seconds


class ReadTimeoutH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a read timeout for the request head and body."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout, self.body_timeout = _read_timeouts()
        self._read_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm(self.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            self._arm(self.body_timeout)  # idle bound: reset by every chunk
        elif state is h11.IDLE:
            if self._read_timer is None:
                self._arm(self.header_timeout)  # absolute bound for the head
        else:
            self._disarm()  # the request is read (or the connection is closing)

    def on_response_complete(self) -> None:
        self._disarm()  # the keep-alive timeout bounds the silence before the next one
        super().on_response_complete()

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(seconds, self._read_timed_out)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _read_timed_out(self) -> None:
        self._read_timer = None
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and not self.transport.is_closing():
            self.transport.close()


def uvicorn_options() -> dict[str, Any]:
    """The options ``dxnet serve`` gives uvicorn besides the app, address and workers."""
    return {
        "http": ReadTimeoutH11Protocol,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "limit_concurrency": MAX_CONCURRENCY,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
        "proxy_headers": True,
        "access_log": False,
        "log_config": None,
    }
