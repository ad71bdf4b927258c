"""Chinese sentences for the base-data import: where a problem is (sheet, row, column) and why,
what an update changes, and why a file is refused.

Qt-free, so the command line and the window say the same thing. The workbook is a Chinese
document and the town's administrator reads these next to it, so the sentences are Chinese
whatever the window's language (as the reports are).
"""

from __future__ import annotations

from gridcenter_desktop.core.area_codes import CodeProblem
from gridcenter_desktop.services.admin.base_sheets import Problem

# Why a whole file is refused (ValidationError("file", rule) from read_workbook).
FILE_REASONS = {
    "not_found": "找不到这个文件。",
    "xls_format": "这是旧版 Excel 97-2003 工作簿（.xls）或加了密码的工作簿，无法读取。"
    "请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx），去掉密码后再导入。",
    "csv_format": "这是 CSV 文本文件，不是工作簿。请下载基础数据模板，把内容粘贴进对应的表后"
    "保存为 .xlsx 再导入。",
    "not_workbook": "这不是 Excel 工作簿（.xlsx），无法读取。"
    "请使用基础数据模板填写后保存为 .xlsx。",
    "no_lists": "工作簿中没有“区域和网格”“网格成员”“部门”“用户”中的任何一张表。"
    "请使用基础数据模板，不要改动表名。",
}

_CODE_REASONS = {
    CodeProblem.NOT_DIGITS.value: "镇和村（社区）的编码只能是数字",
    CodeProblem.WRONG_LENGTH.value: "编码位数不对：镇为 9 位，村（社区）为 12 位",
    CodeProblem.OUTSIDE_TOWN.value: "村（社区）编码的前 9 位应与所属镇的编码相同",
    CodeProblem.COMMUNITY_RANGE.value: "社区编码的最后 3 位应在 001-199 之间",
    CodeProblem.VILLAGE_RANGE.value: "村编码的最后 3 位应在 200-999 之间",
    CodeProblem.GRID_SHAPE.value: "网格编码只能由字母、数字和横线组成，最长 32 位",
    CodeProblem.OUTSIDE_UNIT.value: "全数字的网格编码应以所属村（社区）的编码开头",
}

# Service refusals met while applying (field:rule), for the ones an import can run into.
_REFUSALS = {
    "area_name:duplicate": "同一上级下已有同名的区域",
    "area_code:duplicate": "编码已被其他区域使用",
    "area_code:children_outside": "改了编码后，下级区域的编码不再以它开头",
    "parent_id:town_exists": "系统中已有一个镇",
    "parent_id:inactive": "上级区域已撤销",
    "member_role:leader_taken": "该网格已有在任网格长",
    "member_role:worker_taken": "该网格已有在任专职网格员",
    "member:duplicate": "此人已在该网格担任这个岗位",
    "person_name:duplicate": "已有同名同电话的另一个人",
    "department_name:duplicate": "已有同名的在用部门",
    "department_code:duplicate": "部门编码已被使用",
    "since:future": "任职起始日期在今天之后",
    "login:duplicate": "登录名已被使用",
}


def _quoted(value) -> str:
    return f"“{value}”" if value not in (None, "") else ""


