"""User errors in payloads, and how exceptions become GraphQL errors.

Expected failures (``DomainError``) become ``errors { field code message }`` in mutation
payloads, or a translated GraphQL error with ``extensions.code`` in queries. Anything
else is a bug: it is logged with the request id and masked.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import TypeVar

import strawberry
from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from core.errors import DomainError, ValidationFailed
from i18n import Language, translate

logger = logging.getLogger("dxnet.graphql")
T = TypeVar("T")


@strawberry.enum(description="Stable codes for expected failures; messages are translated.")
class ErrorCode(Enum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    LOGIN_LOCKED = "LOGIN_LOCKED"
    ADMIN_UNIT_NOT_FOUND = "ADMIN_UNIT_NOT_FOUND"
    INVALID_CODE = "INVALID_CODE"
    DUPLICATE_CODE = "DUPLICATE_CODE"
    INVALID_LENGTH = "INVALID_LENGTH"
    INVALID_CHOICE = "INVALID_CHOICE"
    INVALID_ID = "INVALID_ID"
    INVALID_USERNAME = "INVALID_USERNAME"
    DUPLICATE_USERNAME = "DUPLICATE_USERNAME"
    PASSWORD_TOO_SHORT = "PASSWORD_TOO_SHORT"
    UNKNOWN_ROLE = "UNKNOWN_ROLE"
    ROLE_NOT_GRANTABLE = "ROLE_NOT_GRANTABLE"
    UNKNOWN_SCOPE = "UNKNOWN_SCOPE"
    CANNOT_DEACTIVATE_SELF = "CANNOT_DEACTIVATE_SELF"
    INVALID_PHONE = "INVALID_PHONE"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_NATIONAL_ID = "INVALID_NATIONAL_ID"
    DUPLICATE_PHONE = "DUPLICATE_PHONE"
    DUPLICATE_EMAIL = "DUPLICATE_EMAIL"
    DUPLICATE_NATIONAL_ID = "DUPLICATE_NATIONAL_ID"
    DUPLICATE_ORGANIZATION = "DUPLICATE_ORGANIZATION"
    ORGANIZATION_NOT_FOUND = "ORGANIZATION_NOT_FOUND"
    MEMBER_NOT_FOUND = "MEMBER_NOT_FOUND"
    ORGANIZATION_INACTIVE = "ORGANIZATION_INACTIVE"
    MEMBER_INACTIVE = "MEMBER_INACTIVE"
    NOT_ORGANIZATION_MEMBER = "NOT_ORGANIZATION_MEMBER"
    PLATFORM_NOT_FOUND = "PLATFORM_NOT_FOUND"
    DATE_IN_FUTURE = "DATE_IN_FUTURE"
    INVALID_DATE = "INVALID_DATE"
    REQUIRED = "REQUIRED"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"
    INVALID_HEADERS = "INVALID_HEADERS"
    EMPTY_FILE = "EMPTY_FILE"
    TOO_MANY_ROWS = "TOO_MANY_ROWS"
    DUPLICATE_IN_FILE = "DUPLICATE_IN_FILE"
    IMPORT_HAS_ERRORS = "IMPORT_HAS_ERRORS"
    RATE_LIMITED = "RATE_LIMITED"
    UNSUPPORTED_ATTACHMENT_TYPE = "UNSUPPORTED_ATTACHMENT_TYPE"
    TOO_MANY_ATTACHMENTS = "TOO_MANY_ATTACHMENTS"
    ATTACHMENT_NOT_FOUND = "ATTACHMENT_NOT_FOUND"
    TRACKING_CODE_NOT_FOUND = "TRACKING_CODE_NOT_FOUND"
    INITIATIVE_NOT_FOUND = "INITIATIVE_NOT_FOUND"
    ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION"
    INVALID_PERIOD = "INVALID_PERIOD"
    INVALID_CRITERIA = "INVALID_CRITERIA"
    COMMITTEE_ROLE_REQUIRED = "COMMITTEE_ROLE_REQUIRED"
    CHAIR_NOT_IN_COMMITTEE = "CHAIR_NOT_IN_COMMITTEE"
    INVALID_QUORUM = "INVALID_QUORUM"
    ROUND_NOT_FOUND = "ROUND_NOT_FOUND"
    NOMINATION_NOT_FOUND = "NOMINATION_NOT_FOUND"
    ROUND_CLOSED = "ROUND_CLOSED"
    ROUND_NOT_OPEN = "ROUND_NOT_OPEN"
    ROUND_STILL_OPEN = "ROUND_STILL_OPEN"
    ROUND_FINALIZED = "ROUND_FINALIZED"
    ALREADY_NOMINATED = "ALREADY_NOMINATED"
    NOT_COMMITTEE_MEMBER = "NOT_COMMITTEE_MEMBER"
    BALLOT_ALREADY_CAST = "BALLOT_ALREADY_CAST"
    STALE_BALLOT_REVISION = "STALE_BALLOT_REVISION"
    SCORE_OUT_OF_RANGE = "SCORE_OUT_OF_RANGE"
    NO_QUORUM = "NO_QUORUM"
    ALREADY_AWARDED = "ALREADY_AWARDED"
    INITIATIVE_NOT_AWARDED = "INITIATIVE_NOT_AWARDED"
    EVENT_NOT_FOUND = "EVENT_NOT_FOUND"
    EVENT_CANCELLED = "EVENT_CANCELLED"
    EVENT_NOT_STARTED = "EVENT_NOT_STARTED"
    EVENT_ENDED = "EVENT_ENDED"
    OVER_CAPACITY = "OVER_CAPACITY"
    INVALID_TOKEN = "INVALID_TOKEN"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_REVOKED = "TOKEN_REVOKED"
    CLIENT_ID_CONFLICT = "CLIENT_ID_CONFLICT"
    INVALID_CLIENT_ID = "INVALID_CLIENT_ID"
    NEGATIVE_REACH = "NEGATIVE_REACH"
    NUMBER_OUT_OF_RANGE = "NUMBER_OUT_OF_RANGE"
    INVALID_URL = "INVALID_URL"
    PLACE_OR_LINK_REQUIRED = "PLACE_OR_LINK_REQUIRED"
    TRAINING_ONLY = "TRAINING_ONLY"
    TOO_MANY_DOCUMENTS = "TOO_MANY_DOCUMENTS"
    TOO_MANY_PHOTOS = "TOO_MANY_PHOTOS"
    UNSUPPORTED_PHOTO_TYPE = "UNSUPPORTED_PHOTO_TYPE"
    INVITATION_NOT_FOUND = "INVITATION_NOT_FOUND"
    NO_LINKED_MEMBER = "NO_LINKED_MEMBER"
    TOO_MANY_INVITEES = "TOO_MANY_INVITEES"
    ATTENDANCE_NOT_FOUND = "ATTENDANCE_NOT_FOUND"
    CAMPAIGN_NOT_FOUND = "CAMPAIGN_NOT_FOUND"
    FIELD_LOG_NOT_FOUND = "FIELD_LOG_NOT_FOUND"
    OUTSIDE_CAMPAIGN_AREA = "OUTSIDE_CAMPAIGN_AREA"
    OUTSIDE_CAMPAIGN_PERIOD = "OUTSIDE_CAMPAIGN_PERIOD"
    INVALID_LOCATION = "INVALID_LOCATION"
    DUPLICATE_TARGET = "DUPLICATE_TARGET"
    SURVEY_NOT_FOUND = "SURVEY_NOT_FOUND"
    SURVEY_CLOSED = "SURVEY_CLOSED"
    SURVEY_NOT_OPEN = "SURVEY_NOT_OPEN"
    UNKNOWN_SURVEY_VERSION = "UNKNOWN_SURVEY_VERSION"
    OUTSIDE_SURVEY_AREA = "OUTSIDE_SURVEY_AREA"
    INVALID_DEVICE_ID = "INVALID_DEVICE_ID"
    WRONG_ANSWER_TYPE = "WRONG_ANSWER_TYPE"
    ANSWER_NOT_RELEVANT = "ANSWER_NOT_RELEVANT"
    UNKNOWN_QUESTION = "UNKNOWN_QUESTION"
    PATTERN_MISMATCH = "PATTERN_MISMATCH"
    CONSTRAINT_FAILED = "CONSTRAINT_FAILED"
    LOCATION_NOT_ACCURATE = "LOCATION_NOT_ACCURATE"
    TOO_MANY_RESPONSES = "TOO_MANY_RESPONSES"
    ALREADY_RESPONDED = "ALREADY_RESPONDED"
    EMPTY_SURVEY = "EMPTY_SURVEY"
    TOO_MANY_QUESTIONS = "TOO_MANY_QUESTIONS"
    INVALID_QUESTION_KEY = "INVALID_QUESTION_KEY"
    DUPLICATE_QUESTION_KEY = "DUPLICATE_QUESTION_KEY"
    INVALID_CHOICES = "INVALID_CHOICES"
    INVALID_PATTERN = "INVALID_PATTERN"
    INVALID_RULE = "INVALID_RULE"
    INVALID_RANGE = "INVALID_RANGE"
    ILLEGAL_SURVEY_TRANSITION = "ILLEGAL_SURVEY_TRANSITION"
    SURVEY_RESPONSE_NOT_FOUND = "SURVEY_RESPONSE_NOT_FOUND"
    PHOTO_NOT_EXPECTED = "PHOTO_NOT_EXPECTED"
    SURVEY_NOT_IN_AUDIENCE = "SURVEY_NOT_IN_AUDIENCE"
    PUBLIC_SURVEY_RESTRICTED = "PUBLIC_SURVEY_RESTRICTED"


@strawberry.type(description="A failure the user can fix, in the caller's language.")
class UserError:
    field: str | None
    code: ErrorCode
    message: str


def message_for(error: DomainError, lang: Language) -> str:
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
            if isinstance(original, DomainError):
                message = message_for(original, context.lang)
                if original.code == "UNAUTHENTICATED" and context.auth_error is None:
                    # Nobody signed in (as opposed to a session that expired).
                    message = translate("error.SIGN_IN_REQUIRED", context.lang)
                presented.append(
                    GraphQLError(
                        message,
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": original.code, "field": original.field},
                    )
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
                presented.append(error)
        return presented


def _is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, (DomainError, GraphQLError))
