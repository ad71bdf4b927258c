"""The town of tests/reply (reply_town.py), on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from reply_town import Town, build_town


@pytest.fixture
def town(session_factory) -> Town:
    return build_town(session_factory)
