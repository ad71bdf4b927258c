"""The base-data workbook's vocabulary: its sheets, their columns, the Chinese words of the
drop-down lists, and the rows read from it.

One place for what the template writes, the reader recognises and the planner checks, so a
column renamed here is renamed everywhere. The words are the workbook's own (a document a town
fills in Chinese), not the window's translated labels, which services may not import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gridcenter_desktop.core.enums import AreaLevel, DepartmentKind, MemberRole, UserRole


class Sheet(StrEnum):
    """The lists of the workbook, by the sheet names the template writes."""

    AREAS = "区域和网格"
    MEMBERS = "网格成员"
    DEPARTMENTS = "部门"
    USERS = "用户"


INSTRUCTIONS_SHEET = "说明"

# Other names a town's own workbook may give the sheets (compared without spaces).
SHEET_ALIASES: dict[Sheet, tuple[str, ...]] = {
    Sheet.AREAS: ("区域和网格", "区域网格", "区域", "网格", "村社区和网格", "区域与网格"),
    Sheet.MEMBERS: ("网格成员", "成员", "网格员", "网格人员", "网格队伍"),
    Sheet.DEPARTMENTS: ("部门", "部门名单", "单位", "部门和单位"),
    Sheet.USERS: ("用户", "账号", "用户账号", "系统用户"),
}

# --- drop-down words -------------------------------------------------------------------------

LEVEL_WORDS: dict[AreaLevel, str] = {
    AreaLevel.TOWN: "镇",
    AreaLevel.VILLAGE: "村",
    AreaLevel.COMMUNITY: "社区",
    AreaLevel.GRID: "网格",
    AreaLevel.MICRO_GRID: "微网格",
}
ROLE_WORDS: dict[MemberRole, str] = {
    MemberRole.LEADER: "网格长",
    MemberRole.WORKER: "专职网格员",
    MemberRole.PART_TIME_WORKER: "兼职网格员",
    MemberRole.PARTY_MEMBER: "党员",
    MemberRole.POLICE: "民警",
    MemberRole.JUDGE: "法官",
    MemberRole.PROSECUTOR: "检察官",
    MemberRole.LAWYER: "律师",
    MemberRole.BUILDING_LEADER: "楼栋长",
    MemberRole.VOLUNTEER: "志愿者",
    MemberRole.OTHER: "其他",
}
KIND_WORDS: dict[DepartmentKind, str] = {
    DepartmentKind.OFFICE: "镇属部门",
    DepartmentKind.AGENCY: "派驻机构",
    DepartmentKind.COMMITTEE: "村（居）委会",
    DepartmentKind.UTILITY: "公用事业单位",
    DepartmentKind.EXTERNAL: "外部单位",
}
USER_ROLE_WORDS: dict[UserRole, str] = {
    UserRole.OPERATOR: "调度员",
    UserRole.SUPERVISOR: "值班长",
    UserRole.ADMIN: "管理员",
    UserRole.VIEWER: "只读",
}
CODE_SYSTEM_WORDS: dict[str, str] = {"national_stats": "国家统计", "civil_affairs": "民政区划"}
YES, NO = "是", "否"

# Words people write instead of the drop-down's (folded as by :func:`fold`).
_LEVEL_EXTRA = {
    "乡镇": AreaLevel.TOWN,
    "街道": AreaLevel.TOWN,
    "行政村": AreaLevel.VILLAGE,
    "村委会": AreaLevel.VILLAGE,
    "居委会": AreaLevel.COMMUNITY,
    "社区居委会": AreaLevel.COMMUNITY,
    "微格": AreaLevel.MICRO_GRID,
}
_ROLE_EXTRA = {
    "网格员": MemberRole.WORKER,
    "专职": MemberRole.WORKER,
    "兼职": MemberRole.PART_TIME_WORKER,
    "警官": MemberRole.POLICE,
    "社区民警": MemberRole.POLICE,
    "楼长": MemberRole.BUILDING_LEADER,
    "党员志愿者": MemberRole.VOLUNTEER,
}
_KIND_EXTRA = {
    "镇部门": DepartmentKind.OFFICE,
    "镇属单位": DepartmentKind.OFFICE,
    "办公室": DepartmentKind.OFFICE,
    "派驻单位": DepartmentKind.AGENCY,
    "村委会": DepartmentKind.COMMITTEE,
    "居委会": DepartmentKind.COMMITTEE,
    "村居委会": DepartmentKind.COMMITTEE,
    "村(居)委会": DepartmentKind.COMMITTEE,
    "公用事业": DepartmentKind.UTILITY,
    "外部": DepartmentKind.EXTERNAL,
}
_USER_ROLE_EXTRA = {
    "坐席": UserRole.OPERATOR,
    "操作员": UserRole.OPERATOR,
    "指挥长": UserRole.SUPERVISOR,
    "系统管理员": UserRole.ADMIN,
    "查看": UserRole.VIEWER,
    "领导": UserRole.VIEWER,
}
_CODE_SYSTEM_EXTRA = {
    "统计": "national_stats",
    "统计用区划代码": "national_stats",
    "国家统计局": "national_stats",
    "民政": "civil_affairs",
}
_YES_WORDS = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "有"})
_NO_WORDS = frozenset({"否", "n", "no", "false", "0", "×", "无", "不是"})


def fold(text: str) -> str:
    """Text as compared with the vocabulary: full-width folded (NFKC), spaces dropped, Latin
    lower-cased."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


