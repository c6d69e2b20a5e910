"""A guest under 18: what the Minors Protection Law (article 57) has a hotel do.

The hotel must ask for the phone of a parent or other guardian and how the people staying
with the minor are related to them, and report anything suspicious at once. The form asks
both when the birth date says the guest is a minor on the day of check-in. A guardian who
cannot be reached is recorded as such, and the beat's officers hear of it at once: a child
alone in a hotel whose parents nobody can call is what they want to know tonight.

A minor registered as 同住 of an adult still in the room is asked first whether that adult
is the guardian (是: their phone is the guardian's; 同上 at the phone says the same). An
adult checking out who leaves only minors in the room has the owner asked, at once, who
looks after them, and the beat's officers told (`left_alone`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.forms import Derived, FormEnv, FormField, Misplaced
from bot.forms.words import asks_meaning, is_yes
from bot.messages import Button, Choices, Text
from bot.validators import Invalid
from bot.validators.dates import age_on, says_a_day
from bot.validators.numerals import spoken_digits
from bot.validators.phone import parse_phone
from bot.validators.text import parse_free_text
from handlers.registration.fields import show_phone
from handlers.registration.timefmt import short, to_local
from handlers.services.officers import beat_officer_accounts
from handlers.services.tasks import create_task
from storage.models import GuestStay, Tenancy, Venue
from storage.outbox import enqueue_to_accounts, keys_with_prefix

GUARDIAN_PHONE = "guest_stay.guardian_phone"
#: Stored as the guardian's phone when the hotel could not reach them.
UNREACHABLE = "联系不上"
_UNREACHABLE_WORDS = re.compile(r"联系不上|联系不到|打不通|没人接|不知道|没有|无|不肯说|不告诉")
ALONE = "独自"
_ALONE_WORDS = re.compile(r"独自|一个人|自己|单独|没人|无")
#: Ahead of the day's bulk, like a hit's alert.
PRIORITY = 10
#: How the outbox keys of every notice about minors to the beat's officers begin: `minor:`
#: or `minor-<kind>:`, then the stays' ids (`minor:5`, `minor-alone:5,6:<time>`).
NOTICE_KEY = "minor"


def is_minor(birth: date | None, today: date) -> bool:
    return birth is not None and age_on(birth, today) < 18


def _minor_at_check_in(answers: Mapping[str, Any]) -> bool:
    birth, check_in = answers.get("birth_date"), answers.get("check_in")
    if not birth or not check_in:
        return False
    return is_minor(date.fromisoformat(birth), datetime.fromisoformat(check_in).date())


#: The number in 她妈电话13766668888.
_NUMBER_IN_TEXT = re.compile(r"[+\d][\d\s-]{6,}\d")


#: Said when the owner does not understand the question (不知道啥意思 had been kept as
#: 联系不上, and 什么意思 as the companions): what is asked, and why.
WHY_GUARDIAN = (
    "这一步问的是这位未成年旅客的父母（或其他监护人）的手机号：按《未成年人保护法》，"
    "旅馆接待未成年人要问清并记下，出了事能及时找到家长。"
)
WHY_RELATION = (
    "这一步问的是谁和这位未成年旅客一起住、是什么关系（如 父母、同学）：按《未成年人保护法》，"
    "旅馆接待未成年人要问清，发现异常能及时报告。"
)


#: The answers a companion's registration starts with (`party_adult`): the adult of the
#: party already in the room, masked, and their phone ("" if they left none).
PARTY_ADULT = "party_adult"
PARTY_PHONE = "party_phone"
#: 同上, 一样, 就是他爸: the guardian is the adult already registered in the room.
_SAME_AS_ABOVE = re.compile(r"同上|一样|同一个|就是他|就是她|是他[爸妈]|是她[爸妈]|用他的|用她的")
NO_PHONE_TO_COPY = (
    "同住的成年旅客登记时没有留手机号，没有可沿用的电话。请输入监护人的手机号"
    "（确实联系不上请回复「联系不上」）。"
)
YES = "是"
NO = "不是"


#: Who the adult is to the child (是他爸妈, 他妈): kept as the relation, which had been asked
#: again after the phone (刚说了 爸妈 kept as written). Both parents first.
_KIN = (
    (re.compile(r"爸妈|父母|爸爸妈妈|爹妈"), "父母"),
    (re.compile(r"爸|父亲|爹"), "父亲"),
    (re.compile(r"妈|母亲"), "母亲"),
)
_OTHER_KIN = re.compile(r"爷爷|奶奶|姥姥|姥爷|外公|外婆|舅舅|舅妈|姑姑|姑父|叔叔|婶婶|姨妈|小姨")
_NEGATED = re.compile(r"^(?:不|没|非|否)|不是")


def kin_said(said: str) -> str:
    """The relation `said` names (父母, 父亲, 外婆), "" for none."""
    for words, relation in _KIN:
        if words.search(said):
            return relation
    other = _OTHER_KIN.search(said)
    return other.group() if other else ""


def _parse_guardian_in_room(text: str, env: FormEnv) -> Derived:
    said = text.strip("。.!！ ")
    kin = "" if _NEGATED.search(said) else kin_said(said)
    if kin and not is_guardian(kin):
        # 是他叔叔 had been a yes, the uncle's phone kept as the guardian's: an uncle is
        # kept as who stays with the child, and the guardian's phone is asked.
        return Derived(NO, {"companion_relation": kin})
    if is_yes(said) or _SAME_AS_ABOVE.search(said) or kin:
        phone = env.answers.get(PARTY_PHONE) or ""
        # A bare 是 says a parent or guardian, not which: the relation is still asked.
        extra = {"companion_relation": kin} if kin else {}
        return Derived(YES, {"guardian_phone": phone, **extra} if phone else extra)
    if said in (NO, "不是的", "否", "不对"):
        return Derived(NO, {})
    raise Invalid("请回复「是」或「不是」：同住的成年旅客是不是这位未成年旅客的父母或监护人？")


def _guardian_offered(answers: Mapping[str, Any]) -> bool:
    return _minor_at_check_in(answers) and bool(answers.get(PARTY_ADULT))


def _parse_guardian_phone(text: str, env: FormEnv) -> str | Derived:
    text = spoken_digits(text)  # 幺三九 …: read out as on the phone
    if asks_meaning(text):
        raise Invalid(WHY_GUARDIAN)
    if _SAME_AS_ABOVE.search(text) and not re.search(r"\d{5}", text):
        # 就是他爸 王大明 电话同上: the adult registered in the room, whose phone is kept.
        phone = env.answers.get(PARTY_PHONE)
        kin = kin_said(text)
        if kin and not is_guardian(kin):
            # 就是他叔叔 电话同上: an uncle's phone is no guardian's.
            raise Invalid(
                f"{kin}不是父母或监护人。请输入孩子父母（或其他监护人）的手机号"
                "（确实联系不上请回复「联系不上」）。"
            )
        if not phone:
            raise Invalid(NO_PHONE_TO_COPY)
        if kin and not env.answers.get("companion_relation"):
            # 就是他爸 电话同上: who the adult is, said with it, is the relation asked next.
            return Derived(str(phone), {"companion_relation": kin})
        return str(phone)
    if _UNREACHABLE_WORDS.search(text) and not re.search(r"\d{5}", text):
        return UNREACHABLE
    found = _NUMBER_IN_TEXT.search(text)
    try:
        return parse_phone(found.group() if found else text)
    except Invalid as exc:
        raise Invalid(f"{exc.reason}；确实联系不上监护人请回复「联系不上」") from exc


def _parse_relation(text: str, env: FormEnv) -> str:
    if says_a_day(text, today=env.today):
        # 明天退房: the stay's end, answered one question late.
        raise Misplaced("这像是日期，不是同住关系。请写与其同住的是什么人（如 父母、同学）。")
    if asks_meaning(text):
        raise Invalid(WHY_RELATION)
    words = parse_free_text(text, max_length=40)
    return ALONE if _ALONE_WORDS.fullmatch(words.strip("。.， ")) else words


def _ask_guardian_phone(answers: Mapping[str, Any]) -> str:
    """The adult in the room said to be the guardian, with no phone of theirs to copy: said
    so (the bare question had asked on as if nothing had been said)."""
    if answers.get("guardian_in_room") == YES and not answers.get(PARTY_PHONE):
        return NO_PHONE_TO_COPY
    kin = answers.get("companion_relation") or ""
    if answers.get("guardian_in_room") == NO and kin and not is_guardian(kin):
        # 是他叔叔: said why the phone is still asked.
        return (
            f"{kin}不是孩子的父母或监护人（已记为同住关系）。请询问并输入其父母或其他监护人的"
            "联系电话（确实联系不上请回复「联系不上」）："
        )
    return ""


def _show_guardian_phone(value: Any) -> str:
    """Masked in the summary as the guest's own phone is; 联系不上 as said."""
    return show_phone(str(value)) if value and value != UNREACHABLE else str(value or "（无）")


