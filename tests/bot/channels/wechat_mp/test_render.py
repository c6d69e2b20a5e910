"""Replies as official-account messages: what fits a passive reply, and what goes after it."""

from __future__ import annotations

import xmltodict
from wechatpy import replies as mp_replies
from wechatpy.enterprise import replies as wecom_replies

from bot.channels.wechat_mp.render import custom_message
from bot.channels.weixin.passive import passive_xml, split_passive
from bot.channels.weixin.text import plan
from bot.channels.weixin.xmlsafe import parse_flat
from bot.messages import Button, Choices, Image, Link, Text


def test_texts_and_choices_merge_into_one_passive_text() -> None:
    choices = Choices(
        "请选择：", (Button("登记旅客", "/登记旅客"), Button("登记租客", "/登记租客"))
    )
    shown, rest = split_passive([Text("您好"), choices])
    assert shown == Text("您好\n\n请选择：\n1. 登记旅客\n2. 登记租客\n（回复序号或文字即可）")
    assert rest == []


def test_choices_without_buttons_do_not_ask_for_a_number() -> None:
    """A list's last page (or a closed report) comes with no buttons: the footer asking
    for a number had stood under nothing to choose."""
    shown, _rest = split_passive([Choices("报案 B1 已办结。", ())])
    assert shown == Text("报案 B1 已办结。")


def test_pictures_and_overflow_go_after_the_passive_reply() -> None:
    picture = Image("a" * 64, caption="照片说明")
    shown, rest = split_passive([Text("甲" * 1000), picture])
    assert isinstance(shown, Text) and len(shown.text.encode()) <= 2000
    assert rest[-1] == picture and isinstance(rest[0], Text)


def test_a_lone_link_is_a_news_card() -> None:
    link = Link("法律条文", "https://example.org/law/1", "第十条")
    shown, rest = split_passive([link])
    assert shown == link and rest == []
    xml = passive_xml(link, "owner", "gh_station", 1_700_000_000)
    item = xmltodict.parse(xml)["xml"]["Articles"]["item"]
    assert item["Url"] == "https://example.org/law/1" and item["Title"] == "法律条文"


def test_user_text_cannot_break_out_of_cdata() -> None:
    """Form summaries echo what users typed: "]]>" must not end the CDATA section."""
    sneaky = "王]]><Evil>1</Evil><![CDATA[\x00\x07"
    xml = passive_xml(Text(sneaky), "owner", "gh_station", 1_700_000_000)
    fields = parse_flat(xml)
    assert "Evil" not in fields
    assert fields["Content"] == "王]]><Evil>1</Evil><![CDATA["  # control characters dropped


def test_a_text_reply_is_what_wechatpy_writes_on_both_platforms() -> None:
    for agent_id, replies in ((0, mp_replies), (7, wecom_replies)):
        extra = {"agent": agent_id} if agent_id else {}
        expected = replies.TextReply(
            source="gh_station", target="owner", time=1_700_000_000, content="您好", **extra
        ).render()
        assert passive_xml(Text("您好"), "owner", "gh_station", 1_700_000_000, agent_id) == expected


def test_sender_names_cannot_break_out_of_cdata() -> None:
    """Plain mode signs no message body: a forged sender's name stays a name."""
    sneaky = "o]]><Evil>1</Evil><![CDATA["
    fields = parse_flat(passive_xml(Text("您好"), sneaky, sneaky, 1_700_000_000))
    assert "Evil" not in fields
    assert fields["ToUserName"] == fields["FromUserName"] == sneaky


def test_customer_service_payloads_keep_order() -> None:
    items = plan([Text("一"), Image("b" * 64, caption="图"), Text("二"), Link("t", "https://u")])
    payloads = [custom_message("u1", item, media_id="m") for item in items]
    assert [p["msgtype"] for p in payloads] == ["text", "image", "text", "news"]
    assert payloads[2]["text"]["content"] == "图\n\n二"
