"""续住: a room's planned check-out moved on (or earlier), for all of its guests, one by
name or button; a landlord's 续住 pointed to 续租."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Context
from bot.forms.clock import example_day, local_time, said_near
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.validators import Invalid
from bot.validators.dates import parse_day
from handlers.registration import departures
from handlers.registration.guest_labels import choice_labels
from handlers.registration.house_guests import my_places, staying_in, told_apart
from handlers.registration.house_rooms import house_rooms_of
from handlers.registration.stay_words import SAID_UNTIL, ExtensionSaid, stay_nights
from handlers.services.personal import NAME
from handlers.services.venues import owned_venues
from storage.models import VenueKind


async def extend(ctx: Context) -> list[Reply]:
    """续住 302 后天, 续住 302 2天 张伟, 续住 302 2天 旅客#15, 续住 302 2天 #5 全部."""
    room_text, _, when = (ctx.match.args if ctx.match else "").partition(" ")
    if not await my_places(ctx) and await owned_venues(
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
    venues = await my_places(ctx)
    try:
        room = house_rooms_of(venues.values(), await staying_in(ctx, venues)).read(room_text)
    except Invalid as exc:
        return [Text(exc.reason)]
    today = local_time(ctx).date()
    # 续住 302 2天 #5: the venue's button when two of the owner's places have a 302;
    # 旅客#15 one guest's button, 全部 the whole room's, 张伟 a guest by name.
    said = ExtensionSaid.read(when, today)
    when, place = said.when, said.place
    staying = [
        s
        for s in await staying_in(ctx, venues)
        if s.room == room and (place is None or s.venue_id == place)
    ]
    if not staying:
        return [Text(f"{room} 房间没有在住旅客，请核对房间号。发送「在住旅客」查看名单。")]
    if said.ones:
        staying = [s for s in staying if s.id in said.ones]
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
    if len(staying) > 1 and not said.whole_room and not said.ones:
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
        return [Choices(f"{room} 房间有 {len(staying)} 位{same}旅客：{names}。谁续住？", buttons)]
    nights = stay_nights(when)
    if nights is not None:
        base = max([today, *(s.expected_checkout for s in staying if s.expected_checkout)])
        day = base + timedelta(days=nights)
    else:
        try:
            # 续住 306 到周三: the day said with the word for it.
            day = parse_day(SAID_UNTIL.sub("", when.strip()) or when, today=today)
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
        Text(f"✅ {room} 房间（{names}）预计退房改为 {said_near(day, today)}。续住无需重新登记。")
    ]
