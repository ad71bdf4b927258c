"""The rules stay Qt-free: core/, db/, services/, reports/ and demo/ never import PySide6 or
pyqtgraph, and the layers only import downwards (contracts in pyproject.toml)."""

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
