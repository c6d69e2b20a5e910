"""「问民警」: owners and residents ask their officers; `/答复` is how officers answer.

- 问民警 明天几点来检查？     to the officers of the asker's place (or of the alert they got)
- 问民警 通报3 要带什么？     about alert 3: to the officer who wrote it
- 收到，明天几点来？          after an alert: acknowledges it, and offers to send the rest
- /答复                       the officer's unanswered questions
- /答复 5 上午九点到           the answer, sent to the chat the question came from

An owner's question under an alert used to reach nobody: 收到 was taken for a typo, and
明天几点来检查？ went to the statutes (and got the rules for visitors from Taiwan).
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import col, select

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Reply, Text
from bot.router import STAFF, Router
from handlers.broadcast.acks import recent_alerts, record_acks
from handlers.law import LawDesk
from handlers.messaging import FORM_NAME, OFFICER_QUESTION, QUESTION, send_or_ask
from handlers.services import questions
from handlers.services.numbers import record_number
from knowledge.intent import mentions_law, small_talk
from storage.models import Broadcast, Venue

#: 问民警 通报3 …, 问民警 #3 …, 问民警 3 …: the alert the question is about.
_ALERT = re.compile(r"(?:通报\s*#?|[#＃])?(\d{1,9})(?:\s+|$)")
#: 收到，… / 好的收到。… : an acknowledgement with more said after it.
_ACK_THEN = re.compile(r"(?:好的)?[，,\s]*(?:已?收到了?|知道了|明白了?)[，,。.!！\s]+(.+)", re.S)
_QUESTION = re.compile(r"[?？]|吗|呢|怎么|几点|哪天|什么时候|要不要|能不能|可不可以|需不需要|是否")
_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
#: Pairs every message shares with every alert: they do not tie a question to one.
_COMMON = frozenset(
    ("派出", "出所", "我们", "你们", "请问", "什么", "可以", "一下", "是不", "不是", "这个", "那个")
)
#: How recent an alert must be for a question sharing its words to be taken as about it.
_FRESH = timedelta(hours=24)
USAGE = "请发送「问民警 您的问题」，如 问民警 明天几点来检查？"


def _split(args: str) -> tuple[int | None, str]:
    found = _ALERT.match(args)
    if found is None:
        return None, args.strip()
    return int(found[1]), args[found.end() :].strip()


def _shares_words(text: str, broadcast: Broadcast) -> bool:
    asked = set(_CJK_PAIR.findall(text))
    told = set(_CJK_PAIR.findall(f"{broadcast.title}{broadcast.body}"))
    return bool((asked & told) - _COMMON)


def _about(ctx: Context, text: str, broadcast: Broadcast) -> bool:
    """Whether `text` reads as about `broadcast`: it is fresh and they share words."""
    released = broadcast.released_at or ctx.now
    return ctx.now - released < _FRESH and _shares_words(text, broadcast)


def _plain_question(text: str) -> bool:
    return bool(_QUESTION.search(text)) and not mentions_law(text) and small_talk(text) is None


def with_alert_questions(
    forms: FormEngine, root: Router, law: LawDesk, handler: Handler
) -> Handler:
    """A recipient's words about an alert they just got go to its officer, once they say so:
    「收到，明天几点来？」 acknowledges the alert and offers the rest as a question; a plain
    question sharing the alert's words (明天几点来检查？) is offered too."""

    async def wrapped(ctx: Context) -> list[Reply]:
        if ctx.role in STAFF:
            return await handler(ctx)
        text = ctx.inbound.text.strip()
        then = _ACK_THEN.fullmatch(text)
        rest = then[1].strip() if then else ""
        if rest and small_talk(rest) is not None:
            rest = ""  # 收到，谢谢: only an acknowledgement
        if not rest and not _plain_question(text):
            return await handler(ctx)
        if not rest and (root.suggest(text, ctx.role) is not None or law.has_faq(text)):
            # 客人不登记怎么办: a duty the FAQ or a feature answers at once, not the officer.
            return await handler(ctx)
        try:
            found = await recent_alerts(ctx)
        except LookupError:
            return await handler(ctx)
        broadcast = found[0][0]
        replies: list[Reply] = []
        if rest:
            if found[0][1].acked_at is None:
                replies.extend(await record_acks(ctx, found))
        elif _about(ctx, text, broadcast):
            rest = text
        else:
            return await handler(ctx)
        replies.append(
            Text(
                f"您的问题可以转给发{questions.about(broadcast)}的民警，答复会发到这里。"
                "不是问这条通报的，请回复「取消」。"
            )
        )
        answered = {"text": rest}
        start = await forms.start(ctx, FORM_NAME, {"to": f"{QUESTION}:{broadcast.id}"}, answered)
        return [*replies, *start]

    return wrapped


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "ask_officer",
        commands=("问民警", "ask_officer"),
        keywords=("问民警", "联系民警", "找民警"),
        help="向社区民警提问，如：问民警 明天几点来检查？",
    )
    async def ask_officer(ctx: Context) -> list[Reply]:
        if ctx.role in STAFF:
            return [Text("群众的提问请发送「/答复」查看和答复。")]
        alert, text = _split(ctx.match.args if ctx.match else "")
        if alert is None and text:
            # 问民警 明天几点来检查: right after the alert about it, it goes to its author.
            try:
                latest = (await recent_alerts(ctx))[0][0]
            except LookupError:
                latest = None
            alert = latest.id if latest and _about(ctx, text, latest) else None
        return await send_or_ask(
            ctx, forms, f"{QUESTION}:{alert or ''}", text, "请问您想问民警什么？"
        )

    @router.route(
        "answer_question",
        commands=("答复", "answer_question"),
        roles=STAFF,
        help="群众提问：/答复 查看待答复，/答复 编号 内容",
    )
    async def answer_question(ctx: Context) -> list[Reply]:
        words = (ctx.match.args if ctx.match else "").split(maxsplit=1)
        if not words:
            return await _open(ctx)
        number = record_number(words[0])
        if number is None:
            return [
                Text("请发送「/答复 编号 内容」，编号见「/答复」列表，如 /答复 5 明天上午九点到。")
            ]
        text = words[1] if len(words) > 1 else ""
        question = await questions.visible_question(ctx, number)
        lead = ""
        if question is not None and not text:
            asked = ctx.services.cipher.decrypt(question.text_enc, questions.QUESTION_TEXT)
            lead = f"答复提问 #{number}「{asked}」（答复会发回提问的聊天）："
        return await send_or_ask(ctx, forms, f"{OFFICER_QUESTION}:{number}", text, lead)

    return router


async def _open(ctx: Context) -> list[Reply]:
    found = await questions.open_questions(ctx, ctx.now - questions.OPEN_FOR)
    if not found:
        return [Text("目前没有待答复的群众提问。")]
    ids = {q.venue_id for q in found if q.venue_id is not None}
    rows = await ctx.session.exec(select(Venue).where(col(Venue.id).in_(ids)))
    places = {v.id or 0: v.name for v in rows.all()}
    lines = [f"待答复的群众提问 {len(found)} 条："]
    lines.extend(questions.question_line(ctx, q, places) for q in found[:20])
    lines.append("发送「/答复 编号 内容」答复。")
    return [Text("\n".join(lines))]
