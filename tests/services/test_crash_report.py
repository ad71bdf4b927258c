"""Crash reports (services/crash_report.py, services/fatal_dump.py), without Qt: what a report
holds, that no password gets into it, and that a hard crash's faulthandler dump becomes a
report at the next start."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime

from gridcenter_desktop.core.clock import as_china
from gridcenter_desktop.services import crash_report, fatal_dump

FACTS = crash_report.CrashFacts(
    version="9.8.7",
    platform="Linux-6.1-x86_64",
    python="3.11.9 (CPython)",
    qt="6.11.3",
    pyside="6.11.3",
    database="PostgreSQL db.example:5432/grid",
)


def test_report_holds_time_versions_traceback_and_the_log_tail():
    text = crash_report.report_text(
        datetime(2026, 12, 2, 15, 30, 12),
        "Unexpected error",
        FACTS,
        'Traceback (most recent call last):\n  File "x.py", line 1\nRuntimeError: kaputt-42\n',
        [f"log line {n}" for n in range(5)],
    )
    assert "2026-12-02 15:30:12" in text
    for fact in ("9.8.7", "Linux-6.1-x86_64", "3.11.9", "6.11.3", "PostgreSQL db.example"):
        assert fact in text
    assert "RuntimeError: kaputt-42" in text
    assert text.rstrip().endswith("log line 4")


def test_no_password_gets_into_a_report():
    url = "postgresql+psycopg://op:s3cret@db.example:5432/grid"
    text = crash_report.report_text(
        datetime(2026, 12, 2),
        "Unexpected error",
        crash_report.crash_facts("6", crash_report.database_kind(url)),
        f"OperationalError: cannot connect to {url}\nconninfo host=db password=hunter2 user=op",
        [f"opening {url}", "dsn: password='p w' host=x"],
    )
    assert "s3cret" not in text and "hunter2" not in text and "p w" not in text
    assert "PostgreSQL db.example:5432/grid" in text


def test_log_tail_keeps_the_last_200_lines(tmp_path):
    log = tmp_path / "gridcenter.log"
    log.write_text("".join(f"line {n}\n" for n in range(1000)), encoding="utf-8")
    tail = crash_report.log_tail(log)
    assert len(tail) == 200 and tail[0] == "line 800" and tail[-1] == "line 999"
    assert crash_report.log_tail(tmp_path / "none.log") == []


def test_reports_of_the_same_second_do_not_overwrite_each_other(tmp_path):
    when = datetime(2026, 12, 2, 15, 30, 12)
    first = crash_report.write_report(tmp_path, "one", when)
    second = crash_report.write_report(tmp_path, "two", when)
    assert first.name == "crash-20261202-153012.txt"
    assert second != first and second.read_text(encoding="utf-8") == "two"
    assert first.read_text(encoding="utf-8") == "one"


def test_a_hard_crash_becomes_a_report_at_the_next_start(tmp_path):
    folder = tmp_path / "logs"
    crash = textwrap.dedent(
        f"""
        import faulthandler
        from pathlib import Path
        from gridcenter_desktop.services import fatal_dump
        fatal_dump.enable(Path({str(folder)!r}))
        faulthandler._sigsegv()
        """
    )
    done = subprocess.run([sys.executable, "-c", crash], capture_output=True, timeout=60)
    assert done.returncode != 0
    assert "Segmentation fault" in fatal_dump.dump_path(folder).read_text(encoding="utf-8")
    # The next start comes a day later: the report is dated when the program stopped.
    os.utime(fatal_dump.dump_path(folder), (1_764_000_000, 1_764_000_000))
    # Named by China time, as every moment the desk shows (core/clock.py).
    stopped = as_china(datetime.fromtimestamp(1_764_000_000, tz=UTC))

    report = fatal_dump.collect_previous(folder, FACTS)
    assert report is not None and report.name == f"crash-{stopped:%Y%m%d-%H%M%S}.txt"
    text = report.read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text and "9.8.7" in text
    # Told once: the dump is emptied, the start after that finds nothing.
    assert fatal_dump.dump_path(folder).read_text(encoding="utf-8") == ""
    assert fatal_dump.collect_previous(folder, FACTS) is None


def test_a_clean_run_leaves_nothing_to_report(tmp_path):
    folder = tmp_path / "logs"
    clean = textwrap.dedent(
        f"""
        from pathlib import Path
        from gridcenter_desktop.services import fatal_dump
        fatal_dump.enable(Path({str(folder)!r}))
        """
    )
    subprocess.run([sys.executable, "-c", clean], check=True, timeout=60)
    assert fatal_dump.collect_previous(folder, FACTS) is None
    assert not list(folder.glob("crash-*"))


def test_a_caught_cpp_exception_on_windows_is_no_crash():
    caught = (
        "Windows fatal exception: code 0xe06d7363\n\nCurrent thread 0x1 (most recent call first):\n"
    )
    assert not fatal_dump.has_fatal_dump(caught)
    assert fatal_dump.has_fatal_dump("Windows fatal exception: access violation\n")
    assert fatal_dump.has_fatal_dump("Fatal Python error: Aborted\n")
