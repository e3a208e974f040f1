"""The authorization matrix: one row per root Query and Mutation field of ``schema.graphql``.

Add a row when you add a root field (``test_every_root_field_has_a_row`` fails until you do).
A row says, for each of the eight base callers of ``tests/security/conftest.py::CALLERS``,
what happens (partner keys holding a single scope follow from the row's ``scope``):

- ``ALLOW``: the caller gets past authorization (no UNAUTHENTICATED, FORBIDDEN or
  OUT_OF_SCOPE anywhere in the answer, no internal error). Input may still be refused as
  invalid or not found: the matrix sends minimal documents, not meaningful ones.
- ``DENY(code)``: the answer carries ``code`` (as ``extensions.code`` of a GraphQL error or
  in the payload's ``errors``), and nothing else tells the caller more.

The document is built from the schema (``{ __typename }`` or ``errors { code }`` as the
selection, the required arguments filled with minimal values); a row may pass its own
``variables`` factory (called with the ``World``) to point the field at a unit or object.
Expectations come from reading the resolvers' permission classes and the services they call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.actor import ApiScope
from tests.security.documents import global_id

ALLOW = "ALLOW"
UNAUTH = "DENY:UNAUTHENTICATED"
FORBID = "DENY:FORBIDDEN"
SCOPE = "DENY:OUT_OF_SCOPE"
DENY_CODES = ("UNAUTHENTICATED", "FORBIDDEN", "OUT_OF_SCOPE")


# Partner keys holding one read scope each (conftest's SCOPE_KEYS); their outcome comes
# from the row: what the all-scopes key gets where the row's ``scope`` is the key's own,
# FORBIDDEN elsewhere (see ``outcome``).
NETWORK = ApiScope.READ_NETWORK.value
SURVEYS = ApiScope.READ_SURVEYS.value
RECOGNITION = ApiScope.READ_RECOGNITION.value
ACTIVITIES = ApiScope.READ_ACTIVITIES.value
KNOWLEDGE = ApiScope.READ_KNOWLEDGE.value
PROJECTS = ApiScope.READ_PROJECTS.value
SUPPORT = ApiScope.READ_SUPPORT.value
SCOPE_KEYS: dict[str, str] = {
    f"key_{scope.value.split(':')[1]}": scope.value for scope in ApiScope if scope != "read:pii"
}


def policy(**outcomes: str) -> dict[str, str]:
    return outcomes


# The shared shapes of the permission classes in schema/core/permissions.py.
PUBLIC = policy(
    anonymous=ALLOW, admin=ALLOW, manager_in=ALLOW, manager_out=ALLOW, field=ALLOW,
    committee=ALLOW, key_scoped=ALLOW, key_unscoped=ALLOW,
)  # fmt: skip
SIGNED_IN = {**PUBLIC, "anonymous": UNAUTH}  # IsAuthenticated
PEOPLE = {**SIGNED_IN, "key_scoped": FORBID, "key_unscoped": FORBID}  # IsSignedInUser
READERS = {**SIGNED_IN, "key_unscoped": FORBID}  # has_role_or_api_scope(scope) / require_reader
EDITORS = {**PEOPLE, "field": FORBID, "committee": FORBID}  # has_role(*EDITOR_ROLES)
FIELD = {**PEOPLE, "committee": FORBID}  # has_role(*FIELD_ROLES)
ADMIN = {**EDITORS, "manager_in": FORBID, "manager_out": FORBID}  # has_role(PROVINCE_ADMIN)
PARTNERS = {**ADMIN, "admin": FORBID}  # has_role(PARTNER): no caller of the matrix is one
COMMITTEE = {
    **PEOPLE,
    "admin": FORBID,
    "manager_in": FORBID,
    "manager_out": FORBID,
    "field": FORBID,
}


def in_home(**extra: Any) -> Callable[[Any], dict[str, Any]]:
    """Variables pointing the field at manager_in's commune (so manager_out is out of scope)."""
    return lambda world: {**extra, "adminUnitCode": world.home}


def input_in_home(key: str = "adminUnitCode", **ids: str) -> Callable[[Any], dict[str, Any]]:
    """An ``input`` whose unit is manager_in's commune (the rest filled in minimally); ``ids``
    name the Node type of ID fields, so they decode (to objects that do not exist)."""
    extra = {k: global_id(t.strip("[]"), 999999) for k, t in ids.items()}
    extra = {k: [v] if ids[k].startswith("[") else v for k, v in extra.items()}
    return lambda world: {"input": {key: world.home, **extra}}


def out_of_scope_for_manager_out(base: dict[str, str]) -> dict[str, str]:
    return {**base, "manager_out": SCOPE if base["manager_out"] == ALLOW else base["manager_out"]}


