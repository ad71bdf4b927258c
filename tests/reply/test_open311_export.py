"""Open311 GeoReport v2 out: the shapes the spec gives, and nothing personal in them."""

from __future__ import annotations

import json
from datetime import date, datetime
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from gridcenter_desktop.core.categories import CATEGORIES
from gridcenter_desktop.core.enums import AuditAction, UserRole
from gridcenter_desktop.db.audit import AuditEntry
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake import open311


def _feed(town, tmp_path, name="requests.json", role=UserRole.VIEWER, **kwargs):
    with town.sf() as s:
        done = open311.write_requests(s, town.actors[role], tmp_path / name, **kwargs)
    return done, (tmp_path / name).read_text(encoding="utf-8")


def _check_request_shape(item: dict) -> None:
    # GeoReport v2 GET requests: every field present; status open|closed; times ISO 8601.
    assert list(item) == list(open311.REQUEST_FIELDS)
    assert item["status"] in ("open", "closed")
    for key in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert datetime.fromisoformat(item[key]).utcoffset().total_seconds() == 8 * 3600
    for key in ("lat", "long"):
        assert item[key] is None or isinstance(item[key], float)
    for key in set(open311.REQUEST_FIELDS) - {"lat", "long"}:
        assert isinstance(item[key], str)


def test_requests_json_has_the_specs_fields_and_no_personal_data(town, tmp_path):
    closed = town.handle(
        town.register(latitude=31.29, longitude=120.45),
        public_reply="已联系王建国（13912345678）处理完毕",
    )
    town.register(title="路灯不亮", description="")  # still open
    done, text = _feed(town, tmp_path)
    data = json.loads(text)
    assert done.requests == 2 and done.format == "json"
    assert isinstance(data, list) and len(data) == 2
    for item in data:
        _check_request_shape(item)
    first, second = data
    with town.sf() as s:
        from gridcenter_desktop.db.ticket import Ticket

        code = s.get(Ticket, closed.id).code
    assert first["service_request_id"] == code
    assert (first["status"], second["status"]) == ("closed", "open")
    assert first["service_code"] == "city_management" and first["service_name"] == "城市管理"
    assert first["agency_responsible"] == "综合执法局"
    assert (first["lat"], first["long"]) == (31.29, 120.45)
    assert first["requested_datetime"] == "2022-03-01T09:00:00+08:00"
    assert first["description"].startswith("光福街占道经营：光福街菜场门口摊贩占道经营")
    assert second["description"] == "路灯不亮" and second["status_notes"] == "已受理，待派发"
    # Never the reporter, neither in its own field nor inside the free text.
    assert "王建国" not in text and "13912345678" not in text and "王先生" not in text
    assert first["status_notes"].startswith("已联系（已隐去）")


def test_requests_xml_has_the_same_requests(town, tmp_path):
    town.handle(town.register())
    done, text = _feed(town, tmp_path, "requests.xml")
    root = ElementTree.fromstring(text.encode("utf-8"))
    assert done.format == "xml" and root.tag == "service_requests"
    (request,) = root
    assert request.tag == "request"
    assert [child.tag for child in request] == list(open311.REQUEST_FIELDS)
    assert request.findtext("status") == "closed"
    assert request.findtext("service_name") == "城市管理"
    assert request.findtext("lat") == ""  # no coordinates: an empty element
    assert "王建国" not in text and "13912345678" not in text


def test_the_period_selects_by_registration_day_and_merged_duplicates_stay_out(town, tmp_path):
    town.register(at=datetime(2022, 3, 1, 9))
    town.register(at=datetime(2022, 3, 5, 9))
    done, text = _feed(town, tmp_path, date_from=date(2022, 3, 5), date_to=date(2022, 3, 31))
    assert done.requests == 1
    assert json.loads(text)[0]["requested_datetime"].startswith("2022-03-05")


def test_services_json_lists_our_categories(town, tmp_path):
    _feed(town, tmp_path, services_path=tmp_path / "services.json")
    items = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    assert [i["service_code"] for i in items] == [c.code for c in CATEGORIES]
    for item in items:
        assert list(item) == list(open311.SERVICE_FIELDS)
        assert item["metadata"] is False and item["type"] == "realtime"
        assert item["service_name"] and item["group"]


def test_services_xml(tmp_path):
    root = ElementTree.fromstring(open311.services_xml(open311.services()))
    assert root.tag == "services" and root[0].tag == "service"
    assert root[0].findtext("metadata") == "false"


def test_the_export_is_audited_and_any_role_may_write_it(town, tmp_path):
    town.register()
    _feed(town, tmp_path, role=UserRole.VIEWER)
    with town.sf() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
    assert entry.target == "open311" and entry.user_id == town.actors[UserRole.VIEWER].user_id


def test_a_file_neither_json_nor_xml_is_refused_before_anything_is_written(town, tmp_path):
    with pytest.raises(ValidationError) as caught:
        _feed(town, tmp_path, "requests.csv")
    assert (caught.value.field, caught.value.rule) == ("open311_file", "not_json_or_xml")
    assert not (tmp_path / "requests.csv").exists()
