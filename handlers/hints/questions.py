"""A sentence that asks about a feature (外国人入住要怎么登记？, 去哪里报案) rather than
asking to use it."""

from __future__ import annotations

import re

from bot.context import Context
from bot.messages import Button, Choices, Reply
from bot.router import STAFF, Route
from knowledge.answer import is_page

#: Asking how, whether one must, or how soon (外国人入住要怎么登记？, 退房要不要登记身份证,
#: 要登记吗, 登记信息要多久内报给派出所):
#: not asking for the feature's list (今天有什么任务, 谁没回) or how a case goes (我的报案
#: 怎么样了), which its offer shows.
_ASKS_HOW = re.compile(
    r"怎么(?!样)|怎麼|咋(?!样)|怎样(?![了啦])|如何|要不要|需不需要|用不用|是否|能不能|可不可以"
    r"|(?:要|需要|必须|得|应该|可以|能|用)[^，,。！!]*?(?:吗|么|[?？])"
    r"|行不行|行吗|好不好|合法吗|违法吗|犯法吗|会怎么样"
    # How soon (登记信息要多久内报给派出所): a duty's time limit, not the feature.
    r"|多久|多长时间|几个?小时|几天内"
)
#: Words around a question that say nothing of its matter (警官你好，…我们要…的…呢), and
#: the room and days a feature takes (302能不能续住两天 asks to do it), and putting right
#: what it did (刚才登记的208房间号错了 应该是218 怎么改 asks for the correction).
_NO_MATTER = re.compile(
    r"[\W\d_A-Za-z]|警官|民警|你好|您好|请问|我们?|这边|需要|要|想|的|呢|啊|呀|吧|一下|该|去|弄|办"
    r"|错了?|应该是|改"
    r"|操作|做|才能|可以|能|房间?|[零一二两三四五六七八九十半个]|[天晚夜周月号日]"
)
#: Asking how or where to do a thing (去哪里报案, 怎么报案, 在哪举报).
_ASKS_THE_WAY = re.compile(r"怎么|怎样|如何|哪里|哪儿|在哪|去哪|找谁|哪个部门")


def asks_about(text: str, route: Route) -> bool:
    """Whether `text` asks how or whether to do something beyond working the feature it
    names: 外国人入住要怎么登记 asks the rules for foreign guests, which the FAQ or the
    officer answers, and pressing 登记 does not; 怎么退房 asks how to here, which the offer
    of 退房 shows."""
    if not _ASKS_HOW.search(text):
        return False
    names = (*route.commands, *route.keywords, *route.hints)
    if any(_MAY_I.match(text, found.end()) for found in _named_in(text, names)):
        # 先改一下到期时间行吗: the feature, then 行吗, asks leave to do it, which the
        # offer gives (it had gone to the law, and on to the officer).
        return False
    rest = _ASKS_HOW.sub("", text)
    for name in sorted((*route.commands, *route.keywords, *route.hints), key=len, reverse=True):
        rest = rest.replace(name, "")
    return len(_NO_MATTER.sub("", rest)) >= 2


#: Right after the feature's name, asking leave to do it (改一下到期时间行吗, 续住两天可以吗).
_MAY_I = re.compile(
    r"[\d两一二三四五六七八九十半天晚周月号日个]*[，,\s]*(?:行吗|行不行|可以吗|好吗|好不好|成吗)[？?。!！]*$"
)


def _named_in(text: str, names: tuple[str, ...]) -> list[re.Match[str]]:
    return [found for name in names if name for found in re.finditer(re.escape(name), text)]


def ask_officer_offer(text: str, label: str) -> Choices:
    """A question about a feature that nothing here answers: the officer's, one tap away;
    the feature itself only named, for one who meant to do it after all."""
    return Choices(
        "这个问题我这里还没有现成的答案。要把它转给社区民警吗？答复会发到这里。"
        f"如果是要办理，直接发送「{label}」即可。",
        (Button("转给民警", f"/问民警 {text}"),),
    )


def asks_the_way(ctx: Context, text: str, route: Route, replies: list[Reply]) -> bool:
    """Whether the law's answer to `text` is followed by the offer of the feature it
    names: asked how or where to do what the feature does here (去哪里报案), by someone
    it is for, and no offer given already (电动车被偷了怎么报案 has its own)."""
    return (
        ctx.role not in STAFF
        and _ASKS_THE_WAY.search(text) is not None
        and not asks_about(text, route)
        and not any(isinstance(r, Choices) and not is_page(r) for r in replies)
    )
