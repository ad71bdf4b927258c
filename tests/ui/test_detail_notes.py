"""Issue 8, small things: the timeline's notes never read "。；", and the public reply typed at
feedback (公开答复内容) is shown in the detail's assignments."""

from __future__ import annotations

from datetime import timedelta

import desk_data
from desk_data import NOW
from sqlalchemy import select
from test_detail_dock import _dock, _registered_and_dispatched

from gridcenter_desktop.core.enums import AssignmentRole, UserRole
from gridcenter_desktop.db.ticket import Assignment
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.tickets import Feedback, feed_back
from gridcenter_desktop.ui.labels import join_notes

desk = desk_data.desk
desk_template = desk_data.desk_template


def test_notes_join_without_doubled_punctuation():
    assert join_notes(["已电话联系。", "综合执法局"]) == "已电话联系；综合执法局"
    assert join_notes(["现场已处理；", "", "满意！"]) == "现场已处理；满意"


def test_feedback_shows_its_public_reply_and_clean_notes(qtbot, make_context, desk):
    url, ids = desk
    ctx = make_context(url, Actor(ids.operator, UserRole.OPERATOR, "王调度"))
    ref = _registered_and_dispatched(ctx, ids)
    with ctx.session_factory() as s:
        lead = s.scalars(
            select(Assignment.id).where(
                Assignment.ticket_id == ref.id, Assignment.role == AssignmentRole.LEAD
            )
        ).one()
        feed_back(
            s,
            ctx.actor,
            ref.id,
            ref.version,
            lead,
            Feedback(True, True, "已约谈广场舞队负责人。", "音响已调低，晚九点前结束。"),
            now=NOW - timedelta(minutes=30),
        )
    dock = _dock(qtbot, ctx, ref.id)
    results = [row[-1] for row in dock.assignment_rows()]
    assert any("音响已调低，晚九点前结束" in text for text in results)
    assert not any("。；" in text for text in results)
    assert not any("。；" in row[-1] for row in dock.timeline_rows())
