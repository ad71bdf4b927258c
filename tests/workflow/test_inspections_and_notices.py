"""Joint inspections and rectification notices on record (issue 11): the 漫山岛 case from the
inspection to the notice's check-back, its number from the town's pattern, its deadline
followed. Each test issues its notices in a year of its own, so the shared database's yearly
serials stay predictable."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from gridcenter_desktop.core.enums import (
    EventAction,
    InspectionKind,
    NoticeStatus,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.db.followup import RectificationNotice
from gridcenter_desktop.services import inspections, notices
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.tickets import close_ticket

FINDINGS = "民宿无证经营，消防器材缺失；责令暂停营业。"


def _inspect(world, ref, **overrides):
    values = dict(
        kind=InspectionKind.JOINT_INSPECTION,
        held_on=world.now.date(),
        department_ids=[world.departments["enforcement"], world.departments["police"]],
        findings=FINDINGS,
        place="漫山岛",
        attendees="冲山村村委会",
    )
    values.update(overrides)
    return world.call(inspections.record_inspection, ref, **values)


def _issue(world, ref, issued_on, deadline=None, **overrides):
    values = dict(
        party="某民宿经营者",
        problems="无证经营，消防器材缺失",
        requirements="取得许可前停止营业，配齐消防器材",
        issued_on=issued_on,
        deadline=deadline or issued_on + timedelta(days=7),
    )
    values.update(overrides)
    return world.call(notices.issue_notice, ref, actor=world.supervisor, **values)


def _notices_of(world, ticket_id):
    with world.sf() as s:
        return notices.ticket_notices(s, ticket_id, now=world.now)


def test_a_joint_inspection_is_one_event_on_the_ticket(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    after = _inspect(world, ref)
    assert after.status is TicketStatus.IN_PROGRESS and after.version == ref.version + 1
    event = world.events(ref.id)[-1]
    assert event.action == EventAction.INSPECT and event.note == FINDINGS
    assert json.loads(event.data)["departments"] == ["综合执法局", "光福派出所"]
    with world.sf() as s:
        (row,) = inspections.ticket_inspections(s, ref.id)
    assert row.kind is InspectionKind.JOINT_INSPECTION and row.held_on == world.now.date()
    assert row.departments == ("综合执法局", "光福派出所")
    assert (row.place, row.attendees, row.findings) == ("漫山岛", "冲山村村委会", FINDINGS)


@pytest.mark.parametrize(
    ("overrides", "field", "rule"),
    [
        ({"held_on": date(2022, 3, 2)}, "held_on", "future"),
        ({"department_ids": []}, "department_ids", "required"),
        ({"department_ids": [987654]}, "department_ids", "unknown"),
        ({"findings": "  "}, "findings", "required"),
    ],
)
def test_an_inspection_needs_a_past_date_a_department_and_findings(world, overrides, field, rule):
    ref = world.bring_to(TicketStatus.DISPATCHED)
    before = world.snapshot()
    with pytest.raises(ValidationError) as err:
        _inspect(world, ref, **overrides)
    assert (err.value.field, err.value.rule) == (field, rule)
    assert world.snapshot() == before


def test_no_inspection_on_a_closed_ticket(world):
    ref = world.bring_to(TicketStatus.CLOSED)
    with pytest.raises(TransitionError):
        _inspect(world, ref)


def test_notices_are_numbered_by_the_pattern_per_year(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    ref = _inspect(world, ref)
    with world.sf() as s:
        inspection_id = inspections.ticket_inspections(s, ref.id)[0].id
    ref = _issue(world, ref, date(2020, 5, 6), inspection_id=inspection_id)
    ref = _issue(world, ref, date(2020, 12, 31))
    ref = _issue(world, ref, date(2021, 1, 4))
    numbers = [n.number for n in _notices_of(world, ref.id)]
    # No town settings: the pattern is the default, the town the area tree's root.
    assert numbers == ["光福镇整改〔2020〕1号", "光福镇整改〔2020〕2号", "光福镇整改〔2021〕1号"]
    event = world.events(ref.id)[-1]
    assert event.action == EventAction.NOTICE and event.note == "光福镇整改〔2021〕1号"
    with world.sf() as s:
        first = s.scalar(
            select(RectificationNotice).where(RectificationNotice.number == numbers[0])
        )
        assert first.inspection_id == inspection_id and first.status == NoticeStatus.ISSUED


def test_only_supervisors_issue_notices(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    with pytest.raises(PermissionDeniedError):
        world.call(
            notices.issue_notice,
            ref,
            party="某饭店",
            problems="油烟",
            requirements="安装净化器",
            issued_on=date(2022, 3, 1),
            deadline=date(2022, 3, 8),
        )


def test_a_deadline_before_the_issue_date_is_refused(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    before = world.snapshot()
    with pytest.raises(ValidationError) as err:
        _issue(world, ref, date(2022, 3, 1), deadline=date(2022, 2, 28))
    assert (err.value.field, err.value.rule) == ("deadline", "before_issue")
    with pytest.raises(ValidationError) as err:
        _issue(world, ref, date(2022, 3, 2))
    assert (err.value.field, err.value.rule) == ("issued_on", "future")
    assert world.snapshot() == before


def test_the_database_refuses_a_deadline_before_the_issue_date_too(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    with world.sf() as s:
        s.add(
            RectificationNotice(
                number="手写〔2022〕1号",
                ticket_id=ref.id,
                party="某饭店",
                problems="油烟",
                requirements="安装净化器",
                issued_on=date(2022, 3, 1),
                deadline=date(2022, 2, 1),
                issued_at=world.now,
                status=NoticeStatus.ISSUED,
                check_note="",
            )
        )
        with pytest.raises(IntegrityError):
            s.commit()


def test_check_back_on_a_closed_ticket_and_the_register(world):
    ref = world.bring_to(TicketStatus.AWAITING_REVIEW)
    ref = _issue(world, ref, date(2019, 2, 1), deadline=date(2019, 2, 8))
    ref = _issue(world, ref, date(2019, 2, 20), deadline=date(2019, 3, 20))
    ref = world.call(close_ticket, ref, actor=world.supervisor)
    assert ref.status is TicketStatus.CLOSED
    first, second = _notices_of(world, ref.id)
    on_day = date(2019, 3, 1)
    world.now = world.now.replace(year=2019, month=3, day=1)
    with world.sf() as s:
        due = notices.notice_register(s, world.operator, due_only=True, now=world.now)
        assert first.id in [n.id for n in due] and second.id not in [n.id for n in due]
        row = next(n for n in due if n.id == first.id)
        assert row.days_overdue == (on_day - date(2019, 2, 8)).days
        assert row.ticket_code == ref.code and row.party == "某民宿经营者"
        waiting = notices.notices_due(s, world.now)
    assert waiting >= 1

    after = world.call(notices.check_notice, ref, first.id, True, "已配齐消防器材")
    assert after.status is TicketStatus.CLOSED and after.version == ref.version + 1
    assert world.events(ref.id)[-1].action == EventAction.NOTICE_CHECK
    with world.sf() as s:
        assert notices.notices_due(s, world.now) == waiting - 1
        checked = notices.notice_register(
            s,
            world.operator,
            status=notices.CHECKED,
            period=(date(2019, 1, 1), date(2019, 12, 31)),
            now=world.now,
        )
        assert [n.id for n in checked] == [first.id]
        assert checked[0].status is NoticeStatus.RECTIFIED and checked[0].days_overdue == 0
        issued = notices.notice_register(
            s,
            world.operator,
            status=NoticeStatus.ISSUED,
            period=(date(2019, 1, 1), date(2019, 12, 31)),
            now=world.now,
        )
        assert [n.id for n in issued] == [second.id]
    # Settled: a second check-back of a rectified notice is refused.
    with pytest.raises(ValidationError) as err:
        world.call(notices.check_notice, after, first.id, False)
    assert (err.value.field, err.value.rule) == ("notice_id", "already_checked")


def test_a_notice_of_another_ticket_is_not_checked_here(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS)
    other = world.bring_to(TicketStatus.IN_PROGRESS)
    other = _issue(world, other, date(2018, 6, 1))
    (notice,) = _notices_of(world, other.id)
    with pytest.raises(ValidationError) as err:
        world.call(notices.check_notice, ref, notice.id, True)
    assert err.value.field == "notice_id"


def test_the_draft_starts_from_the_latest_inspection(world):
    ref = world.bring_to(TicketStatus.IN_PROGRESS, description="张先生反映，电话13912345678")
    ref = _inspect(world, ref, held_on=date(2022, 2, 20), findings="第一次检查")
    ref = _inspect(world, ref, findings="张先生家对面民宿无消防器材")
    with world.sf() as s:
        draft = notices.notice_draft(s, ref.id, now=world.now)
        latest = inspections.ticket_inspections(s, ref.id)[0]
    assert draft.inspection_id == latest.id
    assert "张先生" not in draft.problems and "民宿无消防器材" in draft.problems
    assert draft.issued_on == world.now.date() and draft.deadline > draft.issued_on


@pytest.mark.pg
def test_two_desks_never_draw_the_same_number(pg_world):
    world = pg_world
    desks = 6
    refs = [world.bring_to(TicketStatus.IN_PROGRESS) for _ in range(desks)]
    barrier = threading.Barrier(desks)

    def issue(i):
        with world.sf() as s:
            barrier.wait()
            return notices.issue_notice(
                s,
                world.supervisor,
                refs[i].id,
                refs[i].version,
                party=f"第{i}家民宿",
                problems="消防器材缺失",
                requirements="配齐消防器材",
                issued_on=date(2017, 5, 1),
                deadline=date(2017, 5, 8),
                now=world.now,
            )

    with ThreadPoolExecutor(desks) as pool:
        list(pool.map(issue, range(desks)))
    with world.sf() as s:
        numbers = s.scalars(
            select(RectificationNotice.number).where(
                RectificationNotice.issued_on == date(2017, 5, 1)
            )
        ).all()
        assert s.scalar(select(func.count()).select_from(RectificationNotice)) >= desks
    assert sorted(numbers) == sorted(f"光福镇整改〔2017〕{n}号" for n in range(1, desks + 1))


@pytest.fixture(scope="module")
def role_worlds(pg_world):
    """The town once per role, each connected as that role's own login role (PostgreSQL)."""
    from tests.conftest import worlds_as_roles

    yield from worlds_as_roles(pg_world, "Role-pass-2026")


@pytest.mark.pg
def test_each_role_within_its_grants(role_worlds):
    operator = role_worlds[UserRole.OPERATOR]
    supervisor = role_worlds[UserRole.SUPERVISOR]
    ref = operator.bring_to(TicketStatus.IN_PROGRESS)
    ref = _inspect(operator, ref)
    ref = _issue(supervisor, ref, date(2016, 3, 1), deadline=date(2016, 3, 8))
    (notice,) = _notices_of(operator, ref.id)
    assert notice.number == "光福镇整改〔2016〕1号"
    ref = operator.call(notices.check_notice, ref, notice.id, False, "仍未配齐")
    (notice,) = _notices_of(operator, ref.id)
    assert notice.status == NoticeStatus.NOT_RECTIFIED and notice.check_note == "仍未配齐"
    assert {e.user_id for e in operator.events(ref.id)[-3:]} == {
        operator.operator.user_id,
        supervisor.supervisor.user_id,
    }
