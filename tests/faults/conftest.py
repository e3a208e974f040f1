"""Fault tests: real ``dxnet serve`` processes killed mid-flight. Quick (well under a minute
each) so they run in ``make test``; ``make faults`` runs only them."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "faults: kill -9 fault tests against a live server")
