"""同住: one more guest of a room just registered, the room and dates prefilled, what was
said of them with the first guest's check-in filled in, the party's adult offered as a
minor's guardian."""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Context
from bot.forms import FormEngine
from bot.forms.clock import local_time
from bot.messages import Button, Choices, Reply, Text
from handlers.registration import minors, said_first
from handlers.registration.guest_form import FORM, FORM_NAME, start_check_in
from handlers.registration.opening import VENUE_KIND
from handlers.registration.timefmt import to_local
from handlers.registration.venue_choice import private_only
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import GuestStay, Venue


async def add_companion(ctx: Context, forms: FormEngine) -> list[Reply]:
    """同住 G20261201-ABC123, or 同住 alone for the owner's latest guest."""
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
                f"{first.room} 房间这批旅客已全部退房，不能再登记为同住人。新来的旅客请重新登记。",
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
