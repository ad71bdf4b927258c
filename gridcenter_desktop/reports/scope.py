"""What a report covers: a period or the queue's current view, and its wording in titles."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.department import Department
from gridcenter_desktop.reports import labels
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.queue import QueueFilter


def check_period(date_from: date | None, date_to: date | None) -> None:
    """Refuse a missing or reversed period (ValidationError naming the field)."""
    if date_from is None:
        raise ValidationError("date_from", "required")
    if date_to is None:
        raise ValidationError("date_to", "required")
    if date_to < date_from:
        raise ValidationError("date_to", "before_date_from")


def period_text(date_from: date, date_to: date) -> str:
    """The title row's wording of a period."""
    return f"统计期间：{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}"


def describe_filter(session: Session, flt: QueueFilter) -> str:
    """The title row's wording of a queue filter (the "current view")."""
    parts = []
    if flt.statuses:
        parts.append(
            "状态：" + "、".join(labels.label(labels.STATUS, s) for s in sorted(flt.statuses))
        )
    if flt.kinds:
        parts.append("类型：" + "、".join(labels.label(labels.KIND, k) for k in sorted(flt.kinds)))
    if flt.categories:
        parts.append("类别：" + "、".join(labels.category_name(c) for c in sorted(flt.categories)))
    if flt.sources:
        parts.append(
            "来源：" + "、".join(labels.label(labels.SOURCE, s) for s in sorted(flt.sources))
        )
    if flt.deadline == "overdue":
        parts.append("已超期")
    elif flt.deadline == "due_soon":
        parts.append("即将超期")
    if flt.created_from or flt.created_to:
        start = f"{flt.created_from:%Y-%m-%d}" if flt.created_from else "…"
        end = f"{flt.created_to:%Y-%m-%d}" if flt.created_to else "…"
        parts.append(f"受理日期：{start} 至 {end}")
    if flt.text:
        parts.append(f"关键词：“{flt.text}”")
    if flt.area_id is not None:
        area = session.get(Area, flt.area_id)
        parts.append("区域：" + (area.name if area else str(flt.area_id)))
    if flt.department_id is not None:
        dept = session.get(Department, flt.department_id)
        parts.append("部门：" + (dept.name if dept else str(flt.department_id)))
    if flt.handled_by is not None:
        parts.append("我经手的")
    if flt.suspended:
        parts.append("已挂起")
    if flt.extension_pending:
        parts.append("待审批延期")
    return "当前视图" + ("（" + "；".join(parts) + "）" if parts else "（全部工单）")
