"""A tenant under 18: who their parent or other guardian is, as a hotel asks of a minor guest
(`minors`), and the beat's officers told of a child renting with no guardian in the house.

The questions follow the lease's end, once the lease's start says whether the tenant is a
minor (on that day, or on the day of registering if the lease began before). When an adult
was registered in the same house just before (`tenant_family`: a family, one member after
another) they are offered as the guardian: 是 takes their name and phone, and links the
child's tenancy to theirs, so that their moving out asks about the child (`left_behind`).

```mermaid
flowchart LR
    lease([到期日期]) --> minor{under 18?}
    minor -- no --> summary([核对])
    minor -- yes --> offered{adult just registered?}
    offered -- yes --> in_house[监护人为刚登记的租客 是/不是]
    in_house -- 是 --> relation
    in_house -- 不是 --> name
    offered -- no --> name[监护人姓名] --> phone[监护人电话] --> relation[监护人关系] --> summary
```
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context, Services
from bot.forms import Derived, FormEnv, FormField
from bot.forms.clock import dated
from bot.forms.spec import Parser
from bot.forms.words import asks_meaning
from bot.messages import Button, Choices, Reply
from bot.validators import Invalid
from bot.validators.dates import age_on, says_a_day
from bot.validators.masking import mask_name
from bot.validators.text import parse_free_text, parse_person_name
from handlers.registration import minors
from handlers.registration.minors import PARTY_ADULT, PARTY_PHONE, UNREACHABLE, YES, is_minor
from handlers.services.officers import beat_officer_accounts
from handlers.services.personal import NAME
from storage.models import Tenancy, Venue
from storage.outbox import enqueue_to_accounts

#: What the guardian's values are sealed for (`storage.reseal` reads "table.column").
GUARDIAN_NAME = "tenancy.guardian_name"
GUARDIAN_PHONE = "tenancy.guardian_phone"
#: The answers the form starts with (`guardian_offer`): the day it was opened, and the
#: tenancy of the adult offered as the guardian.
REGISTERED_ON = "registered_on"
GUARDIAN_TENANCY = "guardian_tenancy"
#: How the outbox keys of the officers' notice begin. Not `minors.NOTICE_KEY` ("minor…"):
#: `minors.officers_told` reads the ids after it as guests'.
NOTICE_KEY = "tenant-minor"

WHY_GUARDIAN = (
    "这一步问的是这位未成年租客的父母（或其他监护人）：未成年人租住，"
    "出了事社区民警要能及时找到家长。"
)
WHY_RELATION = "这一步问的是监护人是这位未成年租客的什么人，如 父亲、母亲、外婆。"
NO_PHONE_TO_COPY = (
    "刚登记的租客没有留手机号，没有可沿用的电话。请输入监护人的手机号"
    "（确实联系不上请回复「联系不上」）。"
)


def minor_tenant(answers: Mapping[str, Any]) -> bool:
    """Whether the tenant is under 18 when they live here: on the lease's start, or on
    the day of registering when the lease began before it."""
    birth, start = answers.get("birth_date"), answers.get("lease_start")
    if not birth or not start:
        return False
    on = max(start, answers.get(REGISTERED_ON) or start)
    return is_minor(date.fromisoformat(birth), date.fromisoformat(on))


def _offered(answers: Mapping[str, Any]) -> bool:
    return minor_tenant(answers) and bool(answers.get(PARTY_ADULT))


def _not_in_house(answers: Mapping[str, Any]) -> bool:
    return minor_tenant(answers) and answers.get("guardian_in_room") != YES


def _guest_field(name: str) -> FormField:
    return next(f for f in minors.FIELDS if f.name == name)


def _said_for_tenants(parse: Parser) -> Parser:
    """A guest's guardian parser whose hotel words (旅客, 旅馆) are said of a tenant."""
    tenant_words = {minors.WHY_GUARDIAN: WHY_GUARDIAN, minors.NO_PHONE_TO_COPY: NO_PHONE_TO_COPY}

    def parse_for_tenant(text: str, env: FormEnv) -> Any:
        try:
            return parse(text, env)
        except Invalid as error:
            if error.reason in tenant_words:
                raise Invalid(tenant_words[error.reason]) from None
            raise

    return parse_for_tenant


def _parse_in_house(text: str, env: FormEnv) -> Derived:
    parse = _guest_field("guardian_in_room").parse
    try:
        said = parse(text, env)
    except Invalid:
        raise Invalid(
            f"请回复「是」或「不是」：刚登记的租客 {env.answers.get(PARTY_ADULT)} "
            "是不是这位未成年租客的父母或监护人？"
        ) from None
    # 是他叔叔 is a no whose relation is the uncle's: the guardian asked next is another.
    return said if said.value == YES else Derived(said.value, {})


def _ask_in_house(answers: Mapping[str, Any]) -> str:
    return f"该租客未满18周岁。刚登记的租客 {answers.get(PARTY_ADULT)} 是其父母或其他监护人吗？"


def _parse_name(text: str, _env: FormEnv) -> str:
    if asks_meaning(text):
        raise Invalid(WHY_GUARDIAN)
    return parse_person_name(text)


