"""Personal data is masked unless the one rule (core.permissions) lets the role see it."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import DataPurpose, UserRole
from gridcenter_desktop.core.personal_data import PersonalDataMask, mask_name, mask_phone


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("0512-66881234", "0512-****1234"),
        ("025-83331234", "025-****1234"),
        ("12345", "***45"),
        ("", ""),
        (None, ""),
    ],
)
def test_phone_masking(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"), [("张三丰", "张**"), ("李四", "李*"), ("欧阳娜娜", "欧***"), ("王", "*")]
)
def test_name_masking(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("role", "purpose", "visible"),
    [
        (UserRole.OPERATOR, DataPurpose.LEDGER, False),
        (UserRole.OPERATOR, DataPurpose.DETAIL, False),
        (UserRole.OPERATOR, DataPurpose.CALLBACK, True),
        (UserRole.VIEWER, DataPurpose.LEDGER, False),
        (UserRole.VIEWER, DataPurpose.CALLBACK, False),
        (UserRole.SUPERVISOR, DataPurpose.LEDGER, True),
        (UserRole.ADMIN, DataPurpose.DETAIL, True),
        (UserRole.ADMIN, DataPurpose.NOTICE, False),
    ],
)
def test_role_and_purpose_decide_what_is_shown(role, purpose, visible):
    mask = PersonalDataMask(role, purpose)
    assert (mask.phone("13812345678") == "13812345678") is visible
    assert (mask.name("张三丰") == "张三丰") is visible
