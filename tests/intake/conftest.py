"""The intake tests' small town (plan_town.py), fresh for each test on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.intake.plan_town import build_plan_town


@pytest.fixture
def town(session_factory):
    return build_plan_town(session_factory)
