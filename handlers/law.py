"""Legal questions: `咨询 …`, `/咨询`, or any message that reads like a legal question.

Answers come from the statute knowledge base (FAQ first, then articles, each cited as
《法律名》第X条); `更多` (继续, 然后呢) pages on and `全文 N` shows an article whole; 那怎么办
after an answer is told how to go on. The chat's last question
is kept (sealed) in its memo for a day, so paging works across restarts and replicas.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, exists, or_
from sqlmodel import col, select

from bot import choice_memory
from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, Router
from bot.validators.idcard import mentions_resident_id
from handlers.emergency import answer_about, emergency_notice, faq_after, notice_words
from handlers.police_calls import asks_to_call, matter_of, may_call
from handlers.reports.templates import find_template, fits, template_for_story
from handlers.services.venues import owner_kinds
from handlers.tips.suggest import DECLINE_ASKING, take_declined
from knowledge.answer import (
    SCREEN,
    TELEGRAM,
    WEB,
    WECHAT,
    LawAnswerer,
    LawQuery,
    ReplyLimit,
    finds_nothing,
    full_text_offer,
    is_followup,
    is_legal_question,
)
from knowledge.base import KnowledgeBase
from knowledge.faq import PLACE_WORDS, WRITTEN_FOR, FaqMatch
from knowledge.intent import mentions_form, mentions_law, small_talk
from knowledge.pages import offered
from knowledge.paths import vocabulary_dirs
from knowledge.typos import load_typos
from storage import memos
from storage.models import AuditEvent, FormState, Role, UserMemo

MEMO = memos.LAW_QUESTION
#: Statements shorter than this are not matched against the FAQ.
_FAQ_STATEMENT_CHARS = 5
#: A FAQ match this close is sure enough to answer a message too short to read as a
#: question (传销, 正当防卫, 卖假烟: 0.71 and more), and to stand under an emergency notice:
#: 我家孩子被拐了 had matched 打架了会怎么处理 at 0.56 (through 孩子), 我老婆被她前夫打了
#: 配偶出轨、重婚怎么办 at 0.65, and 吃饭了吗 matches 客人吃霸王餐跑了 at 0.59.
SURE_FAQ = 0.7
#: How many things of a statement (a word with its legal terms) a curated answer's phrasing
#: must share for the statement to want it: 我收到快递了 shares only 快递 with 快递被人冒领
#: (0.70) and had got the answer on a parcel taken; 转帐转错人了 shares 转账 and 转错.
_TOLD = 2
#: A message this short (without marks) that is mostly a legal term (正当防卫, 刑法) is a
#: question on it; a longer one with a term in it (今天来了两个旅客) is a story.
_TERM_MESSAGE_CHARS = 8
#: 打110有什么用, 110是干什么的: a question about the emergency line itself, which had got
#: the FAQ on fights.
_ABOUT_110 = re.compile(
    r"^(?:请问)?(?:打|拨打?|报)?110(?:报警)?(?:是|能|可以|管|有|到底)?"
    r"(?:干什么|干嘛|做什么|什么|啥|哪些)(?:用|的|事)?(?:吗|呢|啊)?$"
)
_ABOUT_110_REPLY = (
    "110是公安机关的报警求助电话，24小时有人接听，免费，手机欠费、没有SIM卡也能拨打。"
    "正在发生的违法犯罪（打架、抢劫、盗窃、诈骗转账等）、危及人身或财产安全的紧急情况、"
    "有人走失或被困需要警察帮助的，都可以拨打110。\n"
    "不紧急的咨询、投诉、建议，请拨打12345政务服务便民热线{station}；"
    "在这里也可以发送「问民警」「报案」「举报」或直接提问。"
)
#: The sender in what happened (敲诈我, 被我抓到了), not only the one who saw it (我发现有人…);
#: a message that starts with 被 (被骗进传销 交了三万块) tells what was done to the sender.
_ABOUT_ME = re.compile(r"我(?!发现|看到|看见)|^\s*被")
#: 更多 and 全文 N refer to the last question for this long; after it, a new question is
#: needed (the retention job deletes older memos).
MEMO_TTL = timedelta(days=1)
#: A question asked within this is what a short follow-up (对方先动手的呢) goes on from; a
#: message after a longer pause is a new question.
FOLLOW_UP_WINDOW = timedelta(minutes=10)
#: 全文二, 全文第2条 and 全文2. typed as one word: the router matches whole words (a mark
#: after one dropped), and finds a number glued to a word only in digits (全文2); 全文二 had
#: got 您是想「全文」吗.
_NUMBERS = "一二三四五六七八九十123456789"
_FULL_TEXT_WORDS = (
    "全文",
    *(f"全文{n}" for n in _NUMBERS),
    *(f"全文第{n}{unit}" for n in _NUMBERS for unit in "条个"),
)
#: 还有他老婆 after a guest's receipt: a statement that adds to what was said before (a
#: companion to register), not a matter for the statutes (it had got 被家暴了怎么办).
_ADDS_ON = re.compile(r"^(还有|另外|以及|加上|再加上|外加|再有)")
#: 问一下警官 …, 问民警 …, 警官，…: said to the officer; what follows is the question for them.
_TO_OFFICER = re.compile(
    r"^(?:你好|您好)?[\s，,]*(?:(?:我想|想|请|麻烦)?问(?:一下|下)?"
    r"(?:警官|民警|警察|片警|社区民警|派出所)(?:同志|叔叔)?(?:您好|你好)?"
    r"|(?:警官|民警|警察同志|警察叔叔)(?:您好|你好)?(?=[\s，,：:]))[\s，,：:]*"
)
#: 这个怎么用啊: how to use the bot, which 帮助 tells (it had got a follow-up on 灭火器).
_HOW_TO_USE = re.compile(
    r"(?:这个|这|它|你|您|这玩意儿?|这个系统|这个机器人|这个平台)?(?:要|该|应该)?"
    r"(?:怎么|咋|如何|怎样)(?:用|使用|操作)(?:的|呢|啊|呀|吗)*"
)
#: Memos the law's own exchanges write later than its answer: the rest of a long answer
#: (更多 after 全文 N) is no other exchange.
_OWN_MEMOS = (MEMO, "unshown", "law_details")
#: That the chat was asked for the details of its last question (那怎么办 was said).
_DETAILS_ASKED = _OWN_MEMOS[2]
#: 我是网吧老板, 我开了个小旅馆, 怎么成为商家用户, 房东怎么绑定: a person not yet bound
#: asking to be an owner or landlord here, which had got FAQ answers (买到假货怎么办). The
#: whole message, so that 网吧老板不让未成年人上网违法吗 still goes to the law.
_PLACES = "老板|老板娘|店主|房东|负责人|经营者|商户|商家|旅馆|宾馆|民宿|网吧|小店|店|超市|饭店|餐馆"
_JOINING = re.compile(
    rf"(?:我是|我开了?|我家开了?)(?:一家|一个|个|家)?.{{0,8}}(?:{_PLACES})"
    r"|(?:请问)?(?:我|我们)?(?:要|想|该)?(?:怎么|如何|怎样)(?:才能)?(?:成为|注册|绑定|认证|入驻)"
    r".{0,6}(?:商家|场所|店主|老板|房东|负责人|商户)(?:用户|身份|账号)?(?:呢|啊|吗)?"
    r"|(?:商家|场所|店主|老板|房东|负责人|商户)(?:用户)?(?:要|该)?(?:怎么|如何|怎样)(?:才能)?"
    r"(?:成为|注册|绑定|认证|入驻)(?:身份|账号)?(?:呢|啊|吗)?"
)
_JOIN_REPLY = "如您是场所负责人或房东，请向社区民警索取邀请码，然后发送「/绑定 邀请码」。"
_NO_TIP = "好的。如需帮助请发送「帮助」；以后想举报，随时发送「举报」即可。"
_NOT_READY = "法律知识库尚未导入，暂时无法解答法律问题。请联系派出所工作人员。"
#: 咨询法律问题 (the web chat's shortcut), 我想咨询法律问题, 法律咨询: asking to ask, not a
#: question; it had been searched for 法律问题 and got the 民法典's 技术服务合同.
_WANTS_TO_ASK = re.compile(
    r"/?(?:(?:你好|您好)?(?:我|请问)?(?:想|要|需要|能|可以)?(?:咨询|问|请教)(?:一下|下|个|几个|些)?"
    r"(?:法律|法律上的?|法律方面的?)(?:问题|事情|事)?(?:吗|呢|啊|可以吗|行吗)?"
    r"|法律(?:咨询|问题))"
)
_ASK = "请直接发送您想咨询的法律问题，例如：「房东不退押金怎么办」或「治安管理处罚法第56条」。"
#: 那怎么办 after an answer: the resident wants a next step, not another search.
_WHAT_NOW = re.compile(r"(那|那我|我)?(该|应该|要)?(怎么办|咋办|怎么弄|咋整)(呢|啊|呀)?")
_WHAT_NOW_REPLY = (
    "请把情况说得具体些：发生了什么、涉及什么人（如「房东不退押金怎么办」），我再帮您查；"
    "点「更多」看更多相关条文。需要民警处理的，可以发送「报案」；紧急情况请直接拨打110。"
)
#: A victim's story no article was found for: the report it fits is the answer.
_REPORT_ALONE = (
    "这种情况可以在这里自助报案，提交后会得到报案号，社区民警会跟进。紧急情况请直接拨打110。"
)
#: The next page of the answer given, as a button: 那怎么办 had been told to 回复「更多」
#: with nothing to tap.
_MORE = Button("更多", "更多")


def _limit(ctx: Context) -> ReplyLimit:
    """How long a reply may be on the sender's channel, as the channel says of itself
    (`ChannelFacts`); a channel the server does not run is taken as counting characters."""
    facts = ctx.services.channels.get(ctx.inbound.channel)
    if facts is not None and facts.highlights:
        return WEB
    return WECHAT if facts is not None and facts.counts_bytes else TELEGRAM


async def last_question(ctx: Context, fresh_for: timedelta = MEMO_TTL) -> LawQuery | None:
    """The chat's last legal question and its page, if asked within `fresh_for`: what 更多
    and 全文 continue, and the story a report started soon after takes its answers from."""
    kept = await memos.recall(ctx.session, ctx.user_key, MEMO, ctx.now, fresh_for)
    return LawQuery(**json.loads(kept)) if kept else None


async def _details_asked(ctx: Context) -> bool:
    """Whether the chat was asked for the details of its last question just before
    (`LawDesk._ask_details`)."""
    asked = await memos.recall(ctx.session, ctx.user_key, _DETAILS_ASKED, ctx.now, FOLLOW_UP_WINDOW)
    return asked is not None


async def _remember(ctx: Context, state: LawQuery) -> None:
    """Keep `state` as the chat's last legal question, said now."""
    asked = {"question": state.question, "page": state.page}
    if state.context:  # what a follow-up went on from, for its 更多 and 全文 N
        asked["context"] = state.context
    await memos.remember(
        ctx.session, ctx.user_key, MEMO, json.dumps(asked, ensure_ascii=False), ctx.now
    )