FIELDS = (
    FormField(
        "guardian_in_room",
        "监护人为同住成年旅客",
        "该旅客未满18周岁。同住的成年旅客是其父母或其他监护人吗？",
        _parse_guardian_in_room,
        choices=(YES, NO),
        ask_when=_guardian_offered,
        depends_on=("doc_no", "birth_date", "check_in"),
    ),
    FormField(
        "guardian_phone",
        "监护人电话",
        "该旅客未满18周岁。请询问并输入其父母或其他监护人的联系电话"
        "（确实联系不上请回复「联系不上」）：",
        _parse_guardian_phone,
        ask_when=_minor_at_check_in,
        depends_on=("doc_no", "birth_date", "check_in"),
        aliases=("监护人", "家长电话"),
        show=_show_guardian_phone,
        prompt_for=_ask_guardian_phone,
        # 他说他18了 证件是他哥的? had got 手机号只能包含数字, and 没有身份证怎么办 had been
        # kept as 联系不上: a question here is answered aside, then the phone asked again.
        refuses_questions=True,
    ),
    FormField(
        "companion_relation",
        "同住关系",
        "与其同住的是什么人？（如 父母、亲属、同学；一个人住请回复「独自」）",
        _parse_relation,
        ask_when=_minor_at_check_in,
        depends_on=("doc_no", "birth_date", "check_in"),
        aliases=("同住人", "关系"),
        # 身份证丢了怎么办 had been kept as the relation.
        refuses_questions=True,
    ),
)


