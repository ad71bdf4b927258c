"""A realistic 12345 / district-platform export over the demo town, for tests, the bench and
trying the import by hand.

What a real export looks like and this one imitates: a merged title row (and an export-time
row) above Chinese headers; times as Excel dates and as text in the platform's several
spellings ("2022/3/5 14:02", "2022-03-05 14:02:33", "2022年3月5日 14时02分"); landline numbers
typed as numbers, so Excel dropped their leading 0 (0512-66251234 → 51266251234); categories as
the platform's own "大类/小类" paths, some of which we have no category for; deadlines as a
date-time or as days ("5个工作日"); a few trailing rows Excel considers used but that hold
nothing. Addresses are Guangfu's real villages and places, so the grid guesser finds the village
for most rows and none for some (a compound or a landmark without the village's name).

    uv run python -m gridcenter_desktop.demo.platform_sheet --rows 20000 --out F.xlsx
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.enums import IntakeSource, TicketSource
from gridcenter_desktop.demo.areas import UNITS, GridInfo
from gridcenter_desktop.demo.people import person_name, phone_number
from gridcenter_desktop.demo.texts import PROBLEMS, ticket_texts

DEFAULT_SEED = 20220305
DEFAULT_START = datetime(2022, 3, 1, 8, 0)

# Column order of each platform's export (the headers are what the platforms really write).
HEADERS: dict[IntakeSource, tuple[str, ...]] = {
    IntakeSource.HOTLINE_12345: (
        "工单编号", "来电时间", "来电人", "来电号码", "诉求标题", "诉求内容", "诉求地址",
        "诉求类型", "办理时限", "承办单位", "紧急程度", "诉求性质",
    ),
    IntakeSource.DISTRICT: (
        "工单号", "受理时间", "反映人", "联系电话", "事项标题", "问题描述", "事发地址",
        "问题分类", "处理时限", "主办单位", "紧急程度", "诉求性质",
    ),
}  # fmt: skip
_PREFIX = {IntakeSource.HOTLINE_12345: "", IntakeSource.DISTRICT: "WZGF"}
_TITLE = {
    IntakeSource.HOTLINE_12345: "苏州12345便民服务平台工单导出（光福镇）",
    IntakeSource.DISTRICT: "吴中区集成指挥平台 · 光福镇待办事项清单",
}

# The platform's own category tree, per our category: its "大类/小类" paths.
PLATFORM_PATHS: dict[str, tuple[str, ...]] = {
    "city_management": ("城市管理/占道经营", "城市管理/市容环境", "城乡建设/违章搭建"),
    "environment": ("环境保护/水污染", "环境保护/大气污染", "生态环境/环境污染"),
    "noise": ("环境保护/噪声污染", "噪音扰民/施工噪音"),
    "neighbour_dispute": ("矛盾纠纷/邻里纠纷", "社会治理/邻里纠纷"),
    "property_management": ("住房保障/物业管理", "城乡建设/物业管理"),
    "work_safety": ("安全生产/企业安全", "应急管理/安全生产"),
    "food_safety": ("市场监管/食品安全", "食品药品/食品安全"),
    "fire_safety": ("消防安全/火灾隐患", "应急管理/消防安全"),
    "unlicensed_business": ("市场监管/无证经营", "市场监管/无照经营"),
    "water_affairs": ("水利水务/河道管理", "水务/防汛排涝"),
    "public_services": ("公共服务/公共设施", "民生保障/公共服务"),
    "epidemic_prevention": ("卫生健康/疫情防控",),
    "traffic": ("交通运输/道路设施", "公安交通/交通秩序"),
    "utilities": ("水电气/供电", "水电气/供水", "城乡建设/燃气管理"),
    "civil_affairs": ("民政/社会救助", "民生保障/民政救助"),
    "labour": ("人力社保/劳动保障", "人力社保/工资拖欠"),
    "planning": ("自然资源/规划建设", "城乡建设/农房建设"),
    "agriculture": ("农业农村/农业生产", "农业农村/土地流转"),
    "tourism": ("文化旅游/旅游服务", "文化旅游/景区管理"),
    "petition_matter": ("信访事项/征地拆迁", "信访事项/村务公开"),
    "suggestion": ("意见建议/民生建议",),
    "other": ("其他/其他",),
}
# Paths of the platform's tree that name none of our categories: imported as 其他, flagged.
UNKNOWN_PATHS: tuple[str, ...] = (
    "政务服务/办事效率", "教育体育/校外培训", "综合事项/营商环境", "社区事务/宠物管理",
)  # fmt: skip
_UNKNOWN_SHARE = 0.06

_PRIORITIES = (("一般", 0.85), ("紧急", 0.12), ("特急", 0.03))
_NATURES = ("投诉", "求助", "咨询", "建议", "举报")
_DEPARTMENTS = ("光福镇人民政府", "吴中区光福镇人民政府", "光福镇综合行政执法局")
# Places named without their village: the guesser cannot tell which village they are in.
_VAGUE_PLACES = (
    "光福镇铜坑路口", "光福镇菜市场对面", "光福镇太湖大桥下", "光福大道与福锦路交叉口",
    "光福镇汽车站", "光福镇老年活动中心",
)  # fmt: skip
_VAGUE_SHARE = 0.07
# Of the addresses whose place does not name its village, how many get the village written.
_NAMED_SHARE = 0.7

# What an injected bad row gets wrong (``bad_rows``): the cell and what it holds.
BAD_KINDS = ("received_at", "phone", "deadline", "title", "code")


@dataclass(frozen=True, slots=True)
class PlatformRow:
    """One row as the platform meant it (``cells`` is what the file holds); tests compare what
    the readers make of the file with these."""

    code: str
    received_at: datetime
    reporter: str
    phone: str  # the number as dialled: 13800001234 or 0512-66251234
    title: str
    description: str
    address: str
    category_path: str
    category: str | None  # ours, None when the platform's path names none of ours
    deadline_at: datetime | None
    deadline_days: tuple[int, bool] | None  # (count, working days?) when given as days
    department: str
    priority: str
    nature: str
    village: str | None  # the village the address names (as the guesser reads it), or None
    bad: str | None = None
    cells: tuple[object, ...] = ()


def platform_rows(
    rows: int,
    *,
    seed: int = DEFAULT_SEED,
    source: IntakeSource = IntakeSource.HOTLINE_12345,
    start: datetime = DEFAULT_START,
    days: int = 30,
    bad_rows: Mapping[int, str] | None = None,
) -> list[PlatformRow]:
    """``rows`` rows received over ``days`` days from ``start``, in time order. ``bad_rows``
    maps a 1-based data row to one of ``BAD_KINDS``: that row gets that cell wrong."""
    rng = random.Random(seed)
    grids = [GridInfo(0, "", unit, index) for unit in UNITS for index in range(1, unit.grids + 1)]
    codes = [c.code for c in CATEGORIES]
    weights = [len(PROBLEMS[c]) for c in codes]
    span = days * 24 * 3600
    times = sorted(start + timedelta(seconds=rng.randrange(span)) for _ in range(rows))
    # Codes differ between seeds, so two generated sheets never share one by chance.
    base = 1 + (seed % 89) * 10_000
    out: list[PlatformRow] = []
    for n, at in enumerate(times, start=1):
        category = rng.choices(codes, weights)[0]
        grid = rng.choice(grids)
        title, description, address = ticket_texts(rng, category, TicketSource.HOTLINE, grid)
        if rng.random() < _VAGUE_SHARE:
            address = rng.choice(_VAGUE_PLACES)
        elif _village_named(address) is None and rng.random() < _NAMED_SHARE:
            # The hotline's operator usually writes the village before a road or a compound.
            address = address.replace("光福镇", f"光福镇{grid.unit.name}", 1)
        village = _village_named(address)
        path = rng.choice(PLATFORM_PATHS[category])
        ours: str | None = category
        if rng.random() < _UNKNOWN_SHARE:
            path, ours = rng.choice(UNKNOWN_PATHS), None
        received = at.replace(microsecond=0)
        deadline_at, deadline_days = None, None
        count = rng.choice((2, 3, 5, 7, 10, 15))
        if rng.random() < 0.5:
            deadline_at = (received + timedelta(days=count)).replace(hour=17, minute=30, second=0)
        else:
            deadline_days = (count, rng.random() < 0.7)
        landline = rng.random() < 0.3
        phone = f"0512-6{rng.randrange(10**7):07d}" if landline else phone_number(rng)
        anonymous = rng.random() < 0.05
        out.append(
            PlatformRow(
                code=f"{_PREFIX[source]}{received:%Y%m%d}{base + n:06d}",
                received_at=received,
                reporter="匿名" if anonymous else person_name(rng),
                phone=phone,
                title=title,
                description=description,
                address=address,
                category_path=path,
                category=ours,
                deadline_at=deadline_at,
                deadline_days=deadline_days,
                department=rng.choice(_DEPARTMENTS),
                priority=rng.choices([p for p, _ in _PRIORITIES], [w for _, w in _PRIORITIES])[0],
                nature=rng.choice(_NATURES),
                village=village,
            )
        )
    for number, kind in (bad_rows or {}).items():
        if kind not in BAD_KINDS:
            raise ValueError(f"unknown bad row kind {kind!r}; one of {BAD_KINDS}")
        out[number - 1] = replace(out[number - 1], bad=kind)
    return [replace(r, cells=_cells(rng, r, out)) for r in out]


def _village_named(address: str) -> str | None:
    """The village an address names as the grid guesser reads it: the longest unit name, or
    its short form (迂里 for 迂里村), found in it."""
    best: tuple[int, str] | None = None
    for unit in UNITS:
        short = unit.name.removesuffix("社区").removesuffix("村")
        for name in (unit.name, short):
            if len(name) >= 2 and name in address and (best is None or len(name) > best[0]):
                best = (len(name), unit.name)
    return best[1] if best else None


def _time_text(rng: random.Random, at: datetime) -> str:
    """The platform's several ways of writing a time as text."""
    return rng.choice(
        (
            f"{at.year}/{at.month}/{at.day} {at.hour}:{at.minute:02d}",
            f"{at:%Y-%m-%d %H:%M:%S}",
            f"{at.year}年{at.month}月{at.day}日 {at.hour}时{at.minute:02d}分",
        )
    )


