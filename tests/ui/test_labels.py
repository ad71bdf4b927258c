"""Every code the database stores has a label, and service errors read as sentences that name
the field at fault."""

from __future__ import annotations

from datetime import datetime

import pytest

from gridcenter_desktop.core import enums
from gridcenter_desktop.services.errors import (
    ConflictError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.ui import labels

LABELLERS = [
    (enums.TicketStatus, labels.status_label),
    (enums.TicketKind, labels.kind_label),
    (enums.TicketSource, labels.source_label),
    (enums.Priority, labels.priority_label),
    (enums.AssignmentRole, labels.assignment_role_label),
    (enums.AssignmentStatus, labels.assignment_status_label),
    (enums.EventAction, labels.event_action_label),
    (enums.Satisfaction, labels.satisfaction_label),
    (enums.CallbackChannel, labels.callback_channel_label),
    (enums.Outcome, labels.outcome_label),
    (enums.UserRole, labels.user_role_label),
    (enums.MemberRole, labels.member_role_label),
    (enums.AreaLevel, labels.area_level_label),
    (enums.DepartmentKind, labels.department_kind_label),
    (enums.RegisterKind, labels.register_kind_label),
    (enums.SpecialGroupKind, labels.special_group_label),
    (enums.DangerKind, labels.danger_kind_label),
    (enums.RiskLevel, labels.risk_level_label),
    (enums.DangerStatus, labels.danger_status_label),
    (enums.ChannelStatus, labels.channel_status_label),
    (enums.VisitSource, labels.visit_source_label),
]


@pytest.mark.parametrize(("enum", "label"), LABELLERS, ids=lambda x: getattr(x, "__name__", ""))
def test_every_enum_value_has_a_distinct_label(qapp, enum, label):
    texts = [label(member) for member in enum]
    assert all(t and t != member.value for t, member in zip(texts, enum, strict=True))
    assert len(set(texts)) == len(texts)
    # Plain strings from the database work as well as enum members.
    assert label(next(iter(enum)).value) == texts[0]


def test_category_label_is_the_chinese_name(qapp):
    assert labels.category_label("noise") == "噪音扰民"


def test_error_text_names_the_field_and_rule(qapp):
    text = labels.error_text(ValidationError("reporter_phone", "phone"))
    assert labels.field_label("reporter_phone") in text
    assert "reporter_phone" not in text


def test_conflict_text_says_who_and_when(qapp):
    exc = ConflictError("GC20221025-0001", 3, 4, "李调度", datetime(2022, 10, 25, 9, 30))
    text = labels.error_text(exc)
    assert "李调度" in text and "2022-10-25 09:30" in text and "GC20221025-0001" in text


def test_permission_and_transition_texts_use_labels(qapp):
    perm = labels.error_text(PermissionDeniedError("close", "viewer"))
    assert labels.user_role_label("viewer") in perm
    trans = labels.error_text(TransitionError("dispatch", "closed"))
    assert labels.status_label("closed") in trans
