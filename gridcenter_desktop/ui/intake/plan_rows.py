"""The plan (services.intake.plan.IntakePlan) as the preview's rows of text: one place that
reads the planner's types, so the pages only show tuples."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from gridcenter_desktop.ui.labels import category_label, intake_field_label


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


def preview_rows(plan) -> PreviewRows:
    """The tabs' rows: 新增 (row, code, title, grid or 待定位, category or 未对照), 已存在 (row,
    code, ticket, differences), 疑似重复 (row, code, title, looks like), 问题 (row, column,
    reason)."""
    adds = [
        (
            p.row,
            p.form.origin.code if p.form.origin is not None else "",
            p.form.title,
            QCoreApplication.translate("TicketImport", "To be placed")
            if p.form.grid_id is None
            else p.grid_name,
            _category(p.form),
        )
        for p in plan.to_add
    ]
    present = [
        (
            p.row,
            p.code,
            p.ticket_code,
            "；".join(
                QCoreApplication.translate("TicketImport", "{field}: {ours} → {theirs}").format(
                    field=intake_field_label(d.field), ours=d.ours or "—", theirs=d.theirs or "—"
                )
                for d in p.differences
            )
            or QCoreApplication.translate("TicketImport", "No change"),
        )
        for p in plan.present
    ]
    duplicates = [
        (
            d.row,
            d.code,
            d.title,
            " ".join(
                part
                for part in (
                    d.ticket_code
                    if d.ticket_code is not None
                    else QCoreApplication.translate(
                        "TicketImport", "Row {row} of this sheet"
                    ).format(row=d.other_row),
                    d.other_title,
                )
                if part
            ),
        )
        for d in plan.duplicates
    ]
    problems = [problem_cells(p) for p in plan.problems] + [
        problem_cells(p) for r in plan.rejected for p in r.problems
    ]
    return PreviewRows(
        adds=adds,
        present=present,
        duplicates=duplicates,
        problems=problems,
        rejected=len(plan.rejected),
        to_place=plan.to_place,
        unmapped=plan.category_unmapped,
    )


def _category(form) -> str:
    if form.category_unmapped:
        external = form.origin.category if form.origin is not None else ""
        return QCoreApplication.translate("TicketImport", "Not mapped: {external}").format(
            external=external or "—"
        )
    return category_label(form.category)


def problem_cells(problem) -> tuple[int | str, str, str]:
    """(row, column, reason) of one problem, the reason in the services' one wording
    (services.intake.problems, shared with the command line and the rejects file)."""
    from gridcenter_desktop.services.intake.problems import reason_text

    column = problem.header or ""
    if column and problem.letter:
        column = f"{problem.letter} {column}"
    return problem.row or "", column, reason_text(problem)
