"""The workflow tests' small town (tests/workflow/conftest.py, loaded by path: test folders are
not packages), once per module and backend, for the attachment services."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "workflow_town", Path(__file__).parents[1] / "workflow" / "conftest.py"
)
workflow_town = importlib.util.module_from_spec(_spec)
sys.modules["workflow_town"] = workflow_town  # dataclasses look their module up there
_spec.loader.exec_module(workflow_town)

T0 = workflow_town.T0


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def shared_town(request, tmp_path_factory):
    yield from workflow_town._world_on(request, tmp_path_factory, request.param)


@pytest.fixture
def town(shared_town):
    """The module's town with the clock at T0 (each test works on tickets it registers)."""
    return dataclasses.replace(shared_town, now=T0, extra={})


@pytest.fixture(scope="module")
def pg_town(request, tmp_path_factory):
    yield from workflow_town._world_on(request, tmp_path_factory, "pg")
