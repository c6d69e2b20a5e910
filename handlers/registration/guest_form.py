"""Guest check-in, a chat form: its questions, and what its submit stores and tells.

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

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.context import Context
from bot.forms import Answers, Form, FormEngine, FormField
from bot.forms.clock import local_time, said_day, said_near, said_time
from bot.messages import Button, Choices, Reply, Text
from handlers.registration import minors, said_first
from handlers.registration.fields import (
    MAINLAND,
    iso_date,
    origin_label,
    person_fields,
    person_from,
    still_registered,
)
from handlers.registration.guest_dates import (
    CHECKOUT_CHOICES,
    CHECKOUT_PROMPT,
    checkout_prompt,
    parse_check_in,
    parse_checkout,
    show_check_in,
    show_checkout,
)
from handlers.registration.guest_rooms import parse_room_answer, room_read_back
from handlers.registration.id_elsewhere import tell_if_elsewhere
from handlers.registration.opening import open_registration
from handlers.registration.timefmt import short, to_stored
from handlers.services.personal import DOC_NO, receipt_number, seal
from handlers.services.venues import GUEST_KINDS, owned_venue
from handlers.services.watchlist import check_registration
from storage.models import GuestStay

FORM_NAME = "guest"
_MAINLAND_REGIONS = {MAINLAND}


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


FIELDS: tuple[FormField, ...] = (
    *person_fields("旅客", _not_in_house),
    FormField(
        "room",
        "房间号",
        "请输入房间号：",
        parse_room_answer,
        check=room_read_back,
        # 派出所几点下班 had got the room's format error: answered aside, asked again.
        refuses_questions=True,
    ),
    FormField(
        "check_in",
        "入住时间",
        "请输入入住时间（如 14:30 或 今天下午2点；回复「现在」即当前时间）：",
        parse_check_in,
        choices=("现在",),
        show=show_check_in,
        show_at=said_time,
    ),
    FormField(
        "checkout",
        "预计退房",
        CHECKOUT_PROMPT.format(example="具体日期"),
        parse_checkout,
        prompt_for=checkout_prompt,
        optional=True,
        # The common answers as buttons, as 入住时间 has 现在: typed on a phone at the
        # desk, 明天 had been the only question with none.
        choices=CHECKOUT_CHOICES,
        depends_on=("check_in",),
        show=show_checkout,
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
