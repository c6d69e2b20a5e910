"""Guests of hotels and homestays: the routes of check-in, 同住, 退房, 续住, several
departures at once, 撤销退房 and 在住旅客, assembled in one place.

Each feature lives in a module of its own: the form in `guest_form` (its questions in
`guest_rooms` and `guest_dates`), 同住 in `guest_companion`, 退房 in `guest_checkout`, 续住 in
`guest_extend`, the list in `guest_list`, what an offer keeps of a sentence in
`guest_picks`, the words of a stay in `stay_words`. The names other modules import from
here are kept here.
"""

from __future__ import annotations

from bot.context import Context
from bot.forms import FormEngine
from bot.forms.clock import local_time
from bot.messages import Reply, Text
from bot.router import AtOnce, Router
from handlers.registration import (
    checkout_undo,
    departures,
    guest_checkout,
    guest_companion,
    guest_extend,
    guest_list,
    guest_picks,
    moveout_undo,
    said_first,
    stay_words,
)
from handlers.registration.guest_checkout import ADULTS, CHILDREN
from handlers.registration.guest_form import FORM, FORM_NAME, start_check_in
from handlers.registration.house_guests import my_places, staying_in, told_apart
from handlers.registration.house_rooms import house_rooms_of
from handlers.registration.stay_words import extension_said
from handlers.registration.venue_choice import private_only
from handlers.services.venues import GUEST_KINDS
from handlers.tips.withdraw import asks_to_withdraw, withdraw_told
from storage.models import Role

__all__ = [
    "ADULTS",
    "CHILDREN",
    "FORM",
    "FORM_NAME",
    "OWNERS",
    "STAFF_GUESTS",
    "build_router",
    "extension_said",
    "start_check_in",
    "told_apart",
]