def _reason(p: Problem) -> str:
    v, d = _quoted(p.value), p.detail
    rule = p.rule
    if rule in _CODE_REASONS:
        return f"编码{v}不符合规则：{_CODE_REASONS[rule]}"
    texts = {
        "missing_column": f"找不到“{p.column}”列（必填列）；请不要改动模板的列名",
        "formula_no_value": f"公式{v}没有保存计算结果；请用 Excel 或 WPS 打开文件、保存后再导入",
        "cell_error": f"单元格是错误值{v}，请改正公式或内容",
        "bad_date": f"{v}不是日期；请写成 2024-03-01 或设为日期格式",
        "bad_integer": f"{v}不是非负整数",
        "not_yes_no": f"{v}应填“是”或“否”",
        "since_future": f"任职起始日期{v}在今天之后；以后才上任的成员请到时再录入",
        "not_in_list": f"{v}不是下拉列表中的选项（可选：{d}）",
        "bad_phone": f"{v}不是有效的电话号码（手机 11 位，或座机如 0512-66881234）",
        "required": "必须填写",
        "too_long": f"{v}太长（最多 64 个字）",
        "control_chars": "含有不可见的控制字符，请删除后重新输入",
        "duplicate_in_file": f"{v}与第 {d} 行重复",
        "parent_missing": f"找不到上级{v}（本表其他行和系统中都没有，或已撤销）",
        "parent_ambiguous": f"上级{v}有重名：{d}；请写成“村/网格”的形式或填上级编码",
        "parent_wrong_level": _wrong_level(v, d),
        "town_no_parent": "镇不填上级",
        "second_town": f"系统中只能有一个镇，已有“{d}”；请使用同一名称或编码",
        "level_differs": f"层级填的是{v}，但系统中这个区域是“{d}”",
        "retired": f"编码{v}属于已撤销的区域“{d}”；请先在系统管理中恢复它",
        "name_taken": f"同一上级下已有名为{v}的区域（{d}）",
        "code_taken": f"编码{v}已被“{d}”使用",
        "department_code_shape": f"部门编码{v}只能由字母、数字、点、横线和下划线组成",
        "department_retired": f"部门{v}已停用；请先在系统管理中恢复它，或换一个名称",
        "grid_missing": f"找不到网格{v}（本表“区域和网格”和系统中都没有，或已撤销）",
        "grid_ambiguous": f"网格{v}有重名：{d}；请写成“村/网格”的形式或填网格编码",
        "not_a_grid": f"{v}是“{d}”，成员只能属于网格或微网格",
        "leader_taken": f"该网格已有在任网格长“{d}”；更换网格长请在系统管理中操作",
        "worker_taken": f"该网格已有在任专职网格员“{d}”；更换请在系统管理中操作",
        "leader_twice": f"同一网格只能有一名网格长，第 {d} 行已填了一名",
        "worker_twice": f"同一网格只能有一名专职网格员，第 {d} 行已填了一名",
        "person_conflict": f"{v}在第 {d} 行填的电话或是否党员与本行不同；同一人请填写一致",
        "login_too_long": f"登录名{v}太长（最多 32 个字符）",
        "login_bad_characters": f"登录名{v}只能包含字母、数字、点、横线和下划线",
        "department_missing": f"找不到部门{v}（本文件“部门”表和系统中都没有）",
        "area_missing": f"找不到区域{v}",
        "area_ambiguous": f"区域{v}有重名：{d}；请写成“村/网格”的形式",
        "too_short": "初始密码太短（至少 10 个字符）",
        "same_as_login": "初始密码不能与登录名相同",
        "common": "初始密码太常见，容易被猜到",
        "user_kept": f"用户{v}已存在，导入不会修改它（{d}与系统中不同，请在用户管理中修改）",
        "refused": f"系统拒绝了这一行：{_refusal(d)}",
    }
    return texts.get(rule, f"无法导入（{rule}）")


def _wrong_level(value: str, detail: str | None) -> str:
    found, _, allowed = (detail or "").partition("|")
    return f"上级{value}是“{found}”，这一层级的上级应是{allowed or '其他层级'}"


def _refusal(detail: str | None) -> str:
    return _REFUSALS.get(detail or "", f"数据不符合规则（{detail}）")


def where_text(p: Problem) -> str:
    """Where the problem is: 「网格成员」表第 12 行「岗位」列（D 列）."""
    text = f"“{p.sheet.value}”表"
    if p.row:
        text += f"第 {p.row} 行"
    if p.column and p.rule != "missing_column":
        text += f"“{p.column}”列"
        if p.letter:
            text += f"（{p.letter} 列）"
    return text


def problem_text(p: Problem) -> str:
    """The whole sentence: where, then why."""
    return f"{where_text(p)}：{_reason(p)}。"


def file_problem_text(rule: str) -> str:
    """Why a file was refused as a whole (the rule of ValidationError("file", rule))."""
    return FILE_REASONS.get(rule, "无法读取这个文件。")


def change_text(column: str, before, after) -> str:
    """One change of an update: 联系电话：13912345678 → 13812345678."""
    shown = lambda v: "（空）" if v in (None, "") else str(v)  # noqa: E731
    return f"{column}：{shown(before)} → {shown(after)}"


def plan_lines(plan) -> list[str]:
    """The preview as lines of text (the CLI prints them; a dialog may show them as a log):
    per list the counts, every row added or updated with what changes, then the notes and
    the problems."""
    lines = [f"文件：{plan.lists.source}"] if plan.lists.source else []
    for sheet in plan.sheets:
        lines.append(
            f"{sheet.sheet.value}：新增 {len(sheet.adds)}，更新 {len(sheet.updates)}，"
            f"不变 {len(sheet.unchanged)}"
        )
        lines.extend(f"  新增 第 {p.row} 行 {p.label}" for p in sheet.adds)
        for p in sheet.updates:
            changes = "；".join(change_text(c.column, c.before, c.after) for c in p.changes)
            lines.append(f"  更新 第 {p.row} 行 {p.label}：{changes}")
    if plan.notes:
        lines.append(f"提示（{len(plan.notes)}）：")
        lines.extend(f"  {problem_text(note)}" for note in plan.notes)
    if plan.problems:
        lines.append(f"问题（{len(plan.problems)}）：")
        lines.extend(f"  {problem_text(problem)}" for problem in plan.problems)
    return lines
