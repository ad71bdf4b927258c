"""Administration services: areas and grids, grid teams, departments, deadline rules and the
town's settings. Every changing function takes the acting administrator, validates, writes one
audit entry, flushes, and commits unless told ``commit=False`` (the base-data import commits a
whole workbook at once)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.core.permissions import may_administer
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import PermissionDeniedError


class _Keep:
    """The type of :data:`KEEP`: "leave this field as it is" for optional fields where None
    means "clear it"."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()

# The action PermissionDeniedError names when a non-administrator tries an administration change.
ADMINISTER = "administer"


def require_admin(actor: Actor) -> None:
    """PermissionDeniedError unless ``actor`` is an administrator."""
    if not may_administer(actor.role):
        raise PermissionDeniedError(ADMINISTER, UserRole(actor.role).value)


@contextmanager
def transaction(session: Session, commit: bool) -> Iterator[None]:
    """Flush what the block changed (so ids exist) and commit when ``commit``; on failure roll
    back when the change owns its transaction. With ``commit=False`` the caller (the base-data
    import) owns the transaction and rolls it back itself."""
    try:
        yield
        session.flush()
        if commit:
            session.commit()
    except BaseException:
        if commit:
            session.rollback()
        raise
