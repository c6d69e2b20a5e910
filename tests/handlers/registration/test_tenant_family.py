"""A landlord registering a family of tenants: a minor's guardian, the lease dates of the
member just registered, and a child not left behind when a parent moves out."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import AuditEvent, OutboxMessage, Tenancy
from tests.support.chat import Chat
from tests.support.clock import said_day
from tests.support.outbox import opened

# The suite's clock stands at 2026-11-23: born 2010-03-15 is sixteen (a girl: 2nd to last
# digit even).
DAUGHTER = build_resident_id("110105", date(2010, 3, 15), 312)
FATHER = build_resident_id("110101", date(1980, 5, 5), 11)
MOTHER = build_resident_id("110101", date(1982, 6, 6), 22)
#: 电话, 职业, 工作单位 skipped: a tenant after the ID number, up to the lease's start.
UP_TO_START = ("跳过", "跳过", "跳过")


async def _father(chat: Chat, start: str = "2026-11-01", length: str = "一年") -> str:
    """王大明 registered with a phone and a lease; the receipt."""
    return await chat.say_all(
        "登记", "王大明", "身份证", FATHER, "13800001111", "跳过", "跳过", start, length, "确认"
    )


async def _tenancies(services: Services) -> list[Tenancy]:
    async with services.sessions() as session:
        return list((await session.exec(select(Tenancy).order_by(col(Tenancy.id)))).all())


async def _told(services: Services, prefix: str) -> list[str]:
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    return [opened(r) for r in rows if r.dedupe_key.startswith(prefix)]


async def test_a_minor_tenant_alone_is_asked_for_a_guardian_kept_sealed_and_told(
    landlord_chat: Chat, services: Services
) -> None:
    await landlord_chat.say_all("登记", "王小美", "身份证", DAUGHTER, "跳过", "学生", "跳过")
    asked = await landlord_chat.say_all("今天", "一年")
    assert "该租客未满18周岁" in asked and "监护人的姓名" in asked
    assert "联系电话" in await landlord_chat.say("刘芳")
    assert "监护人是该租客的什么人" in await landlord_chat.say("13900001234")
    summary = await landlord_chat.say("她妈")
    assert "监护人姓名：刘芳" in summary and "监护人电话：139****1234" in summary
    assert "监护人关系：母亲" in summary
    receipt = await landlord_chat.say("确认")
    assert "租客登记成功" in receipt
    assert "🧒 未成年租客：监护人 刘*（母亲），电话 139****1234" in receipt
    assert "已告知社区民警" in receipt
    [child] = await _tenancies(services)
    assert child.guardian_name_masked == "刘*" and child.guardian_relation == "母亲"
    assert child.guardian_phone_masked == "139****1234" and child.guardian_tenancy_id is None
    assert child.guardian_phone_enc and "13900001234" not in child.guardian_phone_enc
    assert child.guardian_name_enc and "刘芳" not in child.guardian_name_enc
    assert services.cipher.decrypt(child.guardian_phone_enc, "tenancy.guardian_phone") == (
        "13900001234"
    )
    assert services.cipher.decrypt(child.guardian_name_enc, "tenancy.guardian_name") == "刘芳"
    [notice] = await _told(services, "tenant-minor:")
    assert "未成年人租住，监护人未登记同住" in notice and "王*" in notice and "16岁" in notice
    assert "刘*（母亲），电话 139****1234" in notice
    assert "王小美" not in notice and "13900001234" not in notice and DAUGHTER not in notice


async def test_an_unreachable_guardian_is_said_to_the_officers(
    landlord_chat: Chat, services: Services
) -> None:
    await landlord_chat.say_all("登记", "王小美", "身份证", DAUGHTER, *UP_TO_START, "今天", "一年")
    await landlord_chat.say_all("跳过", "联系不上")
    assert "监护人电话：联系不上" in await landlord_chat.say("父亲")
    assert "监护人联系不上" in await landlord_chat.say("确认")
    [notice] = await _told(services, "tenant-minor:")
    assert "未成年人租住，监护人联系不上" in notice


async def test_the_parent_just_registered_is_offered_as_the_guardian(
    landlord_chat: Chat, services: Services
) -> None:
    await _father(landlord_chat)
    await landlord_chat.say_all("登记租客", "王小美", "身份证", DAUGHTER, *UP_TO_START)
    offered = await landlord_chat.say_all("2026-11-01", "一年")
    assert "刚登记的租客 王** 是其父母或其他监护人吗" in offered
    assert landlord_chat.buttons() == ["是", "不是"]
    summary = await landlord_chat.say("是她爸")  # the relation said with it: not asked
    assert "监护人电话：138****1111" in summary and "监护人关系：父亲" in summary
    receipt = await landlord_chat.say("确认")
    assert "🧒 未成年租客：监护人 王**（父亲，同住租客），电话 138****1111" in receipt
    assert "已告知社区民警" not in receipt
    father, child = await _tenancies(services)
    assert child.guardian_tenancy_id == father.id and child.guardian_name_masked == "王**"
    assert services.cipher.decrypt(child.guardian_name_enc or "", "tenancy.guardian_name") == (
        "王大明"
    )
    assert await _told(services, "tenant-minor:") == []  # a parent lives with her


async def test_no_to_the_parent_offered_asks_for_the_guardian(landlord_chat: Chat) -> None:
    await _father(landlord_chat)
    await landlord_chat.say_all("登记租客", "王小美", "身份证", DAUGHTER, *UP_TO_START)
    await landlord_chat.say_all("2026-11-01", "一年")
    assert "监护人的姓名" in await landlord_chat.say("不是")


async def test_like_her_father_copies_the_lease_dates_of_the_family_just_registered(
    landlord_chat: Chat,
) -> None:
    await _father(landlord_chat)
    await landlord_chat.say_all("登记租客", "王小美", "身份证", DAUGHTER, *UP_TO_START)
    copied = await landlord_chat.say("和她爸一样")
    assert "已沿用 王** 的租期" in copied and "到期日期" not in copied.splitlines()[-1]
    assert "刚登记的租客 王** 是其父母或其他监护人吗" in copied  # the end was not asked
    summary = await landlord_chat.say("是她爸")
    assert f"起租日期：{said_day(date(2026, 11, 1))}" in summary
    assert f"到期日期：{said_day(date(2027, 10, 31))}" in summary


async def test_same_as_the_last_one_at_the_end_copies_the_end(landlord_chat: Chat) -> None:
    await _father(landlord_chat)
    await landlord_chat.say_all("登记租客", "王小美", "身份证", DAUGHTER, *UP_TO_START)
    await landlord_chat.say("今天")
    await landlord_chat.say("跟上一个一样")
    summary = await landlord_chat.say_all("是", "父亲")
    assert f"起租日期：{said_day(date(2026, 11, 23))}" in summary
    assert f"到期日期：{said_day(date(2027, 10, 31))}" in summary


async def test_like_her_mother_with_no_mother_registered_says_so(landlord_chat: Chat) -> None:
    await _father(landlord_chat)
    await landlord_chat.say_all("登记租客", "王小美", "身份证", DAUGHTER, *UP_TO_START)
    refused = await landlord_chat.say("和她妈一样")
    assert "没有找到刚登记的她妈" in refused and "请输入起租日期" in refused
    mother = ("登记租客", "刘芳", "身份证", MOTHER, *UP_TO_START, "2026-10-15", "半年", "确认")
    await landlord_chat.say_all("取消", *mother)
    await landlord_chat.say_all("登记租客", "王小美", "身份证", DAUGHTER, *UP_TO_START)
    # Her father, though her mother was registered after him.
    assert "已沿用 王** 的租期" in await landlord_chat.say("和她爸一样")


async def test_a_father_moving_out_offers_to_move_his_daughter_out_too(
    landlord_chat: Chat, services: Services
) -> None:
    await _father(landlord_chat)
    await landlord_chat.say_all("登记租客", "王小美", "身份证", DAUGHTER, *UP_TO_START)
    await landlord_chat.say_all("和她爸一样", "是", "父亲", "确认")
    listing = await landlord_chat.say("/租客")
    assert "1. 王**　" in listing and "2. 王**（未成年）　" in listing
    await landlord_chat.say("/退租 1")
    done = await landlord_chat.say("确认搬离")
    assert "已登记 王** 搬离" in done
    assert "未成年租客 王**（16岁）仍登记在租" in done and "监护人 王** 已搬离" in done
    assert "孩子也退租" in done
    [child_too] = [b for b in landlord_chat.buttons() if b.startswith("/退租 #")]
    assert "已登记 王** 搬离" in await landlord_chat.say(child_too)
    assert all(t.moved_out_at is not None for t in await _tenancies(services))


async def test_a_withdrawn_mother_offers_to_withdraw_her_son_too(
    landlord_chat: Chat, services: Services
) -> None:
    son = build_resident_id("110105", date(2012, 1, 9), 331)
    mother = ("登记", "刘芳", "身份证", MOTHER, "13900002222", "跳过", "跳过", "2026-12-10", "一年")
    await landlord_chat.say_all(*mother, "确认")
    await landlord_chat.say_all("登记租客", "王小宝", "身份证", son, *UP_TO_START)
    await landlord_chat.say_all("和他妈一样", "是", "母亲", "确认")
    await landlord_chat.say("/退租 1")
    withdrawn = await landlord_chat.say("撤下登记")
    assert "已撤下 刘*" in withdrawn and "未成年租客 王**（14岁）" in withdrawn
    assert "孩子也撤下" in withdrawn
    child_too = landlord_chat.buttons()[-1]
    assert child_too.startswith("/退租 #") and child_too.endswith("撤下 确认")
    assert "已撤下 王**" in await landlord_chat.say(child_too)
    assert all(t.moved_out_at is not None for t in await _tenancies(services))


async def test_no_offer_when_the_leaving_tenant_is_nobodys_guardian(
    landlord_chat: Chat,
) -> None:
    await _father(landlord_chat)
    await landlord_chat.say("/退租 1")
    done = await landlord_chat.say("确认搬离")
    assert "已登记 王** 搬离" in done and "未成年" not in done


async def test_the_officer_opening_a_minor_tenant_sees_the_guardian_in_full_and_audited(
    landlord_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await landlord_chat.say_all("登记", "王小美", "身份证", DAUGHTER, *UP_TO_START, "今天", "一年")
    await landlord_chat.say_all("刘芳", "13900001234", "母亲", "确认")
    [child] = await _tenancies(services)
    listed = await officer_chat.say(f"/场所 {child.venue_id} 住客")
    assert (
        f"租客{child.id}｜王**" in listed
        and "（未成年，监护人 刘*（母亲），电话 139****1234）" in listed
    )
    assert "13900001234" not in listed and "刘芳" not in listed
    record = await officer_chat.say(f"/查人 租客{child.id}")
    assert "未成年：是" in record and "监护人：刘芳（母亲）" in record
    assert "监护人电话：13900001234" in record and "记入审计日志" in record
    async with services.sessions() as session:
        views = (await session.exec(select(AuditEvent))).all()
    assert any(v.action == "view:person" and v.subject_id == str(child.id) for v in views)
