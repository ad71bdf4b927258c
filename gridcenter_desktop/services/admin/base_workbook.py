"""The base-data workbook: the template a town downloads, and the reader of what it filled in.

The reader takes workbooks as people really keep them: saved by Excel, WPS or LibreOffice,
headers on the first or a second row (merged title cells above or beside them), columns in any
order and named a little differently, formulas (their saved results are read), empty rows left
at the end, full-width digits, phone numbers and codes typed as numbers, dates as dates or as
text. Whatever it cannot read becomes a :class:`Problem` naming the sheet, row and column; a
file that is not an .xlsx workbook at all is refused as a whole (ValidationError "file").
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gridcenter_desktop.core.file_types import OLE2_MAGIC
from gridcenter_desktop.core.validation import clean_text
from gridcenter_desktop.services.admin.base_cells import Unreadable, convert
from gridcenter_desktop.services.admin.base_sheets import (
    CODE_SYSTEM_WORDS,
    COLUMNS,
    INSTRUCTIONS_SHEET,
    KIND_WORDS,
    LEVEL_WORDS,
    NO,
    ROLE_WORDS,
    SHEET_ALIASES,
    USER_ROLE_WORDS,
    YES,
    AccountRow,
    AreaRow,
    BaseLists,
    Column,
    DepartmentRow,
    Kind,
    MemberRow,
    Problem,
    Sheet,
    fold,
    fold_header,
)
from gridcenter_desktop.services.errors import ValidationError

# Headers are looked for in the first rows only: a title, a subtitle, the header, a sub-header.
HEADER_SCAN_ROWS = 10
# Drop-down lists and text formats reach this far down (the template is for a town's lists).
TEMPLATE_ROWS = 20000
_HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
_REQUIRED_FILL = PatternFill("solid", fgColor="FFFCE4D6")
_FORMULA_TRIGGERS = ("=", "+", "-", "@")
# Header text without the marks people add: "*名称", "名称（必填）", "名称\n(选填)".


# --- the template ----------------------------------------------------------------------------


def write_template(path: str | Path, *, example: BaseLists | None = None) -> None:
    """Write the base-data workbook to ``path``: the instructions sheet, then one sheet per
    list with its headers (a note on each), drop-down lists and text-formatted code and phone
    columns; with ``example`` its rows filled in (the shipped example town)."""
    wb = Workbook()
    _instructions(wb.active)
    rows = {
        Sheet.AREAS: [_area_values(r) for r in example.areas] if example else [],
        Sheet.MEMBERS: [_member_values(r) for r in example.members] if example else [],
        Sheet.DEPARTMENTS: [_department_values(r) for r in example.departments] if example else [],
        Sheet.USERS: [_account_values(r) for r in example.users] if example else [],
    }
    for sheet in Sheet:
        _list_sheet(wb.create_sheet(sheet.value), COLUMNS[sheet], rows[sheet])
    wb.save(path)


_INSTRUCTIONS = (
    "本工作簿有四张表：区域和网格、网格成员、部门、用户。只填要导入的表即可，不用的表可以留空。",
    "每张表的第一行是列名，请不要改动；把鼠标停在列名上可以看到填写说明。橙色列名的列为必填。",
    "层级、编码来源、岗位、是否党员、类别、可派单、角色等列请从下拉列表中选择。",
    "区域按“镇 → 村/社区 → 网格 → 微网格”填写；上级可以是本表其他行，也可以是系统中已有的区域。",
    "已有数据的匹配：区域按编码，没有编码时按“同一上级下的名称”；部门按编码或名称；网格成员按"
    "“网格 + 姓名 + 岗位”；用户按登录名（已有的用户不会被修改）。匹配上的行按表中内容更新，"
    "其余的行新增。",
    "可选列留空表示“不变”：不会清除系统中已有的内容（如已有的编码、电话）。",
    "导入不会删除、撤销任何已有数据；结束成员任职、撤销网格、停用部门请在“系统管理”中操作。",
    "导入前先显示预览：要新增的行、要更新的行（改了什么）和有问题的行（第几行、哪一列、什么原因）。"
    "只要有一行有问题，整个文件都不会导入；改正后再导入即可。同一个文件重复导入不会产生任何变化。",
    "请保存为 Excel 工作簿（.xlsx）；不支持 .xls 和 .csv。单元格里有公式时，请先用 Excel 或 WPS "
    "打开并保存一次，让计算结果保存在文件里。",
    "电话可以是手机号或座机号（如 0512-66881234）；日期写成 2024-03-01 或设为日期格式。",
    "用户表的“初始密码”不填时由系统生成并在导入后显示一次；用户首次登录时必须修改密码。"
    "导入后请删除文件中的密码。",
    "命令行：gridcenter template base --out 模板.xlsx 生成本模板；"
    "gridcenter import base 文件.xlsx --user 管理员 --dry-run 只预览不写入。",
)


def _instructions(ws) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws["A1"] = "基础数据导入模板：区域和网格、网格成员、部门、用户"
    ws["A1"].font = Font(name="黑体", size=14, bold=True)
    lines = [f"{n}. {text}" for n, text in enumerate(_INSTRUCTIONS, start=1)]
    lines.append("")
    for sheet in Sheet:
        lines.append(f"表“{sheet.value}”的列：")
        for col in COLUMNS[sheet]:
            required = "（必填）" if col.required and col.field not in _OPTIONAL_CELLS else ""
            lines.append(f"    {col.header}{required}：{col.note.replace(chr(10), '')}")
        lines.append("")
    for row, text in enumerate(lines, start=3):
        cell = ws.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if text.startswith("表“"):
            cell.font = Font(bold=True)
        # Spreadsheets do not grow a row for wrapped text written by a program: give each
        # row the height of its lines (a Chinese character takes two width units).
        width = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
        ws.row_dimensions[row].height = 16 * max(1, -(-width // _INSTRUCTIONS_WIDTH))
    ws.column_dimensions["A"].width = _INSTRUCTIONS_WIDTH + 4


_INSTRUCTIONS_WIDTH = 110


# Columns that must be present but whose cells may stay empty on some rows (the town has no
# parent; an unknown code stays empty).
_OPTIONAL_CELLS = frozenset({"parent"})


def _list_sheet(ws, columns: tuple[Column, ...], rows: list[list]) -> None:
    for index, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=col.header)
        cell.font = Font(bold=True)
        cell.fill = (
            _REQUIRED_FILL if col.required and col.field not in _OPTIONAL_CELLS else _HEADER_FILL
        )
        cell.alignment = Alignment(horizontal="center", vertical="center")
        comment = Comment(col.note, "GridCenter")
        comment.width, comment.height = 320, 110
        cell.comment = comment
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = col.width
        span = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        words = (YES, NO) if col.kind is Kind.YES_NO else col.words
        if words:
            check = DataValidation(
                type="list",
                formula1='"' + ",".join(words) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="请从下拉列表中选择",
                error="可选：" + "、".join(words),
            )
            check.add(span)
            ws.add_data_validation(check)
    ws.freeze_panes = "A2"
    text_columns = [i for i, c in enumerate(columns, 1) if c.kind in (Kind.CODE, Kind.PHONE)]
    date_columns = [i for i, c in enumerate(columns, 1) if c.kind is Kind.DATE]
    for row_number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=row_number, column=index, value=value)
            if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS):
                cell.data_type = "s"  # a name like "-1 号楼" stays text, never a formula
                cell.quotePrefix = True
            if index in text_columns:
                cell.number_format = "@"
            elif index in date_columns:
                cell.number_format = "yyyy-mm-dd"


def _word(table: dict, value) -> str | None:
    return table.get(value) if value is not None else None


def _yes_no_word(value: bool | None) -> str | None:
    return None if value is None else YES if value else NO


def _area_values(r: AreaRow) -> list:
    return [
        _word(LEVEL_WORDS, r.level),
        r.name,
        r.parent,
        r.parent_code,
        r.code,
        _word(CODE_SYSTEM_WORDS, r.code_system),
        r.sort_order,
    ]


def _member_values(r: MemberRow) -> list:
    return [
        r.grid,
        r.grid_code,
        r.name,
        _word(ROLE_WORDS, r.role),
        r.phone,
        _yes_no_word(r.party_member),
        r.since,
    ]


def _department_values(r: DepartmentRow) -> list:
    return [
        r.name,
        r.code,
        _word(KIND_WORDS, r.kind),
        r.contact_name,
        r.contact_phone,
        _yes_no_word(r.dispatchable),
    ]


def _account_values(r: AccountRow) -> list:
    return [
        r.login,
        r.display_name,
        _word(USER_ROLE_WORDS, r.role),
        r.department,
        r.area,
        r.password,
    ]


# --- reading ---------------------------------------------------------------------------------


def read_workbook(path: str | Path) -> BaseLists:
    """The lists a filled-in workbook holds, with the problems met while reading its cells.
    Refuses with ValidationError("file", rule) what is not an .xlsx workbook: "not_found",
    "xls_format" (Excel 97-2003 or a password-protected file), "csv_format", "not_workbook",
    and "no_lists" for a workbook without any of the four sheets."""
    path = Path(path)
    _check_file(path)
    try:
        formulas_wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign zip
        raise ValidationError("file", "not_workbook") from None
    values_wb = None
    try:
        found: dict[Sheet, str] = {}
        for title in formulas_wb.sheetnames:
            sheet = _sheet_of(title)
            if sheet is not None and sheet not in found:
                found[sheet] = title
        if not found:
            raise ValidationError("file", "no_lists")
        parsed: dict[Sheet, list] = {}
        problems: list[Problem] = []
        where: dict[Sheet, dict[str, tuple[str, str]]] = {}
        for sheet, title in found.items():
            grid = _sheet_cells(formulas_wb[title])
            if any(cell.data_type == "f" for row in grid for cell in row):
                # Formulas: their saved results come from a second, values-only reading.
                if values_wb is None:
                    values_wb = load_workbook(path, read_only=True, data_only=True)
                values = [[c.value for c in row] for row in _sheet_cells(values_wb[title])]
            else:
                values = None
            parsed[sheet] = _read_sheet(sheet, grid, values, problems, where)
        return BaseLists(
            areas=tuple(AreaRow(**f) for f in parsed.get(Sheet.AREAS, ())),
            members=tuple(MemberRow(**f) for f in parsed.get(Sheet.MEMBERS, ())),
            departments=tuple(DepartmentRow(**f) for f in parsed.get(Sheet.DEPARTMENTS, ())),
            users=tuple(AccountRow(**f) for f in parsed.get(Sheet.USERS, ())),
            problems=tuple(problems),
            sheets=frozenset(found),
            source=path.name,
            columns=where,
        )
    finally:
        formulas_wb.close()
        if values_wb is not None:
            values_wb.close()


def _check_file(path: Path) -> None:
    refuse_missing_or_xls(path)
    if not zipfile.is_zipfile(path) and path.suffix.lower() in (".csv", ".txt", ".tsv"):
        raise ValidationError("file", "csv_format")
    if not is_workbook_archive(path):
        raise ValidationError("file", "not_workbook")


def refuse_missing_or_xls(path: Path) -> None:
    """ValidationError("file", "not_found") for a path that is not a file, "xls_format" for
    an Excel 97-2003 file (or an .xlsx saved with a password: the same compound file)."""
    if not path.is_file():
        raise ValidationError("file", "not_found")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE2_MAGIC:
        raise ValidationError("file", "xls_format")


def is_workbook_archive(path: Path) -> bool:
    """Whether ``path`` is an Excel workbook package (.xlsx, .xlsm): a zip holding
    xl/workbook.xml, not an .ods, a .docx or a zip of photos."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return "xl/workbook.xml" in archive.namelist()


