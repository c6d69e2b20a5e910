"""新来个租客 要登记: an owner saying that someone arrived and is to be registered.

Owners say it in their own words rather than 登记: 来了两个客人要登记一下, 新来个租客 要登记,
来了三个人合租 一个一个登还是一起登. Those had got a legal FAQ (出租房子要登记租客信息吗),
a confirm button, or 没有理解. The registration form starts at once; for several people,
the owner is told that each is registered in turn, the first now.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.validators.numerals import arabize
from handlers.registration.guest import OWNERS
from handlers.registration.start import begin
from handlers.registration.tenant import RENTALS
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import Role

#: Someone has come: 来了, 新来, 刚到, 入住了, 搬进来.
_ARRIVED = re.compile(r"来了|新来|刚来|刚到|到了|住进|搬进|搬来|入住了|要入住|来个|来位")
#: To be registered: 要登记, 登一下, 一个一个登, 录入.
_REGISTER = re.compile(r"登记|登一下|[个起]登|录入|录一下|办入住|办理入住")
#: Asking how registration is done (来了个外国人怎么登记): the FAQ's question, not a start.
_ASKS_HOW = re.compile(r"怎么|怎样|如何|要不要|需不需要|用不用|吗[?？]?$|[?？]$")
#: An ID number: a registration said in one breath, which the command hints offer.
_NUMBER = re.compile(r"\d{15,}")
#: 两个客人, 三个人, 3位, 一家三口: how many came.
_HOW_MANY = re.compile(r"(\d+)\s*(?:个|位|口)(?!月|晚|天|小时|星期|礼拜)")


def _how_many(text: str) -> int:
    found = _HOW_MANY.search(arabize(text.replace("两", "二")))
    if found is None:
        return 1
    return int(found[1])


def says_arrival(text: str) -> bool:
    """Whether `text` says that someone came and is to be registered."""
    return (
        _ARRIVED.search(text) is not None
        and _REGISTER.search(text) is not None
        and _NUMBER.search(text) is None
        and (_ASKS_HOW.search(text) is None or "一个一个" in text or "一起" in text)
    )


#: 我是开旅馆的，怎么登记旅客: one not yet bound asking how the registration is done. It
#: had got the FAQ 客人不想登记能让他住吗; the way is the one `登记` gives them.
_HOW_TO_REGISTER = re.compile(
    r"(?:怎么|怎样|如何|咋)(?:给|帮|在这里?|用这个)?(?:旅客|客人|住客|房客|租客|租户)?登记"
    r"(?:一下)?(?:旅客|客人|住客|房客|租客|租户)"
    r"|(?:旅客|客人|住客|房客|租客|租户)(?:要|该|应该|得)?(?:怎么|怎样|如何|咋)(?:样)?登记"
)
#: What `登记` tells one not yet bound (`bot.middleware.authorization`), word for word.
NOT_BOUND = "该功能供已绑定的场所负责人使用。请向社区民警索取邀请码，发送「/绑定 邀请码」完成绑定。"


def asks_how_to_register(text: str) -> bool:
    """Whether `text` asks how guests or tenants are registered (怎么登记旅客)."""
    return _HOW_TO_REGISTER.search(text) is not None


#: 外国客人, 外国人, 来了个外国客人, 有个外国客人: a foreign guest said alone, as news. Not a
#: hint of the check-in's: 外国人入住要登记吗 asks the rules, and a hint's words are taken
#: out of what a question is read to be about (`handlers.hints.questions`).
_FOREIGN_GUEST = re.compile(
    r"(?:又|刚)?(?:来了|有|新来了?|刚来了?|住进来了?|到了)?(?:个|一个|位|一位|两个|几个)?"
    r"(?:外国|外籍)的?(?:人|客人|旅客|住客|游客|朋友)"
    r"(?:来了|到了|入住了?|住进来了|要住店?|要入住|来住店?)?(?:了|啦|哈|呀|哦)?"
)
#: The offer 来了个老外 gets from the check-in's hints (`guest_picks.passport_for_foreigner`).
PASSPORT_CHECK_IN = "/登记旅客 护照"
_PASSPORT_OFFER = "您是想用「登记旅客 护照」（登记入住旅客）吗？点下面的按钮即可。"


def says_foreign_guest(text: str) -> bool:
    """Whether `text`, alone, says a foreign guest is here (外国客人, 来了个外国客人)."""
    return _FOREIGN_GUEST.fullmatch(text.strip(" 。.!！~～")) is not None


def with_arrivals(forms: FormEngine) -> Callable[[Handler], Handler]:
    """The fallback wrapper that starts the registration for `says_arrival`, and tells one
    not yet bound who asks how to register guests or tenants how to get there."""

    def wrap(handler: Handler) -> Handler:
        async def wrapped(ctx: Context) -> list[Reply]:
            text = ctx.inbound.text.strip()
            if ctx.role is Role.RESIDENT and asks_how_to_register(text):
                return [Text(NOT_BOUND)]
            if (
                ctx.role in OWNERS
                and ctx.inbound.chat_type is ChatType.PRIVATE
                and says_foreign_guest(text)
                and await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)
            ):
                # 外国客人 had got the FAQ on reporting foreign guests: the check-in on a
                # passport, as 来了个老外 is offered it.
                return [Choices(_PASSPORT_OFFER, (Button("是，登记旅客 护照", PASSPORT_CHECK_IN),))]
            if (
                ctx.role not in OWNERS
                or ctx.inbound.chat_type is not ChatType.PRIVATE
                or not says_arrival(text)
            ):
                return await handler(ctx)
            venues = await owned_venues(ctx.session, ctx.person.id)
            guests = any(v.kind in GUEST_KINDS for v in venues)
            tenants = any(v.kind in RENTALS for v in venues)
            if not guests and not tenants:
                return await handler(ctx)
            started = await begin(ctx, forms, "")
            many = _how_many(text)
            if many < 2:
                return started
            then = (
                "点「登记同住人」（或发送「同住」）"
                if guests and not tenants
                else "点「继续登记租客」"
                if tenants and not guests
                else "旅客点「登记同住人」、租客点「继续登记租客」"
            )
            note = (
                f"{many} 位要一位一位登记（各自的证件都要登记）：先登记第一位，"
                f"提交后{then}接着登记下一位。"
            )
            return [Text(note), *started]

        return wrapped

    return wrap
