"""Importing the video channels' list from a sheet (.xlsx, or .csv as Chinese Excel saves it).

Columns, found by their Chinese (or English) header in the first ten rows: 通道编号 and 通道名称
(required), 经度/纬度, 坐标系 (WGS-84 or GCJ-02 per row; else the import's ``crs``: most Chinese
map tools give GCJ-02, which is converted to WGS-84, the stored datum), 网格 (the grid's code or
its name, or "village/grid name" when two villages have a grid of that name), 视频流地址, 状态
(在线/离线/故障), 权属单位, 备注.

Two steps, like the base data: :func:`read_channel_sheet` reads and checks every row and names
each problem by row and column (never an exception for a bad cell); :func:`import_channels`
writes all rows or none: a sheet with problems is refused whole. Re-importing is idempotent by
the channel's number: a known number updates that channel (a changed status restarts its
status_since), an unchanged row writes nothing. One commit, one REGISTER_IMPORT audit row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AreaLevel, AuditAction, ChannelStatus
from gridcenter_desktop.core.geo import gcj02_to_wgs84
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.gridwork import VideoChannel
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.admin.base_workbook import HEADER_SCAN_ROWS
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.cells import cell_text
from gridcenter_desktop.services.intake.rows import column_letter
from gridcenter_desktop.services.intake.sheet import sheet_rows
from gridcenter_desktop.services.video_channels import (
    ChannelForm,
    apply_values,
    require_keeper,
    validated_form,
)

WGS84 = "wgs84"
GCJ02 = "gcj02"

# Column → the headers it goes by (compared without spaces, "*" and case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("通道编号", "编号", "国标编码", "设备编码", "通道编码", "number"),
    "name": ("通道名称", "名称", "点位名称", "监控点位", "name"),
    "longitude": ("经度", "longitude", "lon", "lng"),
    "latitude": ("纬度", "latitude", "lat"),
    "crs": ("坐标系", "坐标系统", "crs"),
    "grid": ("网格", "所属网格", "网格编码", "网格名称", "grid"),
    "stream_url": ("视频流地址", "取流地址", "流地址", "播放地址", "stream_url", "url"),
    "status": ("状态", "在线状态", "status"),
    "owner_unit": ("权属单位", "所属单位", "管理单位", "owner_unit"),
    "note": ("备注", "note"),
}
REQUIRED = ("number", "name")
_STATUS_WORDS = {
    "在线": ChannelStatus.ONLINE,
    "正常": ChannelStatus.ONLINE,
    "online": ChannelStatus.ONLINE,
    "离线": ChannelStatus.OFFLINE,
    "offline": ChannelStatus.OFFLINE,
    "故障": ChannelStatus.FAULT,
    "fault": ChannelStatus.FAULT,
}
_CRS_WORDS = {
    "wgs84": WGS84,
    "wgs-84": WGS84,
    "gps": WGS84,
    "gcj02": GCJ02,
    "gcj-02": GCJ02,
    "火星坐标": GCJ02,
    "国测局": GCJ02,
}
_FOLD = re.compile(r"[\s*＊（）()必填]")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong in one cell (``column`` letter and header) or with a whole row (empty
    column): ``rule`` is a ValidationError rule code the UI words."""

    row: int
    column: str
    header: str
    rule: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class ChannelSheetRow:
    """One good row: its form, and its grid cell as written (resolved against the database
    by :func:`check_channel_sheet`)."""

    row: int
    form: ChannelForm
    grid: str = ""


@dataclass(frozen=True, slots=True)
class ChannelSheet:
    path: Path
    rows: tuple[ChannelSheetRow, ...]
    problems: tuple[RowProblem, ...]
    # The COLUMNS the sheet has: a known channel's other fields are left as they are (a
    # sheet without 权属单位 never blanks the owner units).
    columns: frozenset[str] = frozenset(COLUMNS)

    def updates(self) -> frozenset[str]:
        """The channel fields a re-import of a known number sets."""
        names = {"grid_id" if c == "grid" else c for c in self.columns if c != "crs"}
        return frozenset(names)


