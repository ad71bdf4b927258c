"""Personal data is masked unless the user's role may see it."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.reports.masking import PersonalDataMask, mask_name, mask_phone


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
    ("role", "visible"),
    [
        (UserRole.OPERATOR, False),
        (UserRole.VIEWER, False),
        (UserRole.SUPERVISOR, True),
        (UserRole.ADMIN, True),
    ],
)
def test_role_decides_what_is_shown(role, visible):
    mask = PersonalDataMask(role)
    assert (mask.phone("13812345678") == "13812345678") is visible
    assert (mask.name("张三丰") == "张三丰") is visible
