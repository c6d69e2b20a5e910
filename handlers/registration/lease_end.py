"""A landlord changes a tenancy's end date: 续租 王五 2027年12月31日, 改到期 1 下周六, 延期,
续到明年年底 (12月31日 of next year), 续一年 (a year on from the current end).

```mermaid
flowchart LR
    said([续租 / 改到期 / 延期 …]) --> who{which tenant?}
    who -- name, list number or house --> day{a day said?}
    who -- none or several --> pick[buttons: the tenants] --> day
    day -- no --> ask[请写明新的到期日期: buttons 续半年 续一年, or typed 续到明年年底] --> said
    day -- yes --> confirm[到期日由 A 改为 B？] -- 确认 --> done([✅ changed; 改回 button])
```

A landlord's 续租 had got 抱歉，我没有理解, 改一下到期时间 a law search, and /续住 (the hotels'
word) 请写明房间和日期. Officers read the end date (到期) in the tenant list, so a tenant
staying on or leaving earlier is said here; the move-out itself is still 退租, on the day.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from bot.context import Context
from bot.forms.clock import example_day, local_time, said_on
from bot.messages import Button, Choices, Reply, Text
from bot.router import Router, Suggestion
from bot.validators import Invalid
from bot.validators.dates import parse_stay_day, split_date
from bot.validators.numerals import arabize
from handlers.registration.guest import OWNERS
from handlers.registration.tenant import RENTALS, _lease_end, current_tenants, day_said
from handlers.registration.venue_choice import private_only
from handlers.services.numbers import record_number
from handlers.services.personal import NAME
from handlers.services.venues import owned_venues
from storage.models import Tenancy

COMMAND = "续租"
#: The word of the confirmation button, and the undo's word for an end date not set.
_CONFIRM, _NONE = "确认", "未定"
#: 改一下到期时间, 到期日改到下周六: said of a lease's end. 续到明年年底 and 续一年 say a
#: renewal without 续租 (landlords only: a hotel's 续到周五 is 续住's).
HINTS = (
    *("改到期", "改一下到期", "到期时间", "到期日", "延期", "延长租期", "多租", "再租", "续租"),
    *("续到", "续半年", "续一年", "续两年", "续1年", "续2年"),
)
#: The lengths 续租's question offers as buttons, as registration offers 半年 and 一年.
LENGTHS = ("半年", "一年")


#: 半年, 一年, 三个月, 两年 (arabized: 1年, 3个月): a renewal's length, not its last day.
_LENGTH_SAID = re.compile(r"(?:\d{1,2}|半)\s*(?:年|个月)")
#: 续租半年, 再租一年, 续到明年年底, 续签至6月底: the words of renewing before the length
#: or the day (not the 到 of 到期).
_RENEWING = re.compile(r"^(?:续|再|多|延长|延)?(?:租|签)?(?:了)?(?:(?:到|至)(?!期))?")
#: 续租到明年底 in a sentence: the new end is said after 到 or 至.
_UNTIL = re.compile(r"(?:到|至)(?!期)")


def extended(tenancy: Tenancy, said: str, today: date) -> date | None:
    """The new end of a lease renewed for the length `said` names (半年 from an end of
    10-31 runs to 04-30), counted from its current end (from today when none is set);
    None when `said` names no length. 续租 1 半年 had got 看不懂日期「半年」, though
    registration offers 半年 and 一年 as buttons."""
    length = _renewed(said)
    if not _LENGTH_SAID.fullmatch(length):
        return None
    base = tenancy.lease_end + timedelta(days=1) if tenancy.lease_end else today
    return _lease_end(base, length)


def new_end(tenancy: Tenancy, said: str, today: date) -> date:
    """The new end of the lease `said` names: a length renewed (`extended`: 续一年 is a
    year on from the current end) or a day, perhaps after the words of renewing (续到明年
    年底 is 12月31日 of next year); raises `Invalid`. 续到明年年底 had got 看不懂日期."""
    day = extended(tenancy, said, today)
    if day is not None:
        return day
    return parse_stay_day(_renewed(said) or said, today=today)


def _renewed(said: str) -> str:
    """What `said` renews for or to, its words of renewing aside (续到明年年底: 明年年底)."""
    return _RENEWING.sub("", arabize(said).strip())


def says_new_end(said: str, today: date) -> bool:
    """Whether `said` names a lease's new end (续到明年年底, 一年, 12月31日) as `new_end`
    reads it."""
    if _LENGTH_SAID.fullmatch(_renewed(said)):
        return True
    try:
        parse_stay_day(_renewed(said) or said, today=today)
    except Invalid:
        return False
    return True


def _until_said(text: str, today: date) -> date | None:
    """The day said after 到 or 至 in a sentence (李四续租到明年底吧: 12月31日 of next
    year), else None: read before the sentence's other days, whose 11月30号 of 续租到明年
    11月30号 had been this year's."""
    for found in _UNTIL.finditer(text):
        try:
            day, _rest = split_date(text[found.end() :], today=today)
        except Invalid:
            continue
        if day is not None:
            return day
    return None


