"""Area codes (区划代码): which shapes a town, a village-level unit and a grid's code may take.

DOMAIN.md, "Area codes": a town has a 9-digit code; a village-level unit (村委会/居委会) has 12
digits, the town's 9 followed by 3, where 001-199 are communities (社区/居委会) and 200 and up
villages (村委会). Codes are optional (an unknown code stays empty, never invented) and unique
where given; the uniqueness is the database's to check, the shape is checked here.

Grids have no national code; towns number them their own way ("GF-FL-01", or the unit's 12
digits plus a serial). A grid code is up to 32 letters, digits and hyphens; when it is all
digits and its unit has a code, it must begin with that code, so a typo that files a grid under
the wrong village is caught.
"""

from __future__ import annotations

import re
from enum import StrEnum

from gridcenter_desktop.core.enums import AreaLevel

TOWN_CODE_LENGTH = 9
UNIT_CODE_LENGTH = 12
# Last three digits of a village-level code: communities 001-199, villages 200-999.
COMMUNITY_SERIALS = range(1, 200)
VILLAGE_SERIALS = range(200, 1000)
GRID_CODE_MAX = 32

_DIGITS = re.compile(r"\d+")
_GRID_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]*")


class CodeProblem(StrEnum):
    """Why a code is refused (the UI words it; see ui/error_labels.py)."""

    NOT_DIGITS = "code_not_digits"  # a town or village-level code has a non-digit
    WRONG_LENGTH = "code_wrong_length"  # not 9 digits (town) or 12 (village-level unit)
    OUTSIDE_TOWN = "code_outside_town"  # a unit's code does not begin with its town's code
    COMMUNITY_RANGE = "code_community_range"  # a community's serial is not 001-199
    VILLAGE_RANGE = "code_village_range"  # a village's serial is not 200-999
    GRID_SHAPE = "code_grid_shape"  # a grid code has other characters or is too long
    OUTSIDE_UNIT = "code_outside_unit"  # an all-digit grid code does not begin with its unit's


def normalize_code(code: str | None) -> str | None:
    """The code as stored: spaces and full-width digits (from a Chinese input method) folded,
    empty as None."""
    if code is None:
        return None
    folded = "".join(
        chr(ord(ch) - 0xFEE0) if "０" <= ch <= "９" or "Ａ" <= ch <= "ｚ" else ch
        for ch in str(code).strip()
    )
    folded = folded.replace(" ", "").replace("－", "-")
    return folded or None


def code_problem(code: str, level: AreaLevel, parent_code: str | None = None) -> CodeProblem | None:
    """What is wrong with ``code`` (already normalized) for an area of ``level`` whose parent
    has ``parent_code``; None when it is acceptable."""
    level = AreaLevel(level)
    if level is AreaLevel.TOWN:
        if not _DIGITS.fullmatch(code):
            return CodeProblem.NOT_DIGITS
        if len(code) != TOWN_CODE_LENGTH:
            return CodeProblem.WRONG_LENGTH
        return None
    if level in (AreaLevel.VILLAGE, AreaLevel.COMMUNITY):
        if not _DIGITS.fullmatch(code):
            return CodeProblem.NOT_DIGITS
        if len(code) != UNIT_CODE_LENGTH:
            return CodeProblem.WRONG_LENGTH
        if parent_code and _DIGITS.fullmatch(parent_code) and not code.startswith(parent_code):
            return CodeProblem.OUTSIDE_TOWN
        serial = int(code[TOWN_CODE_LENGTH:])
        if level is AreaLevel.COMMUNITY and serial not in COMMUNITY_SERIALS:
            return CodeProblem.COMMUNITY_RANGE
        if level is AreaLevel.VILLAGE and serial not in VILLAGE_SERIALS:
            return CodeProblem.VILLAGE_RANGE
        return None
    if len(code) > GRID_CODE_MAX or not _GRID_CODE.fullmatch(code):
        return CodeProblem.GRID_SHAPE
    if (
        _DIGITS.fullmatch(code)
        and parent_code
        and _DIGITS.fullmatch(parent_code)
        and not code.startswith(parent_code)
    ):
        return CodeProblem.OUTSIDE_UNIT
    return None


# Which level may sit under which: the tree is town → village/community → grid → micro grid.
ALLOWED_PARENTS: dict[AreaLevel, frozenset[AreaLevel | None]] = {
    AreaLevel.TOWN: frozenset({None}),
    AreaLevel.VILLAGE: frozenset({AreaLevel.TOWN}),
    AreaLevel.COMMUNITY: frozenset({AreaLevel.TOWN}),
    AreaLevel.GRID: frozenset({AreaLevel.VILLAGE, AreaLevel.COMMUNITY}),
    AreaLevel.MICRO_GRID: frozenset({AreaLevel.GRID}),
}


def may_sit_under(level: AreaLevel, parent_level: AreaLevel | None) -> bool:
    """True when an area of ``level`` may have a parent of ``parent_level`` (None: a root)."""
    return parent_level in ALLOWED_PARENTS[AreaLevel(level)]