@dataclass(frozen=True)
class Row:
    expected: dict[str, str]
    variables: Callable[[Any], dict[str, Any]] | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # The scope (or scopes, all needed) a partner key needs, when the all-scopes key passes
    # and ``read:pii`` alone does not; None when keys need none or are refused whatever
    # they hold.
    scope: str | tuple[str, ...] | None = None


def outcome(row: Row, caller: str) -> str:
    """What ``caller`` gets from ``row``: as written for the eight base callers, derived
    for the single-scope keys."""
    if caller in row.expected:
        return row.expected[caller]
    full = row.expected["key_scoped"]
    if full != ALLOW or row.scope is None:
        return full
    needed = {row.scope} if isinstance(row.scope, str) else set(row.scope)
    return ALLOW if needed == {SCOPE_KEYS[caller]} else FORBID


QUERIES: dict[str, Row] = {
    "viewer": Row(PUBLIC, note="null for anyone without a session"),
    "users": Row(EDITORS),
    "apiKeys": Row(ADMIN),
    "adminUnits": Row(PUBLIC, note="the public administrative tree"),
    "adminUnit": Row(PUBLIC),
    "organizations": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=NETWORK),
    "organization": Row(
        READERS, lambda world: {"id": global_id("Organization", 999999)}, scope=NETWORK
    ),
    "members": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=NETWORK),
    "member": Row(READERS, scope=NETWORK),
    "platforms": Row(READERS, scope=NETWORK),
    "networkKpis": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=NETWORK),
    "auditLog": Row(ADMIN),
    "initiativeByTrackingCode": Row(PUBLIC),
    "initiatives": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=RECOGNITION),
    "initiative": Row(READERS, scope=RECOGNITION),
    "similarInitiatives": Row(READERS, scope=RECOGNITION),
    "recognitionRounds": Row(READERS, scope=RECOGNITION),
    "recognitionRound": Row(READERS, scope=RECOGNITION),
    "roundResults": Row(READERS, scope=RECOGNITION),
    "showcase": Row(PUBLIC),
    "showcaseItem": Row(PUBLIC),
    "emulationLeaderboard": Row(
        out_of_scope_for_manager_out(READERS), in_home(), scope=(RECOGNITION, NETWORK)
    ),
    "events": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=ACTIVITIES),
    "event": Row(READERS, scope=ACTIVITIES),
    "eventAttendance": Row(READERS, scope=ACTIVITIES),
    "eventRoster": Row(FIELD),
    "memberQrToken": Row(PEOPLE),
    "trainingHistory": Row(READERS, scope=ACTIVITIES),
    "campaigns": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=ACTIVITIES),
    "campaignProgress": Row(READERS, scope=ACTIVITIES),
    "surveys": Row(
        {**PUBLIC, "key_unscoped": FORBID},
        note="published public surveys for anyone but keys",
        scope=SURVEYS,
    ),
    "survey": Row(PUBLIC),
    "surveyResults": Row(READERS, scope=SURVEYS),
    "surveyTextAnswers": Row(READERS, scope=SURVEYS),
    "node": Row(PUBLIC, note="each type checks its own access: see test_node_idor"),
    "articles": Row(
        {**PUBLIC, "key_unscoped": FORBID},
        note="each reader sees their audience's articles",
        scope=KNOWLEDGE,
    ),
    "article": Row(PUBLIC),
    "articleVersions": Row(PUBLIC, note="empty unless the reader edits the article"),
    "unansweredQuestions": Row(EDITORS),
    "editableArticles": Row(EDITORS),
    "synonyms": Row(EDITORS),
    "projects": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=PROJECTS),
    "project": Row(READERS, lambda world: {"id": global_id("Project", 999999)}, scope=PROJECTS),
    "projectPortfolio": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=PROJECTS),
    "expertiseTags": Row(READERS, scope=SUPPORT),
    "supportExperts": Row(ADMIN, note="and PARTNER users: their own organisation's members"),
    "supportOffers": Row(
        READERS, note="partners: their own organisation's (support/access)", scope=SUPPORT
    ),
    "supportRequests": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=SUPPORT),
    "supportEngagements": Row(READERS, scope=SUPPORT),
    "supportMatches": Row(READERS, note="partners refused in support/matching", scope=SUPPORT),
    "supportFigures": Row(out_of_scope_for_manager_out(READERS), in_home(), scope=SUPPORT),
}

