"""One clock, China time, whatever the workstation's zone (issue 11's rule book starts here)."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gridcenter_desktop.core.clock import as_china, china_now, china_today

PACKAGE = Path(__file__).resolve().parents[2] / "gridcenter_desktop"


@pytest.fixture
def workstation_in_utc():
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_workstation_set_to_utc_still_works_in_china_time(workstation_in_utc):
    machine = datetime.now()
    shown = china_now()
    assert abs(shown - (machine + timedelta(hours=8))) < timedelta(minutes=1)
    assert shown.tzinfo is None and shown.microsecond == 0
    assert china_today() == shown.date()


def test_a_time_with_an_offset_is_read_as_china_time():
    assert as_china(datetime(2022, 3, 5, 6, 2, 33, tzinfo=UTC)) == datetime(2022, 3, 5, 14, 2, 33)
    naive = datetime(2022, 3, 5, 14, 2)
    assert as_china(naive) is naive


def test_nothing_else_reads_the_machine_s_clock():
    # datetime.now() / date.today() without a zone give the workstation's local time: every
    # reading of the clock goes through core/clock.py instead.
    machine_clock = re.compile(r"\b(datetime\.now\(\)|date\.today\(\)|datetime\.today\(\))")
    readers = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "clock.py" and machine_clock.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == []
