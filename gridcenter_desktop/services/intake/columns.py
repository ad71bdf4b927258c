"""Which field a platform's column holds, from its header.

Platforms name the same column differently (12345 writes 来电人, the district platform 反映人,
a village's own list 联系人), and people decorate headers ("*联系电话", "诉求内容（必填）",
full-width letters, a line break). Headers are compared folded; a saved profile's columns come
before these synonyms (services/intake/profiles.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gridcenter_desktop.core.enums import IntakeField
from gridcenter_desktop.services.admin.base_sheets import fold_header
from gridcenter_desktop.services.intake.rows import Profile

F = IntakeField

# Each field's header names, the most common first.
SYNONYMS: dict[IntakeField, tuple[str, ...]] = {
    F.EXTERNAL_CODE: (
        "工单编号", "工单号", "编号", "受理编号", "工单流水号", "流水号", "诉求编号", "案件编号",
        "案件号", "事件编号",
    ),
    F.RECEIVED_AT: (
        "来电时间", "受理时间", "登记时间", "反映时间", "诉求时间", "上报时间", "来件时间",
        "创建时间",
    ),
    F.REPORTER_NAME: (
        "来电人", "诉求人", "反映人", "联系人", "来电人姓名", "诉求人姓名", "反映人姓名",
        "联系人姓名", "姓名", "市民姓名",
    ),
    F.REPORTER_PHONE: (
        "联系电话", "来电号码", "手机号码", "手机号", "联系方式", "来电电话", "联系号码",
        "电话", "诉求人电话", "反映人电话",
    ),
    F.TITLE: ("诉求标题", "标题", "事项标题", "工单标题", "案件标题", "主题"),
    F.DESCRIPTION: (
        "诉求内容", "问题描述", "反映内容", "来电内容", "工单内容", "事项内容", "诉求描述",
        "案件描述", "具体内容", "内容",
    ),
    F.ADDRESS: (
        "诉求地址", "事发地址", "发生地址", "地址", "事发地点", "问题地址", "案件地址", "地点",
    ),
    F.CATEGORY: (
        "诉求类型", "问题分类", "事项分类", "业务类别", "诉求分类", "问题类型", "事项类别",
        "工单分类", "案件类别", "大类", "问题大类", "一级分类", "分类",
    ),
    F.CATEGORY_MINOR: ("小类", "问题小类", "二级分类", "细类"),
    F.DEADLINE: (
        "办理时限", "处理时限", "截止时间", "要求办结时间", "办结时限", "处置时限", "限办时间",
        "到期时间",
    ),
    F.DEPARTMENT: ("承办单位", "主办单位", "处理单位", "责任单位", "承办部门", "办理单位"),
    F.PRIORITY: ("紧急程度", "缓急程度", "紧急度", "优先级"),
    F.KIND: ("诉求性质", "工单性质", "事项性质", "来电性质"),
    F.GRID: ("所属网格", "网格", "网格名称"),
    F.LATITUDE: ("纬度", "lat", "latitude"),
    F.LONGITUDE: ("经度", "lng", "lon", "long", "longitude"),
    F.RESULT: ("办理结果", "处理结果", "办理情况", "处置结果", "答复内容"),
    F.CLOSED_AT: ("办结时间", "完成时间", "处置完成时间"),
    F.SATISFACTION: ("回访结果", "满意度", "回访满意度", "评价结果"),
}  # fmt: skip

# A sheet without a column for one of these cannot be imported as it is: the mapping page
# asks for it. The code keeps a second import from adding the row again; a ticket needs
# something that says what it is about (title or description, either will do).
REQUIRED: tuple[IntakeField, ...] = (F.EXTERNAL_CODE,)
ONE_OF_REQUIRED: tuple[IntakeField, ...] = (F.TITLE, F.DESCRIPTION)


_BY_NAME: dict[str, IntakeField] = {
    fold_header(name): field for field, names in SYNONYMS.items() for name in names
}


def field_of(header: object) -> IntakeField | None:
    """The field a header names, None when no synonym matches."""
    return _BY_NAME.get(fold_header(header))


def recognise(
    headers: Sequence[object], profile: Profile | None = None
) -> tuple[tuple[IntakeField | None, ...], tuple[str, ...]]:
    """(the field of each column, the headers nobody recognised). A profile's columns decide
    first (a header it maps to nothing is ignored, not unrecognised); each field goes to one
    column only, the first: a second column the synonyms would give the same field is left
    for the user to map. Empty headers are blank columns, neither mapped nor asked about."""
    chosen: dict[str, IntakeField | None] = {}
    if profile is not None:
        for header, field in profile.columns:
            chosen.setdefault(fold_header(header), IntakeField(field) if field else None)
    fields: list[IntakeField | None] = []
    unrecognised: list[str] = []
    taken: set[IntakeField] = set()
    for header in headers:
        key = fold_header(header)
        if not key:
            fields.append(None)
            continue
        if key in chosen:
            field = chosen[key]
            if field is not None and field in taken:
                field = None
        else:
            field = _BY_NAME.get(key)
            if field is None or field in taken:
                unrecognised.append(str(header).strip())
                field = None
        if field is not None:
            taken.add(field)
        fields.append(field)
    return tuple(fields), tuple(unrecognised)


def missing_fields(fields: Iterable[IntakeField | None]) -> tuple[IntakeField, ...]:
    """The required fields no column holds (for title/description: TITLE when neither)."""
    present = {f for f in fields if f is not None}
    missing = [f for f in REQUIRED if f not in present]
    if not present.intersection(ONE_OF_REQUIRED):
        missing.append(ONE_OF_REQUIRED[0])
    return tuple(missing)


__all__ = [
    "ONE_OF_REQUIRED",
    "REQUIRED",
    "SYNONYMS",
    "field_of",
    "fold_header",
    "missing_fields",
    "recognise",
]
