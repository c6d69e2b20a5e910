"""Officers' view of registrations across the station: `/查人` finds a guest or tenant,
`/今日登记` counts today's registrations by venue.

/查人 王建国 · /查人 110105199207012451 · /查人 13812345678
                                           matches, masked, newest first (audited as a search)
/查人 旅客12 · /查人 旅客 12 · /查人 租客3    one registration in full (audited as a view)
/今日登记 · 今天登记情况 · 旅客              today's registrations in the beat, per venue
                                           (an owner's: their own places' day, masked, in
                                           handlers.registration.owner_day)
/查人 **************1239                    a masked number is said to be one, not searched
/查人 1239 · /查人 151239                   the end of a document number: its last 4 characters
                                           (all the stored mask keeps), in the station
"""

from __future__ import annotations

import re

from bot.audit_trail import audit
from bot.context import Context
from bot.forms.clock import local_time, said_on
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, AtOnce, Router
from bot.validators import Invalid
from bot.validators.phone import parse_international, parse_mobile
from bot.validators.rooms import room_label
from bot.validators.text import parse_person_name
from handlers.hits import hits_said
from handlers.registration import minors, tenant_minors
from handlers.registration.fields import doc_label
from handlers.registration.owner_day import day_offer, owner_today
from handlers.registration.timefmt import short
from handlers.services.minor_notice import left_by_adults, living_with
from handlers.services.person_search import (
    LIMIT,
    TAIL,
    TAIL_KEPT,
    Found,
    find_one,
    find_people,
    registered_on,
)
from handlers.services.personal import DOC_NO, NAME, PHONE, unseal
from handlers.services.scope import BeatScope, station_beats
from handlers.services.venues import GUEST_KINDS, venue_label
from storage.models import GuestStay, Role, VenueKind
from storage.voided import voided_label

router = Router()

USAGE = (
    "用法：/查人 姓名、证件号码（或证件号码后4位）或手机号，查本所辖区的旅客、租客"
    "（在住及近30天）。"
)
#: A registration named for its full view: 旅客12, #租客3, 旅客 12 (as people type it).
_KEY = re.compile(r"#?(旅客|租客)\s*#?(\d+)")
#: What each way of searching is called in the reply.
_WHAT = {NAME: "姓名", DOC_NO: "证件号码", PHONE: "手机号", TAIL: "证件尾号"}
#: The end of a document number (4 to 6 characters, an ID number's may end in X): a tail
#: had been searched as a whole number, and nobody was found.
_TAIL = re.compile(r"\d{3,5}[\dXx]")
#: Buttons under a list: a phone screen's worth.
BUTTONS = 10
#: The marks a masked number or name is shown with (4101**********1239, 王**).
_MASKED = re.compile(r"[*＊×]")


def _where(found: Found) -> str:
    """平安旅馆 302房, 和平里5号（门牌200001） 302房: a tenant's room is the door to knock on
    as much as a guest's (it had been left out); a whole house let has none."""
    room = found.record.room
    return venue_label(found.venue) + (f" {room_label(room)}" if room else "")


def _line(found: Found, ctx: Context, by: str, hits: dict[str, tuple[int, str]]) -> str:
    zone = ctx.services.settings.zone
    record, where = found.record, _where(found)
    if isinstance(record, GuestStay):
        gone = record.checked_out_at
        when = f"入住 {short(record.check_in_at, zone, ctx.now)}，" + (
            f"已退房 {short(gone, zone, ctx.now)}" if gone else "在住"
        )
    else:
        moved = record.moved_out_at
        when = f"起租 {said_on(record.lease_start, local_time(ctx).date())}，" + (
            f"已搬离 {short(moved, zone, ctx.now)}" if moved else "在租"
        )
    # Found by phone: the masked phone shows which number matched (a shared family phone).
    phone = f"　{record.phone_masked}" if by == PHONE and record.phone_masked else ""
    hit = f"　⚠️比中 {hits[found.key][1]}" if found.key in hits else ""
    return f"{found.key}｜{where}　{record.name_masked}　{record.doc_no_masked}{phone}　{when}{hit}"


