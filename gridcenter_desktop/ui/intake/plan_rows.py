"""The plan (services.intake.plan.IntakePlan) as the preview's rows of text: one place that
reads the planner's types, so the pages only show tuples."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PreviewRows:
    """What each preview tab lists, and the counts the summary line gives."""

    adds: list[tuple] = field(default_factory=list)
    present: list[tuple] = field(default_factory=list)
    duplicates: list[tuple] = field(default_factory=list)
    problems: list[tuple] = field(default_factory=list)
    rejected: int = 0
    to_place: int = 0
    unmapped: int = 0


def preview_rows(plan, grid_names: dict[int, str]) -> PreviewRows:
    """The tabs' rows: 新增 (row, code, title, grid or 待定位, category or 未对照), 已存在 (row,
    code, ticket, differences), 疑似重复 (row, code, title, looks like), 问题 (row, column,
    reason)."""
    raise NotImplementedError("waiting for services.intake.plan")
