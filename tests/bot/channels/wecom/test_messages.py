"""WeCom message and event types; photos through the media API; retries."""

from __future__ import annotations

from tests.bot.channels.wechat_mp.test_messages import png
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import WecomServer
from tests.support.seed import Seeded


async def test_photo(wecom: WecomServer, seeded_wecom: Seeded, fake_api: FakeWeixinApi) -> None:
    fake_api.media["w-1"] = png()
    answer = await wecom.send(wecom.image("w-1"))
    assert "已收到图片" in answer.text


async def test_rejected_photo(
    wecom: WecomServer, seeded_wecom: Seeded, fake_api: FakeWeixinApi
) -> None:
    fake_api.media["w-2"] = b"\x89PNG\r\n\x1a\n broken"
    assert "无法识别该图片" in (await wecom.send(wecom.image("w-2"))).text


async def test_location(wecom: WecomServer, seeded_wecom: Seeded) -> None:
    assert "已收到位置" in (await wecom.send(wecom.location(31.2, 121.5, "外滩"))).text


async def test_member_follows_the_app(wecom: WecomServer) -> None:
    wecom.user = "zhangsan"
    assert "您好" in (await wecom.send(wecom.event("subscribe"))).text


async def test_entering_the_app_needs_no_answer(wecom: WecomServer) -> None:
    answer = await wecom.send(wecom.event("enter_agent"))
    assert answer.status == 200 and answer.raw == ""


async def test_menu_click(wecom: WecomServer, seeded_wecom: Seeded) -> None:
    assert "/登记" in (await wecom.send(wecom.event("click", key="帮助"))).text


async def test_retry_is_not_handled_twice(wecom: WecomServer, seeded_wecom: Seeded) -> None:
    start = wecom.text("登记")
    assert "请输入旅客姓名" in (await wecom.send(start)).text
    assert (await wecom.send(start)).raw == ""
    assert "证件类型" in await wecom.say("王小明")


async def test_an_unbound_member_is_told_how_to_bind(
    wecom: WecomServer, seeded_wecom: Seeded
) -> None:
    """WeCom members are officers and owners: a newcomer's 你好 had got the residents'
    menu (举报、报案、订阅) and not a word about the invite code."""
    wecom.user = "zhangsan"
    welcome = await wecom.say("你好")
    assert "/绑定 邀请码" in welcome
    followed = (await wecom.send(wecom.event("subscribe"))).text
    assert "/绑定 邀请码" in followed


async def test_a_bound_member_is_not_told_to_bind(wecom: WecomServer, seeded_wecom: Seeded) -> None:
    welcome = (await wecom.send(wecom.event("subscribe"))).text
    assert "您好" in welcome and "/绑定" not in welcome