def stay_columns(services: Services, answers: Mapping[str, Any]) -> dict[str, Any]:
    """GuestStay columns for the answers (none for an adult)."""
    phone = answers.get("guardian_phone")
    if not phone:
        return {}
    return {
        **guardian_phone_columns(services, phone, GUARDIAN_PHONE),
        "companion_relation": answers.get("companion_relation") or "",
    }


def guardian_phone_columns(services: Services, phone: str, column: str) -> dict[str, Any]:
    """The guardian's phone sealed for `column` (a guest's or a tenant's) and masked, or
    `UNREACHABLE` in the mask when nobody could reach them."""
    known = phone != UNREACHABLE
    return {
        "guardian_phone_enc": services.cipher.encrypt(phone, column) if known else None,
        # The summary's mask (`show_phone`), which the receipt repeats.
        "guardian_phone_masked": show_phone(phone) if known else UNREACHABLE,
    }


#: Who, in the owner's words, is the child's parent or guardian (父母, 爸爸, 他妈, 监护人):
#: 第五十七条 asks for them. Family besides (叔叔, 小姨, 表哥) is kept as the relation, but an
#: adult of the room who is no guardian, with no guardian to call, is an urgent matter.
_GUARDIAN = re.compile(r"父|母|爸|妈|爹|娘|监护|家长")
#: Words of anyone else, a parent's word inside some of them (姨妈, 外祖父, 干爹, 妈妈的朋友).
_NOT_GUARDIAN = re.compile(
    r"祖|伯|叔|姑|姨|舅|婶|岳|公公|婆|干|继|后[爸妈]|师|保姆|大[爷妈娘]|哥|姐|弟|妹|嫂|表|堂"
    r"|爷|奶|姥|外公|外婆|亲属|亲戚|朋友|网友|同学|同事|邻居|老乡|对象"
)
#: Who stays with the child, said as several (爸爸和叔叔, 父母、表哥): each is read.
_SEVERAL = re.compile(r"[和与跟及、,，/]|还有|以及")
#: The Minors Protection Law's duty, said to the owner when the case is urgent.
ARTICLE_57 = (
    "按《未成年人保护法》第五十七条，旅馆接待未成年人入住（或与成年人共同入住）时，"
    "应当询问其父母或者其他监护人的联系方式、入住人员的身份关系等情况；"
    "发现有违法犯罪嫌疑的，应当立即向公安机关报告。情况拿不准时，也请及时报告。"
)


