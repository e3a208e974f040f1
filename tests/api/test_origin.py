"""One cross-site rule for every state-changing or personal-data endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.requests import Request

from api.origin import is_cross_site
from api.settings import Settings


def _request(**headers: str) -> Request:
    raw = [
        (k.lower().encode(), v.encode())
        for k, v in {"host": "dxnet.camau.gov.vn", **headers}.items()
    ]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": raw})


SETTINGS = Settings(
    database_url="sqlite://:memory:",
    env="test",
    secret_key="x" * 40,
    var_dir=Path("/tmp"),
    allowed_origins=("https://app.partner.vn",),
)


@pytest.mark.parametrize(
    ("headers", "cross"),
    [
        ({}, False),
        ({"origin": "https://dxnet.camau.gov.vn"}, False),
        ({"origin": "https://app.partner.vn/"}, False),
        ({"origin": "https://evil.example"}, True),
        ({"origin": "null"}, True),
        ({"origin": "https://dxnet.camau.gov.vn.evil.example"}, True),
        ({"sec-fetch-site": "cross-site"}, True),
        ({"sec-fetch-site": "same-origin", "origin": "https://dxnet.camau.gov.vn"}, False),
    ],
)
def test_cross_site_detection(headers: dict[str, str], cross: bool) -> None:
    assert is_cross_site(_request(**headers), SETTINGS) is cross
