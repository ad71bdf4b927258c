"""The state machine's table, the roles, and the checks on typed input (no database)."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import EventAction, TicketStatus, UserRole
from gridcenter_desktop.core.permissions import may, may_edit_calendar
from gridcenter_desktop.core.validation import check_coordinate, check_phone, check_text
from gridcenter_desktop.core.workflow import allowed_actions, is_open, status_allows


def test_the_happy_path_is_a_chain_of_allowed_actions():
    chain = [
        (TicketStatus.PENDING_DISPATCH, EventAction.DISPATCH),
        (TicketStatus.DISPATCHED, EventAction.ACCEPT),
        (TicketStatus.IN_PROGRESS, EventAction.FEEDBACK),
        (TicketStatus.AWAITING_REVIEW, EventAction.CLOSE),
        (TicketStatus.CLOSED, EventAction.CALLBACK),
    ]
    for status, action in chain:
        assert status_allows(action, status), (status, action)


def test_nothing_happens_to_a_merged_ticket_and_closed_tickets_only_reopen_or_get_a_callback():
    for role in UserRole:
        assert allowed_actions(TicketStatus.MERGED, role) == frozenset()
    assert allowed_actions(TicketStatus.CLOSED, UserRole.ADMIN) == {
        EventAction.REOPEN,
        EventAction.CALLBACK,
    }
    assert not is_open(TicketStatus.CLOSED) and is_open(TicketStatus.AWAITING_REVIEW)


def test_roles():
    assert not any(may(UserRole.VIEWER, a) for a in EventAction)
    assert may(UserRole.OPERATOR, EventAction.DISPATCH)
    assert not may(UserRole.OPERATOR, EventAction.CLOSE)
    assert not may(UserRole.OPERATOR, EventAction.SUPERVISE)
    assert may(UserRole.SUPERVISOR, EventAction.REOPEN)
    assert may(UserRole.ADMIN, EventAction.CLOSE)
    assert may_edit_calendar(UserRole.ADMIN) and not may_edit_calendar(UserRole.SUPERVISOR)


@pytest.mark.parametrize(
    "phone",
    [
        "13912345678",
        "19900001111",
        "0512-66881234",
        "051266881234",
        "010-1234567",
        "+8613912345678",
        "１３９１２３４５６７８",
        "",
        None,
        " ",
    ],
)
def test_phone_numbers_accepted(phone):
    assert check_phone(phone) is None


@pytest.mark.parametrize(
    "phone",
    ["12912345678", "1391234567", "139123456789", "13٨١٢٣٤٥٦٧٨", "512-66881234", "abc", "110"],
)
def test_phone_numbers_refused(phone):
    assert check_phone(phone) == "phone"


def test_text_and_coordinates():
    assert check_text("  ", max_length=5, required=True) == "required"
    assert check_text("abcdef", max_length=5) == "too_long"
    assert check_text(None, max_length=5) is None
    assert check_coordinate(31.3, 90) is None and check_coordinate(-181.0, 180) == "range"
