"""Personal data (a reporter's name and phone) shown by need: masking and scrubbing.

Whether a user sees them unmasked is decided by one rule,
``core.permissions.may_see_personal_data(role, purpose)``; this module only says what a
masked value looks like and removes them from text that leaves the centre (the
rectification notice goes to the party complained about).

A masked value keeps enough to recognise a caller on the phone (138****5678, 张**) but not
enough to identify them from a file.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from gridcenter_desktop.core.enums import DataPurpose, UserRole
from gridcenter_desktop.core.permissions import may_see_personal_data

HIDDEN_NUMBER = "***"
HIDDEN_NAME = "（已隐去）"


def mask_phone(phone: str | None) -> str:
    """138****5678 for a mobile; a landline keeps its area code and last 4 digits
    (0512-****1234); separators stay where they were. Short numbers keep only the last 2."""
    if not phone:
        return ""
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    n = len(digits)
    if n >= 8:
        area = phone.find("-")
        keep_head = area if phone.startswith("0") and 0 < area <= 4 else 3
        keep_tail = 4
    else:
        keep_head, keep_tail = 0, min(2, n)
    masked = list(phone)
    for rank, index in enumerate(digits):
        if index >= keep_head and rank < n - keep_tail:
            masked[index] = "*"
    return "".join(masked)


def mask_name(name: str | None) -> str:
    """The first character and one star for each other one: 张三丰 → 张**, 李四 → 李*."""
    if not name:
        return ""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


class PersonalDataMask:
    """Applies what ``may_see_personal_data(role, purpose)`` decides; built once per result
    (a detail, a page, a report)."""

    def __init__(self, role: UserRole | str, purpose: DataPurpose) -> None:
        self.visible = may_see_personal_data(UserRole(role), purpose)

    def name(self, value: str | None) -> str:
        """The reporter's name as this role may see it for this purpose."""
        return (value or "") if self.visible else mask_name(value)

    def phone(self, value: str | None) -> str:
        """The reporter's phone as this role may see it for this purpose."""
        return (value or "") if self.visible else mask_phone(value)


# -- scrubbing text that leaves the centre -----------------------------------------------------

# Written numbers: any decimal digit (Python's \d takes full-width and other scripts' digits)
# and Chinese numerals, with the separators people type between groups (spaces, hyphens and
# dashes, dots, slashes, brackets, a leading +). Seven digits or more is a phone number or
# could be one (8-digit local landlines, 7-digit old ones, +86 and 0086 prefixes): all go.
_DIGIT = r"[\d〇零一二三四五六七八九幺]"
_SEPARATOR = r"[\s\-‐‑‒–—―－﹣ー.．·/／()（）\[\]【】+＋]"
_NUMBER = re.compile(rf"[+＋(（\[【]*{_DIGIT}(?:{_SEPARATOR}{{0,3}}{_DIGIT})*[)）\]】]?")
MIN_PHONE_DIGITS = 7

# Two-character surnames: 欧阳娜娜's surname is 欧阳, so "欧阳先生" must go too.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤"
    " 南宫 西门 百里 呼延 万俟 澹台 申屠 太史 闻人 公冶 赫连 钟离 宗政 濮阳 淳于 单于".split()
)
# Ways a surname names a person in speech: 张先生, 张女士, 张师傅, 老张, 小张...
_TITLES_AFTER = (
    "先生 女士 小姐 师傅 阿姨 大爷 大妈 大叔 大姐 大哥 大娘 奶奶 爷爷 老师 老板 经理 主任"
    " 书记 同志 总 工 姐 哥 叔 婶 伯 某某 某 氏 老".split()
)
_TITLES_BEFORE = ("老", "小", "阿")


def surname(name: str) -> str:
    """The family name of a Chinese name (two characters for 欧阳, 司马...)."""
    name = "".join(name.split())
    if name[:2] in _COMPOUND_SURNAMES:
        return name[:2]
    return name[:1]


def _spaced(word: str) -> str:
    # "张 三" and "张　三" are still 张三.
    return r"\s*".join(re.escape(ch) for ch in word)


def _plain_name(reporter_name: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", reporter_name or "").split())


def _may_name(text: str, reporter_name: str | None) -> bool:
    """Whether ``text`` can hold any form of the name: each form contains the name's first
    character or starts with the given name's. Compiling the forms' pattern costs ~5 ms, so a
    feed of 20,000 tickets (services/intake/open311.py) tests this first."""
    name = _plain_name(reporter_name)
    if not name:
        return False
    family = surname(name)
    anchors = {name[0], name[len(family)] if len(name) > len(family) else name[0]}
    folded = text.casefold()
    return any(anchor.casefold() in folded for anchor in anchors)


@functools.lru_cache(maxsize=256)  # one ticket's texts are scrubbed one after another
def _name_pattern(reporter_name: str | None) -> re.Pattern[str] | None:
    name = _plain_name(reporter_name)
    if not name:
        return None
    forms = [name]
    if any("\u4e00" <= ch <= "\u9fff" for ch in name) and len(name) >= 2:
        family = surname(name)
        forms += [family + title for title in _TITLES_AFTER]
        forms += [title + family for title in _TITLES_BEFORE]
        given = name[len(family) :]
        if len(given) >= 2:  # 张三丰 called 三丰 by neighbours
            forms.append(given)
    forms.sort(key=len, reverse=True)  # the longest form wins: 张三 before 张
    return re.compile("|".join(_spaced(f) for f in forms), re.IGNORECASE)


def scrub_contacts(
    text: str | None,
    reporter_name: str | None,
    reporter_phone: str | None = None,
    *,
    keep: Iterable[str] = (),
) -> str:
    """``text`` without the reporter's name or any phone number, in whatever form they were
    written: 138-1234-5678, +86 138 1234 5678, full-width digits, (0512)66881234, 66881234,
    the name, and forms derived from the surname (张先生, 老张). Numbers become "***", names
    "（已隐去）". ``keep`` lists strings to leave as they are (the notice's own ticket code).

    ``reporter_phone`` is scrubbed by the general number rule (every run of 7 or more digits
    goes); it is accepted so a caller states what must not appear."""
    if not text:
        return ""
    kept = [k for k in keep if k]
    if kept:
        parts = re.split("(" + "|".join(re.escape(k) for k in kept) + ")", text)
        return "".join(
            part if index % 2 else scrub_contacts(part, reporter_name, reporter_phone)
            for index, part in enumerate(parts)
        )
    text = _NUMBER.sub(_hide_number, text)
    pattern = _name_pattern(reporter_name) if _may_name(text, reporter_name) else None
    if pattern is not None:
        text = pattern.sub(HIDDEN_NAME, text)
    return text


def _hide_number(match: re.Match[str]) -> str:
    run = match.group()
    digits = sum(1 for ch in run if re.fullmatch(_DIGIT, ch))
    return HIDDEN_NUMBER if digits >= MIN_PHONE_DIGITS else run


def mask_id_number(number: str | None) -> str:
    """An ID number (身份证号) as lists show it: the first 3 and last 4 characters kept,
    320***********1234; short values keep only their last 2."""
    if not number:
        return ""
    number = number.strip()
    if len(number) <= 7:
        return "*" * max(0, len(number) - 2) + number[-2:]
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
