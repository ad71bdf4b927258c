"""Personal data by need: the detail, the queue, the ledger and the notice follow the one rule
(core.permissions.may_see_personal_data); "show phone" answers an operator and is audited.
Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gridcenter_desktop.core.enums import AuditAction, TicketStatus, UserRole
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.reports import ledger
from gridcenter_desktop.reports.export import ExportRequest, export_report
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.errors import PermissionDeniedError
from gridcenter_desktop.services.personal_data import Contact, reveal_contact
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder
from gridcenter_desktop.services.ticket_detail import get_ticket_detail
from gridcenter_desktop.services.tickets import merge_ticket

PHONE = "13912345678"


def _audit_rows(world, action, ticket_id=None):
    with world.sf() as s:
        query = select(AuditEntry).where(AuditEntry.action == action)
        if ticket_id is not None:
            query = query.where(AuditEntry.ticket_id == ticket_id)
        return list(s.scalars(query.order_by(AuditEntry.id)))


@pytest.mark.parametrize(
    ("role", "name", "phone"),
    [
        (UserRole.VIEWER, "张**", "139****5678"),
        (UserRole.OPERATOR, "张**", "139****5678"),
        (UserRole.SUPERVISOR, "张先生", PHONE),
        (UserRole.ADMIN, "张先生", PHONE),
    ],
)
def test_the_detail_panel_shows_the_reporter_as_the_role_may_see_it(world, role, name, phone):
    ref = world.register()
    with world.sf() as s:
        detail = get_ticket_detail(s, ref.id, world.actors[role])
    assert (detail.reporter_name, detail.reporter_phone) == (name, phone)
    assert detail.personal_data_masked is (role in (UserRole.VIEWER, UserRole.OPERATOR))


def test_a_merged_in_reporter_is_masked_for_an_operator(world):
    kept = world.register(title="同一工地夜间施工噪音")
    duplicate = world.register(reporter_name="李四", reporter_phone="13700001111")
    world.call(merge_ticket, duplicate, kept.id)
    with world.sf() as s:
        op = get_ticket_detail(s, kept.id, world.operator)
        sup = get_ticket_detail(s, kept.id, world.supervisor)
    op_data = [e.data for e in op.events if e.data.get("code") == duplicate.code][0]
    sup_data = [e.data for e in sup.events if e.data.get("code") == duplicate.code][0]
    assert (op_data["reporter_name"], op_data["reporter_phone"]) == ("李*", "137****1111")
    assert (sup_data["reporter_name"], sup_data["reporter_phone"]) == ("李四", "13700001111")


def test_queue_rows_carry_no_reporter(world):
    ref = world.register(reporter_name="王五六", reporter_phone="13655556666")
    with world.sf() as s:
        rows = queue.fetch_page(s, QueueFilter(), QueueOrder(field="created", descending=True),
                                limit=50, now=world.now)  # fmt: skip
    row = next(r for r in rows if r.id == ref.id)
    values = [str(v) for v in dataclasses.astuple(row)]
    assert not any("13655556666" in v or "王五六" in v for v in values)


@pytest.mark.parametrize(
    ("role", "visible"),
    [(UserRole.OPERATOR, False), (UserRole.VIEWER, False), (UserRole.SUPERVISOR, True)],
)
def test_the_ledger_masks_by_role_and_its_export_is_audited(world, tmp_path, role, visible):
    ref = world.register(reporter_name="赵六", reporter_phone="13811112222")
    actor = world.actors[role]
    path = tmp_path / "台账.xlsx"
    request = ExportRequest(
        kind="ledger",
        path=path,
        role=UserRole.ADMIN,  # the actor's role wins
        actor=actor,
        scope="view",
        queue_filter=QueueFilter(text="夜间施工"),
        queue_order=QueueOrder(field="created"),
    )
    with world.sf() as s:
        outcome = export_report(s, request, now=world.now)
    ws = load_workbook(path).active
    rows = [
        r for r in ws.iter_rows(min_row=ledger.HEADER_ROW + 1, values_only=True) if r[1] == ref.code
    ]
    name = rows[0][ledger.HEADERS.index("反映人")]
    phone = rows[0][ledger.HEADERS.index("联系电话")]
    assert (name, phone) == (("赵六", "13811112222") if visible else ("赵*", "138****2222"))
    entry = [e for e in _audit_rows(world, AuditAction.EXPORT) if e.user_id == actor.user_id][-1]
    detail = json.loads(entry.detail)
    assert (entry.target, detail["rows"]) == ("ledger", outcome.tickets)
    assert detail["filter"]["view"]["text"] == "夜间施工"


def test_show_phone_answers_an_operator_and_is_audited(world):
    ref = world.register(reporter_name="孙七", reporter_phone="0512-66881234")
    with world.sf() as s:
        contact = reveal_contact(s, world.operator, ref.id)
    assert contact == Contact("孙七", "0512-66881234")
    (entry,) = _audit_rows(world, AuditAction.PERSONAL_DATA_VIEW, ref.id)
    assert entry.user_id == world.operator.user_id
    assert json.loads(entry.detail)["purpose"] == "callback"


def test_show_phone_is_refused_to_a_viewer_and_nothing_is_recorded(world):
    ref = world.register()
    with world.sf() as s, pytest.raises(PermissionDeniedError):
        reveal_contact(s, world.actors[UserRole.VIEWER], ref.id)
    assert _audit_rows(world, AuditAction.PERSONAL_DATA_VIEW, ref.id) == []


def test_the_notice_carries_no_written_form_of_the_reporter(world, tmp_path):
    ref = world.bring_to(
        TicketStatus.AWAITING_REVIEW,
        title="张先生反映油烟扰民，电话139 1234 5678",
        description="老张说：请回电＋８６ １３９１２３４５６７８，或座机(0512)66881234。",
        address="福利村三组（张先生家隔壁）",
    )
    path = tmp_path / "通知书.xlsx"
    with world.sf() as s:
        export_report(s, ExportRequest(kind="notice", path=path, role=UserRole.ADMIN,
                                       actor=world.supervisor, ticket_code=ref.code))  # fmt: skip
    ws = load_workbook(path).active
    text = "".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    flat = "".join(ch for ch in text if ch not in " -()（）　")
    for gone in ("张先生", "老张", "13912345678", "１３９", "66881234"):
        assert gone not in flat
    assert "油烟扰民" in text and ref.code in text
    (entry,) = _audit_rows(world, AuditAction.EXPORT, ref.id)
    assert json.loads(entry.detail)["rows"] == 1
