"""A platform's category ("城市管理/占道经营", "城乡建设-违章搭建") as one of ours.

Tried in order: the mapping an operator saved for that platform, then our names and the common
words for them, first on the whole text, then on each part of a "大类/小类" path from the leaf
to the major (the leaf says more). What nothing names is 其他 and flagged, never a reason to
refuse a row: the operator maps it once (save_category_mapping) and later imports know it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.categories import CATEGORIES, CATEGORY_BY_CODE
from gridcenter_desktop.core.clock import china_now
from gridcenter_desktop.core.enums import (
    AuditAction,
    EventAction,
    IntakeField,
    IntakeSource,
    UserRole,
)
from gridcenter_desktop.core.permissions import may
from gridcenter_desktop.core.validation import clean_text, has_control_chars
from gridcenter_desktop.db.intake import IntakeCategoryMap
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin import transaction
from gridcenter_desktop.services.admin.base_sheets import fold
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError

OTHER = "other"
EXTERNAL_MAX = 200

# Common words for our categories, besides their names and codes (platforms' trees use them).
ALIASES: dict[str, tuple[str, ...]] = {
    "city_management": (
        "城管", "市容", "市容环境", "市容市貌", "占道经营", "违章搭建", "违法建设", "综合执法",
        "城市管理", "环境卫生", "垃圾清运",
    ),
    "environment": ("环保", "生态环境", "环境污染", "水污染", "大气污染", "废气", "污水"),
    "noise": ("噪音", "噪声", "噪声污染", "噪声扰民", "施工噪音", "施工噪声"),
    "neighbour_dispute": ("邻里矛盾", "矛盾纠纷", "家庭纠纷", "民间纠纷"),
    "property_management": ("物业", "物业服务", "小区管理"),
    "work_safety": ("企业安全", "生产安全"),
    "food_safety": ("食品", "餐饮卫生"),
    "fire_safety": ("消防", "火灾隐患", "消防隐患"),
    "unlicensed_business": ("无证经营", "无照经营", "非法经营"),
    "water_affairs": ("水利", "水务", "河道管理", "河道", "防汛排涝"),
    "public_services": ("公共设施", "公共服务设施", "便民服务"),
    "epidemic_prevention": ("防疫", "新冠肺炎疫情", "核酸检测"),
    "traffic": ("交通", "交通运输", "交通秩序", "交通管理", "道路设施", "道路"),
    "utilities": ("水电气", "供水", "供电", "供气", "燃气", "燃气管理", "停水", "停电"),
    "civil_affairs": ("民政", "社会救助", "救助", "低保", "养老服务"),
    "labour": ("劳动", "人力社保", "社保", "劳动纠纷", "工资拖欠", "欠薪"),
    "planning": ("规划", "农房建设", "自然资源", "土地管理"),
    "agriculture": ("农业", "农村", "三农", "农业生产", "土地流转"),
    "tourism": ("旅游", "文化旅游", "文旅", "景区管理"),
    "petition_matter": ("信访", "征地拆迁", "拆迁", "村务公开"),
    "suggestion": ("建议", "意见", "民生建议"),
    "other": ("其它", "其他事项"),
}  # fmt: skip

# "大类/小类", "大类-小类", "大类>小类", "大类→小类", "大类\小类", "大类|小类" (full-width folded).
_SEPARATORS = re.compile(r"\s*(?:/|-|>|→|\\|\||—|－)+\s*")


def fold_category(text: str) -> str:
    """A platform's category as compared and saved: full-width folded, spaces dropped,
    separators as written (the base sheets' fold)."""
    return fold(text)


_NAMES: dict[str, str] = {}
for _c in CATEGORIES:
    _NAMES[fold_category(_c.name)] = _c.code
    _NAMES[fold_category(_c.code)] = _c.code
for _code, _words in ALIASES.items():
    for _word in _words:
        _NAMES.setdefault(fold_category(_word), _code)


def resolve_category(text: str | None, mapping: Mapping[str, str]) -> tuple[str, bool]:
    """(our category code, unmapped?) for the platform's ``text``; ``mapping`` is the
    platform's saved mapping (category_mapping). Unknown or empty → ("other", True)."""
    whole = fold_category(text or "")
    if not whole:
        return OTHER, True
    for table in (mapping, _NAMES):
        if whole in table and table[whole] in CATEGORY_BY_CODE:
            return table[whole], False
    parts = [p for p in _SEPARATORS.split(whole) if p]
    for part in reversed(parts):
        for table in (mapping, _NAMES):
            if part in table and table[part] in CATEGORY_BY_CODE:
                return table[part], False
    return OTHER, True


def category_text(values: Mapping[IntakeField, object]) -> str:
    """A row's category as one path: "大类/小类" when the platform gives the minor in a column
    of its own, else the category cell as written."""
    major = str(values.get(IntakeField.CATEGORY) or "").strip()
    minor = str(values.get(IntakeField.CATEGORY_MINOR) or "").strip()
    if major and minor:
        return f"{major}/{minor}"
    return major or minor


def category_mapping(session: Session, source: IntakeSource) -> dict[str, str]:
    """The saved mapping of ``source``: its folded category text → our code."""
    rows = session.execute(
        select(IntakeCategoryMap.external, IntakeCategoryMap.category).where(
            IntakeCategoryMap.source == IntakeSource(source)
        )
    )
    return {external: category for external, category in rows}


def require_intake_role(actor: Actor) -> None:
    """PermissionDeniedError unless the actor may register tickets (operators, supervisors,
    administrators): who may import them, and change how imports are read (profiles,
    category mapping)."""
    if not may(actor.role, EventAction.REGISTER):
        raise PermissionDeniedError("intake", UserRole(actor.role).value)


def save_category_mapping(
    session: Session,
    actor: Actor,
    source: IntakeSource,
    external: str,
    category: str,
    *,
    now: datetime | None = None,
    commit: bool = True,
) -> str:
    """Remember that ``source``'s category ``external`` is our ``category`` (replacing what
    was saved for it). Returns the folded text saved. ``commit=False``: the caller's
    transaction (placing a ticket saves its category in the same one)."""
    require_intake_role(actor)
    source = IntakeSource(source)
    if has_control_chars(external):
        raise ValidationError("external_category", "control_chars")
    key = fold_category(clean_text(external))
    if not key:
        raise ValidationError("external_category", "required")
    if len(key) > EXTERNAL_MAX:
        raise ValidationError("external_category", "too_long")
    if category not in CATEGORY_BY_CODE:
        raise ValidationError("category", "unknown")
    at = now or china_now()
    with transaction(session, commit):
        row = session.scalars(
            select(IntakeCategoryMap).where(
                IntakeCategoryMap.source == source, IntakeCategoryMap.external == key
            )
        ).one_or_none()
        before = row.category if row is not None else None
        if row is None:
            row = IntakeCategoryMap(source=source, external=key)
            session.add(row)
        row.category = category
        row.updated_at = at
        row.updated_by_id = actor.user_id
        if before != category:
            audit.record(
                session, actor, AuditAction.INTAKE_CHANGE, now=at,
                target=f"category_map:{source.value}:{key}"[:200],
                detail={"source": source.value, "external": key, "before": before,
                        "after": category},
            )  # fmt: skip
    return key


__all__ = [
    "ALIASES",
    "OTHER",
    "category_mapping",
    "category_text",
    "fold_category",
    "require_intake_role",
    "save_category_mapping",
]
