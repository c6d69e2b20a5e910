"""退房: a room's guests checked out, one of them by name or button, the whole room, its
adults or its children; asked in private where a choice would name guests."""

from __future__ import annotations

from bot.context import Context
from bot.forms.clock import local_time
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.validators import Invalid
from handlers.registration import checkout_rooms, checkout_undo, minors
from handlers.registration.checkout_undo import UNDO_HOURS
from handlers.registration.guest_labels import choice_labels
from handlers.registration.house_guests import my_places, staying_in, told_apart
from handlers.registration.house_rooms import house_rooms_of
from handlers.services.numbers import record_number
from handlers.services.personal import NAME
from handlers.services.watchlist import tell_checkout

#: What `退房 305 #1 大人` says of the room's guests: its adults, or its minors.
ADULTS = "大人"
CHILDREN = "孩子"


async def check_out(ctx: Context) -> list[Reply]:
    """退房 302, 退房 302 李建国, 退房 302 旅客#15, 退房 302 #7 全部, 退房 101 203."""
    room, _, venue_name = (ctx.match.args if ctx.match else "").partition(" ")
    venues = await my_places(ctx)
    stays = await staying_in(ctx, venues)
    if not room:
        rooms = sorted({s.room for s in stays})
        if not rooms:
            return [Text("目前没有在住旅客。")]
        buttons = tuple(Button(r, f"退房 {r}") for r in rooms[:20])
        return [Choices("请选择退房的房间（或发送「退房 房间号」）：", buttons)]
    house = house_rooms_of(venues.values(), stays)
    try:
        # 退房 桂花轩: a homestay's room registered by its name.
        room = house.read(room)
    except Invalid as exc:
        return [Text(exc.reason)]
    words = venue_name.split()
    if more := checkout_rooms.more_rooms(words, house):
        # 退房 101 203: each room, where 203 had been read as a guest's name.
        return await checkout_rooms.check_out_rooms(ctx, [room, *more], stays, venues)
    leaving = [s for s in stays if s.room == room]
    # 大人走了 under the room's buttons (`checkout_answers`): the adults, or the children.
    ages = {w for w in words if w in (ADULTS, CHILDREN)}
    if ages:
        today = local_time(ctx).date()
        leaving = [s for s in leaving if minors.is_minor(s.birth_date, today) == (CHILDREN in ages)]
    whole_room = "全部" in words or bool(ages)
    named = " ".join(
        w for w in words if w not in ("全部", ADULTS, CHILDREN) and not w.startswith("#")
    )
    place = next((record_number(w) for w in words if w.startswith("#")), None)
    one = next((record_number(w[2:]) for w in words if w.startswith("旅客#")), None)
    if one is not None:  # a button below: 退房 302 旅客#15
        leaving = [s for s in leaving if s.id == one]
        named = ""
    if place is not None:  # a button below: 退房 302 #7
        leaving = [s for s in leaving if s.venue_id == place]
    if named:
        # 退房 302 李建国: one guest of a shared room, matched by the name's blind index.
        guest = ctx.services.blind_index(named, NAME)
        person = [s for s in leaving if s.name_idx == guest]
        exact = [s for s in leaving if venues[s.venue_id].name == named]
        leaving = person or exact or [s for s in leaving if named in venues[s.venue_id].name]
    if not leaving and ages:
        return [Text(f"{room} 房间没有在住的{ages.pop()}。发送「退房 {room}」查看在住旅客。")]
    if not leaving:
        return [
            Text(
                f"{room} 房间没有在住的这位旅客，请核对房间号和姓名（姓名须与登记一致）。"
                "发送「在住旅客」查看名单。"
                if venue_name.strip()
                else f"{room} 房间没有在住旅客，请核对房间号。发送「在住旅客」查看名单。"
            )
        ]
    places = sorted({s.venue_id for s in leaving})
    if len(places) > 1:
        # The same room number in two of the owner's places: not both at once.
        buttons = tuple(Button(venues[v].name, f"退房 {room} #{v}") for v in places)
        return [Choices(f"您有 {len(places)} 个场所都有 {room} 房间，请选择：", buttons)]
    in_group = ctx.inbound.chat_type is not ChatType.PRIVATE
    choosing = len(leaving) > 1 and not whole_room
    if choosing and in_group:
        # Which guest leaves is asked by name: not in front of the group. The owner
        # typed no ID number, so is not told to keep one out of it; the whole room
        # needs no name, and stays one tap away here.
        whole = Button(f"全部 {len(leaving)} 位退房", f"退房 {room} #{places[0]} 全部")
        return [
            Choices(
                f"选择哪位旅客退房需要显示姓名，请私聊本号发送「退房 {room}」。\n"
                f"如 {room} 房间的旅客全部退房，可点下面的按钮。",
                (whole,),
            )
        ]
    if len(leaving) > 1 and named and not whole_room and len(places) == 1:
        # Two guests of one name in the room: 退房 302 王小明 had checked out both.
        told = choice_labels(leaving, local_time(ctx).date(), ctx.services.settings.zone)
        buttons = tuple(Button(told[s.id], f"退房 {room} 旅客#{s.id}") for s in leaving[:8])
        return [Choices(f"{room} 房间有 {len(leaving)} 位同名旅客，是哪一位？", buttons)]
    if len(leaving) > 1 and not whole_room and not named:
        # Several guests share the room: all of them, or one (张伟 may leave first).
        at = f" #{places[0]}"
        shown = told_apart(leaving)
        # Each choice says what the owner tells the guest by (张*（男，30多岁，证件尾号
        # 2345，11-29入住）): 张*、李*、张** alone could hardly be told apart.
        told = choice_labels(leaving, local_time(ctx).date(), ctx.services.settings.zone)
        buttons = (
            Button(f"全部 {len(leaving)} 位", f"退房 {room}{at} 全部"),
            *(Button(told[s.id], f"退房 {room} 旅客#{s.id}") for s in leaving[:8]),
        )
        names = "、".join(shown[s.id] for s in leaving)
        return [Choices(f"{room} 房间有 {len(leaving)} 位在住旅客：{names}。谁退房？", buttons)]
    for stay in leaving:
        stay.checked_out_at = ctx.now
        ctx.session.add(stay)
    await tell_checkout(ctx.session, ctx.services, leaving, venues[places[0]], ctx.now)
    await minors.picked_up(ctx.session, ctx.services, leaving, venues[places[0]], ctx.now)
    # In a group everyone reads the receipt: the room and the count say it was done.
    names = "" if in_group else "：" + "、".join(s.name_masked for s in leaving)
    # 王大明 out of 306, his child of 13 still in it: the owner is told now, not tonight.
    staying = [s for s in stays if s.room == room and s.venue_id == places[0] and s not in leaving]
    alone = await minors.left_alone(
        ctx.session, ctx.services, leaving, staying, venues[places[0]], ctx.now
    )
    undo = checkout_undo.button(leaving)
    # Check-out is the owner's most frequent act, so it is not asked twice; a wrong room
    # is put right with one button instead.
    done = Choices(
        f"✅ {room} 房间 {len(leaving)} 位旅客已办理退房{names}。\n"
        f"如退错了房间，{UNDO_HOURS} 小时内可点「撤销退房」恢复。",
        (undo,),
    )
    if not alone:
        return [done]
    child = Button(
        minors.CHILD_TOO,
        f"退房 {room} 旅客#{alone[0].id}" if len(alone) == 1 else f"退房 {room} #{places[0]} 全部",
    )
    return [
        Choices(
            f"{done.text}\n{minors.left_alone_line(room, alone, named=not in_group)}",
            (child, undo),
        )
    ]
