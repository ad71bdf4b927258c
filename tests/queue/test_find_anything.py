"""The search box finds a ticket by its code (whole or beginning), and by its reporter's name or
phone for the roles that may look reporters up (core.permissions.reporter_search); words still
find titles, descriptions and addresses. Issue 8, item 5: a code, a name or a phone found
nothing."""

from __future__ import annotations

import pytest
from queue_factory import NOW, add_ticket

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.core.permissions import ReporterSearch, reporter_search
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

NONE, WHOLE, PARTIAL = ReporterSearch.NONE, ReporterSearch.WHOLE, ReporterSearch.PARTIAL


@pytest.fixture
def reporters(session, town):
    add_ticket(
        session, 1, created=NOW, title="夜间施工噪音", reporter_name="王建国",
        reporter_phone="13912345678",
    )  # fmt: skip
    add_ticket(
        session, 2, created=NOW, title="路灯不亮", reporter_name="王芳",
        reporter_phone="+86 139-8765-4321",
    )  # fmt: skip
    add_ticket(
        session, 3, created=NOW, title="水管漏水", reporter_name="李四",
        reporter_phone="0512-66881234", description="联系王建国的邻居",
    )  # fmt: skip
    add_ticket(session, 4, created=NOW, title="王家门口积水")
    for n in range(10, 13):
        add_ticket(session, n, created=NOW, title=f"第{n}号")
    session.commit()


def found(session, text: str, scope: ReporterSearch = NONE) -> list[int]:
    flt = QueueFilter(text=text, reporter_search=scope)
    rows = queue.fetch_page(session, flt, QueueOrder("code"), limit=100, now=NOW)
    assert queue.count(session, flt, now=NOW) == len(rows)
    return [int(r.code[-4:]) for r in rows]


def test_a_whole_code_finds_its_ticket_only(session, reporters):
    assert found(session, "GC20221025-0001") == [1]
    assert found(session, " gc20221025-0011 ") == [11]  # any case, spaces around
    assert found(session, "ＧＣ２０２２１０２５－０００２") == [2]  # full-width, as typed on IMEs
    assert found(session, "GC20221025-9999") == []


def test_a_code_beginning_finds_the_codes_starting_so(session, reporters):
    assert found(session, "GC20221025-001") == [10, 11, 12]
    assert found(session, "20221025-000") == [1, 2, 3, 4]  # the GC left out
    assert found(session, "GC202210") == [1, 2, 3, 4, 10, 11, 12]
    assert found(session, "GC20221026") == []


def test_supervisors_find_reporters_by_name_and_phone(session, reporters):
    assert found(session, "王建国", PARTIAL) == [1, 3]  # the reporter, and a description
    assert found(session, "李", PARTIAL) == [3]  # a name's beginning
    assert found(session, "王", PARTIAL) == [1, 2, 3, 4]  # names, a description, a title
    assert found(session, "13912345678", PARTIAL) == [1]
    assert found(session, "+86 139 1234 5678", PARTIAL) == [1]
    assert found(session, "１３９８７６５４３２１", PARTIAL) == [2]  # full-width digits
    assert found(session, "139-8765-4321", PARTIAL) == [2]
    assert found(session, "66881234", PARTIAL) == [3]  # a landline without its area code
    assert found(session, "4321", PARTIAL) == [2]  # 尾号: the last four digits


def test_operators_find_reporters_only_by_whole_name_or_number(session, reporters):
    assert found(session, "王芳", WHOLE) == [2]
    assert found(session, "李", WHOLE) == []  # no browsing names by their beginning
    assert found(session, "139 8765 4321", WHOLE) == [2]
    assert found(session, "66881234", WHOLE) == [3]
    assert found(session, "4321", WHOLE) == []  # no browsing numbers by their last digits


def test_without_reporter_search_names_and_phones_find_nothing(session, reporters):
    assert found(session, "王芳") == []
    assert found(session, "13912345678") == []
    assert found(session, "王建国") == [3]  # only the description that names him


def test_roles_map_to_what_they_may_search():
    assert reporter_search(UserRole.VIEWER) is NONE
    assert reporter_search(UserRole.OPERATOR) is WHOLE
    assert reporter_search(UserRole.SUPERVISOR) is PARTIAL
    assert reporter_search(UserRole.ADMIN) is PARTIAL


def test_a_changed_number_is_found_by_the_new_one(session, reporters):
    ticket = session.query(Ticket).filter_by(title="路灯不亮").one()
    ticket.reporter_phone = "13700001111"
    session.commit()
    assert found(session, "13700001111", WHOLE) == [2]
    assert found(session, "13987654321", WHOLE) == []
    # An edit that leaves the number alone keeps the key.
    ticket.title = "路灯不亮已两天"
    session.commit()
    assert found(session, "13700001111", WHOLE) == [2]


def test_a_search_with_nothing_searchable_is_still_refused(session, reporters):
    with pytest.raises(ValidationError) as err:
        found(session, "+-", PARTIAL)
    assert err.value.field == "text"


def test_common_terms_take_the_probe_plan_with_the_same_answer(session, reporters, monkeypatch):
    # A code beginning or a word shared by thousands of tickets walks the ordering index;
    # here "thousands" is two, so the small town takes that plan.
    expected = {
        ("GC202210", NONE): found(session, "GC202210"),
        ("王", PARTIAL): found(session, "王", PARTIAL),
    }
    monkeypatch.setattr(queue, "PROBE_MIN_MATCHES", 2)
    for (text, scope), ids in expected.items():
        assert found(session, text, scope) == ids, text