# "*姓名", "姓名（必填）", "姓名(选填)", "姓名：" — the marks, not the name.
_NOISE = re.compile(r"[*＊:：]|[(（\[【][^)）\]】]*[)）\]】]")


def fold_header(header: object) -> str:
    """A header as compared, in the base sheets and the platforms' sheets alike: full-width
    folded (NFKC), marks and brackets dropped, spaces and line breaks removed, Latin
    lower-cased."""
    text = unicodedata.normalize("NFKC", "" if header is None else str(header))
    text = _NOISE.sub("", text)
    return "".join(text.split()).lower()


def _lookup(words: dict, extra: dict) -> dict[str, object]:
    table = {fold(word): value for value, word in words.items()}
    table.update({fold(word): value for word, value in extra.items()})
    table.update({fold(str(value)): value for value in words})  # the stored code itself
    return table


LEVEL_BY_WORD = _lookup(LEVEL_WORDS, _LEVEL_EXTRA)
ROLE_BY_WORD = _lookup(ROLE_WORDS, _ROLE_EXTRA)
KIND_BY_WORD = _lookup(KIND_WORDS, _KIND_EXTRA)
USER_ROLE_BY_WORD = _lookup(USER_ROLE_WORDS, _USER_ROLE_EXTRA)
CODE_SYSTEM_BY_WORD = _lookup(CODE_SYSTEM_WORDS, _CODE_SYSTEM_EXTRA)


def yes_no(text: str) -> bool | None:
    """True for 是 (and Y, TRUE, 1, √ ...), False for 否, None when it is neither."""
    folded = fold(text)
    if folded in _YES_WORDS:
        return True
    if folded in _NO_WORDS:
        return False
    return None


# --- columns -------------------------------------------------------------------------------


