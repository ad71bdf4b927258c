"""The default demo, built once per test session on SQLite (a few seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.demo.build import DemoSummary, build_demo


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> tuple[str, DemoSummary, list[tuple]]:
    """(url, summary, progress calls) of the default demo on a fresh SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    calls: list[tuple] = []
    summary = build_demo(url, progress=lambda *args: calls.append(args))
    return url, summary, calls


@pytest.fixture(scope="session")
def demo_url(demo_build) -> str:
    return demo_build[0]


@pytest.fixture
def demo_engine(demo_url) -> Iterator[Engine]:
    engine = make_engine(demo_url)
    yield engine
    engine.dispose()