def _sheet_of(title: str) -> Sheet | None:
    folded = fold(title)
    for sheet, aliases in SHEET_ALIASES.items():
        if folded in {fold(a) for a in aliases}:
            return sheet
    return None


def _sheet_cells(ws) -> list[tuple]:
    """The sheet's rows as cell tuples; read-only sheets of some writers carry a stale
    dimension, so it is recalculated rather than trusted."""
    ws.reset_dimensions()
    return list(ws.iter_rows())  # row i is Excel row i + 1 (empty rows come as ())


def _find_headers(
    sheet: Sheet, grid: list[tuple]
) -> tuple[int, dict[str, tuple[int, int]], list[str]]:
    """(index of the last header row, field → (row index, column index) of its header,
    missing required headers).

    A field's header is the first cell of the first rows that reads as one of its names; the
    header ends at the row where every required column has been found, or at a row just
    below it that names further columns and leaves the found ones empty (a sub-header under
    merged cells: "联系方式" spanning "手机" and "座机")."""
    names = {c.field: {fold_header(n) for n in (c.header, *c.aliases)} for c in COLUMNS[sheet]}
    required = {c.field for c in COLUMNS[sheet] if c.required}
    found: dict[str, tuple[int, int]] = {}
    end = -1
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        if required <= set(found):
            # Past the header, unless this row is a sub-header: nothing under the required
            # columns, and names of columns, which then take the place of the group header
            # above them ("手机" under "联系方式").
            if any(
                col < len(row) and not _blank(row[col].value)
                for name, (_r, col) in found.items()
                if name in required
            ):
                break
            matches = _matches(row, index, names, set(), set())
            if not matches:
                break
        else:
            taken = {col for _r, col in found.values()}
            matches = _matches(row, index, names, set(found), taken)
        found.update(matches)
        if matches:
            end = index
    missing = [c.header for c in COLUMNS[sheet] if c.required and c.field not in found]
    return end, found, missing