async def _exchanged_since(ctx: Context) -> bool:
    """Whether the chat did something else after its last legal answer: a form filled in,
    a command run, a reply with buttons (a guest's receipt). 怎么罚 after a registration
    is not about the legal question asked before it. What the legal answer wrote itself
    (its buttons, a tip offered under it) has the answer's time, not a later one."""
    asked = await memos.written_at(ctx.session, ctx.user_key, MEMO)
    if asked is None:
        return False
    return bool(await ctx.session.scalar(select(_other_exchanges(ctx, asked))))


def _other_exchanges(ctx: Context, since: datetime) -> ColumnElement[bool]:
    memo = exists().where(
        col(UserMemo.user_key) == ctx.user_key,
        col(UserMemo.updated_at) > since,
        col(UserMemo.name).not_in(_OWN_MEMOS),
        col(UserMemo.name).not_like("unshown:%"),
    )
    form = exists().where(col(FormState.key) == ctx.user_key, col(FormState.updated_at) > since)
    # Owners' and officers' commands are audited (residents' are not, see bot.middleware.
    # audit); the law's own (咨询, 更多) are no other exchange.
    command = exists().where(
        col(AuditEvent.person_id) == ctx.person.id,
        col(AuditEvent.at) > since,
        col(AuditEvent.action).not_in(("command:law", "command:law_more", "command:more")),
    )
    return or_(memo, form, command)


