"""Tenant registration for landlords (a chat form), move-out, and the list of tenants.

```mermaid
flowchart LR
    start([登记租客]) --> venue{several houses?}
    venue -- yes --> pick[choose house] --> form
    venue -- no --> form[姓名 → 证件 → (性别, 出生日期, 国籍) → 电话 → 职业 → 工作单位 → 起租 → 到期 → (监护人)]
    family([和她爸一样 at 起租/到期: the lease of the member just registered, tenant_family]) -.-> form
    said([房间 said with 登记租客 or given by 修改 房间号, never asked]) -.-> form
    form --> confirm[核对] --> receipt([回执号; hit check, silent to the landlord])
    receipt -.-> out[/退租 序号 日期/] --> gone([搬离: today or the day said; a later day is the 到期])
    gone -.-> undo[/撤销退租/] --> back([在租 again])
    gone -.-> child([a minor left whose guardian it was: 孩子也退租, tenant_minors])
```
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import col, select

from bot.context import Context
from bot.forms import Answers, Form, FormEngine, FormEnv, FormField, Misplaced
from bot.forms.clock import dated, local_time, said_day, said_on
from bot.forms.plain_answers import says_none
from bot.forms.spec import Advice
from bot.forms.words import says_yes
from bot.messages import Button, Choices, Reply, Text
from bot.router import AtOnce, Router, Suggestion
from bot.validators import Invalid
from bot.validators.dates import check_date_range, parse_stay_day, says_a_day
from bot.validators.numerals import arabize
from bot.validators.rooms import parse_room
from bot.validators.text import parse_free_text
from handlers.registration import moveout_undo, said_first, tenant_family, tenant_minors
from handlers.registration.fields import (
    FOREIGNER,
    NO_DOCUMENT,
    iso_date,
    origin_label,
    person_fields,
    person_from,
    still_registered,
)
from handlers.registration.opening import open_registration
from handlers.registration.timefmt import to_stored
from handlers.registration.venue_choice import private_only
from handlers.services.numbers import record_number
from handlers.services.personal import DOC_NO, NAME, receipt_number, seal
from handlers.services.venues import owned_venue, owned_venues
from handlers.services.watchlist import check_registration
from storage.models import Role, Tenancy, VenueKind

FORM_NAME = "tenant"
#: Not the station admin (所长): they own no place, and had read owner commands first in
#: their help, each answering 您名下的场所… (`bot.middleware.authorization` refuses them).
OWNERS = (Role.OWNER,)
RENTALS = (VenueKind.RENTAL,)

#: 没带身份证 at a tenant's document: the guests' advice ends 请不要安排入住, a hotel's words.
#: 租赁房屋治安管理规定 第七条: no renting to a person without valid identity documents.
NO_DOCUMENT_TENANT = (
    "租客没带证件的，可请租客出示电子身份证（如「国家网络身份认证」App）或临时居民身份证"
    "（身份证丢了补办期间用的，也是有效证件），证件类型都选「居民身份证」，18位号码照常输入；"
    "都没有的，请租客到派出所开具临时身份证明后再登记；"
    "按规定不得将房屋出租给无合法有效身份证件的人。不登记了请回复「取消」。"
)


async def _not_renting_here(ctx: Context, doc_no: Any, answers: Mapping[str, Any]) -> str | None:
    """Said at the ID number rather than after the whole form (the submit checks again)."""
    index = ctx.services.blind_index(doc_no, DOC_NO)
    tenancy = await still_registered(ctx.session, answers.get("venue_id"), index, guests=False)
    if not isinstance(tenancy, Tenancy):
        return None
    start = said_on(tenancy.lease_start, local_time(ctx).date())
    return (
        f"这位租客（{tenancy.doc_no_masked}）已登记在租（起租 {start}），"
        "无需重复登记。已搬走请先发送「退租」；如是另一位租客，请核对证件号码。"
    )


#: An ID or phone number: 李四 3205… 138… typed again at the job would keep the
#: numbers in a column that is not encrypted.
_NUMBERS = re.compile(r"\d{17}[\dXx]|1\d{10}")
_NO_NUMBERS = "这一项只填{what}，不要填证件号码或电话。"
#: 不登记会罚款吗 typed at the job: the landlord's question, not the tenant's job.
_QUESTION = re.compile(r"[?？]|吗$|怎么|怎样|会不会|能不能|要不要|是否")
#: 李娜搬走了, 帮我退租: news of a tenant or a request typed at the job, which no later
#: question takes. Whole words only: 退休 and 搬家公司 are a job and a workplace.
_EVENT = re.compile(
    r"搬走|搬出|搬离|退房|退租|不住了|不租了|要走|走了|已走|离开了|回老家|帮我|麻烦你|请帮"
)


#: 201室, 302, 5号房, 2单元501, 3栋2单元502, A座1203: a room of the house, which no
#: tenant's job or workplace is (2单元501 had been kept as 职业：2单元501).
_ROOM = re.compile(
    r"(?:(?:[A-Za-z]|\d{1,3}|[A-Za-z]\d{1,2})\s*(?:号楼|楼栋|栋|幢|座|单元|楼|层|-)\s*)*"
    r"[A-Za-z]?\d{2,5}\s*(?:室|房|号房|房间)?"
)


def _free_text(text: str, what: str, max_length: int, env: FormEnv) -> str:
    if says_yes(text):
        # 确认 typed before the summary had been kept as 职业：确认; refused, the form
        # says 还差这一项 (`bot.forms.answer`).
        raise Invalid(f"这一项只填{what}。")
    if _NUMBERS.search(text.replace(" ", "")):
        raise Invalid(_NO_NUMBERS.format(what=what))
    if _QUESTION.search(text):
        raise Invalid(f"这一项只填{what}。")
    if _EVENT.search(text):
        raise Invalid(
            f"这像是一件事，不是{what}。租客要搬走的，请回复「取消」后发送「退租」；"
            f"继续登记请填写{what}。"
        )
    if says_a_day(text, today=env.today):
        # 从这个月1号开始住 at the workplace: the lease's start, if it is still to be asked.
        raise Misplaced(f"这像是日期，不是{what}。请填写{what}，没有可回复「跳过」。")
    if _lease_end(env.today, text) is not None:
        # 一年 at the workplace had been kept as 工作单位：一年: the lease's length, the
        # answer of 到期日期 once the start is in.
        raise Misplaced(
            f"这像是租期，不是{what}：租期在问到期日期时填写。",
            to="lease_end",
        )
    if _ROOM.fullmatch(arabize(text.strip())):
        # 201室 at the job had been kept as 职业：201室: a room is its own item.
        raise Invalid(
            f"这像是房间号，不是{what}。要记下租客住的房间，请回复「修改 房间号 {text.strip()}」；"
            f"继续登记请填写{what}，没有可回复「跳过」。"
        )
    return parse_free_text(text, max_length=max_length)


def _parse_occupation(text: str, env: FormEnv) -> str:
    return _free_text(text, "职业", 100, env)


def _parse_workplace(text: str, env: FormEnv) -> str:
    return _free_text(text, "工作单位或学校", 200, env)


#: 住302, 住在2单元501: the words a room is said with.
_LIVES_IN = re.compile(r"^(?:租|住)(?:的|在)?(?:是)?")


def _parse_room(text: str, _env: FormEnv) -> str:
    """302, 302室, 2单元501 (as 2-501): the flat or room the tenant rents."""
    return parse_room(_LIVES_IN.sub("", text.strip()) or text)


def _show_room(value: Any) -> str:
    """The summary's room; none given (the whole house, or not said) is （无）, as every
    empty answer is."""
    return str(value) if value else "（无）"


#: The tenant form's answers at its start: the room is never asked (most rent a whole
#: house), but kept when said (登记租客 刘芳 <ID> 302室) or given by 修改 房间号.
UNASKED = {"room": None}


def _parse_start(text: str, env: FormEnv) -> str:
    return parse_stay_day(text, today=env.today).isoformat()


#: 租一年, 半年, 3个月, 先租半年: the lease's length instead of its last day.
_LENGTH = re.compile(r"先?(?:租|签)?了?(?:共)?\s*(\d{1,2}|半)\s*(年|个月)")  # 12月 is December
#: 押一付三: how the rent is paid, said beside the length (押一付三 先租半年).
_PAYMENT = re.compile(r"押\s*[\d一二两三]\s*付\s*[\d一二三四六十]+[,，、\s]*")


def _lease_end(start: date, text: str) -> date | None:
    """The last day of a lease of the length `text` says, from `start` (一年 from 12-01
    ends on 11-30); None if it says no length."""
    found = _LENGTH.fullmatch(arabize(_PAYMENT.sub("", text).strip()))
    if found is None:
        return None
    count, unit = found.groups()
    months = 6 if count == "半" else int(count) * (12 if unit == "年" else 1)
    if (count == "半" and unit == "个月") or not 0 < months <= 120:
        return None
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    # The day before the same day N months on; a month without that day ends on its last
    # (one month from 01-31 ends 02-28).
    if start.day > last:
        return date(year, month, last)
    return date(year, month, start.day) - timedelta(days=1)


def _parse_end(text: str, env: FormEnv) -> str | None:
    if says_none(text, ("到期日期", "到期", "租期")):
        return None  # 不确定, its button, and 还没定: none said, as 跳过
    start = date.fromisoformat(env.answers["lease_start"])
    end = _lease_end(start, text) or parse_stay_day(text, today=env.today)
    check_date_range(start, end, "租约到期日不能早于起租日期，请重新输入")
    if end < env.today:
        # Registration is for who lives here now: a past end is nearly always a wrong year.
        raise Invalid(
            f"租约到期日 {said_on(end, env.today)} 已过，请核对年份后重新输入"
            "（不清楚可回复「跳过」）。"
            "租客已搬走的无需登记。"
        )
    return end.isoformat()


#: The buttons under the lease's end: its common lengths, worked out from the start as
#: dates (the summary shows the day), and 不确定, which skips it (`says_none`).
LEASE_END_CHOICES = ("半年", "一年", "不确定")


def _lease_end_prompt(answers: Mapping[str, Any]) -> str:
    """The question with the start entered as its example: 起租 11-15 had been shown
    2026-12-01 起租一年即到 2027-11-30, today's year. Its days as the bot says them (11月15日
    起租一年即到 2027年11月14日): the start, just typed, stands for this year."""
    if not answers.get("lease_start"):
        return ""
    start = date.fromisoformat(answers["lease_start"])
    year = _lease_end(start, "一年")
    if year is None:  # never: 一年 is a length it reads
        return ""
    end = dated(year, start)
    return f"请输入租约到期日期（如 {end}；或租期 一年、半年：{dated(start, start)} 起租一年即到 {end}）："


def _show_lease_end(value: Any) -> str:
    """The summary's lease end; none said is 未定, as a guest's check-out is (the lease
    will end), not 无."""
    return str(value) if value else "未定"


def _for_tenants(field: FormField) -> FormField:
    """A person field whose 没带证件 advice speaks of renting, not of a hotel stay."""
    parse = field.parse

    def parse_for_tenant(text: str, env: FormEnv) -> Any:
        try:
            return parse(text, env)
        except Invalid as error:
            if error.reason == NO_DOCUMENT:
                raise Advice(NO_DOCUMENT_TENANT) from None
            raise

    return replace(field, parse=parse_for_tenant)


START_PROMPT = "请输入起租日期（如 今天 或 这个月1号）："

FIELDS: tuple[FormField, ...] = (
    *(_for_tenants(field) for field in person_fields("租客", _not_renting_here)),
    FormField(
        "room",
        "房间号",
        "请输入租客住的房间号（如 302 或 2单元501；整套出租请回复「跳过」）：",
        _parse_room,
        optional=True,
        aliases=("房间", "房号", "门牌号"),
        show=_show_room,
        refuses_questions=True,
    ),
    FormField(
        "occupation",
        "职业",
        "请输入租客职业：",
        _parse_occupation,
        optional=True,
    ),
    FormField(
        "workplace",
        "工作单位",
        "请输入工作单位或就读学校：",
        _parse_workplace,
        optional=True,
    ),
    FormField(
        "lease_start",
        "起租日期",
        START_PROMPT,
        tenant_family.same_start(_parse_start),
        prompt_for=tenant_family.start_prompt(START_PROMPT),
        show_at=said_day,
    ),
    FormField(
        "lease_end",
        "到期日期",
        # The date and the length agree: 一年 from 11-30 ends on 11-29, and an example
        # that offered 2027-11-30 or 一年 as one had read as the same day.
        "请输入租约到期日期（如 明年11月30日；或租期 一年、半年）：",
        tenant_family.same_end(_parse_end),
        prompt_for=_lease_end_prompt,
        optional=True,
        # As 预计退房 has 明天/后天/不确定: the lease's end had been the one date question
        # without buttons, its lengths typed on a phone.
        choices=LEASE_END_CHOICES,
        depends_on=("lease_start",),
        show=_show_lease_end,
        show_at=said_day,
    ),
    *tenant_minors.FIELDS,
)


async def _submit(ctx: Context, answers: Answers) -> list[Reply]:
    venue = await owned_venue(ctx.session, ctx.person.id, answers["venue_id"], RENTALS)
    if venue is None or venue.id is None:
        return [Text("您已不再是该房屋的负责人，登记未提交。如有疑问请联系社区民警。")]
    person = person_from(answers)
    sealed = seal(ctx.services, person, "tenancy")
    already = await still_registered(ctx.session, venue.id, sealed["doc_no_idx"], guests=False)
    if isinstance(already, Tenancy):
        # Two forms open at once: the ID-number check could not see the other's tenant.
        return [
            Text(
                f"{already.name_masked}（{already.doc_no_masked}）已在「{venue.name}」登记在租"
                f"（起租 {said_on(already.lease_start, local_time(ctx).date())}），无需重复登记。"
                "续租或信息有变请联系社区民警；已搬走请先发送「退租」。"
            )
        ]
    receipt = receipt_number("T", local_time(ctx))
    today = local_time(ctx).date()
    tenancy = Tenancy(
        **sealed,
        receipt_no=receipt,
        venue_id=venue.id,
        lease_start=date.fromisoformat(answers["lease_start"]),
        lease_end=iso_date(answers.get("lease_end")),
        occupation=answers.get("occupation") or "",
        workplace=answers.get("workplace") or "",
        room=answers.get("room") or "",
        registered_by_account_id=ctx.account.id,
        created_at=ctx.now,
        **await tenant_minors.tenancy_columns(ctx, answers, venue.id),
    )
    ctx.session.add(tenancy)
    await ctx.session.flush()
    await check_registration(ctx.session, ctx.services, tenancy, venue)
    told = await tenant_minors.tell_officers(ctx.session, ctx.services, tenancy, venue, today)
    plate = f"（门牌 {venue.plate}）" if venue.plate else ""
    lines = [
        "✅ 租客登记成功",
        f"回执号：{receipt}",
        f"房屋：{venue.name}{plate}" + (f"　房间：{tenancy.room}" if tenancy.room else ""),
        f"租客：{tenancy.name_masked}（{tenancy.doc_no_masked}）",
        f"起租：{said_on(tenancy.lease_start, today)}",
    ]
    if tenancy.lease_end is not None:
        lines.append(f"到期：{said_on(tenancy.lease_end, today)}")
    if tenancy.guardian_phone_masked:
        lines.append(tenant_minors.receipt_line(tenancy, told))
    origin = origin_label(answers.get("nationality"))
    if origin == FOREIGNER:
        # 出境入境管理法 第三十九条: the host registers a foreigner within 24 hours.
        lines.append(
            "🌐 该租客为外国人，本登记已报送派出所。外国人在旅馆以外住宿的，"
            "须在入住后24小时内办理住宿登记，请提醒租客备好护照等证件，民警可能联系核实。"
        )
    elif origin:
        # That law's 24 hours is for foreigners; compatriots have rules of their own.
        lines.append(
            f"🌐 该租客为{origin}，本登记已报送派出所。请提醒租客按规定办理住宿登记、"
            "备好来往大陆（内地）通行证等证件，民警可能联系核实。"
        )
    return [
        Text("\n".join(lines)),
        Choices(
            "如还有其他租客，可继续登记：",
            (Button("继续登记租客", "/登记租客"), Button("完成", "登记完成")),
        ),
    ]


FORM = Form(
    name=FORM_NAME,
    title="租客登记",
    fields=FIELDS,
    submit=_submit,
    intro="开始租客登记。随时可回复「上一步」，「修改 起租日期」这样改已填的一项，或「取消」。",
    started_by=("tenant_register", "register"),
    reads=said_first.read,
)


async def start_tenant(ctx: Context, forms: FormEngine, said: str = "") -> list[Reply]:
    """Start the form; `said`, what was typed after the command (李四 3205… 电话138…),
    gives its first answers, as a check-in's does."""
    return await open_registration(
        ctx,
        forms,
        said,
        command="登记租客",
        form=FORM,
        place_label="房屋",
        kinds=RENTALS,
        who="租客",
        then="登记租客",
        unasked=UNASKED,
        prefill_for=tenant_family.family_prefill,
    )


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "tenant_register",
        commands=("登记租客", "tenant"),
        # 新租客 赵敏 <ID>: offered the tenant list (租客), it lost the tenant said.
        hints=("新租客", "新来的租客", "来了个租客", "来了租客", "新租户"),
        roles=OWNERS,
        help="登记新租客",
        topic="登记",
        kinds=RENTALS,
        # 我要登记租客: the form asks before it keeps anything; 新租客 is still offered.
        at_once=AtOnce.STARTED,
    )
    async def register(ctx: Context) -> list[Reply]:
        return await start_tenant(ctx, forms, ctx.match.args if ctx.match else "")

    @router.route(
        "tenant_list",
        commands=("租客", "tenants"),
        hints=("租了几个人", "几个租客", "租客有哪些"),
        keywords=("租客名单", "我的租客", "看看我的租客", "租客列表"),
        roles=OWNERS,
        help="查看在租租客",
        daily=20,
        topic="登记",
        kinds=RENTALS,
        at_once=AtOnce.SHOWN,
    )
    async def tenants(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, "租客")) is not None:
            return in_group
        houses = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, RENTALS)}
        current = await current_tenants(ctx)
        if not current:
            return [Text("目前没有在租租客。发送「登记租客」登记。")]
        lines = [f"在租租客共 {len(current)} 人："]
        house = None
        today = local_time(ctx).date()
        for n, t in enumerate(current[:50], start=1):
            if len(houses) > 1 and t.venue_id != house:
                # A landlord of two flats: say whose tenants follow.
                house = t.venue_id
                lines.append(f"【{houses[house].name}】")
            end = f"　到期 {said_on(t.lease_end, today)}" if t.lease_end else ""
            start = said_on(t.lease_start, today)
            room = f"{t.room}　" if t.room else ""
            # A child told from the parent of the same surname (王** and 王**).
            minor = "（未成年）" if t.guardian_phone_masked else ""
            lines.append(f"{n}. {room}{t.name_masked}{minor}　{t.doc_no_masked}　起租 {start}{end}")
        lines.append("租客搬离请发送「/退租 序号」。")
        return [Text("\n".join(lines))]

    @router.route(
        "tenant_move_out",
        commands=("退租", "moveout"),
        hints=("搬走", "搬出去", "租客走了", "退租了", "不租了"),
        keywords=("退租",),
        roles=OWNERS,
        help="租客搬离，如：/退租 1",
        daily=40,
        topic="登记",
        kinds=RENTALS,
        picks=_tenant_named,
        later="搬离以租客实际搬走为准，搬走后再点下面的按钮。",
    )
    async def move_out(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, "退租")) is not None:
            return in_group
        current = await current_tenants(ctx)
        if not current:
            return [Text("目前没有在租租客。")]
        words = (ctx.match.args if ctx.match else "").split()
        confirmed = bool(words) and words[-1] == "确认"
        number = words[0] if words else ""
        when = " ".join(words[1 : len(words) - confirmed])
        if number.startswith("#"):  # the confirmation button: 退租 #id [日期] 确认
            chosen = record_number(number)
            tenancy = next((t for t in current if t.id == chosen), None)
            if tenancy is None:
                return [Text("这位租客已登记搬离或不在您的名下。发送「租客」查看名单。")]
        elif number.isdigit() and 1 <= int(number) <= len(current):
            tenancy = current[int(number) - 1]
        else:
            # 退租 张磊: the full name typed matches by its blind index, never decrypted.
            named = ctx.services.blind_index(number, NAME) if number else None
            same = [t for t in current if named is not None and t.name_idx == named]
            if len(same) != 1:
                # Two tenants named 张* are told apart by their masked ID numbers.
                after = f" {when}" if when else ""
                buttons = tuple(
                    Button(f"{t.name_masked} {t.doc_no_masked}", f"/退租 #{t.id}{after}")
                    for t in current[:20]
                )
                return [Choices("请选择搬离的租客：", buttons)]
            tenancy = same[0]
        today = local_time(ctx).date()
        # 撤下 (`moveout_never_came`): a tenant who never moved in, whether or not the
        # lease has begun.
        if when == _WITHDRAW or (tenancy.lease_start > today and not when):
            withdrawn = _withdrawn(tenancy, current.index(tenancy) + 1, confirmed, ctx)
            if tenancy.moved_out_at is not None:
                await moveout_undo.tell_moved_out(ctx, tenancy)
                withdrawn += await tenant_minors.child_offer(ctx.session, tenancy, today)
            return withdrawn
        if when in _VAGUE_DAYS:
            return _which_day(tenancy, when, today)
        try:
            # 退租 1 12月15日, 退租 1 昨天: the day said is kept, never today instead.
            day = parse_stay_day(when, today=today) if when else today
        except Invalid:
            if (vague := _vague_said(when)) is not None:
                return _which_day(tenancy, vague, today)  # 退租 1 上月, 退租 1 上周就搬了
            return [
                Text(
                    f"看不懂搬离日期「{when}」。请写成 今天、昨天 或 12月15日，"
                    "如「/退租 1 昨天」；不写日期即按今天登记。"
                )
            ]
        who = f"{tenancy.name_masked}（{tenancy.doc_no_masked}）"
        if day < tenancy.lease_start:
            return [Text(_before_lease(tenancy, day, today, current.index(tenancy) + 1))]
        if day > today:
            return _planned_move_out(tenancy, day, confirmed, ctx)
        if not confirmed:
            # A list number is easy to mistype, and a tenant marked gone drops off the
            # officers' checks: name the tenant and ask once.
            on = f"于 {said_on(day, today)} " if day < today else ""
            dated = f" {day:%Y-%m-%d}" if day < today else ""
            return [
                Choices(
                    f"确认 {who}已{on}搬离？",
                    (
                        Button("确认搬离", f"/退租 #{tenancy.id}{dated} 确认"),
                        Button("不是", "/租客"),
                    ),
                )
            ]
        zone = ctx.services.settings.zone
        # A day before today is recorded as that day's start: its hour is not known.
        tenancy.moved_out_at = (
            ctx.now if day == today else to_stored(datetime.combine(day, time()), zone)
        )
        ctx.session.add(tenancy)
        await moveout_undo.tell_moved_out(ctx, tenancy)
        # A child registered with this parent, still renting: asked about, not left alone.
        children = await tenant_minors.child_offer(ctx.session, tenancy, today, day)
        on = f"，搬离日期 {said_on(day, today)}" if day < today else ""
        done = f"✅ 已登记 {tenancy.name_masked} 搬离（证件 {tenancy.doc_no_masked}）{on}。"
        last = moveout_undo.last_undo_day(day)
        if last < today:
            # The undo counts from the day moved out: one dated long ago has none.
            return [Text(done), *children]
        return [
            Choices(
                f"{done}\n如登记错了，{moveout_undo.WINDOW}（到 {said_on(last, today)}）"
                "可点「撤销退租」恢复为在租。",
                (Button("撤销退租", f"/撤销退租 #{tenancy.id}"),),
            ),
            *children,
        ]

    @router.route(
        "tenant_move_out_undo",
        commands=("撤销退租",),
        hints=("退租退错", "退错租客", "不该退租", "退租错了", "搬离登记错"),
        roles=OWNERS,
        # Not in help, as 撤销退房 is not: it is offered under each move-out's receipt.
        topic="登记",
        kinds=RENTALS,
    )
    async def undo_move_out(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, "撤销退租")) is not None:
            return in_group
        return await moveout_undo.undo(ctx)

    return router