def _ask_phone(answers: Mapping[str, Any]) -> str:
    if answers.get("guardian_in_room") == YES and not answers.get(PARTY_PHONE):
        return NO_PHONE_TO_COPY
    return ""


def _parse_relation(text: str, env: FormEnv) -> str:
    if asks_meaning(text):
        raise Invalid(WHY_RELATION)
    if says_a_day(text, today=env.today):
        raise Invalid("这像是日期，不是关系。请写监护人是该租客的什么人（如 父亲、母亲）。")
    # 她妈 is kept as 母亲, as a guest's 他爸 is 父亲.
    return minors.kin_said(text) or parse_free_text(text, max_length=40)


_DEPENDS = ("doc_no", "birth_date", "lease_start")

FIELDS = (
    replace(
        _guest_field("guardian_in_room"),
        label="监护人为刚登记的租客",
        prompt="该租客未满18周岁。刚登记的租客是其父母或其他监护人吗？",
        parse=_parse_in_house,
        prompt_for=_ask_in_house,
        ask_when=_offered,
        depends_on=_DEPENDS,
    ),
    FormField(
        "guardian_name",
        "监护人姓名",
        "该租客未满18周岁。请输入其父母或其他监护人的姓名（不清楚请回复「跳过」）：",
        _parse_name,
        optional=True,
        ask_when=_not_in_house,
        depends_on=(*_DEPENDS, "guardian_in_room"),
        aliases=("监护人", "家长", "家长姓名"),
        refuses_questions=True,
    ),
    replace(
        _guest_field("guardian_phone"),
        prompt="请输入监护人的联系电话（确实联系不上请回复「联系不上」）：",
        parse=_said_for_tenants(_guest_field("guardian_phone").parse),
        prompt_for=_ask_phone,
        ask_when=minor_tenant,
        depends_on=(*_DEPENDS, "guardian_in_room"),
        aliases=("家长电话", "监护人手机"),
    ),
    # Named as the guests' 同住关系: the guests' parsers fill it from 是她爸 (父亲).
    FormField(
        "companion_relation",
        "监护人关系",
        "监护人是该租客的什么人？（如 父亲、母亲、外婆）",
        _parse_relation,
        ask_when=minor_tenant,
        depends_on=(*_DEPENDS, "guardian_in_room"),
        aliases=("关系", "与监护人关系"),
        refuses_questions=True,
    ),
)


def guardian_offer(services: Services, recent: Sequence[Tenancy], today: date) -> dict[str, Any]:
    """The answers a tenant's form starts with: the day, and the adult of `recent` (the
    house's tenants just registered, newest first) offered as a minor's guardian, with
    their phone to copy (sealed with the form's progress, shown masked)."""
    offer: dict[str, Any] = {REGISTERED_ON: today.isoformat()}
    adult = next((t for t in recent if t.birth_date and not is_minor(t.birth_date, today)), None)
    if adult is None:
        return offer
    phone = services.cipher.decrypt(adult.phone_enc, "tenancy.phone") if adult.phone_enc else ""
    return {**offer, PARTY_ADULT: adult.name_masked, PARTY_PHONE: phone, GUARDIAN_TENANCY: adult.id}


async def tenancy_columns(
    ctx: Context, answers: Mapping[str, Any], venue_id: int
) -> dict[str, Any]:
    """Tenancy columns of the guardian (none for an adult): sealed and masked; the adult
    taken from the house, their own name and tenancy."""
    phone = answers.get("guardian_phone")
    if not minor_tenant(answers) or not phone:
        return {}
    services = ctx.services
    columns = {
        **minors.guardian_phone_columns(services, phone, GUARDIAN_PHONE),
        "guardian_relation": answers.get("companion_relation") or "",
    }
    name = answers.get("guardian_name") or ""
    if answers.get("guardian_in_room") == YES:
        parent = await ctx.session.get(Tenancy, answers.get(GUARDIAN_TENANCY))
        if parent is not None and parent.venue_id == venue_id:
            name = services.cipher.decrypt(parent.name_enc, f"tenancy.{NAME}")
            columns["guardian_tenancy_id"] = parent.id
    if name:
        columns["guardian_name_enc"] = services.cipher.encrypt(name, GUARDIAN_NAME)
        columns["guardian_name_masked"] = mask_name(name)
    return columns


def _guardian(tenancy: Tenancy) -> str:
    """刘*（母亲），电话 139****1234: masked, as every list shows a tenant."""
    about = [tenancy.guardian_relation] if tenancy.guardian_relation else []
    if tenancy.guardian_tenancy_id is not None:
        about.append("同住租客")
    said = f"（{'，'.join(about)}）" if about else ""
    return (
        f"{tenancy.guardian_name_masked or '未留姓名'}{said}，电话 {tenancy.guardian_phone_masked}"
    )


