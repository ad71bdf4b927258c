"""People of the demo: grid teams ("1+1+N"), reporters' names and phones, and the logins.

Names are drawn from surnames common around Suzhou and ordinary given-name characters; phone
numbers are valid mainland mobile numbers whose middle four digits are 0000, so anyone reading
them sees at once that they are made up (they look masked), while every validator accepts them.
"""

from __future__ import annotations

import os
import random
import secrets
from dataclasses import dataclass

from gridcenter_desktop.core.enums import MemberRole, UserRole
from gridcenter_desktop.core.passwords import hash_password, password_problem
from gridcenter_desktop.demo.areas import GridInfo
from gridcenter_desktop.demo.draw import Weighted
from gridcenter_desktop.services.errors import ValidationError

_SURNAMES = (
    "王张陈李周徐沈朱陆顾吴钱孙杨金姚蒋许黄费施邹范汤潘"
    "钟蔡薛唐袁马宋胡郁严殷冯曹俞邱谈"
)  # fmt: skip
# Weighted towards the common ones: the first ten appear about half the time.
_SURNAME_DRAW = Weighted(_SURNAMES, [5 if i < 10 else 2 for i in range(len(_SURNAMES))])
_GIVEN = (
    "建国华明丽芳伟强军红英秀兰玉梅敏静燕霞军平杰涛斌勇超磊洋鹏飞刚辉"
    "婷雪琴云凤娟萍晨浩宇欣怡佳琪子涵梓轩文博思雨俊林志海春荣金根福"
)  # fmt: skip
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "155", "157", "158", "159", "177", "180", "181", "182", "187", "188", "189", "199",
)  # fmt: skip

# When set, every demo account gets this password (scripts and tests sign in with it);
# otherwise each build draws a new random password per account and prints them once.
DEMO_PASSWORD_ENV = "GRIDCENTER_DEMO_PASSWORD"
# Lower-case letters and digits without the look-alikes (0/o, 1/l/i): read off a screen or a
# printout and typed without doubt.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def person_name(rng: random.Random) -> str:
    """A realistic Chinese name: a surname and one or two given-name characters."""
    surname = _SURNAME_DRAW.pick(rng)
    if rng.random() < 0.3:
        return surname + rng.choice(_GIVEN)
    first, second = rng.choice(_GIVEN), rng.choice(_GIVEN)
    if second == first and rng.random() < 0.9:
        # Doubled given names (婷婷) exist but are the exception.
        second = _GIVEN[(_GIVEN.index(first) + 7) % len(_GIVEN)]
    return surname + first + second


def phone_number(rng: random.Random) -> str:
    """A valid 11-digit mobile number that reads as made up (``1380000xxxx``)."""
    return f"{rng.choice(_MOBILE_PREFIXES)}0000{rng.randrange(10000):04d}"


# The "N" of "1+1+N": how many of each role a grid may have (min, max).
_OTHER_MEMBERS: tuple[tuple[MemberRole, int, int], ...] = (
    (MemberRole.POLICE, 1, 1),
    (MemberRole.JUDGE, 0, 1),
    (MemberRole.PROSECUTOR, 0, 1),
    (MemberRole.LAWYER, 0, 1),
    (MemberRole.VOLUNTEER, 1, 3),
)


@dataclass(frozen=True, slots=True)
class GridTeam:
    """The leader and the worker of a grid: the worker files patrol reports."""

    leader: tuple[str, str]
    worker: tuple[str, str]


def people_rng(seed: int) -> random.Random:
    """The random stream the grid teams are drawn from: the demo build and the example
    workbook (demo/base_lists.py) draw the same people from it."""
    return random.Random(f"{seed}:people")


def plan_grid_members(
    rng: random.Random, grids: list[GridInfo]
) -> tuple[list[dict], dict[int, GridTeam]]:
    """Rows for ``grid_member`` (explicit ids) and each grid's leader and worker."""
    rows: list[dict] = []
    teams: dict[int, GridTeam] = {}

    def add(grid: GridInfo, role: MemberRole, party: bool) -> tuple[str, str]:
        name, phone = person_name(rng), phone_number(rng)
        rows.append(
            {
                "id": len(rows) + 1,
                "area_id": grid.id,
                "name": name,
                "role": role.value,
                "phone": phone,
                "party_member": party,
            }
        )
        return name, phone

    for grid in grids:
        # "一网格一支部": the leader is usually the grid's party branch secretary.
        leader = add(grid, MemberRole.LEADER, rng.random() < 0.85)
        worker = add(grid, MemberRole.WORKER, rng.random() < 0.45)
        for role, low, high in _OTHER_MEMBERS:
            for _ in range(rng.randint(low, high)):
                add(grid, role, rng.random() < 0.3)
        teams[grid.id] = GridTeam(leader, worker)
    return rows, teams


@dataclass(frozen=True, slots=True)
class DemoLogin:
    login: str
    display_name: str
    role: UserRole


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", "管理员", UserRole.ADMIN),
    DemoLogin("operator1", "调度员 沈丽华", UserRole.OPERATOR),
    DemoLogin("operator2", "调度员 顾晨", UserRole.OPERATOR),
    DemoLogin("supervisor", "值班长 陆建国", UserRole.SUPERVISOR),
    DemoLogin("viewer", "镇领导（只读）", UserRole.VIEWER),
)


def readable_password() -> str:
    """A random password like ``k7mq-x3pa-w9rt``: 12 letters and digits from a 31-sign
    alphabet (about 59 bits), in groups of four."""
    while True:
        signs = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))
        password = "-".join(signs[i : i + 4] for i in range(0, 12, 4))
        if all(password_problem(password, u.login) is None for u in DEMO_LOGINS):
            return password


def demo_passwords() -> dict[str, str]:
    """login -> password of the demo accounts: all ``GRIDCENTER_DEMO_PASSWORD`` when that is
    set (it must pass the password rules), else a fresh random one each."""
    fixed = os.environ.get(DEMO_PASSWORD_ENV)
    if not fixed:
        return {u.login: readable_password() for u in DEMO_LOGINS}
    for u in DEMO_LOGINS:
        problem = password_problem(fixed, u.login)
        if problem is not None:
            raise ValidationError(
                "demo_password",
                problem,
                f"{DEMO_PASSWORD_ENV} is refused by the password rules ({problem}): at least"
                " 10 characters, not a login, not a common password",
            )
    return {u.login: fixed for u in DEMO_LOGINS}


def user_rows(passwords: dict[str, str]) -> list[dict]:
    """Rows for ``app_user``: one account per role (two operators) with ``passwords[login]``.

    The hashes have random salts: the passwords are secrets now, and nothing else in the demo
    depends on them (the tickets of a seed stay the same).
    """
    return [
        {
            "id": i,
            "login": u.login,
            "display_name": u.display_name,
            "role": u.role.value,
            "password_hash": hash_password(passwords[u.login]),
            "failed_attempts": 0,
            "locked_until": None,
            "active": True,
        }
        for i, u in enumerate(DEMO_LOGINS, start=1)
    ]


def user_id(login: str) -> int:
    """The explicit id ``user_rows`` gives ``login``."""
    for i, u in enumerate(DEMO_LOGINS, start=1):
        if u.login == login:
            return i
    raise KeyError(login)