def _cells(rng: random.Random, r: PlatformRow, rows: list[PlatformRow]) -> tuple[object, ...]:
    """The row's cells as a platform's export holds them (Python values: openpyxl writes
    datetimes as Excel dates and ints as numbers)."""
    received: object = r.received_at if rng.random() < 0.6 else _time_text(rng, r.received_at)
    phone: object
    if r.phone.startswith("0"):
        # Typed as a number somewhere upstream: the leading 0 and the hyphen are gone.
        phone = int(r.phone.replace("-", "")) if rng.random() < 0.7 else r.phone
    else:
        phone = int(r.phone) if rng.random() < 0.5 else r.phone
    deadline: object
    if r.deadline_at is not None:
        deadline = r.deadline_at if rng.random() < 0.5 else _time_text(rng, r.deadline_at)
    else:
        count, working = r.deadline_days
        # A bare number is the platforms' shorthand for working days (sheet.py reads it so).
        deadline = rng.choice((f"{count}个工作日", str(count))) if working else f"{count}天"
    code, title = r.code, r.title
    if r.bad == "received_at":
        received = "2022/13/45 25:61"
    elif r.bad == "phone":
        phone = "不详12"
    elif r.bad == "deadline":
        deadline = "尽快办理"
    elif r.bad == "title":
        title = ""
    elif r.bad == "code":
        code = rows[0].code if r is not rows[0] else rows[-1].code
    reporter = "" if r.reporter == "匿名" and rng.random() < 0.5 else r.reporter
    return (
        code, received, reporter, phone, title, r.description, r.address, r.category_path,
        deadline, r.department, r.priority, r.nature,
    )  # fmt: skip


