"""Matters told to the police in person, not filed as a self-service report: what to do
instead, rather than the menu of kinds that do not fit.

/报案 被人打了, or 报案 right after 被人打了, had got 暂不支持「被人打了」的自助报案 and the
menu of thefts and frauds: a beating needs an officer to hear both sides and the injuries
seen, so the resident is told how to report it (110 now, or the station) and what to keep,
with the beat officer one tap away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.messages import Button, Choices


@dataclass(frozen=True)
class Elsewhere:
    """A matter no template takes: the words that tell it, and how to report it instead."""

    #: What the resident is told it is, in 「被人打伤」不能自助报案.
    name: str
    told: re.Pattern[str]
    steps: tuple[str, ...]


ASSAULT = Elsewhere(
    "被人殴打、打伤",
    # 被人打了, 有人打我, 他动手打了我, 被打伤; not 打电话 or 打折 (被打了疫苗 is a jab).
    re.compile(
        r"被.{0,6}(?:打|殴打|揍|打伤|砍|捅)(?:了|伤|破|肿|骨折)(?!.{0,2}(?:疫苗|针|电话|折|分))"
        r"|(?:打|揍|殴打|砍|捅)(?:了|伤了)?我(?!的|电话|手机|微信|爸|妈)|挨打|挨揍|打架|斗殴"
    ),
    (
        "对方还在动手或还在现场的，请立即拨打110；有人受伤同时拨打120。",
        "事情已经过去的，请拨打110或到派出所报案，带上身份证；受伤的先就医，保留病历、票据、"
        "伤情照片，记下监控位置和证人，验伤由受理的民警安排。",
    ),
)
ROBBERY = Elsewhere(
    "被抢劫、抢夺",
    re.compile(r"被.{0,4}(?:抢|抢劫|抢走|抢夺)|抢(?:了|走了?)我|遇到(?:抢劫|抢包)"),
    (
        "刚刚被抢的，请立即拨打110，说清对方的样子和逃跑方向，不要追赶。",
        "事情已经过去的，请拨打110或到派出所报案，带上身份证，记下监控位置和证人。",
    ),
)
MATTERS: tuple[Elsewhere, ...] = (ROBBERY, ASSAULT)


def matter_of(text: str) -> Elsewhere | None:
    """The matter `text` tells that is reported in person, if any."""
    return next((m for m in MATTERS if m.told.search(text)), None)


def report_it_in_person(matter: Elsewhere, story: str) -> Choices:
    """How to report `matter` instead, and the beat officer one tap away (with `story`)."""
    steps = "\n".join(f"· {step}" for step in matter.steps)
    return Choices(
        f"{matter.name}不能在这里自助报案，需要民警当面了解情况：\n{steps}\n"
        "想先问问社区民警的，点「转给民警」，答复会发到这里。",
        (Button("转给民警", f"/问民警 {story}".strip()),),
    )