def _who(tenancy: Tenancy) -> str:
    return f"{tenancy.name_masked}（{tenancy.doc_no_masked}）"


def _typed(day: date | None) -> str:
    """The day as a button types it back: a date, which a later press still reads alike."""
    return f"{day:%Y-%m-%d}" if day else _NONE


def _said(day: date | None, today: date) -> str:
    """The day as the chat says it (明天, 12月31日, 2027年10月31日)."""
    return said_on(day, today) if day else _NONE


async def _named(ctx: Context, word: str, current: list[Tenancy]) -> list[Tenancy]:
    """The tenants `word` names: #id (a button), a list number, a full name (by its blind
    index, never decrypted), or a house by its name or address."""
    if word.startswith("#"):
        chosen = record_number(word)
        return [t for t in current if t.id == chosen]
    if word.isdigit():
        n = int(word)
        return [current[n - 1]] if 1 <= n <= len(current) else []
    named = ctx.services.blind_index(word, NAME)
    same = [t for t in current if t.name_idx == named]
    if same:
        return same
    houses = {
        v.id
        for v in await owned_venues(ctx.session, ctx.person.id, RENTALS)
        if word in v.name or word in (v.address or "")
    }
    return [t for t in current if t.venue_id in houses]


def _pick(current: list[Tenancy], after: str) -> list[Reply]:
    buttons = tuple(
        Button(f"{t.name_masked} {t.doc_no_masked}", f"/{COMMAND} #{t.id} {after}".strip())
        for t in current[:20]
    )
    return [Choices("请选择要改到期日期的租客：", buttons)]


