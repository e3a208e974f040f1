"""Each domain's HTTP routes beside GraphQL: raw-body uploads, downloads, feeds.

One module per domain (``api/routes/<domain>.py``) exports ``routes``, a list of
:class:`DomainRoute`; each route carries the request-body limit it needs
(``max_body_bytes``, ``None`` for the app's default, ``DXNET_MAX_BODY_BYTES``), which
:class:`api.middleware.BodyLimitMiddleware` reads from the route a request matches.
What the endpoints share (CSRF refusal, sign-in, error bodies) is in
:mod:`api.routes.shared`. ``api/app.py`` assembles the domains' lists in ``DOMAINS``.

To add a domain's routes:

1. create ``api/routes/<domain>.py`` with a docstring naming each URL, its endpoints
   (thin: authenticate, call the domain's service in one transaction, answer JSON or
   bytes; errors through :func:`api.routes.shared.error_response`), and
   ``routes = [DomainRoute("/…", endpoint, methods=[…], max_body_bytes=…)]``;
2. in ``api/app.py``, add the module to ``DOMAINS`` (and to the import above it).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, Protocol

from starlette.routing import Route

__all__ = ["DomainRoute", "DomainRoutes"]


class DomainRoute(Route):
    """A Starlette ``Route`` of a domain, with the largest request body it accepts.

    ``max_body_bytes`` is ``None`` when the app-wide default (``DXNET_MAX_BODY_BYTES``,
    1 MB) is enough; upload routes raise it a little above their domain's file limit, so
    a slightly-too-large file gets the domain's own error (``FILE_TOO_LARGE`` with its
    field) and only a far larger body the middleware's ``PAYLOAD_TOO_LARGE``.
    """

    def __init__(
        self,
        path: str,
        endpoint: Callable[..., Any],
        *,
        methods: Collection[str] | None = None,
        name: str | None = None,
        max_body_bytes: int | None = None,
    ) -> None:
        super().__init__(path, endpoint, methods=methods, name=name)
        if max_body_bytes is not None and max_body_bytes <= 0:
            raise RuntimeError(f"{path}: max_body_bytes must be positive, not {max_body_bytes}")
        self.max_body_bytes = max_body_bytes


class DomainRoutes(Protocol):
    """What ``api/app.py`` needs of a domain's routes module: its ``routes`` list."""

    @property
    def routes(self) -> Sequence[DomainRoute]:
        """The domain's HTTP routes, each with its body limit."""
        ...
