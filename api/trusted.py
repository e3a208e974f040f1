"""Trusted documents: the GraphQL operations the PWA was built with (decision 0030).

The PWA build writes ``trusted-documents.json`` beside the app (``pwa/scripts/
trusted-documents.mjs``): ``{"algorithm": "sha256", "documents": {hash: document}}``,
every document the app can send, keyed by the SHA-256 of its exact text. The server reads
it once at start. In production a browser (a session cookie, or nobody signed in) may run
only those documents; partner apps with an API key may send any document within the
limits. A request may also name a document by its hash alone, persisted-query style
(``extensions.persistedQuery.sha256Hash``), in every mode.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger("dxnet.trusted")

FILE_NAME = "trusted-documents.json"


class TrustedDocumentsError(RuntimeError):
    """The allow-list file exists but cannot be used."""


def document_hash(document: str) -> str:
    """The key of a document: SHA-256 of its UTF-8 text, lowercase hex."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TrustedDocuments:
    """The allow-list, by hash. ``enforced`` means browsers may send nothing else."""

    documents: Mapping[str, str]
    enforced: bool

    @classmethod
    def load(cls, path: Path | None, *, enforced: bool) -> TrustedDocuments:
        """Read the file at ``path``. A missing file is an empty list (nothing is trusted,
        so an enforcing server refuses every browser document, and says so at start); a
        malformed one, or one whose hashes do not match its documents, stops the start."""
        if path is None or not path.is_file():
            if enforced:
                logger.warning(
                    "no trusted documents at %s: browsers can run no GraphQL operation", path
                )
            return cls({}, enforced)
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
            documents = raw["documents"]
            if raw.get("algorithm") != "sha256" or not isinstance(documents, dict):
                raise ValueError("expected {'algorithm': 'sha256', 'documents': {hash: text}}")
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise TrustedDocumentsError(f"{path}: not a trusted-documents file ({error})") from None
        for key, text in documents.items():
            if not isinstance(text, str) or document_hash(text) != key:
                raise TrustedDocumentsError(f"{path}: the hash {key} does not match its document")
        return cls(dict(documents), enforced)

    def lookup(self, sha256: str) -> str | None:
        return self.documents.get(sha256.lower())

    def trusts(self, document: str) -> bool:
        return document_hash(document) in self.documents


def persisted_hash(extensions: Mapping[str, Any] | None) -> str | None:
    """The hash a request names in ``extensions.persistedQuery.sha256Hash``, if any."""
    persisted = (extensions or {}).get("persistedQuery")
    if not isinstance(persisted, Mapping):
        return None
    value = persisted.get("sha256Hash")
    return value if isinstance(value, str) else None