async def change_end(ctx: Context) -> list[Reply]:
    """续租 [租客] [日期] [确认]: ask, then change the lease's end date."""
    if (in_group := private_only(ctx, COMMAND)) is not None:
        return in_group
    current = await current_tenants(ctx)
    if not current:
        return [Text("目前没有在租租客。发送「登记租客」登记。")]
    today = local_time(ctx).date()
    words = (ctx.match.args if ctx.match else "").split()
    confirmed = bool(words) and words[-1] == _CONFIRM
    words = words[: len(words) - confirmed]
    chosen = await _named(ctx, words[0], current) if words else []
    if chosen:
        words = words[1:]
    elif len(current) == 1:
        chosen = current  # the landlord's only tenant: no need to name them
    when = " ".join(words)
    if len(chosen) != 1:
        return _pick(chosen or current, when)
    tenancy = chosen[0]
    example = f"{COMMAND} {current.index(tenancy) + 1} {example_day(today, 30)}"
    if not when:
        end = f"现在的到期日是 {_said(tenancy.lease_end, today)}。" if tenancy.lease_end else ""
        # The lengths as buttons, and what is typed under them (续到明年年底) is their
        # answer (`lease_answers`): the question had taken only 「续租 1 日期」 typed whole.
        return [
            Choices(
                f"{_who(tenancy)}{end}请写明新的到期日期（如 {example_day(today, 30)}、"
                "明年年底），或点续租多久：",
                tuple(Button(f"续{n}", f"/{COMMAND} #{tenancy.id} {n}") for n in LENGTHS),
            )
        ]
    if when == _NONE and confirmed:
        day: date | None = None  # the undo of an end date first set here
    else:
        try:
            day = new_end(tenancy, when, today)
        except Invalid:
            return [
                Text(
                    f"看不懂日期「{when}」。请写成 12月31日 或 {today.year + 1}年12月31日，"
                    f"如「{example}」。"
                )
            ]
        if day < today:
            return [
                Text(
                    f"到期日期不能早于今天。{tenancy.name_masked}已经搬走的，请发送"
                    f"「/退租 {current.index(tenancy) + 1} 搬走那天的日期」登记搬离。"
                )
            ]
        if day < tenancy.lease_start:
            start = said_on(tenancy.lease_start, today)
            return [Text(f"到期日期不能早于起租日期 {start}，请核对。")]
    before = tenancy.lease_end
    if day is not None and day == before and not confirmed:
        # 续到明年年底 of a lease ending then had asked 由 2027年12月31日 改为 2027年12月31日？
        return [Text(f"{_who(tenancy)}的租约到期日已经是 {_said(day, today)}，无需修改。")]
    if not confirmed:
        was = f"由 {_said(before, today)} " if before else ""
        return [
            Choices(
                f"将 {_who(tenancy)}的租约到期日{was}改为 {_said(day, today)}？",
                (
                    Button("确认", f"/{COMMAND} #{tenancy.id} {_typed(day)} {_CONFIRM}"),
                    Button("不是", "/租客"),
                ),
            )
        ]
    tenancy.lease_end = day
    ctx.session.add(tenancy)
    done = f"✅ 已将 {tenancy.name_masked} 的租约到期日改为 {_said(day, today)}"
    return [undoable(tenancy, before, done, today)]


def undoable(tenancy: Tenancy, before: date | None, done: str, today: date) -> Choices:
    """The receipt of a changed end date, with the button that puts `before` back."""
    return Choices(
        f"{done}（原为 {_said(before, today)}），目前仍在租。租客搬走当天请发送「退租」登记搬离。\n"
        "如改错了，可点「改回」。",
        (Button("改回", f"/{COMMAND} #{tenancy.id} {_typed(before)} {_CONFIRM}"),),
    )


async def _tenant_and_day(ctx: Context, offer: Suggestion) -> Suggestion:
    """先改一下到期时间 下周六: the tenant the sentence names (or the only one) and the day
    it says, so the offer's button asks the change itself."""
    current = await current_tenants(ctx)
    said = {
        ctx.services.blind_index(run[at : at + n], NAME)
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", ctx.inbound.text)
        for n in range(2, 5)
        for at in range(len(run) - n + 1)
    }
    named = [t for t in current if t.name_idx in said] or (current if len(current) == 1 else [])
    today = local_time(ctx).date()
    day = _until_said(ctx.inbound.text, today) or day_said(arabize(ctx.inbound.text), today)
    if len(named) != 1:
        return offer
    tenant = named[0]
    if day is None and (length := _LENGTH_SAID.search(arabize(ctx.inbound.text))):
        # 陈静续租半年 had been offered as 改到期 陈*, the six months dropped.
        day = extended(tenant, length[0], today)
    when = f" {day:%Y-%m-%d}" if day is not None and day >= today else ""
    return replace(
        offer,
        typed=f"/{COMMAND} #{tenant.id}{when}",
        shown=f"改到期 {tenant.name_masked}{f' {said_on(day, today)}' if day and when else ''}",
    )


def build_router() -> Router:
    router = Router()

    @router.route(
        "tenant_lease_end",
        commands=(COMMAND, "改到期"),
        hints=HINTS,
        roles=OWNERS,
        help="改租客的到期日期（续租、提前搬走），如：续租 1 2027年12月31日",
        topic="登记",
        kinds=RENTALS,
        picks=_tenant_and_day,
    )
    async def lease_end(ctx: Context) -> list[Reply]:
        return await change_end(ctx)

    return router
