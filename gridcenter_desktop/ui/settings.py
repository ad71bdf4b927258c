"""Typed settings over QSettings. Passed in (never a global) so tests give their own file."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from sqlalchemy.engine import make_url

from gridcenter_desktop.db.engine import data_dir
from gridcenter_desktop.services.periods import RelativePeriod
from gridcenter_desktop.ui.private_files import private_file

ORGANIZATION = "GridCenter"
APPLICATION = "GridCenter Desktop"
LANGUAGES = ("zh_CN", "en")
# Each language in its own words: whoever cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"
THEMES = ("system", "light", "dark")
# The smallest and largest queue font a desk may choose, in points.
QUEUE_FONT_SIZES = (8, 20)
RELATIVE_PERIODS = tuple(p.value for p in RelativePeriod)


def default_settings_path() -> Path:
    """The INI file beside the local database in the user's data folder."""
    return data_dir() / "settings.ini"


# user:password@ in a URL, for addresses SQLAlchemy cannot parse (a mistyped port).
_URL_PASSWORD = re.compile(r"^([A-Za-z][\w+.-]*://[^:/@]*):[^@]*@")


def without_password(url: str) -> str:
    """``url`` with any password removed (the user name and the rest kept as written)."""
    if not url or "@" not in url:
        return url
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - any unparsable text: fall back to the pattern
        return _URL_PASSWORD.sub(r"\1@", url)
    if parsed.password is None:
        return url
    # URL.set(password=None) keeps the old one (SQLAlchemy 2.1): replace the field itself.
    return parsed._replace(password=None).render_as_string(hide_password=False)


