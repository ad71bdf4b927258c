"""Input that used to escape as a raw database error on PostgreSQL (or be stored as typed on
SQLite) is refused with the field named, the same on both databases, and nothing is written;
phone numbers are accepted in the forms people write them and stored in one form."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.calendar import set_calendar_days
from gridcenter_desktop.services.errors import NotFoundError, ValidationError
from gridcenter_desktop.services.search import search_ticket_ids


def _refused(world, field: str, rule: str, **form) -> None:
    before = world.snapshot()
    with pytest.raises(ValidationError) as err:
        world.register(**form)
    assert (err.value.field, err.value.rule) == (field, rule), form
    assert world.snapshot() == before


def test_a_3000_letter_run_is_stored_whole_and_still_found(world):
    run = "a" * 3000
    ref = world.register(description=f"现场有人在墙上写满了 {run} 字样")
    ticket = world.ticket(ref.id)
    assert run in ticket.description
    with world.sf() as s:
        assert ref.id in search_ticket_ids(s.connection(), "aaaaaaaa")
        assert ref.id in search_ticket_ids(s.connection(), run)


@pytest.mark.parametrize(
    "field", ["title", "description", "reporter_name", "address"], ids=lambda f: f
)
def test_nul_bytes_are_refused_naming_the_field(world, field):
    _refused(world, field, "control_chars", **{field: "福利村\x00三组"})


def test_nul_bytes_in_a_note_or_feedback_are_refused(world):
    ref = world.register()
    before = world.snapshot()
    with pytest.raises(ValidationError) as err:
        world.call(svc.urge_ticket, ref, note="请尽快\x00处理")
    assert (err.value.field, err.value.rule) == ("note", "control_chars")
    with pytest.raises(ValidationError) as err:
        world.call(svc.dispatch_ticket, ref, to_grid=True, instructions="\x1b[31m")
    assert (err.value.field, err.value.rule) == ("instructions", "control_chars")
    assert world.snapshot() == before


def test_line_breaks_and_tabs_are_ordinary_text(world):
    ref = world.register(description="第一行\n第二行\t（附注）\r\n")
    assert world.ticket(ref.id).description == "第一行\n第二行\t（附注）"


def test_people_count_is_bounded(world):
    _refused(world, "people_count", "range", people_count=2**31)
    _refused(world, "people_count", "range", people_count=10001)
    _refused(world, "people_count", "positive", people_count=0)
    assert world.ticket(world.register(people_count=10000).id).people_count == 10000


def test_huge_ids_are_unknown_not_database_errors(world):
    _refused(world, "grid_id", "unknown", grid_id=2**31)
    _refused(world, "grid_id", "unknown", grid_id=2**63)
    ref = world.register()
    with pytest.raises(ValidationError) as err:
        world.call(svc.dispatch_ticket, ref, lead_department_id=2**63)
    assert (err.value.field, err.value.rule) == ("lead_department_id", "unknown")
    with pytest.raises(NotFoundError):
        with world.sf() as s:
            svc.urge_ticket(s, world.operator, 2**31, 1, now=world.now)


@pytest.mark.parametrize(
    "title", ["\u200b\u200b\u200b", "\u200b \u2060\ufeff", "\u3000\u200d"], ids=repr
)
def test_a_title_of_invisible_characters_is_empty(world, title):
    _refused(world, "title", "required", title=title)


def test_invisible_characters_at_the_ends_are_dropped(world):
    ref = world.register(title="\u200b\ufeff夜间施工噪音\u200b ")
    assert world.ticket(ref.id).title == "夜间施工噪音"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13912345678", "13912345678"),
        ("１３９１２３４５６７８", "13912345678"),  # full-width, as Chinese input methods type
        ("+86 139 1234 5678", "13912345678"),
        ("+8613912345678", "13912345678"),
        ("139-1234-5678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("0512-66881234", "0512-66881234"),
        ("(0512)66881234", "0512-66881234"),
        ("（０５１２）６６８８１２３４", "0512-66881234"),
        ("051266881234", "0512-66881234"),
        ("021-66881234", "021-66881234"),
        ("+86 512 6688 1234", "0512-66881234"),
        ("66881234", "66881234"),
    ],
)
def test_phones_are_accepted_as_people_write_them_and_stored_in_one_form(world, typed, stored):
    ref = world.register(reporter_phone=typed)
    assert world.ticket(ref.id).reporter_phone == stored


@pytest.mark.parametrize(
    "typed",
    [
        "13٨١٢٣٤٥٦٧٨",  # Arabic-Indic digits
        "۱۳۹۱۲۳۴۵۶۷۸",  # Persian digits
        "१३९१२३४५६७८",  # Devanagari digits
        "139 1234 567",
        "12345",
        "0512-123",
        "1391234567\x00",
    ],
    ids=repr,
)
def test_other_scripts_digits_and_broken_numbers_are_refused(world, typed):
    _refused(world, "reporter_phone", "phone", reporter_phone=typed)


def test_calendar_names_with_control_characters_are_refused(world):
    from datetime import date

    from gridcenter_desktop.core.enums import HolidayKind, UserRole

    with world.sf() as s:
        before = s.execute(text("SELECT count(*) FROM calendar_day")).scalar()
        with pytest.raises(ValidationError) as err:
            set_calendar_days(
                s,
                world.actors[UserRole.ADMIN],
                {date(2030, 1, 1): HolidayKind.HOLIDAY},
                {date(2030, 1, 1): "元旦\x00"},
            )
        assert (err.value.field, err.value.rule) == ("name", "control_chars")
        assert s.execute(text("SELECT count(*) FROM calendar_day")).scalar() == before


def test_the_widest_period_gives_figures_not_an_overflow(world, tmp_path):
    from datetime import date

    from gridcenter_desktop.reports import ledger
    from gridcenter_desktop.services.statistics import period_statistics

    world.register()
    with world.sf() as s:
        figures = period_statistics(s, date.min, date.max)
        assert figures.tickets_total >= 1
        result = ledger.write_period_ledger(s, tmp_path / "all.xlsx", date.min, date.max)
    assert result.rows == figures.tickets_total


def test_an_export_interrupted_mid_write_leaves_no_file(world, tmp_path, monkeypatch):
    """Ctrl+C (KeyboardInterrupt) while the ledger is being written: no report, no temporary
    file beside it, none of openpyxl's in the temp folder."""
    import tempfile
    from datetime import date

    from gridcenter_desktop.reports import ledger

    for _ in range(3):
        world.register()
    # A temp folder of the test's own: other tests' exports run beside it (xdist).
    scratch = tmp_path / "temp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()

    def interrupt(done, total, stage):
        if done:
            raise KeyboardInterrupt

    with world.sf() as s:
        with pytest.raises(KeyboardInterrupt):
            ledger.write_period_ledger(
                s,
                out / "台账.xlsx",
                date(2022, 1, 1),
                date(2022, 12, 31),
                progress=interrupt,
                batch_size=1,
            )
    assert list(out.iterdir()) == []
    assert list(scratch.iterdir()) == []


def test_a_queue_filtered_by_an_impossible_id_is_empty(world):
    from gridcenter_desktop.services.queue import QueueFilter, QueueOrder, fetch_page

    world.register()
    with world.sf() as s:
        for flt in (QueueFilter(department_id=2**63), QueueFilter(handled_by=2**31)):
            assert fetch_page(s, flt, QueueOrder(field="created")) == []