def _before_lease(tenancy: Tenancy, day: date, today: date, number: int) -> str:
    """A move-out day before the lease began. The example had been 「/退租 1 昨天」, earlier
    still, also for a tenant registered ahead whose lease starts tomorrow, where a bare
    /退租 (today) is refused too: it names a day the move-out can be, this tenant's number."""
    who = f"{tenancy.name_masked}（{tenancy.doc_no_masked}）"
    start = tenancy.lease_start
    if start <= today:
        return (
            f"搬离日期 {said_on(day, today)} 早于{who}的起租日期 {said_on(start, today)}，"
            f"请核对后重新发送，如「/退租 {number}」（按今天登记）。"
        )
    return (
        f"{who}的起租日期是 {said_on(start, today)}，租期还没开始，搬离日期不能早于这一天。"
        f"请发送起租日当天或之后的日期，如「/退租 {number} {start.month}月{start.day}日」；"
        f"租客不来住了，请发送「/退租 {number}」撤下这条登记。"
    )


#: The word of the withdrawal's button: 退租 #id 撤下 确认.
_WITHDRAW = "撤下"


def _withdrawn(tenancy: Tenancy, number: int, confirmed: bool, ctx: Context) -> list[Reply]:
    """退租 of a tenant registered ahead whose lease has not begun (the deal fell through,
    the wrong person), or of one said never to have moved in (`moveout_never_came`): the
    registration is taken off the list, as a move-out on the day (it had been refused, a
    move-out day being no earlier than the lease's start), and may be put back with
    撤销退租 like any move-out."""
    who = f"{tenancy.name_masked}（{tenancy.doc_no_masked}）"
    start = tenancy.lease_start
    today = local_time(ctx).date()
    if not confirmed:
        withdraw = "可点「撤下登记」，这条登记不再算在租"
        if start > today:
            asked = (
                f"{who}的起租日期是 {said_on(start, today)}，还没入住。租客不来住了（或登记错了），"
                f"{withdraw}；要记下以后哪天搬走，请发送如"
                f"「/退租 {number} {start.month}月{start.day}日」。"
            )
        else:
            # A lease begun, the landlord saying the tenant never moved in: one who lived
            # here and left is moved out instead.
            asked = (
                f"{who}的起租日期是 {said_on(start, today)}。租客没有入住、不来住了（或登记错了）的，"
                f"{withdraw}；租客住过、已经搬走的，请发送「/退租 {number}」登记搬离。"
            )
        return [
            Choices(
                asked,
                (
                    Button("撤下登记", f"/退租 #{tenancy.id} {_WITHDRAW} 确认"),
                    Button("不是", "/租客"),
                ),
            )
        ]
    tenancy.moved_out_at = ctx.now
    ctx.session.add(tenancy)
    last = moveout_undo.last_undo_day(today)
    return [
        Choices(
            f"✅ 已撤下 {who}的租客登记（起租 {said_on(start, today)}，未入住）。\n"
            f"如撤错了，{moveout_undo.UNDO_DAYS} 天内（到 {said_on(last, today)}）"
            "可点「撤销退租」恢复。",
            (Button("撤销退租", f"/撤销退租 #{tenancy.id}"),),
        )
    ]