def is_guardian(relation: str) -> bool:
    """Whether who stays with the minor, as the owner wrote it, is a parent or guardian
    (父母, 妈妈, 监护人; 爸爸和叔叔 too): an uncle, a cousin or a friend is not."""
    if not relation or relation == ALONE or _NEGATED.search(relation):
        return False
    return any(
        _GUARDIAN.search(part) and not _NOT_GUARDIAN.search(part)
        for part in _SEVERAL.split(relation)
    )


def receipt_line(stay: GuestStay, *, urgent: bool = False) -> str:
    """The owner's receipt: what was recorded, and the duty that remains. `urgent`: the
    guardian cannot be reached and an adult who is no parent or guardian stays with them
    (`tell_if_unreachable`)."""
    base = (
        f"🧒 未成年旅客：监护人电话 {stay.guardian_phone_masked}，"
        f"同住关系 {stay.companion_relation or '未填'}。"
    )
    if urgent:
        return (
            base + "\n🚨 未成年人与非监护人的成年人同住，且监护人联系不上，已紧急通知社区民警。"
            "请立即向社区民警报告您了解的情况；发现孩子有危险，请马上拨打110。\n" + ARTICLE_57
        )
    if stay.guardian_phone_masked == UNREACHABLE:
        return base + "监护人联系不上，已告知社区民警；请留意其安全，发现异常立即报告。"
    return base + "发现异常或有违法犯罪嫌疑，请立即报告民警。"


_Record = TypeVar("_Record", GuestStay, Tenancy)


async def others_in_room(
    session: AsyncSession, stay: _Record, *also: ColumnElement[bool]
) -> list[_Record]:
    """The others registered in `stay`'s room who have not left (and match `also`), in the
    order they came: the guests who have not checked out, or the tenants of the same flat
    of the house (the whole house, room "") who have not moved out."""
    model = type(stay)
    gone = GuestStay.checked_out_at if isinstance(stay, GuestStay) else Tenancy.moved_out_at
    rows = await session.exec(
        select(model)
        .where(
            model.venue_id == stay.venue_id,
            model.room == stay.room,
            col(gone).is_(None),
            col(model.id) != stay.id,
            *also,
        )
        .order_by(col(model.id))
    )
    return list(rows.all())


async def _adults_in_room(session: AsyncSession, stay: GuestStay, today: date) -> list[GuestStay]:
    """The adults registered in the minor's room who have not checked out."""
    others = await others_in_room(session, stay)
    return [s for s in others if s.birth_date and not is_minor(s.birth_date, today)]


def _who(stay: GuestStay, today: date) -> str:
    """李*（男，31岁）: masked, as officers' pushes show guests."""
    about = [stay.sex] if stay.sex else []
    if stay.birth_date:
        about.append(f"{age_on(stay.birth_date, today)}岁")
    return f"{stay.name_masked}（{'，'.join(about)}）" if about else stay.name_masked