def _phone(said: str) -> str | None:
    """The phone number `said` is, if it is one: a mainland mobile, or a number from abroad
    written with its country code (+44 …, 0044 …), as guests' phones are registered."""
    if not re.fullmatch(r"[\d\s+()-]{7,}", said):
        return None
    try:
        if said.startswith(("+", "00")):
            return parse_international(said)
        return parse_mobile(said)
    except Invalid:
        return None


async def _full(ctx: Context, key: str) -> list[Reply]:
    scope = await station_beats(ctx.session, ctx.person)
    found = await find_one(ctx.session, key, scope)
    if found is None:
        return [Text(f"本所辖区没有登记「{key}」，或已按规定清除。{USAGE}")]
    record, venue = found.record, found.venue
    table = "guest_stay" if isinstance(record, GuestStay) else "tenancy"
    person = unseal(ctx.services, record, table)
    # Decrypted personal data an officer looks at: audited, as /命中 N is.
    audit(ctx, action="view:person", subject_kind=table, subject_id=str(record.id))
    zone = ctx.services.settings.zone
    lines = [
        f"{found.key}　{_where(found)}",
        f"姓名：{person.name}",
        f"证件：{doc_label(person.doc_type)} {person.doc_no}",
        f"电话：{person.phone or '未留'}",
    ]
    if isinstance(record, GuestStay):
        gone = record.checked_out_at
        lines.append(f"入住：{short(record.check_in_at, zone, ctx.now)}")
        lines.append(f"退房：{short(gone, zone, ctx.now) if gone else '在住'}")
        if record.voided_at is not None:
            lines.append(f"状态：{voided_label(record)}")
        if (minor := await _minor_lines(ctx, record)) is not None:
            lines += minor
    else:
        today = local_time(ctx).date()
        end = f"，到期 {said_on(record.lease_end, today)}" if record.lease_end else ""
        lines.append(f"起租：{said_on(record.lease_start, today)}{end}")
        moved = record.moved_out_at
        lines.append(f"搬离：{short(moved, zone, ctx.now) if moved else '在租'}")
        lines += tenant_minors.officer_lines(ctx.services, record)
    buttons = [Button("该场所住客", f"/场所 {venue.id} 住客")]
    if said := (await hits_said(ctx, [found])).get(found.key):
        # A guest who hit the wanted list had read as any other: the hit, and the way to it.
        first, hits = said
        lines.append(f"⚠️ 比中在逃人员：{hits}，发送「/比中 {first}」查看详情。")
        buttons.insert(0, Button(f"查看比中 #{first}", f"/比中 {first}"))
    lines.append("本次查看已记入审计日志。")
    return [Choices("\n".join(lines), tuple(buttons))]


async def _minor_lines(ctx: Context, stay: GuestStay) -> list[str] | None:
    """A minor's guardian phone in full (the officer may need to call them tonight), and who
    stays with them; None for an adult. The view is audited by the caller."""
    if not stay.guardian_phone_masked:
        return None
    gone = stay.id in await left_by_adults(ctx.session, [stay], local_time(ctx).date())
    phone = (
        ctx.services.cipher.decrypt(stay.guardian_phone_enc, minors.GUARDIAN_PHONE)
        if stay.guardian_phone_enc
        else stay.guardian_phone_masked  # 联系不上
    )
    return [
        "未成年：是（登记时未满18周岁）",
        f"监护人电话：{phone}",
        f"同住：{living_with(stay, gone)}",
    ]


#: The way from a masked list to one person's full record (the list's own numbers are
#: not shown everywhere: /场所 N 住客 and the night notice list rooms and masked names).
_FROM_A_LIST = (
    "要看某人的完整信息：发送「/查人 姓名」，再点结果里的「查看旅客N」或发送「/查人 旅客N」"
    "（记入审计日志）；比中在逃人员的请发送「/比中 编号」。"
)


#: A masked phone (138****8000, 0371-****3456) and ID number (**************1239 as rows
#: store it, 4101**********1239 and H1*****78 as forms and older messages show it).
_MASKED_PHONE = re.compile(r"1\d\d[*＊×]{4}\d{4}|\d{3,4}-[*＊×]+\d+")
_MASKED_DOC = re.compile(r"[0-9A-Za-z]*[*＊×]+[0-9A-Za-z]+")


