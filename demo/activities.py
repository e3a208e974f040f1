"""Demo activities on top of the demo Network (development only).

A training series for Community Digital Technology Teams across several communes, with
attendance and test scores; monthly Network briefings; a "Bình dân học vụ số" campaign
with field logs. Deterministic (a hash of ids, not a random generator), idempotent, and
empty when the Network has no tech-team members yet. Like every service it does not
commit: the caller wraps it in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import cast

from activities import campaigns, events, invitations
from activities.campaigns import CampaignData, FieldLogData, TargetData
from activities.events import EventData
from activities.models import (
    Attendance,
    Campaign,
    Event,
    EventKind,
    FieldActivityKind,
    FieldActivityLog,
    Invitation,
    Recurrence,
)
from core.actor import Actor
from core.clock import VIETNAM, in_vietnam, utcnow
from network.models import AdminUnit, AdminUnitKind, Member, MemberStatus, NetworkRole

TRAINING_TITLE = "Tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng"
BRIEFING_TITLE = "Giao ban Mạng lưới chuyển đổi số"
CAMPAIGN_TITLE = "Bình dân học vụ số"
TODAY_TITLE = "Tập huấn VNeID và dịch vụ công trực tuyến (đang diễn ra)"
TEAM_ROLES = (
    NetworkRole.TECH_TEAM_LEADER,
    NetworkRole.TECH_TEAM_DEPUTY,
    NetworkRole.TECH_TEAM_MEMBER,
)
COMMUNES = 4
_KINDS = list(FieldActivityKind)[:5]


@dataclass(frozen=True)
class DemoActivities:
    events: int = 0
    invitations: int = 0
    attendances: int = 0
    campaigns: int = 0
    field_logs: int = 0


def _draw(*parts: object) -> int:
    """A stable number 0-99 for the given parts."""
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return digest[0] * 100 // 256


async def _counts(root: AdminUnit) -> DemoActivities:
    prefix = root.path
    return DemoActivities(
        events=await Event.filter(unit_path__startswith=prefix).count(),
        invitations=await Invitation.filter(event__unit_path__startswith=prefix).count(),
        attendances=await Attendance.filter(event__unit_path__startswith=prefix).count(),
        campaigns=await Campaign.filter(unit_path__startswith=prefix).count(),
        field_logs=await FieldActivityLog.filter(unit_path__startswith=prefix).count(),
    )


async def _attend(event: Event, members: list[int], rate: int, with_scores: bool) -> None:
    rows = []
    for member_id in members:
        if _draw(event.id, member_id) >= rate:
            continue
        score = 40 + _draw("score", event.id, member_id) * 60 // 100 if with_scores else None
        passed = None if score is None or event.pass_mark is None else score >= event.pass_mark
        rows.append(
            Attendance(
                event_id=event.id,
                member_id=member_id,
                client_id=f"demo-{event.id}-{member_id}",
                checked_in_at=event.starts_at + timedelta(minutes=_draw("t", member_id) // 4),
                walk_in=False,
                via_qr=True,
                score=score,
                passed=passed,
                completed=event.pass_mark is None or bool(passed),
            )
        )
    await Attendance.bulk_create(rows, ignore_conflicts=True)


async def _event_today(actor: Actor, root: AdminUnit, now: datetime) -> str | None:
    """A training going on now in the ward of the demo field staff (demo/accounts.py
    gives ``canbo.<code>`` the first ward by code), its tech team invited, nobody checked
    in yet: the event to try check-in on a phone with. Returns the ward's code."""
    ward = (
        await AdminUnit.filter(parent_id=root.id, kind=AdminUnitKind.WARD).order_by("code").first()
    )
    if ward is None:
        return None
    starts = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    created = await events.create(
        actor,
        data=EventData(
            kind=EventKind.TRAINING,
            title=TODAY_TITLE,
            topic="Kích hoạt VNeID mức 2, nộp hồ sơ dịch vụ công trực tuyến",
            admin_unit_code=ward.code,
            place=f"Nhà văn hóa {ward.name}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=8),
            capacity=80,
            agenda="Điểm danh bằng mã QR. Sáng: VNeID mức 2. Chiều: dịch vụ công, kiểm tra.",
            trainer="Đoàn Thanh niên phường",
            hours=6,
            pass_mark=50,
        ),
    )
    await invitations.invite(
        actor,
        event_id=created[0].id,
        audience=invitations.Audience(admin_unit_code=ward.code, roles=list(TEAM_ROLES)),
    )
    return ward.code


