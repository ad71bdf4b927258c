"""``gridcenter template base`` and ``gridcenter import base``: a town's base data (areas and
grids, grid members, departments, users) from the workbook it keeps.

    gridcenter template base --out 基础数据.xlsx
    gridcenter import base 基础数据.xlsx --db URL --user ADMIN [--dry-run]

``import base`` signs in (the password from GRIDCENTER_PASSWORD, else a prompt; only an
administrator may import), prints what it would add and update, then imports all of it in one
transaction. A row with a problem is printed with its sheet, row, column and reason, and the
command exits 1 without writing anything. --dry-run only prints.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from gridcenter_desktop import grid_map_command, intake_command, visits_command
from gridcenter_desktop.cli_sign_in import add_user_option, signed_session
from gridcenter_desktop.services.errors import ServiceError, ValidationError


class BaseCommandError(ServiceError):
    """A refusal the command reports as one line (the CLI prints ServiceErrors that way)."""


def add_commands(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter template base`` and ``gridcenter import base`` (cli.py calls this)."""
    template = subparsers.add_parser(
        "template",
        help="write an empty import template",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kinds = template.add_subparsers(dest="template_kind", metavar="KIND", required=True)
    base = kinds.add_parser("base", help="the base-data workbook (areas, members, departments,"
                            " users)")  # fmt: skip
    base.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    base.set_defaults(handler=_template)

    importing = subparsers.add_parser(
        "import",
        help="import a filled-in workbook",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(importing)
    add_user_option(importing)
    kinds = importing.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    base = kinds.add_parser("base", help="areas and grids, grid members, departments, users")
    base.add_argument("file", type=Path, metavar="FILE.xlsx")
    base.add_argument(
        "--dry-run", action="store_true", help="only print what would be imported; write nothing"
    )
    db_option(base)
    add_user_option(base)
    base.set_defaults(handler=_import)
    intake_command.add_import_tickets(kinds, db_option=db_option)
    visits_command.add_import_visits(kinds, db_option=db_option)
    grid_map_command.add_import_grids(kinds, db_option=db_option)


def _template(args: argparse.Namespace) -> int:
    from gridcenter_desktop.services.admin.base_workbook import write_template

    if args.out.suffix.lower() != ".xlsx":
        raise ValidationError("out", "not_xlsx", f"--out must name an .xlsx file: {args.out}")
    write_template(args.out)
    print(f"已生成基础数据模板：{args.out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from gridcenter_desktop.services.admin import base_import
    from gridcenter_desktop.services.admin.base_problems import file_problem_text
    from gridcenter_desktop.services.admin.base_workbook import read_workbook

    with signed_session(args) as (session, actor):
        try:
            lists = read_workbook(args.file)
        except ValidationError as exc:
            if exc.field != "file":
                raise
            raise BaseCommandError(f"{args.file}: {file_problem_text(exc.rule)}") from None
        plan = base_import.plan_import(session, lists)
        _print_plan(plan)
        if plan.problems:
            rows = sorted({(p.sheet.value, p.row) for p in plan.problems})
            named = "、".join(f"{sheet}第 {row} 行" for sheet, row in rows[:10])
            more = f"等 {len(rows)} 行" if len(rows) > 10 else ""
            raise BaseCommandError(f"{named}{more}有问题，没有导入任何数据")
        if args.dry_run:
            print("预览完毕（--dry-run），没有写入任何数据。")
            return 0
        if not plan.has_changes:
            print("文件内容与系统中一致，没有需要导入的变化。")
            return 0
        try:
            summary = base_import.apply_import(session, actor, plan)
        except base_import.BaseImportRefused as exc:
            raise BaseCommandError(f"{exc}没有导入任何数据") from None
    _print_summary(summary)
    return 0


def _print_plan(plan) -> None:
    from gridcenter_desktop.services.admin.base_problems import plan_lines

    for line in plan_lines(plan):
        print(line)


def _print_summary(summary) -> None:
    added = sum(c.added for c in summary.counts)
    updated = sum(c.updated for c in summary.counts)
    print(f"已导入：新增 {added} 行，更新 {updated} 行。")
    if summary.passwords:
        print("新用户的初始密码（只显示这一次；首次登录时必须修改）：")
        for login, password in summary.passwords:
            print(f"  {login}  {password}")
