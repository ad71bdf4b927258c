"""Help → About's facts (services/about.py), gathered without Qt: the version, the database
without its password, and every shipped library with a version and a licence; in a frozen
program whose metadata is missing, "—" instead of a crash."""

from __future__ import annotations

from importlib import metadata

import pytest

from gridcenter_desktop.db import migrate
from gridcenter_desktop.services import about


def test_facts_name_the_database_and_its_schema_revision(engine, db_url):
    facts = about.gather(
        engine=engine,
        address=db_url,
        user="张敏 (zhangmin)",
        role="调度员",
        qt_version="6.11.3",
        log_folder="/var/log/gc",
    )
    db = facts.database
    assert db.revision == migrate.head_revision()
    assert db.server_version != about.UNKNOWN
    if engine.dialect.name == "sqlite":
        assert db.kind == "SQLite"
        assert db.location == engine.url.database
    else:
        assert db.kind == "PostgreSQL"
        assert engine.url.database in db.location
    text = about.about_text(facts)
    assert migrate.head_revision() in text and "张敏 (zhangmin) (调度员)" in text
    assert facts.version == metadata.version("gridcenter-desktop") and facts.version in text
    assert "/var/log/gc" in text


def test_the_address_never_shows_a_password():
    facts = about.gather(
        engine=None,
        address="postgresql+psycopg://op:s3cret@db.example:5432/grid",
        user="u",
        role="r",
        qt_version="6",
        log_folder="/tmp",
    )
    text = about.about_text(facts)
    assert "s3cret" not in text
    assert "postgresql+psycopg://op:***@db.example:5432/grid" in text


def test_a_server_that_is_gone_leaves_dashes():
    from sqlalchemy import create_engine

    gone = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    facts = about.database_facts(gone, "postgresql://nobody@127.0.0.1:1/none")
    assert facts.kind == "PostgreSQL" and facts.location == "127.0.0.1:1/none"
    assert facts.server_version == about.UNKNOWN and facts.revision == about.UNKNOWN


def test_every_direct_dependency_is_listed_with_its_licence():
    libs = {about._normal(lib.name): lib for lib in about.libraries()}
    for name in about.direct_dependencies():
        assert about._normal(name) in libs, name
    assert libs["pyside6-essentials"].licence.startswith("LGPL-3.0")
    assert libs["sqlalchemy"].licence == "MIT"
    assert libs["psycopg"].licence.startswith("LGPL")
    # openpyxl has no License-Expression: its License field (or classifier) is read.
    assert libs["openpyxl"].licence == "MIT"
    assert libs["numpy"].version == metadata.version("numpy")
    assert all(lib.licence != about.UNKNOWN for lib in libs.values())


def _shipped(name: str, seen: set[str]) -> set[str]:
    """``name`` and every distribution it needs here (markers evaluated, extras left out)."""
    from packaging.requirements import Requirement

    seen.add(about._normal(name))
    for line in metadata.requires(name) or ():
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        if about._normal(req.name) not in seen:
            _shipped(req.name, seen)
    return seen


def test_every_library_the_program_ships_is_listed():
    # What the application folder carries is the program's requirements, all the way down: each
    # has its licence terms, so each is named in the licence table.
    listed = {about._normal(lib.name) for lib in about.libraries()}
    shipped = _shipped("gridcenter-desktop", set()) - {"gridcenter-desktop"}
    assert shipped - listed == set()


def test_missing_metadata_shows_dashes_not_a_crash(monkeypatch):
    """The frozen program may lack some packages' metadata."""

    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "metadata", missing)
    monkeypatch.setattr(metadata, "version", missing)
    monkeypatch.setattr(metadata, "requires", missing)
    facts = about.gather(engine=None, address="", user="", role="", qt_version="", log_folder="x")
    assert facts.version == about.__version__
    assert facts.pyside == about.UNKNOWN
    libs = {lib.name: lib for lib in facts.libraries}
    assert libs["lxml"].version == about.UNKNOWN
    # The small known table fills in only when the metadata says nothing.
    assert libs["lxml"].licence == "BSD-3-Clause"
    assert about.about_text(facts)  # still a text to copy


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"License-Expression": "MIT", "License": "whatever"}, "MIT"),
        ({"License": "BSD-3-Clause"}, "BSD-3-Clause"),
        (
            {
                "License": "Copyright (c) ...\nPermission is hereby granted ...",
                "Classifier": ["License :: OSI Approved :: MIT License"],
            },
            "MIT License",
        ),
        ({"Classifier": ["Programming Language :: Python"]}, ""),
    ],
)
def test_licence_read_from_metadata_fields(fields, expected):
    from email.message import Message

    meta = Message()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            meta[key] = item
    assert about.licence_of(meta) == expected
