"""``gridcenter import tickets``: a platform's sheet (12345, the district platform, Open311's
requests.json) imported as tickets.

    gridcenter import tickets FILE --db URL --user LOGIN [--source 12345|district|open311]
                              [--profile NAME] [--dry-run] [--rejects OUT.xlsx]

Signs in (an operator or above), reads the file (.xlsx, .csv in UTF-8 or GB18030, .json),
prints the preview (rows to add, of which to be placed and with an unmapped category; already
present, with what the platform now says differently; suspected duplicates; rows with problems,
each naming its row, column and reason), then imports in one transaction. A row with a problem
means nothing is written and exit code 1, unless --rejects names a file: then the valid rows
are imported and the others written there with a 原因 column. --dry-run only prints.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from gridcenter_desktop.cli_sign_in import add_user_option, signed_session
from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import IntakeSource
from gridcenter_desktop.services.errors import ServiceError, ValidationError

# Lines of each kind printed in full; the rest are counted.
_SHOWN = 20
_SOURCES = [s.value for s in IntakeSource]


class IntakeCommandError(ServiceError):
    """A refusal the command reports as one line."""


def add_import_tickets(kinds, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter import tickets`` under ``gridcenter import`` (base_command)."""
    tickets = kinds.add_parser(
        "tickets",
        help="tickets from a 12345 / district platform sheet or an Open311 requests.json",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    tickets.add_argument("file", type=Path, metavar="FILE")
    tickets.add_argument(
        "--source",
        choices=_SOURCES,
        help="the platform the codes come from (default: the profile's, else 12345;"
        " open311 for a .json file)",
    )
    tickets.add_argument("--profile", metavar="NAME", help="a saved column mapping")
    tickets.add_argument(
        "--dry-run", action="store_true", help="only print the preview; write nothing"
    )
    tickets.add_argument(
        "--rejects",
        type=Path,
        metavar="OUT.xlsx",
        help="import the valid rows and write the rows with problems here, with a reason column",
    )
    db_option(tickets)
    add_user_option(tickets)
    tickets.set_defaults(handler=_import_tickets)


def _import_tickets(args: argparse.Namespace) -> int:
    from gridcenter_desktop.services.intake.plan import apply_intake, plan_intake
    from gridcenter_desktop.services.intake.problems import file_problem_text
    from gridcenter_desktop.services.intake.profiles import get_profile
    from gridcenter_desktop.services.intake.reading import read_incoming
    from gridcenter_desktop.services.intake.rejects import write_rejects

    if args.rejects is not None and args.rejects.suffix.lower() != ".xlsx":
        raise ValidationError("rejects", "not_xlsx", f"--rejects must name an .xlsx file: "
                              f"{args.rejects}")  # fmt: skip
    with signed_session(args) as (session, actor):
        profile = get_profile(session, args.profile) if args.profile else None
        source = _source(args, profile)
        try:
            sheet = read_incoming(args.file, profile=profile, source=source)
        except ValidationError as exc:
            if exc.field != "file":
                raise
            raise IntakeCommandError(f"{args.file}: {file_problem_text(exc.rule)}") from None
        now = china_now()
        plan = plan_intake(session, sheet, source=source, profile=profile, now=now)
        session.rollback()  # the preview's reads end here; the import is its own transaction
        for line in preview_lines(sheet, plan):
            print(line)
        if plan.problems:
            raise IntakeCommandError(f"{args.file}: 表头有问题，没有导入任何数据")
        if plan.rejected and args.rejects is None:
            raise IntakeCommandError(
                f"{len(plan.rejected)} 行有问题，没有导入任何数据"
                "（改正后重新导入，或用 --rejects 文件.xlsx 导入其余的行并把这些行另存）"
            )
        if args.dry_run:
            print("预览完毕（--dry-run），没有写入任何数据。")
            return 0
        if plan.rejected:
            write_rejects(args.rejects, sheet, plan)
        try:
            result = apply_intake(session, actor, plan, now=now)
        except BaseException:
            if plan.rejected:
                args.rejects.unlink(missing_ok=True)
            raise
    print(
        f"已导入：新增 {result.added} 条（待定位 {result.to_place} 条，分类未对照"
        f" {result.category_unmapped} 条），已存在 {result.already_present} 条，"
        f"有问题未导入 {result.rejected} 条。"
    )
    if result.rejected:
        print(f"有问题的行已另存：{args.rejects}")
    return 0


def _source(args: argparse.Namespace, profile) -> IntakeSource:
    if args.source:
        return IntakeSource(args.source)
    if profile is not None:
        return profile.source
    if args.file.suffix.lower() == ".json":
        return IntakeSource.OPEN311
    return IntakeSource.HOTLINE_12345


def preview_lines(sheet, plan) -> list[str]:
    """The preview as the command prints it (Chinese, like the sheet)."""
    from gridcenter_desktop.services.intake.problems import FIELD_NAMES, problem_text

    lines = [
        f"{sheet.path.name}：新增 {len(plan.to_add)} 条（其中待定位 {plan.to_place} 条，"
        f"分类未对照 {plan.category_unmapped} 条），已存在 {len(plan.present)} 条，"
        f"疑似重复 {len(plan.duplicates)} 条，有问题 {len(plan.rejected)} 条。"
    ]
    if sheet.unrecognised:
        lines.append("未识别、不导入的列：" + "、".join(sheet.unrecognised))
    lines += [problem_text(p) for p in plan.problems]
    changed = [p for p in plan.present if p.differences]
    for present in changed[:_SHOWN]:
        diffs = "；".join(
            f"{FIELD_NAMES.get(d.field, d.field)}“{d.ours}”→“{d.theirs}”"
            for d in present.differences
        )
        lines.append(f"第 {present.row} 行 {present.code} 已是工单 {present.ticket_code}，"
                     f"平台的内容有变化（不会自动更新）：{diffs}")  # fmt: skip
    if len(changed) > _SHOWN:
        lines.append(f"……另有 {len(changed) - _SHOWN} 条已存在的工单内容有变化")
    for dup in plan.duplicates[:_SHOWN]:
        like = f"工单 {dup.ticket_code}" if dup.ticket_code else f"本表第 {dup.other_row} 行"
        lines.append(f"第 {dup.row} 行 {dup.code} 疑似与{like}重复（仍会导入，请核实后合并）")
    if len(plan.duplicates) > _SHOWN:
        lines.append(f"……另有 {len(plan.duplicates) - _SHOWN} 条疑似重复")
    problems = [p for r in plan.rejected for p in r.problems]
    lines += [problem_text(p) for p in problems[:_SHOWN]]
    if len(problems) > _SHOWN:
        lines.append(f"……另有 {len(problems) - _SHOWN} 个问题")
    return lines
