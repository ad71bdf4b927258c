"""Grid boundaries at the demo's scale: building the locator, locating points, and the
boundaries' version check a cached call pays.

    uv run python bench/grid_map.py [--points 100000] [--seed 0]

Builds the demo's 48 illustrative polygons (demo/grid_map.py) in a fresh SQLite file through
the import service (services.grid_map.import_grid_map, as `gridcenter import grids` does), then
prints the best of five timings: importing the file (read, checks, overlaps, write), building
the locator (STRtree over the polygons), ``locate_grid`` once through the cache (what a
registration pays: one version query and one tree lookup), and the locator alone over
``--points`` random points in the town's bounding box (what a platform import of that many
located rows pays).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

# bench/queue.py would shadow the standard library's queue (psycopg imports it).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
# ruff: noqa: E402 (the imports below come after that fix)

from shapely.geometry import mapping

from gridcenter_desktop.core.enums import AreaLevel, UserRole
from gridcenter_desktop.core.geo import PointLocator, boundary_shape
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.demo.areas import GridInfo
from gridcenter_desktop.demo.grid_map import grid_polygons
from gridcenter_desktop.demo.tickets import _CENTRES
from gridcenter_desktop.services import grid_map
from gridcenter_desktop.services.actor import Actor


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from gridcenter_desktop.demo import areas as demo_areas

    folder = Path(tempfile.mkdtemp(prefix="gc-bench-grid-"))
    engine = make_engine(f"sqlite:///{folder / 'grid.sqlite3'}")
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    grids: list[GridInfo] = []
    with factory() as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        s.add(town)
        for unit in demo_areas.UNITS:
            village = Area(level=unit.level, name=unit.name, parent=town)
            s.add(village)
            for index in range(1, unit.grids + 1):
                grid = Area(level=AreaLevel.GRID, name=demo_areas.grid_name(unit, index),
                            parent=village)  # fmt: skip
                s.add(grid)
                s.flush()
                grids.append(GridInfo(grid.id, grid.name, unit, index))
        s.commit()
    polygons = grid_polygons(grids, _CENTRES, args.seed)
    text = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": g.name}, "geometry": mapping(polygons[g.id])}
        for g in grids]}, ensure_ascii=False)  # fmt: skip
    admin = Actor(None, UserRole.ADMIN, "bench")
    grid_file = grid_map.read_grid_map(text, "bench.geojson")

    def import_once():
        with factory() as s:
            grid_map.import_grid_map(s, admin, grid_file, "wgs84")

    t_import = best(import_once)
    shapes = [(g.id, boundary_shape(mapping(polygons[g.id]))) for g in grids]
    t_build = best(lambda: PointLocator(shapes))
    rng = random.Random(args.seed)
    points = [(rng.uniform(120.36, 120.46), rng.uniform(31.22, 31.34)) for _ in range(args.points)]
    locator = PointLocator(shapes)

    def locate_all():
        return sum(1 for lon, lat in points if locator.locate(lon, lat) is not None)

    t_all = best(locate_all, runs=3)
    with factory() as s:
        grid_map.locate_grid(s, 120.40, 31.29)  # builds the cache

        def cached_once():
            grid_map.locate_grid(s, 120.40, 31.29)

        t_cached = best(lambda: [cached_once() for _ in range(100)]) / 100
    inside = locate_all()
    print(f"grids with polygons            {len(grids)}")
    print(f"import of the file (48 grids)  {t_import * 1000:8.1f} ms")
    print(f"locator build (STRtree)        {t_build * 1000:8.2f} ms")
    print(f"locate_grid via the cache      {t_cached * 1000:8.3f} ms per call")
    print(f"locator, {args.points:,} points        {t_all * 1000:8.1f} ms "
          f"({t_all / args.points * 1e6:.1f} µs a point; {inside:,} inside a grid)")  # fmt: skip
    engine.dispose()


if __name__ == "__main__":
    main()