MUTATIONS: dict[str, Row] = {
    "login": Row(PUBLIC),
    "logout": Row(PUBLIC),
    "createUser": Row(out_of_scope_for_manager_out(EDITORS), input_in_home("scopeCode")),
    "setUserActive": Row(EDITORS),
    "setUserMember": Row(EDITORS),
    "revokeUserSessions": Row(PEOPLE),
    "createApiKey": Row(ADMIN),
    "revokeApiKey": Row(ADMIN),
    "createAdminUnit": Row(out_of_scope_for_manager_out(EDITORS), input_in_home("parentCode")),
    "createOrganization": Row(out_of_scope_for_manager_out(EDITORS), input_in_home()),
    "updateOrganization": Row(EDITORS),
    "deactivateOrganization": Row(EDITORS),
    "createMember": Row(EDITORS),
    "updateMember": Row(EDITORS),
    "deactivateMember": Row(EDITORS),
    "designateFocalPoint": Row(EDITORS),
    "recordPlatformAdoption": Row(FIELD, note="or a member for themself (members/services)"),
    "importMembers": Row(EDITORS),
    "importOrganizations": Row(EDITORS),
    "importAdminUnits": Row(EDITORS),
    "submitInitiative": Row(PUBLIC),
    "provideInitiativeInfo": Row(PUBLIC),
    "screenInitiative": Row(EDITORS),
    "recordReplication": Row(EDITORS),
    "createRecognitionRound": Row(
        out_of_scope_for_manager_out(EDITORS),
        input_in_home(committeeUserIds="[User]", chairUserId="User"),
    ),
    "nominateInitiative": Row(EDITORS),
    "castBallot": Row(COMMITTEE),
    "closeRound": Row(PEOPLE),
    "finalizeRound": Row(PEOPLE),
    "grantAward": Row(EDITORS),
    "createEvent": Row(out_of_scope_for_manager_out(EDITORS), input_in_home()),
    "updateEvent": Row(EDITORS),
    "inviteToEvent": Row(EDITORS),
    "respondToInvitation": Row(PEOPLE),
    "checkIn": Row(FIELD),
    "recordTrainingScores": Row(FIELD),
    "revokeMemberQrToken": Row(EDITORS),
    "createCampaign": Row(out_of_scope_for_manager_out(EDITORS), input_in_home()),
    "logFieldActivity": Row(
        {**FIELD, "manager_out": "DENY:CAMPAIGN_NOT_FOUND"},  # out of scope = invisible
        lambda world: {
            "input": {
                "adminUnitCode": world.home,
                "campaignId": global_id("Campaign", world.campaign),
                "clientId": "6f1c1a52-5d8e-4d3b-9a55-3f8f1b9c0a11",
            }
        },
    ),
    "createSurvey": Row(out_of_scope_for_manager_out(EDITORS), input_in_home()),
    "updateSurvey": Row(EDITORS),
    "publishSurvey": Row(EDITORS),
    "closeSurvey": Row(EDITORS),
    "importSurveyXlsForm": Row(
        out_of_scope_for_manager_out(EDITORS),
        input_in_home(),
        note="scope checked before the file is read",
    ),
    "createArticle": Row(EDITORS),
    "updateArticle": Row(EDITORS),
    "submitArticleForReview": Row(EDITORS),
    "publishArticle": Row(EDITORS),
    "archiveArticle": Row(EDITORS),
    "rateArticle": Row(PUBLIC, note="anyone who may read the article"),
    "addSynonym": Row(ADMIN),
    "removeSynonym": Row(ADMIN),
    "askAssistant": Row(
        {**PUBLIC, "key_unscoped": FORBID},
        note="answers only from passages the asker may read",
        scope=KNOWLEDGE,
    ),
    "createProject": Row(
        out_of_scope_for_manager_out(EDITORS), input_in_home(organizationId="Organization")
    ),
    "updateProject": Row(EDITORS),
    "addMilestone": Row(EDITORS),
    "setMilestoneDone": Row(EDITORS),
    "addTask": Row(EDITORS),
    "updateTask": Row(EDITORS),
    "submitStatusReport": Row(EDITORS),
    "saveExpertiseTag": Row(ADMIN),
    "createSupportOffer": Row(ADMIN, note="and PARTNER users, for their own organisation"),
    "updateSupportOffer": Row(ADMIN, note="and PARTNER users, their own organisation's offers"),
    "createSupportRequest": Row(out_of_scope_for_manager_out(EDITORS), input_in_home()),
    "proposeEngagement": Row(EDITORS),
    "acceptEngagement": Row(PARTNERS),
    "declineEngagement": Row(PARTNERS),
    "recordEngagementDelivery": Row(FIELD, note="and PARTNER users"),
    "rateEngagement": Row(EDITORS, note="and PARTNER users"),
    "syncSurveyResponses": Row(
        {**FIELD, "anonymous": ALLOW},
        note="anonymous visitors answer public surveys; signed in, only field roles (surveys/sync)",
    ),
}