def write_xlsx(
    path: str | Path,
    rows: int = 200,
    *,
    seed: int = DEFAULT_SEED,
    source: IntakeSource = IntakeSource.HOTLINE_12345,
    bad_rows: Mapping[int, str] | None = None,
    headers: Sequence[str] | None = None,
    trailing_empty: int = 4,
) -> list[PlatformRow]:
    """Write the sheet to ``path`` (.xlsx) and return its rows. ``headers`` replaces the
    platform's headers (one renamed header makes a sheet the mapping page must ask about)."""
    data = platform_rows(rows, seed=seed, source=source, bad_rows=bad_rows)
    names = tuple(headers or HEADERS[source])
    book = Workbook()
    sheet = book.active
    sheet.title = "工单列表"
    last = len(names)
    sheet.cell(1, 1, _TITLE[source]).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    exported = data[-1].received_at + timedelta(hours=2) if data else DEFAULT_START
    sheet.cell(2, 1, f"导出时间：{exported:%Y-%m-%d %H:%M}    共 {rows} 条")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    for column, name in enumerate(names, start=1):
        sheet.cell(3, column, name).font = Font(bold=True)
    for r in data:
        sheet.append(list(r.cells))
    first = 4
    for row in sheet.iter_rows(min_row=first, max_row=first + len(data) - 1):
        for cell in (row[1], row[8]):
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    # Rows Excel counts as used (a format, a space) though they hold no ticket.
    for extra in range(trailing_empty):
        row_number = first + len(data) + extra
        sheet.cell(row_number, 1).number_format = "@"
        if extra % 2:
            sheet.cell(row_number, 3, " ")
    for column, width in zip(
        "ABCDEFGHIJKL", (18, 18, 10, 14, 30, 50, 34, 22, 16, 20, 8, 8), strict=False
    ):
        sheet.column_dimensions[column].width = width
    book.save(path)
    return data


