"""Photos and documents on tickets, on SQLite and PostgreSQL: what an operator adds is what
every desk reads back, the size limit and the content check hold, a feedback carries its photos
in its own transaction, and a closed ticket keeps its files."""

from __future__ import annotations

import pytest
import sample_files as files
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from gridcenter_desktop.core.enums import (
    AssignmentStatus,
    AttachmentKind,
    DataPurpose,
    EventAction,
    TicketStatus,
    UserRole,
)
from gridcenter_desktop.core.personal_data import PersonalDataMask
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.intake import Attachment
from gridcenter_desktop.reports import ledger
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.services.intake import attachments as att
from gridcenter_desktop.services.ticket_detail import get_ticket_detail

MB = 1024 * 1024


def _pdf_of(size: int) -> bytes:
    head = files.pdf()
    return head + b"%" * (size - len(head))


def _count(town) -> int:
    with town.sf() as s:
        return s.scalar(select(func.count()).select_from(Attachment))


def _refused(town, ref, new: att.NewAttachment) -> ValidationError:
    before = (_count(town), town.ticket(ref.id).version)
    with pytest.raises(ValidationError) as refused:
        town.call(att.add_attachment, ref, new)
    assert (_count(town), town.ticket(ref.id).version) == before  # nothing written
    return refused.value


def test_a_photo_added_is_listed_with_its_thumbnail_and_named_in_the_timeline(town):
    ref = town.register()
    thumb = files.png(2, 2)
    ref2 = town.call(att.add_attachment, ref, att.NewAttachment("现场照片.png", files.png(), thumb))
    assert ref2.version == ref.version + 1
    with town.sf() as s:
        [info] = att.list_attachments(s, town.operator, ref.id)
    assert (info.file_name, info.kind, info.media_type) == (
        "现场照片.png",
        AttachmentKind.PHOTO,
        "image/png",
    )
    assert info.thumbnail == thumb and info.size == len(files.png())
    assert info.added_by_name == "调度员小王" and info.added_at == town.now
    event = town.events(ref.id)[-1]
    assert event.action == EventAction.ATTACH and event.note == "现场照片.png"
    with town.sf() as s:
        detail = get_ticket_detail(s, ref.id, town.operator)
    assert [a.file_name for a in detail.attachments] == ["现场照片.png"]


def test_a_folder_path_in_the_name_is_dropped(town):
    ref = town.register()
    town.call(
        att.add_attachment, ref, att.NewAttachment(r"C:\Users\王\Desktop\整改报告.pdf", files.pdf())
    )
    with town.sf() as s:
        assert [a.file_name for a in att.list_attachments(s, town.operator, ref.id)] == [
            "整改报告.pdf"
        ]


def test_a_20_mb_file_is_kept_whole_and_one_byte_more_is_refused(town):
    ref = town.register()
    content = _pdf_of(20 * MB)
    assert att.size_limit(town.sf()) == 20 * MB
    ref = town.call(att.add_attachment, ref, att.NewAttachment("扫描件.pdf", content))
    with town.sf() as s:
        [info] = att.list_attachments(s, town.operator, ref.id)
        assert att.attachment_content(s, town.operator, info.id) == content
    error = _refused(town, ref, att.NewAttachment("扫描件2.pdf", _pdf_of(20 * MB + 1)))
    assert (error.field, error.rule) == ("attachment_file", "too_large")


def test_a_renamed_program_is_refused_whatever_its_name(town):
    ref = town.register()
    error = _refused(town, ref, att.NewAttachment("现场照片.jpg", files.windows_program()))
    assert (error.field, error.rule) == ("attachment_file", "program")
    error = _refused(town, ref, att.NewAttachment("照片.zip", files.zip_of({"a.jpg": b"x"})))
    assert error.rule == "archive"


def test_one_refused_file_in_a_drop_refuses_the_whole_drop(town):
    ref = town.register()
    before = _count(town)
    with pytest.raises(ValidationError):
        town.call(
            att.add_attachments,
            ref,
            [att.NewAttachment("a.pdf", files.pdf()), att.NewAttachment("b.jpg", b"GIF89a")],
        )
    assert _count(town) == before


def test_a_heic_photo_the_desk_could_not_decode_is_refused_with_a_reason(town):
    ref = town.register()
    error = _refused(town, ref, att.NewAttachment("IMG_0001.HEIC", files.heic()))
    assert (error.field, error.rule) == ("attachment_file", "heic_unreadable")
    # A desk that could decode it (and made the thumbnail) may keep it.
    town.call(
        att.add_attachment, ref, att.NewAttachment("IMG_0001.HEIC", files.heic(), files.png())
    )


def test_a_thumbnail_must_be_a_small_png(town):
    ref = town.register()
    error = _refused(town, ref, att.NewAttachment("a.png", files.png(), files.windows_program()))
    assert (error.field, error.rule) == ("thumbnail", "invalid")


