"""The rules stay Qt-free: core/, db/, services/, reports/ and demo/ never import PySide6 or
pyqtgraph, the layers only import downwards, and the UI reaches the database only through the
services and never loads the demo generator (contracts in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is not installed in the environment"
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    # Each contract was checked (a contract dropped from pyproject.toml fails here).
    for name in CONTRACTS:
        assert f"{name} KEPT" in result.stdout, result.stdout


CONTRACTS = (
    "Rules never import Qt",
    "Layers: ui above services above db above core",
    "The UI never imports the database models",
    "The UI never imports the demo builder",
)


def test_the_desk_loads_without_the_demo_generator():
    # Every UI module loaded in a fresh interpreter: the demo generator stays out (cli.py
    # hands the window its builder).
    code = (
        "import sys, pkgutil, importlib, gridcenter_desktop.ui as u\n"
        "for m in pkgutil.walk_packages(u.__path__, 'gridcenter_desktop.ui.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.startswith('gridcenter_desktop.demo')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_rules_import_without_qt():
    # A fresh interpreter that loads every rule module must not have pulled in Qt.
    code = (
        "import sys, pkgutil, importlib, gridcenter_desktop as g\n"
        "for m in pkgutil.walk_packages(g.__path__, 'gridcenter_desktop.'):\n"
        "    top = m.name.split('.')[1]\n"
        "    if top in ('core', 'db', 'services', 'reports', 'demo'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.startswith(('PySide6', 'pyqtgraph'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
