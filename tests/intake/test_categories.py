"""A platform's categories become ours: by name and common words, "大类/小类" paths whole, then
the leaf, then the major; what nobody knows is 其他 and flagged; an operator's saved mapping
comes first and is remembered for later imports of that platform only. Both databases, and
PostgreSQL as the operator's own login role."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from gridcenter_desktop.core.enums import AuditAction, IntakeField, IntakeSource, UserRole
from gridcenter_desktop.demo.platform_sheet import PLATFORM_PATHS, UNKNOWN_PATHS
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.services.errors import PermissionDeniedError, ValidationError
from gridcenter_desktop.services.intake.categories import (
    category_mapping,
    category_text,
    resolve_category,
    save_category_mapping,
)
from tests.admin.town_desk import T0, audit_details, build_desk, postgresql_desk, signed_in_engine


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("噪音扰民", "noise"),  # our own name
        ("城市管理/占道经营", "city_management"),
        ("城乡建设-违章搭建", "city_management"),  # the leaf, written with a hyphen
        ("环境保护>噪声污染", "noise"),  # the leaf says more than the major
        ("环境保护／其他问题", "environment"),  # full-width slash; unknown leaf, known major
        ("水电气 / 供水", "utilities"),
        ("其他", "other"),  # mapped on purpose, not flagged
        ("food_safety", "food_safety"),  # Open311's service_code is our code
    ],
)
def test_the_platforms_words_become_our_categories(text, code):
    assert resolve_category(text, {}) == (code, False)


@pytest.mark.parametrize("text", ["政务服务/办事效率", "", None, "教育"])
def test_what_nobody_knows_is_other_and_flagged(text):
    assert resolve_category(text, {}) == ("other", True)


def test_every_path_of_the_generated_platform_tree_resolves_as_meant():
    for code, paths in PLATFORM_PATHS.items():
        for path in paths:
            assert resolve_category(path, {}) == (code, False), path
    for path in UNKNOWN_PATHS:
        assert resolve_category(path, {}) == ("other", True), path


def test_a_saved_mapping_comes_first():
    mapping = {"环境保护/噪声污染": "environment", "办事效率": "public_services"}
    assert resolve_category("环境保护/噪声污染", mapping) == ("environment", False)
    # A mapped leaf is found inside a path the mapping does not name whole.
    assert resolve_category("政务服务/办事效率", mapping) == ("public_services", False)


def test_a_separate_minor_column_makes_a_path():
    assert category_text(
        {IntakeField.CATEGORY: "城市管理", IntakeField.CATEGORY_MINOR: "路灯"}
    ) == ("城市管理/路灯")
    assert category_text({IntakeField.CATEGORY_MINOR: "路灯"}) == "路灯"
    assert category_text({}) == ""


def _operator(session: Session) -> tuple[Actor, Actor]:
    desk = build_desk(session)
    return desk.operator, desk.admin


def test_an_operator_maps_a_category_once_and_later_imports_know_it(session):
    operator, _ = _operator(session)
    source = IntakeSource.HOTLINE_12345
    assert resolve_category("政务服务/办事效率", category_mapping(session, source)) == (
        "other",
        True,
    )
    key = save_category_mapping(
        session, operator, source, " 政务服务／办事效率 ", "public_services", now=T0
    )
    assert key == "政务服务/办事效率"
    mapping = category_mapping(session, source)
    assert resolve_category("政务服务/办事效率", mapping) == ("public_services", False)
    # The district platform's tree is its own: the 12345 mapping does not apply there.
    district = category_mapping(session, IntakeSource.DISTRICT)
    assert resolve_category("政务服务/办事效率", district) == ("other", True)
    # Changing it replaces the mapping; saving the same again changes nothing and audits nothing.
    save_category_mapping(session, operator, source, "政务服务/办事效率", "suggestion", now=T0)
    save_category_mapping(session, operator, source, "政务服务/办事效率", "suggestion", now=T0)
    assert category_mapping(session, source) == {"政务服务/办事效率": "suggestion"}
    entries = audit_details(session, AuditAction.INTAKE_CHANGE)
    assert [d["after"] for _, d in entries] == ["public_services", "suggestion"]
    assert entries[1][1]["before"] == "public_services"


@pytest.mark.parametrize(
    ("external", "category", "field", "rule"),
    [
        ("  ", "noise", "external_category", "required"),
        ("x" * 201, "noise", "external_category", "too_long"),
        ("噪音\x00", "noise", "external_category", "control_chars"),
        ("噪音", "no_such", "category", "unknown"),
    ],
)
def test_a_bad_mapping_is_refused(session, external, category, field, rule):
    operator, _ = _operator(session)
    with pytest.raises(ValidationError) as caught:
        save_category_mapping(session, operator, IntakeSource.DISTRICT, external, category)
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert category_mapping(session, IntakeSource.DISTRICT) == {}


def test_a_viewer_may_not_map_categories(session):
    _operator(session)
    viewer = Actor(None, UserRole.VIEWER, "领导", "boss")
    with pytest.raises(PermissionDeniedError):
        save_category_mapping(session, viewer, IntakeSource.DISTRICT, "噪音", "noise")


def test_in_the_callers_transaction_nothing_commits_until_it_does(session_factory):
    with session_factory() as session:
        operator, _ = _operator(session)
        save_category_mapping(
            session, operator, IntakeSource.DISTRICT, "宠物管理", "other", commit=False
        )
        session.rollback()
    with session_factory() as session:
        assert category_mapping(session, IntakeSource.DISTRICT) == {}


@pytest.mark.pg
def test_on_postgresql_an_operators_own_login_saves_a_mapping():
    with postgresql_desk() as (engine, desk):
        own = signed_in_engine(engine, "op")
        try:
            with Session(own) as session:
                save_category_mapping(
                    session, desk.operator, IntakeSource.DISTRICT, "社区事务/宠物管理", "other"
                )
                save_category_mapping(
                    session, desk.operator, IntakeSource.DISTRICT, "社区事务/宠物管理", "noise"
                )
            with Session(engine) as session:
                assert category_mapping(session, IntakeSource.DISTRICT) == {
                    "社区事务/宠物管理": "noise"
                }
        finally:
            own.dispose()
