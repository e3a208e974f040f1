"""Server processes a benchmark starts on loopback: a free port, the child, its log."""

from __future__ import annotations

import os
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_environment(url: str, tmp: Path) -> dict[str, str]:
    """The environment of a ``dxnet serve`` child on database ``url``, files in ``tmp``."""
    return {
        **os.environ,
        "DXNET_DATABASE_URL": url,
        # development: cookies without the Secure flag over plain http on loopback, and
        # the documents a benchmark sends need not be the PWA build's trusted list. Every limit
        # (query cost, timeouts, rate limits) is the production default.
        "DXNET_ENV": "development",
        "DXNET_SECRET_KEY": "bench-secret-key-" + "x" * 32,
        "DXNET_VAR_DIR": str(tmp),
        "DXNET_PWA_DIST": str(tmp / "no-pwa"),
        "DXNET_LOG_LEVEL": "WARNING",
    }


def spawn(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start ``command`` with its output (both streams) written to ``log``."""
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    stop_timeout: float = 10

    def stop(self) -> None:
        """Terminate, and kill if it has not exited within ``stop_timeout`` seconds."""
        self.process.terminate()
        try:
            self.process.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
