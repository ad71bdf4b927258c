"""The registers' sheets: one column list per register, shared by the template, the import
and the export (so an exported sheet imports again), with the Chinese words of the choices."""

from __future__ import annotations

from gridcenter_desktop.core.enums import (
    DangerKind,
    DangerStatus,
    RegisterKind,
    RiskLevel,
    SpecialGroupKind,
)
from gridcenter_desktop.services.admin.base_sheets import Column, Kind, fold

SPECIAL_GROUP_WORDS = {
    SpecialGroupKind.ELDERLY_ALONE: "独居老人",
    SpecialGroupKind.EMPTY_NEST: "空巢老人",
    SpecialGroupKind.DISABLED: "残疾人",
    SpecialGroupKind.MINOR_IN_DIFFICULTY: "困境儿童",
    SpecialGroupKind.LOW_INCOME: "低保特困",
    SpecialGroupKind.COMMUNITY_CORRECTION: "社区矫正对象",
    SpecialGroupKind.RELEASED_PRISONER: "刑满释放人员",
    SpecialGroupKind.DRUG_REHAB: "社区戒毒康复人员",
    SpecialGroupKind.MENTAL_DISORDER: "严重精神障碍患者",
    SpecialGroupKind.ATTENTION: "重点人员",
}
DANGER_KIND_WORDS = {
    DangerKind.FIRE: "消防",
    DangerKind.GAS: "燃气",
    DangerKind.ELECTRIC: "用电",
    DangerKind.BUILDING: "房屋建筑",
    DangerKind.PRODUCTION: "安全生产",
    DangerKind.TRAFFIC: "交通",
    DangerKind.WATER: "防汛涉水",
    DangerKind.FOOD: "食品",
    DangerKind.OTHER: "其他",
}
RISK_WORDS = {RiskLevel.HIGH: "高", RiskLevel.MEDIUM: "中", RiskLevel.LOW: "低"}
DANGER_STATUS_WORDS = {
    DangerStatus.OPEN: "待整改",
    DangerStatus.RECTIFYING: "整改中",
    DangerStatus.RECTIFIED: "已整改",
    DangerStatus.CANCELLED: "已销号",
}
SHEET_TITLES = {
    RegisterKind.SPECIAL_GROUP: "特殊群体",
    RegisterKind.RENTAL: "出租房屋",
    RegisterKind.DANGER: "安全隐患",
}


def _choice(words: dict, extra: dict | None = None) -> dict:
    table = {fold(word): value for value, word in words.items()}
    table.update({fold(str(value)): value for value in words})
    table.update({fold(k): v for k, v in (extra or {}).items()})
    return table


def _column(
    field: str,
    header: str,
    kind: Kind = Kind.TEXT,
    *,
    required: bool = False,
    words: dict | None = None,
    aliases: tuple[str, ...] = (),
    width: int = 14,
    extra: dict | None = None,
) -> Column:
    return Column(
        field=field,
        header=header,
        kind=Kind.CHOICE if words else kind,
        required=required,
        aliases=aliases,
        choices=_choice(words, extra) if words else None,
        words=tuple(words.values()) if words else (),
        width=width,
    )


COLUMNS: dict[RegisterKind, tuple[Column, ...]] = {
    RegisterKind.SPECIAL_GROUP: (
        _column("grid", "网格", required=True, aliases=("所属网格", "网格名称"), width=18),
        _column(
            "kind",
            "类别",
            required=True,
            words=SPECIAL_GROUP_WORDS,
            aliases=("群体类别", "人员类别"),
            extra={"低保": SpecialGroupKind.LOW_INCOME},
        ),
        _column("name", "姓名", required=True),
        _column("id_number", "身份证号", Kind.CODE, aliases=("公民身份号码",), width=22),
        _column("phone", "联系电话", Kind.PHONE, aliases=("电话", "手机")),
        _column("address", "住址", aliases=("地址", "居住地址"), width=28),
        _column("guardian", "联系人", aliases=("监护人",)),
        _column("guardian_phone", "联系人电话", Kind.PHONE, aliases=("监护人电话",)),
        _column("care_note", "帮扶情况", aliases=("帮扶管控情况", "备注"), width=28),
        _column("worker", "联系网格员", aliases=("网格员",)),
        _column("registered_on", "登记日期", Kind.DATE),
        _column("last_visited_on", "最近走访", Kind.DATE, aliases=("最近走访日期",)),
    ),
    RegisterKind.RENTAL: (
        _column("grid", "网格", required=True, aliases=("所属网格", "网格名称"), width=18),
        _column("address", "房屋地址", required=True, aliases=("地址",), width=28),
        _column("landlord_name", "房东姓名", required=True, aliases=("房东", "出租人")),
        _column("landlord_phone", "房东电话", Kind.PHONE, aliases=("出租人电话",)),
        _column("tenants_count", "承租人数", Kind.INTEGER, aliases=("租住人数",)),
        _column("rooms_count", "房间数", Kind.INTEGER),
        _column("group_rental", "是否群租", Kind.YES_NO, aliases=("群租房",)),
        _column("last_inspected_on", "最近检查", Kind.DATE, aliases=("最近检查日期",)),
        _column("next_inspection_on", "下次检查", Kind.DATE, aliases=("下次检查日期",)),
        _column("hazards", "存在隐患", aliases=("隐患",), width=28),
        _column("worker", "联系网格员", aliases=("网格员",)),
    ),
    RegisterKind.DANGER: (
        _column("grid", "网格", required=True, aliases=("所属网格", "网格名称"), width=18),
        _column("place", "隐患地点", required=True, aliases=("地点", "场所"), width=28),
        _column("kind", "隐患类别", required=True, words=DANGER_KIND_WORDS, aliases=("类别",)),
        _column(
            "risk_level",
            "风险等级",
            required=True,
            words=RISK_WORDS,
            extra={
                "高风险": RiskLevel.HIGH,
                "中风险": RiskLevel.MEDIUM,
                "低风险": RiskLevel.LOW,
                "较大": RiskLevel.MEDIUM,
                "重大": RiskLevel.HIGH,
                "一般": RiskLevel.LOW,
            },
        ),
        _column("description", "隐患描述", aliases=("描述", "隐患情况"), width=28),
        _column("found_on", "发现日期", Kind.DATE, required=True),
        _column("found_by", "发现人", aliases=("上报人", "排查人")),
        _column("rectify_by", "整改期限", Kind.DATE),
        _column("status", "整改情况", words=DANGER_STATUS_WORDS, aliases=("状态", "整改状态")),
        _column("rectified_on", "整改完成日期", Kind.DATE, aliases=("完成日期",)),
        _column("rectification_note", "整改说明", width=28),
        _column("longitude", "经度", Kind.TEXT),
        _column("latitude", "纬度", Kind.TEXT),
    ),
}