def _planned_move_out(tenancy: Tenancy, day: date, confirmed: bool, ctx: Context) -> list[Reply]:
    """退租 1 12月15日, a day still to come: the tenant lives here until then, so the record
    keeps them 在租 and takes the day as the lease's end (到期), which officers see."""
    who = f"{tenancy.name_masked}（{tenancy.doc_no_masked}）"
    today = local_time(ctx).date()
    said = said_on(day, today)
    if not confirmed:
        return [
            Choices(
                f"{who}预计 {said} 搬走？将登记为租约到期 {said}，"
                "搬走之前仍算在租；搬走当天请再发送「退租」。",
                (
                    Button("确认", f"/退租 #{tenancy.id} {day:%Y-%m-%d} 确认"),
                    Button("不是", "/租客"),
                ),
            )
        ]
    before = tenancy.lease_end
    tenancy.lease_end = day
    ctx.session.add(tenancy)
    was = f"{before:%Y-%m-%d}" if before else "未定"
    return [
        Choices(
            f"✅ 已记下 {tenancy.name_masked} 预计 {said} 搬走（到期日由 "
            f"{said_on(before, today) if before else was} 改为 {said}），目前仍在租。"
            "请在租客搬走当天发送「退租」确认搬离。\n"
            "如记错了，可点「改回」。",
            # The lease's end as it was, put back by 续租 (`lease_end`).
            (Button("改回", f"/续租 #{tenancy.id} {was} 确认"),),
        )
    ]


