"""The grid tree shows each area's open and overdue tickets, its whole subtree's."""

from __future__ import annotations

from queue_factory import NOW

from gridcenter_desktop.core.enums import OPEN_STATUSES, AreaLevel
from gridcenter_desktop.services import areas


def test_tree_counts_open_and_overdue_tickets_per_subtree(session, town, queue_tickets):
    roots = areas.area_tree(session, NOW)
    assert [r.name for r in roots] == ["光福镇"]
    root = roots[0]
    assert [c.name for c in root.children] == ["迂里村", "梅园社区"]
    yuli = root.children[0]
    assert [g.name for g in yuli.children] == ["迂里村第一网格", "迂里村第二网格"]

    def figures(grid_ids):
        open_ = [t for t in queue_tickets if t.status in OPEN_STATUSES and t.grid_id in grid_ids]
        return len(open_), sum(t.deadline_at < NOW for t in open_)

    g1, g2 = yuli.children
    assert (g1.open_count, g1.overdue_count) == figures({town.yuli1.id})
    assert (yuli.open_count, yuli.overdue_count) == figures({town.yuli1.id, town.yuli2.id})
    all_grids = {town.yuli1.id, town.yuli2.id, town.meiyuan1.id}
    assert (root.open_count, root.overdue_count) == figures(all_grids)
    assert root.open_count > 0 and root.overdue_count > 0


def test_subtree_grid_ids(session, town):
    assert areas.subtree_grid_ids(session, town.yuli.id) == sorted([town.yuli1.id, town.yuli2.id])
    assert areas.subtree_grid_ids(session, town.meiyuan1.id) == [town.meiyuan1.id]
    assert len(areas.subtree_grid_ids(session, town.town.id)) == 3
    info = areas.all_areas(session)
    assert areas.village_of(info, town.yuli2.id).name == "迂里村"
    assert info[town.meiyuan.id].level == AreaLevel.COMMUNITY


def test_a_suspended_ticket_is_open_in_the_tree_but_not_overdue(session, town, queue_tickets):
    """Its clock is stopped: the tree agrees with the queue's 超期 preset and the status bar."""
    from datetime import timedelta

    from gridcenter_desktop.db.ticket import Ticket

    late = next(
        t
        for t in queue_tickets
        if t.status in OPEN_STATUSES and t.deadline_at < NOW and t.grid_id is not None
    )
    before = areas.area_tree(session, NOW)[0]
    session.get(Ticket, late.id).suspended_at = NOW - timedelta(hours=1)
    session.flush()
    after = areas.area_tree(session, NOW)[0]
    assert after.open_count == before.open_count
    assert after.overdue_count == before.overdue_count - 1
