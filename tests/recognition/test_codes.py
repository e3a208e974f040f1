"""Every error code the recognition code raises is a GraphQL ErrorCode with both messages."""

from __future__ import annotations

import re
from pathlib import Path

from i18n import catalogue
from schema.core.errors import ErrorCode

ROOT = Path(__file__).resolve().parents[2]
RAISED = re.compile(r'(?:DomainError|NotFound|PermissionDenied)\(\s*"([A-Z_]+)"')
# Answered by the upload endpoint only, never in a GraphQL payload.
HTTP_ONLY = {"UNSUPPORTED_MEDIA_TYPE"}


def test_raised_codes_are_known_and_translated() -> None:
    sources = [
        *ROOT.joinpath("recognition").glob("*.py"),
        ROOT / "api" / "routes" / "recognition.py",
    ]
    raised = {code for path in sources for code in RAISED.findall(path.read_text("utf-8"))}

    assert len(raised) > 30
    assert raised - HTTP_ONLY <= {c.value for c in ErrorCode}
    for lang in ("vi", "en"):
        assert {f"error.{c}" for c in raised} <= set(catalogue(lang))