#: A week said without its day (上周就搬走了, 下礼拜搬走), or a few days: the move-out's
#: day is asked, from buttons, where it had been taken as now.
_VAGUE = (
    ("上周", re.compile(r"上(?:个)?(?:周|星期|礼拜)(?![1-7一二三四五六日天])")),
    # 上个月搬走了 had been recorded as gone today.
    ("上个月", re.compile(r"上个?月(?![初中底末\d一二三四五六七八九十])")),
    ("前几天", re.compile(r"前几天|前些天|前两天|早就|好几天")),
    ("下周", re.compile(r"下(?:个)?(?:周|星期|礼拜)(?![1-7一二三四五六日天])")),
    ("过几天", re.compile(r"过几天|过两天|过些天")),
)
_VAGUE_DAYS = frozenset(word for word, _ in _VAGUE)


def _vague_said(text: str) -> str | None:
    return next((word for word, pattern in _VAGUE if pattern.search(text)), None)


def _which_day(tenancy: Tenancy, when: str, today: date) -> list[Reply]:
    """上周 / 前几天 / 下周 / 过几天: the days it may be, each a button to the move-out's
    own question (已于…搬离？ for a day past, 预计…搬走？ for one to come)."""
    if when == "上个月":
        return _which_day_last_month(tenancy, today)
    monday = today - timedelta(days=today.weekday())
    days = {
        "上周": [monday - timedelta(days=7 - n) for n in range(7)],
        "前几天": [today - timedelta(days=n) for n in range(7, 0, -1)],
        "下周": [monday + timedelta(days=7 + n) for n in range(7)],
        "过几天": [today + timedelta(days=n) for n in range(1, 8)],
    }[when]
    days = [d for d in days if d >= tenancy.lease_start]
    past = when in ("上周", "前几天")
    question = "是哪天搬走的" if past else "预计哪天搬走"
    if not days:
        return [Text(f"请写明搬离日期，如「/退租 #{tenancy.id} {today.month}月{today.day}日」。")]
    return [
        Choices(
            f"{tenancy.name_masked}（{tenancy.doc_no_masked}）{question}？请点选日期，"
            f"或发送如「/退租 #{tenancy.id} {days[0].month}月{days[0].day}日」：",
            tuple(
                Button(
                    f"{said_on(d, today)} {_WEEKDAYS[d.weekday()]}",
                    f"/退租 #{tenancy.id} {d:%Y-%m-%d}",
                )
                for d in days
            ),
        )
    ]


_WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def _which_day_last_month(tenancy: Tenancy, today: date) -> list[Reply]:
    """上个月: a few days of last month to pick (its start, the 10th, the 20th, its end),
    or the day typed; each button asks the move-out's own 已于…搬离？."""
    last = today.replace(day=1) - timedelta(days=1)
    days = [
        d for d in (last.replace(day=n) for n in (1, 10, 15, 20)) if d >= tenancy.lease_start
    ] + ([last] if last >= tenancy.lease_start else [])
    who = f"{tenancy.name_masked}（{tenancy.doc_no_masked}）"
    example = f"/退租 #{tenancy.id} {last.month}月15日"
    if not days:
        return [
            Text(
                f"{who}的起租日期是 {said_on(tenancy.lease_start, today)}，不在上个月之前。"
                f"请写明搬离日期，如「/退租 #{tenancy.id} {today.month}月{today.day}日」。"
            )
        ]
    return [
        Choices(
            f"{who}是上个月（{last.month}月）哪天搬走的？记得具体日期请发送如「{example}」；"
            "记不清的，请点一个最接近的日期：",
            tuple(
                Button(
                    "月底 " + dated(d, today) if d == last else dated(d, today),
                    f"/退租 #{tenancy.id} {d:%Y-%m-%d}",
                )
                for d in days
            ),
        )
    ]


