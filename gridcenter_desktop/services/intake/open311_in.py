"""Reading an Open311 GeoReport v2 ``requests.json`` as if it were a platform's sheet, so it goes
through the same mapping, preview and import (services/intake/plan.py) as the sheets do.

The file is an array of service requests (a wrapper object holding that array under
``service_requests`` or ``requests`` is accepted too). The headers are the GeoReport field
names in the order they first appear; each item is a row numbered from 1. Times in ISO 8601
with an offset become China time (the database's naive local time); a time without an offset
is taken as China time already.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from gridcenter_desktop.core.enums import IntakeField
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.cells import china_time
from gridcenter_desktop.services.intake.rows import (
    CellProblem,
    IncomingSheet,
    SheetRow,
    column_letter,
)

# GeoReport field → what it holds; the other fields (status, service_code, updated_datetime,
# zipcode, media_url ...) are about the other side's handling and are not imported.
FIELD_OF: dict[str, IntakeField] = {
    "service_request_id": IntakeField.EXTERNAL_CODE,
    "requested_datetime": IntakeField.RECEIVED_AT,
    "title": IntakeField.TITLE,  # not in the spec; FixMyStreet and others add it
    "description": IntakeField.DESCRIPTION,
    "address": IntakeField.ADDRESS,
    "service_name": IntakeField.CATEGORY,
    "expected_datetime": IntakeField.DEADLINE,
    "agency_responsible": IntakeField.DEPARTMENT,
    "lat": IntakeField.LATITUDE,
    "long": IntakeField.LONGITUDE,
    "phone": IntakeField.REPORTER_PHONE,  # in a POSTed request, when a feed passes it on
}
# The spec's other fields: known, deliberately not imported, so not "unrecognised" (a standard
# requests.json, ours included, goes straight to the preview instead of the mapping page).
GEOREPORT_NOT_IMPORTED = frozenset(
    {
        "status",
        "status_notes",
        "service_code",
        "service_notice",
        "updated_datetime",
        "address_id",
        "zipcode",
        "media_url",
        "token",
    }
)
_TIMES = (IntakeField.RECEIVED_AT, IntakeField.DEADLINE)
# Coordinates: the planner checks them (bad_coordinate), numbers and text alike.
_NUMBERS = (IntakeField.LATITUDE, IntakeField.LONGITUDE)

# Rules of this reader's problems (worded by services/intake/problems.py).
BAD_DATETIME = "bad_datetime"
NOT_A_REQUEST = "not_a_request"


def read_requests(path: Path | str) -> IncomingSheet:
    """The requests in ``path`` as an IncomingSheet; ValidationError("file", rule) when the
    file is missing ("not_found"), not JSON ("not_json") or not a list of requests
    ("not_requests"), worded by problems.file_problem_text like the sheets' refusals."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError("file", "not_found") from None
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError("file", "not_json") from None
    if isinstance(data, dict):
        data = data.get("service_requests", data.get("requests"))
    if not isinstance(data, list):
        raise ValidationError("file", "not_requests")
    headers: list[str] = []
    for item in data:
        if isinstance(item, dict):
            headers += [str(k) for k in item if str(k) not in headers]
    fields = tuple(FIELD_OF.get(h) for h in headers)
    rows = tuple(_row(number, item, headers) for number, item in enumerate(data, 1))
    return IncomingSheet(
        path=path,
        headers=tuple(headers),
        fields=fields,
        rows=rows,
        header_row=0,  # no header row: the names are the items' keys
        unrecognised=tuple(
            h
            for h, f in zip(headers, fields, strict=True)
            if f is None and h not in GEOREPORT_NOT_IMPORTED
        ),
    )


def _row(number: int, item: object, headers: list[str]) -> SheetRow:
    if not isinstance(item, dict):
        problem = CellProblem(number, "", "", NOT_A_REQUEST, _as_text(item)[:100])
        return SheetRow(number, {}, (problem,), ())
    values: dict[IntakeField, object] = {}
    problems: list[CellProblem] = []
    for index, header in enumerate(headers):
        field = FIELD_OF.get(header)
        raw = item.get(header)
        if field is None or raw is None or _as_text(raw).strip() == "":
            continue
        try:
            values[field] = _convert(field, raw)
        except ValueError as exc:
            problems.append(
                CellProblem(number, header, column_letter(index), str(exc), _as_text(raw))
            )
    cells = tuple(_as_text(item.get(h)) for h in headers)
    return SheetRow(number, values, tuple(problems), cells)


def _convert(field: IntakeField, raw: object) -> object:
    if field in _TIMES:
        return iso_china_time(_as_text(raw))
    if field in _NUMBERS and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    return _as_text(raw).strip()


def iso_china_time(text: str) -> datetime:
    """An ISO 8601 time as naive China time (seconds kept, fractions dropped)."""
    try:
        value = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise ValueError(BAD_DATETIME) from None
    return china_time(value)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