class Settings:
    """The desk's remembered choices: window geometry and layout, language, last login, the
    server address. Never a password: a settings file is easy to copy off a workstation, so
    it must not hold anything that signs in (a remembered password lives in the operating
    system's keyring, ui/password_store.py)."""

    def __init__(self, qsettings: QSettings) -> None:
        self._q = qsettings

    @classmethod
    def at(cls, path: Path | str) -> Settings:
        """Settings stored in the INI file at ``path`` (created readable by its owner only).
        A password saved by an older version in the server address is removed on load and
        the file rewritten at once."""
        # Created 0600 before QSettings writes it; QSettings' atomic rewrite keeps the mode.
        private_file(Path(path))
        settings = cls(QSettings(str(path), QSettings.Format.IniFormat))
        settings._drop_saved_password()
        return settings

    def _drop_saved_password(self) -> None:
        saved = self._str("db/last_url")
        clean = without_password(saved)
        if clean != saved:
            self._q.setValue("db/last_url", clean)
            self._q.sync()

    @property
    def qsettings(self) -> QSettings:
        return self._q

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._q.sync()

    # -- generic typed access ------------------------------------------------------------------

    def _str(self, key: str, default: str = "") -> str:
        value = self._q.value(key, default)
        return value if isinstance(value, str) else default

    def _int(self, key: str, default: int = 0) -> int:
        value = self._q.value(key, default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes | bytearray) and value:
            return QByteArray(bytes(value))
        return None

    # -- language ------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """UI language code: "zh_CN" (the default) or "en"."""
        value = self._str("ui/language", DEFAULT_LANGUAGE)
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._q.setValue("ui/language", value)

    # -- window --------------------------------------------------------------------------------

    @property
    def window_geometry(self) -> QByteArray | None:
        """QMainWindow.saveGeometry() of the last run, or None."""
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    def window_state(self) -> tuple[int, QByteArray | None]:
        """(layout version, QMainWindow.saveState() bytes) saved last; (0, None) if none."""
        return self._int("window/layout_version", 0), self._bytes("window/state")

    def set_window_state(self, version: int, state: QByteArray) -> None:
        self._q.setValue("window/layout_version", int(version))
        self._q.setValue("window/state", state)

    def clear_window_state(self) -> None:
        self._q.remove("window/layout_version")
        self._q.remove("window/state")

    def dialog_geometry(self, name: str) -> QByteArray | None:
        """Saved geometry of the dialog called ``name``."""
        return self._bytes(f"dialogs/{name}")

    def set_dialog_geometry(self, name: str, value: QByteArray) -> None:
        self._q.setValue(f"dialogs/{name}", value)

    # -- database and login --------------------------------------------------------------------

    @property
    def last_db_url(self) -> str:
        """The database URL opened last ("" when none: the local default file)."""
        return self._str("db/last_url")

    @last_db_url.setter
    def last_db_url(self, value: str) -> None:
        self._q.setValue("db/last_url", without_password(value))

    @property
    def ask_database(self) -> bool:
        """Show the welcome dialog (choose a database) at the next start."""
        return self._str("db/ask", "false") == "true"

    @ask_database.setter
    def ask_database(self, value: bool) -> None:
        self._q.setValue("db/ask", "true" if value else "false")

    @property
    def last_login(self) -> str:
        """Login name of the user who signed in last."""
        return self._str("user/last_login")

    @last_login.setter
    def last_login(self, value: str) -> None:
        self._q.setValue("user/last_login", value)

    @property
    def remember_password(self) -> bool:
        """Keep the password in the operating system's keyring (off unless chosen)."""
        return self._str("user/remember_password", "false") == "true"

    @remember_password.setter
    def remember_password(self, value: bool) -> None:
        self._q.setValue("user/remember_password", "true" if value else "false")

    # -- what is new ---------------------------------------------------------------------------

    @property
    def news_sound(self) -> bool:
        """Play a sound when another desk's new ticket arrives (off unless chosen)."""
        return self._str("news/sound", "false") == "true"

    @news_sound.setter
    def news_sound(self, value: bool) -> None:
        self._q.setValue("news/sound", "true" if value else "false")

    # -- ticket import -------------------------------------------------------------------------

    def last_intake_profile(self, source: str) -> str | None:
        """The column mapping last used at this desk to import ``source``'s sheets ("": the
        headers were recognised; None: never imported from there here)."""
        key = f"intake/profile/{source}"
        return self._str(key) if self._q.contains(key) else None

    def set_last_intake_profile(self, source: str, name: str) -> None:
        self._q.setValue(f"intake/profile/{source}", name)

    # -- charts --------------------------------------------------------------------------------

    @property
    def chart_period(self) -> str:
        """The charts' period: "default", "month", "year" or "custom:YYYY-MM-DD:YYYY-MM-DD"."""
        return self._str("charts/period", "default")

    @chart_period.setter
    def chart_period(self, value: str) -> None:
        self._q.setValue("charts/period", value)

    # -- appearance and defaults (the settings dialog, ui/settings_dialog.py) ------------------

    @property
    def theme(self) -> str:
        """ "system" (follow the operating system's light or dark scheme, the default),
        "light" or "dark"."""
        value = self._str("ui/theme", "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}")
        self._q.setValue("ui/theme", value)

    @property
    def queue_font_size(self) -> int:
        """The queue table's font size in points; 0: the system's size (the default)."""
        size = self._int("queue/font_size", 0)
        return size if size == 0 or QUEUE_FONT_SIZES[0] <= size <= QUEUE_FONT_SIZES[1] else 0

    @queue_font_size.setter
    def queue_font_size(self, value: int) -> None:
        value = int(value)
        if value != 0 and not QUEUE_FONT_SIZES[0] <= value <= QUEUE_FONT_SIZES[1]:
            raise ValueError(f"queue font size {value} out of range")
        self._q.setValue("queue/font_size", value)

    @property
    def report_period(self) -> str:
        """The period the charts and the export dialog open on: "" (the town's default
        period, up to the last ticket) or a services.periods.RelativePeriod value."""
        value = self._str("reports/period")
        return value if value in RELATIVE_PERIODS else ""

    @report_period.setter
    def report_period(self, value: str) -> None:
        if value and value not in RELATIVE_PERIODS:
            raise ValueError(f"unknown report period {value!r}")
        self._q.setValue("reports/period", value)

    @property
    def export_folder(self) -> str:
        """The folder the save dialogs open in, chosen in the settings ("": the folder of the
        last export, else Documents)."""
        return self._str("export/default_folder")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._q.setValue("export/default_folder", str(value))
