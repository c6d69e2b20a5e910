"""在住旅客: the owner's guests in the house, a page at a time, those never checked out
listed apart in short (在住旅客 逾期 lists them all)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.context import Context
from bot.forms.clock import local_time
from bot.messages import Button, Choices, Reply, Text
from handlers.registration import minors, overdue
from handlers.registration.fields import origin_label
from handlers.registration.house_guests import my_places, staying_in
from handlers.registration.timefmt import short
from handlers.registration.venue_choice import private_only
from handlers.services.paging import Page, page_number
from storage.models import GuestStay, Venue


async def in_house(ctx: Context) -> list[Reply]:
    """在住旅客, 在住旅客 2, 在住旅客 逾期."""
    if (in_group := private_only(ctx, "在住旅客")) is not None:
        return in_group
    venues = await my_places(ctx)
    if not venues:
        return [Text("您名下没有旅馆、民宿，无需登记旅客。出租屋的租客请发送「租客」查看。")]
    said = ctx.match.args.strip() if ctx.match else ""
    only_late = said.startswith(_LATE_WORD)
    number = page_number(said.removeprefix(_LATE_WORD))
    if number is None:
        return [Text(_PAGES_HOW)]
    stays = await staying_in(ctx, venues)
    if not stays:
        return [Text("目前没有在住旅客。发送「登记旅客」登记入住。")]
    settings = ctx.services.settings
    zone = settings.zone
    # Stays never checked out are listed apart, in short: months of them had buried
    # the guests really in the house.
    today = local_time(ctx).date()
    stays, late = overdue.split(stays, today, settings)
    if only_late:
        return _late_page(late, venues, number, settings, today, ctx.now)
    page = _page_of(stays, number, _IN_HOUSE_PAGE)
    lines = [f"在住旅客共 {len(stays)} 人："] if stays else ["目前没有近期入住的旅客。"]
    lines += _stay_lines(page.items, venues, zone, today, ctx.now)
    if footer := page.footer(_IN_HOUSE):
        lines.append(footer)
    buttons = page.next_button(_IN_HOUSE)
    if late and page.number == 1:
        lines.append(overdue.heading(len(late), settings))
        for where in sorted({s.venue_id for s in late}, key=lambda v: v or 0):
            tag = f"【{venues[where].name}】" if len(venues) > 1 else ""
            lines.append(
                tag + overdue.brief([s for s in late if s.venue_id == where], zone, ctx.now)
            )
        if len(late) > overdue.SHOWN:
            # 等 N 人 had been the end of it: the rest could not be seen.
            lines.append(f"发送「{_IN_HOUSE} {_LATE_WORD}」查看全部 {len(late)} 人。")
            buttons += (Button("查看全部逾期", f"{_IN_HOUSE} {_LATE_WORD}"),)
        lines.append("已走的请发送「退房 房间号」，还在住的请发送「仍在住 房间号」。")
    return [Choices("\n".join(lines), buttons) if buttons else Text("\n".join(lines))]


_IN_HOUSE = "在住旅客"
_LATE_WORD = "逾期"
#: Guests on one page of 在住旅客 (the list had stopped at 50: 另有 N 人未显示).
_IN_HOUSE_PAGE = 50
_PAGES_HOW = (
    f"看不懂要看哪一页。发送「{_IN_HOUSE}」查看在住旅客，「{_IN_HOUSE} 2」看第2页，"
    f"「{_IN_HOUSE} {_LATE_WORD}」看全部逾期未退房的旅客。"
)


def _page_of(stays: Sequence[GuestStay], number: int, size: int) -> Page[GuestStay]:
    """Page `number` of stays already fetched (past the last page, the last page)."""
    pages = max(1, -(-len(stays) // size))
    number = min(number, pages)
    return Page(stays[(number - 1) * size : number * size], number, pages, len(stays))


def _stay_lines(
    stays: Iterable[GuestStay],
    venues: Mapping[int | None, Venue],
    zone: ZoneInfo,
    today: date,
    now: datetime,
) -> list[str]:
    """One line per guest, under its place's name when the owner has several; 港澳居民,
    未成年 and the like after the name (a minor had not been told from an adult here); a
    check-in of today reads 今天 HH:MM, as officers' lists say it."""
    lines: list[str] = []
    place = None
    for s in sorted(stays, key=lambda s: s.venue_id):
        if len(venues) > 1 and s.venue_id != place:
            # Two places may both have a 101: say whose list follows.
            place = s.venue_id
            lines.append(f"【{venues[place].name}】")
        tags = [origin] if (origin := origin_label(s.nationality)) else []
        if s.guardian_phone_masked or minors.is_minor(s.birth_date, today):
            tags.append("未成年")
        flag = f"（{'，'.join(tags)}）" if tags else ""
        lines.append(
            f"{s.room}　{s.name_masked}{flag}　{s.doc_no_masked}　入住 {short(s.check_in_at, zone, now)}"
        )
    return lines


def _late_page(
    late: list[GuestStay],
    venues: Mapping[int | None, Venue],
    number: int,
    settings: Settings,
    today: date,
    now: datetime,
) -> list[Reply]:
    """在住旅客 逾期: every overdue stay, a page at a time."""
    if not late:
        return [Text(f"目前没有逾期未退房的旅客。发送「{_IN_HOUSE}」查看在住旅客。")]
    page = _page_of(late, number, _IN_HOUSE_PAGE)
    command = f"{_IN_HOUSE} {_LATE_WORD}"
    lines = [overdue.heading(len(late), settings)]
    lines += _stay_lines(page.items, venues, settings.zone, today, now)
    if footer := page.footer(command):
        lines.append(footer)
    lines.append("已走的请发送「退房 房间号」，还在住的请发送「仍在住 房间号」。")
    buttons = page.next_button(command)
    return [Choices("\n".join(lines), buttons) if buttons else Text("\n".join(lines))]
