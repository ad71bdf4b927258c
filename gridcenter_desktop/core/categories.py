"""Ticket categories (事项类别) and the departments that usually handle them.

Codes are stored on tickets; the Chinese name is the category's official wording and is shown
as-is (it is data, like a department's name, not UI text).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    # Working days allowed to finish an ordinary-urgency ticket of this category.
    days: int
    # Department codes usually dispatched to, lead first (see demo/departments.py).
    departments: tuple[str, ...] = ()


CATEGORIES: tuple[Category, ...] = (
    Category("work_safety", "安全生产", 5, ("safety",)),
    Category("food_safety", "食品安全", 5, ("food", "market")),
    Category("fire_safety", "消防安全", 3, ("fire", "police")),
    Category("unlicensed_business", "无证照经营", 10, ("market", "enforcement")),
    Category("environment", "环境保护", 7, ("environment",)),
    Category("water_affairs", "水利水务", 7, ("water",)),
    Category("city_management", "城市管理", 5, ("enforcement",)),
    Category("property_management", "物业管理", 10, ("housing", "property")),
    Category("public_services", "公共服务", 10, ("social",)),
    Category("neighbour_dispute", "邻里纠纷", 10, ("judicial",)),
    Category("epidemic_prevention", "疫情防控", 2, ("health",)),
    Category("traffic", "道路交通", 7, ("police", "construction")),
    Category("noise", "噪音扰民", 5, ("enforcement", "environment")),
    Category("utilities", "水电气供应", 3, ("power", "tap_water", "gas")),
    Category("civil_affairs", "民政救助", 10, ("civil",)),
    Category("labour", "劳动保障", 10, ("social",)),
    Category("planning", "规划建设", 15, ("construction",)),
    Category("agriculture", "农业农村", 10, ("agriculture",)),
    Category("tourism", "旅游服务", 7, ("tourism",)),
    Category("petition_matter", "信访事项", 15, ("petition",)),
    Category("suggestion", "意见建议", 15, ()),
    Category("other", "其他", 10, ()),
)

CATEGORY_BY_CODE: dict[str, Category] = {c.code: c for c in CATEGORIES}


def category(code: str) -> Category:
    """The category with this code; ``KeyError`` names the unknown code."""
    try:
        return CATEGORY_BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown category: {code!r}") from None
