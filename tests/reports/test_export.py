"""An export request is checked before any work, naming the field at fault."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.reports.export import ExportRequest, check_request, suggested_file_name
from gridcenter_desktop.services.errors import ValidationError


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (dict(path=Path("report.csv")), "path"),
        (dict(kind="notice"), "ticket"),
        (dict(kind="summary", date_from=None), "date_from"),
        (dict(scope="period", date_to=date(2021, 1, 1)), "date_to"),
        (dict(scope="view"), "scope"),
    ],
)
def test_incomplete_requests_are_refused(changes, field):
    base = dict(
        kind="ledger",
        path=Path("r.xlsx"),
        role=UserRole.OPERATOR,
        date_from=date(2022, 1, 1),
        date_to=date(2022, 10, 25),
    )
    with pytest.raises(ValidationError) as info:
        check_request(ExportRequest(**{**base, **changes}))
    assert info.value.field == field


def test_suggested_names():
    period = (date(2022, 1, 1), date(2022, 10, 25))
    assert suggested_file_name("ledger", *period) == "工单台账_20220101-20221025.xlsx"
    assert suggested_file_name("summary", *period) == "统计报表_20220101-20221025.xlsx"
    assert suggested_file_name("notice", None, None, "GC1") == "责令整改通知书_GC1.xlsx"
    assert suggested_file_name("ledger", None, None, today=date(2022, 5, 1)) == (
        "工单台账_20220501.xlsx"
    )