def _masked_kind(said: str) -> tuple[str, str]:
    """(what the masked number is, what to send in full) as far as the mask tells."""
    if _MASKED_PHONE.fullmatch(said):
        return "手机号", "手机号"
    if _MASKED_DOC.fullmatch(said):
        return "证件号码", "证件号码"
    return "号码", "证件号码或手机号"


def _masked(said: str) -> str:
    """What to tell an officer who pasted a masked value from a list or a hit message: the
    mask is not the number, and searching it would say, falsely, that nobody has it."""
    if any(ch.isdigit() for ch in said):
        what, full = _masked_kind(said)
        return f"「{said}」是打码显示的{what}，不能用来查询。请发送完整{full}。{_FROM_A_LIST}"
    return f"「{said}」是打码显示的姓名，不能用来查询。请发送完整姓名。{_FROM_A_LIST}"


def _name_orders(name: str) -> list[str]:
    """SMITH JOHN, as a passport writes it, and John Smith, as it is said: a Latin name in
    each order it may have been registered in (the index ignores case and spaces)."""
    words = name.split()
    if len(words) < 2 or not name.isascii():
        return [name]
    orders = [words, words[1:] + words[:1], words[-1:] + words[:-1]]
    return list(dict.fromkeys(" ".join(order) for order in orders))


def _search_key(said: str) -> tuple[str, str] | str:
    """(blind-index purpose, value) for what was typed, or what to tell the officer."""
    if _MASKED.search(said):
        return _masked(said)
    if (phone := _phone(said)) is not None:
        return PHONE, phone
    if _TAIL.fullmatch(said):
        return TAIL, said.upper()
    if any(ch.isdigit() for ch in said):
        return DOC_NO, said
    try:
        return NAME, parse_person_name(said)
    except Invalid as exc:
        return f"{exc.reason}\n{USAGE}"


@router.route(
    "person_lookup",
    commands=("查人", "findperson"),
    roles=STAFF,
    private_for=STAFF,
    help="按姓名、证件号码或手机号查辖区旅客、租客",
    topic="场所",
)
async def person_lookup(ctx: Context) -> list[Reply]:
    said = ctx.match.args.strip() if ctx.match else ""
    if not said:
        return [Text(USAGE)]
    if (named := _KEY.fullmatch(said)) is not None:
        return await _full(ctx, f"{named[1]}{int(named[2])}")
    key = _search_key(said)
    if isinstance(key, str):
        return [Text(key)]
    by, value = key
    scope = await station_beats(ctx.session, ctx.person)
    found: list[Found] = []
    for each in _name_orders(value) if by == NAME else [value]:
        more = await find_people(
            ctx.session, ctx.services, by=by, value=each, scope=scope, now=ctx.now
        )
        found += [f for f in more if f.key not in {seen.key for seen in found}]
    found = found[:LIMIT]
    # How the officer searched and how many were shown, never what was typed.
    audit(
        ctx,
        action="lookup:person",
        subject_kind="registration",
        subject_id=",".join(f.key for f in found[:8]),
        detail=f"by={by} results={len(found)}",
    )
    what = _WHAT[by]
    if by == TAIL:
        return await _by_tail(ctx, value, found)
    if not found:
        nobody = f"本所辖区在住及近30天没有该{what}的旅客、租客登记。"
        if by != PHONE:
            return [Text(nobody)]
        # The number may be a landlord's or a venue contact's: those are found by /门牌.
        landlord = f"查房东、场所联系人的电话请发送「/门牌 {said}」。"
        return [Choices(nobody + landlord, (Button("按电话查门牌", f"/门牌 {said}"),))]
    return [await _listed(ctx, found, f"按{what}找到 {len(found)} 条登记：", by)]


async def _listed(ctx: Context, found: list[Found], head: str, by: str) -> Choices:
    hits = await hits_said(ctx, found)
    lines = [head, *(_line(f, ctx, by, hits) for f in found)]
    lines.append(
        "点下面的按钮或发送「/查人 编号」（如 /查人 旅客12）查看完整信息，将记入审计日志。"
    )
    buttons = tuple(Button(f"查看{f.key}", f"/查人 {f.key}") for f in found[:BUTTONS])
    return Choices("\n".join(lines), buttons)


