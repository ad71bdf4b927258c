"""STAND-IN until work-read's categories.py lands (the merge takes theirs): the two functions
the planner calls, minimal."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.enums import IntakeSource
from gridcenter_desktop.db.intake import IntakeCategoryMap

_BY_NAME = {c.name: c.code for c in CATEGORIES}


def category_mapping(session: Session, source: IntakeSource) -> dict[str, str]:
    rows = session.execute(
        select(IntakeCategoryMap.external, IntakeCategoryMap.category).where(
            IntakeCategoryMap.source == source
        )
    )
    return {external: category for external, category in rows}


def resolve_category(text: str, mapping: dict[str, str]) -> tuple[str, bool]:
    text = (text or "").strip()
    if text in mapping:
        return mapping[text], False
    parts = [p for p in text.replace("-", "/").replace(">", "/").split("/") if p]
    for candidate in (text, *reversed(parts)):
        if candidate in _BY_NAME:
            return _BY_NAME[candidate], False
        for name, code in _BY_NAME.items():
            if candidate and (candidate in name or name in candidate) and len(candidate) >= 2:
                return code, False
    return "other", True
