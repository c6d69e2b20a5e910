"""An owner asking whether a guest or tenant they registered is wanted (8号房那个王五是不是
被通缉了, 刚登记的客人有没有问题, 怎么刚登记完警察就打电话来问): one neutral answer, whatever
the check found.

The wanted list never reaches owners, and a hit alerts the beat officer only: an answer
that differed with the truth (or an offer of 「登记 8」, a legal text on fugitives) would
tip the owner, and through them the guest, off. So every such question gets the same words,
and the way to ask the officer."""

from __future__ import annotations

import re

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply
from storage.models import Role

#: 是不是被通缉了, 是通缉犯吗, 是否在逃: whether someone is wanted.
_IS_WANTED = re.compile(
    r"(?:是不是|是否|是|会不会|算不算)(?:被|个|一个|网上的?)?"
    r"(?:通缉|逃犯|在逃|嫌疑人|犯罪分子|坏人|罪犯|犯人)"
)
#: 有没有案底, 前科吗, 有没有住通缉犯: a record, or a wanted person staying, asked about.
_HAS_RECORD = re.compile(
    r"(?:有没有|有无|是否有|有)(?:什么)?(?:案底|前科|犯罪记录|违法记录|案子|命案)"
    r"|(?:通缉|在逃|逃犯|案底|前科|犯罪记录)(?:吗|没有|不|么)"
    r"|(?:有没有|是否|是不是)(?:住|来|登记)(?:了|过|着)?(?:个|一个)?(?:通缉|逃犯|在逃)"
)
#: 刚登记的客人, 302的住客, 那个王五登记的时候, 刚登记完: a person the owner registered.
_REGISTERED = re.compile(
    r"客人|旅客|住客|房客|租客|租户|这个人|那个人|此人|(?:那个|这个)\S{0,4}登记|登记的?(?:时候|时)"
    r"|刚登记|登记完|刚住进来"
)
#: 登记的时候有没有问题, 查出来有问题吗, 比对结果: the registration's check, asked about;
#: 怎么刚登记完警察就打电话来问, 派出所打电话来问他: the police asking after the guest,
#: which the owner reads as the check's result.
_CHECKED = re.compile(
    r"(?:有没有|有啥|有什么|是不是有|是否有|会不会有)(?:什么)?(?:问题|情况|异常)"
    r"|(?:问题|情况|异常)(?:吗|没有|没)|没(?:有)?问题吧|查(?:出|到)|比对|核查结果|比中|报警了吗"
    r"|(?:警察|民警|派出所|公安|片警).{0,4}(?:打电话|来电话?|上门|来店里|来).{0,4}(?:问|查|找)"
)
#: 发现通缉犯住店怎么办: the owner's duty, which the law desk answers.
_WHAT_TO_DO = re.compile(r"怎么办|咋办|怎么处理|如何处理|怎么做|该怎么")
_TENANT = re.compile(r"租客|房客|租户")


def asks_if_wanted(text: str) -> bool:
    """Whether `text` asks whether someone registered is wanted, or how their check came
    out; 发现通缉犯住店怎么办 (the owner's duty) and 最近有没有通缉 (the public list) do not."""
    if _IS_WANTED.search(text):
        return True
    if _WHAT_TO_DO.search(text):
        return False
    return bool(_HAS_RECORD.search(text)) or bool(
        _REGISTERED.search(text) and _CHECKED.search(text)
    )


def with_screening_questions(handler: Handler) -> Handler:
    """An owner's question whether a guest is wanted gets the neutral answer (see the
    module); anything else goes on."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.role is not Role.OWNER or not text or not asks_if_wanted(text):
            return await handler(ctx)
        who = "租客" if _TENANT.search(text) else "旅客"
        # The police asking after a guest is what most often brings the question: what to
        # do then is the same whatever they were asking about.
        return [
            Choices(
                f"{who}登记信息已报送派出所，由民警核查，这里不提供核查情况。"
                "民警来电话或上门了解情况的，请如实配合，"
                f"不要向{who}本人透露或打听，照常接待即可；有疑问请「问民警」。",
                (Button("问民警", f"/问民警 {text}"),),
            )
        ]

    return wrapped
