"""A desk that keeps registering tickets, in its own process, while a backup is taken:

    python -m tests.backup.writer URL OPERATOR_ID GRID_ID STOP_FILE

Ticket i registered on day i after T0, one per transaction
(services.tickets.register_ticket), until STOP_FILE exists."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import Priority, TicketKind, TicketSource, UserRole
from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.actor import Actor
from tests.admin.town_desk import T0


def main(url: str, operator_id: int, grid_id: int, stop: Path) -> None:
    operator = Actor(operator_id, UserRole.OPERATOR, "调度员小王", "op")
    engine = make_engine(url)
    i = 0
    while not stop.exists():
        with Session(engine) as session:
            new = svc.NewTicket(
                kind=TicketKind.ORDINARY,
                source=TicketSource.HOTLINE,
                category="noise",
                title=f"夜间施工噪音扰民 {i}",
                description="工地夜间施工。" * 20,
                address="前进村三组",
                grid_id=grid_id,
                priority=Priority.ORDINARY,
            )
            svc.register_ticket(session, operator, new, T0 + timedelta(days=i))
        i += 1
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
