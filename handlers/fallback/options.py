"""A message under the buttons just shown (请选择…) that none of them took: 好的, 不是,
确认, zzz, or something new that the buttons must not swallow."""

from __future__ import annotations

import re
from contextlib import suppress

from bot import choice_memory
from bot.context import Context
from bot.forms.words import bare as bare_words
from bot.forms.words import says_yes
from bot.messages import ChatType, Reply, Text
from bot.numbering import options_still_open
from bot.router import STAFF, Router
from handlers.broadcast.acks import recent_alerts
from handlers.fallback.not_understood import CHOOSE_ABOVE, not_understood
from handlers.hints.typos import suggest
from knowledge.answer import is_followup
from storage.models import Role

#: An answer to options is a word or two (第二个, 那个旅馆); a longer message, a question or
#: a request (帮我看下今天的情况) asks for something new.
_ANSWER_LENGTH = 6
#: A list or a record named (未确认名单, 今天的情况) is asked for too: no option is called so.
_ASKS_ANEW = re.compile(
    r"^(?:帮|看|查|请|我要|我想|给我|有没有)|[?？]|吗|呢|怎么|什么|名单|列表|清单|记录|情况"
)
#: No to the buttons just shown (您是想「退租」吗？ 不是): declined, not a wrong answer.
_DECLINED = re.compile(
    r"(?:不是|不对|不用|不要|不需要|算了|没事|不了|否)(?:的|了|啦|吧|呢)?[\W嗯]*"
)
#: Words that confirm (确认, 确定): what they would confirm, when no button of the last
#: reply goes on so (`bot.choice_memory.resolve_title` took any that does), is not there.
_NOTHING_TO_CONFIRM = frozenset({"确认", "确定", "确认提交", "提交", "确认发送"})
_DIGITS = re.compile(r"\d+")
#: The button a law answer offers its report with (`handlers.law`): 自助报案：电动车….
_REPORT_OFFER = "/报案 "
#: An option's number alone (1, ２, 第一个), as buttons are answered.
_OPTION_NUMBER = re.compile(
    r"[1-9１-９][0-9０-９]?(?:\ufe0f?\u20e3)?[。.！!]?|第[一二三四五六七八九十\d]{1,2}个?"
)
#: Words of a message (等级一下, 308推房): three characters, or a number.
_WORDS_OF_ITS_OWN = re.compile(r"\d|[\u4e00-\u9fff].*[\u4e00-\u9fff].*[\u4e00-\u9fff]")


async def under_options(ctx: Context, root: Router, text: str) -> list[Reply] | None:
    """The reply to `text` sent under buttons that none of them took, or to an option's
    number sent when there are none (`nothing_to_choose`); None when no buttons were shown
    or `text` is no word about them."""
    if not ctx.options_shown:
        return await nothing_to_choose(ctx, text)
    private = ctx.inbound.chat_type is ChatType.PRIVATE
    if root.match(text, bare=private) is not None:
        # 风险 from an owner under the buttons of an officer's answer had got
        # 请点选上面的选项: a command's name, though of another role's (read as a word,
        # as it is without buttons), is no try at the options.
        return [Text(await not_understood(ctx))]
    if ctx.role in STAFF and bare_words(text) in _NOTHING_TO_CONFIRM:
        # 确认 under 催读 and 撤回 had got 请点选上面的选项: nothing there asks for it.
        # (An owner's 确认 may acknowledge an alert in their own words: not said so.)
        ctx.keep_choices = True
        return [Text(f"现在没有需要您确认的内容。{options_still_open(ctx.options_shown)}")]
    if _DECLINED.fullmatch(text):
        # 不是 had got 请点选上面的选项: as if the offer could not be turned down.
        return [Text("好的。需要别的，直接告诉我，或发送「帮助」查看。")]
    if (
        _answers_options(text)
        and not _past_an_offer(ctx, root, text)
        and not await _more_to_read(ctx)
    ):
        # The last reply asked to choose (which venue, say) and this is not an answer.
        options = ctx.options_shown
        numbers = f"1–{options}" if options > 1 else "1"
        ctx.keep_choices = True
        return [Text(f"{CHOOSE_ABOVE}（或回复序号 {numbers}）。需要其他功能请发送「帮助」。")]
    return None


async def nothing_to_choose(ctx: Context, text: str) -> list[Reply] | None:
    """The reply to an option's number (1) sent when no options wait for one: it had got
    没有理解 with 「收到」确认通报 offered, though every alert was acknowledged (an alert
    still to acknowledge takes the 1 before the fallback does)."""
    if ctx.options_shown or not _OPTION_NUMBER.fullmatch(text):
        return None
    alerts = ""
    if ctx.role is not Role.RESIDENT:  # residents' public alerts ask for no 收到
        with suppress(LookupError):  # none sent here lately
            alerts = "您收到的通报都已确认过，" if await recent_alerts(ctx) else ""
    return [
        Text(
            f"{alerts}现在没有需要回复「{text}」的选项或问题。"
            "需要什么请直接说，或发送「帮助」查看全部功能。"
        )
    ]


async def _more_to_read(ctx: Context) -> bool:
    """Whether the buttons shown only offer more to read (全文 N, 更多 under a law answer, and
    the report it offers): they ask nothing, so a message typed under them is a new one.
    我不服 after a law answer had got 请点选上面的选项（或回复序号 1–4）."""
    values = await choice_memory.shown_values(ctx.session, ctx.user_key, ctx.now)
    return bool(values) and all(is_followup(v) or v.startswith(_REPORT_OFFER) for v in values)


def _answers_options(text: str) -> bool:
    """Whether a message nothing understood may be a try at the options just shown (zzz,
    那个), rather than a new request (帮我看下今天的情况), which they must not swallow."""
    return len(text) <= _ANSWER_LENGTH and not _ASKS_ANEW.search(text)


def _past_an_offer(ctx: Context, root: Router, text: str) -> bool:
    """Whether a message under buttons says something of its own, which they, dropped, must
    not swallow: 308推房 and 等级一下 had got 请点选上面的选项. Under one button (您是想「退房
    302」吗？) three words or a number are enough; under a list (which venue) 枫林的 and 第一个
    answer it, so only a feature named, of any role or mistyped (等级一下, 308推房), is.
    A yes takes the offer before this; zzz is still pointed to it."""
    if says_yes(text):  # 对对对, 好的: a try at it, pointed to the button
        return False
    if ctx.options_shown == 1:
        return _WORDS_OF_ITS_OWN.search(text) is not None
    # The sender's own features were offered before the fallback: what is left here is
    # another role's (a resident's 等级一下) or one with a number glued to it (308推房).
    said = {text, _DIGITS.sub("", text)} - {""}
    return any(suggest(root, words, role) is not None for words in said for role in Role)
