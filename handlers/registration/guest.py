"""Guest check-in (a chat form), check-out, and the owner's list of guests in the house.

```mermaid
flowchart LR
    start([登记 / /登记旅客]) --> venue{several venues?}
    venue -- yes --> pick[choose venue] --> form
    venue -- no --> form[姓名 → 证件类型 → 证件号码 → (性别, 出生日期, 国籍) → 电话 → 房间 → 入住 → 预计退房]
    form --> confirm[核对] --> receipt([回执号; hit check, silent to the owner])
    receipt --> companion{登记同住人?}
    companion -- yes --> form2[same form, room and dates prefilled]
```
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.config import Settings
from bot.context import Context
from bot.forms import Answers, Form, FormEngine, FormEnv, FormField
from bot.forms.clock import example_day, local_time, said_day, said_near, said_time
from bot.forms.plain_answers import says_none
from bot.forms.spec import AskedBack
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import AtOnce, Router, Suggestion
from bot.validators import Invalid
from bot.validators.dates import check_date_range, parse_datetime, parse_day, without_chat
from bot.validators.numerals import arabize
from bot.validators.rooms import (
    is_room_name,
    parse_room,
    parse_room_name,
    reads_letter_o,
    room_label,
)
from handlers.registration import (
    checkout_rooms,
    checkout_undo,
    departures,
    minors,
    moveout_undo,
    overdue,
    said_first,
)
from handlers.registration.checkout_undo import UNDO_HOURS
from handlers.registration.fields import (
    MAINLAND,
    iso_date,
    origin_label,
    person_fields,
    person_from,
    still_registered,
)
from handlers.registration.guest_labels import choice_labels, named_in
from handlers.registration.house_rooms import HouseRooms, house_rooms, house_rooms_of
from handlers.registration.id_elsewhere import tell_if_elsewhere
from handlers.registration.opening import VENUE_KIND, open_registration
from handlers.registration.timefmt import short, to_local, to_stored
from handlers.registration.venue_choice import private_only
from handlers.services.numbers import record_number
from handlers.services.paging import Page, page_number
from handlers.services.personal import DOC_NO, NAME, receipt_number, seal
from handlers.services.venues import GUEST_KINDS, owned_venue, owned_venues
from handlers.services.watchlist import check_registration, tell_checkout
from handlers.tips.withdraw import asks_to_withdraw, withdraw_told
from storage.models import GuestStay, Role, Venue, VenueKind

FORM_NAME = "guest"
#: Not the station admin (所长): they own no place, and had read owner commands first in
#: their help, each answering 您名下的场所… (`bot.middleware.authorization` refuses them).
OWNERS = (Role.OWNER,)
_MAINLAND_REGIONS = {MAINLAND}
#: 住了几个人, and 今天来了几个客人, 张伟住几号房: asked of the owner's own guests (soon after
#: an alert, these had been offered to the alert's officer).
_LIST_HINTS = (
    "住了几个人", "几个人住", "住了多少人", "住着几个", "几个客人", "多少客人", "住几号",
    "住哪间", "住哪个房",
)  # fmt: skip
#: An officer's 在住旅客 is not the owners' list of their own house: where theirs is.
STAFF_GUESTS = (
    "辖区旅客请这样查：发送「今日登记」看今天各场所的登记，「/场所 编号 住客」看某处在住旅客，"
    "「/查人 姓名或证件号码」查某人。"
)
#: When a guest is said to leave (明天走, 下午走): words before 走 that name a check-out.
_WHEN = ("今天", "明天", "后天", "明早", "早上", "上午", "中午", "下午", "晚上", "待会", "一会")


async def _not_in_house(ctx: Context, doc_no: Any, answers: Mapping[str, Any]) -> str | None:
    """A guest in the house is not registered twice; a room change is 更正登记 (退房 and
    登记 again had been advised, which the police then held as two stays)."""
    index = ctx.services.blind_index(doc_no, DOC_NO)
    stay = await still_registered(ctx.session, answers.get("venue_id"), index, guests=True)
    if not isinstance(stay, GuestStay):
        return None
    since = short(stay.check_in_at, ctx.services.settings.zone, ctx.now)
    return (
        f"这位旅客（{stay.doc_no_masked}）已在 {stay.room} 房间登记在住（{since} 入住），"
        f"无需重复登记。换房不用重新登记：请回复「取消」，再发送「更正登记 {stay.room} 新房号」；"
        f"续住请发送「续住 {stay.room} 日期」。"
        "如是另一位旅客，请核对证件号码。"
    )


#: 住302, 都住在3O2房, 跟刚才那个一样302: the room's own words before it, at the room's
#: question too (跟刚才那个一样302 had been refused as a room number).
_STAYS_IN = re.compile(
    r"^(?:(?:跟|和|同)?(?:刚才|前面|上)?(?:那个|那位|一个|一位)?(?:人|客人)?一样的?|也)?(?:都?住在?)?"
)


#: 同一间, 同一个房间, 跟刚才一样: the room of the guest registered just before, said at a
#: new registration's room (it had been refused as 房间号只能包含数字…, and a homestay had
#: kept it as a room's name).
#: 跟他爸一个房, 和老婆一间: whom a room is shared with, said before its number.
_SHARED_WITH = re.compile(
    r"^(?:跟|和|同)[\u4e00-\u9fff]{1,6}?(?:一个房间?|一间房?|同一[间个]房?间?|同屋|住一起|一起住?)的?[\s,，：:]*"
)
_SAME_ROOM = re.compile(
    r"(?:跟|和|同)?(?:刚才|前面|上一?个?)?(?:那个|那位|一个|一位)?(?:人|客人|旅客)?的?(?:也|都)?"
    r"(?:住在?)?(?:同一[间个]|同一个|一样的?|一间|同屋|一起|住一起)(?:房间?|屋)?的?"
)
#: What the parser gives for `_SAME_ROOM`, which the room's check (`_room_read_back`)
#: turns into the question of which room; never kept as a room.
SAME_ROOM = "同一间"
#: How long ago a registration is the one 同一间 means.
_JUST_NOW = timedelta(hours=1)


def _parse_room(text: str, env: FormEnv) -> str:
    """302, 3O2房, 住302 (住3O2房 at the room's question had got 房间号只能包含数字…); at a
    homestay also a room's name (桂花轩, 二楼东边那间 had been a dead end)."""
    if _SAME_ROOM.fullmatch(re.sub(r"[\s。.!！,，]", "", text)):
        return SAME_ROOM
    said = _STAYS_IN.sub("", text.strip()) or text
    # 跟他爸一个房 302: whom the guest shares it with, then the room (it had been refused).
    said = _SHARED_WITH.sub("", said).strip() or said
    if env.answers.get(VENUE_KIND) == VenueKind.HOMESTAY.value:
        return parse_room_name(said)
    return parse_room(said)


#: What parts the words of a one-sentence registration (`said_first`), for the room's.
_APART = re.compile(r"[\s,，、;；。!！]+")


def parse_room_or_none(word: str) -> str | None:
    """The room a word reads as (3O2房 as 302), or None."""
    try:
        return parse_room(_STAYS_IN.sub("", word))
    except Invalid:
        return None


async def _room_read_back(ctx: Context, value: Any, answers: Mapping[str, Any]) -> str | None:
    """3O2 (the letter O for 0) had been kept as typed, and 退房 302 then found no guest: it
    is read as 302 and asked back, the owner's 是 taking it. 同一间: see `_same_room`."""
    if value == SAME_ROOM:
        return await _same_room(ctx, answers)
    # The word of the room itself: in 登记 张三 护照 E1O23456 302, the O is no room's.
    words = _APART.split(ctx.inbound.text)
    if not any(reads_letter_o(word) and parse_room_or_none(word) == value for word in words):
        return None
    return AskedBack(
        f"房间号是「{value}」吗？（字母 O 按数字 0 读）是的话请回复「是」，不是请重新输入房间号。",
        str(value),
    )


async def _same_room(ctx: Context, answers: Mapping[str, Any]) -> str:
    """同一间 at a new registration's room: the room of the owner's guest registered at the
    place within the hour, asked back with it as a button; else the room asked plainly."""
    latest = (
        await ctx.session.exec(
            select(GuestStay)
            .where(
                GuestStay.venue_id == answers.get("venue_id"),
                GuestStay.registered_by_account_id == ctx.account.id,
                col(GuestStay.checked_out_at).is_(None),
                col(GuestStay.created_at) >= ctx.now - _JUST_NOW,
            )
            .order_by(col(GuestStay.id).desc())
            .limit(1)
        )
    ).first()
    if latest is None:
        return "「同一间」是和哪一间相同？最近没有您登记的在住旅客，请直接输入房间号，例如 302。"
    room = latest.room
    return AskedBack(
        f"是和刚才登记的 {latest.name_masked} 住同一间（{room_label(room)}）吗？"
        f"是的话请点「{room}」或回复「是」，不是请输入房间号。",
        room,
        offers=(room,),
    )


#: 十一点多: past the hour, for a check-in the hour itself.
_PAST_THE_HOUR = re.compile(r"(?<=[点时])多")
#: A time that says its half of the day or its date (晚上8点, 昨天8点, 11-25 8:00).
_DAY_OR_HALF = re.compile(r"上午|早|凌晨|中午|下午|傍晚|晚|夜|昨|前天|天|日|号|月|am|pm|[/-]", re.I)


#: A time that names its day (今天, 昨晚, 11-25): taken as said, never moved back a day.
_SAYS_DAY = re.compile(r"今|昨|前天|天|日|号|月|[/-]")


#: 后天走, 明天中午退房, 后天早上才走, 住到周五: a day said with the leaving, as owners say the
#: check-out (才走 had left 早上才走 unused, and 大后天晚上才退房 taken as the 后天 button).
_LEAVING = re.compile(r"(?:就|再|才)?(?:要|会|准备|打算)?(?:走|离开|离店|退房|退)(?:了|的|吧)?\W*$")
_UNTIL = re.compile(r"^(?:住到|待到|到)")


def _parse_check_in(text: str, env: FormEnv) -> str:
    if _LEAVING.search(text.strip()):
        # 后天走 at the check-in time had got 日期后面的时间看不懂.
        raise Invalid(
            "这是预计退房的日子吧？请先输入入住时间（回复「现在」即当前时间），下一步再填退房日期。"
        )
    now = env.now.replace(tzinfo=None)
    # 晚上十一点多到的: the hour, as a check-in is told (it had been refused).
    moment = parse_datetime(_PAST_THE_HOUR.sub("", text), today=env.today, now=now)
    if moment.hour < 12 and not _DAY_OR_HALF.search(text):
        # 8点 typed at 20:31 means 20:00: a check-in is the latest such hour, not 08:00.
        evening = moment + timedelta(hours=12)
        if evening <= now:
            moment = evening
    night = now.hour < _NIGHT_ENDS
    if night and moment > now and not _SAYS_DAY.search(text) and moment - timedelta(days=1) <= now:
        # 晚上11点 typed at 01:49 is last night's 23:00: the night has not ended for a
        # hotel, and a check-in is never tonight's.
        moment -= timedelta(days=1)
    if moment > now:
        raise Invalid("入住时间不能晚于现在，请重新输入（回复「现在」即当前时间）")
    return moment.isoformat(timespec="minutes")


#: 住两晚, 3天, 多住一天: a stay's length instead of its last day.
_NIGHTS = re.compile(r"(?:(?:再|多|续)?住|共|再|多)?\s*(\d{1,2})\s*(?:个)?(?:晚上?|夜|天)")
#: The same inside a sentence (302的客人再住一晚): the number not part of the room's.
_NIGHTS_SAID = re.compile(r"(?<!\d)(\d{1,2})\s*个?(?:晚上?|夜|天)")
#: 住到周五, 待到12月1日: the last day of a longer stay, as a word of the sentence.
_UNTIL_SAID = re.compile(r"(?:住到|待到|续到|延到)(\w+?)(?:走|退房|再走)?(?:了|吧)?$")
#: The days a guest is said to leave on later than booked (302那个客人明天才走, 周五才退房):
#: 才 says the stay goes on to that day, which is 续住's. (刚才走了 has gone: 退房's.)
_LATER_DAYS = (
    "明天",
    "后天",
    "号",
    "日",
    *(f"{week}{day}" for week in ("周", "星期") for day in "一二三四五六日天"),
)
#: The words before 才走 that end in the day (302那个客人明天 of …明天才走).
_LEAVES_LATER = re.compile(rf"(\w+?)(?:{'|'.join(said_first.DAY_PARTS)})?才(?:走|退)")


def _stay_nights(text: str) -> int | None:
    """N of 住两晚 / 3天 / 住三个晚上, if the text is a stay's length (up to 90 nights)."""
    found = _NIGHTS.fullmatch(arabize(without_chat(text)))
    nights = int(found.group(1)) if found else 0
    return nights if 0 < nights <= 90 else None


def extension_said(text: str, today: date) -> str | None:
    """How long a sentence (302的客人再住一晚, 住到周五) says a stay goes on, as 续住 takes
    it (1天, 周五); None if it says no length or day."""
    said = arabize(text.strip())
    if (found := _NIGHTS_SAID.search(said)) is not None and 0 < int(found.group(1)) <= 90:
        return f"{int(found.group(1))}天"
    if (until := _UNTIL_SAID.search(text.strip())) is not None:  # 周五 kept as said
        try:
            parse_day(until.group(1), today=today)
        except Invalid:
            return None
        return until.group(1)
    if (later := _LEAVES_LATER.search(text)) is not None:
        before = later.group(1)
        for start in range(len(before)):  # the longest end that is a day
            try:
                parse_day(before[start:], today=today)
            except Invalid:
                continue
            return before[start:]
    return None


#: A guest's name among 续住's words (续住 305 2天 张伟), and in a sentence after the room
#: (305的张伟要多住两天, 305的张伟明天走).
_GUEST_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")
_ROOM_NUMBER = r"(?<!\d)\d{1,5}[A-Za-z]?(?:号房间?|房间?|室)?"
_NAMED_AFTER = (
    r"的([\u4e00-\u9fff·]{2,5}?)"
    r"(?=要|想|再|多|续|还|也|得|会|准备|打算|住|延|明天|今天|后天|今晚|明早|走|退)"
)
#: Who a guest is, never what they are called: 302的客人再住一晚.
_NO_GUEST_NAME = re.compile(r"客|人|位|孩|老外|一家|夫妻|两口子|那个|这个|女的|男的")


def guest_named(text: str, house: HouseRooms | None = None) -> str:
    """张伟 of 305的张伟要多住两天 (of 桂花轩的张伟明天走, a room of `house` by its name),
    or "" (302的客人再住一晚 names nobody)."""
    names = [re.escape(r) for r in house.said(text) if is_room_name(r)] if house else []
    found = re.search(f"(?:{'|'.join([_ROOM_NUMBER, *names])}){_NAMED_AFTER}", text.strip())
    if found is None or _NO_GUEST_NAME.search(found.group(1)):
        return ""
    return found.group(1)


@dataclass(frozen=True)
class _ExtensionSaid:
    """The words after 续住's room: the length or day, and whose stay (a place's #5, one
    guest's 旅客#15, 全部, or a name)."""

    when: str
    place: int | None = None
    one: int | None = None
    name: str = ""
    whole_room: bool = False

    @classmethod
    def read(cls, text: str, today: date) -> _ExtensionSaid:
        when: list[str] = []
        place = one = None
        name = ""
        whole_room = False
        for word in text.split():
            if word.startswith("旅客#"):
                one = record_number(word[2:])
            elif word.startswith("#"):
                place = record_number(word)
            elif word == "全部":
                whole_room = True
            elif not name and _GUEST_NAME.fullmatch(word) and not _says_when(word, today):
                name = word
            else:
                when.append(word)
        return cls(" ".join(when), place, one, name, whole_room)

    def who(self, place: bool = True) -> str:
        """The words that keep whose stay it is on a button of a further question."""
        parts = [f"#{self.place}"] if place and self.place is not None else []
        if self.one is not None:
            parts.append(f"旅客#{self.one}")
        elif self.whole_room:
            parts.append("全部")
        elif self.name:
            parts.append(self.name)
        return " ".join(parts)


def _says_when(word: str, today: date) -> bool:
    """两天, 周五, 12月1日: a stay's length or last day, not a guest's name."""
    if _stay_nights(word) is not None or _UNTIL.match(word):
        return True
    try:
        parse_day(word, today=today)
    except Invalid:
        return False
    return True


#: 钟点房, 开的钟点房: an hourly room, whose guest leaves the day they came.
_HOURLY = re.compile(r"^(?:是|开的?|住的?)?钟点房?[，,。\s]*")


#: Before this hour, a night's guest is still in last night: 明天 is the morning after.
_NIGHT_ENDS = 6


def _parse_checkout(text: str, env: FormEnv) -> str | None:
    if says_none(text, ("预计退房", "退房")):
        return None  # 不确定, its button, and 还没定: none said, as 跳过
    check_in = datetime.fromisoformat(env.answers["check_in"]).date()
    # 钟点房，今天晚上就走 had got 看不懂这个日期: an hourly room leaves the same day.
    text = _HOURLY.sub("", text.strip()) or "今天"
    text = _UNTIL.sub("", _LEAVING.sub("", text.strip())) or text
    nights = _stay_nights(text)
    if nights is not None:
        day = check_in + timedelta(days=nights)
    else:
        # 晚上11点 checked in, registered at 02:00: 明天 means the day that is now today.
        night = env.now.hour < _NIGHT_ENDS and check_in == env.today - timedelta(days=1)
        day = parse_day(text, today=check_in if night else env.today)
        check_date_range(check_in, day, "预计退房日期不能早于入住日期，请重新输入")
    # 住两晚 of a check-in three days ago ends in the past too.
    if day < env.today:
        raise Invalid("预计退房日期已经过去了，请输入今天或以后的日期（如 明天）")
    return day.isoformat()


#: The buttons under the check-out question; 不确定 skips it (`says_none`).
CHECKOUT_CHOICES = ("明天", "后天", "不确定")


CHECKOUT_PROMPT = "请输入预计退房日期（如 明天、后天 或 {example}；还不确定请回复「不确定」跳过）："


def _checkout_prompt(answers: Mapping[str, Any]) -> str:
    """The question with a date after the check-in as its example: a fixed 11月30日 had
    been a day already past in December."""
    if not answers.get("check_in"):
        return ""
    check_in = datetime.fromisoformat(answers["check_in"]).date()
    return CHECKOUT_PROMPT.format(example=example_day(check_in, 3))


def _show_checkout(value: Any) -> str:
    """The summary's check-out day; none said is 未定, not 无 (the guest will leave)."""
    return str(value) if value else "未定"


def _show_check_in(value: Any) -> str:
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")


FIELDS: tuple[FormField, ...] = (
    *person_fields("旅客", _not_in_house),
    FormField(
        "room",
        "房间号",
        "请输入房间号：",
        _parse_room,
        check=_room_read_back,
        # 派出所几点下班 had got the room's format error: answered aside, asked again.
        refuses_questions=True,
    ),
    FormField(
        "check_in",
        "入住时间",
        "请输入入住时间（如 14:30 或 今天下午2点；回复「现在」即当前时间）：",
        _parse_check_in,
        choices=("现在",),
        show=_show_check_in,
        show_at=said_time,
    ),
    FormField(
        "checkout",
        "预计退房",
        CHECKOUT_PROMPT.format(example="具体日期"),
        _parse_checkout,
        prompt_for=_checkout_prompt,
        optional=True,
        # The common answers as buttons, as 入住时间 has 现在: typed on a phone at the
        # desk, 明天 had been the only question with none.
        choices=CHECKOUT_CHOICES,
        depends_on=("check_in",),
        show=_show_checkout,
        show_at=said_day,
    ),
    *minors.FIELDS,
)


async def _submit(ctx: Context, answers: Answers) -> list[Reply]:
    venue = await owned_venue(ctx.session, ctx.person.id, answers["venue_id"], GUEST_KINDS)
    if venue is None or venue.id is None:
        return [Text("您已不再是该场所的负责人，登记未提交。如有疑问请联系社区民警。")]
    zone = ctx.services.settings.zone
    party = answers.get("party_receipt")
    receipt = party or receipt_number("G", local_time(ctx))
    nationality = answers.get("nationality") or MAINLAND
    person = person_from(answers)
    stay = GuestStay(
        **seal(ctx.services, person, "guest_stay"),
        receipt_no=receipt,
        venue_id=venue.id,
        is_primary=party is None,
        nationality=nationality,
        is_foreign=nationality not in _MAINLAND_REGIONS,
        room=answers["room"],
        check_in_at=to_stored(datetime.fromisoformat(answers["check_in"]), zone),
        expected_checkout=iso_date(answers.get("checkout")),
        registered_by_account_id=ctx.account.id,
        created_at=ctx.now,
        **minors.stay_columns(ctx.services, answers),
    )
    ctx.session.add(stay)
    await ctx.session.flush()
    # The owner's receipt is the same whether or not this hits the wanted list.
    await check_registration(ctx.session, ctx.services, stay, venue)
    urgent = await minors.tell_if_unreachable(ctx.session, ctx.services, stay, venue)
    # A child registered first, alone in the room then: this adult makes it urgent.
    joined = await minors.tell_if_adult_joins(ctx.session, ctx.services, stay, venue)
    # The same ID in the house at another place: the officer's, as a hit is.
    await tell_if_elsewhere(ctx.session, ctx.services, stay, venue)
    lines = [
        "✅ 旅客登记成功",
        f"回执号：{receipt}",
        f"旅客：{stay.name_masked}（{stay.doc_no_masked}）",
        f"房间：{stay.room}　入住：{short(stay.check_in_at, zone, ctx.now)}",
    ]
    if stay.expected_checkout is not None:
        # The owner checks the day said at the summary was taken (明天 of a night's guest).
        lines[-1] += f"　预计退房：{said_near(stay.expected_checkout, local_time(ctx).date())}"
    if origin := origin_label(stay.nationality):
        # 旅馆业治安管理办法 第六条: a 境外旅客 (foreigners and 港澳台 alike) is reported in 24
        # hours.
        lines.append(
            f"🌐 该旅客为{origin}，本登记已同步报送派出所。{origin}住宿须在入住后24小时内登记报送。"
        )
    if stay.guardian_phone_masked:
        lines.append(minors.receipt_line(stay, urgent=urgent))
    if joined:
        lines.append(minors.joined_line(joined))
    buttons = (Button("登记同住人", f"/同住 {receipt}"), Button("完成", "登记完成"))
    return [Text("\n".join(lines)), Choices("如有同住人员，请继续登记：", buttons)]


FORM = Form(
    name=FORM_NAME,
    title="旅客登记",
    fields=FIELDS,
    submit=_submit,
    intro="开始旅客登记。随时可回复「上一步」，「修改 房间号」这样改已填的一项，或「取消」。",
    # 需要时可重新开始 named no way to start again.
    cancelled="已取消旅客登记，填写的内容未提交。需要时发送「登记旅客」重新开始。",
    started_by=("guest_checkin", "register"),
    reads=said_first.read,
)


async def start_check_in(ctx: Context, forms: FormEngine, said: str = "") -> list[Reply]:
    """Start the form; `said`, what was typed after the command (李娜 3301… 302房), gives
    its first answers."""
    return await open_registration(
        ctx, forms, said, command="登记旅客", form=FORM, place_label="场所", kinds=GUEST_KINDS
    )


def told_apart(stays: Iterable[GuestStay]) -> dict[int | None, str]:
    """Masked names, with the ID number's last four where two would read alike (刘** and
    刘** in one room)."""
    stays = list(stays)
    seen = [s.name_masked for s in stays]
    return {
        s.id: s.name_masked
        if seen.count(s.name_masked) == 1
        else f"{s.name_masked}（尾号{s.doc_no_masked[-4:]}）"
        for s in stays
    }


#: What `退房 305 #1 大人` says of the room's guests: its adults, or its minors.
ADULTS = "大人"
CHILDREN = "孩子"


#: 老外, 外国人, 外籍: a foreign guest said in words, registered on a passport.
_FOREIGN_WORDS = ("老外", "外国", "外籍")
_FOREIGNERS = ("老外", "外国人")
#: 来了个老外, 住进来一个外国人, 来了个客人: a check-in said as news (each had got 没有理解).
#: Whole phrases, not 外国人 alone: 外国人入住要怎么登记 asks the rules, and a hint's words
#: are taken out of what the question is read to be about (`handlers.hints.questions`);
#: so no 外国客人 either, whose 来了个外国客人怎么办 the FAQ answers.
_CAME = ("来了个", "来了一个", "来了位", "来了一位", "住进来个", "住进来一个", "住进来了一个")
_ARRIVALS = (
    *(f"{came}{who}" for came in _CAME for who in (*_FOREIGNERS, "客人")),
    *(f"{who}住进来" for who in _FOREIGNERS),
)


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "guest_checkin",
        # 登记客人 is how owners name it: as a hint it got an offer, and a name typed under
        # the offer (张三) was not the form's first answer.
        commands=("登记旅客", "checkin", "登记客人"),
        hints=("入住", "来了客人", "登记一下客人", *_ARRIVALS),
        roles=OWNERS,
        help="登记入住旅客",
        topic="登记",
        kinds=GUEST_KINDS,
        # 我要登记旅客: the form asks before it keeps anything; 来了客人 is still offered.
        at_once=AtOnce.STARTED,
        picks=_passport_for_foreigner,
    )
    async def check_in(ctx: Context) -> list[Reply]:
        return await start_check_in(ctx, forms, ctx.match.args if ctx.match else "")

    @router.route(
        "guest_companion",
        commands=("同住", "companion"),
        roles=OWNERS,
        hints=("同住的", "同住人", "还有一个人", "还有个人", "一起住的"),
    )
    async def companion(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, "同住")) is not None:
            return in_group
        receipt = ctx.match.args.upper() if ctx.match else ""
        # /同住 刚才写的: the button of an offer, for what was said with it (`keep_said`).
        told = await said_first.said_before(ctx) if receipt == said_first.SAID_KEPT else ""
        receipt = "" if told else receipt
        owned = {v.id for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}
        if not receipt:
            # 还有个同住的, typed after a check-in: the owner's latest guest is whom they mean.
            latest = (
                await ctx.session.exec(
                    select(GuestStay)
                    .where(
                        col(GuestStay.venue_id).in_(owned),
                        GuestStay.is_primary,
                        col(GuestStay.checked_out_at).is_(None),
                        GuestStay.registered_by_account_id == ctx.account.id,
                    )
                    .order_by(col(GuestStay.id).desc())
                    .limit(1)
                )
            ).first()
            receipt = latest.receipt_no if latest else ""
        first = (
            await ctx.session.exec(
                select(GuestStay).where(GuestStay.receipt_no == receipt, GuestStay.is_primary)
            )
        ).first()
        if (first is None or first.venue_id not in owned) and told:
            # Nobody registered yet to share a room with: a check-in of what was said.
            return await start_check_in(ctx, forms, told)
        if first is None or first.venue_id not in owned:
            return [Text("没有找到该回执号的登记，请发送「登记旅客」重新开始。")]
        staying = await ctx.session.exec(
            select(GuestStay.id).where(
                GuestStay.receipt_no == receipt, col(GuestStay.checked_out_at).is_(None)
            )
        )
        if staying.first() is None:
            # An old button: the new guest would take the party's check-in time and receipt.
            return [
                Choices(
                    f"{first.room} 房间这批旅客已全部退房，不能再登记为同住人。"
                    "新来的旅客请重新登记。",
                    (Button("登记旅客", "/登记旅客"),),
                )
            ]
        zone = ctx.services.settings.zone
        place = await ctx.session.get(Venue, first.venue_id)
        prefill = {
            "venue_id": first.venue_id,
            VENUE_KIND: place.kind.value if place is not None else "",
            "party_receipt": receipt,
            "room": first.room,
            "check_in": to_local(first.check_in_at, zone)
            .replace(tzinfo=None)
            .isoformat(timespec="minutes"),
            "checkout": first.expected_checkout.isoformat() if first.expected_checkout else None,
            **await _party_adult(ctx, receipt),
        }
        # The room as the opening line: said only when this form is what is asked next,
        # not above another registration still unfinished.
        party = f"{first.room} 房间的同住人员"
        lead = f"登记 {party}：随时可回复「上一步」，「修改 姓名」这样改已填的一项，或「取消」。"
        # 登记 王强 <ID> 老婆 刘芳 <ID> 208: her name and number, said with his check-in.
        said = told or await said_first.companion_said(ctx, FORM, since=first.created_at)
        found = await said_first.first_answers(ctx, FORM, said, prefill)
        if noted := said_first.said_line(FORM, found):
            lead += f"\n{noted}"
        return await forms.start(
            ctx,
            FORM_NAME,
            prefill,
            found.answers or None,
            found.derived,
            intro=lead,
            about=party,
        )

    @router.route("guest_done", keywords=("登记完成",), roles=OWNERS)
    async def done(ctx: Context) -> list[Reply]:
        return [Text("好的，本次登记已完成。")]

    @router.route(
        "guest_checkout",
        commands=("退房", "checkout"),
        # 302的客人明天走 as well: offered for when the guest has gone (`later`).
        hints=("客人走了", "客人退了", "退了房", "走了", "要走", *(f"{w}走" for w in _WHEN)),
        keywords=("退房",),
        roles=OWNERS,
        help="旅客退房，如：退房 302；同住多人只退一位：退房 302 姓名",
        daily=40,
        topic="登记",
        kinds=GUEST_KINDS,
        later="退房以客人实际离店为准，客人走时再点下面的按钮。",
        picks=_checkout_named,
    )
    async def check_out(ctx: Context) -> list[Reply]:
        room, _, venue_name = (ctx.match.args if ctx.match else "").partition(" ")
        venues = await _my_places(ctx)
        stays = await _in_house(ctx, venues)
        if not room:
            rooms = sorted({s.room for s in stays})
            if not rooms:
                return [Text("目前没有在住旅客。")]
            buttons = tuple(Button(r, f"退房 {r}") for r in rooms[:20])
            return [Choices("请选择退房的房间（或发送「退房 房间号」）：", buttons)]
        house = house_rooms_of(venues.values(), stays)
        try:
            # 退房 桂花轩: a homestay's room registered by its name.
            room = house.read(room)
        except Invalid as exc:
            return [Text(exc.reason)]
        words = venue_name.split()
        if more := checkout_rooms.more_rooms(words, house):
            # 退房 101 203: each room, where 203 had been read as a guest's name.
            return await checkout_rooms.check_out_rooms(ctx, [room, *more], stays, venues)
        leaving = [s for s in stays if s.room == room]
        # 大人走了 under the room's buttons (`checkout_answers`): the adults, or the children.
        ages = {w for w in words if w in (ADULTS, CHILDREN)}
        if ages:
            today = local_time(ctx).date()
            leaving = [
                s for s in leaving if minors.is_minor(s.birth_date, today) == (CHILDREN in ages)
            ]
        whole_room = "全部" in words or bool(ages)
        named = " ".join(
            w for w in words if w not in ("全部", ADULTS, CHILDREN) and not w.startswith("#")
        )
        place = next((record_number(w) for w in words if w.startswith("#")), None)
        one = next((record_number(w[2:]) for w in words if w.startswith("旅客#")), None)
        if one is not None:  # a button below: 退房 302 旅客#15
            leaving = [s for s in leaving if s.id == one]
            named = ""
        if place is not None:  # a button below: 退房 302 #7
            leaving = [s for s in leaving if s.venue_id == place]
        if named:
            # 退房 302 李建国: one guest of a shared room, matched by the name's blind index.
            guest = ctx.services.blind_index(named, NAME)
            person = [s for s in leaving if s.name_idx == guest]
            exact = [s for s in leaving if venues[s.venue_id].name == named]
            leaving = person or exact or [s for s in leaving if named in venues[s.venue_id].name]
        if not leaving and ages:
            return [Text(f"{room} 房间没有在住的{ages.pop()}。发送「退房 {room}」查看在住旅客。")]
        if not leaving:
            return [
                Text(
                    f"{room} 房间没有在住的这位旅客，请核对房间号和姓名（姓名须与登记一致）。"
                    "发送「在住旅客」查看名单。"
                    if venue_name.strip()
                    else f"{room} 房间没有在住旅客，请核对房间号。发送「在住旅客」查看名单。"
                )
            ]
        places = sorted({s.venue_id for s in leaving})
        if len(places) > 1:
            # The same room number in two of the owner's places: not both at once.
            buttons = tuple(Button(venues[v].name, f"退房 {room} #{v}") for v in places)
            return [Choices(f"您有 {len(places)} 个场所都有 {room} 房间，请选择：", buttons)]
        in_group = ctx.inbound.chat_type is not ChatType.PRIVATE
        choosing = len(leaving) > 1 and not whole_room
        if choosing and in_group:
            # Which guest leaves is asked by name: not in front of the group. The owner
            # typed no ID number, so is not told to keep one out of it; the whole room
            # needs no name, and stays one tap away here.
            whole = Button(f"全部 {len(leaving)} 位退房", f"退房 {room} #{places[0]} 全部")
            return [
                Choices(
                    f"选择哪位旅客退房需要显示姓名，请私聊本号发送「退房 {room}」。\n"
                    f"如 {room} 房间的旅客全部退房，可点下面的按钮。",
                    (whole,),
                )
            ]
        if len(leaving) > 1 and named and not whole_room and len(places) == 1:
            # Two guests of one name in the room: 退房 302 王小明 had checked out both.
            told = choice_labels(leaving, local_time(ctx).date(), ctx.services.settings.zone)
            buttons = tuple(Button(told[s.id], f"退房 {room} 旅客#{s.id}") for s in leaving[:8])
            return [Choices(f"{room} 房间有 {len(leaving)} 位同名旅客，是哪一位？", buttons)]
        if len(leaving) > 1 and not whole_room and not named:
            # Several guests share the room: all of them, or one (张伟 may leave first).
            at = f" #{places[0]}"
            shown = told_apart(leaving)
            # Each choice says what the owner tells the guest by (张*（男，30多岁，证件尾号
            # 2345，11-29入住）): 张*、李*、张** alone could hardly be told apart.
            told = choice_labels(leaving, local_time(ctx).date(), ctx.services.settings.zone)
            buttons = (
                Button(f"全部 {len(leaving)} 位", f"退房 {room}{at} 全部"),
                *(Button(told[s.id], f"退房 {room} 旅客#{s.id}") for s in leaving[:8]),
            )
            names = "、".join(shown[s.id] for s in leaving)
            return [Choices(f"{room} 房间有 {len(leaving)} 位在住旅客：{names}。谁退房？", buttons)]
        for stay in leaving:
            stay.checked_out_at = ctx.now
            ctx.session.add(stay)
        await tell_checkout(ctx.session, ctx.services, leaving, venues[places[0]], ctx.now)
        await minors.picked_up(ctx.session, ctx.services, leaving, venues[places[0]], ctx.now)
        # In a group everyone reads the receipt: the room and the count say it was done.
        names = "" if in_group else "：" + "、".join(s.name_masked for s in leaving)
        # 王大明 out of 306, his child of 13 still in it: the owner is told now, not tonight.
        staying = [
            s for s in stays if s.room == room and s.venue_id == places[0] and s not in leaving
        ]
        alone = await minors.left_alone(
            ctx.session, ctx.services, leaving, staying, venues[places[0]], ctx.now
        )
        undo = checkout_undo.button(leaving)
        # Check-out is the owner's most frequent act, so it is not asked twice; a wrong room
        # is put right with one button instead.
        done = Choices(
            f"✅ {room} 房间 {len(leaving)} 位旅客已办理退房{names}。\n"
            f"如退错了房间，{UNDO_HOURS} 小时内可点「撤销退房」恢复。",
            (undo,),
        )
        if not alone:
            return [done]
        child = Button(
            minors.CHILD_TOO,
            f"退房 {room} 旅客#{alone[0].id}"
            if len(alone) == 1
            else f"退房 {room} #{places[0]} 全部",
        )
        return [
            Choices(
                f"{done.text}\n{minors.left_alone_line(room, alone, named=not in_group)}",
                (child, undo),
            )
        ]

    @router.route(
        "guest_extend",
        commands=("续住", "extend"),
        roles=OWNERS,
        help=(
            "延长旅客的预计退房日期，如：续住 302 后天 或 续住 302 2天；"
            "同住多人只续一位：续住 302 2天 姓名"
        ),
        daily=30,
        topic="登记",
        kinds=GUEST_KINDS,
        # 住到周五: the day said with it is its argument (see `_extension_named`).
        hints=(
            *("续住", "多住", "再住", "延长", "住到", "待到", "续到", "延到"),
            # 302的客人后天早上才走 as 302的客人后天才走 (it had got 没有理解).
            *(
                f"{day}{part}才{leaves}"
                for day in _LATER_DAYS
                for part in ("", *said_first.DAY_PARTS)
                for leaves in ("走", "退")
            ),
        ),
        picks=_extension_named,
    )
    async def extend(ctx: Context) -> list[Reply]:
        room_text, _, when = (ctx.match.args if ctx.match else "").partition(" ")
        if not await _my_places(ctx) and await owned_venues(
            ctx.session, ctx.person.id, (VenueKind.RENTAL,)
        ):
            # A landlord's 续住 王五 2028年1月1日 had got 房间号只能包含数字: a tenant's
            # lease is changed by 续租, which takes the same words.
            args = ctx.match.args if ctx.match else ""
            return [
                Choices(
                    "续住是旅馆、民宿登记旅客用的。改租客的到期日期请用「续租」，"
                    "如「续租 1 2027年12月31日」（1 是「租客」名单里的序号，也可以写租客姓名）。",
                    (Button("续租", f"/续租 {args}".strip()),),
                )
            ]
        if not room_text:
            example = example_day(local_time(ctx).date(), 3)
            return [Text(f"请写明房间和日期，如「续住 302 {example}」或「续住 302 2天」。")]
        venues = await _my_places(ctx)
        try:
            room = house_rooms_of(venues.values(), await _in_house(ctx, venues)).read(room_text)
        except Invalid as exc:
            return [Text(exc.reason)]
        today = local_time(ctx).date()
        # 续住 302 2天 #5: the venue's button when two of the owner's places have a 302;
        # 旅客#15 one guest's button, 全部 the whole room's, 张伟 a guest by name.
        said = _ExtensionSaid.read(when, today)
        when, place = said.when, said.place
        staying = [
            s
            for s in await _in_house(ctx, venues)
            if s.room == room and (place is None or s.venue_id == place)
        ]
        if not staying:
            return [Text(f"{room} 房间没有在住旅客，请核对房间号。发送「在住旅客」查看名单。")]
        if said.one is not None:
            staying = [s for s in staying if s.id == said.one]
        elif said.name:
            # 续住 305 2天 张伟: that guest only, as 退房 305 张伟 (both had been extended).
            guest = ctx.services.blind_index(said.name, NAME)
            staying = [s for s in staying if s.name_idx == guest]
        if not staying:
            return [
                Text(
                    f"{room} 房间没有在住的这位旅客，请核对房间号和姓名（姓名须与登记一致）。"
                    "发送「在住旅客」查看名单。"
                )
            ]
        who = said.who()
        if not when.strip():
            # Offered as 一天/两天…: "两天" typed back presses its button, "2" the second.
            lengths = (("一天", 1), ("两天", 2), ("三天", 3), ("一周", 7))
            return [
                Choices(
                    f"{room} 房间续住多久？也可发送「续住 {room} 日期」，"
                    f"如「续住 {room} {example_day(local_time(ctx).date(), 3)}」。",
                    tuple(Button(word, f"续住 {room} {n}天 {who}".strip()) for word, n in lengths),
                )
            ]
        places = {s.venue_id for s in staying}
        if len(places) > 1:
            buttons = tuple(
                Button(v.name, f"续住 {room} {when} #{v.id} {said.who(place=False)}".strip())
                for v in venues.values()
                if v.id in places
            )
            return [Choices(f"您有几个场所都有 {room} 房间，是哪一家？", buttons)]
        if len(staying) > 1 and not said.whole_room and said.one is None:
            # 305的张伟要多住两天 had extended his roommate too: whom, unless all are.
            at = f"#{staying[0].venue_id}"
            if ctx.inbound.chat_type is not ChatType.PRIVATE:
                # Whom is asked by name and details, as 退房 asks: not in front of the group.
                return [
                    Choices(
                        f"选择哪位旅客续住需要显示姓名，请私聊本号发送「续住 {room}」。\n"
                        f"如 {room} 房间的旅客全部续住，可点下面的按钮。",
                        (Button(f"全部 {len(staying)} 位续住", f"/续住 {room} {when} {at} 全部"),),
                    )
                ]
            shown = told_apart(staying)
            told = choice_labels(staying, today, ctx.services.settings.zone)
            buttons = (
                Button(f"全部 {len(staying)} 位", f"续住 {room} {when} {at} 全部"),
                *(Button(told[s.id], f"续住 {room} {when} {at} 旅客#{s.id}") for s in staying[:8]),
            )
            names = "、".join(shown[s.id] for s in staying)
            same = "同名" if said.name else "在住"
            return [
                Choices(f"{room} 房间有 {len(staying)} 位{same}旅客：{names}。谁续住？", buttons)
            ]
        nights = _stay_nights(when)
        if nights is not None:
            base = max([today, *(s.expected_checkout for s in staying if s.expected_checkout)])
            day = base + timedelta(days=nights)
        else:
            try:
                # 续住 306 到周三: the day said with the word for it.
                day = parse_day(_UNTIL.sub("", when.strip()) or when, today=today)
            except Invalid as exc:
                return [Text(exc.reason)]
        if day < today:
            return [Text("这个日期已经过去了，请写今天以后的日期。")]
        before = departures.registered_day(staying)
        for stay in staying:
            stay.expected_checkout = day
            ctx.session.add(stay)
        names = "、".join(s.name_masked for s in staying)
        if ctx.inbound.chat_type is not ChatType.PRIVATE:
            names = f"{len(staying)} 位旅客"  # the group reads it: no names, as 退房 there
        if before is not None and day < before:
            # 302那父子俩明天才走, of a room due 后天: leaving earlier is no 续住.
            return [Text(f"✅ {room} 房间（{names}）预计退房提前到 {said_near(day, today)}。")]
        return [
            Text(
                f"✅ {room} 房间（{names}）预计退房改为 {said_near(day, today)}。续住无需重新登记。"
            )
        ]

    @router.route("guest_departures", commands=(departures.LEAVING,), roles=OWNERS)
    async def several_departures(ctx: Context) -> list[Reply]:
        parts = (ctx.match.args if ctx.match else "").split(departures.APART)
        venues = await _my_places(ctx)
        stays = await _in_house(ctx, venues)
        house = house_rooms_of(venues.values(), stays)
        return departures.offered(parts, stays, house, local_time(ctx).date())

    @router.route(
        "guest_checkout_undo",
        commands=("撤销退房",),
        # 不对 是302退房 退错了 was offered 「退房 退错了」, a room that is none: the word for
        # the mistake outweighs the check-out it is said beside.
        keywords=("退错了",),
        roles=OWNERS,
        # 搞错了 302还没走 right after a check-out (its receipt offering 撤销退房) had got
        # 没有理解: a guest said to be still there is a check-out to take back.
        hints=("撤销", "不该退", "还没走", "没有走"),
        # 撤回 right after a check-out had got 没有理解: the officers' command (an alert
        # withdrawn), which an owner says of their own last step.
        borrows=("撤回",),
        picks=_undo_named,
    )
    async def undo_check_out(ctx: Context) -> list[Reply]:
        # What it asks names guests (masked), which a group is not to read.
        text = ctx.inbound.text.strip()
        if asks_to_withdraw(text):
            # 撤回 K7X2…, the code of the owner's own tip (the word borrowed above).
            return await withdraw_told(ctx, text)
        if (in_group := private_only(ctx, "撤销退房")) is not None:
            return in_group
        places = await _my_places(ctx)
        if not places:  # a landlord's 退错了 is a tenant's move-out
            return await moveout_undo.undo(ctx)
        return await checkout_undo.undo(ctx, ctx.match.args if ctx.match else "", places)

    @router.route(
        "guest_list",
        commands=("在住旅客", "guests"),
        hints=_LIST_HINTS,
        keywords=("在住旅客", "今日旅客", "旅客名单", "在住", "现在住着哪些人", "住了哪些人"),
        roles=OWNERS,
        help="查看在住旅客名单",
        daily=20,
        topic="登记",
        kinds=GUEST_KINDS,
        staff_way=STAFF_GUESTS,
        at_once=AtOnce.SHOWN,  # 在住旅客名单: the list, not a button for it
    )
    async def in_house(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, "在住旅客")) is not None:
            return in_group
        venues = await _my_places(ctx)
        if not venues:
            return [Text("您名下没有旅馆、民宿，无需登记旅客。出租屋的租客请发送「租客」查看。")]
        said = ctx.match.args.strip() if ctx.match else ""
        only_late = said.startswith(_LATE_WORD)
        number = page_number(said.removeprefix(_LATE_WORD))
        if number is None:
            return [Text(_PAGES_HOW)]
        stays = await _in_house(ctx, venues)
        if not stays:
            return [Text("目前没有在住旅客。发送「登记旅客」登记入住。")]
        settings = ctx.services.settings
        zone = settings.zone
        # Stays never checked out are listed apart, in short: months of them had buried
        # the guests really in the house.
        today = local_time(ctx).date()
        stays, late = overdue.split(stays, today, settings)
        if only_late:
            return _late_page(late, venues, number, settings, today, ctx.now)
        page = _page_of(stays, number, _IN_HOUSE_PAGE)
        lines = [f"在住旅客共 {len(stays)} 人："] if stays else ["目前没有近期入住的旅客。"]
        lines += _stay_lines(page.items, venues, zone, today, ctx.now)
        if footer := page.footer(_IN_HOUSE):
            lines.append(footer)
        buttons = page.next_button(_IN_HOUSE)
        if late and page.number == 1:
            lines.append(overdue.heading(len(late), settings))
            for where in sorted({s.venue_id for s in late}, key=lambda v: v or 0):
                tag = f"【{venues[where].name}】" if len(venues) > 1 else ""
                lines.append(
                    tag + overdue.brief([s for s in late if s.venue_id == where], zone, ctx.now)
                )
            if len(late) > overdue.SHOWN:
                # 等 N 人 had been the end of it: the rest could not be seen.
                lines.append(f"发送「{_IN_HOUSE} {_LATE_WORD}」查看全部 {len(late)} 人。")
                buttons += (Button("查看全部逾期", f"{_IN_HOUSE} {_LATE_WORD}"),)
            lines.append("已走的请发送「退房 房间号」，还在住的请发送「仍在住 房间号」。")
        return [Choices("\n".join(lines), buttons) if buttons else Text("\n".join(lines))]

    return router


