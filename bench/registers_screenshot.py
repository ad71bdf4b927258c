"""Screenshots of the registers window (台账) at 1366x768, one per tab:

QT_QPA_PLATFORM=offscreen uv run python bench/registers_screenshot.py URL LOGIN PASSWORD out.png
"""

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gridcenter_desktop.core.enums import RegisterKind
from gridcenter_desktop.ui import i18n
from gridcenter_desktop.ui.app import _make_context, settle
from gridcenter_desktop.ui.jobs import JobRunner
from gridcenter_desktop.ui.registers.window import RegistersWindow
from gridcenter_desktop.ui.settings import Settings
from gridcenter_desktop.ui.signing_in import screenshot_sign_in

url, user, password, out = sys.argv[1:5]
app = QApplication([])
i18n.install_translators(app, "zh_CN")
settings = Settings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat))
runner = JobRunner()
engine, actor, signed = screenshot_sign_in(url, user, password)
ctx = _make_context(url, settings, engine, actor, runner, signed_in=False)
w = RegistersWindow(ctx)
w.resize(1366, 768)
w.show()
settle(app, ctx.jobs)
for i, kind in enumerate((RegisterKind.SPECIAL_GROUP, RegisterKind.RENTAL, RegisterKind.DANGER)):
    w.tabs.setCurrentIndex(i)
    settle(app, ctx.jobs)
    w.grab().save(out.replace(".png", f"-{kind.value}.png"), "PNG")
print("ok")
