"""The windowed queue model: SQL filters, SQL sorting, lazy blocks, colours, quiet refreshes."""

from __future__ import annotations

import desk_data
from desk_data import BASE_TICKETS, NOW, open_counts
from PySide6.QtCore import Qt
from sqlalchemy import update

from gridcenter_desktop.core.deadlines import DeadlineState
from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder
from gridcenter_desktop.ui.queue_model import (
    DEADLINE_STATE_ROLE,
    DUE_SOON_COLOR,
    OVERDUE_COLOR,
    QUEUE_ROW_ROLE,
    QueueModel,
    column_of,
)

OPEN = frozenset(
    {
        TicketStatus.PENDING_DISPATCH,
        TicketStatus.DISPATCHED,
        TicketStatus.IN_PROGRESS,
        TicketStatus.AWAITING_REVIEW,
    }
)

# Shared fixtures (see desk_data.py).
big_desk = desk_data.big_desk
big_desk_template = desk_data.big_desk_template
desk = desk_data.desk
desk_template = desk_data.desk_template


def _load(qtbot, model, flt, order=None):
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.set_query(flt, order)
    qtbot.waitUntil(lambda: model.total_exact, timeout=10_000)  # a big result's exact count


def _titles(model):
    return [model.data(model.index(r, column_of("title"))) for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, make_context, desk):
    url, _ = desk
    ctx = make_context(url)
    model = QueueModel(ctx)
    _load(qtbot, model, QueueFilter(statuses=OPEN))
    qtmodeltester.check(model, force_py=True)
    assert ctx.jobs.wait_idle()


def test_filter_shows_exactly_the_matching_rows(qtbot, make_context, desk):
    url, _ = desk
    model = QueueModel(make_context(url))
    _load(qtbot, model, QueueFilter(statuses=frozenset({TicketStatus.PENDING_DISPATCH})))
    expected = {t[0] for t in BASE_TICKETS if t[2] == TicketStatus.PENDING_DISPATCH}
    assert set(_titles(model)) == expected
    _load(qtbot, model, QueueFilter(categories=frozenset({"noise"})))
    assert set(_titles(model)) == {"饭店油烟扰民", "夜间施工噪音扰民"}
    _load(qtbot, model, QueueFilter(deadline="overdue"))
    assert model.rowCount() == open_counts()["overdue"]


def test_header_sort_is_the_sql_order(qtbot, make_context, desk):
    url, _ = desk
    model = QueueModel(make_context(url))
    _load(qtbot, model, QueueFilter(statuses=OPEN))
    by_deadline = sorted((t for t in BASE_TICKETS if t[2] in OPEN), key=lambda t: t[4])
    assert _titles(model) == [t[0] for t in by_deadline]
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.sort(column_of("created_at"), Qt.SortOrder.DescendingOrder)
    newest_first = sorted((t for t in BASE_TICKETS if t[2] in OPEN), key=lambda t: t[3])
    assert _titles(model) == [t[0] for t in newest_first]
    assert model.order == QueueOrder("created", True)
    # The title column is not sortable: nothing is reloaded, the order stays.
    model.sort(column_of("title"))
    assert model.order == QueueOrder("created", True) and not model.loading


def test_overdue_red_and_due_soon_amber(qtbot, make_context, desk):
    url, _ = desk
    model = QueueModel(make_context(url))
    _load(qtbot, model, QueueFilter(statuses=OPEN))
    colours = {}
    for r in range(model.rowCount()):
        index = model.index(r, 0)
        row = model.data(index, QUEUE_ROW_ROLE)
        brush = model.data(index, Qt.ItemDataRole.BackgroundRole)
        colours[row.title] = (model.data(index, DEADLINE_STATE_ROLE), brush)
    state, brush = colours["迂里村3组河道有垃圾漂浮"]  # deadline passed 2 hours ago
    assert state is DeadlineState.OVERDUE and brush.color() == OVERDUE_COLOR
    state, brush = colours["饭店油烟扰民"]  # 20 h used of 30: 33 % left... not yet due soon
    assert state is DeadlineState.ON_TIME and brush is None
    state, brush = colours["路灯不亮"]  # 90 h used of 110: under 25 % left
    assert state is DeadlineState.DUE_SOON and brush.color() == DUE_SOON_COLOR