_IN_HOUSE = "在住旅客"
_LATE_WORD = "逾期"
#: Guests on one page of 在住旅客 (the list had stopped at 50: 另有 N 人未显示).
_IN_HOUSE_PAGE = 50
_PAGES_HOW = (
    f"看不懂要看哪一页。发送「{_IN_HOUSE}」查看在住旅客，「{_IN_HOUSE} 2」看第2页，"
    f"「{_IN_HOUSE} {_LATE_WORD}」看全部逾期未退房的旅客。"
)


def _page_of(stays: Sequence[GuestStay], number: int, size: int) -> Page[GuestStay]:
    """Page `number` of stays already fetched (past the last page, the last page)."""
    pages = max(1, -(-len(stays) // size))
    number = min(number, pages)
    return Page(stays[(number - 1) * size : number * size], number, pages, len(stays))


def _stay_lines(
    stays: Iterable[GuestStay],
    venues: Mapping[int | None, Venue],
    zone: ZoneInfo,
    today: date,
    now: datetime,
) -> list[str]:
    """One line per guest, under its place's name when the owner has several; 港澳居民,
    未成年 and the like after the name (a minor had not been told from an adult here); a
    check-in of today reads 今天 HH:MM, as officers' lists say it."""
    lines: list[str] = []
    place = None
    for s in sorted(stays, key=lambda s: s.venue_id):
        if len(venues) > 1 and s.venue_id != place:
            # Two places may both have a 101: say whose list follows.
            place = s.venue_id
            lines.append(f"【{venues[place].name}】")
        tags = [origin] if (origin := origin_label(s.nationality)) else []
        if s.guardian_phone_masked or minors.is_minor(s.birth_date, today):
            tags.append("未成年")
        flag = f"（{'，'.join(tags)}）" if tags else ""
        lines.append(
            f"{s.room}　{s.name_masked}{flag}　{s.doc_no_masked}　入住 {short(s.check_in_at, zone, now)}"
        )
    return lines


def _late_page(
    late: list[GuestStay],
    venues: Mapping[int | None, Venue],
    number: int,
    settings: Settings,
    today: date,
    now: datetime,
) -> list[Reply]:
    """在住旅客 逾期: every overdue stay, a page at a time."""
    if not late:
        return [Text(f"目前没有逾期未退房的旅客。发送「{_IN_HOUSE}」查看在住旅客。")]
    page = _page_of(late, number, _IN_HOUSE_PAGE)
    command = f"{_IN_HOUSE} {_LATE_WORD}"
    lines = [overdue.heading(len(late), settings)]
    lines += _stay_lines(page.items, venues, settings.zone, today, now)
    if footer := page.footer(command):
        lines.append(footer)
    lines.append("已走的请发送「退房 房间号」，还在住的请发送「仍在住 房间号」。")
    buttons = page.next_button(command)
    return [Choices("\n".join(lines), buttons) if buttons else Text("\n".join(lines))]


async def _extension_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """302的客人再住一晚: the offer keeps the length (续住 302 一晚 had been 续住 302, which
    then asked how long again); 桂花轩的客人再住一晚: the room by its name."""
    house = await house_rooms(ctx)
    command = offer.typed.split(maxsplit=1)[0]
    if rooms := house.named_in(ctx.inbound.text):
        offer = replace(offer, typed=f"{command} {rooms[0]}")
    room = offer.typed.removeprefix("/").partition(" ")[2]
    # 305的张伟要多住两天: only 张伟 stays on (his roommate had been extended too).
    named = guest_named(ctx.inbound.text, house)
    if not named and (found := await _guest_said(ctx, room.split()[0] if room else None)):
        # 张伟再住两天，他老婆明天走: the guest named, and so the room, by the name's
        # blind index (续住 alone had asked for the room).
        offer, named = replace(offer, typed=f"{command} {found[0]}"), found[1]
    elif not room:
        return offer  # no room said: the length waits for 续住's own question
    length = extension_said(ctx.inbound.text, local_time(ctx).date())
    if length is None and not named:
        return offer
    typed = " ".join(w for w in (offer.typed, length or "", named) if w)
    said_room = offer.typed.removeprefix("/").split()[1:2]
    return await _with_others_gone(ctx, replace(offer, typed=typed), "".join(said_room))


async def _with_others_gone(ctx: Context, offer: Suggestion, room: str) -> Suggestion:
    """李强也退了，还有302那父子俩明天才走: the check-out said beside the room's new day is
    offered with it (`departures`); it had been dropped, 续住 302 明天 offered alone."""
    text = ctx.inbound.text
    venues = await _my_places(ctx)
    stays = await _in_house(ctx, venues)
    gone = departures.gone_in(text, stays, house_rooms_of(venues.values(), stays), ctx, room)
    if not gone:
        return offer
    extension = offer.typed.removeprefix("/").split()
    whole = ["全部"] if departures.whole_room(text) and "全部" not in extension else []
    parts = [*gone, " ".join(["续住", *extension[1:], *whole])]
    return replace(offer, typed=departures.offer_typed(parts), at_once=True)


async def _passport_for_foreigner(ctx: Context, offer: Suggestion) -> Suggestion:
    """来了个老外: the check-in offered with the passport chosen, as 登记 护照 starts it
    (a foreign guest registers on a passport; the form asks the name, then its number)."""
    said = ctx.inbound.text
    if " " in offer.typed.strip() or not any(word in said for word in _FOREIGN_WORDS):
        return offer
    return replace(offer, typed=f"{offer.typed} 护照")


async def _checkout_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """305的张伟明天走: the offer is 退房 305 张伟 (退房 305 had then asked which guest);
    101和203都退房了: 退房 101 203 (203 had been dropped); 桂花轩的客人走了: 退房 桂花轩
    (a bare 退房 had asked which room)."""
    house = await house_rooms(ctx)
    offer = checkout_rooms.offer_rooms(ctx.inbound.text, offer, house)
    said = offer.typed.removeprefix("/").split()[1:]
    if len(said) > 1:
        return offer  # several rooms: no one guest of a room
    if said and (named := guest_named(ctx.inbound.text, house)):
        return replace(offer, typed=f"{offer.typed} {named}")
    # 张伟先走了，老婆孩子还住 had been offered a bare 退房, which started over: the guest
    # named, and so the room, by the name's blind index.
    found = await _guest_said(ctx, said[0] if said else None)
    if found is None:
        return offer
    command = offer.typed.split(maxsplit=1)[0]
    return replace(offer, typed=" ".join(w for w in (command, *found) if w))


async def _guest_said(ctx: Context, room: str | None) -> tuple[str, str] | None:
    """(room, full name) of the one guest in the house (in `room`, if said) whom the
    sentence names (张伟 of 张伟先走了，老婆孩子还住); the name "" when it names several
    of one room; None when it names none, or guests of several rooms."""
    venues = await _my_places(ctx)
    stays = [s for s in await _in_house(ctx, venues) if room is None or s.room == room]
    found = named_in(ctx.inbound.text, stays, ctx.services.blind_index)
    rooms = {s.room for _, s in found}
    if len(rooms) != 1:
        return None
    names = {name for name, _ in found}
    return rooms.pop(), names.pop() if len(names) == 1 else ""


async def _undo_named(_ctx: Context, offer: Suggestion) -> Suggestion:
    """不对 是303退房 退错了: 303 is the room meant, not the check-out undone; the offer is
    named 撤销退房 alone (its question says what to do for 303)."""
    return replace(offer, shown="撤销退房")


async def _party_adult(ctx: Context, receipt: str) -> dict[str, str]:
    """The adult of the party still in the room, offered as a minor companion's guardian
    (就是他爸 电话同上 had got 手机号只能包含数字): masked name and phone; none if no adult."""
    rows = await ctx.session.exec(
        select(GuestStay)
        .where(GuestStay.receipt_no == receipt, col(GuestStay.checked_out_at).is_(None))
        .order_by(col(GuestStay.id))
    )
    today = local_time(ctx).date()
    adult = next((s for s in rows.all() if not minors.is_minor(s.birth_date, today)), None)
    if adult is None:
        return {}
    # Copied into the minor's registration only, shown masked like any guardian's phone.
    phone = (
        ctx.services.cipher.decrypt(adult.phone_enc, "guest_stay.phone") if adult.phone_enc else ""
    )
    return {minors.PARTY_ADULT: adult.name_masked, minors.PARTY_PHONE: phone}


async def _my_places(ctx: Context) -> dict[int | None, Venue]:
    """The owner's hotels and homestays by id: fetched once per message, and handed on."""
    return {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}


async def _in_house(ctx: Context, owned: Iterable[int | None]) -> list[GuestStay]:
    rows = await ctx.session.exec(
        select(GuestStay)
        .where(col(GuestStay.venue_id).in_(owned), col(GuestStay.checked_out_at).is_(None))
        .order_by(col(GuestStay.room), col(GuestStay.id))
    )
    return list(rows.all())