async def tell_if_unreachable(
    session: AsyncSession, services: Services, stay: GuestStay, venue: Venue
) -> bool:
    """A minor whose guardian cannot be reached: the beat's officers hear of it now. With
    an adult in the room who is no parent or guardian (叔叔, 网友, 男朋友) it is urgent:
    marked so, naming the adult (masked), with a button and a task for the beat. True
    when urgent."""
    if stay.guardian_phone_masked != UNREACHABLE:
        return False
    zone, now = services.settings.zone, services.clock()
    today = to_local(stay.check_in_at, zone).date()
    relation = stay.companion_relation or ""
    adults = [] if is_guardian(relation) else await _adults_in_room(session, stay, today)
    replies: list[Text | Choices]
    if not adults:
        text = (
            f"🧒 未成年人入住，监护人联系不上\n场所：{venue.name}（房间 {stay.room}）\n"
            f"旅客：{_who(stay, today)}，入住 {short(stay.check_in_at, zone, now)}，"
            f"同住：{relation or '未填'}\n"
            f"发送「/场所 {venue.id} 住客」查看。"
        )
        replies = [Text(text)]
    else:
        replies = [await _urgent_notice(session, services, stay, venue, adults, stay.created_at)]
    enqueue_to_accounts(
        session,
        await beat_officer_accounts(session, venue.beat_id),
        message_key=f"{NOTICE_KEY}:{stay.id}",
        replies=list(replies),
        now=stay.created_at,
        priority=PRIORITY,
    )
    return bool(adults)


async def _urgent_notice(
    session: AsyncSession,
    services: Services,
    child: GuestStay,
    venue: Venue,
    adults: Sequence[GuestStay],
    at: datetime,
) -> Choices:
    """The officers' urgent notice of `child` (guardian unreachable) with `adults` of the
    room who are no guardians, and the beat's task to check on the child, made at `at`."""
    zone, now = services.settings.zone, services.clock()
    today = to_local(child.check_in_at, zone).date()
    relation = child.companion_relation or ""
    who = _who(child, today)
    task = await create_task(
        session,
        beat_id=venue.beat_id,
        kind="verify",
        subject=(
            f"核查未成年人入住：{venue.name} {child.room} 房间 {who}，"
            f"与非监护人的成年人同住（{relation or '未填'}），监护人联系不上"
        ),
        due=to_local(at, zone).date(),
        source=NOTICE_KEY,
        now=at,
        venue_id=venue.id,
        key=f"{NOTICE_KEY}:{child.id}",
    )
    text = (
        "🚨 紧急：未成年人与非监护人的成年人同住，监护人联系不上\n"
        f"场所：{venue.name}（房间 {child.room}）\n"
        f"未成年旅客：{who}，入住 {short(child.check_in_at, zone, now)}\n"
        f"同住成年人：{'、'.join(_who(a, today) for a in adults)}\n"
        f"同住关系：{relation or '未填'}\n"
        f"已生成核查任务 #{task.id}，请尽快核实孩子的安全。"
    )
    return Choices(
        text,
        (
            Button("查看住客", f"/场所 {venue.id} 住客"),
            Button("查看任务", f"/任务 {task.id}"),
        ),
    )


async def tell_if_adult_joins(
    session: AsyncSession, services: Services, stay: GuestStay, venue: Venue
) -> list[GuestStay]:
    """An adult registered into a room where a minor stays whose guardian cannot be
    reached and who said no parent or guardian is with them: urgent now, as if the adult
    had been there first (the check had run at the child's registration only, with nobody
    else in the room yet). The children the officers were told of."""
    zone = services.settings.zone
    today = to_local(stay.check_in_at, zone).date()
    if stay.birth_date is None or is_minor(stay.birth_date, today):
        return []
    unreachable = await others_in_room(
        session, stay, col(GuestStay.guardian_phone_masked) == UNREACHABLE
    )
    children = [
        child
        for child in unreachable
        if is_minor(child.birth_date, today) and not is_guardian(child.companion_relation or "")
    ]
    for child in children:
        adults = await _adults_in_room(session, child, today)
        notice = await _urgent_notice(session, services, child, venue, adults, stay.created_at)
        enqueue_to_accounts(
            session,
            await beat_officer_accounts(session, venue.beat_id),
            message_key=f"{NOTICE_KEY}-urgent:{child.id}:{stay.id}",
            replies=[notice],
            now=stay.created_at,
            priority=PRIORITY,
        )
    return children


