"""The demo town as a file the desk opens: built beside its place and moved in whole.

The command line hands :func:`build_demo_file` to the window (cli.py → ui.app.run_window), so
the desk itself never imports the demo generator (an import-linter contract)."""

from __future__ import annotations

import os
from pathlib import Path

from gridcenter_desktop.db.engine import make_engine, sqlite_path
from gridcenter_desktop.demo.build import build_demo


def build_demo_file(url: str, progress=None, cancel=None):
    """Build the demo at ``url``; returns its demo.build.DemoSummary (with the accounts'
    passwords). For an SQLite file it is built beside it and moved into place only when
    complete, so a cancelled or failed build never leaves a half-made demo."""
    path = sqlite_path(url)
    if path is None:
        return build_demo(url, progress=progress, cancel=cancel, replace=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    for leftover in _sqlite_files(partial):
        leftover.unlink(missing_ok=True)
    try:
        summary = build_demo(f"sqlite:///{partial}", progress=progress, cancel=cancel)
        engine = make_engine(f"sqlite:///{partial}")
        with engine.connect() as conn:  # fold the WAL in: one self-contained file to move
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        for old in _sqlite_files(path):
            old.unlink(missing_ok=True)
        os.replace(partial, path)
        return summary
    finally:
        for leftover in _sqlite_files(partial):
            leftover.unlink(missing_ok=True)


def _sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
