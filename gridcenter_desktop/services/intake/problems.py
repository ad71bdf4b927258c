"""Chinese sentences for what is wrong with an incoming sheet: "第 12 行 D 列（联系电话）：…".

Qt-free, so the command line, the import window and the rejects file's 原因 column say the same
thing. The sheet is a Chinese document and the operator reads these next to it, so the
sentences are Chinese whatever the window's language (as the base-data import's are).
"""

from __future__ import annotations

from gridcenter_desktop.core.enums import IntakeField
from gridcenter_desktop.services.intake.rows import CellProblem

F = IntakeField

# The fields' names as a sheet calls them (for the sheet's own problems: a missing column).
FIELD_NAMES: dict[str, str] = {
    F.EXTERNAL_CODE: "工单编号",
    F.RECEIVED_AT: "来电时间",
    F.REPORTER_NAME: "来电人",
    F.REPORTER_PHONE: "联系电话",
    F.TITLE: "诉求标题",
    F.DESCRIPTION: "诉求内容",
    F.ADDRESS: "诉求地址",
    F.CATEGORY: "诉求类型",
    F.CATEGORY_MINOR: "小类",
    F.DEADLINE: "办理时限",
    F.DEPARTMENT: "承办单位",
    F.PRIORITY: "紧急程度",
    F.KIND: "诉求性质",
    F.GRID: "所属网格",
    F.LATITUDE: "纬度",
    F.LONGITUDE: "经度",
    F.RESULT: "办理结果",
    F.CLOSED_AT: "办结时间",
    F.SATISFACTION: "回访结果",
}

# Why a whole file is refused (ValidationError("file", rule) from the readers).
FILE_REASONS: dict[str, str] = {
    "not_found": "找不到这个文件。",
    "xls_format": "这是旧版 Excel 97-2003 工作簿（.xls）或加了密码的工作簿，无法读取。"
    "请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx），去掉密码后再导入。",
    "not_workbook": "这不是 Excel 工作簿（.xlsx），或文件已损坏，无法读取。",
    "unknown_encoding": "无法识别这个 CSV 文件的编码。请在 Excel 或 WPS 中另存为"
    "“CSV（逗号分隔）”或“CSV UTF-8”后再导入。",
    "not_text": "这不是文本格式的 CSV 文件，无法读取。",
    "unsupported_format": "只能导入 Excel 工作簿（.xlsx）、CSV 文件（.csv）"
    "和 Open311 的 requests.json。",
    "no_header": "文件的前 10 行中找不到表头（列名），可能是空文件。",
    "not_json": "这不是有效的 JSON 文件，无法读取。",
    "not_requests": "JSON 文件的内容不是 Open311 的工单（requests）列表。",
}

# Rule → what is wrong, {v} the cell's value as written. Rules of the readers (A) first.
REASONS: dict[str, str] = {
    "cell_error": "单元格是错误值{v}，请改正公式或内容",
    "bad_datetime": "{v}不是有效的时间；请写成 2022-03-05 14:02 或设为日期格式",
    "bad_deadline": "{v}不是有效的时限；"
    "请写成日期时间（2022-03-10 17:30）或天数（5、5个工作日、3天）",
    "bad_phone": "{v}不是有效的电话号码（手机 11 位，或座机如 0512-66881234）",
    "bad_coordinate": "{v}不是有效的经纬度",
    "unknown_priority": "{v}不是可识别的紧急程度（一般、紧急、特急）",
    "required": "必须填写",
    "too_long": "{v}太长",
    "control_chars": "含有不可见的控制字符，请删除后重新输入",
    # Open311 requests.json (open311_in.py): an item of the list that is not a request.
    "not_a_request": "这一项不是一条工单（应为带字段名的对象）{v}",
    # --- the planner's rules (plan.py) ------------------------------------------------------
    "code_missing": "没有工单编号；平台的编号用来识别重复导入，必须填写",
    "code_repeated": "工单编号与本表第 {n} 行重复",
    "title_missing": "没有诉求标题",
    "content_missing": "诉求标题和诉求内容都是空的",
}


def _quoted(value: str) -> str:
    return f"“{value}”" if value else ""


def where_text(problem: CellProblem) -> str:
    """Where: "第 12 行 D 列（联系电话）", "第 12 行" for a whole row, "表头" for the file's own."""
    if problem.rule == "missing_column":
        return f"表头（第 {problem.row} 行）" if problem.row else "表头"
    text = f"第 {problem.row} 行" if problem.row else ""
    if problem.letter:
        text += f" {problem.letter} 列" if text else f"{problem.letter} 列"
    if problem.header:
        text += f"（{problem.header}）"
    return text


def reason_text(problem: CellProblem) -> str:
    """Why, without where (the rejects file's 原因 column puts the column before it)."""
    if problem.rule == "missing_column":
        name = FIELD_NAMES.get(problem.value, problem.value)
        return f"缺少“{name}”列；请在列对照中指定哪一列是{name}"
    template = REASONS.get(problem.rule)
    if template is None:
        return f"无法导入（{problem.rule}）"
    if problem.rule == "code_repeated":
        # The value is the row where the code first appears, not a cell's text.
        return template.format(n=problem.value)
    return template.format(v=_quoted(problem.value))


def problem_text(problem: CellProblem) -> str:
    """The whole sentence: "第 12 行 D 列（联系电话）：“不详12”不是有效的电话号码（…）。"."""
    where = where_text(problem)
    reason = reason_text(problem)
    return f"{where}：{reason}。" if where else f"{reason}。"


def file_problem_text(rule: str) -> str:
    """Why a file was refused as a whole (the rule of ValidationError("file", rule))."""
    return FILE_REASONS.get(rule, "无法读取这个文件。")


__all__ = [
    "FIELD_NAMES",
    "FILE_REASONS",
    "REASONS",
    "file_problem_text",
    "problem_text",
    "reason_text",
    "where_text",
]
