"""Fitting a reply into what the official account's reply window has left."""

from __future__ import annotations

from dataclasses import replace

from bot.channels.weixin.passive import split_passive
from bot.channels.weixin.window import fit
from bot.messages import Button, Choices, Image, Link, Reply, Text

PICTURE = "a" * 64
MORE = "请回复「更多」查看。"


def card(n: int) -> list[Image | Choices]:
    """A public wanted card as 协查通缉 answers it: the picture, then its option."""
    return [Image(PICTURE), Choices(f"第{n}人：盗窃案", (Button("我见过此人", f"/见过 {n}"),))]


def captioned(n: int) -> Image:
    """A card as the rotation queues it: the picture with its caption."""
    return Image(PICTURE, f"TJ-000{n} 甲某某（公开）")


def test_a_reply_that_fits_is_sent_in_order_and_whole() -> None:
    replies = [Text("协查通报如下："), *card(1)]
    shown, rest = fit(replies, 3)
    assert [type(m) for m in shown] == [Text, Image, Text]
    assert rest == [] and MORE not in str(shown)


def test_texts_go_first_when_the_order_would_take_too_many() -> None:
    """Three cards are seven messages in order; the window has five: one text with every
    card's words, then the three pictures (as the passive reply does it)."""
    replies = [Text("目前有 3 份公开的协查通缉。"), *card(1), *card(2), *card(3)]
    shown, rest = fit(replies, 5)
    assert [type(m) for m in shown] == [Text, Image, Image, Image]
    assert isinstance(shown[0], Text)
    assert "第1人" in shown[0].text and "第3人" in shown[0].text
    assert rest == []


def test_what_does_not_fit_is_cut_in_order_with_a_note() -> None:
    """Four captioned cards after a lead, four messages left: the lead and the first card,
    the note joining its caption; the other cards are kept for 更多."""
    replies = [Text("今日在逃人员："), *(captioned(n) for n in (1, 2, 3, 4))]
    shown, rest = fit(replies, 4)
    assert [type(m) for m in shown] == [Text, Image, Text]
    assert shown[-1] == Text(f"TJ-0001 甲某某（公开）\n\n还有 6 条内容未显示，{MORE}")
    assert rest == [captioned(2), captioned(3), captioned(4)]


def test_the_note_takes_a_message_of_its_own_when_it_must() -> None:
    link = Link("防范电信诈骗", "https://jingmin.example.cn/a/1")
    shown, rest = fit([link, link, link], 2)
    assert shown == [link, Text(f"还有 2 条内容未显示，{MORE}")]
    assert rest == [link, link]


def test_a_window_of_one_still_says_there_is_more() -> None:
    shown, rest = fit([captioned(1), captioned(2)], 1)
    assert shown == [Text(f"还有 4 条内容未显示，{MORE}")]
    assert rest == [captioned(1), captioned(2)]


def test_a_text_too_long_for_one_message_is_cut_between_its_pieces() -> None:
    long = Text("\n".join(["甲" * 300] * 12))  # 10,811 bytes: six messages of two lines
    shown, rest = fit([long], 2)
    assert len(shown) == 2  # the note fits under the second piece
    assert shown[-1].text.endswith("还有 4 条内容未显示，" + MORE)  # type: ignore[union-attr]
    assert len(rest) == 4 and all(isinstance(r, Text) for r in rest)


def test_the_passive_reply_keeps_the_order_when_texts_first_does_not_fit_either() -> None:
    """Six cards with their options: texts first, six pictures would still follow the
    passive reply. The order is kept instead, and the API sends what fits of it with the
    note, as it does for a reply without a passive one (before, the options of all six went
    in the passive reply, above pictures the window then refused)."""
    replies = [Text("目前有 6 份公开的协查通缉。"), *(r for n in range(1, 7) for r in card(n))]
    shown, rest = split_passive(replies, window=5)
    assert shown == Text("目前有 6 份公开的协查通缉。")
    assert [_words(r) for r in rest] == [_words(r) for r in replies[1:]]
    sent, left = fit(rest, 5)
    assert [type(m) for m in sent] == [Image, Text, Image, Text]
    assert sent[1] == Text("第1人：盗窃案\n1. 我见过此人")  # how to answer: said once, below
    assert sent[-1].text.endswith("还有 8 条内容未显示，" + MORE)  # type: ignore[union-attr]
    assert sent[-1].text.startswith(  # type: ignore[union-attr]
        "第2人：盗窃案\n2. 我见过此人\n（回复序号或文字即可）"
    )
    assert [_words(r) for r in left] == [_words(r) for r in replies[5:]]
    # What 「更多」 shows goes on from the numbers already on screen.
    assert [r.first for r in left if isinstance(r, Choices)] == [3, 4, 5, 6]


def _words(reply: Reply) -> object:
    """A reply without the numbers its options are shown with."""
    return replace(reply, first=None) if isinstance(reply, Choices) else reply