def joined_line(children: Sequence[GuestStay]) -> str:
    """The adult's receipt, when `tell_if_adult_joins` found children in the room."""
    names = "、".join(c.name_masked for c in children)
    return (
        f"🚨 同房间的未成年旅客 {names} 监护人联系不上，现与非监护人的成年人同住，"
        "已紧急通知社区民警。请立即向社区民警报告您了解的情况；发现孩子有危险，请马上拨打110。\n"
        + ARTICLE_57
    )


async def left_alone(
    session: AsyncSession,
    services: Services,
    leaving: Sequence[GuestStay],
    staying: Sequence[GuestStay],
    venue: Venue,
    now: datetime,
) -> list[GuestStay]:
    """The minors of `staying` (the room's guests who remain) now without an adult in the
    room, once the adults of `leaving` have checked out; the beat's officers hear of them
    at once (a child left behind in a hotel room is what they want to know tonight)."""
    today = to_local(now, services.settings.zone).date()
    if not any(not is_minor(s.birth_date, today) for s in leaving):
        return []
    if any(not is_minor(s.birth_date, today) for s in staying):
        return []
    alone = list(staying)
    if not alone:
        return []
    names = "、".join(
        f"{s.name_masked}（{age_on(s.birth_date, today) if s.birth_date else '?'}岁）"
        for s in alone
    )
    text = (
        f"🧒 未成年人留在房间，同住成年人已退房\n场所：{venue.name}（房间 {alone[0].room}）\n"
        f"未成年旅客：{names}\n"
        f"退房时间：{short(now, services.settings.zone, now)}，"
        "已提醒场所确认由谁照看。\n"
        f"发送「/场所 {venue.id} 住客」查看。"
    )
    await _tell_beat(session, venue, "minor-alone", alone, text, now)
    return alone


#: The warning's button, which checks the children out: typed, or said in words
#: (`handlers.registration.children`), it does the same.
CHILD_TOO = "孩子也退房"
#: How the owner records a guardian's phone for a child staying on (`children`).
GUARDIAN_COMMAND = "登记监护人"


def left_alone_line(room: str, alone: Sequence[GuestStay], *, named: bool = True) -> str:
    """What the owner is told at once when `left_alone` found minors in the room. `named`:
    whether the children are named, which they are not in a group, where anyone reads it."""
    names = " " + "、".join(s.name_masked for s in alone) + " " if named else ""
    return (
        f"⚠️ {room} 房间还有未成年旅客{names}在住，同住的成年人已经退房。"
        f"请马上确认孩子由谁照看：孩子也一起走了的，请点下面的「{CHILD_TOO}」；"
        f"家长另有安排的，请发送「{GUARDIAN_COMMAND} {room} 手机号」记下监护人的电话。"
        "已告知社区民警。"
    )


async def alone(
    session: AsyncSession, in_room: Sequence[GuestStay], today: date
) -> list[GuestStay]:
    """The minors of `in_room` (a room's guests still in the house, or just leaving it)
    left there by the adults of the room, who checked out while they stayed on: what
    `left_alone` told the officers of. None if an adult of `in_room` is with them."""
    if not in_room or any(not is_minor(s.birth_date, today) for s in in_room):
        return []
    first = in_room[0]
    since = min(s.check_in_at for s in in_room)
    rows = await session.exec(
        select(GuestStay).where(
            GuestStay.venue_id == first.venue_id,
            GuestStay.room == first.room,
            or_(
                col(GuestStay.checked_out_at).is_(None),
                col(GuestStay.checked_out_at) >= since,
            ),
            col(GuestStay.id).not_in([s.id for s in in_room]),
        )
    )
    adults = [s for s in rows.all() if not is_minor(s.birth_date, today)]
    if not adults or any(s.checked_out_at is None for s in adults):
        return []  # never with an adult, or one of them is in the room still
    return list(in_room)


