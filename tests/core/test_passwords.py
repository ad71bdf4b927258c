"""Passwords are stored as salted scrypt hashes and checked without surprises."""

from __future__ import annotations

import pytest

from gridcenter_desktop.core.passwords import hash_password, verify_password


def test_the_right_password_is_accepted_and_a_wrong_one_refused():
    stored = hash_password("梅花香雪2022")
    assert stored.startswith("scrypt$")
    assert "梅花香雪2022" not in stored
    assert verify_password("梅花香雪2022", stored)
    assert not verify_password("梅花香雪2023", stored)
    assert not verify_password("", stored)


def test_two_hashes_of_one_password_differ_but_a_given_salt_repeats():
    assert hash_password("demo1234") != hash_password("demo1234")
    salt = bytes(range(16))
    assert hash_password("demo1234", salt=salt) == hash_password("demo1234", salt=salt)


@pytest.mark.parametrize(
    "stored", ["", "plain-text", "scrypt$16384$8$1$!!!$???", "bcrypt$x$y$z$a$b", "scrypt$a$b$c$d$e"]
)
def test_a_damaged_hash_never_lets_anyone_in(stored):
    assert not verify_password("demo1234", stored)


def test_an_empty_password_cannot_be_set():
    with pytest.raises(ValueError):
        hash_password("")
