"""Attachments benchmark: a 20 MB file kept and read back, and the detail panel's load of a
ticket with ten photos (thumbnails only), on SQLite and PostgreSQL.

    uv run python bench/attachments.py [--db URL] [--repeat 5]

Without --db it uses a fresh SQLite file in a temp folder; with a PostgreSQL URL it uses that
(empty) database, migrated here. Prints the median seconds of each step over --repeat runs:
add (a 20 MB PDF through add_attachment: type check, checksum, INSERT, ATTACH event, commit),
read (attachment_content: SELECT of the content, checksum check), detail (get_ticket_detail of
a ticket with ten 3 MB photos: the content column is deferred, so only thumbnails travel).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

# bench/queue.py would shadow the standard library's queue (psycopg imports it).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
# ruff: noqa: E402 (the imports below come after that fix)

from gridcenter_desktop.core.enums import (
    AreaLevel,
    Priority,
    TicketKind,
    TicketSource,
    UserRole,
)
from gridcenter_desktop.db import migrate
from gridcenter_desktop.db.area import Area
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.intake.attachments import (
    NewAttachment,
    add_attachment,
    add_attachments,
    attachment_content,
)
from gridcenter_desktop.services.ticket_detail import get_ticket_detail

NOW = datetime(2022, 10, 25, 10, 0)
MB = 1024 * 1024


def pdf(size: int, salt: int) -> bytes:
    head = b"%PDF-1.4\n%" + str(salt).encode() + b"\n"
    return (
        head + bytes(range(256)) * ((size - len(head)) // 256) + b"%" * ((size - len(head)) % 256)
    )


def jpeg(size: int, salt: int) -> bytes:
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + str(salt).encode()
    return head + b"\x5a" * (size - len(head))


THUMBNAIL = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
) + b"\x00" * 20_000  # about the size of a real 160x120 PNG thumbnail


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    engine = make_engine(url)
    migrate.upgrade(engine)
    sf = make_session_factory(engine)
    with sf() as s:
        town = Area(level=AreaLevel.TOWN, name="光福镇")
        village = Area(level=AreaLevel.VILLAGE, name="福利村", parent=town)
        grid = Area(level=AreaLevel.GRID, name="福利村第一网格", parent=village)
        user = User(login="op", display_name="调度员", role=UserRole.OPERATOR, password_hash="-")
        s.add_all([town, village, grid, user])
        s.commit()
        actor = Actor(user.id, UserRole.OPERATOR, user.display_name)
        grid_id = grid.id

    def new_ticket():
        with sf() as s:
            form = svc.NewTicket(
                kind=TicketKind.ORDINARY, source=TicketSource.HOTLINE, category="environment",
                title="河道垃圾", description="河道有垃圾漂浮", address="福利村三组",
                grid_id=grid_id, priority=Priority.ORDINARY,
            )  # fmt: skip
            return svc.register_ticket(s, actor, form, NOW)

    adds, reads, details = [], [], []
    for n in range(args.repeat):
        ref = new_ticket()
        content = pdf(20 * MB, n)
        with sf() as s:
            began = time.perf_counter()
            ref = add_attachment(
                s, actor, ref.id, ref.version, NewAttachment("扫描件.pdf", content), now=NOW
            )
            adds.append(time.perf_counter() - began)
        with sf() as s:
            [info] = get_ticket_detail(s, ref.id, actor).attachments
        with sf() as s:
            began = time.perf_counter()
            assert attachment_content(s, actor, info.id) == content
            reads.append(time.perf_counter() - began)
        photos = [
            NewAttachment(f"照片{i}.jpg", jpeg(3 * MB, i + 100 * n), THUMBNAIL) for i in range(10)
        ]
        with sf() as s:
            add_attachments(s, actor, ref.id, ref.version, photos, now=NOW)
        with sf() as s:
            began = time.perf_counter()
            detail = get_ticket_detail(s, ref.id, actor)
            details.append(time.perf_counter() - began)
            assert len(detail.attachments) == 11
    backend = engine.dialect.name
    print(f"{backend}: add 20 MB {statistics.median(adds):.3f} s, "
          f"read 20 MB {statistics.median(reads):.3f} s, "
          f"detail with 11 files {statistics.median(details) * 1000:.1f} ms "
          f"(median of {args.repeat})")  # fmt: skip
    engine.dispose()


if __name__ == "__main__":
    main()
