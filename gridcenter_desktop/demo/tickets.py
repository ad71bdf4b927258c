"""Demo tickets as plain row tuples, generated chunk by chunk (no ORM object per ticket).

A chunk is a run of consecutive arrivals; each becomes a ticket row, its events and its
assignments with explicit ids, ready for a bulk insert. Duplicates fold into an earlier ticket
of the same chunk, so a chunk is complete once built.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from gridcenter_desktop.core.categories import CATEGORY_BY_CODE
from gridcenter_desktop.core.deadlines import due_soon_threshold, finish_limit
from gridcenter_desktop.core.enums import (
    PRIORITY_RANK,
    AreaLevel,
    Priority,
    TicketKind,
    TicketSource,
)
from gridcenter_desktop.demo import lifecycle, stories, texts
from gridcenter_desktop.demo.areas import GridInfo
from gridcenter_desktop.demo.departments import committee_code
from gridcenter_desktop.demo.draw import Weighted
from gridcenter_desktop.demo.grid_map import place_of
from gridcenter_desktop.demo.people import GridTeam, person_name, phone_number
from gridcenter_desktop.demo.plan import Fate, Profile
from gridcenter_desktop.services.ticket_lookup import reversed_phone

TICKET_COLUMNS = (
    "id", "code", "kind", "source", "category", "title", "description", "reporter_name",
    "reporter_phone", "address", "grid_id", "latitude", "longitude", "priority",
    "priority_rank", "status", "created_at", "deadline_at", "due_soon_at", "dispatched_at",
    "closed_at", "people_count", "outcome", "satisfaction", "solved_in_grid", "urge_count",
    "supervised", "reopen_count", "merged_into_id", "created_by_id", "updated_at",
    "updated_by_id", "version", "reporter_phone_reversed", "suspended_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "ticket_id", "at", "user_id", "action", "from_status", "to_status", "note", "data",
)  # fmt: skip
ASSIGNMENT_COLUMNS = (
    "id", "ticket_id", "department_id", "grid_id", "role", "status", "created_at", "accept_by",
    "finish_by", "instructions", "accepted_at", "returned_at", "return_reason", "fed_back_at",
    "complaint_true", "solved", "feedback", "public_reply", "escalated_at",
)  # fmt: skip
# The follow-up tables (db/followup.py): the keys of the stories' row dicts.
EXTENSION_COLUMNS = (
    "id", "ticket_id", "assignment_id", "reason", "proposed_finish_by", "previous_finish_by",
    "requested_at", "requested_by_id", "decision", "decided_at", "decided_by_id",
    "decision_note",
)  # fmt: skip
CALLBACK_COLUMNS = (
    "id", "ticket_id", "called_at", "called_by_id", "channel", "satisfaction", "note", "reopened",
)  # fmt: skip
INSPECTION_COLUMNS = (
    "id", "ticket_id", "kind", "held_on", "place", "attendees", "findings", "recorded_at",
    "recorded_by_id",
)  # fmt: skip
NOTICE_COLUMNS = (
    "id", "number", "ticket_id", "inspection_id", "party", "party_address", "problems",
    "requirements", "issued_on", "deadline", "issued_at", "issued_by_id", "status",
    "checked_at", "checked_by_id", "check_note",
)  # fmt: skip

# Ordinary matters by category (relative weights); city management, environment and noise
# lead, as in most towns' hotline figures. Epidemic prevention only from 2020.
_ORDINARY_CATEGORIES = {
    "city_management": 18, "environment": 13, "noise": 7, "property_management": 5,
    "work_safety": 5, "food_safety": 3, "fire_safety": 5, "unlicensed_business": 3,
    "water_affairs": 4, "public_services": 5, "epidemic_prevention": 8, "traffic": 6,
    "utilities": 5, "civil_affairs": 3, "labour": 2, "planning": 2, "agriculture": 3,
    "tourism": 3, "other": 2,
}  # fmt: skip
_DISPUTE_CATEGORIES = {
    "neighbour_dispute": 70, "labour": 8, "property_management": 8, "agriculture": 8,
    "planning": 3, "other": 3,
}  # fmt: skip
_SOURCES = {
    TicketKind.ORDINARY: {
        TicketSource.HOTLINE: 45, TicketSource.GRID_PATROL: 24,
        TicketSource.DISTRICT_PLATFORM: 11, TicketSource.WALK_IN: 7, TicketSource.VIDEO: 10,
        TicketSource.LETTER_VISIT: 1, TicketSource.OPINION_DAY: 2,
    },
    TicketKind.DISPUTE: {
        TicketSource.GRID_PATROL: 45, TicketSource.WALK_IN: 25, TicketSource.HOTLINE: 25,
        TicketSource.DISTRICT_PLATFORM: 5,
    },
    TicketKind.PETITION: {
        TicketSource.LETTER_VISIT: 85, TicketSource.WALK_IN: 10,
        TicketSource.DISTRICT_PLATFORM: 5,
    },
    TicketKind.SUGGESTION: {
        TicketSource.OPINION_DAY: 80, TicketSource.HOTLINE: 10, TicketSource.WALK_IN: 10,
    },
}  # fmt: skip
# What a camera can see; other categories seen on video are reported by patrol instead.
_VIDEO_CATEGORIES = frozenset(
    {"city_management", "environment", "traffic", "fire_safety", "water_affairs"}
)
_URGENT_PRONE = frozenset(
    {"fire_safety", "work_safety", "utilities", "epidemic_prevention", "water_affairs"}
)
# Rough centres of the units (latitude, longitude) for map positions.
_CENTRES = {
    "fuli": (31.300, 120.433), "dengwei": (31.283, 120.409), "xiangxue": (31.275, 120.420),
    "chongshan": (31.240, 120.370), "fuxiang": (31.312, 120.401), "yuli": (31.318, 120.445),
    "yugang": (31.262, 120.385), "meiyuan": (31.289, 120.436), "fuxi": (31.292, 120.427),
    "dongyanhu": (31.301, 120.418), "xiyanhu": (31.296, 120.398),
}  # fmt: skip
# Communities are denser: more tickets per grid.
_UNIT_WEIGHT = {AreaLevel.COMMUNITY: 1.4, AreaLevel.VILLAGE: 1.0}


_ORDINARY_DRAW = Weighted.of(_ORDINARY_CATEGORIES)
_DISPUTE_DRAW = Weighted.of(_DISPUTE_CATEGORIES)
_SOURCE_DRAW = {kind: Weighted.of(table) for kind, table in _SOURCES.items()}
_VIDEO_DRAW = Weighted.of({c: _ORDINARY_CATEGORIES[c] for c in sorted(_VIDEO_CATEGORIES)})
_OPEN = frozenset({"pending_dispatch", "dispatched", "in_progress", "awaiting_review"})


def draw_source(rng: random.Random, kind: TicketKind) -> TicketSource:
    """Where a ticket of ``kind`` comes from (before the day's office hours are considered)."""
    return _SOURCE_DRAW[kind].pick(rng)


@dataclass(slots=True)
class Chunk:
    tickets: list[tuple]
    events: list[tuple]
    assignments: list[tuple]
    # The follow-up tables' rows, by table name.
    followup: dict[str, list[tuple]] = field(default_factory=dict)


class TicketFactory:
    """Makes chunks of ticket rows; keeps the running ids and each day's code sequence."""

    def __init__(
        self,
        grids: list[GridInfo],
        teams: dict[int, GridTeam],
        departments: dict[str, tuple[int, str]],
        operators: tuple[int, ...],
        supervisor: int,
        deadlines: lifecycle.Deadlines,
    ) -> None:
        self.grids = grids
        self.grid_draw = Weighted(grids, [_UNIT_WEIGHT[g.unit.level] for g in grids])
        self.teams = teams
        self.departments = departments
        self.operators = operators
        self.supervisor = supervisor
        self.deadlines = deadlines
        # grid id → points inside its polygon (demo/grid_map.grid_places), set by the build.
        self.places: dict[int, list[tuple[float, float]]] = {}
        self.next_ticket_id = 1
        self.next_event_id = 1
        self.next_assignment_id = 1
        self.ids: dict[str, int] = {}
        self._day: date | None = None
        self._day_sequence = 0
        self._day_prefix = ""

    def _place(self, grid: GridInfo, lat_draw: float, lon_draw: float) -> tuple[float, float]:
        """(lon, lat) of a ticket in ``grid`` from its two draws: a point inside the grid's
        polygon when the demo drew one (demo/grid_map.py), else near its village's centre."""
        places = self.places.get(grid.id)
        if places:
            return place_of(places, lat_draw, lon_draw)
        lat, lon = _CENTRES[grid.unit.key]
        return round(lon + lon_draw, 6), round(lat + (grid.index - 3) * 0.004 + lat_draw, 6)

    def _code(self, created_at: datetime) -> str:
        day = created_at.date()
        if day != self._day:
            self._day, self._day_sequence = day, 0
            self._day_prefix = f"GC{day:%Y%m%d}-"
        self._day_sequence += 1
        return f"{self._day_prefix}{self._day_sequence:04d}"

    def _category(
        self, rng: random.Random, kind: TicketKind, year: int, source: TicketSource
    ) -> str:
        if source is TicketSource.VIDEO and kind is TicketKind.ORDINARY:
            # What a camera can see.
            return _VIDEO_DRAW.pick(rng)
        if kind is TicketKind.PETITION:
            return "petition_matter"
        if kind is TicketKind.SUGGESTION:
            return "suggestion"
        if kind is TicketKind.DISPUTE:
            return _DISPUTE_DRAW.pick(rng)
        code = _ORDINARY_DRAW.pick(rng)
        while code == "epidemic_prevention" and year < 2020:
            code = _ORDINARY_DRAW.pick(rng)
        return code

    def _priority(self, rng: random.Random, category: str, kind: TicketKind) -> Priority:
        if kind is not TicketKind.ORDINARY:
            return Priority.URGENT if rng.random() < 0.05 else Priority.ORDINARY
        roll = rng.random()
        critical, urgent = (0.06, 0.25) if category in _URGENT_PRONE else (0.01, 0.08)
        if roll < critical:
            return Priority.CRITICAL
        return Priority.URGENT if roll < urgent else Priority.ORDINARY

    def chunk(
        self,
        rng: random.Random,
        arrivals: list[tuple[datetime, Profile, TicketSource]],
        horizon: datetime,
        now: datetime,
    ) -> Chunk:
        """Rows for ``arrivals`` (in time order): each ticket's fate holds at ``horizon``; no
        event is later than ``now``, the moment the demo is built."""
        ctx = lifecycle.Context(
            rng,
            self.deadlines,
            self.departments,
            self.operators,
            self.supervisor,
            horizon,
            self.next_assignment_id,
            now,
            self.ids,
        )
        told: list[lifecycle.Story] = []
        rows: list[list] = []
        for created_at, profile, source in arrivals:
            ticket_id = self.next_ticket_id
            self.next_ticket_id += 1
            code = self._code(created_at)
            if profile.fate is Fate.MERGED and told:
                story, row = self._duplicate(ctx, ticket_id, code, created_at, told, rows)
            else:
                story, row = self._ticket(ctx, ticket_id, code, created_at, profile, source)
            lifecycle.settle_records(story)
            told.append(story)
            rows.append(row)
        self.next_assignment_id = ctx.next_assignment_id
        return self._finish(told, rows)

    def _ticket(
        self,
        ctx: lifecycle.Context,
        ticket_id: int,
        code: str,
        created_at: datetime,
        profile: Profile,
        source: TicketSource,
    ) -> tuple[lifecycle.Story, list]:
        rng = ctx.rng
        kind = profile.kind
        grid = self.grid_draw.pick(rng)
        category = self._category(rng, kind, created_at.year, source)
        priority = self._priority(rng, category, kind)
        title, description, address = texts.ticket_texts(
            rng, category, source, grid, dispute=kind is TicketKind.DISPUTE
        )
        if source is TicketSource.VIDEO:
            reporter: tuple[str | None, str | None] = (None, None)
        elif source is TicketSource.GRID_PATROL:
            reporter = self.teams[grid.id].worker
        else:
            reporter = (person_name(rng), phone_number(rng))
        deadline = self.deadlines.after(created_at, finish_limit(category, priority))
        lat_draw, lon_draw = rng.uniform(-0.003, 0.003), rng.uniform(-0.006, 0.006)
        lon, lat = self._place(grid, lat_draw, lon_draw)
        row = [
            ticket_id, code, kind.value, source.value, category, title, description,
            reporter[0], reporter[1], address, grid.id, lat, lon,
            priority.value, PRIORITY_RANK[priority], None, created_at, deadline,
            due_soon_threshold(created_at, deadline), None, None, profile.people,
        ]  # fmt: skip
        story = lifecycle.Story(
            ticket_id,
            created_at,
            deadline,
            category,
            kind,
            source,
            priority,
            grid.id,
            committee_code(grid.unit),
            profile.fate,
        )
        story.add(created_at, ctx.operator(), lifecycle.REGISTER, lifecycle.PENDING)
        if profile.fate.closed:
            stories.tell_closed(ctx, story)
        else:
            stories.tell_open(ctx, story)
        return story, row

    def _duplicate(
        self,
        ctx: lifecycle.Context,
        ticket_id: int,
        code: str,
        created_at: datetime,
        told: list[lifecycle.Story],
        rows: list[list],
    ) -> tuple[lifecycle.Story, list]:
        """Another reporter's ticket about the same matter as a recent one of this chunk."""
        rng = ctx.rng
        back = _kept_for(told, created_at)
        target, target_row = told[-back], rows[-back]
        row = list(target_row[:22])
        row[0], row[1] = ticket_id, code
        row[3] = TicketSource.HOTLINE.value
        row[7], row[8] = person_name(rng), phone_number(rng)
        row[16] = created_at
        row[17] = self.deadlines.after(created_at, finish_limit(target.category, target.priority))
        row[18] = due_soon_threshold(created_at, row[17])
        row[21] = 1
        story = lifecycle.Story(
            ticket_id,
            created_at,
            row[17],
            target.category,
            target.kind,
            TicketSource.HOTLINE,
            target.priority,
            target.grid_id,
            target.committee,
            Fate.MERGED,
        )
        story.add(created_at, ctx.operator(), lifecycle.REGISTER, lifecycle.PENDING)
        stories.tell_merged(ctx, story, target, target_row[1], row[5], (row[7], row[8]), row[1])
        row.append(target.ticket_id)
        return story, row

    def _finish(self, told: list[lifecycle.Story], rows: list[list]) -> Chunk:
        tickets: list[tuple] = []
        events: list[tuple] = []
        assignments: list[tuple] = []
        followup: dict[str, list[tuple]] = {}
        event_id = self.next_event_id
        for story, row in zip(told, rows, strict=True):
            story.events.sort(key=_event_time)
            merged_into = row.pop() if story.fate is Fate.MERGED else None
            last = story.events[-1]
            row[15] = story.status
            # A reopened ticket runs against the fresh deadline it got then.
            row[17] = story.deadline_at
            row[18] = story.due_soon_at
            row[19] = story.dispatched_at
            row[20] = story.closed_at
            row += [
                story.outcome, story.satisfaction, story.solved_in_grid, story.urge_count,
                story.supervised, story.reopen_count, merged_into, story.events[0][1],
                last[0], last[1], len(story.events), reversed_phone(row[8]),
                story.suspended_at,
            ]  # fmt: skip
            tickets.append(tuple(row))
            tid = story.ticket_id
            for at, user, action, from_status, to_status, note, data in story.events:
                events.append((event_id, tid, at, user, action, from_status, to_status, note, data))
                event_id += 1
            for a in story.assignments:
                assignments.append(
                    (
                        a["id"], tid, a["department_id"], a["grid_id"], a["role"],
                        a["status"], a["created_at"], a["accept_by"], a["finish_by"],
                        a["instructions"], a.get("accepted_at"), a.get("returned_at"),
                        a.get("return_reason"), a.get("fed_back_at"), a.get("complaint_true"),
                        a.get("solved"), a.get("feedback"), a.get("public_reply"),
                        a.get("escalated_at"),
                    )
                )  # fmt: skip
            for table, columns, records in (
                ("extension_request", EXTENSION_COLUMNS, story.extensions),
                ("callback_record", CALLBACK_COLUMNS, story.callbacks),
                ("joint_inspection", INSPECTION_COLUMNS, story.inspections),
                ("rectification_notice", NOTICE_COLUMNS, story.notices),
            ):
                for r in records:
                    followup.setdefault(table, []).append(tuple(r[c] for c in columns))
            for inspection in story.inspections:
                followup.setdefault("inspection_department", []).extend(
                    (inspection["id"], d) for d in dict.fromkeys(inspection["departments"])
                )
        self.next_event_id = event_id
        return Chunk(tickets, events, assignments, followup)


def _event_time(event: tuple) -> datetime:
    return event[0]


def _kept_for(told: list[lifecycle.Story], created_at: datetime) -> int:
    """How far back the ticket a duplicate folds into is: the latest one still open when the
    duplicate arrived (the latest of all when none of the last hundred is)."""
    fallback = 0
    for back in range(1, min(len(told), 100) + 1):
        story = told[-back]
        if story.fate is Fate.MERGED:
            continue
        fallback = fallback or back
        if story.status_at(created_at) in _OPEN:
            return back
    return fallback or 1


# The order the follow-up tables are written in (inspections before what refers to them).
FOLLOWUP_TABLES = (
    ("extension_request", EXTENSION_COLUMNS),
    ("callback_record", CALLBACK_COLUMNS),
    ("joint_inspection", INSPECTION_COLUMNS),
    ("inspection_department", ("inspection_id", "department_id")),
    ("rectification_notice", NOTICE_COLUMNS),
)

assert set(_ORDINARY_CATEGORIES) | set(_DISPUTE_CATEGORIES) <= set(CATEGORY_BY_CODE)
assert set(_ORDINARY_CATEGORIES) | set(_DISPUTE_CATEGORIES) <= set(texts.PROBLEMS)
