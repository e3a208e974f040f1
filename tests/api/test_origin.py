"""One cross-site rule for every state-changing or personal-data endpoint."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from starlette.requests import Request

from api.origin import is_cross_site
from api.settings import Settings


def _request(scheme: str = "https", **headers: str) -> Request:
    raw = [
        (k.lower().encode(), v.encode())
        for k, v in {"host": "dxnet.camau.gov.vn", **headers}.items()
    ]
    scope = {"type": "http", "method": "POST", "path": "/", "headers": raw, "scheme": scheme}
    return Request(scope)


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


def test_the_same_host_over_another_scheme_is_cross_site() -> None:
    # An https site must not trust a page served over http on the same host (issue 12 #10).
    assert is_cross_site(_request(origin="http://dxnet.camau.gov.vn"), SETTINGS) is True
    assert is_cross_site(_request("http", origin="https://dxnet.camau.gov.vn"), SETTINGS) is True


def test_production_expects_https_whatever_the_proxy_forwards() -> None:
    production = replace(SETTINGS, env="production")
    # TLS ends at the proxy, which forwards plain http: the site itself is still https.
    assert is_cross_site(_request("http", origin="https://dxnet.camau.gov.vn"), production) is False
    assert is_cross_site(_request("http", origin="http://dxnet.camau.gov.vn"), production) is True
