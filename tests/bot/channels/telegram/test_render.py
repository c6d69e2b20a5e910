"""Replies planned as Bot API messages: merged, split to Telegram's limits, laid out."""

from __future__ import annotations

from bot.channels.telegram.render import MAX_TEXT, OutMessage, keyboard_rows, plan, split_text
from bot.messages import Button, Choices, Image, Link, Text


def test_texts_merge_into_the_following_question() -> None:
    choices = Choices("请选择：", (Button("是", "是"), Button("否", "否")))
    [message] = plan([Text("登记成功。"), choices])
    assert message == OutMessage(
        text="登记成功。\n\n请选择：",
        buttons=choices.buttons,
        sources=(Text("登记成功。"), choices),
    )


def test_image_breaks_the_text_run() -> None:
    image = Image("a" * 64, caption="照片")
    messages = plan([Text("一"), image, Text("二"), Link("标题", "https://x.example")])
    assert [m.text for m in messages] == ["一", "", "二\n\n标题\nhttps://x.example"]
    assert messages[1].image == image


def test_empty_texts_vanish_and_empty_questions_get_words() -> None:
    assert plan([Text(""), Text("  ")]) == []
    [message] = plan([Choices("", (Button("好", "好"),))])
    assert message.text == "请选择："


def test_long_text_is_split_at_line_breaks() -> None:
    text = "\n".join(f"第{n}行" + "字" * 50 for n in range(200))
    pieces = split_text(text)
    assert all(len(p) <= MAX_TEXT for p in pieces) and len(pieces) > 1
    assert "\n".join(pieces) == text
    assert split_text("字" * (MAX_TEXT + 1)) == ["字" * MAX_TEXT, "字"]


def test_long_question_keeps_its_buttons_on_the_last_piece() -> None:
    buttons = (Button("确认提交", "确认"),)
    messages = plan([Choices("行\n" * 3000, buttons)])
    assert len(messages) == 2 and messages[0].buttons == () and messages[1].buttons == buttons
    # Each piece carries what it shows, so an unsent rest is queued once, and without
    # the pieces already sent.
    assert messages[0].sources == (Text(messages[0].text),)
    assert messages[1].sources == (Choices(messages[1].text, buttons),)


def test_a_picture_whose_caption_is_too_long_is_sent_once() -> None:
    image = Image("a" * 64, caption="说明" * 600)
    picture, caption = plan([image])
    assert picture.sources == (Image("a" * 64),) and caption.sources == (Text(image.caption),)


def test_short_labels_share_rows() -> None:
    short = tuple(Button(label, label) for label in ("是", "否", "跳过", "取消"))
    assert [len(r) for r in keyboard_rows(short)] == [3, 1]
    long = (Button("港澳居民来往内地通行证", "x"), Button("是", "是"))
    assert [len(r) for r in keyboard_rows(long)] == [1, 1]