def _matches(row, index: int, names: dict, skip: set, taken: set) -> dict:
    """Fields whose header a cell of ``row`` reads as (the first cell for each)."""
    matches: dict[str, tuple[int, int]] = {}
    for col, cell in enumerate(row):
        text = fold_header(cell.value)
        if not text or col in taken:
            continue
        for name, known in names.items():
            if text in known and name not in skip and name not in matches:
                matches[name] = (index, col)
                break
    return matches


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def _read_sheet(
    sheet: Sheet,
    grid: list[tuple],
    values: list[list] | None,
    problems: list[Problem],
    where: dict[Sheet, dict[str, tuple[str, str]]],
) -> list[dict]:
    end, found, missing = _find_headers(sheet, grid)
    if missing:
        header_row = end + 1 if end >= 0 else 1
        problems.extend(Problem(sheet, header_row, h, "missing_column") for h in missing)
        return []
    columns = [c for c in COLUMNS[sheet] if c.field in found]
    letters = {c.field: get_column_letter(found[c.field][1] + 1) for c in columns}
    headers = {
        c.field: _clean_header(grid[found[c.field][0]][found[c.field][1]].value, c) for c in columns
    }
    where[sheet] = {f: (headers[f], letters[f]) for f in headers}
    rows = []
    for index in range(end + 1, len(grid)):
        cells = grid[index]
        row_number = index + 1
        raw = {}
        for col in columns:
            at = found[col.field][1]
            cell = cells[at] if at < len(cells) else None
            value = getattr(cell, "value", None)
            if cell is not None and cell.data_type == "f":
                saved_row = values[index] if values and index < len(values) else []
                saved = saved_row[at] if at < len(saved_row) else None
                if saved is None:
                    raw[col.field] = Unreadable("formula_no_value", value)
                    continue
                value = saved
            raw[col.field] = value
        if all(_blank(v) for v in raw.values()):
            continue  # an empty row: left at the end, or between blocks
        fields = {"row": row_number}
        for col in columns:
            value, rule = convert(col, raw[col.field])
            if rule is not None:
                shown = raw[col.field]
                shown = shown.text if isinstance(shown, Unreadable) else shown
                problems.append(
                    Problem(
                        sheet,
                        row_number,
                        headers[col.field],
                        rule,
                        _shown(shown),
                        letters[col.field],
                        "、".join(col.words) if rule == "not_in_list" else None,
                    )
                )
            if value is not None:
                fields[col.field] = value
        _fill_required(sheet, fields)
        rows.append(fields)
    return rows


def _clean_header(value, col: Column) -> str:
    """The header as the user wrote it, on one line."""
    text = " ".join(str(value or "").split())
    return text or col.header


def _shown(value) -> object:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return value


def _fill_required(sheet: Sheet, fields: dict) -> None:
    """Rows always have their key fields, empty when the cell was (the planner says so)."""
    for col in COLUMNS[sheet]:
        if col.required and col.field not in fields and col.field not in _OPTIONAL_CELLS:
            fields[col.field] = None if col.kind is Kind.CHOICE else ""


def lists_rows(lists: BaseLists) -> Iterable[tuple[Sheet, object]]:
    """Every row of ``lists`` with its sheet, in workbook order."""
    for sheet, rows in (
        (Sheet.AREAS, lists.areas),
        (Sheet.MEMBERS, lists.members),
        (Sheet.DEPARTMENTS, lists.departments),
        (Sheet.USERS, lists.users),
    ):
        for row in rows:
            yield sheet, row
