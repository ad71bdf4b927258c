"""Benchmark: the map dock at 100,000 ticket points.

    QT_QPA_PLATFORM=offscreen uv run python bench/map.py                  # drawing + SQL
    QT_QPA_PLATFORM=offscreen uv run python bench/map.py --points 200000 --no-sql

Drawing: a MapView (ui/map/view.py) of 1000x640 pixels (the map tab at 1366x768) with 48
illustrative square grids and N points scattered around 48 centres on the east shore of Taihu;
prints the median time of a full redraw (viewport repaint: project, cluster, paint), of a pan
step and a zoom step (each followed by its repaint), at the whole-town view and zoomed in, and
of the clustering alone. Target: redraw under 50 ms at 100,000 points.

SQL: the points query (services.map_points.ticket_points: one columns-only SELECT over the
queue's conditions) on an SQLite file of N tickets built by bench/queue.py's generator (reused
when it is there), coordinates added with one UPDATE. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def median_ms(fn, runs: int = 15) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _points(n: int):
    from gridcenter_desktop.services.map_points import TicketPoints

    rng = np.random.default_rng(20221025)
    centres_lon = rng.uniform(120.37, 120.45, 48)
    centres_lat = rng.uniform(31.24, 31.34, 48)
    which = rng.integers(0, 48, n)
    lon = centres_lon[which] + rng.normal(0, 0.004, n)
    lat = centres_lat[which] + rng.normal(0, 0.004, n)
    state = rng.choice([0, 1, 2, 3], n, p=[0.7, 0.2, 0.04, 0.06]).astype(np.int8)
    return TicketPoints(np.arange(1, n + 1, dtype=np.int64), lon, lat, state)


def _grids():
    from gridcenter_desktop.services.map_points import GridShape

    shapes = []
    for i in range(48):
        lon = 120.37 + (i % 6) * 0.0135
        lat = 31.24 + (i // 6) * 0.0125
        ring = (
            (lon, lat),
            (lon + 0.0135, lat),
            (lon + 0.0135, lat + 0.0125),
            (lon, lat + 0.0125),
            (lon, lat),
        )
        shapes.append(GridShape(i + 1, f"示例村第{i + 1}网格", (ring,), i * 3 % 40, i % 7, ()))
    return shapes


def drawing(n: int) -> None:
    from PySide6.QtWidgets import QApplication

    from gridcenter_desktop.ui.map.clusters import cluster
    from gridcenter_desktop.ui.map.view import MapView

    app = QApplication.instance() or QApplication([])
    view = MapView()
    view.resize(1000, 640)
    view.show()
    app.processEvents()
    points = _points(n)
    t0 = time.perf_counter()
    view.set_points(points)
    view.set_grids(_grids())
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"  load {n:,} points and 48 grids into the view: {load_ms:.0f} ms")
    view.fit_town()
    app.processEvents()
    port = view.viewport()

    def redraw():
        port.repaint()

    step = [40]

    def pan():
        # Back and forth, so the points stay in view.
        view.pan(step[0], 0)
        step[0] = -step[0]
        port.repaint()

    zoom_in = [True]

    def zoom():
        view.zoom(1.25 if zoom_in[0] else 0.8)
        zoom_in[0] = not zoom_in[0]
        port.repaint()

    for label, setup in (("whole town", view.fit_town), ("zoomed in x8", lambda: view.zoom(8))):
        view.fit_town()
        setup()
        app.processEvents()
        shown = int(view.tickets.last.count.sum()) if view.tickets.last is not None else 0
        discs = len(view.tickets.last) if view.tickets.last is not None else 0
        print(f"  {label} ({shown:,} points in view as {discs} discs/points):")
        print(f"    redraw       {median_ms(redraw):6.1f} ms   (target < 50)")
        print(f"    pan step     {median_ms(pan):6.1f} ms")
        print(f"    zoom step    {median_ms(zoom):6.1f} ms")
        shown = int(view.tickets.last.count.sum()) if view.tickets.last is not None else 0
        print(f"    ({shown:,} points still in view after the steps)")
    px = np.random.default_rng(1).uniform(0, 1000, n)
    py = np.random.default_rng(2).uniform(0, 640, n)
    print(
        f"  clustering alone: {median_ms(lambda: cluster(px, py, points.state, 1000, 640)):.1f} ms"
    )
    view.close()


def _bench_queue():
    spec = importlib.util.spec_from_file_location("bench_queue", HERE / "queue.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def sql(n: int, path: str | None) -> None:
    from sqlalchemy.orm import Session

    from gridcenter_desktop.core.enums import OPEN_STATUSES
    from gridcenter_desktop.db.engine import make_engine
    from gridcenter_desktop.services import map_points
    from gridcenter_desktop.services.queue import QueueFilter

    bq = _bench_queue()
    path = path or os.path.join(tempfile.gettempdir(), f"gridcenter-bench-map-{n}.sqlite3")
    url = f"sqlite:///{path}"
    bq.build(url, n)
    engine = make_engine(url)
    with engine.begin() as conn:
        # Deterministic positions around the town, written once.
        conn.exec_driver_sql(
            "UPDATE ticket SET longitude = 120.37 + (id * 7919 % 8000) / 100000.0,"
            " latitude = 31.24 + (id * 104729 % 10000) / 100000.0 WHERE longitude IS NULL"
        )
    now = datetime(2022, 10, 25, 10, 0)
    with Session(engine) as session:
        for label, flt in (
            ("open tickets (the queue's default)", QueueFilter(statuses=frozenset(OPEN_STATUSES))),
            ("every ticket", QueueFilter(include_merged=True)),
            ("one grid, every ticket", QueueFilter(area_id=_some_grid(session))),
            ("rectangle (bbox), every ticket", QueueFilter(bbox=(120.38, 31.26, 120.42, 31.30))),
        ):
            found = map_points.ticket_points(session, flt, now)
            ms = median_ms(lambda f=flt: map_points.ticket_points(session, f, now), runs=5)
            print(f"  points query, {label}: {len(found):,} points in {ms:.0f} ms")
        ms = median_ms(lambda: map_points.grid_shapes(session, now), runs=5)
        print(f"  grid shapes with counts: {ms:.0f} ms")
    _index_rounds(engine, now)
    engine.dispose()


def _index_rounds(engine, now, rounds: int = 3) -> None:
    """Would an index on the coordinates pay? The rectangle over every ticket without one (the
    schema as it is) and with a trial (longitude, latitude, id) index, interleaved on the same
    file, ``rounds`` times; the trial index is dropped at the end."""
    from sqlalchemy.orm import Session

    from gridcenter_desktop.services import map_points
    from gridcenter_desktop.services.queue import QueueFilter

    flt = QueueFilter(bbox=(120.38, 31.26, 120.42, 31.30))
    create = "CREATE INDEX IF NOT EXISTS trial_lon_lat ON ticket (longitude, latitude, id)"
    drop = "DROP INDEX IF EXISTS trial_lon_lat"
    timings: dict[str, list[float]] = {"with a trial index": [], "without it": []}
    for _ in range(rounds):
        for label, ddl in (
            ("without it", drop),
            ("with a trial index", create),
        ):
            with engine.begin() as conn:
                conn.exec_driver_sql(ddl)
                conn.exec_driver_sql("ANALYZE")
            with Session(engine) as session:
                timings[label].append(
                    median_ms(lambda: map_points.ticket_points(session, flt, now), runs=3)
                )
    with engine.begin() as conn:
        conn.exec_driver_sql(drop)
    for label, values in timings.items():
        shown = " / ".join(f"{v:.0f}" for v in values)
        print(f"  rectangle over every ticket, {label}: {shown} ms (medians of 3, interleaved)")
    ratio = statistics.median(timings["without it"]) / statistics.median(
        timings["with a trial index"]
    )
    print(f"  ratio without/with: {ratio:.1f}x")


def _some_grid(session) -> int:
    from sqlalchemy import text

    return int(session.scalar(text("SELECT min(grid_id) FROM ticket")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--no-sql", action="store_true", help="only the drawing figures")
    parser.add_argument("--sqlite", metavar="PATH", help="the SQLite file for the SQL figures")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"map drawing, {args.points:,} points, 1000x640 view:")
    drawing(args.points)
    if not args.no_sql:
        print(f"map SQL, {args.points:,} tickets, SQLite:")
        sql(args.points, args.sqlite)


if __name__ == "__main__":
    sys.exit(main())
