"""What the desk asks of a demo database: whether it is one (the mark demo.build leaves in
app_setting), and who acts in it when nobody signs in (--demo, --screenshot)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db.settings import DEMO_MARKER, AppSetting
from gridcenter_desktop.db.user import User
from gridcenter_desktop.services.actor import Actor


def is_demo_database(session: Session) -> bool:
    """Whether the database was built as the demo (app_setting demo="1")."""
    value = session.scalar(select(AppSetting.value).where(AppSetting.key == DEMO_MARKER))
    return value == "1"


def demo_actor(session: Session) -> Actor:
    """The demo's operator (the first active operator account): --demo and --screenshot act
    as this person. LookupError when the database has no operator."""
    user = session.scalars(
        select(User)
        .where(User.role == UserRole.OPERATOR, User.active.is_(True))
        .order_by(User.id)
        .limit(1)
    ).first()
    if user is None:
        raise LookupError("no operator account in this database")
    return Actor(
        user_id=user.id,
        role=UserRole.OPERATOR,
        display_name=user.display_name,
        login=user.login,
    )