#: A Chinese name as a sentence holds it (李娜搬走了): two to four characters.
_NAME_LENGTHS = range(2, 5)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


async def _tenant_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """李娜搬走了: the landlord's one current tenant whose full name the sentence holds is
    offered by the masked name (退租 李*), matched by the name's blind index, never
    decrypted. Two tenants named there, or none, leave the offer's list to choose from."""
    said = {
        ctx.services.blind_index(run[at : at + n], NAME)
        for run in _HAN_RUN.findall(ctx.inbound.text)
        for n in _NAME_LENGTHS
        for at in range(len(run) - n + 1)
    }
    named = [t for t in await current_tenants(ctx) if t.name_idx in said]
    if len(named) != 1:
        return offer
    tenant = named[0]
    shown = f"退租 {tenant.name_masked}（尾号{tenant.doc_no_masked[-4:]}）"
    today = local_time(ctx).date()
    day = day_said(ctx.inbound.text, today) or _month_end_said(ctx.inbound.text, today)
    if day is not None and day > today and day >= tenant.lease_start:
        # 李娜下周三搬走, 陈静月底搬走了 had been offered as gone now: a day to come is the
        # lease's end (改到期, `lease_end`); she lives here until then.
        return replace(
            offer,
            typed=f"/{LEASE_END} #{tenant.id} {day:%Y-%m-%d}",
            shown=f"改到期 {tenant.name_masked} {said_on(day, today)}",
            # It only asks (将…到期日改为…？): an offer of it had read 搬走后再点.
            at_once=True,
        )
    if day is not None and day < today and day >= tenant.lease_start:
        # 李娜昨天搬走了 had been recorded as gone today.
        return replace(
            offer,
            typed=f"/退租 #{tenant.id} {day:%Y-%m-%d} 确认",
            # The day in the offer's 20 characters: 退租 李*（245X）昨天搬离.
            shown=(
                f"退租 {tenant.name_masked}（{tenant.doc_no_masked[-4:]}）{said_on(day, today)}搬离"
            ),
        )
    vague = _vague_said(ctx.inbound.text)
    if day is None and vague is not None and tenant.lease_start <= today:
        # 上周就搬走了 had been recorded as gone now, 下礼拜搬走 offered as gone now: the
        # move-out asks which day (`_which_day`); one to come is the lease's end.
        # Days to come are asked at once (nothing is kept before one is picked and
        # confirmed): an offer of 退租 had read as a move-out now.
        ahead = vague in ("下周", "过几天")
        return replace(offer, typed=f"/退租 #{tenant.id} {vague}", shown=shown, at_once=ahead)
    if day is None and _NEXT_MONTH.search(ctx.inbound.text):
        # 陈静下个月搬走了: a month to come, its day unsaid: the lease's end, asked.
        return replace(
            offer,
            typed=f"/{LEASE_END} #{tenant.id}",
            shown=f"改到期 {tenant.name_masked}",
            at_once=True,
        )
    if tenant.lease_start > today or not _HAS_MOVED.search(ctx.inbound.text):
        # 李娜不租了 says what is to come, not that she is gone, and a lease not begun is
        # withdrawn: tapping the offer had ended the record at once. The move-out's own
        # question (确认…已搬离？, 撤下登记) is asked, as after /退租 1.
        return replace(offer, typed=f"/退租 #{tenant.id}", shown=shown)
    # 李娜搬走了: the full name said matched this one tenant, and the sentence says she
    # has gone: the offer, which names her, is the confirmation (a second 确认搬离？ had
    # asked the same twice).
    return replace(offer, typed=f"/退租 #{tenant.id} 确认", shown=shown)


