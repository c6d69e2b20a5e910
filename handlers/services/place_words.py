"""A place named in passing, and an answer to 地点 that points back to it.

- 幸福里小区5栋3单元经常有人半夜吵闹, 我在菜市场门口看到他: the place is in the story
  (`place_in`), and the form need not ask 事情发生在哪里 for it.
- 上面说了啊 幸福里5栋 typed at 地点: the place is 幸福里5栋; the words that point back are
  no part of it (the officer had read 地点：上面说了啊 幸福里5栋). 上面说了 alone takes the
  place from what was written before (`said_before`).

Only a place someone could find is read from a story: a named estate, street or building
(幸福路32号, 幸福里5栋), or a kind of place (菜市场门口, 学校旁边). 楼下, 我们小区 and 隔壁
are where the speaker is, which the forms ask about themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from bot.forms import FormEnv
from bot.validators import Invalid

Parser = Callable[[str, FormEnv], Any]

#: Characters that end a place's name: who, doing what, when (我, 有, 在, 看, 卖 …).
_STOP = (
    "在到去从于往向朝是有没看见说讲要会能就都也还又再把被给让叫了着过很太真经常每总走进回坐住"
    "他她它我你您咱俺们这那哪啥谁些的和跟与及或但而如果因为所以吗呢吧啊呀哦嘛么卖吸赌偷抢"
    "打骂吵闹月"
)
_NAME = rf"[^\W\d_{_STOP}]"
_NUMBER = r"(?:[0-9０-９]+|[一二三四五六七八九十百零〇两]{1,4}|[A-Za-zＡ-Ｚ])"
#: 5栋, 幸福里3号楼, A座, 2单元: a numbered part of a building or street.
_NUMBERED = rf"{_NAME}{{0,8}}?{_NUMBER}(?:号楼|号院|号门|号|栋|幢|座|单元|楼|层|室)"
#: 幸福里小区, 和平路, 平安大厦: a name of two characters or more, then what it is.
_NAMED = (
    rf"{_NAME}{{2,8}}?(?:小区|花园|新村|公寓|大厦|大楼|社区|广场|商场|市场|中心|大道|大街|"
    r"路|街|巷|弄|胡同|村|苑|园|桥)"
)
#: 幸福里门口: 里 names an estate only before where at it (and is 'inside' elsewhere).
_LANE = rf"{_NAME}{{2,6}}里(?=门口|门前|[东西南北]门|路口|附近|对面|旁边|一带|[0-9０-９])"
#: 菜市场, 学校: a kind of place, which says where with what is at or near it.
_SPOT = (
    rf"{_NAME}{{0,6}}?(?:菜市场|农贸市场|菜场|市场|超市|商场|商店|便利店|小卖部|学校|小学|"
    r"中学|大学|幼儿园|医院|诊所|卫生院|药店|银行|公园|火车站|高铁站|汽车站|地铁站|公交站|"
    r"车站|网吧|酒吧|KTV|宾馆|酒店|旅馆|饭店|工地|停车场|加油站|体育馆|图书馆|电影院)"
)
#: Where at it: 门口, 旁边, 楼下 …
_AT = (
    r"(?:门口|门前|[东西南北]门|[东西南北]侧|路口|附近|对面|旁边|楼下|楼上|楼道|里面|里边|"
    r"里|内|外面|边上|后面|前面|后门|周边|一带|地下室|车库|下面|底下)?"
)
_PLACE = re.compile(rf"(?:{_NUMBERED}|{_NAMED}|{_LANE}|{_SPOT})+{_AT}")
#: When, before a place (昨晚幸福里小区): no part of it.
_WHEN = re.compile(
    r"(?:每天|天天|今天|昨天|前天|今晚|昨晚|前晚|今早|昨早|刚才|刚刚|"
    r"早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨|深夜)+"
)
#: Where from the speaker, before a place or in it (对面超市, 我家楼下的超市, 隔壁小区):
#: which 超市 only the speaker knows, and the form asks.
_FROM_SPEAKER = re.compile(
    r"(?:隔壁|对面|旁边|附近|前面|后面|楼下|楼上|门口|里面|外面|这边|那边|[这那哪个些的])$"
)
#: 小区3号楼, 村里: which estate or village is the speaker's.
_SPEAKERS_OWN = re.compile(
    r"^(?:隔壁|对面|旁边|附近|前面|后面|楼下|楼上|门口|里面|外面|小区|院子?|村|单元|楼)"
)
#: 往, 朝: before where someone went.
_HEADING = re.compile(r"[往朝向]$")
#: 11号: a day of the month far more often than a house.
_DAY = re.compile(rf"{_NUMBER}号")
#: 小学生, 中学生, 大学生: a person, whose word holds a place's (小学) but names no place.
_PERSON_AFTER = re.compile(r"生")


def place_in(text: str) -> str | None:
    """The first place `text` names that someone could find (幸福里小区5栋3单元, 菜市场门口),
    or None."""
    at = 0
    while (found := _PLACE.search(text, at)) is not None:
        at = found.end()
        when = _WHEN.match(text, found.start())
        if when is not None:
            # 昨晚幸福里小区: the place is what follows, if anything does.
            found = _PLACE.match(text, when.end())
            if found is None:
                continue
        said = found.group()
        if _PERSON_AFTER.match(text, found.end()):
            continue  # 卖烟给小学生: had been kept as 地点：小学, and 地点 not asked
        if _FROM_SPEAKER.search(text[: found.start()]) or _SPEAKERS_OWN.match(said):
            continue
        if _HEADING.search(text[: found.start()]) or text.startswith("方向", found.end()):
            continue  # 往菜市场方向走了: where they went, not where they were
        if not _DAY.fullmatch(said):
            return said
    return None


#: 上面说了, 刚说了, 前面写了, 不是说过了吗: an answer pointing back to what was written.
_BACK = re.compile(
    r"(?:我|你)?(?:(?:上面|前面|上边|前边|刚才|刚刚|刚|之前|已经|不是)(?:都|已经|已|也)?"
    r"(?:说|写|讲|提|填|告诉你)(?:过|了|到)*|(?:说|写|讲|提|填)过了?|描述里(?:有|写了|说了))"
    r"(?:的|啊|呀|吗|嘛|呢|吧|哦|么|了)*"
)
#: What is left of such an answer that is no place (就是, 在, punctuation).
_FILLER = re.compile(r"^[\s，,。.！!？?~～、：:]*(?:就是|就在|是在|在|是)?|[\s，,。.！!？?~～、]+$")


def said_before(text: str) -> str | None:
    """What is left of `text` once the words pointing back are taken out (幸福里5栋 of 上面
    说了啊 幸福里5栋; "" of 上面说了); None when it points back to nothing."""
    if _BACK.search(text) is None:
        return None
    left = _BACK.sub(" ", text)
    return _FILLER.sub("", left.strip(" \t\n，,。.！!？?~～、：:")).strip()


def pointing_back(parse: Parser, earlier: Iterable[str], *, optional: bool = False) -> Parser:
    """A place question's parser that takes 上面说了啊 幸福里5栋 as 幸福里5栋, and 上面说了
    alone as the place named in the earlier answers `earlier` (the description, the story)."""
    fields = tuple(earlier)
    skip = "不方便说可回复「跳过」。" if optional else ""

    def parsed(text: str, env: FormEnv) -> Any:
        left = said_before(text) if env.location is None else None
        if left is None:
            return parse(text, env)
        if left:
            return parse(left, env)
        for name in fields:
            found = place_in(str(env.answers.get(name) or ""))
            if found:
                return parse(found, env)
        raise Invalid(
            "前面写的内容里没有具体地点。请直接写在哪里，如「幸福里小区5栋」或「和平路12号」。"
            + skip
        )

    return parsed
