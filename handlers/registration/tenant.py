"""Tenant registration for landlords (a chat form), move-out, and the list of tenants.

```mermaid
flowchart LR
    start([登记租客]) --> venue{several houses?}
    venue -- yes --> pick[choose house] --> form
    venue -- no --> form[姓名 → 证件 → (性别, 出生日期, 国籍) → 电话 → 职业 → 工作单位 → 起租 → 到期]
    form --> confirm[核对] --> receipt([回执号; hit check, silent to the landlord])
```
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlmodel import col, select

from bot.context import Context
from bot.forms import Answers, Form, FormEngine, FormEnv, FormField, Misplaced
from bot.forms.clock import local_time
from bot.messages import Button, Choices, Reply, Text
from bot.router import Router, Suggestion
from bot.validators import Invalid
from bot.validators.dates import check_date_range, parse_stay_day, says_a_day
from bot.validators.numerals import arabize
from bot.validators.text import parse_free_text
from handlers.registration import said_first
from handlers.registration.fields import (
    FOREIGNER,
    iso_date,
    origin_label,
    person_fields,
    person_from,
    still_registered,
)
from handlers.registration.opening import open_registration
from handlers.registration.venue_choice import private_only
from handlers.services.numbers import record_number
from handlers.services.personal import DOC_NO, NAME, receipt_number, seal
from handlers.services.venues import owned_venue, owned_venues
from handlers.services.watchlist import check_registration
from storage.models import Role, Tenancy, VenueKind

FORM_NAME = "tenant"
OWNERS = (Role.OWNER, Role.ADMIN)
RENTALS = (VenueKind.RENTAL,)


async def _not_renting_here(ctx: Context, doc_no: Any, answers: Mapping[str, Any]) -> str | None:
    """Said at the ID number rather than after the whole form (the submit checks again)."""
    index = ctx.services.blind_index(doc_no, DOC_NO)
    tenancy = await still_registered(ctx.session, answers.get("venue_id"), index, guests=False)
    if not isinstance(tenancy, Tenancy):
        return None
    return (
        f"这位租客（{tenancy.doc_no_masked}）已登记在租（起租 {tenancy.lease_start:%Y-%m-%d}），"
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


def _free_text(text: str, what: str, max_length: int, env: FormEnv) -> str:
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
    return parse_free_text(text, max_length=max_length)


def _parse_occupation(text: str, env: FormEnv) -> str:
    return _free_text(text, "职业", 100, env)


def _parse_workplace(text: str, env: FormEnv) -> str:
    return _free_text(text, "工作单位或学校", 200, env)


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


def _parse_end(text: str, env: FormEnv) -> str:
    start = date.fromisoformat(env.answers["lease_start"])
    end = _lease_end(start, text) or parse_stay_day(text, today=env.today)
    check_date_range(start, end, "租约到期日不能早于起租日期，请重新输入")
    if end < env.today:
        # Registration is for who lives here now: a past end is nearly always a wrong year.
        raise Invalid(
            f"租约到期日 {end:%Y-%m-%d} 已过，请核对年份后重新输入（不清楚可回复「跳过」）。"
            "租客已搬走的无需登记。"
        )
    return end.isoformat()


def _show_optional(value: Any) -> str:
    return str(value) if value else "（未填）"


FIELDS: tuple[FormField, ...] = (
    *person_fields("租客", _not_renting_here),
    FormField(
        "occupation",
        "职业",
        "请输入租客职业：",
        _parse_occupation,
        optional=True,
        show=_show_optional,
    ),
    FormField(
        "workplace",
        "工作单位",
        "请输入工作单位或就读学校：",
        _parse_workplace,
        optional=True,
        show=_show_optional,
    ),
    FormField("lease_start", "起租日期", "请输入起租日期（如 今天 或 2026-12-01）：", _parse_start),
    FormField(
        "lease_end",
        "到期日期",
        "请输入租约到期日期（如 2027-11-30，或租期 一年、半年）：",
        _parse_end,
        optional=True,
        depends_on=("lease_start",),
        show=_show_optional,
    ),
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
                f"（起租 {already.lease_start:%Y-%m-%d}），无需重复登记。"
                "续租或信息有变请联系社区民警；已搬走请先发送「退租」。"
            )
        ]
    receipt = receipt_number("T", local_time(ctx))
    tenancy = Tenancy(
        **sealed,
        receipt_no=receipt,
        venue_id=venue.id,
        lease_start=date.fromisoformat(answers["lease_start"]),
        lease_end=iso_date(answers.get("lease_end")),
        occupation=answers.get("occupation") or "",
        workplace=answers.get("workplace") or "",
        registered_by_account_id=ctx.account.id,
        created_at=ctx.now,
    )
    ctx.session.add(tenancy)
    await ctx.session.flush()
    await check_registration(ctx.session, ctx.services, tenancy, venue)
    plate = f"（门牌 {venue.plate}）" if venue.plate else ""
    lines = [
        "✅ 租客登记成功",
        f"回执号：{receipt}",
        f"房屋：{venue.name}{plate}",
        f"租客：{tenancy.name_masked}（{tenancy.doc_no_masked}）",
        f"起租：{tenancy.lease_start:%Y-%m-%d}",
    ]
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
    )
    async def tenants(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, "租客")) is not None:
            return in_group
        houses = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, RENTALS)}
        current = await _current(ctx)
        if not current:
            return [Text("目前没有在租租客。发送「登记租客」登记。")]
        lines = [f"在租租客共 {len(current)} 人："]
        house = None
        for n, t in enumerate(current[:50], start=1):
            if len(houses) > 1 and t.venue_id != house:
                # A landlord of two flats: say whose tenants follow.
                house = t.venue_id
                lines.append(f"【{houses[house].name}】")
            lines.append(f"{n}. {t.name_masked}　{t.doc_no_masked}　起租 {t.lease_start:%Y-%m-%d}")
        lines.append("租客搬离请发送「/退租 序号」。")
        return [Text("\n".join(lines))]

    @router.route(
        "tenant_move_out",
        commands=("退租", "moveout"),
        hints=("搬走", "搬出去", "租客走了", "退租了"),
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
        current = await _current(ctx)
        if not current:
            return [Text("目前没有在租租客。")]
        number, _, confirm = (ctx.match.args if ctx.match else "").partition(" ")
        if number.startswith("#"):  # the confirmation button: 退租 #id 确认
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
                buttons = tuple(
                    Button(f"{t.name_masked} {t.doc_no_masked}", f"/退租 #{t.id}")
                    for t in current[:20]
                )
                return [Choices("请选择搬离的租客：", buttons)]
            tenancy = same[0]
        if confirm.strip() != "确认":
            # A list number is easy to mistype, and a tenant marked gone drops off the
            # officers' checks: name the tenant and ask once.
            return [
                Choices(
                    f"确认 {tenancy.name_masked}（{tenancy.doc_no_masked}）已搬离？",
                    (Button("确认搬离", f"/退租 #{tenancy.id} 确认"), Button("不是", "/租客")),
                )
            ]
        tenancy.moved_out_at = ctx.now
        ctx.session.add(tenancy)
        return [Text(f"✅ 已登记 {tenancy.name_masked} 搬离（证件 {tenancy.doc_no_masked}）。")]

    return router


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
    named = [t for t in await _current(ctx) if t.name_idx in said]
    if len(named) != 1:
        return offer
    # The full name said matched this one tenant: the offer, which names them, is the
    # confirmation (a second 确认搬离？ had asked the same twice).
    return replace(
        offer,
        typed=f"/退租 #{named[0].id} 确认",
        shown=f"退租 {named[0].name_masked}（尾号{named[0].doc_no_masked[-4:]}）",
    )


async def _current(ctx: Context) -> list[Tenancy]:
    owned = [v.id for v in await owned_venues(ctx.session, ctx.person.id, RENTALS)]
    rows = await ctx.session.exec(
        select(Tenancy)
        .where(col(Tenancy.venue_id).in_(owned), col(Tenancy.moved_out_at).is_(None))
        # By house, so that the list's numbers (退租 2) run down the list as shown.
        .order_by(col(Tenancy.venue_id), col(Tenancy.id))
    )
    return list(rows.all())
