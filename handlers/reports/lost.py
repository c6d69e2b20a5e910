"""Something lost, not stolen: no theft report, but what to do, or the one loss report.

报案, then 钱包丢了 had started 扒窃 with 被盗物品及价值 钱包 (钱包 is a word of that
template). None of the report types is for property one lost oneself, and a theft report
of a loss sends the beat officer after a thief who does not exist. Said without a word of
theft, a loss is asked about: stolen after all (the theft report), a lost document or
plate (the 证件/车牌遗失 report), or anything else, told what to do (the FAQ's answer).
"""

from __future__ import annotations

import re
from functools import cache

from bot.messages import Button, Choices
from handlers.reports.templates import LOST_DOCUMENT, PICKPOCKET, THEFT, Template
from knowledge.faq import load_faq

#: 丢了, 弄丢, 找不到了, 不见了, 掉了, 落在出租车上: lost, as people say it.
_LOST = re.compile(r"丢了|丢失|弄丢|搞丢|丢在|找不到|不见了|掉了|落在|落到|忘在|遗失")
#: 被偷, 被盗, 被扒, 偷走, 抢了, 失窃, 被撬: taken by someone, which is a theft after all.
_TAKEN = re.compile(r"偷|盗|扒|抢|窃|撬|贼")
#: The FAQ entry on lost phones and wallets: what to do, whom to ask.
_FAQ_ID = "lost-phone-wallet"


def says_lost(text: str, template: Template) -> bool:
    """Whether `text`, which picked `template`, tells of a loss, not of a theft."""
    return template in (PICKPOCKET, THEFT) and bool(_LOST.search(text)) and not _TAKEN.search(text)


@cache
def _what_to_do() -> str:
    return next((e.answer for e in load_faq() if e.id == _FAQ_ID), "")


def stolen_or_lost() -> Choices:
    """The question, with each answer's way on."""
    advice = _what_to_do()
    lost = (
        f"自己丢失的：自助报案只受理证件、车牌遗失。{advice}"
        if advice
        else ("自己丢失的：自助报案只受理证件、车牌遗失；其他物品请到附近派出所或失物招领处询问。")
    )
    return Choices(
        "是被偷了，还是自己丢失的？\n"
        f"· 被偷（被扒）了：请点「被偷了，报案」。\n"
        f"· 丢的是证件或车牌：请点「{LOST_DOCUMENT.kind.label}」登记，会得到报案回执。\n"
        f"· {lost}",
        (
            Button("被偷了，报案", f"/报案 {PICKPOCKET.kind.label}"),
            Button(LOST_DOCUMENT.kind.label, f"/报案 {LOST_DOCUMENT.kind.label}"),
        ),
    )
