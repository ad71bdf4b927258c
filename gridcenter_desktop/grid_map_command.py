"""``gridcenter import grids`` and ``gridcenter export grids``: the town's grid boundaries as a
GeoJSON FeatureCollection.

    gridcenter import grids 网格边界.geojson --db URL --user ADMIN [--crs wgs84|gcj02] [--dry-run]
    gridcenter export grids --db URL --user LOGIN --out 网格边界.geojson

``import grids`` signs in (only an administrator may import), matches each feature to a grid by
its code or name property, converts GCJ-02 coordinates (what AMap and Tencent tools export) to
WGS-84 with ``--crs gcj02``, prints the overlaps between grids with their area, and writes every
boundary in one transaction. A feature with a problem (unknown grid, self-intersecting polygon,
not a polygon...) is printed with its number and name, and the command exits 1 without writing
anything. ``export grids`` writes one Feature per grid in service (code, name and village in its
properties; WGS-84), which ``import grids`` reads back.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from gridcenter_desktop.cli_sign_in import add_user_option, signed_session
from gridcenter_desktop.services.errors import ServiceError, ValidationError

# The Chinese words of the problems (the CLI, like the window, speaks the desk's language).
PROBLEM_TEXT = {
    "not_feature": "不是 GeoJSON Feature",
    "no_key": "没有网格编码或名称属性（code / name）",
    "unknown_grid": "系统中没有这个网格",
    "ambiguous_name": "同名网格不止一个，请加 village（村社区）属性或用编码",
    "retired_grid": "网格已撤销",
    "duplicate_grid": "与第 {detail} 个要素是同一个网格",
    "not_polygon": "不是面（Polygon / MultiPolygon）",
    "bad_coordinates": "坐标无法读取",
    "empty": "面积为零",
    "self_intersection": "边界自相交（交点 {detail}）",
    "invalid": "边界无效（{detail}）",
    "out_of_range": "坐标超出经纬度范围",
}
FILE_TEXT = {
    "too_large": "文件太大",
    "unreadable": "无法读取文件",
    "not_json": "不是 JSON 文件",
    "not_feature_collection": "不是 GeoJSON FeatureCollection",
    "no_features": "文件中没有任何要素",
    "unsupported_crs": "文件声明的坐标系不是经纬度（WGS-84 / GCJ-02）",
}


class GridMapCommandError(ServiceError):
    """A refusal the command reports as one line."""


def add_import_grids(kinds, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter import grids`` under ``gridcenter import`` (base_command)."""
    grids = kinds.add_parser(
        "grids",
        help="grid boundaries from a GeoJSON FeatureCollection",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    grids.add_argument("file", type=Path, metavar="FILE.geojson")
    grids.add_argument(
        "--crs",
        choices=("wgs84", "gcj02"),
        default="wgs84",
        help="the file's coordinates (default wgs84; gcj02 for AMap/Tencent)",
    )
    grids.add_argument(
        "--dry-run", action="store_true", help="only print what would be imported; write nothing"
    )
    db_option(grids)
    add_user_option(grids)
    grids.set_defaults(handler=_import)


def add_export_grids(kinds, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter export grids`` under ``gridcenter export`` (export_command)."""
    grids = kinds.add_parser("grids", help="grid boundaries as GeoJSON (one Feature per grid)")
    grids.add_argument("--out", type=Path, required=True, metavar="FILE.geojson")
    db_option(grids)
    add_user_option(grids)
    grids.set_defaults(handler=_export)


def problem_line(problem) -> str:
    """One line naming a feature and what is wrong with it."""
    label = f"（{problem.label}）" if problem.label else ""
    text = PROBLEM_TEXT.get(problem.rule, problem.rule).format(detail=problem.detail)
    return f"第 {problem.number} 个要素{label}：{text}"


def overlap_line(overlap) -> str:
    return f"{overlap.first} 与 {overlap.second} 重叠 {overlap.area_m2:,.0f} 平方米"


def _import(args: argparse.Namespace) -> int:
    from gridcenter_desktop.services import grid_map

    with signed_session(args) as (session, actor):
        try:
            grid_file = grid_map.read_grid_map_file(args.file)
        except ValidationError as exc:
            if exc.field != "grid_map_file":
                raise
            raise GridMapCommandError(f"{args.file}: {FILE_TEXT.get(exc.rule, exc.rule)}") from None
        plan = grid_map.plan_grid_map(session, actor, grid_file, args.crs)
        for problem in plan.problems:
            print(problem_line(problem))
        if plan.problems:
            raise GridMapCommandError(f"{len(plan.problems)} 个要素有问题，没有导入任何网格边界")
        print(f"可导入 {len(plan.matched)} 个网格的边界（坐标系 {args.crs.upper()}）。")
        for overlap in plan.overlaps:
            print(f"注意：{overlap_line(overlap)}")
        if plan.grids_without:
            print(f"导入后仍无边界的网格 {len(plan.grids_without)} 个："
                  + "、".join(plan.grids_without[:10])
                  + ("等" if len(plan.grids_without) > 10 else ""))  # fmt: skip
        if args.dry_run:
            print("预览完毕（--dry-run），没有写入任何数据。")
            return 0
        result = grid_map.import_grid_map(session, actor, grid_file, args.crs)
    print(f"已导入 {result.grids} 个网格的边界。")
    return 0


def _export(args: argparse.Namespace) -> int:
    from gridcenter_desktop.services.grid_map import write_grid_map

    if args.out.suffix.lower() not in (".geojson", ".json"):
        raise ValidationError(
            "grid_map_file", "not_geojson", f"--out must name a .geojson file: {args.out}"
        )
    with signed_session(args) as (session, actor):
        count = write_grid_map(session, actor, args.out)
    print(f"已导出 {count} 个网格：{args.out}")
    return 0
