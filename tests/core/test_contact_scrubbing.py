"""The notice's scrubbing: a reporter's name and phone never survive, however written."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gridcenter_desktop.core.personal_data import scrub_contacts, surname

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SURNAMES = ["张", "王", "李", "赵", "陈", "刘", "欧阳", "司马", "诸葛"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"

# Chinese text around the personal data: common characters and punctuation, no digits.
chinese = st.text(
    alphabet=st.sampled_from(
        list("反映小区楼下饭店油烟扰民请尽快处理谢谢联系电话的是在家村组，。：、！（）先生女士")
    ),
    max_size=20,
)


@st.composite
def reporters(draw):
    name = draw(st.sampled_from(SURNAMES)) + draw(st.text(alphabet=GIVEN, min_size=1, max_size=2))
    if draw(st.booleans()):
        phone = draw(st.sampled_from("3456789")) + draw(
            st.text(alphabet="0123456789", min_size=9, max_size=9)
        )
        phone = "1" + phone
    else:
        phone = draw(st.sampled_from(["0512", "025", "021", "0755"])) + draw(
            st.text(alphabet="0123456789", min_size=8, max_size=8)
        )
    return name, phone


def written_phone(draw, phone: str) -> tuple[str, str]:
    """A way people write ``phone``, and the digits that must not survive."""
    if phone.startswith("1"):
        a, b, c = phone[:3], phone[3:7], phone[7:]
        forms = [
            phone,
            f"{a}-{b}-{c}",
            f"{a} {b} {c}",
            f"+86{phone}",
            f"+86 {a} {b} {c}",
            f"86{phone}",
            f"0086-{phone}",
            phone.translate(FULL_WIDTH),
            f"{a}－{b}－{c}".translate(FULL_WIDTH),
            f"（+86）{a}　{b}　{c}",
        ]
        return draw(st.sampled_from(forms)), phone
    area, local = (
        (phone[:4], phone[4:])
        if phone.startswith("0") and phone[1] in "5789"
        else (phone[:3], phone[3:])
    )
    forms = [
        f"({area}){local}",
        f"（{area}）{local}",
        f"{area}-{local}",
        f"{area} {local}",
        f"{area}{local}",
        local,
        f"{local[:4]}-{local[4:]}",
        f"({area}){local}".translate(FULL_WIDTH),
    ]
    return draw(st.sampled_from(forms)), local


def written_name(draw, name: str) -> str:
    family = surname(name)
    return draw(
        st.sampled_from(
            [
                name,
                f"{name[0]} {name[1:]}",
                family + "先生",
                family + "女士",
                family + "师傅",
                "老" + family,
                "小" + family,
            ]
        )
    )


def _normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-()+]", "", text)


@given(data=st.data(), reporter=reporters(), before=chinese, middle=chinese, after=chinese)
def test_no_written_form_of_the_reporter_survives(data, reporter, before, middle, after):
    name, phone = reporter
    phone_text, digits = written_phone(data.draw, phone)
    name_text = written_name(data.draw, name)
    text = before + name_text + middle + phone_text + after
    out = _normalised(scrub_contacts(text, name, phone))
    assert digits not in out
    assert name not in out
    assert _normalised(name_text) not in out
    # Nothing of the number is left to piece together (7 digits in a row at most stay).
    assert not re.search(r"\d{7}", out)


def test_text_without_personal_data_is_left_as_it_was():
    text = "工单GC20220301-0042：2022年10月25日，3号楼下饭店油烟扰民（共12户）。"
    assert scrub_contacts(text, "张三", "13812345678", keep=("GC20220301-0042",)) == text


def test_the_ticket_code_kept_is_not_taken_for_a_phone():
    text = "编号：GC20220301-0042，电话13812345678"
    assert (
        scrub_contacts(text, "张三", None, keep=("GC20220301-0042",))
        == "编号：GC20220301-0042，电话***"
    )