async def _by_tail(ctx: Context, typed: str, found: list[Found]) -> list[Reply]:
    """What a search by a number's tail found: only its last 4 characters are kept beside
    the sealed number, so a longer tail is said to have been read by those."""
    tail = typed[-TAIL_KEPT:]
    read = (
        f"（登记只保存证件号码后{TAIL_KEPT}位，按尾号 {tail} 查找）"
        if len(typed) > TAIL_KEPT
        else ""
    )
    if not found:
        return [
            Text(
                f"本所辖区在住及近30天没有证件号码尾号为 {tail} 的旅客、租客登记{read}。"
                "也可发送「/查人 完整证件号码」或「/查人 姓名」。"
            )
        ]
    head = f"证件号码尾号为 {tail} 的登记有 {len(found)} 条{read}："
    return [await _listed(ctx, found, head, TAIL)]


async def _beat_scope(ctx: Context) -> tuple[BeatScope, str]:
    """The officer's own beat, or the station for one without a beat."""
    if ctx.person.beat_id is not None:
        return frozenset({ctx.person.beat_id}), "本警务区"
    return await station_beats(ctx.session, ctx.person), "本所辖区"


#: 今天登记了几个人, 今天退房的有哪些: an owner asking of their own day (they had been
#: offered a new registration, or a check-out).
_DAY_HINTS = (
    "登记了几个", "登记了多少", "今天登记了", "登记的有哪些", "今天退房的", "退房的有哪些",
    "退房了几个", "今天走了几个", "今天来了哪些",
)  # fmt: skip


@router.route(
    "registrations_today",
    commands=("今日登记", "今天登记情况", "今天登记", "登记情况", "旅客"),
    keywords=("登记记录", "今日登记记录", "今天登记记录", "今天的登记"),
    hints=_DAY_HINTS,
    roles=STAFF | {Role.OWNER},
    help="今天的登记记录（含已退房、已退租的）",
    # A landlord had read 已退房的旅客 of their tenants.
    kind_help=(
        *((kind, "今天的登记记录（含已退房的旅客）") for kind in GUEST_KINDS),
        (VenueKind.RENTAL, "今天的登记记录（含已退租的租客）"),
    ),
    staff_help="今日辖区旅客、租客登记情况（按场所）",
    topic="场所",
    kinds=frozenset({*GUEST_KINDS, VenueKind.RENTAL}),
    picks=day_offer,
    # 今天该退房的有哪些: its offer had said 今天的登记记录（含已退房的旅客）, and the tap
    # then showed the guests still in.
    at_once=AtOnce.SHOWN,
    too_wide=("旅客",),  # 外地旅客来了 is no request for a list
)
async def registrations_today(ctx: Context) -> list[Reply]:
    if ctx.role not in STAFF:
        # An owner's 今日登记 is their own places' day, never the beat's.
        return await owner_today(ctx)
    scope, where = await _beat_scope(ctx)
    today = local_time(ctx).date()
    days = await registered_on(ctx.session, today, ctx.services.settings.zone, scope)
    how = "查某人请发送「/查人 姓名、证件号码或手机号」。"
    if not days:
        return [Text(f"今日（{today:%m-%d}）{where}还没有新的旅客、租客登记。{how}")]
    guests = sum(d.guests for d in days)
    foreign = sum(d.foreign for d in days)
    tenants = sum(d.tenants for d in days)
    abroad = f"（外国人、港澳台居民 {foreign} 人）" if foreign else ""
    lines = [f"今日（{today:%m-%d}）{where}登记：旅客 {guests} 人{abroad}，租客 {tenants} 人"]
    for day in days:
        counts = [f"旅客 {day.guests} 人"] if day.guests else []
        counts += [f"租客 {day.tenants} 人"] if day.tenants else []
        lines.append(f"#{day.venue.id} {day.venue.name}：{'，'.join(counts)}")
    lines.append(f"点场所查看其住客（记入审计日志）。{how}")
    buttons = tuple(
        Button(f"{d.venue.name} 住客", f"/场所 {d.venue.id} 住客") for d in days[:BUTTONS]
    )
    return [Choices("\n".join(lines), buttons)]
