"""「协查通缉」: the public wanted notices, for anyone who asks.

A resident who heard of a notice, or lost the message, had no way to see it again: the
officers' /通缉 is theirs alone. Only public cards of people still sought are shown (the
card a venue receives, ID number left out), newest first, each with 「我见过此人」.
"""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from bot.forms.clock import local_time
from bot.messages import Button, Choices, Image, Reply, Text
from bot.router import ALL_ROLES, STAFF, AtOnce, Router
from handlers.broadcast.compose import sighting_command
from handlers.wanted.facts import age_text
from handlers.wanted.images import PNG, card_image
from storage.models import Visibility, WantedPerson, WantedStatus

#: More cards than this at once is more than a chat reader looks at.
SHOWN = 3

router = Router()


async def public_notices(session: AsyncSession, limit: int | None = None) -> list[WantedPerson]:
    """The public notices of people still sought, newest first: what anyone may be shown
    (here, and beside a resident's 我看到通缉的那个人了); never an internal card."""
    found = await session.exec(
        select(WantedPerson)
        .where(
            WantedPerson.visibility == Visibility.PUBLIC,
            WantedPerson.status == WantedStatus.ACTIVE,
        )
        .order_by(col(WantedPerson.id).desc())
        .limit(limit)
    )
    return list(found.all())


@router.route(
    "public_wanted",
    commands=("协查通缉", "通缉令"),
    keywords=("协查通缉",),
    roles=ALL_ROLES - STAFF,
    help="查看公开的协查通缉，见到此人可点「我见过此人」向民警提供线索",
    topic="通缉",
    # Not 通缉犯 alone: 发现通缉犯住店怎么办 is an owner's duty, for the law answer.
    hints=("有没有通缉", "有哪些通缉", "通缉名单", "悬赏通告", "协查通告"),
    # 通缉 alone, the officers' command, had got 没有理解: for anyone else it is this list.
    borrows=("通缉",),
    staff_way="民警查看和管理通缉名单请发送「/通缉」（含内部和公开的通缉）。",
    at_once=AtOnce.SHOWN_WHEN_ASKED,  # 最近有没有通缉犯
)
async def public_wanted(ctx: Context) -> list[Reply]:
    people = await public_notices(ctx.session)
    if not people:
        return [Text("目前没有公开的协查通缉。发现可疑情况可以发送「举报」，紧急情况请拨打110。")]
    today = local_time(ctx).date()
    replies: list[Reply] = [
        Text(
            f"目前有 {len(people)} 份公开的协查通缉"
            + (f"，以下是最新的 {SHOWN} 份" if len(people) > SHOWN else "")
            + "。发现此人请立即拨打110，切勿自行处置。"
        )
    ]
    for person in people[:SHOWN]:
        assert person.id is not None
        looks = "，".join(
            x for x in (person.name, person.sex, age_text(person, today), person.marks) if x
        )
        summary = f"：{person.case_summary}" if person.case_summary else ""
        replies.append(Image(await card_image(ctx.services, person), "", PNG))
        replies.append(
            Choices(
                f"{looks}{summary}",
                (Button("我见过此人", sighting_command(person.id)),),
            )
        )
    return replies