#: Not the station admin (所长): they own no place, and had read owner commands first in
#: their help, each answering 您名下的场所… (`bot.middleware.authorization` refuses them).
OWNERS = (Role.OWNER,)
#: 住了几个人, and 今天来了几个客人, 张伟住几号房: asked of the owner's own guests (soon after
#: an alert, these had been offered to the alert's officer).
_LIST_HINTS = (
    "住了几个人", "几个人住", "住了多少人", "住着几个", "几个客人", "多少客人", "住几号",
    "住哪间", "住哪个房",
)  # fmt: skip
#: An officer's 在住旅客 is not the owners' list of their own house: where theirs is.
STAFF_GUESTS = (
    "辖区旅客请这样查：发送「今日登记」看今天各场所的登记，「/场所 编号 住客」看某处在住旅客，"
    "「/查人 姓名或证件号码」查某人。"
)
#: When a guest is said to leave (明天走, 下午走): words before 走 that name a check-out.
_WHEN = ("今天", "明天", "后天", "明早", "早上", "上午", "中午", "下午", "晚上", "待会", "一会")
#: 老外, 外国人: a foreign guest, said in a check-in's news.
_FOREIGNERS = ("老外", "外国人")
#: 来了个老外, 住进来一个外国人, 来了个客人: a check-in said as news (each had got 没有理解).
#: Whole phrases, not 外国人 alone: 外国人入住要怎么登记 asks the rules, and a hint's words
#: are taken out of what the question is read to be about (`handlers.hints.questions`);
#: so no 外国客人 either, whose 来了个外国客人怎么办 the FAQ answers.
_CAME = ("来了个", "来了一个", "来了位", "来了一位", "住进来个", "住进来一个", "住进来了一个")
_ARRIVALS = (
    *(f"{came}{who}" for came in _CAME for who in (*_FOREIGNERS, "客人")),
    *(f"{who}住进来" for who in _FOREIGNERS),
)


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "guest_checkin",
        # 登记客人 is how owners name it: as a hint it got an offer, and a name typed under
        # the offer (张三) was not the form's first answer.
        commands=("登记旅客", "checkin", "登记客人"),
        hints=("入住", "来了客人", "登记一下客人", *_ARRIVALS),
        roles=OWNERS,
        help="登记入住旅客",
        topic="登记",
        kinds=GUEST_KINDS,
        # 我要登记旅客: the form asks before it keeps anything; 来了客人 is still offered.
        at_once=AtOnce.STARTED,
        picks=guest_picks.passport_for_foreigner,
    )
    async def check_in(ctx: Context) -> list[Reply]:
        return await start_check_in(ctx, forms, ctx.match.args if ctx.match else "")

    @router.route(
        "guest_companion",
        commands=("同住", "companion"),
        roles=OWNERS,
        hints=("同住的", "同住人", "还有一个人", "还有个人", "一起住的"),
    )
    async def companion(ctx: Context) -> list[Reply]:
        return await guest_companion.add_companion(ctx, forms)

    @router.route("guest_done", keywords=("登记完成",), roles=OWNERS)
    async def done(ctx: Context) -> list[Reply]:
        return [Text("好的，本次登记已完成。")]

    @router.route(
        "guest_checkout",
        commands=("退房", "checkout"),
        # 302的客人明天走 as well: offered for when the guest has gone (`later`). 李强退了,
        # 302已经退了: as 客人退了 (each had got 没有理解; 不退了 is negated, see the router).
        hints=("客人走了", "退了", "退了房", "走了", "要走", *(f"{w}走" for w in _WHEN)),
        keywords=("退房",),
        roles=OWNERS,
        help="旅客退房，如：退房 302；同住多人只退一位：退房 302 姓名",
        daily=40,
        topic="登记",
        kinds=GUEST_KINDS,
        later="退房以客人实际离店为准，客人走时再点下面的按钮。",
        picks=guest_picks.checkout_named,
    )
    async def check_out(ctx: Context) -> list[Reply]:
        return await guest_checkout.check_out(ctx)

    @router.route(
        "guest_extend",
        commands=("续住", "extend"),
        roles=OWNERS,
        help=(
            "延长旅客的预计退房日期，如：续住 302 后天 或 续住 302 2天；"
            "同住多人只续一位：续住 302 2天 姓名"
        ),
        daily=30,
        topic="登记",
        kinds=GUEST_KINDS,
        # 住到周五: the day said with it is its argument (see `guest_picks.extension_named`).
        hints=(
            *("续住", "多住", "再住", "延长", "住到", "待到", "续到", "延到"),
            # 302的客人后天早上才走 as 302的客人后天才走 (it had got 没有理解).
            *(
                f"{day}{part}才{leaves}"
                for day in stay_words.LATER_DAYS
                for part in ("", *said_first.DAY_PARTS)
                for leaves in ("走", "退")
            ),
        ),
        picks=guest_picks.extension_named,
    )
    async def extend(ctx: Context) -> list[Reply]:
        return await guest_extend.extend(ctx)

    @router.route("guest_departures", commands=(departures.LEAVING,), roles=OWNERS)
    async def several_departures(ctx: Context) -> list[Reply]:
        parts = (ctx.match.args if ctx.match else "").split(departures.APART)
        venues = await my_places(ctx)
        stays = await staying_in(ctx, venues)
        house = house_rooms_of(venues.values(), stays)
        return departures.offered(parts, stays, house, local_time(ctx).date())

    @router.route(
        "guest_checkout_undo",
        commands=("撤销退房",),
        # 不对 是302退房 退错了 was offered 「退房 退错了」, a room that is none: the word for
        # the mistake outweighs the check-out it is said beside.
        keywords=("退错了",),
        roles=OWNERS,
        # 搞错了 302还没走 right after a check-out (its receipt offering 撤销退房) had got
        # 没有理解: a guest said to be still there is a check-out to take back.
        hints=("撤销", "不该退", "还没走", "没有走"),
        # 撤回 right after a check-out had got 没有理解: the officers' command (an alert
        # withdrawn), which an owner says of their own last step.
        borrows=("撤回",),
        picks=guest_picks.undo_named,
    )
    async def undo_check_out(ctx: Context) -> list[Reply]:
        # What it asks names guests (masked), which a group is not to read.
        text = ctx.inbound.text.strip()
        if asks_to_withdraw(text):
            # 撤回 K7X2…, the code of the owner's own tip (the word borrowed above).
            return await withdraw_told(ctx, text)
        if (in_group := private_only(ctx, "撤销退房")) is not None:
            return in_group
        places = await my_places(ctx)
        if not places:  # a landlord's 退错了 is a tenant's move-out
            return await moveout_undo.undo(ctx)
        return await checkout_undo.undo(ctx, ctx.match.args if ctx.match else "", places)

    @router.route(
        "guest_list",
        commands=("在住旅客", "guests"),
        hints=_LIST_HINTS,
        keywords=("在住旅客", "今日旅客", "旅客名单", "在住", "现在住着哪些人", "住了哪些人"),
        roles=OWNERS,
        help="查看在住旅客名单",
        daily=20,
        topic="登记",
        kinds=GUEST_KINDS,
        staff_way=STAFF_GUESTS,
        at_once=AtOnce.SHOWN,  # 在住旅客名单: the list, not a button for it
    )
    async def in_house(ctx: Context) -> list[Reply]:
        return await guest_list.in_house(ctx)

    return router