class Kind(StrEnum):
    """How a column's cells are read."""

    TEXT = "text"
    CODE = "code"  # an area or department code: digits typed as numbers become text
    PHONE = "phone"  # typed as a number, it is still a phone number
    DATE = "date"
    INTEGER = "integer"
    CHOICE = "choice"  # one of the drop-down's words
    YES_NO = "yes_no"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet: the row field it fills, its header, other headers it is known by,
    and the note the template puts on the header cell."""

    field: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = False  # the column must be there (its cells may still be optional)
    aliases: tuple[str, ...] = ()
    note: str = ""
    choices: dict | None = None  # folded word → value, for CHOICE columns
    words: tuple[str, ...] = ()  # the drop-down's words, in order
    width: int = 14


def _choice(words: dict, table: dict) -> dict:
    return {"choices": table, "words": tuple(words.values()), "kind": Kind.CHOICE}


COLUMNS: dict[Sheet, tuple[Column, ...]] = {
    Sheet.AREAS: (
        Column(
            "level",
            "层级",
            required=True,
            aliases=("级别", "区域层级", "区域类型"),
            note="镇、村、社区、网格或微网格（下拉选择）。",
            width=10,
            **_choice(LEVEL_WORDS, LEVEL_BY_WORD),
        ),
        Column(
            "name",
            "名称",
            required=True,
            aliases=("区域名称", "村社区网格名称"),
            note="必填。同一上级下名称不能重复，例如“某村第一网格”。",
            width=22,
        ),
        Column(
            "parent",
            "上级名称",
            required=True,
            aliases=("上级", "上级区域", "所属上级"),
            note="村/社区填镇名（只有一个镇时可不填），网格填村/社区名，微网格填网格名；镇不填。\n"
            "重名时可写成“某村/第一网格”或填上级编码。",
            width=22,
        ),
        Column(
            "parent_code",
            "上级编码",
            Kind.CODE,
            aliases=("上级代码", "上级区划代码"),
            note="可选：上级的编码，填了就按编码找上级。",
            width=16,
        ),
        Column(
            "code",
            "编码",
            Kind.CODE,
            aliases=("区划代码", "统计代码", "代码", "网格编码"),
            note="可选，填了就不能与其他区域重复。镇 9 位，村/社区 12 位（镇的 9 位加 3 位：\n"
            "社区 001-199，村 200 起）。不确定的编码请留空，不要编造。",
            width=16,
        ),
        Column(
            "code_system",
            "编码来源",
            aliases=("代码来源", "编码体系"),
            note="国家统计（统计用区划代码）或民政区划。",
            width=12,
            **_choice(CODE_SYSTEM_WORDS, CODE_SYSTEM_BY_WORD),
        ),
        Column(
            "sort_order",
            "排序",
            Kind.INTEGER,
            aliases=("序号", "顺序", "排列顺序"),
            note="可选：同一上级下的显示顺序（整数，小的在前）。",
            width=8,
        ),
    ),
    Sheet.MEMBERS: (
        Column(
            "grid",
            "所属网格",
            required=True,
            aliases=("网格", "网格名称", "所在网格"),
            note="必填：网格或微网格的名称；重名时写成“某村/第一网格”或填网格编码。",
            width=22,
        ),
        Column(
            "grid_code",
            "网格编码",
            Kind.CODE,
            aliases=("所属网格编码",),
            note="可选：填了就按编码找网格。",
            width=16,
        ),
        Column(
            "name", "姓名", required=True, aliases=("成员姓名", "名字"), note="必填。", width=10
        ),
        Column(
            "role",
            "岗位",
            required=True,
            aliases=("角色", "职务", "身份", "成员类别"),
            note="网格长、专职网格员、兼职网格员、党员、民警、法官、检察官、律师、楼栋长、\n"
            "志愿者或其他（下拉选择）。每个网格至多一名在任网格长、一名在任专职网格员。",
            width=12,
            **_choice(ROLE_WORDS, ROLE_BY_WORD),
        ),
        Column(
            "phone",
            "联系电话",
            Kind.PHONE,
            aliases=("电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"),
            note="手机 11 位或座机（如 0512-66881234）；填成数字也可以。",
            width=16,
        ),
        Column(
            "party_member",
            "是否党员",
            Kind.YES_NO,
            aliases=("党员否", "政治面貌是否党员"),
            note="是或否，不填按否。",
            width=10,
        ),
        Column(
            "since",
            "任职起始日期",
            Kind.DATE,
            aliases=("起始日期", "开始日期", "任职日期", "上岗日期", "任职时间"),
            note="可选，如 2024-03-01；只用于新加入的成员。",
            width=14,
        ),
    ),
    Sheet.DEPARTMENTS: (
        Column(
            "name",
            "部门名称",
            required=True,
            aliases=("名称", "部门", "单位名称", "单位"),
            note="必填，例如“综合执法局”“市场监督管理所”。",
            width=22,
        ),
        Column(
            "code",
            "部门编码",
            Kind.CODE,
            aliases=("编码", "代码", "部门代码"),
            note="可选：不填由系统生成；填了就不能重复。",
            width=12,
        ),
        Column(
            "kind",
            "类别",
            required=True,
            aliases=("类型", "部门类别", "单位类别"),
            note="镇属部门、派驻机构、村（居）委会、公用事业单位或外部单位（下拉选择）。",
            width=14,
            **_choice(KIND_WORDS, KIND_BY_WORD),
        ),
        Column("contact_name", "联系人", aliases=("负责人",), note="可选。", width=10),
        Column(
            "contact_phone",
            "联系电话",
            Kind.PHONE,
            aliases=("电话", "手机", "联系方式"),
            note="可选：手机或座机。",
            width=16,
        ),
        Column(
            "dispatchable",
            "可派单",
            Kind.YES_NO,
            aliases=("是否可派单", "可派遣", "是否派单"),
            note="是或否，不填按是。否：只登记在册，不出现在派单列表中。",
            width=8,
        ),
    ),
    Sheet.USERS: (
        Column(
            "login",
            "登录名",
            required=True,
            aliases=("账号", "用户名", "登录账号"),
            note="必填：字母、数字、点、横线或下划线，如 zhang.san。",
            width=14,
        ),
        Column(
            "display_name",
            "姓名",
            required=True,
            aliases=("显示名", "名称", "用户姓名"),
            note="必填。",
            width=10,
        ),
        Column(
            "role",
            "角色",
            required=True,
            aliases=("岗位", "权限"),
            note="调度员、值班长、管理员或只读（下拉选择）。",
            width=10,
            **_choice(USER_ROLE_WORDS, USER_ROLE_BY_WORD),
        ),
        Column("department", "所属部门", aliases=("部门",), note="可选：部门名称。", width=18),
        Column(
            "area",
            "所属区域",
            aliases=("所属网格", "所属村社区"),
            note="可选：村、社区或网格的名称。",
            width=18,
        ),
        Column(
            "password",
            "初始密码",
            aliases=("密码",),
            note="可选：不填由系统生成并在导入后显示一次。用户首次登录时须修改密码。\n"
            "导入后请删除本列内容，不要保存明文密码。",
            width=16,
        ),
    ),
}


def column(sheet: Sheet, field_name: str) -> Column:
    """The column of ``sheet`` that fills ``field_name``."""
    return next(c for c in COLUMNS[sheet] if c.field == field_name)


# --- rows and problems -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a row (or the whole sheet, row 0) cannot be imported: the sheet, the Excel row
    number, the column's header and letter as the workbook has them, the rule code
    (services/admin/base_problems.py words it) and the value at fault."""

    sheet: Sheet
    row: int
    column: str
    rule: str
    value: object = None
    letter: str | None = None
    # What the reason needs beyond the value: the other row, the existing name, the choices.
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class AreaRow:
    level: AreaLevel | None
    name: str
    parent: str | None = None
    parent_code: str | None = None
    code: str | None = None
    code_system: str | None = None
    sort_order: int | None = None
    row: int = 0


