"""Helpers for calling the GraphQL endpoint and making accounts in tests, and for the
tests that start a real ``dxnet serve`` (a free port, waiting until it answers)."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from accounts import services as accounts
from accounts.models import User
from core.actor import Actor, Role

PASSWORD = "correct-horse-battery"
JSON = {"content-type": "application/json"}

LOGIN = """
mutation Login($input: LoginInput!) {
  login(input: $input) { viewer { username roles scope { code } } errors { field code message } }
}
"""


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    headers: dict[str, str] | None = None,
    status: int = 200,
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={**JSON, **(headers or {})},
    )
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


async def make_user(
    system: Actor, username: str, role: Role, scope_code: str, *, password: str = PASSWORD
) -> User:
    return await accounts.create_user(
        system,
        username=username,
        password=password,
        display_name=username.title(),
        roles=[role],
        scope_code=scope_code,
    )


async def actor_for(system: Actor, role: Role, scope: str, *, username: str | None = None) -> Actor:
    """The actor of a new user with ``role`` over ``scope`` (named ``<role>.<scope>``)."""
    user = await make_user(system, username or f"{role.value.lower()}.{scope}", role, scope)
    return accounts.actor_for_user(user, await user.scope)


async def login(
    client: httpx.AsyncClient, username: str, password: str = PASSWORD
) -> dict[str, Any]:
    body = await gql(client, LOGIN, {"input": {"username": username, "password": password}})
    payload: dict[str, Any] = body["data"]["login"]
    assert payload["errors"] == [], payload
    return payload


async def sign_in(
    client: httpx.AsyncClient, system: Actor, username: str, role: Role, scope_code: str
) -> dict[str, Any]:
    """Make a user with ``role`` over ``scope_code`` and sign ``client`` in as them."""
    await make_user(system, username, role, scope_code)
    return await login(client, username)


def write_allow_list(path: Path, *documents: str) -> Path:
    """A trusted-documents file (api/trusted.py) listing ``documents``."""
    listed = {hashlib.sha256(d.encode()).hexdigest(): d for d in documents}
    path.write_text(json.dumps({"algorithm": "sha256", "documents": listed}), encoding="utf-8")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_health(
    base: str,
    process: subprocess.Popen[bytes],
    failure: str = "the dxnet server did not start",
    seconds: float = 30,
    timeout: float = 1,
) -> None:
    """Returns once ``base``/healthz answers 200; fails the test with ``failure`` when the
    server ``process`` ends or ``seconds`` pass first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=timeout).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(failure)
        time.sleep(0.1)


def stop_server(process: subprocess.Popen[bytes], seconds: float = 10) -> None:
    """Ends a server the test started: SIGTERM, and SIGKILL if it is still up after
    ``seconds``."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
