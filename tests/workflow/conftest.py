"""A small town to run tickets in: one village with two grids (and a community without any),
a few departments, one user per role; and a driver that brings a fresh ticket to any status.

Every test here runs on SQLite and on PostgreSQL: ``world`` shares one database per module and
backend, ``fresh_world`` builds on the shared ``session_factory`` fixture.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from gridcenter_desktop.core.enums import (
    OPEN_STATUSES,
    AreaLevel,
    AssignmentRole,
    AssignmentStatus,
    DepartmentKind,
    EventAction,
    ExtensionDecision,
    InspectionKind,
    NoticeStatus,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.core.workflow import (
    OPEN_ASSIGNMENT_STATUSES,
    allowed_actions,
    status_allows,
)
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.followup import ExtensionRequest
from gridcenter_desktop.db.ticket import Assignment, Ticket, TicketEvent
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor

# A Tuesday in an ordinary working week.
T0 = datetime(2022, 3, 1, 9, 0)


class NotSetUp(Exception):
    """``World.ready_for`` cannot give the ticket what the action needs in its status (a
    decision on time asked for, before anything was dispatched): the service can only refuse
    the input, never the role or the status."""


USER_NAMES = {
    UserRole.VIEWER: "只读领导",
    UserRole.OPERATOR: "调度员小王",
    UserRole.SUPERVISOR: "值班长老李",
    UserRole.ADMIN: "管理员",
}


@dataclass
class World:
    sf: sessionmaker[Session]
    town_id: int
    village_id: int
    community_id: int
    grid_id: int
    other_grid_id: int
    departments: dict[str, int]
    actors: dict[UserRole, Actor]
    now: datetime = T0
    extra: dict[str, object] = field(default_factory=dict)
    # For the test modules, which cannot import this file (they are not a package).
    NotSetUp: type[Exception] = NotSetUp

    @property
    def operator(self) -> Actor:
        return self.actors[UserRole.OPERATOR]

    @property
    def supervisor(self) -> Actor:
        return self.actors[UserRole.SUPERVISOR]

    def form(self, **overrides) -> svc.NewTicket:
        values = dict(
            kind=TicketKind.ORDINARY,
            source=TicketSource.HOTLINE,
            category="noise",
            title="夜间施工噪音扰民",
            description="福利村三组附近工地夜间施工，噪音很大。",
            reporter_name="张先生",
            reporter_phone="13912345678",
            address="福利村三组",
            grid_id=self.grid_id,
            priority=Priority.ORDINARY,
        )
        values.update(overrides)
        return svc.NewTicket(**values)

    def register(self, actor: Actor | None = None, **overrides) -> svc.TicketRef:
        with self.sf() as s:
            return svc.register_ticket(s, actor or self.operator, self.form(**overrides), self.now)

    def call(
        self,
        fn,
        ref: svc.TicketRef,
        *args,
        actor: Actor | None = None,
        at: datetime | None = None,
        **kwargs,
    ):
        """Run a ticket action in a fresh session as ``actor`` (the operator by default), at
        ``at`` (the world's clock by default)."""
        with self.sf() as s:
            return fn(
                s, actor or self.operator, ref.id, ref.version, *args, now=at or self.now, **kwargs
            )

    def ref(self, ticket_id: int) -> svc.TicketRef:
        """The ticket's reference as it is now."""
        t = self.ticket(ticket_id)
        return svc.TicketRef(t.id, t.code, TicketStatus(t.status), t.version)

    def ticket(self, ticket_id: int) -> Ticket:
        with self.sf() as s:
            return s.get(Ticket, ticket_id)

    def assignments(self, ticket_id: int) -> list[Assignment]:
        with self.sf() as s:
            return list(
                s.scalars(
                    select(Assignment)
                    .where(Assignment.ticket_id == ticket_id)
                    .order_by(Assignment.id)
                )
            )

    def events(self, ticket_id: int) -> list[TicketEvent]:
        with self.sf() as s:
            return list(
                s.scalars(
                    select(TicketEvent)
                    .where(TicketEvent.ticket_id == ticket_id)
                    .order_by(TicketEvent.id)
                )
            )

    def snapshot(self) -> tuple:
        """Counts and versions that any write would change: compare before/after a refusal."""
        with self.sf() as s:
            return (
                s.scalar(select(func.count()).select_from(Ticket)),
                s.scalar(select(func.count()).select_from(TicketEvent)),
                s.scalar(select(func.count()).select_from(Assignment)),
                tuple(
                    s.execute(select(Ticket.id, Ticket.version, Ticket.status).order_by(Ticket.id))
                ),
                tuple(s.execute(select(Assignment.id, Assignment.status).order_by(Assignment.id))),
            )

    def pick(self, ticket_id: int, *statuses: AssignmentStatus, role: AssignmentRole | None = None):
        """The first assignment of the ticket in one of ``statuses`` (and ``role``)."""
        for a in self.assignments(ticket_id):
            if a.status in statuses and (role is None or a.role == role):
                return a.id
        return None

    @property
    def feedback(self) -> svc.Feedback:
        return FEEDBACK

    def bring_to(self, status: TicketStatus, **form) -> svc.TicketRef:
        """A fresh ticket in ``status``: dispatched to a lead department with two assisting
        ones; in awaiting review the first assisting department has accepted and the second
        has not, so every action the status allows has something to act on."""
        ref = self.register(**form)
        if status == TicketStatus.PENDING_DISPATCH:
            return ref
        if status == TicketStatus.MERGED:
            kept = self.register(title="同一工地夜间施工噪音")
            return self.call(svc.merge_ticket, ref, kept.id)
        d = self.departments
        ref = self.call(
            svc.dispatch_ticket,
            ref,
            lead_department_id=d["enforcement"],
            assist_department_ids=[d["environment"], d["police"]],
        )
        if status == TicketStatus.DISPATCHED:
            return ref
        lead, assist1, _assist2 = (a.id for a in self.assignments(ref.id))
        ref = self.call(svc.accept_assignment, ref, lead)
        if status == TicketStatus.IN_PROGRESS:
            return ref
        ref = self.call(svc.accept_assignment, ref, assist1)
        ref = self.call(svc.feed_back, ref, lead, FEEDBACK)
        if status == TicketStatus.AWAITING_REVIEW:
            return ref
        ref = self.call(svc.close_ticket, ref, note="已核实", actor=self.supervisor)
        assert status == TicketStatus.CLOSED
        return ref

    def ready_for(self, action: EventAction, ref: svc.TicketRef) -> svc.TicketRef:
        """The ticket given what ``action`` acts on when its status allows it but nothing is
        there yet: a request for more time to decide, a suspension to resume, a notice to
        check back. Done by a supervisor, before the action is measured; NotSetUp when the
        status cannot have it."""
        sup = self.supervisor
        if action == EventAction.EXTEND_DECIDE and not self._pending_requests(ref.id):
            # Time is asked for by a department handling it, on a ticket not suspended.
            open_ = self.pick(ref.id, AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED)
            handled = status_allows(EventAction.EXTEND_REQUEST, ref.status)
            if open_ is None or not handled or self.ticket(ref.id).suspended_at is not None:
                raise NotSetUp(action)
            ref = self.act(EventAction.EXTEND_REQUEST, ref, self.operator)
        elif action == EventAction.RESUME and self.ticket(ref.id).suspended_at is None:
            ref = self.act(EventAction.SUSPEND, ref, sup)
        elif action == EventAction.NOTICE_CHECK and self._open_notice(ref.id) is None:
            if TicketStatus(ref.status) not in (*OPEN_STATUSES, TicketStatus.CLOSED):
                raise NotSetUp(action)
            ref = self.act(EventAction.NOTICE, ref, sup)
        return ref

    def _pending_requests(self, ticket_id: int) -> list:
        from gridcenter_desktop.services.tickets.extension import pending_extensions

        with self.sf() as s:
            return pending_extensions(s, ticket_id)

    def _open_notice(self, ticket_id: int) -> int | None:
        from gridcenter_desktop.services.notices import ticket_notices

        with self.sf() as s:
            rows = ticket_notices(s, ticket_id, now=self.now)
        waiting = [n.id for n in rows if n.status != NoticeStatus.RECTIFIED]
        return waiting[-1] if waiting else None

    def act(self, action: EventAction, ref: svc.TicketRef, actor: Actor) -> svc.TicketRef:
        """Take ``action`` with valid input chosen from the ticket's current state (see
        ``ready_for`` for what some actions need first)."""
        tid = ref.id
        A = AssignmentStatus
        if action == EventAction.DISPATCH:
            return self.call(
                svc.dispatch_ticket, ref, lead_department_id=self.departments["water"], actor=actor
            )
        if action == EventAction.ACCEPT:
            return self.call(svc.accept_assignment, ref, self.pick(tid, A.PENDING), actor=actor)
        if action == EventAction.RETURN:
            target = self.pick(tid, A.PENDING, A.ACCEPTED)
            return self.call(svc.return_assignment, ref, target, "不属于本部门职责", actor=actor)
        if action == EventAction.FEEDBACK:
            target = self.pick(tid, A.ACCEPTED)
            return self.call(svc.feed_back, ref, target, FEEDBACK, actor=actor)
        if action == EventAction.CLOSE:
            return self.call(svc.close_ticket, ref, actor=actor)
        if action == EventAction.REJECT:
            return self.call(svc.reject_review, ref, "处置结果不完整", actor=actor)
        if action == EventAction.SOLVE_IN_GRID:
            return self.call(svc.solve_in_grid, ref, "网格员上门协调解决", actor=actor)
        if action == EventAction.REOPEN:
            return self.call(svc.reopen_ticket, ref, "群众反映问题依旧", actor=actor)
        if action == EventAction.URGE:
            return self.call(svc.urge_ticket, ref, actor=actor)
        if action == EventAction.SUPERVISE:
            return self.call(
                svc.supervise_ticket, ref, self.departments["enforcement"], "超期未办", actor=actor
            )
        if action == EventAction.MERGE:
            kept = self.register(title="重复反映的噪音问题")
            return self.call(svc.merge_ticket, ref, kept.id, actor=actor)
        if action == EventAction.CALLBACK:
            return self.call(svc.record_callback, ref, Satisfaction.SATISFIED, actor=actor)
        if action == EventAction.PLACE:
            # Into the other grid of the village (a correction), whichever it is in now.
            current = self.ticket(tid).grid_id
            grid = self.other_grid_id if current == self.grid_id else self.grid_id
            return self.call(svc.place_ticket, ref, grid_id=grid, actor=actor)
        return self._act_follow_up(action, ref, actor)

    def _act_follow_up(self, action: EventAction, ref: svc.TicketRef, actor: Actor):
        """The issue-11 actions: 加派, escalation, time, suspension, inspections and notices."""
        tid = ref.id
        A = AssignmentStatus
        if action == EventAction.ADD_ASSIGNEE:
            from gridcenter_desktop.services.tickets.adding import add_assignees

            busy = {
                a.department_id
                for a in self.assignments(tid)
                if a.status in OPEN_ASSIGNMENT_STATUSES
            }
            free = [
                d for code, d in self.departments.items()
                if code != "closed_office" and d not in busy
            ]  # fmt: skip
            return self.call(add_assignees, ref, free[:1], actor=actor)
        if action == EventAction.ESCALATE:
            from gridcenter_desktop.services.tickets.escalation import escalate_missed

            target = self.pick(tid, A.PENDING)
            # An hour after its accept-by time: the acceptance was missed.
            late = next((a.accept_by for a in self.assignments(tid) if a.id == target), self.now)
            return self.call(
                escalate_missed, ref, target, actor=actor, at=late + timedelta(hours=1)
            )
        if action == EventAction.EXTEND_REQUEST:
            from gridcenter_desktop.services.tickets.extension import request_extension

            target = self.pick(tid, A.PENDING, A.ACCEPTED)
            finish = next((a.finish_by for a in self.assignments(tid) if a.id == target), self.now)
            return self.call(
                request_extension, ref, target, "需要协调多个部门",
                finish + timedelta(days=3), actor=actor,
            )  # fmt: skip
        if action == EventAction.EXTEND_DECIDE:
            from gridcenter_desktop.services.tickets.extension import decide_extension

            requests = self._pending_requests(tid)
            request_id = requests[0].request_id if requests else 987654
            return self.call(decide_extension, ref, request_id, True, actor=actor)
        if action == EventAction.SUSPEND:
            from gridcenter_desktop.services.tickets.suspension import suspend_ticket

            return self.call(suspend_ticket, ref, "等待法院判决", actor=actor)
        if action == EventAction.RESUME:
            from gridcenter_desktop.services.tickets.suspension import resume_ticket

            return self.call(resume_ticket, ref, actor=actor)
        if action == EventAction.INSPECT:
            from gridcenter_desktop.services.inspections import record_inspection

            return self.call(
                record_inspection, ref, kind=InspectionKind.JOINT_INSPECTION,
                held_on=self.now.date(), department_ids=[self.departments["enforcement"]],
                findings="现场噪音超标", actor=actor,
            )  # fmt: skip
        if action == EventAction.NOTICE:
            from gridcenter_desktop.services.notices import issue_notice

            return self.call(
                issue_notice, ref, party="某建筑工地", problems="夜间施工噪音扰民",
                requirements="停止夜间施工", issued_on=self.now.date(),
                deadline=self.now.date() + timedelta(days=7), actor=actor,
            )  # fmt: skip
        if action == EventAction.NOTICE_CHECK:
            from gridcenter_desktop.services.notices import check_notice

            notice = self._open_notice(tid) or 987654
            return self.call(check_notice, ref, notice, True, actor=actor)
        raise AssertionError(f"no driver for {action}")

    def _may(self, action: EventAction, ticket_id: int, actor: Actor) -> bool:
        """Whether the rules allow ``action`` here (a driver only prepares what it acts on then:
        a refusal must leave the ticket as it was)."""
        return action in allowed_actions(self.ticket(ticket_id).status, actor.role)

    def _pending_request(self, ticket_id: int) -> int:
        """A request for more time waiting on the ticket, written directly (no event) when there
        is none: on an open assignment, or a returned one (a request outlives a return)."""
        with self.sf() as s:
            found = s.scalar(
                select(ExtensionRequest.id).where(
                    ExtensionRequest.ticket_id == ticket_id,
                    ExtensionRequest.decision == ExtensionDecision.PENDING,
                )
            )
            if found is not None:
                return found
            ticket = s.get(Ticket, ticket_id)
            assignment = next(iter(ticket.assignments), None)
            if assignment is None:
                assignment = Assignment(
                    ticket_id=ticket_id, department_id=self.departments["water"],
                    role=AssignmentRole.LEAD, status=AssignmentStatus.RETURNED,
                    created_at=self.now, accept_by=self.now, finish_by=ticket.deadline_at,
                    returned_at=self.now, return_reason="不属于本部门职责",
                )  # fmt: skip
                s.add(assignment)
                s.flush()
            request = ExtensionRequest(
                ticket_id=ticket_id, assignment_id=assignment.id, reason="需协调多部门",
                proposed_finish_by=assignment.finish_by + timedelta(days=3),
                previous_finish_by=assignment.finish_by, requested_at=self.now,
                decision=ExtensionDecision.PENDING, decision_note="",
            )  # fmt: skip
            s.add(request)
            s.commit()
            return request.id


FEEDBACK = svc.Feedback(
    complaint_true=True, solved=True, feedback="已责令工地夜间停工", public_reply="已处理"
)

DEPARTMENTS = (
    ("enforcement", "综合执法局", DepartmentKind.OFFICE),
    ("environment", "生态环境办", DepartmentKind.OFFICE),
    ("police", "光福派出所", DepartmentKind.AGENCY),
    ("water", "水利站", DepartmentKind.OFFICE),
    ("closed_office", "已撤销的办公室", DepartmentKind.OFFICE),
)


def build_world(sf: sessionmaker[Session]) -> World:
    """Insert the town, its areas, departments and users; returns their ids."""
    with sf() as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        village = Area(level=AreaLevel.VILLAGE, name="福利村", parent=town, code="320506108200")
        community = Area(level=AreaLevel.COMMUNITY, name="梅园社区", parent=town)
        grid = Area(level=AreaLevel.GRID, name="福利村第一网格", parent=village)
        other = Area(level=AreaLevel.GRID, name="福利村第二网格", parent=village)
        s.add_all([town, village, community, grid, other])
        departments = {
            code: Department(code=code, name=name, kind=kind, active=code != "closed_office")
            for code, name, kind in DEPARTMENTS
        }
        s.add_all(departments.values())
        users = {
            role: User(login=role.value, display_name=name, role=role, password_hash="-")
            for role, name in USER_NAMES.items()
        }
        s.add_all(users.values())
        s.commit()
        return World(
            sf=sf,
            town_id=town.id,
            village_id=village.id,
            community_id=community.id,
            grid_id=grid.id,
            other_grid_id=other.id,
            departments={code: d.id for code, d in departments.items()},
            actors={r: Actor(u.id, r, u.display_name) for r, u in users.items()},
        )


def _root_conftest(config: pytest.Config):
    """tests/conftest.py as loaded by pytest (it has the PostgreSQL database helpers)."""
    wanted = os.path.join("tests", "conftest.py")
    for plugin in config.pluginmanager.get_plugins():
        if (getattr(plugin, "__file__", None) or "").endswith(wanted):
            return plugin
    raise RuntimeError("tests/conftest.py is not loaded")


def _world_on(request, tmp_path_factory, backend: str) -> Iterator[World]:
    root = _root_conftest(request.config)
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('workflow') / 'gridcenter.sqlite3'}"
    else:
        url = root.create_pg_database()
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        yield build_world(make_session_factory(engine))
    finally:
        engine.dispose()
        if backend == "pg":
            root.drop_pg_database(url)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def shared_world(request, tmp_path_factory) -> Iterator[World]:
    """One migrated database per test module and backend: creating a PostgreSQL database for
    every test would dominate the run time. Tests stay independent because each works on the
    tickets it registers itself (and restores ``now``)."""
    yield from _world_on(request, tmp_path_factory, request.param)


@pytest.fixture(scope="module")
def pg_world(request, tmp_path_factory) -> Iterator[World]:
    """The town on PostgreSQL only (concurrency tests); skips or fails like the ``pg`` tests."""
    yield from _world_on(request, tmp_path_factory, "pg")


@pytest.fixture
def world(shared_world) -> World:
    """The module's town, with the clock at T0."""
    return dataclasses.replace(shared_world, now=T0, extra={})


@pytest.fixture
def fresh_world(session_factory) -> World:
    """A town in a database of its own (for tests about numbering or the calendar)."""
    return build_world(session_factory)


@pytest.fixture(scope="session")
def world_builder():
    """``build_world`` for fixtures that make their own database (test modules are not a
    package, so they cannot import this file)."""
    return build_world
