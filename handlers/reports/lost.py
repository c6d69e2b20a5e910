"""Something lost, not stolen: no theft report, but what to do, or the one loss report.

报案, then 钱包丢了 had started 扒窃 with 被盗物品及价值 钱包 (钱包 is a word of that
template). None of the report types is for property one lost oneself, and a theft report
of a loss sends the beat officer after a thief who does not exist. Said without a word of
theft, a loss is asked about: stolen after all (the theft report, the story kept), a lost
document or plate (the 证件/车牌遗失 report), or anything else, told what to do about
the thing lost (the FAQ's answer, the parts of it that fit).
"""

from __future__ import annotations

import re
from functools import cache

from bot.messages import Button, Choices
from handlers.reports.templates import LOST_DOCUMENT, PICKPOCKET, THEFT, Template
from knowledge.faq import load_faq

#: 丢了, 弄丢, 找不到了, 不见了, 掉了, 落在出租车上: lost, as people say it.
_LOST = re.compile(r"丢了|丢失|弄丢|搞丢|丢在|找不到|不见了|掉了|落在|落到|忘在|遗失")
#: 被偷, 被盗, 被扒, 偷走, 抢了, 失窃, 被撬, and a break-in (有人入室, 家里进了贼, 门被撬,
#: 翻窗进来): taken by someone, which is a theft after all (有人入室，金项链不见了 had
#: been asked 是被偷了，还是自己丢失的？).
_TAKEN = re.compile(r"偷|盗|扒|抢|窃|撬|贼|入室|入户|闯入|闯进|翻窗|翻墙|破门|砸窗|砸门")
#: The FAQ entry on lost phones and wallets: what to do, whom to ask.
_FAQ_ID = "lost-phone-wallet"
#: A phone lost: the FAQ's parts that name it (the SIM card, 查找).
_PHONE = re.compile(r"手机")
#: A wallet or bag lost: bank cards and an ID card, most likely, were in it.
_WALLET = re.compile(r"钱包|包|银行卡")
#: The FAQ's parts that say where a lost thing is asked after (the taxi, 失物招领).
_FINDING = re.compile(r"失物")
THEFT_BUTTON = "被偷了，报案"
#: Taken from the person (身上, 包里 but not 钱包里, 口袋, 被扒, 人挤): 扒窃. Without these a wallet
#: may as well have gone from a car, a home or a shop, which is 盗窃.
_ON_PERSON = re.compile(r"身上|(?<!钱)包里|口袋|兜里|衣兜|裤兜|扒|挤")


#: A document or plate: its loss is the 证件/车牌遗失 report's, asked nothing.
_DOCUMENT = re.compile(r"证|车牌|号牌|护照|户口本|社保卡|医保卡")
#: What a loss is said with besides the thing lost (我的, 了, 昨天): none of it names one.
_FILLER = re.compile(r"[我的了啊呀呢吧，,。.!！\s]|昨天|今天|刚才|刚刚")


def lost_thing(text: str) -> Template | None:
    """The theft report a loss of a thing other than a document is asked about under:
    /报案 手机丢了 had got 暂不支持「手机丢了」的自助报案 (no template names a phone
    lost), and /报案 手机丢失了 started the 证件/车牌遗失 report (丢失 is one of its
    words) for a phone. None when `text` names nothing lost, or a document."""
    if not _LOST.search(text) or _TAKEN.search(text) or _DOCUMENT.search(text):
        return None
    thing = _FILLER.sub("", _LOST.sub("", text))
    return PICKPOCKET if thing else None


def says_lost(text: str, template: Template) -> bool:
    """Whether `text`, which picked `template`, tells of a loss, not of a theft."""
    return template in (PICKPOCKET, THEFT) and bool(_LOST.search(text)) and not _TAKEN.search(text)


@cache
def _faq_parts() -> tuple[str, ...]:
    """The FAQ answer's sentences and clauses, each with its stop."""
    answer = next((e.answer for e in load_faq() if e.id == _FAQ_ID), "")
    return tuple(part for part in re.split(r"(?<=[。；])", answer) if part)


def _faq(pattern: re.Pattern[str]) -> str:
    """The FAQ's parts that `pattern` finds, as one text ending in 。."""
    found = "".join(part for part in _faq_parts() if pattern.search(part))
    return f"{found[:-1]}。" if found.endswith("；") else found


def _if_lost(story: str) -> str:
    """What to do about what `story` says was lost, short: a wallet's cards and ID card, a
    phone's SIM card and accounts, and where to ask after it. Not 「怀疑是被偷的，请发送
    报案」, said to someone in 报案 with the theft button below."""
    document = f"证件请点「{LOST_DOCUMENT.kind.label}」登记，会得到报案回执，凭回执补办。"
    lines = []
    if _PHONE.search(story):
        lines.append(_faq(_PHONE))
    if _WALLET.search(story):
        lines.append(f"钱包里的银行卡请马上打银行客服电话挂失或冻结；身份证等{document}")
    elif not lines:
        lines.append(f"丢的是{document}")
    finding = _faq(_FINDING)
    lines.append(finding or "其他物品请到附近派出所或失物招领处询问。")
    return "".join(lines)


def _theft_kind(template: Template, story: str) -> Template:
    """The theft report for the button: 钱包丢了 had started 扒窃 though nothing says it
    was taken from the person; 扒窃 only when the story says so, else 盗窃."""
    if template is PICKPOCKET and not _ON_PERSON.search(story):
        return THEFT
    return template


def stolen_or_lost(template: Template, story: str) -> Choices:
    """The question, with each answer's way on: the theft report of the kind `story` tells
    (`_theft_kind`), with the story kept (it had always started 扒窃, the story dropped)."""
    theft = _theft_kind(template, story)
    buttons = [Button(THEFT_BUTTON, f"/报案 {theft.kind.label} {story}".strip())]
    if _WALLET.search(story) or not _PHONE.search(story):
        # Said of where the ID card may have been (`_if_lost`); under a phone alone it was a
        # button nothing mentioned, which read as if a phone lost were filed as a document.
        buttons.append(Button(LOST_DOCUMENT.kind.label, f"/报案 {LOST_DOCUMENT.kind.label}"))
    return Choices(
        "是被偷了，还是自己丢失的？\n"
        f"· 被偷了：请点「{THEFT_BUTTON}」。\n"
        f"· 自己丢失的：{_if_lost(story)}",
        tuple(buttons),
    )
