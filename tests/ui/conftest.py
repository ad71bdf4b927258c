"""UI tests run offscreen with their own settings file, a fixed clock, and fail when a
background job outlives its test."""

from __future__ import annotations

import os

# Before Qt is imported anywhere: no display is needed for widget tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import datetime  # noqa: E402

import pytest  # noqa: E402

from gridcenter_desktop.core.enums import UserRole  # noqa: E402
from gridcenter_desktop.db.engine import make_engine, make_session_factory  # noqa: E402
from gridcenter_desktop.services.actor import Actor  # noqa: E402

FIXED_NOW = datetime(2022, 10, 25, 10, 0, 0)


@pytest.fixture
def settings(tmp_path):
    """Settings in a throw-away INI file (never the user's)."""
    from gridcenter_desktop.ui.settings import Settings

    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def make_context(qapp, settings) -> Iterator:
    """Build an AppContext over a database URL; every job must be finished when the test ends."""
    from gridcenter_desktop.ui.context import AppContext, EventBus
    from gridcenter_desktop.ui.jobs import JobRunner

    made = []

    def make(url: str, actor: Actor | None = None):
        engine = make_engine(url)
        factory = make_session_factory(engine)
        ctx = AppContext(
            engine=engine,
            session_factory=factory,
            db_label=url,
            actor=actor or Actor(user_id=None, role=UserRole.OPERATOR, display_name="测试调度员"),
            settings=settings,
            jobs=JobRunner(factory),
            bus=EventBus(),
            now=lambda: FIXED_NOW,
        )
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        idle = ctx.jobs.wait_idle(10_000)
        ctx.engine.dispose()
        assert idle, "background jobs leaked past the end of the test"
