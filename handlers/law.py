"""Legal questions: `咨询 …`, `/咨询`, or any message that reads like a legal question.

Answers come from the statute knowledge base (FAQ first, then articles, each cited as
《法律名》第X条); `更多` (继续, 然后呢) pages on and `全文 N` shows an article whole; 那怎么办
after an answer is told how to go on. The chat's last question
is kept (sealed) in its memo for a day, so paging works across restarts and replicas.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, Router
from bot.validators.idcard import mentions_resident_id
from handlers.reports.templates import template_for_story
from knowledge.answer import (
    TELEGRAM,
    WECHAT,
    LawAnswerer,
    LawQuery,
    ReplyLimit,
    is_followup,
    is_legal_question,
)
from knowledge.base import KnowledgeBase
from knowledge.faq import WRITTEN_FOR, FaqMatch
from knowledge.intent import mentions_law, small_talk
from storage import memos

MEMO = "law"
#: Statements shorter than this are not matched against the FAQ.
_FAQ_STATEMENT_CHARS = 5
#: The sender in what happened (敲诈我, 被我抓到了), not only the one who saw it (我发现有人…).
_ABOUT_ME = re.compile(r"我(?!发现|看到|看见)")
#: 更多 and 全文 N refer to the last question for this long; after it, a new question is
#: needed (the retention job deletes older memos).
MEMO_TTL = timedelta(days=1)
#: A question asked within this is what a short follow-up (对方先动手的呢) goes on from; a
#: message after a longer pause is a new question.
FOLLOW_UP_WINDOW = timedelta(minutes=10)
#: Channels whose replies are measured in bytes (WeChat passive replies and WeCom).
_BYTE_LIMITED = ("wechat_mp", "wecom", "wecom_robot")
#: 全文二, 全文第2条 and 全文2. typed as one word: the router matches whole words (a mark
#: after one dropped), and finds a number glued to a word only in digits (全文2); 全文二 had
#: got 您是想「全文」吗.
_NUMBERS = "一二三四五六七八九十123456789"
_FULL_TEXT_WORDS = (
    "全文",
    *(f"全文{n}" for n in _NUMBERS),
    *(f"全文第{n}{unit}" for n in _NUMBERS for unit in "条个"),
)
_NOT_READY = "法律知识库尚未导入，暂时无法解答法律问题。请联系派出所工作人员。"
_ASK = "请直接发送您想咨询的法律问题，例如：「房东不退押金怎么办」或「治安管理处罚法第56条」。"
#: 那怎么办 after an answer: the resident wants a next step, not another search.
_WHAT_NOW = re.compile(r"(那|那我|我)?(该|应该|要)?(怎么办|咋办|怎么弄|咋整)(呢|啊|呀)?")
_WHAT_NOW_REPLY = (
    "请把情况说得具体些：发生了什么、涉及什么人（如「房东不退押金怎么办」），我再帮您查；"
    "回复「更多」看更多相关条文。需要民警处理的，可以发送「报案」；紧急情况请直接拨打110。"
)


def _limit(channel: str) -> ReplyLimit:
    return WECHAT if channel in _BYTE_LIMITED else TELEGRAM


async def last_question(ctx: Context, fresh_for: timedelta = MEMO_TTL) -> LawQuery | None:
    """The chat's last legal question and its page, if asked within `fresh_for`: what 更多
    and 全文 continue, and the story a report started soon after takes its answers from."""
    kept = await memos.recall(ctx.session, ctx.user_key, MEMO, ctx.now, fresh_for)
    return LawQuery(**json.loads(kept)) if kept else None


class LawDesk:
    """Answers legal questions for every channel; holds the one loaded knowledge base."""

    def __init__(self, kb: KnowledgeBase | None) -> None:
        self._kb = kb
        self._answerers = (
            {limit: LawAnswerer(kb, limit=limit) for limit in (WECHAT, TELEGRAM)} if kb else {}
        )

    @property
    def ready(self) -> bool:
        return bool(self._answerers)

    def _faq(self, text: str) -> FaqMatch | None:
        return self._kb.faq_match(text) if self._kb is not None else None

    def has_faq(self, text: str) -> bool:
        """Whether a curated answer matches `text` (客人不登记怎么办)."""
        return self._faq(text) is not None

    def written_for(self, text: str) -> bool:
        """Whether a curated answer was written for `text` nearly word for word, or tells the
        sender what to do about a harm done to them: a statement that reads like a tip
        (被人拉进赌博群了, 有人P图…敲诈我要500块) still wants that answer."""
        found = self._faq(text)
        if found is None:
            return False
        return found.similarity >= WRITTEN_FOR or (
            found.entry.act_first and _ABOUT_ME.search(text) is not None
        )

    async def for_victims(self, ctx: Context, text: str) -> list[Reply]:
        """The answer, if `text` matches one that tells a victim what to do first (我的电动车
        被偷了, 我被骗了): a matter that must not wait behind anything else; else nothing."""
        found = self._faq(text)
        return await self.answer(ctx, text) if found is not None and found.entry.act_first else []

    async def answer(self, ctx: Context, text: str) -> list[Reply]:
        if not self._answerers:
            return [Text(_NOT_READY)]
        last = await last_question(ctx)
        recent = last is not None and await last_question(ctx, FOLLOW_UP_WINDOW) is not None
        answerer = self._answerers[_limit(ctx.inbound.channel)]
        replies, state = answerer.reply(text, last, recent=recent)
        # Officers ask for the citizens they serve; their /报案 lists the station's reports.
        offer = ctx.role not in STAFF and not is_followup(text)
        story = template_for_story(text) if offer else None
        if story is not None:
            # 电动车被偷了: the articles say what the law is; the report is what to do.
            label = story.kind.label
            replies = [
                *replies,
                Choices(
                    "如需报案，点下面的按钮自助报案，民警会跟进：",
                    (Button(f"自助报案：{label}", f"/报案 {label}"),),
                ),
            ]
        if state is not None and state != last:
            asked = {"question": state.question, "page": state.page}
            if state.context:  # what a follow-up went on from, for its 更多 and 全文 N
                asked["context"] = state.context
            await memos.remember(
                ctx.session, ctx.user_key, MEMO, json.dumps(asked, ensure_ascii=False), ctx.now
            )
        return replies

    async def has_question(self, ctx: Context) -> bool:
        return await last_question(ctx) is not None

    def build_router(self) -> Router:
        router = Router()

        @router.route(
            "law",
            commands=("咨询", "law"),
            keywords=("咨询", "法律咨询"),
            help="咨询法律问题，如：咨询 房东不退押金怎么办",
        )
        async def ask(ctx: Context) -> list[Reply]:
            question = ctx.match.args if ctx.match else ""
            if not question:
                return [Text(_ASK)]
            return await self.answer(ctx, question)

        # 更多 and 下一页 are routed by `handlers.more`, which pages on here unless a reply
        # shortened for the channel was left more recently.
        @router.route("law_more", keywords=_FULL_TEXT_WORDS)
        async def more(ctx: Context) -> list[Reply]:
            return await self.more(ctx)

        return router

    async def more(self, ctx: Context) -> list[Reply]:
        """`更多` or `全文 N`: the last legal question's next page, or an article whole."""
        text = ctx.inbound.text.strip()
        if not is_followup(text) or not await self.has_question(ctx):
            return [Text("请先发送您想咨询的法律问题。")]
        return await self.answer(ctx, text)

    def _legal(self, text: str) -> bool:
        """A legal question, or a statement a curated answer was written for (转帐转错人了
        asks nothing, yet wants the answer). Short words and small talk are spared the
        FAQ's half millisecond."""
        if is_legal_question(text):
            return True
        return (
            len(text.strip()) >= _FAQ_STATEMENT_CHARS
            and small_talk(text) is None
            and self.has_faq(text)
        )

    def answering(self, fallback: Handler) -> Handler:
        """Wrap the fallback: a message that reads like a legal question gets an answer."""

        async def handler(ctx: Context) -> list[Reply]:
            text = ctx.inbound.text
            said = _said_plainly(text)
            if self.ready and _continues(said) and await self.has_question(ctx):
                # 继续, 然后呢: the next page; 那怎么办: how to go on from the answer.
                if is_followup(said):
                    return await self.answer(ctx, said)
                return [Text(_WHAT_NOW_REPLY)]
            # A message with an ID number in it is someone's personal data, not a question.
            legal = self._legal(text) and (ctx.role not in STAFF or reads_legal(text))
            if self.ready and not mentions_resident_id(text) and legal:
                return await self.answer(ctx, ctx.inbound.text)
            return await fallback(ctx)

        return handler


#: A law or an article named (刑法264条, 第56条, 旅馆业治安管理办法).
_LAW_NAMED = re.compile(r"法|条例|第\s*[0-9零〇一二三四五六七八九十百千]+\s*条")


def reads_legal(text: str) -> bool:
    """Whether an officer's message is a legal question: it names a law or a legal matter.
    Officers write of their work (通知悦来老板明天上午去检查, 悦来老板电话多少), which
    had got the FAQ 被公司辞退有赔偿吗 or a hotel's duties, as a resident's story would."""
    return mentions_law(text) or _LAW_NAMED.search(text) is not None


def _said_plainly(text: str) -> str:
    """The message without spaces and punctuation: 然后呢？ reads as 然后呢."""
    return re.sub(r"[\s，,。.!！?？~～…]", "", text)


def _continues(said: str) -> bool:
    """Whether a message goes on from a legal answer (继续, 然后呢, 那怎么办) rather than
    asking something new."""
    return is_followup(said) or _WHAT_NOW.fullmatch(said) is not None