def receipt_line(tenancy: Tenancy, told: bool) -> str:
    """The landlord's receipt: the guardian recorded, and whether the officers were told."""
    base = f"🧒 未成年租客：监护人 {_guardian(tenancy)}。"
    if not told:
        return base + "发现异常请及时报告社区民警。"
    if tenancy.guardian_phone_masked == UNREACHABLE:
        return base + "监护人联系不上，已告知社区民警；请留意孩子安全，发现异常立即报告。"
    return base + "监护人未在本房屋登记同住，已告知社区民警；发现异常请及时报告。"


def officer_note(tenancy: Tenancy) -> str:
    """A minor tenant's note in officers' lists of who rents (`/场所 N 住客`), masked as
    every other phone there; the full one is in the audited record (`officer_lines`)."""
    return f"（未成年，监护人 {_guardian(tenancy)}）" if tenancy.guardian_phone_masked else ""


def officer_lines(services: Services, tenancy: Tenancy) -> list[str]:
    """A minor tenant's guardian in full, for an officer's view of the record (they may need
    to call tonight); none for an adult. The view is audited by the caller."""
    if not tenancy.guardian_phone_masked:
        return []
    cipher = services.cipher
    name = tenancy.guardian_name_enc and cipher.decrypt(tenancy.guardian_name_enc, GUARDIAN_NAME)
    phone = tenancy.guardian_phone_enc and cipher.decrypt(
        tenancy.guardian_phone_enc, GUARDIAN_PHONE
    )
    about = [tenancy.guardian_relation or "关系未填"]
    if tenancy.guardian_tenancy_id is not None:
        about.append(f"同住租客，租客{tenancy.guardian_tenancy_id}")
    return [
        "未成年：是（登记时未满18周岁）",
        f"监护人：{name or '未留姓名'}（{'，'.join(about)}）",
        f"监护人电话：{phone or tenancy.guardian_phone_masked}",  # 联系不上
    ]


async def tell_officers(
    session: AsyncSession, services: Services, tenancy: Tenancy, venue: Venue, today: date
) -> bool:
    """A minor tenant whose guardian is no tenant of the house: the beat's officers hear of
    it now, as of a minor guest with none in the room (`minor_notice`). False for an adult,
    or a child registered with their parent."""
    if not tenancy.guardian_phone_masked or tenancy.guardian_tenancy_id is not None:
        return False
    why = "监护人联系不上" if tenancy.guardian_phone_masked == UNREACHABLE else "监护人未登记同住"
    about = [tenancy.sex] if tenancy.sex else []
    if tenancy.birth_date:
        about.append(f"{age_on(tenancy.birth_date, today)}岁")
    room = f"（房间 {tenancy.room}）" if tenancy.room else ""
    text = (
        f"🧒 未成年人租住，{why}\n房屋：{venue.name}{room}\n"
        f"租客：{tenancy.name_masked}（{'，'.join(about)}），起租 {dated(tenancy.lease_start, today)}\n"
        f"监护人：{_guardian(tenancy)}\n"
        f"发送「/场所 {venue.id} 住客」查看。"
    )
    enqueue_to_accounts(
        session,
        await beat_officer_accounts(session, venue.beat_id),
        message_key=f"{NOTICE_KEY}:{tenancy.id}",
        replies=[Choices(text, (Button("查看住客", f"/场所 {venue.id} 住客"),))],
        now=tenancy.created_at,
        priority=minors.PRIORITY,
    )
    return True


async def left_behind(session: AsyncSession, tenancy: Tenancy, today: date) -> list[Tenancy]:
    """The minors still renting whose guardian is `tenancy`, registered with them."""
    children = await minors.others_in_room(
        session, tenancy, col(Tenancy.guardian_tenancy_id) == tenancy.id
    )
    return [c for c in children if is_minor(c.birth_date, today)]


async def child_offer(
    session: AsyncSession, tenancy: Tenancy, today: date, day: date | None = None
) -> list[Reply]:
    """Under the receipt of `tenancy`'s move-out on `day` (its withdrawal: None), the
    children left in the house it was the guardian of, each with a button that moves them
    out (or withdraws a registration not yet begun) too: a child was left renting alone
    without a word."""
    children = await left_behind(session, tenancy, today)
    if not children:
        return []
    names = "、".join(
        f"{c.name_masked}（{age_on(c.birth_date, today)}岁）" for c in children if c.birth_date
    )
    gone = "已搬离" if day is not None else "的登记已撤下"
    buttons = []
    for child in children:
        label = "孩子也撤下" if child.lease_start > today else "孩子也退租"
        if len(children) > 1:
            label = f"{child.name_masked}（尾号{child.doc_no_masked[-4:]}）" + label[2:]
        if child.lease_start > today:
            typed = f"/退租 #{child.id} 撤下 确认"
        else:
            on = f" {day:%Y-%m-%d}" if day is not None and child.lease_start <= day < today else ""
            typed = f"/退租 #{child.id}{on} 确认"
        buttons.append(Button(label, typed))
    return [
        Choices(
            f"⚠️ 未成年租客 {names}仍登记在租，其监护人 {tenancy.name_masked} {gone}。"
            f"孩子也一起走的，请点「{buttons[0].label}」；孩子留下继续住的，"
            "请确认由谁照看，必要时告知社区民警。",
            tuple(buttons),
        )
    ]
