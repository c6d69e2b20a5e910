"""What a tip's words tell besides what happened: when (昨天下午3点; 每天晚上 says how often,
not when), and whether they tell anything happened at all (楼下有几个人…) or only where.

Read from the description and from words typed at a later question, so that the form asks
only what is still missing.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from bot.forms import FormEnv
from bot.validators import Invalid
from handlers.services.when import parse_when
from storage.models import TipCategory

#: How often, not when (天天, 每天晚上, 经常): a frequency is no time of an event. 楼下那家
#: 公司天天开会 had been kept as 时间：天天; it stays in the description.
OFTEN = re.compile(
    r"每天|天天|每日|每晚|每夜|夜夜|每周|每个?(?:星期|礼拜)|经常|常常|时常|总是|老是|隔三差五"
    r"|三天两头|每隔"
)
_PART_OF_DAY = r"(?:早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨|深夜)"
_CLOCK = r"(?:[0-9０-９一二三四五六七八九十两]{1,3}\s*[点:：](?:[0-9０-９]{2}|多|半|左右)?)?"
#: When a story says it happened (昨天下午3点, 刚才): a day, a part of it, a clock time, in
#: that order, each optional; 「大概是什么时候？」 had been asked after them. A part of the
#: day after a frequency (每天晚上十点) is matched with it (`often`), and is no time.
TOLD_WHEN = re.compile(
    rf"(?P<often>(?:{OFTEN.pattern})(?:都|会|在|到)?{_PART_OF_DAY}?{_CLOCK})"
    r"|(?:刚才|刚刚|(?:今天|昨天|前天|今晚|昨晚|前晚|今早|昨早|"
    r"上周[一二三四五六日天末]?|这周[一二三四五六日天末]?|周[一二三四五六日天末])"
    rf"{_PART_OF_DAY}?|{_PART_OF_DAY}){_CLOCK}"
)

#: Someone doing something (有几个人…, 一伙人…): what happened, though it says where too.
_SOMEONE = re.compile(r"有(?:人|个人|几个人|一伙人|一群人|个男的|个女的)|几个人|一伙人|一群人")


def told_when(described: str, env: FormEnv) -> dict[str, Any]:
    """The time answer a description gives (`TOLD_WHEN`), read as the time question
    would read it (昨天下午 dated), or none: the question is asked then."""
    for found in TOLD_WHEN.finditer(described):
        if found["often"]:
            continue  # 天天, 每天晚上: how often, kept in the description only
        with contextlib.suppress(Invalid):
            return {"when": parse_when(found.group(), env)}
        return {}
    return {}


def how_often(text: str) -> bool:
    """Whether `text` says how often something happens (天天, 每天晚上, 经常) rather than
    when it happened."""
    return OFTEN.search(text) is not None


def tells_what_happened(text: str) -> bool:
    """Whether `text` tells what happened (楼下有几个人每天晚上在车库赌钱), not only where."""
    return (
        TipCategory.told_in(text) is not None
        or _SOMEONE.search(text) is not None
        or TOLD_WHEN.search(text) is not None
    )


#: A day the form read from relative words, with them after it: 11月29日晚上（昨晚）.
_DATED = re.compile(r"((?:\d{4}年)?\d{1,2}月\d{1,2}日.*)（(.+)）")
#: Words that name a day by today: 昨晚, 前天下午, 三天前.
_RELATIVE = re.compile(r"[今昨前明后]|刚|天前")


def dated_only(shown: str) -> str:
    """11月29日晚上 of 11月29日晚上（昨晚）, as a report or tip keeps it: 昨晚 helps the
    resident check what they typed, but the officer may read it days later, when it names
    another day."""
    found = _DATED.fullmatch(shown)
    if found is None or not _RELATIVE.search(found.group(2)):
        return shown
    return found.group(1)
