"""``dxnet serve`` as a real process: connections that never finish a request are closed
(issue 12 defect 9), and a normal request still gets its answer."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers import free_port, wait_for_health

ROOT = Path(__file__).resolve().parents[2]
READ_TIMEOUT = 1.0  # the server's header and body timeouts in this test
SLACK = 2.5  # seconds the test allows past the bound


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    env = {
        **os.environ,
        "DXNET_VAR_DIR": str(tmp_path_factory.mktemp("serve")),
        "DXNET_DATABASE_URL": "",
        "DXNET_ENV": "development",
        "DXNET_HEADER_TIMEOUT_SECONDS": str(READ_TIMEOUT),
        "DXNET_BODY_TIMEOUT_SECONDS": str(READ_TIMEOUT),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "api", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process, "dxnet serve did not start", 60, 2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _closed_after(sock: socket.socket, *, trickle: bytes = b"") -> float:
    """Seconds until the server closes ``sock`` (sending ``trickle`` a byte at a time
    meanwhile); fails when it is still open past the bound and the slack."""
    started = time.monotonic()
    sock.settimeout(0.25)
    sent = 0
    while time.monotonic() - started < READ_TIMEOUT + SLACK:
        try:
            if sock.recv(4096) == b"":
                return time.monotonic() - started
        except TimeoutError:
            pass
        except ConnectionResetError:
            return time.monotonic() - started
        if sent < len(trickle):
            try:
                sock.sendall(trickle[sent : sent + 1])
            except OSError:
                return time.monotonic() - started
            sent += 1
    pytest.fail("the server kept a connection that never finished its request")


@pytest.mark.parametrize(
    ("opening", "trickle"),
    [
        (b"", b""),
        (b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty", b""),
        (b"GET /healthz HTTP/1.1\r\n", b"X-Slow: " + b"a" * 40),
        (
            b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"query":',
            b"",
        ),
    ],
    ids=["silence", "partial-headers", "headers-a-byte-at-a-time", "partial-body"],
)
def test_connections_that_never_finish_a_request_are_closed(
    server: int, opening: bytes, trickle: bytes
) -> None:
    with socket.create_connection(("127.0.0.1", server), timeout=5) as sock:
        if opening:
            sock.sendall(opening)
        assert _closed_after(sock, trickle=trickle) < READ_TIMEOUT + SLACK


def test_a_whole_request_is_still_answered_and_kept_alive(server: int) -> None:
    with httpx.Client(base_url=f"http://127.0.0.1:{server}") as client:
        first = client.get("/healthz")
        second = client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"accept-language": "en"},
        )
    assert first.status_code == 200
    assert second.status_code == 200