class LawDesk:
    """Answers legal questions for every channel; holds the one loaded knowledge base."""

    def __init__(self, kb: KnowledgeBase | None) -> None:
        self._kb = kb
        self._answerers = (
            {
                limit: LawAnswerer(kb, limit=limit, about=answer_about)
                for limit in (WECHAT, TELEGRAM, WEB)
            }
            if kb
            else {}
        )
        # The packaged and the station's misspellings, read with the knowledge base.
        self._typos = kb.typos if kb is not None else load_typos(*vocabulary_dirs())
        # The segmentation dictionary's legal terms and the laws' short titles.
        self._terms = (
            frozenset(kb.retriever.segmenter.vocabulary.terms)
            | {law.short for law in kb.index.corpus.laws if len(law.short) > 1}
            if kb
            else frozenset()
        )

    @property
    def ready(self) -> bool:
        return bool(self._answerers)

    def _faq(self, text: str, kinds: frozenset[str] = frozenset()) -> FaqMatch | None:
        # One message is asked of the FAQ again and again (is it legal, beside a notice,
        # what does its answer say to do), each time a scan of every phrasing: the
        # knowledge base remembers the last texts' matches, the answer's own among them,
        # so each text is matched once.
        return self._kb.faq_match(text, kinds) if self._kb is not None else None

    async def has_faq(self, ctx: Context, text: str) -> bool:
        """Whether a curated answer matches `text` (客人不登记怎么办), as its sender is
        answered (an owner's question read for their kind of place)."""
        return self._faq(text, await _place_kinds(ctx)) is not None

    async def for_their_place(self, ctx: Context, text: str) -> bool:
        """Whether `text` names the sender's kind of place and a curated answer written for
        it matches (网吧监控录像要保存多久, from an internet café): a duty of theirs, asked
        in so many words. One naming no place is read as about theirs, and matches loosely
        (有照片要求吗, as 旅馆有照片要求吗, had matched 旅馆消防要注意什么)."""
        kinds = await _place_kinds(ctx)
        named = {kind for kind in kinds if any(w in text for w in PLACE_WORDS.get(kind, ()))}
        found = self._faq(text, kinds) if named else None
        return found is not None and bool(named.intersection(found.entry.kinds))

    async def written_for(self, ctx: Context, text: str) -> bool:
        """Whether a curated answer was written for `text` nearly word for word, or tells the
        sender what to do about a harm done to them: a statement that reads like a tip
        (被人拉进赌博群了, 有人P图…敲诈我要500块) still wants that answer. Read as its sender
        is answered (an owner's for their kind of place): a hotel owner's 房客半夜带朋友进来
        住，不对劲 had been read as a resident's, without the hotel's answer on guests brought
        in, and got the offer to report alone."""
        found = self._faq(text, await _place_kinds(ctx))
        if found is None:
            return False
        return found.similarity >= WRITTEN_FOR or (
            found.entry.act_first
            and _ABOUT_ME.search(text) is not None
            and self._tells_of(text, found)
        )

    def _tells_of(self, text: str, found: FaqMatch) -> bool:
        """Whether statement `text` tells of the trouble `found`'s answer is for, not only
        of what it is about (我收到快递了 names a parcel, nothing wrong with it)."""
        if found.similarity >= WRITTEN_FOR or self._kb is None:
            return True
        return self._kb.faq.things_told(text, found.entry) >= _TOLD

    async def for_victims(self, ctx: Context, text: str) -> list[Reply]:
        """The answer, if `text` matches one that tells a victim what to do first (我的电动车
        被偷了, 我被骗了): a matter that must not wait behind anything else; else nothing."""
        found = self._faq(text, await _place_kinds(ctx))
        if found is None or not found.entry.act_first or not self._tells_of(text, found):
            return []
        return await self.answer(ctx, text)

    async def answer(self, ctx: Context, text: str, *, alone: bool = False) -> list[Reply]:
        """The answer to `text`, which may page on from or follow up the chat's last legal
        question, unless it is asked `alone`."""
        if not self._answerers:
            return [Text(_NOT_READY)]
        last = await last_question(ctx)
        recent = (
            not alone
            and last is not None
            and await last_question(ctx, FOLLOW_UP_WINDOW) is not None
            and not await _exchanged_since(ctx)
        )
        # The reply to 那怎么办's request for details tells more of the question: it is
        # read with it once, and 更多 then pages the two together.
        details = recent and not is_followup(text) and await _details_asked(ctx)
        if details:
            await memos.forget(ctx.session, ctx.user_key, _DETAILS_ASKED)
        kinds = await _place_kinds(ctx)
        answerer = self._answerers[_limit(ctx)].asked_by(kinds)
        notice = _notice_before(ctx, text)
        # The notice and the page come as one message, on one screen.
        screen = SCREEN - len(notice) - 2 if notice else SCREEN
        after = self._after_notice(ctx, text, kinds)
        question = text if after is None else after  # asked on its own, no follow-up
        # An emergency is a matter of its own, not a follow-up of the question before.
        replies, state = answerer.reply(
            question,
            last,
            recent=recent and after is None and not notice,
            screen=screen,
            after_notice=notice_words(text) if notice else "",
            details=details,
        )
        # Officers ask for the citizens they serve; their /报案 lists the station's reports.
        offer = ctx.role not in STAFF and not is_followup(text)
        story = template_for_story(text) if offer else None
        shown = answerer.shown_faq(state) if offer and story is None and state else None
        if shown is not None and shown.entry.report:
            # The answer offers its report whatever the words: 被人骗了500块钱 as 被骗了.
            story = find_template(shown.entry.report)
            story = story if story is not None and fits(text, story) else None
        if story is not None:
            # 电动车被偷了: the articles say what the law is; the report is what to do.
            label = story.kind.label
            button = Button(f"自助报案：{label}", f"/报案 {label}")
            if all(finds_nothing(r) for r in replies):
                # A story told whole (…车牌是京A12345，蓝色雅迪) had got 没有找到…相关的
                # 法律条文 before its report: what to do is all there is to say.
                replies = [Choices(_REPORT_ALONE, (button,))]
            else:
                replies = [
                    *replies,
                    Choices("如需报案，点下面的按钮自助报案，民警会跟进：", (button,)),
                ]
        if is_followup(text) and not any(isinstance(r, Choices) for r in replies):
            # A page without buttons of its own (全文 N): the answer's (全文 2, 更多, and
            # the tip or report offered under it) are still the ones to tap, until anything
            # else is said (`bot.dispatch` then drops them, and the tip offer's story with
            # them: `handlers.tips.router`). Dropped here, 谢谢 and 查询 after 全文 1 left
            # nothing to tell them from the page, and a later 举报 took the story.
            kept = await choice_memory.shown_values(ctx.session, ctx.user_key, ctx.now)
            ctx.keep_choices = any(is_followup(value) for value in kept)
        if state is not None:
            # Written again when unchanged (全文 N): the time says when the chat last spoke
            # of the law, which a follow-up goes on from (`_exchanged_since`).
            await _remember(ctx, state)
        return replies

    async def _ask_details(self, ctx: Context) -> list[Reply]:
        """那怎么办 after an answer: what happened is asked, and the reply tells more of the
        question answered (`answer`), not a question of its own: it had been kept as the
        chat's last question, and 更多 paged it alone."""
        last = await last_question(ctx)
        if last is not None:
            # The law spoke last, so the details come straight after it (`_exchanged_since`).
            await _remember(ctx, last)
            await memos.remember(ctx.session, ctx.user_key, _DETAILS_ASKED, "1", ctx.now)
        return [Choices(_WHAT_NOW_REPLY, (_MORE,))]

    async def _to_officer(self, ctx: Context, said: str, question: str) -> list[Reply]:
        """问一下警官 那个冒充公安的长什么样 有照片吗: the officer's question (`said` whole,
        as it was put to them), one tap away, then what the statutes say of `question` if
        they say anything (they had said 没有找到… before the offer came)."""
        offer = Choices(
            "要把这个问题转给社区民警吗？答复会发到这里。不需要就不用理会。",
            (Button("转给民警", f"/问民警 {said}"),),
        )
        kinds = await _place_kinds(ctx)
        if not self.ready or mentions_resident_id(question) or not self._legal(question, kinds):
            return [offer]
        # Said to the officer, it is a question of its own: no follow-up of the last one.
        answered = await self.answer(ctx, question, alone=True)
        return [offer, *(r for r in answered if not finds_nothing(r))]

    async def _goes_on(self, ctx: Context, text: str) -> bool:
        """Whether `text` is an elliptical follow-up (怎么罚, 那要多久) of a legal question
        asked just before, with nothing else said in between: too short to be a legal
        question alone, it had got 没有理解."""
        answerer = self._answerers[_limit(ctx)]
        if not answerer.elliptical(text):
            return False
        last = await last_question(ctx, FOLLOW_UP_WINDOW)
        if last is None or await _exchanged_since(ctx):
            return False
        return answerer.leans_on(_said_plainly(text), last.question)

    async def _gives_details(self, ctx: Context) -> bool:
        """Whether a message answers the request for details just made (那怎么办), with
        nothing else said in between."""
        if not await _details_asked(ctx):
            return False
        return await last_question(ctx, FOLLOW_UP_WINDOW) is not None and not (
            await _exchanged_since(ctx)
        )

    async def has_question(self, ctx: Context) -> bool:
        return await last_question(ctx) is not None

    def _may_call(
        self,
        text: str,
        kinds: frozenset[str],
        *,
        answer_follows: bool = False,
        following: Sequence[Reply] = (),
    ) -> str:
        """Whether the matter of `text` is one for the police, led by what its curated
        answer says to do about it (楼上漏水: 物业, 调解, 法院), as read for an owner of
        `kinds` of place; `following`, the answer sent under the line."""
        matter = matter_of(text)
        found = self._faq(matter, kinds) if matter else None
        said = found.entry.answer if found is not None else ""
        under = "\n".join(r.text for r in following if isinstance(r, Text | Choices))
        return may_call(matter, said, answer_follows=answer_follows, following=under)

    async def on_the_matter(self, ctx: Context, text: str) -> list[Reply]:
        """Whether the matter of the legal question asked just before, with nothing else
        said in between, is one for the police (这种情况能报警吗 after 楼上漏水把我家淹了):
        that line first, naming the matter, and the answer already given one word away, not
        repeated (`text` is ""); else what the statutes say of `text` asked alone. Nothing
        when there is no such matter or they say nothing."""
        if not self.ready or mentions_resident_id(text):
            return []
        if text:
            return [r for r in await self.answer(ctx, text, alone=True) if not finds_nothing(r)]
        last = await last_question(ctx, FOLLOW_UP_WINDOW)
        if last is None or await _exchanged_since(ctx):
            return []
        kinds = await _place_kinds(ctx)
        found = self._faq(matter_of(last.question), kinds)
        named = len(found.entry.cites) if found is not None else 0
        # The answer's own buttons, as under it: 回复「更多」 had come with none to tap.
        offer = full_text_offer(named, tap=True) if named else "点「更多」看下一页。"
        said = f"{self._may_call(last.question, kinds)}\n\n上面的回答：{offer}"
        return [offered(said, 1, named, True) if named else Choices(said, (_MORE,))]

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
            if not question or _WANTS_TO_ASK.fullmatch(_said_plainly(ctx.inbound.text)):
                return [Text(_ASK)]
            return await self.answer(ctx, question)

        @router.route("law_declined_tip", keywords=(DECLINE_ASKING,))
        async def declined_tip(ctx: Context) -> list[Reply]:
            # 「不用了」 to 是否要向民警举报？ after 电信诈骗: no tip, so perhaps a question.
            said = await take_declined(ctx)
            if (
                self.ready
                and said
                and self._legal(said, await _place_kinds(ctx))
                and not mentions_resident_id(said)
            ):
                return await self.answer(ctx, said, alone=True)
            return [Text(_NO_TIP)]

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

    def _legal(self, text: str, kinds: frozenset[str]) -> bool:
        """A legal question, or a statement a curated answer was written for (转帐转错人了
        asks nothing, yet wants the answer), or a short message that names a legal matter:
        a legal term or a law (正当防卫, 刑法), or one a curated answer is sure of (传销,
        卖假烟), which had got 没有理解. Small talk and the forms' words are not. The
        curated answers are read as for an owner of `kinds` of place, as the answer will
        be: a hotel owner's 来了个外国客人 is 旅馆来了个外国客人."""
        if is_legal_question(text):
            return True
        plain = text.strip()
        if _ADDS_ON.match(plain) is not None or small_talk(text) is not None:
            return False
        found = self._faq(text, kinds)
        if found is not None and len(plain) >= _FAQ_STATEMENT_CHARS:
            if self._tells_of(text, found):
                return True
            found = None  # it names a matter and tells nothing of it (我收到快递了)
        if mentions_form(plain):  # 住宿登记 is a term, and a command
            return False
        return self._names_term(plain) or (found is not None and found.similarity >= SURE_FAQ)

    def _names_term(self, text: str) -> bool:
        """Whether a short message is mostly legal terms or a law's name (正当防卫, 刑法):
        今天来了两个旅客 has a term in a story."""
        said = _said_plainly(text)
        if self._kb is None or not said or len(said) > _TERM_MESSAGE_CHARS:
            return False
        words = self._kb.retriever.segmenter.words(said)
        named = sum(len(word) for word in words if word in self._terms)
        return 2 * named >= len(said)

    def _after_notice(self, ctx: Context, text: str, kinds: frozenset[str]) -> str | None:
        """The FAQ question answered under the emergency notice for `text` instead of what
        `text` matches itself, asked by an owner of `kinds` (see `handlers.emergency.
        FAQ_AFTER`): after the 家暴 notice, 他喝醉了要打我 had got 打架了会怎么处理 (调解…
        不予处罚)."""
        after = faq_after(text) if ctx.role not in STAFF else None
        if after is None:
            return None
        question, always = after
        found = self._faq(text, kinds)
        return question if always or found is None or found.similarity < SURE_FAQ else None

    async def _beside_notice(self, ctx: Context, text: str) -> bool:
        """Whether an emergency notice leads the reply and the curated answer the message
        matches, as its sender is answered, is not sure enough to stand under it: after
        有人走失请立即拨打110, 我家孩子被拐了 had got 打架了会怎么处理, and a homestay
        owner's 收到一个电话…要我把旅客信息发给他 the entry on how long guest records are kept
        (read as 民宿收到一个电话…, as only an owner's question is). The notice alone is better."""
        if not _notice_before(ctx, text):
            return False
        found = self._faq(text, await _place_kinds(ctx))
        return found is not None and found.similarity < SURE_FAQ

    def answering(self, fallback: Handler) -> Handler:
        """Wrap the fallback: a message that reads like a legal question gets an answer."""

        async def handler(ctx: Context) -> list[Reply]:
            # 房冬扣我押经不给 read as 房东扣我押金不给: its typos had left no word of a
            # legal matter in it, and it got 没有理解.
            text = self._typos.corrected(ctx.inbound.text)
            said = _said_plainly(text)
            if ctx.role not in STAFF:
                to_officer = _TO_OFFICER.match(text.strip())
                question = text.strip()[to_officer.end() :] if to_officer else ""
                if question:
                    return await self._to_officer(ctx, text.strip(), question)
                if _HOW_TO_USE.fullmatch(said) and not ctx.retold:
                    ctx.retell = "帮助"
                    return []
            if ctx.role is Role.RESIDENT and _JOINING.fullmatch(said):
                return [Text(_JOIN_REPLY)]
            if self.ready and _WANTS_TO_ASK.fullmatch(said):
                return [Text(_ASK)]
            if self.ready and _continues(said) and await self.has_question(ctx):
                # 继续, 然后呢: the next page; 那怎么办: how to go on from the answer.
                if is_followup(said):
                    return await self.answer(ctx, said)
                return await self._ask_details(ctx)
            kinds = await _place_kinds(ctx)
            # A message with an ID number in it is someone's personal data, not a question.
            legal = self._legal(text, kinds) and (ctx.role not in STAFF or reads_legal(text))
            if self.ready and not legal and small_talk(text) is None:
                # Details asked for (押金三千，说我把墙弄脏了) need not read as a question.
                legal = await self._goes_on(ctx, text) or await self._gives_details(ctx)
            if ctx.role not in STAFF and _ABOUT_110.match(said):
                return [Text(_about_110(ctx))]
            after = faq_after(text) is not None and ctx.role not in STAFF
            if (
                after
                and self.ready
                and not mentions_resident_id(text)
                and self._after_notice(ctx, text, kinds)
            ):
                return await self.answer(ctx, text)  # the notice's own FAQ under it
            if self.ready and not mentions_resident_id(text) and legal:
                if await self._beside_notice(ctx, text):
                    return await fallback(ctx)  # the notice stands alone (see emergency)
                if ctx.role not in STAFF and asks_to_call(text):
                    # 邻居半夜吵闹能报警吗 names its matter: no follow-up of the last one
                    # (被人打了能报警吗 had got the articles on a deposit asked before).
                    # The line answers what was asked, so it leads.
                    answer = await self.answer(ctx, text, alone=True)
                    line = self._may_call(text, kinds, answer_follows=True, following=answer)
                    return [Text(line), *answer]
                return await self.answer(ctx, text)
            return await fallback(ctx)

        return handler


