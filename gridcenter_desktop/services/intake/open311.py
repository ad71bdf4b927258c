"""Tickets out as Open311 GeoReport v2 (the civic standard FixMyStreet and many cities read):
``requests.json`` / ``requests.xml`` and the ``services.json`` list of our categories.

The feed is public by nature, so no personal data ever goes into it: no reporter's name or
phone, and the free text (description, address, the public reply) is scrubbed of phone numbers
and of the reporter's name as core.personal_data does for the rectification notice. Only the
public reply reaches ``status_notes``; the departments' internal feedback stays inside.
Times are ISO 8601 with China's offset (+08:00; China keeps no summer time).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.categories import CATEGORIES, CATEGORY_BY_CODE
from gridcenter_desktop.core.clock import CHINA
from gridcenter_desktop.core.enums import (
    AuditAction,
    TicketStatus,
)
from gridcenter_desktop.core.personal_data import scrub_contacts
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.services import audit
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.intake.leads import NO_LEAD, ticket_leads
from gridcenter_desktop.services.periods import after_day, day_start

BATCH_SIZE = 1000

# GeoReport v2's service request fields, in the spec's order (every request carries all).
REQUEST_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)
SERVICE_FIELDS = (
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
)
# The spec's group of each category (a broad heading for a city's service list).
_GROUPS = {
    "安全稳定": ("work_safety", "food_safety", "fire_safety", "epidemic_prevention"),
    "城乡环境": (
        "environment", "water_affairs", "city_management", "traffic", "noise", "utilities",
        "planning", "property_management",
    ),
    "民生服务": ("public_services", "civil_affairs", "labour", "neighbour_dispute",
                 "petition_matter"),
    "产业发展": ("unlicensed_business", "agriculture", "tourism"),
}  # fmt: skip
GROUP_OF = {code: group for group, codes in _GROUPS.items() for code in codes}
OTHER_GROUP = "其他"

STATUS_NOTE = {
    TicketStatus.PENDING_DISPATCH: "已受理，待派发",
    TicketStatus.DISPATCHED: "已派发至承办单位",
    TicketStatus.IN_PROGRESS: "承办单位处理中",
    TicketStatus.AWAITING_REVIEW: "已处理，待审核",
    TicketStatus.CLOSED: "已办结",
}


@dataclass(frozen=True, slots=True)
class Open311Export:
    """What was written: the file, its format ("json" or "xml"), and how many requests."""

    path: Path
    format: str
    requests: int


def iso(value: datetime | None) -> str | None:
    """A stored (naive China time) datetime as ISO 8601 with its offset."""
    if value is None:
        return None
    return value.replace(tzinfo=CHINA, microsecond=0).isoformat()


def services() -> list[dict[str, Any]]:
    """``services.json``: one service per category of core/categories."""
    return [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": f"{c.name}（一般事项办理时限 {c.days} 个工作日）",
            "metadata": False,
            "type": "realtime",
            "keywords": c.name,
            "group": GROUP_OF.get(c.code, OTHER_GROUP),
        }
        for c in CATEGORIES
    ]


def _period_where(date_from: date | None, date_to: date | None) -> list:
    where = [Ticket.status != TicketStatus.MERGED]
    if date_from is not None:
        where.append(Ticket.created_at >= day_start(date_from))
    if date_to is not None:
        where.append(Ticket.created_at < after_day(date_to))
    return where


def service_requests(
    session: Session, *, date_from: date | None = None, date_to: date | None = None
) -> Iterator[dict[str, Any]]:
    """The requests of the tickets registered in the period (every ticket without one), merged
    duplicates left out, oldest first, a thousand tickets per query."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ValidationError("date_to", "before_date_from")
    last_id = 0
    while True:
        tickets = list(
            session.scalars(
                select(Ticket)
                .where(*_period_where(date_from, date_to), Ticket.id > last_id)
                .order_by(Ticket.id)
                .limit(BATCH_SIZE)
            )
        )
        if not tickets:
            return
        leads = ticket_leads(session, [t.id for t in tickets])
        for ticket in tickets:
            lead = leads.get(ticket.id, NO_LEAD)
            yield request_of(ticket, lead.unit, lead.public_reply)
        last_id = tickets[-1].id


