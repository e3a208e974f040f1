"""The province's calendar day is Vietnam's (UTC+7), whatever the server's clock says."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core import clock
from core.actor import Actor
from network import members
from network.members import MemberData
from tests.network.registry_data import build_registry

# 23:30 UTC on 30 November is 06:30 on 1 December in Cà Mau
LATE_EVENING_UTC = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)


@pytest.fixture
def early_morning_in_vietnam(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "utcnow", lambda: LATE_EVENING_UTC)


@pytest.mark.usefixtures("early_morning_in_vietnam")
def test_the_day_turns_at_midnight_in_vietnam() -> None:
    assert clock.today_in_vietnam() == date(2026, 12, 1)


@pytest.mark.usefixtures("early_morning_in_vietnam")
async def test_a_member_who_joined_today_in_vietnam_is_not_refused_as_future(
    system: Actor,
) -> None:
    registry = await build_registry(system)
    member = await members.create(
        system,
        data=MemberData(
            full_name="Trần Văn Sáng",
            organization_id=registry.pc_an_xuyen.id,
            joined_on=date(2026, 12, 1),
        ),
    )
    assert member.joined_on == date(2026, 12, 1)
    # and one whose joining date is left out joined on Vietnam's day
    other = await members.create(
        system,
        data=MemberData(full_name="Lê Thị Sớm", organization_id=registry.pc_an_xuyen.id),
    )
    assert other.joined_on == date(2026, 12, 1)