#: A law or an article named (刑法264条, 第56条, 旅馆业治安管理办法).
_LAW_NAMED = re.compile(r"法|条例|第\s*[0-9零〇一二三四五六七八九十百千]+\s*条")


def reads_legal(text: str) -> bool:
    """Whether an officer's message is a legal question: it names a law or a legal matter.
    Officers write of their work (通知悦来老板明天上午去检查, 悦来老板电话多少), which
    had got the FAQ 被公司辞退有赔偿吗 or a hotel's duties, as a resident's story would."""
    return mentions_law(text) or _LAW_NAMED.search(text) is not None


async def _place_kinds(ctx: Context) -> frozenset[str]:
    """The kinds of place the sender owns, which a question naming none is about (a net
    café owner's 顾客不带身份证能不能上网); none for anyone but an owner."""
    return frozenset(kind.value for kind in await owner_kinds(ctx) or ())


def _notice_before(ctx: Context, text: str) -> str:
    """The emergency notice `handlers.emergency` puts before this reply, or ""."""
    return "" if ctx.role in STAFF else emergency_notice(text) or ""


def _about_110(ctx: Context) -> str:
    phone = ctx.services.settings.station.phone
    station = f"，或派出所电话{phone}" if phone else ""
    return _ABOUT_110_REPLY.format(station=station)


def _said_plainly(text: str) -> str:
    """The message without spaces and punctuation: 然后呢？ reads as 然后呢."""
    return re.sub(r"[\s，,。.!！?？~～…]", "", text)


def _continues(said: str) -> bool:
    """Whether a message goes on from a legal answer (继续, 然后呢, 那怎么办) rather than
    asking something new."""
    return is_followup(said) or _WHAT_NOW.fullmatch(said) is not None