def write_csv(
    path: str | Path,
    rows: int = 200,
    *,
    encoding: str = "gb18030",
    seed: int = DEFAULT_SEED,
    source: IntakeSource = IntakeSource.HOTLINE_12345,
    bad_rows: Mapping[int, str] | None = None,
    headers: Sequence[str] | None = None,
    title_row: bool = False,
    trailing_empty: int = 2,
) -> list[PlatformRow]:
    """Write the sheet as CSV (what "Save as CSV" in Chinese Excel gives: GB18030; pass
    "utf-8-sig" or "utf-8" for the others) and return its rows. Times become Excel's display
    text ("2022/3/5 14:02"), numbers their digits."""
    data = platform_rows(rows, seed=seed, source=source, bad_rows=bad_rows)
    names = list(headers or HEADERS[source])
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        if title_row:
            writer.writerow([_TITLE[source]] + [""] * (len(names) - 1))
        writer.writerow(names)
        for r in data:
            writer.writerow([_csv_text(v) for v in r.cells])
        for _ in range(trailing_empty):
            writer.writerow([""] * len(names))
    return data


def _csv_text(value: object) -> str:
    if isinstance(value, datetime):
        return f"{value.year}/{value.month}/{value.day} {value.hour}:{value.minute:02d}"
    return "" if value is None else str(value)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="A realistic 12345 / district-platform export over the demo town."
    )
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--out", required=True, help=".xlsx or .csv")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--source",
        choices=[IntakeSource.HOTLINE_12345.value, IntakeSource.DISTRICT.value],
        default=IntakeSource.HOTLINE_12345.value,
    )
    parser.add_argument("--encoding", default="gb18030", help="CSV only")
    parser.add_argument(
        "--bad", action="append", default=[], metavar="ROW:KIND",
        help=f"make data row ROW wrong; KIND one of {', '.join(BAD_KINDS)}",
    )  # fmt: skip
    args = parser.parse_args(argv)
    bad = {int(n): kind for n, kind in (item.split(":", 1) for item in args.bad)}
    source = IntakeSource(args.source)
    out = Path(args.out)
    if out.suffix.lower() == ".csv":
        write_csv(out, args.rows, encoding=args.encoding, seed=args.seed, source=source,
                  bad_rows=bad)  # fmt: skip
    else:
        write_xlsx(out, args.rows, seed=args.seed, source=source, bad_rows=bad)
    print(f"{out}: {args.rows} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