#: The landlords' command that changes a lease's end (`lease_end`, which imports this).
LEASE_END = "续租"
#: 月底, 这个月底, 下个月末: the month's last day. 年底: the year's.
_MONTH_END = re.compile(r"(上个?月|下个?月|这个?月|本月|月)(?:底|末)|(?:今)?年(?:底|末)")
#: 下个月搬走, its day unsaid.
_NEXT_MONTH = re.compile(r"下个?月")


def _month_end_said(text: str, today: date) -> date | None:
    """The day 月底 (下个月底, 年底) in `text` says, else None."""
    found = _MONTH_END.search(text)
    if found is None:
        return None
    if found[1] is None:
        return date(today.year, 12, 31)
    year, month = today.year, today.month
    if found[1].startswith("下"):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif found[1].startswith("上"):  # 上个月底搬走了: a day past, not this month's end
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return date(year, month, calendar.monthrange(year, month)[1])


#: 搬走了, 已经退租了: the sentence says the tenant has gone (不租了 says they will).
_HAS_MOVED = re.compile(r"(?:搬|走|退租|退房)了|搬出去了|已经?(?:搬|退租)")


#: A day inside a sentence (李娜昨天搬走了, 12月15号搬): the move-out's day.
_DAY_IN_SENTENCE = re.compile(
    r"大后天|后天|明天|今天|昨天|前天|\d{1,3}天前|(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]?"
    r"|(?:这个月|本月|上个月|上月|下个月|下月)?\d{1,2}[号日](?![楼房室院栋门线床店位口])"
    r"|(?:下下|下|本|这)?(?:周|星期|礼拜)[1-7日天]"
)


def day_said(text: str, today: date) -> date | None:
    found = _DAY_IN_SENTENCE.search(arabize(text))
    if found is None:
        return None
    try:
        return parse_stay_day(found[0], today=today)
    except Invalid:
        return None


async def current_tenants(ctx: Context) -> list[Tenancy]:
    owned = [v.id for v in await owned_venues(ctx.session, ctx.person.id, RENTALS)]
    rows = await ctx.session.exec(
        select(Tenancy)
        .where(col(Tenancy.venue_id).in_(owned), col(Tenancy.moved_out_at).is_(None))
        # By house, so that the list's numbers (退租 2) run down the list as shown.
        .order_by(col(Tenancy.venue_id), col(Tenancy.id))
    )
    return list(rows.all())
