"""The register form's category is suggested from earlier tickets with words of the title in
common (issue 8, item 4: it silently defaulted to 安全生产)."""

from __future__ import annotations

from queue_factory import NOW, add_ticket

from gridcenter_desktop.core.enums import TicketStatus
from gridcenter_desktop.services.category_guess import guess_category, title_words


def test_the_category_of_similar_earlier_titles_is_suggested(session, town):
    titles = [
        ("夜间施工噪音扰民", "noise"),
        ("广场舞噪音太大", "noise"),
        ("饭店噪音扰民", "noise"),
        ("施工工地扬尘", "environment"),
        ("自来水管漏水", "water_affairs"),
        ("河道漂浮垃圾", "environment"),
    ]
    for n, (title, category) in enumerate(titles, start=1):
        add_ticket(session, n, created=NOW, title=title, category=category)
    # A merged duplicate does not vote.
    add_ticket(session, 9, created=NOW, title="噪音扰民", category="fire_safety",
               status=TicketStatus.MERGED)  # fmt: skip
    session.commit()
    guess = guess_category(session, "楼下噪音扰民")
    assert guess is not None and guess.category == "noise"
    assert guess.tickets == 3
    assert guess_category(session, "河道有垃圾").category == "environment"
    assert guess_category(session, "井盖缺失") is None  # no history: no guess
    assert guess_category(session, "？？") is None  # nothing searchable


def test_title_words_are_bigrams_and_latin_words():
    assert title_words("KTV噪音扰民 3楼") == ["ktv", "噪音", "音扰", "扰民"]