def test_two_workstations_see_the_same_photo(town):
    ref = town.register()
    photo = files.png(64, 48, (10, 120, 200))
    town.call(att.add_attachment, ref, att.NewAttachment("河道.png", photo, files.png(2, 2)))
    # Another desk: its own engine and connection pool on the same database.
    other = make_engine(town.sf.kw["bind"].url.render_as_string(hide_password=False))
    try:
        with make_session_factory(other)() as s:
            [info] = att.list_attachments(s, town.supervisor, ref.id)
            assert att.attachment_content(s, town.supervisor, info.id) == photo
    finally:
        other.dispose()


def test_a_viewer_may_not_add_or_remove_files(town):
    ref = town.register()
    with pytest.raises(PermissionDeniedError):
        town.call(
            att.add_attachment,
            ref,
            att.NewAttachment("a.pdf", files.pdf()),
            actor=town.actors[UserRole.VIEWER],
        )


def test_a_file_is_removed_while_open_and_kept_once_closed(town):
    ref = town.bring_to(TicketStatus.AWAITING_REVIEW)
    ref = town.call(
        att.add_attachments, ref, [att.NewAttachment(n, files.pdf()) for n in ("甲.pdf", "乙.pdf")]
    )
    with town.sf() as s:
        first, second = att.list_attachments(s, town.operator, ref.id)
    ref = town.call(att.remove_attachment, ref, first.id)
    event = town.events(ref.id)[-1]
    assert event.action == EventAction.DETACH and event.note == "甲.pdf"
    ref = town.call(svc.close_ticket, ref, actor=town.supervisor)
    with pytest.raises(TransitionError):
        town.call(att.remove_attachment, ref, second.id)
    # The database keeps it too, whoever asks it directly.
    with town.sf() as s, pytest.raises(DBAPIError, match="closed ticket are kept"):
        s.execute(text("DELETE FROM attachment WHERE id = :id"), {"id": second.id})
    with town.sf() as s:
        assert [a.file_name for a in att.list_attachments(s, town.operator, ref.id)] == ["乙.pdf"]


def test_a_file_of_another_ticket_cannot_be_removed_through_this_one(town):
    one, two = town.register(), town.register()
    town.call(att.add_attachment, two, att.NewAttachment("a.pdf", files.pdf()))
    with town.sf() as s:
        [info] = att.list_attachments(s, town.operator, two.id)
    with pytest.raises(ValidationError) as refused:
        town.call(att.remove_attachment, one, info.id)
    assert refused.value.field == "attachment_id"


def test_a_feedback_carries_its_photos_with_its_assignment(town):
    ref = town.bring_to(TicketStatus.IN_PROGRESS)
    lead = town.pick(ref.id, AssignmentStatus.ACCEPTED)
    form = svc.Feedback(
        complaint_true=True,
        solved=True,
        feedback="已清理，附现场照片",
        attachments=(att.NewAttachment("整改后.png", files.png(), files.png(2, 2)),),
    )
    ref = town.call(svc.feed_back, ref, lead, form)
    assert ref.status == TicketStatus.AWAITING_REVIEW
    with town.sf() as s:
        [info] = att.list_attachments(s, town.supervisor, ref.id)
    assert info.assignment_id == lead
    assert town.events(ref.id)[-1].action == EventAction.FEEDBACK  # one event, one commit


def test_a_refused_file_refuses_the_feedback(town):
    ref = town.bring_to(TicketStatus.IN_PROGRESS)
    lead = town.pick(ref.id, AssignmentStatus.ACCEPTED)
    before = town.snapshot(), _count(town)
    form = svc.Feedback(
        True, True, "已处理", attachments=(att.NewAttachment("照片.jpg", files.windows_program()),)
    )
    with pytest.raises(ValidationError):
        town.call(svc.feed_back, ref, lead, form)
    assert (town.snapshot(), _count(town)) == before


def test_the_town_sets_its_own_size_limit(town):
    with town.sf() as s, pytest.raises(PermissionDeniedError):
        att.save_size_limit(s, town.operator, MB)
    admin = town.actors[UserRole.ADMIN]
    try:
        with town.sf() as s:
            att.save_size_limit(s, admin, MB)
        ref = town.register()
        error = _refused(town, ref, att.NewAttachment("大.pdf", _pdf_of(MB + 1)))
        assert error.rule == "too_large"
        town.call(att.add_attachment, ref, att.NewAttachment("小.pdf", _pdf_of(MB)))
    finally:
        with town.sf() as s:
            att.save_size_limit(s, admin, att.DEFAULT_MAX_BYTES)


def test_the_ledger_counts_each_tickets_files(town):
    bare, with_files = town.register(), town.register()
    town.call(
        att.add_attachments,
        with_files,
        [att.NewAttachment(f"{n}.pdf", files.pdf()) for n in "甲乙丙"],
    )
    mask = PersonalDataMask(UserRole.OPERATOR, DataPurpose.LEDGER)
    with town.sf() as s:
        rows = list(ledger.ledger_values(s, [bare.id, with_files.id], mask, town.now))
    column = ledger.HEADERS.index("附件数")
    assert [row[column] for row in rows] == [0, 3]
