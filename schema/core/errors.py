"""User errors in payloads, and how exceptions become GraphQL errors.

The published ``ErrorCode`` enum is composed from the codes each domain declares in
``<domain>/codes.py``. Expected failures (``DomainError``) become
``errors { field code message }`` in mutation payloads, or a translated GraphQL error
with ``extensions.code`` in queries. Anything else is a bug: it is logged with the
request id and masked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

import strawberry
from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.relay.types import GlobalIDValueError

from accounts import codes as accounts_codes
from activities import codes as activities_codes
from core import codes as core_codes
from core.errors import DomainError, ValidationFailed
from i18n import Language, translate
from knowledge import codes as knowledge_codes
from network import codes as network_codes
from projects import codes as projects_codes
from recognition import codes as recognition_codes
from support import codes as support_codes
from surveys import codes as surveys_codes

T = TypeVar("T")

logger = logging.getLogger("dxnet.graphql")


# Each domain declares its codes in ``<domain>/codes.py``; the published enum lists them in
# this order (the order of schema.graphql). A new domain appends its ``CODES`` at the end;
# a code declared twice fails at import (Enum refuses a repeated name).
CODE_SECTIONS: tuple[tuple[str, ...], ...] = (
    core_codes.GENERAL,
    accounts_codes.SIGN_IN,
    network_codes.ADMIN_UNITS,
    core_codes.FIELDS,
    accounts_codes.ACCOUNTS,
    core_codes.CONTACTS,
    network_codes.REGISTRY,
    network_codes.IMPORTS,
    core_codes.LIMITS,
    recognition_codes.CODES,
    activities_codes.CODES,
    surveys_codes.CODES,
    knowledge_codes.CODES,
    projects_codes.CODES,
    support_codes.CODES,
)
ALL_CODES: tuple[str, ...] = tuple(code for section in CODE_SECTIONS for code in section)

if TYPE_CHECKING:

    class ErrorCode(Enum):
        """One member per code in ``ALL_CODES`` (built below at run time)."""

else:
    ErrorCode = strawberry.enum(
        Enum("ErrorCode", [(code, code) for code in ALL_CODES]),
        name="ErrorCode",
        description="Stable codes for expected failures; messages are translated.",
    )


@strawberry.type(description="A failure the user can fix, in the caller's language.")
class UserError:
    field: str | None
    code: ErrorCode
    message: str


def message_for(error: DomainError, lang: Language) -> str:
    if error.code == "FORBIDDEN" and "scope" in error.params:
        # A partner key without the scope a field needs: name the scope.
        return translate("error.MISSING_SCOPE", lang, **error.params)
    return translate(f"error.{error.code}", lang, **error.params)


def to_user_errors(error: DomainError, lang: Language) -> list[UserError]:
    errors = error.errors if isinstance(error, ValidationFailed) else [error]
    return [
        UserError(field=e.field, code=ErrorCode(e.code), message=message_for(e, lang))
        for e in errors
    ]


class PresentErrors(MaskErrors):
    """Translate expected errors; mask unexpected ones behind the request id."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_is_unexpected)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        context = self.execution_context.context
        presented: list[GraphQLError] = []
        for error in errors:
            original = error.original_error
            if isinstance(original, GlobalIDValueError):
                # node(id:) naming a type that is not a Node (found by the fuzzer).
                original = DomainError("INVALID_ID", field="id")
            if isinstance(original, DomainError):
                message = message_for(original, context.lang)
                if original.code == "UNAUTHENTICATED" and context.auth_error is None:
                    # Nobody signed in (as opposed to a session that expired).
                    message = translate("error.SIGN_IN_REQUIRED", context.lang)
                elif original.code == "UNAUTHENTICATED" and context.auth_error:
                    # "INVALID_API_KEY" for a partner's key, else the session's message.
                    message = translate(f"error.{context.auth_error}", context.lang)
                extensions = {"code": original.code, "field": original.field}
                if "scope" in original.params:
                    extensions["requiredScope"] = original.params["scope"]
                presented.append(
                    GraphQLError(message, nodes=error.nodes, path=error.path, extensions=extensions)
                )
            elif _is_unexpected(error):
                logger.error(
                    "unexpected error in %s",
                    ".".join(str(p) for p in error.path or ()),
                    exc_info=original,
                    extra={"request_id": context.request_id},
                )
                presented.append(
                    GraphQLError(
                        translate("error.INTERNAL", context.lang, request_id=context.request_id),
                        nodes=error.nodes,
                        path=error.path,
                        extensions={
                            "code": "INTERNAL_SERVER_ERROR",
                            "requestId": context.request_id,
                        },
                    )
                )
            else:
                presented.append(present_refusal(error, context.lang))
        return presented


# Refusals by the request limits (schema/core/limits.py), by code or by the fixed English
# message of the library rule that raised them; translated like domain errors.
_REFUSAL_CODES = frozenset(
    {
        "QUERY_TOO_COMPLEX",
        "TOO_MANY_DIRECTIVES",
        "OPERATION_NAME_REQUIRED",
        "OPERATION_TIMEOUT",
    }
)
_REFUSAL_MESSAGES: tuple[tuple[str, str], ...] = (
    ("exceeds maximum operation depth", "TOO_DEEP"),
    ("aliases found", "TOO_MANY_ALIASES"),
    ("Document contains more than", "TOO_MANY_TOKENS"),
    ("Too many validation errors", "TOO_MANY_ERRORS"),
)


