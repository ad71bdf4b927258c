"""What Help → About shows and copies: the program's version, the database in use, the Python
and Qt versions, and the libraries shipped with their licences.

Gathered without Qt so it can be tested (and copied into a support request) on its own. Every
fact degrades to "—" rather than failing: in the frozen program (PyInstaller) some packages'
metadata is not bundled, and a server that went away must not stop the dialog from opening.
"""

from __future__ import annotations

import platform
import re
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from sqlalchemy import Engine, text

from gridcenter_desktop import DISTRIBUTION, __version__

UNKNOWN = "—"

# (distribution, licence when the metadata says nothing). The program's direct dependencies
# (pyproject.toml) first, then what they bring that ships inside the application folder and
# carries its own licence terms. The licences are only a fallback: metadata wins.
LIBRARIES: tuple[tuple[str, str], ...] = (
    ("PySide6-Essentials", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),
    ("shiboken6", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),
    ("SQLAlchemy", "MIT"),
    ("alembic", "MIT"),
    ("Mako", "MIT"),
    ("MarkupSafe", "BSD-3-Clause"),
    ("openpyxl", "MIT"),
    ("et-xmlfile", "MIT"),
    ("lxml", "BSD-3-Clause"),
    ("pyqtgraph", "MIT"),
    ("colorama", "BSD-3-Clause"),
    ("numpy", "BSD-3-Clause"),
    ("psycopg", "LGPL-3.0-only"),
    ("psycopg-binary", "LGPL-3.0-only"),
    ("platformdirs", "MIT"),
    ("chinesecalendar", "MIT"),
    ("pypinyin", "MIT"),
    ("keyring", "MIT"),
    # keyring's own: the Secret Service client on Linux (with its cryptography) and helpers.
    ("SecretStorage", "BSD-3-Clause"),
    ("jeepney", "MIT"),
    ("cryptography", "Apache-2.0 OR BSD-3-Clause"),
    ("cffi", "MIT-0"),
    ("pycparser", "BSD-3-Clause"),
    ("jaraco.classes", "MIT"),
    ("jaraco.context", "MIT"),
    ("jaraco.functools", "MIT"),
    ("more-itertools", "MIT"),
    ("backports.tarfile", "MIT"),
    ("importlib-metadata", "Apache-2.0"),
    ("zipp", "MIT"),
    ("lazy-importer", "Apache-2.0"),
    ("tzdata", "Apache-2.0"),
    ("shapely", "BSD-3-Clause"),
    ("pillow", "MIT-CMU"),
    ("typing-extensions", "PSF-2.0"),
)

_CLASSIFIER_PREFIX = "License :: "
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str


@dataclass(frozen=True)
class DatabaseFacts:
    """The database in use, safe to show and to send: never a password."""

    kind: str = UNKNOWN  # "SQLite", "PostgreSQL"
    address: str = UNKNOWN  # the URL without its password
    location: str = UNKNOWN  # the SQLite file, or the PostgreSQL server host:port/database
    server_version: str = UNKNOWN
    revision: str = UNKNOWN  # the schema's Alembic revision


@dataclass(frozen=True)
class AboutFacts:
    version: str
    python: str
    qt: str
    pyside: str
    platform: str
    log_folder: str
    user: str = UNKNOWN
    role: str = UNKNOWN
    database: DatabaseFacts = field(default_factory=DatabaseFacts)
    libraries: tuple[Library, ...] = ()


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def app_version() -> str:
    """The program's version: the package metadata's, read once at import
    (gridcenter_desktop.__version__, with its fallback where the metadata is missing)."""
    return __version__


def package_version(name: str) -> str:
    try:
        return metadata.version(name) or UNKNOWN
    except Exception:  # noqa: BLE001 - not installed, or not bundled in the frozen program
        return UNKNOWN


def licence_of(meta) -> str:
    """A package's licence from its metadata: License-Expression, a one-line License field,
    or the License classifiers; "" when the metadata says nothing usable."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    field_text = (meta.get("License") or "").strip()
    # Some packages put the whole licence text here; only a short name is worth showing.
    if field_text and "\n" not in field_text and len(field_text) <= 60:
        return field_text
    classifiers = [
        c[len(_CLASSIFIER_PREFIX) :].split(" :: ")[-1]
        for c in meta.get_all("Classifier") or []
        if c.startswith(_CLASSIFIER_PREFIX)
    ]
    return " / ".join(dict.fromkeys(classifiers))


def library(name: str, known_licence: str = "") -> Library:
    """One library's version and licence, each "—" when nothing says it."""
    try:
        meta = metadata.metadata(name)
    except Exception:  # noqa: BLE001 - missing metadata is expected in the frozen program
        return Library(name, UNKNOWN, known_licence or UNKNOWN)
    if meta is None:  # Python 3.11 returns None for an empty metadata folder
        return Library(name, UNKNOWN, known_licence or UNKNOWN)
    version = meta.get("Version") or UNKNOWN
    # The name as the list spells it (the metadata may say "PySide6_Essentials").
    return Library(name, version, licence_of(meta) or known_licence or UNKNOWN)