@dataclass(frozen=True, slots=True)
class ChannelImportResult:
    added: int
    updated: int
    unchanged: int


# --- reading ---------------------------------------------------------------------------------


def _fold(value: object) -> str:
    return _FOLD.sub("", cell_text(value)).lower()


_KNOWN = {_fold(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


def _raw_rows(path: Path):
    return sheet_rows(path)[0]


def read_channel_sheet(path: str | Path, *, crs: str = WGS84) -> ChannelSheet:
    """The sheet's rows as channel forms and its problems (see the module's docstring);
    ``crs``: the coordinates' datum where the sheet has no 坐标系 column or leaves it empty.
    Grids are resolved later, against the database (:func:`import_channels`)."""
    path = Path(path)
    if crs not in (WGS84, GCJ02):
        raise ValidationError("crs", "unknown")
    rows = _raw_rows(path)
    header_number, columns = 0, {}
    scanned = []
    for number, cells in rows:
        scanned.append((number, cells))
        found = {i: _KNOWN[_fold(c)] for i, c in enumerate(cells) if _fold(c) in _KNOWN}
        if len(found) >= 2:
            header_number, columns = number, found
            break
        if len(scanned) >= HEADER_SCAN_ROWS:
            break
    if not columns:
        raise ValidationError("file", "no_header")
    headers = {i: cell_text(c).strip() for i, c in enumerate(scanned[-1][1])}
    problems: list[RowProblem] = [
        RowProblem(header_number, "", COLUMNS[name][0], "missing_column")
        for name in REQUIRED
        if name not in columns.values()
    ]
    out: list[ChannelSheetRow] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        if all(not cell_text(c).strip() for c in cells):
            continue
        values = {name: cells[i] if i < len(cells) else None for i, name in columns.items()}
        where = {name: i for i, name in columns.items()}
        row_problems: list[RowProblem] = []

        def problem(name: str, rule: str, _n=number, _w=where, _v=values, _p=row_problems):
            index = _w.get(name)
            _p.append(
                RowProblem(
                    _n,
                    column_letter(index) if index is not None else "",
                    headers.get(index, COLUMNS[name][0]) if index is not None else COLUMNS[name][0],
                    rule,
                    cell_text(_v.get(name)),
                )
            )

        form = _row_form(values, crs, problem)
        if form is not None:
            first = seen.setdefault(form.number, number)
            if first != number:
                problem("number", "duplicate")
            elif not row_problems:
                out.append(ChannelSheetRow(number, form, cell_text(values.get("grid")).strip()))
        problems.extend(row_problems)
    return ChannelSheet(path, tuple(out), tuple(problems), frozenset(columns.values()))


def _number(value: object) -> float | None:
    text = cell_text(value).strip()
    if not text:
        return None
    return float(text)


def _row_form(values: dict[str, object], default_crs: str, problem) -> ChannelForm | None:
    """The row's form (its grid left for the database to resolve), or None when the row
    cannot make one; every problem goes to ``problem``."""
    text = {k: cell_text(v).strip() for k, v in values.items()}
    for name in REQUIRED:
        if not text.get(name):
            problem(name, "required")
    coords: dict[str, float | None] = {}
    unreadable = False
    for name, limit in (("longitude", 180), ("latitude", 90)):
        try:
            coords[name] = _number(values.get(name))
        except ValueError:
            problem(name, "invalid")
            coords[name], unreadable = None, True
            continue
        if coords[name] is not None and not -limit <= coords[name] <= limit:
            problem(name, "range")
    crs = _CRS_WORDS.get(text.get("crs", "").lower(), None) if text.get("crs") else default_crs
    if crs is None:
        problem("crs", "unknown")
    status = ChannelStatus.ONLINE
    if text.get("status"):
        status = _STATUS_WORDS.get(text["status"].lower())
        if status is None:
            problem("status", "unknown")
    lon, lat = coords.get("longitude"), coords.get("latitude")
    if (lon is None) != (lat is None) and not unreadable:
        problem("latitude" if lat is None else "longitude", "required")
    if crs == GCJ02 and lon is not None and lat is not None:
        lon, lat = gcj02_to_wgs84(lon, lat)
    if not text.get("number") or not text.get("name") or status is None:
        return None
    return ChannelForm(
        number=text["number"],
        name=text["name"],
        grid_id=None,
        longitude=lon,
        latitude=lat,
        stream_url=text.get("stream_url", ""),
        status=status,
        owner_unit=text.get("owner_unit", ""),
        note=text.get("note", ""),
    )


# --- writing ---------------------------------------------------------------------------------


def _grid_index(session: Session) -> dict[str, list[int]]:
    """code, name and "village/name" → grid ids (grids in service)."""
    index: dict[str, list[int]] = {}
    grids = session.execute(
        select(Area.id, Area.code, Area.name, Area.parent_id).where(
            Area.level == AreaLevel.GRID, Area.retired_at.is_(None)
        )
    ).all()
    parents = dict(session.execute(select(Area.id, Area.name)).all())
    for grid_id, code, name, parent_id in grids:
        keys = {name, f"{parents.get(parent_id, '')}/{name}", f"{parents.get(parent_id, '')}{name}"}
        if code:
            keys.add(code)
        for key in keys:
            index.setdefault(key, []).append(grid_id)
    return index


def import_channels(
    session: Session, actor: Actor, sheet: ChannelSheet, now: datetime
) -> ChannelImportResult:
    """Write ``sheet``'s channels, all or none: ValidationError("file",
    "has_problems") when a row has problems (:func:`check_channel_sheet` lists the grid and
    field problems before, so the dialog can show them); else adds new numbers, updates known
    ones, one commit and one audit row."""
    require_keeper(actor)
    with session.no_autoflush:
        forms, problems = check_channel_sheet(session, sheet)
    if problems:
        session.rollback()
        raise ValidationError("file", "has_problems")
    existing = {
        c.number: c
        for c in session.scalars(
            select(VideoChannel).where(VideoChannel.number.in_([v["number"] for _, v in forms]))
        )
    }
    updates = sheet.updates()
    added = updated = unchanged = 0
    for _, values in forms:
        channel = existing.get(values["number"])
        if channel is None:
            session.add(VideoChannel(**values, status_since=now, created_at=now, updated_at=now))
            added += 1
        elif apply_values(channel, {k: v for k, v in values.items() if k in updates}, now):
            updated += 1
        else:
            unchanged += 1
    audit.record(
        session,
        actor,
        AuditAction.REGISTER_IMPORT,
        target=f"video_channels:{sheet.path.name}"[:200],
        detail={"added": added, "updated": updated, "unchanged": unchanged},
        now=now,
    )
    session.commit()
    return ChannelImportResult(added, updated, unchanged)


def check_channel_sheet(
    session: Session, sheet: ChannelSheet
) -> tuple[list[tuple[int, dict[str, object]]], list[RowProblem]]:
    """The sheet's rows as the registry's checked values (grids resolved), and every
    problem: the sheet's own, then a grid that is unknown or ambiguous and a value the
    registry refuses, by row."""
    problems = list(sheet.problems)
    index = _grid_index(session)
    forms: list[tuple[int, dict[str, object]]] = []
    for item in sheet.rows:
        form, grid_word = item.form, item.grid
        grid_id = None
        if grid_word:
            ids = index.get(grid_word, [])
            if len(set(ids)) != 1:
                rule = "unknown" if not ids else "ambiguous"
                problems.append(RowProblem(item.row, "", "网格", rule, grid_word))
                continue
            grid_id = ids[0]
        form = ChannelForm(**{**_fields(form), "grid_id": grid_id})
        try:
            values = validated_form(session, form)
        except ValidationError as exc:
            header = COLUMNS[exc.field][0] if exc.field in COLUMNS else exc.field
            problems.append(RowProblem(item.row, "", header, exc.rule, ""))
            continue
        forms.append((item.row, values))
    problems.sort(key=lambda p: p.row)
    return forms, problems


def _fields(form: ChannelForm) -> dict[str, object]:
    return {k: getattr(form, k) for k in ChannelForm.__dataclass_fields__}
