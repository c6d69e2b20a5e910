"""An officer's sentence that names a venue of the station (悦来老板电话多少), asks what
the day holds (今天有什么要做的) or asks to add a venue: what the bot does with it, one tap
away."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.context import Context
from bot.messages import Button, ChatType, Choices, Reply
from bot.router import STAFF
from handlers.fallback.hit_verdict import ruled_out_offer
from handlers.fallback.new_venue import add_venue_pointer
from handlers.services.scope import restrict, station_beats
from handlers.wanted.caught_said import caught_offer
from storage.models import Venue, VenueKind

#: What a venue's name ends with that officers leave out (悦来 for 悦来旅馆). Not
#: `knowledge.faq.PLACE_WORDS`: these are the endings of names (客栈, 旅社, 面馆), not the
#: words for a kind of place, and stripping a kind word such as 学校 or 医院 from a name
#: would leave a core (实验, 人民) that too many sentences hold.
_KIND_ENDING = re.compile(
    r"(?:旅馆|宾馆|酒店|饭店|民宿|客栈|招待所|旅社|出租屋|网吧|超市|商店|便利店|面馆|餐馆|餐厅|诊所)$"
)
#: Spaces inside a name or an address (幸福里 3 号), which officers do not type.
_SPACES = re.compile(r"\s+")
#: Asking who stays at a place (悦来旅馆今天住了谁, 和平里5号的租客): its guest list.
_WHO_STAYS = re.compile(r"住了谁|住的谁|谁住|住客|租客|旅客|客人|入住|在住|住了哪些|住着谁")
#: An officer asking what the day holds (今天有什么要做的, 今天干啥, 今天有什么要处理的).
_ASKS_THE_DAY = re.compile(
    r"(?:今天|今日|现在|这会儿?).{0,6}(?:做|干|忙|安排|待办|事情?|处理|办|跟进)"
    r"|有什么(?:要|需要|该|得)?(?:做|干|忙|处理|办|跟进)"
)

#: An officer asking what has happened (今天有什么情况, 昨晚有啥动静, 今天情况怎么样): the
#: digest, the beat's night and day so far.
_ASKS_THE_NEWS = re.compile(
    r"(?:今天|今日|今儿|今早|今晚|昨晚|昨夜|夜里|这两天|现在|这会儿?|辖区|所里)"
    r".{0,4}(?:什么|啥|哪些|有没有|怎么样|咋样|如何)?(?:新)?(?:情况|动静|异常|警情)"
)


async def for_officer(ctx: Context, text: str) -> list[Reply] | None:
    """The reply to an officer's `text` that names a venue or asks of the day; None for
    others, and for text that does neither."""
    if ctx.role not in STAFF:
        return None
    pointer = await add_venue_pointer(ctx, text)
    if pointer is not None:
        return pointer
    private = ctx.inbound.chat_type is ChatType.PRIVATE
    verdict = await ruled_out_offer(ctx, text) if private else None
    if verdict is not None:
        return verdict
    # 孙某某抓到了 had got 没有理解, and the card stayed 在逃: its 抓获 is offered.
    caught = await caught_offer(ctx, text)
    if caught is not None:
        return [caught]
    place = await _venue_named(ctx, text) if private else None
    if place is not None and _WHO_STAYS.search(text):
        # 悦来旅馆今天住了谁 had got the offer of its owner's phone: its guest list.
        rental = place.kind is VenueKind.RENTAL
        who, shown = ("租客", "租客") if rental else ("住客", "旅客")
        return [
            Choices(
                f"要查看{place.name}的在住{shown}吗？点下面的按钮即可（查看记入审计日志）。",
                (Button(f"{place.name} {who}", f"/场所 {place.id} {who}"),),
            )
        ]
    if place is not None:
        # 悦来老板电话多少 had got the FAQ on a hotel's duties: what the bot does with
        # the place named.
        venue = place.name
        return [
            Choices(
                f"关于{venue}，我能做的是：负责人的姓名和电话，发送「场所 {venue}」"
                f"查看；给场所发书面通知，发送「通报」（范围可选场所类型，或"
                f"「{venue} 50米」圈定周边）。我不能替您直接联系负责人。",
                (Button(f"场所 {venue}", f"/场所 {venue}"),),
            )
        ]
    if _ASKS_THE_NEWS.search(text) and not ctx.retold:
        # 今天有什么情况 had got 没有理解: the day's digest, which only shows.
        ctx.retell = "/日报"
        return []
    if _ASKS_THE_DAY.search(text):
        # 今天有什么要做的 had got 没有理解: the day's digest and the tasks.
        return [
            Choices(
                "今天的情况请看「日报」，待办事项请看「任务」：",
                (Button("日报", "/日报"), Button("任务", "/任务")),
            )
        ]
    return None


async def _venue_named(ctx: Context, text: str) -> Venue | None:
    """The officer's station's venue that `text` speaks of (悦来 of 悦来老板电话多少, for
    悦来旅馆; 幸福里3号 for 幸福里 3 号出租屋, by its name or its address, spaces or none),
    if it names one and one only."""
    scope = await station_beats(ctx.session, ctx.person)
    venues = (await ctx.session.exec(restrict(select(Venue), scope))).all()
    said = _SPACES.sub("", text)
    named = {
        venue.id: venue
        for venue in venues
        if (name := _SPACES.sub("", venue.name)) in said
        or (len(core := _KIND_ENDING.sub("", name)) >= 2 and core in said)
        or (len(address := _SPACES.sub("", venue.address)) >= 4 and address in said)
    }
    return named.popitem()[1] if len(named) == 1 else None
