"""Guangfu Town's area tree: the town, its 11 village-level units and their 48 grids.

The unit names are real. Of the 12-digit statistical codes only 福利村's is confirmed from public
data; the others stay empty rather than invented (DOMAIN.md, "Area codes"). How many grids each
unit has is known for 迂里村 (5, "一核五片") and for the town in total (48); the split of the
rest is a plausible assumption of this demo.
"""

from __future__ import annotations

from dataclasses import dataclass

from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.db.area import Area

TOWN_NAME = "光福镇"
TOWN_CODE = "320506108"
CODE_SYSTEM = "national_stats"

_CN_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class Unit:
    """A village (村) or community (社区) and what its addresses look like."""

    name: str
    level: AreaLevel
    grids: int
    code: str | None
    # Short pinyin key for department codes (the unit's committee).
    key: str
    # Roads, natural villages or residential compounds used to make addresses.
    places: tuple[str, ...]
    # Landmarks where many tickets happen (scenic spots, harbour, market ...).
    landmarks: tuple[str, ...]


UNITS: tuple[Unit, ...] = (
    Unit(
        "福利村", AreaLevel.VILLAGE, 5, "320506108200", "fuli",
        ("福利路", "上金自然村", "下金自然村", "福利新村"),
        ("福利村便民服务中心", "福利桥"),
    ),
    Unit(
        "邓尉村", AreaLevel.VILLAGE, 5, None, "dengwei",
        ("邓尉路", "司徒庙路", "潭西自然村", "邓尉新村"),
        ("司徒庙", "邓尉山脚停车场"),
    ),
    Unit(
        "香雪村", AreaLevel.VILLAGE, 5, None, "xiangxue",
        ("香雪路", "吾家山路", "梅花自然村", "香雪新村"),
        ("香雪海景区", "吾家山农家乐一条街"),
    ),
    Unit(
        "冲山村", AreaLevel.VILLAGE, 6, None, "chongshan",
        ("冲山路", "冲山岛环岛路", "漫山岛", "冲山新村"),
        ("漫山岛民宿集中区", "冲山码头"),
    ),
    Unit(
        "府巷村", AreaLevel.VILLAGE, 4, None, "fuxiang",
        ("府巷路", "安山自然村", "府巷新村"),
        ("府巷村工业集中区", "安山茶园"),
    ),
    Unit(
        "迂里村", AreaLevel.VILLAGE, 5, None, "yuli",
        ("迂里路", "窑上自然村", "浜里自然村", "迂里新村"),
        ("迂里村党群服务中心", "迂里花木基地"),
    ),
    Unit(
        "太湖渔港村", AreaLevel.VILLAGE, 3, None, "yugang",
        ("渔港路", "渔港新村", "渔港东街"),
        ("光福渔港码头", "渔港水产市场"),
    ),
    Unit(
        "梅园社区", AreaLevel.COMMUNITY, 4, None, "meiyuan",
        ("梅园新村", "梅园路", "梅馨苑"),
        ("梅园农贸市场", "梅园社区卫生服务站"),
    ),
    Unit(
        "福溪社区", AreaLevel.COMMUNITY, 4, None, "fuxi",
        ("福溪花园", "福溪路", "光福大街"),
        ("光福老街", "福溪小学门口"),
    ),
    Unit(
        "东崦湖社区", AreaLevel.COMMUNITY, 4, None, "dongyanhu",
        ("东崦湖花园", "崦湖路", "铜井路"),
        ("下崦湖湿地公园", "铜观音寺"),
    ),
    Unit(
        "西崦湖社区", AreaLevel.COMMUNITY, 3, None, "xiyanhu",
        ("西崦湖家园", "西崦路", "光福工业园路"),
        ("光福工业园", "西崦湖菜场"),
    ),
)  # fmt: skip

TOTAL_GRIDS = 48
assert sum(u.grids for u in UNITS) == TOTAL_GRIDS


def grid_name(unit: Unit, index: int) -> str:
    """ "迂里村第一网格" for the first grid of 迂里村 (``index`` counts from 1)."""
    return f"{unit.name}第{_CN_NUMBERS[index - 1]}网格"


def area_rows() -> list[Area]:
    """The tree as new rows, for a quick town without the administration services (tests,
    benchmarks): the town, then each unit (with its code) followed by its grids."""
    town = Area(level=AreaLevel.TOWN, name="光福镇")
    rows = [town]
    for unit in UNITS:
        village = Area(level=unit.level, name=unit.name, parent=town, code=unit.code)
        rows.append(village)
        for index in range(1, unit.grids + 1):
            rows.append(Area(level=AreaLevel.GRID, name=grid_name(unit, index), parent=village))
    return rows


@dataclass(frozen=True, slots=True)
class GridInfo:
    """One grid as the ticket generator sees it."""

    id: int
    name: str
    unit: Unit
    index: int
