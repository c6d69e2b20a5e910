"""Messages between the station and an anonymous tipster, both ways, through the outbox.

The tipster hears from the station by its name, never an officer's; officers hear from the
tipster by alias, never an account. The tipster's account is read from `tip_source` only
here, to address the outbox row, and never shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Button, Choices, Reply, Text
from handlers.services.recipients import officer_or_area
from handlers.tips.codes import show_code
from storage.models import Account, Station, Tip, TipMessage, TipSource, TipStatus
from storage.outbox import TO_TIPSTER, enqueue_to_account, enqueue_to_accounts

SOURCE_ACCOUNT = "tip_source.account"
TIP_CODE = "tip.code"
MESSAGE_TEXT = "tip_message.text"
#: Blind-index purpose of the outbox keys of messages to a tipster.
TIPSTER_KEY = "outbox.to_tipster"


async def tipster_account(session: AsyncSession, services: Services, tip: Tip) -> Account | None:
    source = await session.get(TipSource, tip.id)
    if source is None:
        return None
    account_id = int(services.cipher.decrypt(source.account_enc, SOURCE_ACCOUNT))
    return await session.get(Account, account_id)


def tip_code(services: Services, tip: Tip) -> str:
    """The tipster's code as they were given it (K7F3-9Q2M-XA4P)."""
    return show_code(services.cipher.decrypt(tip.code_enc, TIP_CODE))


async def station_name(session: AsyncSession, station_id: int) -> str:
    station = await session.get(Station, station_id)
    return station.name if station else "派出所"


#: What a status means to the tipster, said when the officer wrote no note: 处理进展：已处理
#: alone left them guessing whether anything was done. Nothing of how, nor about whom.
STATUS_MEANING = {
    TipStatus.CHECKING: "民警正在核查您反映的情况。",
    TipStatus.HANDLED: "您反映的情况民警已核查处理。",
    TipStatus.WITHDRAWN: "您已撤回这条举报，民警不再处理。",
}


def progress_line(status: TipStatus, *, noted: bool = False) -> str:
    """处理进展：… as the tipster reads it; the plain meaning only where no note says more."""
    meaning = "" if noted else STATUS_MEANING.get(status, "")
    return f"处理进展：{status.label}。{meaning}"


async def to_tipster(
    session: AsyncSession, services: Services, tip: Tip, text: str, *, key: str, now: datetime
) -> bool:
    """Send `text` to the tipster under the station's name; False if they cannot be reached."""
    account = await tipster_account(session, services, tip)
    if account is None:
        return False
    code = tip_code(services, tip)
    name = await station_name(session, tip.station_id)
    message = Choices(
        f"【{name}】关于您的举报（查询码 {code}）：\n{text}\n"
        f"如需回复民警，请发送「回复 {code} 您的内容」，{who_sees(tip)}。",
        (Button("回复民警", f"回复 {code}"),),
    )
    # The row's key names the tipster's account: a tip number beside it would let anyone
    # reading the outbox table tie the tip to its author. A keyed hash keeps it unique.
    opaque = f"{TO_TIPSTER}{services.blind_index(key, TIPSTER_KEY)}"
    enqueue_to_account(session, account, message_key=opaque, replies=[message], now=now)
    return True


async def to_officers(
    session: AsyncSession,
    services: Services,
    tip: Tip,
    text: str,
    *,
    now: datetime,
    push: bool = True,
    pictures: Sequence[Reply] = (),
) -> TipMessage:
    """Record the tipster's message and pass it, under the alias, to the officer they were
    talking to (or the tip's officers if nobody has written yet); `push=False` only records
    it (a throttled source)."""
    assert tip.id is not None
    last = (
        await session.exec(
            select(TipMessage)
            .where(TipMessage.tip_id == tip.id, col(TipMessage.officer_person_id).is_not(None))
            .order_by(col(TipMessage.id).desc())
        )
    ).first()
    officer_id = last.officer_person_id if last else None
    message = TipMessage(
        tip_id=tip.id,
        from_tipster=True,
        officer_person_id=officer_id,
        text_enc=services.cipher.encrypt(text, MESSAGE_TEXT),
        created_at=now,
    )
    session.add(message)
    await session.flush()
    if not push:
        return message
    to = await officer_or_area(session, officer_id, tip.station_id, tip.beat_id)
    notice = Choices(
        f"💬 {tip.alias} 回复线索 #{tip.id}：\n{text}"
        + (f"\n{note}" if (note := to.note("原联系民警")) else ""),
        (Button("回复", f"/回复 线索{tip.id}"), Button("查看线索", f"/线索 #{tip.id}")),
    )
    enqueue_to_accounts(
        session,
        to.accounts,
        message_key=f"tip-msg:{message.id}",
        replies=[notice, *pictures],
        now=now,
    )
    return message


def receipt_line(tip: Tip, *, phone_told: bool = False) -> Text:
    """What the tipster reads once their message is passed on; `phone_told`: the message
    itself holds a phone number, which the officers now read."""
    if phone_told:
        return Text(
            f"✅ 已转告民警（线索以代号「{tip.alias}」显示）。注意：您在消息里写了电话号码，"
            "民警能看到这个号码；不想透露身份的话，消息里请不要写电话、姓名或门牌号。"
        )
    return Text(f"✅ 已转告民警（线索以代号「{tip.alias}」显示，{who_sees(tip)}）。")


def who_sees(tip: Tip) -> str:
    """What the officers see of the tipster: nothing but the alias, or the phone they left
    (对方看不到您的身份 had been said to a tipster whose number the officers read)."""
    return "民警可以看到您留的电话" if tip.contact_enc else "对方看不到您的身份"
