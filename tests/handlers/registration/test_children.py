"""A child left in a room after the adult checked out, as the owner then speaks of them."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.assembly import build_dispatcher
from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import GuestStay
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import queued, text

# The suite's clock stands at 2026-11-23: born 2010-03-15 is sixteen.
CHILD = build_resident_id("110105", date(2010, 3, 15), 311)
FATHER = build_resident_id("110101", date(1980, 5, 5), 11)


async def _father_leaves_his_son(owner_chat: Chat) -> str:
    """王大明 and his son in 306; the father checks out: the warning."""
    await owner_chat.say_all("登记", "王大明", "身份证", FATHER, "跳过", "306", "现在", "跳过")
    await owner_chat.say("确认")
    await owner_chat.say_all("同住", "王小宝", "身份证", CHILD, "跳过", "是他爸", "13900001234")
    await owner_chat.say("确认")
    await owner_chat.say("退房 306")
    father = next(b for b in owner_chat.buttons() if b.startswith("退房 306 旅客#"))
    warned = await owner_chat.say(father)
    assert "306 房间还有未成年旅客" in warned
    return warned


async def _child(services: Services) -> GuestStay:
    async with services.sessions() as session:
        stays = (await session.exec(select(GuestStay).where(GuestStay.room == "306"))).all()
    return next(s for s in stays if s.birth_date and s.birth_date.year == 2010)


async def test_the_buttons_words_typed_later_check_the_child_out(
    owner_chat: Chat, services: Services
) -> None:
    """「孩子也退房」 typed once another reply had taken the button off the screen got
    您是想用「退房」吗？, which started the check-out over: it does what the button does."""
    await _father_leaves_his_son(owner_chat)
    await owner_chat.say("你好")  # another reply in between: the buttons are gone
    done = await owner_chat.say("孩子也退房")
    assert "306 房间 1 位旅客已办理退房：王**" in done and "撤销退房" in done
    assert "您是想用" not in done
    assert (await _child(services)).checked_out_at is not None


async def test_the_child_said_to_have_left_with_a_parent_is_offered_the_check_out(
    owner_chat: Chat, services: Services
) -> None:
    """孩子跟妈妈一起走的 刚才忘了 had got a legal FAQ on divorce."""
    await _father_leaves_his_son(owner_chat)
    offered = await owner_chat.say("孩子跟妈妈一起走的 刚才忘了")
    assert "306 房间的未成年旅客 王** 也一起走了吗" in offered and "离婚" not in offered
    assert (await _child(services)).checked_out_at is None  # asked, not done
    [button] = owner_chat.buttons()
    assert "306 房间 1 位旅客已办理退房" in await owner_chat.say(button)
    assert (await _child(services)).checked_out_at is not None


async def test_a_child_still_in_the_room_is_not_checked_out_by_words(
    owner_chat: Chat, services: Services
) -> None:
    await _father_leaves_his_son(owner_chat)
    await owner_chat.say("孩子还没走 在房间睡觉")
    assert (await _child(services)).checked_out_at is None
    assert not any(b.startswith("/退房") for b in owner_chat.buttons())


async def test_the_guardians_phone_is_kept_and_the_officers_told(
    owner_chat: Chat, services: Services
) -> None:
    """The warning said 请记下监护人的联系方式 with no way to do it."""
    warned = await _father_leaves_his_son(owner_chat)
    assert "「登记监护人 306 手机号」" in warned
    kept = await owner_chat.say("登记监护人 306 13812345678")
    assert "已记下 306 房间未成年旅客 王** 的监护人电话 138****5678" in kept
    assert "已告知社区民警" in kept
    child = await _child(services)
    assert child.guardian_phone_masked == "138****5678" and child.checked_out_at is None
    told = [text(r) for r in await queued(services) if r.dedupe_key.startswith("minor-guardian:")]
    assert told and "监护人电话：138****5678" in told[0] and "306" in told[0]
    assert "（今天 10:00 记下）" in told[0]
    assert "13812345678" not in told[0]
    assert "没有留在房间的未成年旅客" in await owner_chat.say("登记监护人 308 13812345678")


async def test_the_guardian_said_in_words_is_offered_and_the_father_gone_not_shown_staying(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """306那个小孩他妈妈晚上过来 电话137… had been offered 举报/报案; and once the mother's
    phone was kept, /场所 N 住客 still said 同住 父亲 of the father who had checked out."""
    await _father_leaves_his_son(owner_chat)
    offered = await owner_chat.say("306那个小孩他妈妈晚上过来 电话13700001111")
    assert "要记下 306 房间未成年旅客 王** 的监护人电话 137****1111 吗" in offered
    assert "举报" not in offered
    assert (await _child(services)).guardian_phone_masked == "139****1234"  # asked, not done
    assert owner_chat.buttons() == ["/登记监护人 306 13700001111"]
    assert "已记下 306 房间未成年旅客" in await owner_chat.say(owner_chat.buttons()[0])
    child = await _child(services)
    listed = await officer_chat.say(f"/场所 {child.venue_id} 住客")
    assert "监护人 137****1111，同住成年人已退房）" in listed and "同住 父亲" not in listed
    record = await officer_chat.say(f"/查人 旅客{child.id}")
    assert "同住：无（登记时同住的父亲已退房）" in record


async def test_the_buttons_words_typed_after_a_restart_check_the_child_out(
    owner_chat: Chat, services: Services
) -> None:
    """Another reply in between, then the server restarted (or another replica answers):
    the buttons are read from the database, not the process that showed them."""
    await _father_leaves_his_son(owner_chat)
    await owner_chat.say("你好")
    restarted = Chat(build_dispatcher(services), owner_chat.sender)
    done = await restarted.say("孩子也退房")
    assert "306 房间 1 位旅客已办理退房：王**" in done
    assert (await _child(services)).checked_out_at is not None


async def test_the_buttons_words_typed_half_an_hour_later_are_not_a_button(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    await _father_leaves_his_son(owner_chat)
    await owner_chat.say("你好")
    clock.advance(minutes=31)
    await owner_chat.say("孩子也退房")
    assert (await _child(services)).checked_out_at is None