def test_rows_load_in_blocks_and_memory_stays_bounded(qtbot, make_context, big_desk):
    url, _ = big_desk
    ctx = make_context(url)
    model = QueueModel(ctx, block_size=50, max_blocks=4)
    _load(qtbot, model, QueueFilter(categories=frozenset({"other"})), QueueOrder("deadline"))
    assert model.rowCount() == 1000
    assert model.cached_row_count() == 50  # only the first block
    # A row far down shows a placeholder, then its block arrives.
    assert model.data(model.index(700, column_of("code"))) is None
    with qtbot.waitSignal(model.sig_block_loaded, timeout=10_000):
        pass
    assert model.data(model.index(700, column_of("title"))) == "巡查发现问题 700"
    assert model.data(model.index(999, 0), QUEUE_ROW_ROLE) is None  # still loading
    ctx.jobs.wait_idle()
    # Walk far: old blocks are dropped, never more than max_blocks kept.
    for row in range(0, 1000, 50):
        model.data(model.index(row, 0))
        ctx.jobs.wait_idle()
    assert model.cached_row_count() <= 4 * 50
    assert model.data(model.index(999, column_of("title"))) == "巡查发现问题 999"


def test_refresh_repaints_only_changed_rows(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url)
    model = QueueModel(ctx)
    _load(qtbot, model, QueueFilter(statuses=OPEN))
    target = ids.tickets["饭店油烟扰民"]
    with ctx.session_factory() as s:
        s.execute(update(Ticket).where(Ticket.id == target).values(title="饭店油烟扰民（已催）"))
        s.commit()
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.sig_refreshed, timeout=10_000):
        model.refresh()
    row = model.row_of_ticket(target)
    assert changed == [(row, row)]
    assert resets == []
    assert model.data(model.index(row, column_of("title"))) == "饭店油烟扰民（已催）"


def test_refresh_after_a_ticket_leaves_the_filter_shrinks_the_table(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url)
    model = QueueModel(ctx)
    pending = QueueFilter(statuses=frozenset({TicketStatus.PENDING_DISPATCH}))
    _load(qtbot, model, pending)
    assert model.rowCount() == 3
    with ctx.session_factory() as s:
        s.execute(
            update(Ticket)
            .where(Ticket.id == ids.tickets["饭店油烟扰民"])
            .values(status=TicketStatus.DISPATCHED)
        )
        s.commit()
    with qtbot.waitSignal(model.sig_refreshed, timeout=10_000):
        model.refresh()
    assert model.rowCount() == 2
    assert "饭店油烟扰民" not in _titles(model)
    assert NOW  # the clock every colour above was judged against


def test_big_results_paint_first_and_count_exactly_afterwards(qtbot, make_context, big_desk):
    url, _ = big_desk
    ctx = make_context(url)
    model = QueueModel(ctx, block_size=50, count_cap=300)
    inserted, loaded = [], []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.sig_loaded.connect(lambda total: loaded.append((total, model.total_exact)))
    with qtbot.waitSignal(model.sig_count_known, timeout=10_000):
        model.set_query(QueueFilter(categories=frozenset({"other"})), QueueOrder("deadline"))
    # Painted with the first block and the count bounded at 300 ("at least 300") first.
    assert loaded == [(300, False)]
    assert model.total_exact and model.rowCount() == 1000
    assert inserted == [(300, 999)]  # appended: rows above (and the selection) stay
    assert model.data(model.index(0, column_of("title"))) == "巡查发现问题 0"
    ctx.jobs.wait_idle()
    assert model.data(model.index(999, column_of("title"))) is not None
