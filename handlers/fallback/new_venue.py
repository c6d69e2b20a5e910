"""An officer asking in chat to add a venue (新增一个旅馆 如家快捷酒店 城东路50号): chat adds
none, and the answer had been 没有理解 with no word of the way that does.

Venues are added by the station's system administrator with `jingmin venue add` (one) or
`jingmin venue import` (a spreadsheet); the officer is told so, with the command filled
from their words where they name the kind, the name and the address, ready to pass on.
"""

from __future__ import annotations

import re

from bot.context import Context
from bot.messages import Button, Choices, Reply
from handlers.services.venue_kinds import meant_kind
from knowledge.faq import PLACE_WORDS
from storage.models import Beat, VenueKind

#: The words for a venue: the kinds' labels and their halves (小学校 of 小学校/幼儿园), the
#: everyday words (宾馆, 网吧), and 场所 itself. Longest first: 小旅馆 before 旅馆.
_KIND_WORDS = sorted(
    {
        "场所",
        "门店",
        "店铺",
        "出租房",
        *(part for kind in VenueKind for part in kind.label.split("/")),
        *(word for words in PLACE_WORDS.values() for word in words),
    },
    key=len,
    reverse=True,
)
_KIND = "|".join(re.escape(w) for w in _KIND_WORDS)
#: 新增一个旅馆, 添加场所, 录入新场所, 加一家网吧, 新开了一家民宿: a venue to add.
_ADD = re.compile(
    rf"(?:新增|添加|增加|新建|新录|录入|加上|建)\s*(?:一|1)?\s*(?:个|家|处|间)?\s*(?:新的?)?(?P<kind>{_KIND})"
    rf"|加\s*(?:一|1)?\s*(?:个|家|处|间)\s*(?:新的?)?(?P<kind2>{_KIND})"
    rf"|新开了?\s*(?:一|1)?\s*(?:个|家|处|间)\s*(?P<kind3>{_KIND})"
    rf"|(?:新的?)?(?P<kind4>{_KIND})\s*(?:要|该|能|可以)?(?:怎么|如何|在哪)\s*(?:新增|添加|增加|录入|加)"
)
#: Words for a venue of any kind (场所 is close to 娱乐场所, which is one kind).
_ANY_KIND = frozenset({"场所", "门店", "店铺"})
#: What follows the kind that is no name: 检查, 的 (增加旅馆检查 asks to add no venue).
_NOT_A_NAME = re.compile(r"^(?:检查|巡查|的|数量|频次|次数)")


def asks_to_add_venue(text: str) -> re.Match[str] | None:
    """The match of an officer's request to add a venue, or None."""
    found = _ADD.search(text)
    if found is None or _NOT_A_NAME.match(text[found.end() :].strip()):
        return None
    return found


async def add_venue_pointer(ctx: Context, text: str) -> list[Reply] | None:
    """The way venues are added, for an officer's request to add one; None for other text."""
    found = asks_to_add_venue(text)
    if found is None:
        return None
    word = next(w for w in found.groups() if w)
    kind = None if word in _ANY_KIND else meant_kind(word)
    rest = text[found.end() :].split()
    name, address = (rest[0], " ".join(rest[1:])) if rest else ("名称", "地址")
    if " " in address:
        address = f'"{address}"'  # one argument, as pasted into a shell
    beat = await ctx.session.get(Beat, ctx.person.beat_id) if ctx.person.beat_id else None
    command = (
        f"jingmin venue add --kind {kind.label if kind else '类型'} --name {name} "
        f"--beat {beat.code if beat else '警务区'} --address {address or '地址'}"
    )
    return [
        Choices(
            "聊天里不能新增场所。新场所由所里的系统管理员在服务器上添加，可以把下面这行转给他：\n"
            f"{command}\n（多个场所可整理成表格，用 jingmin venue import 导入。）"
            "添加好后，发送「/邀请 场所名」给负责人生成绑定码；已有场所的地址、电话等用「/场所」修改。",
            (Button("场所列表", "/场所"),),
        )
    ]
