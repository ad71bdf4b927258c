"""Every error the services can raise reads, in Chinese, as a sentence naming the field.

The list is not written by hand: the source of services/, core/ and reports/ is walked for
``ValidationError(field, rule)`` calls, and calls whose field or rule is a variable are followed
to the helpers that pass them on (text_input, _require ...). A new raise, or a new helper, that
this walk cannot resolve fails the test, so it must be taught here and labelled in
ui/error_labels.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import gridcenter_desktop
from gridcenter_desktop.core import enums
from gridcenter_desktop.core.area_codes import CodeProblem
from gridcenter_desktop.services.errors import (
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.ui import error_labels, i18n, labels

PACKAGE = Path(gridcenter_desktop.__file__).parent
SCANNED = ("services", "core", "reports")
TEXT_RULES = {"required", "too_long", "control_chars"}  # core.validation.check_text

# Functions that raise ValidationError with a field or rule taken from their arguments:
# name → (position of the field argument or a fixed field, position of the rule argument or
# the rules the function itself can produce).
HELPERS: dict[str, tuple[int | str, int | set[str]]] = {
    "text_input": (0, TEXT_RULES),
    "_text": (0, TEXT_RULES),
    "_enum": (2, {"invalid"}),
    "active_department": (2, {"required", "unknown", "inactive"}),
    "active_grid": ("grid_id", {"unknown", "not_grid", "inactive"}),
    "_require": ("assignment_id", 1),
}
# Raises whose field or rule is a loop variable or a checker's result, by enclosing function.
LOCAL: dict[str, set[tuple[str, str]]] = {
    "_validated": {
        ("reporter_phone", "phone"),
        ("latitude", "range"),
        ("longitude", "range"),
        *(("people_count", rule) for rule in ("invalid", "positive", "range")),
    },
    "set_calendar_days": {("name", rule) for rule in TEXT_RULES - {"required"}},
    "body": {("complaint_true", "required"), ("solved", "required")},
    # services/intake/attachment_files.py: core.validation.check_text on the file's name.
    "clean_file_name": {("attachment_name", rule) for rule in TEXT_RULES},
    "parse_calendar_rows": {
        ("row 3", rule) for rule in ("missing_kind", "bad_date", "bad_kind", "duplicate")
    },
    # services/users.py: db/roles.login_problem and core/passwords.password_problem.
    "_check_login": {("login", rule) for rule in ("required", "too_long", "bad_characters")},
    "_check_password": {("password", rule) for rule in ("too_short", "same_as_login", "common")},
    # services/admin/areas.py: core/area_codes.code_problem's answers.
    "check_code_shape": {("area_code", problem.value) for problem in CodeProblem},
    # services/tickets/common.py: core.workflow's refusals (Refused.rule) as ValidationErrors.
    "_service_error": {
        *(
            ("assignment_id", rule)
            for rule in (
                "required",
                "unknown",
                "not_pending",
                "not_open",
                "not_accepted",
                "not_missed",
                "invalid",
            )
        ),
        *(("ticket_id", rule) for rule in ("not_answered", "merged_reopen", "invalid")),
    },
    # services/pg_sign_in.py: the refusals of migration 0008's functions (gc_refuse).
    "refusal_of": {
        ("login", "unknown"),
        ("login", "locked"),
        ("login", "duplicate"),
        ("login", "bad_characters"),
        ("password", "not_a_verifier"),
        ("role", "invalid"),
        ("user", "not_found"),
        ("user", "self"),
        ("user", "last_admin"),
    },
}


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _raised_errors() -> tuple[set[tuple[str, str]], list[str]]:
    """Every (field, rule) the scanned code can raise, and the raises this walk cannot read."""
    pairs: set[tuple[str, str]] = set()
    unresolved: list[str] = []
    for top in SCANNED:
        for path in sorted((PACKAGE / top).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            _walk(tree, path.relative_to(PACKAGE), None, pairs, unresolved)
    return pairs, unresolved


def _walk(node, path, function, pairs, unresolved) -> None:
    for child in ast.iter_child_nodes(node):
        inner = child.name if isinstance(child, ast.FunctionDef) else function
        if isinstance(child, ast.Call):
            _read_call(child, path, function, pairs, unresolved)
        _walk(child, path, inner, pairs, unresolved)


def _read_call(call: ast.Call, path, function, pairs, unresolved) -> None:
    name = _callee(call)
    where = f"{path}:{call.lineno} in {function}()"
    if name == "ValidationError" and len(call.args) >= 2:
        field, rule = _literal(call.args[0]), _literal(call.args[1])
        if field is not None and rule is not None:
            pairs.add((field, rule))
        elif function not in HELPERS and function not in LOCAL:
            unresolved.append(where)
    elif name in HELPERS and function != name:
        field_at, rules = HELPERS[name]
        field = field_at if isinstance(field_at, str) else _arg(call, field_at)
        found = {_arg(call, rules)} if isinstance(rules, int) else rules
        if field is None or None in found:
            unresolved.append(where)
        else:
            pairs.update((field, rule) for rule in found)
    elif name == "ValidationError":
        unresolved.append(where)


def _arg(call: ast.Call, position: int) -> str | None:
    return _literal(call.args[position]) if position < len(call.args) else None


def _all_pairs() -> set[tuple[str, str]]:
    pairs, _ = _raised_errors()
    for extra in LOCAL.values():
        pairs |= extra
    return pairs


# Any Latin word of 3+ letters: a field or rule code leaking into the sentence (a file
# extension such as .xlsx is what the user types, so it may stay).
_LATIN = re.compile(r"(?<![.\w])[A-Za-z_]{3,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp):
    installed = i18n.install_translators(qapp, "zh_CN")
    labels.reset_cache()
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    labels.reset_cache()


def test_the_walk_reads_every_raise_and_finds_the_workflow_errors():
    pairs, unresolved = _raised_errors()
    assert unresolved == [], "teach HELPERS/LOCAL about these raises"
    pairs = _all_pairs()
    # The operator-facing ones that once fell back to a generic sentence.
    for expected in [
        ("feedback", "required"),
        ("public_reply", "too_long"),
        ("assignment_id", "not_pending"),
        ("assignment_id", "not_open"),
        ("assignment_id", "not_accepted"),
        ("merged_into_id", "merged"),
        ("reopen", "requires_dissatisfied"),
        ("latitude", "range"),
        ("name", "too_long"),
    ]:
        assert expected in pairs


def test_every_validation_error_reads_as_a_chinese_sentence_naming_the_field(chinese):
    bad = []
    for field, rule in sorted(_all_pairs()):
        label = error_labels.field_label(field)
        text = labels.error_text(ValidationError(field, rule))
        if (
            label == field
            or error_labels.rule_text(rule) is None
            or label not in text
            or _LATIN.search(text)
            or not _CJK.search(text)
        ):
            bad.append((field, rule, text))
    assert bad == []


def test_the_feedback_sentence_a_user_sees(chinese):
    text = labels.error_text(ValidationError("assignment_id", "not_accepted"))
    assert text.startswith(error_labels.field_label("assignment_id"))
    assert "签收" in text


@pytest.mark.parametrize(
    "action",
    list(enums.EventAction)
    + [
        "edit_calendar",
        "administer_users",
        "change_password",
        "first_admin",
        "archive_audit",
        "administer",
    ],
)
def test_every_refused_action_reads_as_chinese(chinese, action):
    for status in enums.TicketStatus:
        text = labels.error_text(TransitionError(str(action), status.value))
        assert labels.status_label(status) in text and not _LATIN.search(text), text
    for role in enums.UserRole:
        text = labels.error_text(PermissionDeniedError(str(action), role.value))
        assert labels.user_role_label(role) in text and not _LATIN.search(text), text
