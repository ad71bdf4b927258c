"""The video channels on a demo database: the list, the offline list, the picker's choices,
and re-importing the whole registry from a sheet (313 rows: read, check, write).

    uv run python bench/video_channels.py --db URL_OF_A_DEMO

Prints the best of five timings of each read and of the sheet's read and check, then one
import (every row unchanged: the idempotent re-import) in milliseconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

# bench/queue.py would shadow the standard library's queue (psycopg imports it).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
# ruff: noqa: E402 (the imports below come after that fix)

from openpyxl import Workbook

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.video_channel_import import (
    check_channel_sheet,
    import_channels,
    read_channel_sheet,
)
from gridcenter_desktop.services.video_channels import (
    channel_choices,
    offline_channels,
    search_channels,
)


def _best(fn, times: int = 5) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(times):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--now", default="2026-12-02T10:00")
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now)
    engine = make_engine(args.db)
    factory = make_session_factory(engine)
    with factory() as session:
        ms, rows = _best(lambda: search_channels(session))
        print(f"list of all channels: {len(rows)} rows in {ms:.1f} ms")
        ms, down = _best(lambda: offline_channels(session, now))
        print(f"offline for a day: {len(down)} rows in {ms:.1f} ms")
        ms, choices = _best(lambda: channel_choices(session))
        print(f"register picker choices: {len(choices)} in {ms:.1f} ms")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "channels.xlsx"
            wb = Workbook()
            wb.active.append(["通道编号", "通道名称", "经度", "纬度", "网格", "视频流地址", "状态"])
            status = {"online": "在线", "offline": "离线", "fault": "故障"}
            for r in rows:
                grid = f"{r.village_name}/{r.grid_name}" if r.grid_name else ""
                wb.active.append(
                    [r.number, r.name, r.longitude, r.latitude, grid, r.stream_url,
                     status[r.status.value]]
                )  # fmt: skip
            wb.save(path)
            ms, sheet = _best(lambda: read_channel_sheet(path))
            print(f"read the sheet: {len(sheet.rows)} rows in {ms:.1f} ms")
            ms, (_forms, problems) = _best(lambda: check_channel_sheet(session, sheet))
            print(f"check it against the database: {len(problems)} problems in {ms:.1f} ms")
            actor = Actor(None, UserRole.ADMIN, "bench", "bench")
            start = time.perf_counter()
            result = import_channels(session, actor, sheet, now)
            ms = (time.perf_counter() - start) * 1000
            print(
                f"import (idempotent): {result.added} added, {result.updated} updated, "
                f"{result.unchanged} unchanged in {ms:.1f} ms"
            )
    engine.dispose()


if __name__ == "__main__":
    main()