@dataclass(frozen=True, slots=True)
class MemberRow:
    grid: str
    name: str
    role: MemberRole | None
    phone: str | None = None
    party_member: bool | None = None  # None: not given (a new member is not one)
    since: date | None = None
    grid_code: str | None = None
    row: int = 0


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    name: str
    kind: DepartmentKind | None
    code: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    dispatchable: bool | None = None  # None: not given (a new department can be dispatched to)
    row: int = 0


@dataclass(frozen=True, slots=True)
class AccountRow:
    login: str
    display_name: str
    role: UserRole | None
    department: str | None = None
    area: str | None = None
    password: str | None = None
    row: int = 0


@dataclass(frozen=True, slots=True)
class BaseLists:
    """What a workbook holds: its rows per list, the problems found while reading them (a
    formula without a saved value, a word not in the drop-down ...), which lists it has, and
    the file's name for the audit entry."""

    areas: tuple[AreaRow, ...] = ()
    members: tuple[MemberRow, ...] = ()
    departments: tuple[DepartmentRow, ...] = ()
    users: tuple[AccountRow, ...] = ()
    problems: tuple[Problem, ...] = ()
    sheets: frozenset[Sheet] = field(default_factory=frozenset)
    source: str = ""
    # Where each list's columns are in the file: field → (header as written, column letter).
    columns: dict[Sheet, dict[str, tuple[str, str]]] = field(default_factory=dict, compare=False)

    def where(self, sheet: Sheet, field_name: str) -> tuple[str, str | None]:
        """The header and column letter of ``field_name`` in ``sheet`` (the template's
        header and position for lists not read from a file)."""
        found = self.columns.get(sheet, {}).get(field_name)
        if found is not None:
            return found
        cols = COLUMNS[sheet]
        index = next(i for i, c in enumerate(cols) if c.field == field_name)
        return cols[index].header, _letter(index + 1)


def _letter(number: int) -> str:
    """Column letter of a 1-based column number (A .. ZZ is plenty for these sheets)."""
    first, second = divmod(number - 1, 26)
    return (chr(64 + first) if first else "") + chr(65 + second)
