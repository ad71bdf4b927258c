"""The default demo, built once per test session on SQLite, with its "now" pinned so the tests
do not depend on the day they run; and a small one (built as if the day after the report's
week) for the tests that build demos again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.demo.build import DemoSummary, build_demo
from tests.demo.moments import NOW, SMALL_NOW


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> tuple[str, DemoSummary, list[tuple]]:
    """(url, summary, progress calls) of the default demo on a fresh SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    calls: list[tuple] = []
    summary = build_demo(url, progress=lambda *args: calls.append(args), now=NOW)
    return url, summary, calls


@pytest.fixture(scope="session")
def demo_url(demo_build) -> str:
    return demo_build[0]


@pytest.fixture
def demo_engine(demo_url) -> Iterator[Engine]:
    engine = make_engine(demo_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def small_demo_url(tmp_path_factory) -> str:
    """The default demo built at SMALL_NOW (recent years, the period, a week after it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('small_demo') / 'demo.sqlite3'}"
    build_demo(url, now=SMALL_NOW)
    return url