def direct_dependencies() -> list[str]:
    """The names the installed package requires (empty when its metadata is missing)."""
    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except Exception:  # noqa: BLE001
        return []
    names = []
    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        match = _REQUIREMENT_NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def libraries() -> tuple[Library, ...]:
    """The shipped libraries: the fixed list, plus any direct dependency it does not name
    (so a dependency added later is never left out of the licences)."""
    wanted = list(LIBRARIES)
    listed = {_normal(name) for name, _ in wanted}
    for name in direct_dependencies():
        if _normal(name) not in listed:
            listed.add(_normal(name))
            wanted.append((name, ""))
    return tuple(library(name, known) for name, known in wanted)


def database_facts(engine: Engine | None, address: str) -> DatabaseFacts:
    """What is known of the database behind ``engine``; ``address`` is its URL already
    stripped of the password (it is passed through scrub_passwords again anyway)."""
    if engine is None:
        return DatabaseFacts(address=scrub_passwords(address) or UNKNOWN)
    url = engine.url
    backend = url.get_backend_name()
    kind = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(backend, backend)
    if backend == "sqlite":
        location = str(Path(url.database)) if url.database else UNKNOWN
    else:
        host = url.host or "localhost"
        port = f":{url.port}" if url.port else ""
        location = f"{host}{port}/{url.database or ''}"
    server_version = UNKNOWN
    revision = UNKNOWN
    try:
        with engine.connect() as conn:
            if backend == "sqlite":
                server_version = str(conn.execute(text("select sqlite_version()")).scalar())
            elif backend == "postgresql":
                server_version = str(conn.execute(text("show server_version")).scalar())
            from alembic.runtime.migration import MigrationContext

            revision = MigrationContext.configure(conn).get_current_revision() or UNKNOWN
    except Exception:  # noqa: BLE001 - the server may be gone: show what is known
        pass
    return DatabaseFacts(
        kind=kind,
        address=scrub_passwords(address) or UNKNOWN,
        location=location,
        server_version=server_version,
        revision=revision,
    )


def gather(
    *,
    engine: Engine | None,
    address: str,
    user: str,
    role: str,
    qt_version: str,
    log_folder: Path | str,
) -> AboutFacts:
    """Everything Help → About shows. ``qt_version`` comes from the caller (qVersion()): this
    module never imports Qt."""
    return AboutFacts(
        version=app_version(),
        python=python_version(),
        qt=qt_version or UNKNOWN,
        pyside=package_version("PySide6-Essentials"),
        platform=platform_text(),
        log_folder=str(log_folder),
        user=user or UNKNOWN,
        role=role or UNKNOWN,
        database=database_facts(engine, address),
        libraries=libraries(),
    )


def python_version() -> str:
    return f"{platform.python_version()} ({platform.python_implementation()})"


def platform_text() -> str:
    try:
        return platform.platform()
    except Exception:  # noqa: BLE001
        return sys.platform


def frozen() -> bool:
    """Running from the application folder PyInstaller built."""
    return bool(getattr(sys, "frozen", False))


_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@/\s]+@")
_KEYWORD_PASSWORD = re.compile(r"(?i)\b(password|passwd|pwd)(\s*[=:]\s*)('[^']*'|\"[^\"]*\"|\S+)")


def scrub_passwords(text_: str) -> str:
    """``text_`` with the password of every URL (``scheme://user:secret@host``) and of every
    ``password=…`` connection keyword replaced by ***."""
    if not text_:
        return text_
    text_ = _URL_PASSWORD.sub(r"\1***@", text_)
    return _KEYWORD_PASSWORD.sub(r"\1\2***", text_)


LABELS = {
    "database": "Database",
    "address": "Address",
    "location": "Location",
    "server_version": "Server version",
    "revision": "Schema revision",
    "user": "Signed in as",
    "python": "Python",
    "qt": "Qt / PySide6",
    "platform": "System",
    "log_folder": "Log folder",
    "libraries": "Libraries",
}


def about_text(facts: AboutFacts, labels: dict[str, str] | None = None) -> str:
    """All of it as plain text for the 复制 button (pasted into a support request).
    ``labels`` translates the field names (LABELS' keys); English when not given."""
    names = {**LABELS, **(labels or {})}
    db = facts.database
    lines = [
        f"GridCenter Desktop {facts.version}",
        f"{names['database']}: {db.kind}",
        f"  {names['address']}: {db.address}",
        f"  {names['location']}: {db.location}",
        f"  {names['server_version']}: {db.server_version}",
        f"  {names['revision']}: {db.revision}",
        f"{names['user']}: {facts.user} ({facts.role})",
        f"{names['python']}: {facts.python}",
        f"{names['qt']}: {facts.qt} / {facts.pyside}",
        f"{names['platform']}: {facts.platform}",
        f"{names['log_folder']}: {facts.log_folder}",
        "",
        f"{names['libraries']}:",
    ]
    width = max((len(lib.name) for lib in facts.libraries), default=0)
    for lib in facts.libraries:
        lines.append(f"  {lib.name.ljust(width)}  {lib.version:<12} {lib.licence}")
    return scrub_passwords("\n".join(lines)) + "\n"
