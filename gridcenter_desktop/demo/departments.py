"""The departments and units Guangfu's centre dispatches to (DOMAIN.md), with the codes that
core/categories.py names, plus one committee per village and community."""

from __future__ import annotations

from dataclasses import dataclass

from gridcenter_desktop.core.enums import AreaLevel, DepartmentKind
from gridcenter_desktop.demo.areas import UNITS, Unit


@dataclass(frozen=True, slots=True)
class DemoDepartment:
    code: str
    name: str
    kind: DepartmentKind


TOWN_DEPARTMENTS: tuple[DemoDepartment, ...] = (
    DemoDepartment("enforcement", "综合执法局城管中队", DepartmentKind.AGENCY),
    DemoDepartment("safety", "应急管理办（安监）", DepartmentKind.OFFICE),
    DemoDepartment("environment", "生态环境办", DepartmentKind.OFFICE),
    DemoDepartment("water", "水利站", DepartmentKind.OFFICE),
    DemoDepartment("police", "光福派出所", DepartmentKind.AGENCY),
    DemoDepartment("fire", "消委办（消防）", DepartmentKind.OFFICE),
    DemoDepartment("market", "市场监督管理所", DepartmentKind.AGENCY),
    DemoDepartment("food", "食安办", DepartmentKind.OFFICE),
    DemoDepartment("tourism", "旅游办", DepartmentKind.OFFICE),
    DemoDepartment("judicial", "司法所", DepartmentKind.AGENCY),
    DemoDepartment("petition", "信访办", DepartmentKind.OFFICE),
    DemoDepartment("civil", "民政办", DepartmentKind.OFFICE),
    DemoDepartment("health", "卫健办", DepartmentKind.OFFICE),
    DemoDepartment("construction", "规划建设办", DepartmentKind.OFFICE),
    DemoDepartment("housing", "住建办（物业监管）", DepartmentKind.OFFICE),
    DemoDepartment("agriculture", "农业服务中心", DepartmentKind.OFFICE),
    DemoDepartment("social", "社会事业局", DepartmentKind.OFFICE),
    DemoDepartment("power", "光福供电所", DepartmentKind.UTILITY),
    DemoDepartment("tap_water", "自来水公司光福营业所", DepartmentKind.UTILITY),
    DemoDepartment("gas", "燃气公司光福站", DepartmentKind.UTILITY),
    DemoDepartment("property", "物业公司", DepartmentKind.UTILITY),
)


def committee_code(unit: Unit) -> str:
    """The department code of a unit's village or residents' committee."""
    return f"committee_{unit.key}"


def committee(unit: Unit) -> DemoDepartment:
    suffix = "村委会" if unit.level is AreaLevel.VILLAGE else "居委会"
    return DemoDepartment(committee_code(unit), f"{unit.name}{suffix}", DepartmentKind.COMMITTEE)


def all_departments() -> tuple[DemoDepartment, ...]:
    """Town departments first, then the 11 committees, in a fixed order."""
    return TOWN_DEPARTMENTS + tuple(committee(u) for u in UNITS)
