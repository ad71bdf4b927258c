"""UI language: Qt translations compiled from resources/translations/*.ts.

Source strings in the code are English; Simplified Chinese (zh_CN) is the default language and
must be complete. The .ts files are the translators' source (edited with Qt Linguist or by
hand); the .qm files are made from them by ``pyside6-lrelease`` and committed so a fresh clone
runs without a build step. Refresh both after changing UI strings:

    uv run python -m gridcenter_desktop.ui.i18n --update

which runs ``pyside6-lupdate`` over gridcenter_desktop/ui (new strings appear as unfinished
entries to translate) and then ``pyside6-lrelease``. ``--check`` reports untranslated strings.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from gridcenter_desktop.ui import labels

PACKAGE_DIR = Path(__file__).resolve().parents[1]
UI_DIR = PACKAGE_DIR / "ui"


def resources_dir() -> Path:
    """resources/ beside the package (or inside a PyInstaller bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return PACKAGE_DIR.parent / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


LANGUAGES = ("zh_CN", "en")
# English is the source language: its .ts only carries plural forms (lupdate -pluralonly).
SOURCE_LANGUAGE = "en"


def ts_path(language: str) -> Path:
    return translations_dir() / f"gridcenter_{language}.ts"


def qm_path(language: str) -> Path:
    return translations_dir() / f"gridcenter_{language}.qm"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's own (standard buttons, dialogs) for ``language``; returns
    the installed translators (keep them alive as long as the app)."""
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if language != SOURCE_LANGUAGE and ours.load(str(qm_path(language))):
        app.installTranslator(ours)
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if language != SOURCE_LANGUAGE and qtbase.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    labels.reset_cache()
    return installed


def source_files() -> list[Path]:
    """Every Python file whose strings the UI shows."""
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        # Inside `uv run` the tools live beside the interpreter.
        candidate = Path(sys.executable).with_name(name)
        if candidate.exists():
            return str(candidate)
        raise FileNotFoundError(f"{name} not found (it ships with PySide6-Essentials)")
    return exe


def run_lupdate(ts_file: Path, *, plural_only: bool = False) -> None:
    """Merge the current source strings into ``ts_file`` (kept translations stay; strings no
    longer in the code are dropped; locations left out so the file changes only with strings)."""
    args = [_tool("pyside6-lupdate"), *map(str, source_files())]
    args += ["-no-obsolete", "-locations", "none", "-source-language", "en"]
    if plural_only:
        args.append("-pluralonly")
    args += ["-ts", str(ts_file)]
    subprocess.run(args, check=True, capture_output=True, text=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` to ``qm_file``."""
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
        text=True,
    )


def unfinished_messages(ts_file: Path) -> list[tuple[str, str]]:
    """(context, source) of every message in ``ts_file`` without a finished translation."""
    missing = []
    root = ET.parse(ts_file).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = "".join(translation.itertext()) if translation is not None else ""
            if kind == "unfinished" or not text.strip():
                missing.append((name, message.findtext("source", "")))
    return missing


def untranslated_in_code(language: str = "zh_CN") -> list[tuple[str, str]]:
    """Strings in the current code that lack a finished ``language`` translation (lupdate run
    on a copy of the .ts, so the committed file is not touched)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts_path(language).name
        shutil.copy(ts_path(language), copy)
        run_lupdate(copy)
        return unfinished_messages(copy)


def update() -> None:
    """lupdate every language's .ts from the code, then lrelease each to its .qm."""
    translations_dir().mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        run_lupdate(ts_path(language), plural_only=language == SOURCE_LANGUAGE)
        run_lrelease(ts_path(language), qm_path(language))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gridcenter_desktop.ui.i18n",
        description="Refresh the .ts files from the code and compile them to .qm.",
    )
    parser.add_argument("--update", action="store_true", help="run lupdate and lrelease")
    parser.add_argument(
        "--check", action="store_true", help="list code strings without a zh_CN translation"
    )
    args = parser.parse_args(argv)
    if not (args.update or args.check):
        parser.print_help()
        return 2
    if args.update:
        update()
        print(f"updated {translations_dir()}")
    # After --update the .ts holds every string; --check alone looks at the code as it is now.
    missing = unfinished_messages(ts_path("zh_CN")) if args.update else untranslated_in_code()
    for context, source in missing:
        print(f"untranslated [{context}] {source}")
    if args.check:
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