# graphql-core's own messages for bad documents and variables (parse, validation, variable
# coercion): the code they get, the catalogue key of their translation, and the pattern
# whose named groups fill it. English callers keep graphql-core's message as it is.
_DOCUMENT_ERRORS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (code, key, re.compile(pattern))
    for code, key, pattern in (
        ("GRAPHQL_PARSE_FAILED", "SYNTAX_ERROR", r"^Syntax Error: (?P<detail>.*?)\.?$"),
        (
            "UNKNOWN_FIELD",
            "UNKNOWN_FIELD",
            r"^Cannot query field '(?P<field>[^']+)' on type '(?P<type>[^']+)'",
        ),
        (
            "UNKNOWN_ARGUMENT",
            "UNKNOWN_ARGUMENT",
            r"^Unknown argument '(?P<argument>[^']+)' on (?:field|directive) '(?P<field>[^']+)'",
        ),
        (
            "MISSING_ARGUMENT",
            "MISSING_ARGUMENT",
            r"^Argument '(?P<field>[^'(]+)\((?P<argument>[^:']+):\)' of type '(?P<type>[^']+)'"
            r" is required",
        ),
        (
            "MISSING_ARGUMENT",
            "MISSING_VARIABLE",
            r"^Variable '\$(?P<variable>[^']+)' has invalid value: Expected a value of non-null"
            r" type '(?P<type>[^']+)' to be provided",
        ),
        (
            "INVALID_VALUE",
            "INVALID_VARIABLE",
            r"^Variable '\$(?P<variable>[^']+)' has invalid value",
        ),
        ("INVALID_VALUE", "INVALID_VALUE", r"^Expected value of type '(?P<type>[^']+)', found"),
        ("INVALID_VALUE", "INVALID_VALUE", r"^(?P<type>[A-Za-z]+) cannot represent"),
        ("UNKNOWN_TYPE", "UNKNOWN_TYPE", r"^Unknown type '(?P<type>[^']+)'"),
        (
            "INTROSPECTION_DISABLED",
            "INTROSPECTION_DISABLED",
            r"^GraphQL introspection has been disabled.*the field '(?P<field>[^']+)'",
        ),
        (
            "FRAGMENT_CYCLE",
            "FRAGMENT_CYCLE",
            r"^Cannot spread fragment '(?P<fragment>[^']+)' within itself",
        ),
        (
            "UNDEFINED_VARIABLE",
            "UNDEFINED_VARIABLE",
            r"^Variable '\$(?P<variable>[^']+)' is not defined",
        ),
    )
)

_SUGGESTION = re.compile(r" Did you mean .*\?$")
DOCUMENT_ERROR_CODES: frozenset[str] = frozenset(code for code, _, _ in _DOCUMENT_ERRORS)


def present_refusal(error: GraphQLError, lang: Language) -> GraphQLError:
    """``error`` translated with its code when it is a limit's refusal or one of
    graphql-core's common document errors, else itself. (The shell calls it too: a
    document refused while parsing never reaches extensions.)"""
    refusal = refusal_of(error)
    if refusal is not None:
        code, params = refusal
        message = translate(f"error.{code}", lang, **params)
    else:
        found = _document_error(error.message)
        if found is None:
            return error
        code, key, found_params = found
        # No "Did you mean …?": suggestions map the schema for whoever probes it (OWASP).
        english = _SUGGESTION.sub("", error.message)
        message = english if lang == "en" else translate(f"error.{key}", lang, **found_params)
    return GraphQLError(
        message,
        nodes=error.nodes,
        path=error.path,
        extensions={**(error.extensions or {}), "code": code},
    )


def _document_error(message: str) -> tuple[str, str, dict[str, str]] | None:
    for code, key, pattern in _DOCUMENT_ERRORS:
        match = pattern.match(message)
        if match:
            return code, key, match.groupdict()
    return None


def refusal_of(error: GraphQLError) -> tuple[str, dict[str, object]] | None:
    """The code and message parameters of a limit's refusal, or None."""
    from schema.core import limits

    extensions = error.extensions or {}
    code = extensions.get("code")
    if isinstance(code, str) and code in _REFUSAL_CODES:
        return code, dict(extensions)
    for fragment, found in _REFUSAL_MESSAGES:
        if fragment in error.message:
            params: dict[str, object] = {
                "limit": {
                    "TOO_DEEP": limits.MAX_DEPTH,
                    "TOO_MANY_ALIASES": limits.MAX_ALIASES,
                    "TOO_MANY_TOKENS": limits.MAX_TOKENS,
                    "TOO_MANY_ERRORS": limits.MAX_VALIDATION_ERRORS,
                }[found]
            }
            return found, params
    return None


def _is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    expected = (DomainError, GraphQLError, GlobalIDValueError)
    return original is not None and not isinstance(original, expected)


async def or_none(lookup: Callable[[], Awaitable[T]], not_found: str) -> T | None:
    """What ``lookup`` finds, or None when it fails with the code ``not_found``: a query
    for one object answers null for one that does not exist or lies outside the reader's
    scope, and any other error still goes up."""
    try:
        return await lookup()
    except DomainError as error:
        if error.code == not_found:
            return None
        raise