def request_of(ticket: Ticket, agency: str, public_reply: str) -> dict[str, Any]:
    """One ticket as a GeoReport service request, its text scrubbed of personal data."""

    def scrub(text: str | None) -> str:
        return scrub_contacts(text, ticket.reporter_name, ticket.reporter_phone)

    category = CATEGORY_BY_CODE.get(ticket.category)
    title, description = scrub(ticket.title), scrub(ticket.description)
    closed = ticket.status == TicketStatus.CLOSED
    notes = STATUS_NOTE.get(ticket.status, "")
    if closed and public_reply.strip():
        notes = scrub(public_reply.strip())
    return {
        "service_request_id": ticket.code,
        "status": "closed" if closed else "open",
        "status_notes": notes,
        "service_name": category.name if category else ticket.category,
        "service_code": ticket.category,
        "description": f"{title}：{description}" if description else title,
        "agency_responsible": agency,
        "service_notice": "",
        "requested_datetime": iso(ticket.created_at),
        "updated_datetime": iso(ticket.updated_at),
        "expected_datetime": iso(ticket.deadline_at),
        "address": scrub(ticket.address),
        "address_id": "",
        "zipcode": "",
        "lat": ticket.latitude,
        "long": ticket.longitude,
        "media_url": "",
    }


def requests_xml(requests: list[dict[str, Any]]) -> bytes:
    """GeoReport v2's XML: ``<service_requests><request>...</request></service_requests>``."""
    return _xml("service_requests", "request", REQUEST_FIELDS, requests)


def services_xml(items: list[dict[str, Any]]) -> bytes:
    """GeoReport v2's service list as XML: ``<services><service>...</service></services>``."""
    return _xml("services", "service", SERVICE_FIELDS, items)


def _xml(root_tag: str, item_tag: str, fields: tuple[str, ...], items: list[dict]) -> bytes:
    # Every item carries every field (request_of, services), in the spec's order.
    root = ElementTree.Element(root_tag)
    for item in items:
        node = ElementTree.SubElement(root, item_tag)
        for name in fields:
            ElementTree.SubElement(node, name).text = _xml_text(item[name])
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _xml_text(value: object) -> str:
    # None (no coordinates) is an empty element; a bool is written as JSON writes it.
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".json", ".xml"):
        raise ValidationError("open311_file", "not_json_or_xml")
    return suffix[1:]


def write_requests(
    session: Session,
    actor: Actor,
    path: Path | str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    services_path: Path | str | None = None,
    now: datetime | None = None,
) -> Open311Export:
    """Write the requests of the period to ``path`` (.json or .xml, by its suffix) and, when
    given, the service list to ``services_path``; record the export (EXPORT, committed).

    Every signed-in role may: nothing personal leaves, only what a public feed shows. Files
    are written whole or not at all (a temporary file renamed over the target); should the
    audit row not commit, the files just written are removed."""
    path = Path(path)
    kind = _format_of(path)
    service_kind = _format_of(Path(services_path)) if services_path is not None else None
    requests = list(service_requests(session, date_from=date_from, date_to=date_to))
    written = [_write_whole(path, _encoded(requests, kind, requests_xml))]
    if services_path is not None:
        listed = _encoded(services(), service_kind, services_xml)
        written.append(_write_whole(Path(services_path), listed))
    period = [f"{d:%Y-%m-%d}" if d else None for d in (date_from, date_to)]
    try:
        audit.record(
            session,
            actor,
            AuditAction.EXPORT,
            target="open311",
            detail={
                "report": "open311",
                "filter": {"period": period},
                "rows": len(requests),
                "file": path.name,
                "role": str(actor.role),
            },
            now=now,
        )
        session.commit()
    except BaseException:
        session.rollback()
        for done in written:
            done.unlink(missing_ok=True)
        raise
    return Open311Export(path, kind, len(requests))


def _encoded(items: list[dict[str, Any]], kind: str, as_xml) -> bytes:
    if kind == "json":
        return json.dumps(items, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    return as_xml(items)


def _write_whole(path: Path, content: bytes) -> Path:
    target = path.expanduser().absolute()
    if not target.parent.is_dir():
        raise ValidationError("open311_file", "folder_missing")
    tmp = target.with_name(f".~gridcenter-{uuid.uuid4().hex[:12]}{target.suffix}")
    try:
        tmp.write_bytes(content)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
