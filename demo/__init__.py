"""Demo data for every domain (``dxnet seed --demo``, development only).

This package sits above the domains: it may import any domain's services and models,
and no domain imports it. One module per domain (``demo/network.py``,
``demo/accounts.py``, ...), with its tables in ``*_data.py`` beside it; ``seed_demo`` runs
them in dependency order. Like every service it does not commit: the caller wraps it in
one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor, Role
from demo.accounts import DEMO_PASSWORD, DemoLogin, seed_demo_accounts
from demo.activities import DemoActivities, seed_demo_activities
from demo.knowledge import DemoKnowledge, seed_demo_knowledge
from demo.network import DemoReport, seed_demo_network
from demo.projects import DemoProjects, seed_demo_projects
from demo.recognition import DemoRecognition, seed_demo_recognition
from demo.recognition_data import COMMITTEE
from demo.support import DemoSupport, seed_demo_support
from demo.surveys import DemoSurveys, seed_demo_surveys
from network.models import AdminUnit

__all__ = ["DEMO_PASSWORD", "DemoSeed", "seed_demo"]


@dataclass(frozen=True)
class DemoSeed:
    """What ``seed_demo`` added (or found already present), domain by domain."""

    network: DemoReport
    logins: list[DemoLogin]
    partner_key: str | None
    activities: DemoActivities
    recognition: DemoRecognition
    surveys: DemoSurveys
    knowledge: DemoKnowledge
    projects: DemoProjects
    support: DemoSupport


async def seed_demo(actor: Actor, root: AdminUnit) -> DemoSeed:
    """Every domain's demo data below the seeded province ``root``, in dependency order:
    the Network first (its people), then the accounts linked to them, then the domains
    that build on both."""
    network = await seed_demo_network(actor, root)
    logins, partner_key = await seed_demo_accounts(actor, root)
    activities = await seed_demo_activities(actor, root)
    recognition = await seed_demo_recognition(actor, root)
    surveys = await seed_demo_surveys(actor, root)
    knowledge = await seed_demo_knowledge(actor, root)
    projects = await seed_demo_projects(actor, root)
    support = await seed_demo_support(actor, root)
    committee = [
        DemoLogin(username, name, Role.COMMITTEE_MEMBER, root.name) for username, name in COMMITTEE
    ]
    return DemoSeed(
        network,
        logins + committee + support.logins,
        partner_key,
        activities,
        recognition,
        surveys,
        knowledge,
        projects,
        support,
    )
