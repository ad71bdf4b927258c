"""On PostgreSQL a desk connects as its user's own login role: an operator adds and removes
files within the grants, and the server itself keeps a closed ticket's files from that
operator, whatever the application says."""

from __future__ import annotations

import pytest
import sample_files as files
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from gridcenter_desktop.core.enums import TicketStatus, UserRole
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import PermissionDeniedError
from gridcenter_desktop.services.intake import attachments as att
from tests.conftest import worlds_as_roles

pytestmark = pytest.mark.pg
PASSWORD = "Role-pass-2026"


@pytest.fixture(scope="module")
def role_towns(pg_town):
    yield from worlds_as_roles(pg_town, PASSWORD)


def test_an_operator_adds_and_removes_a_file_as_their_own_role(role_towns):
    operator = role_towns[UserRole.OPERATOR]
    ref = operator.register()
    ref = operator.call(
        att.add_attachment, ref, att.NewAttachment("现场.png", files.png(), files.png(2, 2))
    )
    with operator.sf() as s:
        [info] = att.list_attachments(s, operator.operator, ref.id)
        assert att.attachment_content(s, operator.operator, info.id) == files.png()
    operator.call(att.remove_attachment, ref, info.id)
    with operator.sf() as s:
        assert att.list_attachments(s, operator.operator, ref.id) == []


def test_the_server_refuses_the_operator_deleting_a_closed_tickets_file(role_towns):
    operator = role_towns[UserRole.OPERATOR]
    supervisor = role_towns[UserRole.SUPERVISOR]
    ref = operator.bring_to(TicketStatus.AWAITING_REVIEW)
    ref = operator.call(att.add_attachment, ref, att.NewAttachment("整改后.pdf", files.pdf()))
    ref = supervisor.call(svc.close_ticket, ref, actor=supervisor.supervisor)
    with operator.sf() as s:
        [info] = att.list_attachments(s, operator.operator, ref.id)
    with operator.sf() as s, pytest.raises(DBAPIError, match="closed ticket are kept"):
        s.execute(text("DELETE FROM attachment WHERE id = :id"), {"id": info.id})
    # Nor may anyone change a file in place (no UPDATE grant).
    with operator.sf() as s, pytest.raises(DBAPIError, match="permission denied"):
        s.execute(text("UPDATE attachment SET file_name = 'x' WHERE id = :id"), {"id": info.id})


def test_the_server_refuses_a_viewers_file(role_towns):
    viewer = role_towns[UserRole.VIEWER]
    ref = role_towns[UserRole.OPERATOR].register()
    with pytest.raises(PermissionDeniedError):
        viewer.call(
            att.add_attachment,
            ref,
            att.NewAttachment("a.pdf", files.pdf()),
            actor=viewer.actors[UserRole.VIEWER],
        )
    # Asked directly, the server says no as well.
    with viewer.sf() as s, pytest.raises(DBAPIError, match="permission denied"):
        s.execute(
            text(
                "INSERT INTO attachment (ticket_id, kind, file_name, media_type, size, sha256,"
                " content, added_at) VALUES (:t, 'document', 'a.pdf', 'application/pdf', 1,"
                " 'x', 'x', now())"
            ),
            {"t": ref.id},
        )