async def seed_demo_activities(
    actor: Actor, root: AdminUnit, *, today: date | None = None
) -> DemoActivities:
    """Seed once; a second call changes nothing and reports what is there."""
    if await Event.exists(unit_path__startswith=root.path, title__startswith=TRAINING_TITLE):
        return await _counts(root)
    team = (
        await Member.filter(unit_path__startswith=root.path, status=MemberStatus.ACTIVE)
        .filter(roles__contains=",TECH_TEAM_")
        .order_by("id")
        .values_list("id", "unit_path")
    )
    if not team:
        return DemoActivities()
    by_commune: dict[str, list[int]] = {}
    depth = root.path.count("/")
    for member_id, path in team:
        parts = str(path).strip("/").split("/")
        if len(parts) >= depth:
            by_commune.setdefault(parts[depth - 1], []).append(int(member_id))
    chosen = sorted(by_commune, key=lambda c: (-len(by_commune[c]), c))[:COMMUNES]
    today = today or datetime.now(VIETNAM).date()
    first_of_month = today.replace(day=1)

    for index, code in enumerate(chosen):
        unit = await AdminUnit.get(code=code)
        day = first_of_month - timedelta(days=20 + 30 * index)
        created = await events.create(
            actor,
            data=EventData(
                kind=EventKind.TRAINING,
                title=f"{TRAINING_TITLE} – {unit.name}",
                topic="VNeID, dịch vụ công trực tuyến, thanh toán không dùng tiền mặt",
                admin_unit_code=code,
                place=f"Hội trường UBND {unit.name}",
                starts_at=in_vietnam(day, 8),
                ends_at=in_vietnam(day, 16),
                capacity=120,
                agenda="Sáng: VNeID mức 2, dịch vụ công. Chiều: thanh toán số, kiểm tra.",
                trainer="Sở Khoa học và Công nghệ",
                hours=6,
                pass_mark=50,
            ),
        )
        event = created[0]
        await invitations.invite(
            actor,
            event_id=event.id,
            audience=invitations.Audience(admin_unit_code=code, roles=list(TEAM_ROLES)),
        )
        await _attend(event, by_commune[code], rate=85, with_scores=True)

    briefings = await events.create(
        actor,
        data=EventData(
            kind=EventKind.BRIEFING,
            title=BRIEFING_TITLE,
            topic="Tiến độ chuyển đổi số và các chỉ tiêu của Kế hoạch",
            admin_unit_code=root.code,
            place="Phòng họp trực tuyến tỉnh",
            online_url="https://meet.example.vn/giao-ban-cds",
            starts_at=in_vietnam(first_of_month - timedelta(days=150), 14),
            ends_at=in_vietnam(first_of_month - timedelta(days=150), 16),
            recurrence=Recurrence.MONTHLY,
            occurrences=12,
        ),
    )
    now = utcnow()
    for briefing in briefings:
        await invitations.invite(
            actor,
            event_id=briefing.id,
            audience=invitations.Audience(
                admin_unit_code=root.code, roles=[NetworkRole.FOCAL_POINT]
            ),
        )
        if briefing.ends_at < now:
            invited = await Invitation.filter(event_id=briefing.id).values_list(
                "member_id", flat=True
            )
            await _attend(briefing, cast("list[int]", invited), rate=70, with_scores=False)

    field_ward = await _event_today(actor, root, now)

    start = first_of_month - timedelta(days=90)
    targeted = chosen if field_ward is None or field_ward in chosen else [*chosen, field_ward]
    campaign = await campaigns.create(
        actor,
        data=CampaignData(
            title=CAMPAIGN_TITLE,
            topic="Phổ cập kỹ năng số cho người dân: VNeID, dịch vụ công, thanh toán số",
            admin_unit_code=root.code,
            starts_on=start,
            ends_on=first_of_month + timedelta(days=180),
            goal_people=20_000,
            goal_households=8_000,
            targets=[TargetData(c, goal_people=5_000, goal_households=2_000) for c in targeted],
        ),
    )
    for code in chosen:
        for i in range(6):
            day = start + timedelta(days=7 + 12 * i)
            if day >= today:
                break
            await campaigns.log_field_activity(
                actor,
                data=FieldLogData(
                    client_id=f"demo-log-{code}-{i}",
                    campaign_id=campaign.id,
                    admin_unit_code=code,
                    happened_at=in_vietnam(day, 9),
                    kind=_KINDS[_draw(code, i) % len(_KINDS)],
                    people_reached=20 + _draw("p", code, i) * 3,
                    households_reached=8 + _draw("h", code, i),
                    note="Hướng dẫn cài đặt và kích hoạt VNeID, nộp hồ sơ trực tuyến.",
                ),
                now=now,
            )
    return await _counts(root)
