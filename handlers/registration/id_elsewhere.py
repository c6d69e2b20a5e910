"""One ID number in the house at two places at once: the beat's officers hear of it.

310104199208156421 was registered as 孙丽 in one hotel's 101 and as 周洁 in another's 201,
and nobody was told: the check against a second registration looks at one place only. Under
two names it may be someone using another's ID (a wanted person avoiding their own is the
case that matters); under one name, most often a guest whose first place never checked
them out. Either way it is for the officer, like a wanted-list hit: the owner's receipt is
the same as any other, since a question at the desk would warn the one who borrowed the
card, and where else the ID is staying is not the owner's to know.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Button, Choices
from handlers.registration.minors import PRIORITY
from handlers.registration.timefmt import short
from handlers.services.officers import beat_officer_accounts
from handlers.services.same_document import other_names
from storage.models import Account, Beat, GuestStay, Venue
from storage.outbox import enqueue_to_accounts


async def tell_if_elsewhere(
    session: AsyncSession,
    services: Services,
    stay: GuestStay,
    venue: Venue,
    now: datetime | None = None,
) -> bool:
    """Queue the notice for a guest just registered (or back in the house at `now`, their
    check-out undone) whose ID number is still in the house at another place of the
    station; False when it is nowhere else."""
    beat = await session.get(Beat, venue.beat_id) if venue.beat_id is not None else None
    if beat is None:
        return False
    rows = await session.exec(
        select(GuestStay, Venue)
        .join(Venue, col(GuestStay.venue_id) == col(Venue.id))
        .join(Beat, col(Venue.beat_id) == col(Beat.id))
        .where(
            GuestStay.doc_no_idx == stay.doc_no_idx,
            col(GuestStay.checked_out_at).is_(None),
            GuestStay.venue_id != stay.venue_id,
            Beat.station_id == beat.station_id,
        )
        .order_by(col(GuestStay.id))
    )
    found = list(rows.all())
    if not found:
        return False
    zone = services.settings.zone
    clock = now or services.clock()
    renamed = bool(other_names(services, stay, [other for other, _ in found]))
    why = (
        "姓名不同，可能有人冒用他人证件，请核实人证是否一致。"
        if renamed
        else "姓名相同，可能是前一处未办退房，也可能有人冒用证件，请核实。"
    )
    lines = [
        "⚠️ 同一证件同时在两处登记在住",
        f"证件：{stay.doc_no_masked}",
        f"{'撤销退房后在住' if now else '新登记'}：{venue.name}（房间 {stay.room}）"
        f"{stay.name_masked}，入住 {short(stay.check_in_at, zone, clock)}",
        *(
            f"仍在住：{place.name}（房间 {other.room}）{other.name_masked}，"
            f"入住 {short(other.check_in_at, zone, clock)}"
            for other, place in found
        ),
        why,
        f"发送「/场所 {venue.id} 住客」查看。",
    ]
    # The beats of both places: each officer may be the one to knock.
    accounts: dict[int | None, Account] = {}
    for beat_id in dict.fromkeys([venue.beat_id, *(place.beat_id for _, place in found)]):
        if beat_id is not None:
            accounts.update((a.id, a) for a in await beat_officer_accounts(session, beat_id))
    enqueue_to_accounts(
        session,
        accounts.values(),
        message_key=f"id-elsewhere:{stay.id}" + (f":{now:%Y%m%d%H%M%S}" if now else ""),
        replies=[Choices("\n".join(lines), (Button("查看住客", f"/场所 {venue.id} 住客"),))],
        now=now or stay.created_at,
        priority=PRIORITY,
    )
    return True
