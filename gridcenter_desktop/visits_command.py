"""``gridcenter import visits``: household visits (走访) from the grid workers' mobile app export.

    gridcenter import visits 走访记录.xlsx --db URL --user LOGIN [--dry-run] [--rejects OUT.xlsx]

Signs in (an operator, supervisor or administrator), prints what the sheet holds, then imports
it in one transaction. Rows whose record id (记录编号) was imported before are skipped, so the
same export imported twice adds nothing. A row with a problem is printed with its row, column
and reason, and nothing is written (exit 1), unless --rejects is given: then the good rows are
imported and the bad ones written to OUT.xlsx with a 问题 column, to fix and import again.
A visit marked 是否发现问题=是 raises a grid-patrol ticket (问题类别 gives its category).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from gridcenter_desktop.cli_sign_in import add_user_option, signed_session
from gridcenter_desktop.services.errors import ServiceError, ValidationError

SHOWN_PROBLEMS = 20


class VisitCommandError(ServiceError):
    """A refusal the command reports as one line."""


def add_import_visits(kinds, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter import visits`` under ``gridcenter import`` (base_command)."""
    visits = kinds.add_parser(
        "visits",
        help="household visits (走访) from the grid workers' mobile app export (.xlsx/.csv)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    visits.add_argument("file", type=Path, metavar="FILE")
    visits.add_argument(
        "--dry-run", action="store_true", help="only print what would be imported; write nothing"
    )
    visits.add_argument(
        "--rejects",
        type=Path,
        metavar="OUT.xlsx",
        help="import the valid rows and write the rows with problems here, with a reason column",
    )
    db_option(visits)
    add_user_option(visits)
    visits.set_defaults(handler=_import_visits)


def _import_visits(args: argparse.Namespace) -> int:
    from gridcenter_desktop.services.intake.problems import file_problem_text
    from gridcenter_desktop.services.visits.sheet import (
        import_visits,
        plan_visits,
        problem_words,
        read_visit_sheet,
        write_rejects,
    )

    with signed_session(args) as (session, actor):
        try:
            sheet = read_visit_sheet(args.file)
        except ValidationError as exc:
            if exc.field != "file":
                raise
            raise VisitCommandError(f"{args.file}: {file_problem_text(exc.rule)}") from None
        plan = plan_visits(session, sheet)
        print(
            f"{args.file.name}：{len(sheet.rows)} 行；可导入 {len(plan.visits)} 条，"
            f"已导入过 {plan.already} 条，有问题 {len(plan.bad_rows)} 行。"
        )
        for problem in plan.problems[:SHOWN_PROBLEMS]:
            print(f"  {problem_words(problem)}")
        if len(plan.problems) > SHOWN_PROBLEMS:
            print(f"  ……共 {len(plan.problems)} 处问题")
        if sheet.problems or (plan.problems and args.rejects is None):
            raise VisitCommandError(
                "表格有问题，没有导入任何数据（可用 --rejects 先导入无问题的行）"
            )
        if args.dry_run:
            print("预览完毕（--dry-run），没有写入任何数据。")
            return 0
        result = import_visits(session, actor, sheet, skip_bad=True)
        if args.rejects is not None and plan.problems:
            count = write_rejects(args.rejects, sheet, plan.problems)
            print(f"未导入的 {count} 行已写入：{args.rejects}")
    print(
        f"已导入走访记录 {result.imported} 条（新建住户 {result.households_created} 户，"
        f"上报工单 {result.tickets} 件）。"
    )
    return 0