async def alone_in_rooms(
    session: AsyncSession, stays: Sequence[GuestStay], today: date
) -> list[list[GuestStay]]:
    """The rooms of `stays` (guests in the house) where children stay on after the adults
    of the room checked out (`alone`), each as its children."""
    rooms: dict[tuple[int | None, str], list[GuestStay]] = {}
    for stay in stays:
        rooms.setdefault((stay.venue_id, stay.room), []).append(stay)
    found = [await alone(session, in_room, today) for in_room in rooms.values()]
    return [children for children in found if children]


async def picked_up(
    session: AsyncSession,
    services: Services,
    leaving: Sequence[GuestStay],
    venue: Venue,
    now: datetime,
) -> None:
    """Children left in a room by the adults (`left_alone`) now checked out too: the beat's
    officers, told of them, hear it is dealt with. Without it an officer may go out at 2 a.m.
    to a room nobody is in."""
    today = to_local(now, services.settings.zone).date()
    for room in dict.fromkeys(s.room for s in leaving):
        children = await alone(session, [s for s in leaving if s.room == room], today)
        if not children:
            continue
        names = "、".join(s.name_masked for s in children)
        rows = await session.exec(
            select(GuestStay).where(
                GuestStay.venue_id == venue.id,
                GuestStay.room == room,
                col(GuestStay.checked_out_at).is_(None),
            )
        )
        # Two children, one fetched: the other is still the officers' business.
        staying = "、".join(s.name_masked for s in rows.all())
        head = (
            f"ℹ️ {room} 的未成年旅客 {names} 已退房，{staying} 仍在房间"
            if staying
            else f"✅ 已处理：{room} 的未成年旅客已随同住成年人退房"
        )
        text = (
            f"{head}\n场所：{venue.name}（房间 {room}）\n"
            f"已退房的未成年旅客：{names}\n"
            f"退房时间：{short(now, services.settings.zone, now)}"
        )
        await _tell_beat(session, venue, "minor-gone", children, text, now)


async def back_alone(
    session: AsyncSession,
    services: Services,
    stays: Sequence[GuestStay],
    venue: Venue,
    now: datetime,
) -> None:
    """A child's check-out undone (`picked_up` had told the officers it was dealt with),
    with no adult back in the room: the officers hear the child is in the room after all."""
    today = to_local(now, services.settings.zone).date()
    for room in dict.fromkeys(s.room for s in stays if is_minor(s.birth_date, today)):
        rows = await session.exec(
            select(GuestStay).where(
                GuestStay.venue_id == venue.id,
                GuestStay.room == room,
                col(GuestStay.checked_out_at).is_(None),
            )
        )
        children = await alone(session, list(rows.all()), today)
        if not children:
            continue
        names = "、".join(s.name_masked for s in children)
        text = (
            f"⚠️ 未成年旅客的退房已被场所撤销，孩子仍在房间，同住成年人已退房\n"
            f"场所：{venue.name}（房间 {room}）\n未成年旅客：{names}\n"
            f"撤销时间：{short(now, services.settings.zone, now)}\n"
            f"发送「/场所 {venue.id} 住客」查看。"
        )
        await _tell_beat(session, venue, "minor-back", children, text, now)


async def _tell_beat(
    session: AsyncSession,
    venue: Venue,
    kind: str,
    children: Sequence[GuestStay],
    text: str,
    now: datetime,
) -> None:
    """A notice about these children to the venue's beat officers, once per event."""
    key = ",".join(str(s.id) for s in children)
    enqueue_to_accounts(
        session,
        await beat_officer_accounts(session, venue.beat_id),
        message_key=f"{kind}:{key}:{now:%Y%m%d%H%M%S}",
        replies=[Text(text)],
        now=now,
        priority=PRIORITY,
    )


async def officers_told(session: AsyncSession, stay: GuestStay) -> bool:
    """Whether a notice about the minor of `stay` was queued to the beat's officers (the
    outbox keeps it a fortnight, longer than an owner may void the stay)."""
    for key in await keys_with_prefix(session, NOTICE_KEY):
        kind, _, rest = key.partition(":")
        if kind != NOTICE_KEY and not kind.startswith(f"{NOTICE_KEY}-"):
            continue
        if str(stay.id) in rest.split("->", 1)[0].split(":", 1)[0].split(","):
            return True
    return False
