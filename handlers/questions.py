"""「问民警」: owners and residents ask their officers; `/答复` is how officers answer.

- 问民警 明天几点来检查？     to the officers of the asker's place; right after an alert
                              that shares its words, to the alert's author
- 问民警 通报3 要带什么？     about alert 3 (also #3, or a bare 3 when alert 3 reached them)
- 收到，明天几点来？          after an alert: acknowledges it, and offers the question
- /答复                       the officer's unanswered questions
- /答复 5 上午九点到           the answer, sent to the chat the question came from
- /答复 上午九点到             to the one question waiting; with several, a button each

An owner's question under an alert used to reach nobody: 收到 was taken for a typo, and
明天几点来检查？ went to the statutes (and got the rules for visitors from Taiwan). What the
bot offers to send is one button: nothing goes without the tap, and a message that was no
question to the officer costs nothing (it goes on as usual).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from sqlmodel import col, select

from bot import choice_memory
from bot.audit_trail import audit
from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import STAFF, Router
from bot.validators import Invalid
from bot.validators.text import parse_free_text
from handlers.broadcast.acks import (
    alert_waits,
    already_acknowledged,
    not_that_one,
    received_alert,
    recent_alerts,
    record_acks,
    says_one,
)
from handlers.common import NOT_UNDERSTOOD, offers_a_feature
from handlers.emergency import emergency_notice
from handlers.fallback.footprint import footprint
from handlers.law import LawDesk
from handlers.messaging import OFFICER_QUESTION, QUESTION, send_or_ask
from handlers.services import questions
from handlers.services.numbers import record_number
from handlers.tips.suggest import looks_like_tip
from knowledge.answer import NOTHING_DIRECT, NOTHING_FOUND
from knowledge.intent import asks, mentions_law, small_talk
from storage import memos
from storage.models import (
    Broadcast,
    BroadcastAck,
    BroadcastRecipient,
    OutboxMessage,
    OutboxStatus,
    Question,
    Role,
    VenueKind,
)

#: 收到，… with no alert lately to acknowledge, and nothing else sent to the user lately:
#: no 收到 is waited for, and a question for the officer has its own command.
_NO_ALERT = "目前没有待确认的通报。有问题要问民警，请发送「问民警 您的问题」。"
#: 收到，谢谢 after an officer's message (an answer, a word on a report or a tip): what it
#: acknowledges is that message, and being told no 收到 was needed read as a rebuke.
_NOTED = "好的。"
#: How long a message sent to the user is what their 收到 may acknowledge.
_LATELY_TOLD = timedelta(hours=24)

#: 问民警 通报3 …, 问民警 #3 …: the alert the question is about, named as one.
_NAMED_ALERT = re.compile(r"(?:通报\s*[#＃]?|[#＃])(\d{1,9})[\s，,：:]*")
#: 问民警 3 …: alert 3 if it reached the asker; else 3 is part of the question (120 平米).
_BARE_NUMBER = re.compile(r"(\d{1,9})(?:\s+|$)")
#: The words that acknowledge an alert, said first: 收到, 好的, and 看到了, 已阅 as well.
_ACK_WORD = r"(?:好的|已?收到了?|知道了|明白了?|(?:已经?)?看到了|已阅|已读)"
#: 收到，… / 好的收到。… / 看到了，… : an acknowledgement with more said after it.
_ACK_THEN = re.compile(
    # The word may be said twice over (收到收到 我们这边已经关火了, 好的好的，…).
    rf"(?:{_ACK_WORD}[，,。.!！\s]*)*{_ACK_WORD}[，,。.!！\s]+(.+)",
    re.S,
)
#: 另外问下…, 顺便问一下…, 还有: after 收到, what follows is asked on another matter.
_ANOTHER_MATTER = re.compile(
    r"(?:(?:另外|还有|顺便)我?(?:想|要)?(?:问|请教|咨询)?|再我?(?:想|要)?(?:问|请教|咨询))"
    r"(?:一下|下|一句|个事|个问题)?[，,：:\s]*"
)
_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
#: Pairs every message shares with every alert: they do not tie a question to one.
_COMMON = frozenset(
    ("派出", "出所", "我们", "你们", "请问", "什么", "可以", "一下", "是不", "不是", "这个", "那个")
) | frozenset(
    # Who an alert is for: 网吧 is in every alert to internet cafés and in most of their
    # owners' questions (未成年人进网吧怎么办 is their own duty, not the fraud alert's).
    ("网吧", "旅馆", "民宿", "宾馆", "酒店", "超市", "商店", "饭店", "餐馆", "餐厅", "房东", "老板")
)
#: A question must share this many word pairs with an alert to be taken as about it.
_SHARED = 2
#: How recent an alert must be for that.
_FRESH = timedelta(hours=24)
#: 这个通知是什么意思, 通报里说的…: a question that says it is about an alert, the newest.
_NAMES_AN_ALERT = re.compile(r"通报|通知|预警")


#: Characters of a quoted run of an alert's words (灭火器检查记录, 冒充公安).
_QUOTED = 3
_CJK_RUN = re.compile(rf"(?=([\u4e00-\u9fff]{{{_QUOTED}}}))")


def _asks_of(text: str, broadcast: Broadcast) -> bool:
    """Whether a question the statutes or the FAQ answer is asked of `broadcast`: it names
    it (通报#3, 这个通报, 通知里说的…) or quotes a run of its words (随身物品, 冒充公安);
    two words it happens to share with it (客人, 处理) do not make it one."""
    if _NAMES_AN_ALERT.search(text) or _NAMED_ALERT.search(text):
        return True
    told = f"{broadcast.title}{broadcast.body}"
    return any(
        run in told and not all(pair in _COMMON for pair in _CJK_PAIR.findall(run))
        for run in _CJK_RUN.findall(text)
    )


def _shared_pairs(text: str, broadcast: Broadcast) -> int:
    asked = set(_CJK_PAIR.findall(text))
    told = set(_CJK_PAIR.findall(f"{broadcast.title}{broadcast.body}"))
    return len((asked & told) - _COMMON)


async def _alert_about(ctx: Context, text: str, *, sent: bool = False) -> Broadcast | None:
    """The alert of the last day that `text` shares most words with, if at least `_SHARED`
    (hours later, one is chance: 安全 of 营业时间能把安全出口锁上吗 and of a storm alert's
    注意安全); else the newest of the day if `text` says it is about an alert (这个通知…).

    `sent`: the question goes without a tap (问民警 …), so one shared word is never enough,
    even minutes after the alert: 问民警 出租屋要不要装烟感 had reached the officer as about
    the alert on fraud calls. A question only offered may take the one word (the asker sees
    which alert, and may not tap)."""
    lately = await questions.lately_received(ctx, ctx.now - _FRESH)
    # Minutes after it came, one word will do (客人不登记怎么办, under the alert on 登记簿).
    soon = {
        b.id
        for b in lately
        if not sent and b.released_at and ctx.now - b.released_at <= _REPLY_WINDOW
    }
    best, most = None, 0
    for broadcast in lately:
        shared = _shared_pairs(text, broadcast)
        if shared > most and (shared >= _SHARED or broadcast.id in soon):
            best, most = broadcast, shared
    if best is None and lately and _NAMES_AN_ALERT.search(text):
        return lately[0]
    return best


async def _just_acked(ctx: Context) -> Broadcast | None:
    """The alert the asker acknowledged in the last half hour: a question soon after is
    about it as often as not (门口的遮阳棚要不要拆, after the cold-wave alert)."""
    if not (await footprint(ctx)).acks:
        return None
    found = await ctx.session.exec(
        select(Broadcast)
        .join(BroadcastAck, col(BroadcastAck.broadcast_id) == col(Broadcast.id))
        .where(
            col(BroadcastAck.person_id) == ctx.person.id,
            col(BroadcastAck.acked_at) >= ctx.now - _REPLY_WINDOW,
        )
        .order_by(col(BroadcastAck.acked_at).desc())
    )
    return found.first()


async def _lately_about(ctx: Context) -> Broadcast | None:
    """The alert a question sharing no word with any is about: the one just acknowledged,
    unless a newer one came after it and waits unread (我晚上9点半才到家 来得及吗, after an
    urgent alert that followed the acknowledged one)."""
    acked = await _just_acked(ctx)
    if acked is None or acked.id is None:
        return acked
    try:
        waiting = await recent_alerts(ctx)
    except LookupError:
        return acked
    newer = [b for b, r in waiting if r.acked_at is None and b.id is not None and b.id > acked.id]
    return newer[0] if newer else acked


async def _goes_on_asking(ctx: Context) -> bool:
    """Whether a legal question came lately: 怎么罚 after 灭火器过期了会怎样 goes on with
    its answer, not to the officer of the alert acknowledged before (it had been offered
    to the officer of a fire alert, and got no answer)."""
    asked = await memos.written_at(ctx.session, ctx.user_key, memos.LAW_QUESTION)
    return asked is not None and ctx.now - asked <= _REPLY_WINDOW


def _asks(text: str) -> bool:
    return asks(text) and small_talk(text) is None


#: The title of the one button that offers a message to the officer.
_OFFER_TITLE = "转给民警"


def _offer(broadcast: Broadcast | None, text: str, lead: str = "") -> Choices:
    ref = f"#{broadcast.id} " if broadcast else ""
    # The alert's number alone: its title, just acknowledged above, had been said again.
    to = f"发布通报#{broadcast.id}的民警" if broadcast else "社区民警"
    # Not 「是，…」: a 好的 to the next alert must acknowledge it, never press this.
    return Choices(
        lead or f"要把这个问题转给{to}吗？答复会发到这里。不需要就不用理会。",
        (Button(_OFFER_TITLE, f"/问民警 {ref}{text}"),),
    )


def _nothing_said(reply: Reply) -> bool:
    """Whether `reply` only says the message was not understood, or found no statute."""
    if not isinstance(reply, Text):
        return False
    return reply.text.startswith(NOT_UNDERSTOOD) or reply.text in (NOTHING_DIRECT, NOTHING_FOUND)


#: Buttons that page through an answer: what is said under them answers none of them.
_PAGING = re.compile(r"全文 ?\d+|更多")


async def _answering_us(ctx: Context, forms: FormEngine) -> bool:
    """Whether what is said answers the bot's own question on the screen: a form's (a
    guest's name typed for a registration's choices), or a feature's (店已经转给我表弟了
    under 解绑's button to the officer). Buttons that only page through an answer (全文 N,
    更多) or offer it to the officer (转给民警) ask nothing: any buttons at all had kept
    户口本在老家, said under a law answer's 全文 and 更多 after an officer's answer on an ID
    card, from being offered back to that officer."""
    if not ctx.options_shown:
        return False
    stored = await forms.load(ctx)
    if stored is not None:
        # The form's question came after the last buttons kept (or none were: a form keeps
        # its own), as the dispatcher reads a number typed.
        shown_at = await choice_memory.shown_at(ctx.session, ctx.user_key)
        if shown_at is None or shown_at < stored.saved_at:
            return True
    shown = await choice_memory.shown_values(ctx.session, ctx.user_key, ctx.now)
    # By its title: other buttons send /问民警 too (解除绑定's message to the officer).
    ours = await choice_memory.resolve_title(ctx.session, ctx.user_key, _OFFER_TITLE, ctx.now)
    return any(not (_PAGING.fullmatch(value) or value == ours) for value in shown)


def _offers_officer(reply: Reply) -> bool:
    return isinstance(reply, Choices) and all(b.value.startswith("/问民警") for b in reply.buttons)


#: How long after an officer's answer a message may be the asker's reply to it.
_REPLY_WINDOW = timedelta(minutes=30)
#: Words a reply to an answer begins with: taking it up (好的, 那…), objecting (可是), adding
#: (还有), or speaking of what the answer spoke of (他, 那个).
_REPLY_START = re.compile(
    r"\s*(好的|好滴|好吧|好嘞|好[，,。 ]|嗯|哦|噢|行[，,。 ]|那|可是|但是|不过|还有|另外|谢谢|"
    r"收到|明白|知道了|了解|ok|是的|对的|对[，,。 ]|不是|没有|不用|他|她|它|这个|刚才|"
    r"刚刚|您说的|你说的|按您|照您|要是|如果)",
    re.I,
)
#: Words said to the officer, not to the bot: a request (请打我电话, 麻烦您), where the asker
#: will be (明天上午我在店里), or news of what the answer asked for (电话已经打通了).
_TO_OFFICER = re.compile(
    r"请您|麻烦您|麻烦你|请你们|您来|你们来|您过来|你们过来|来的时候|到的时候|修的时候|"
    r"打我电话|给我打电话|打我手机|联系我|找我|我在店|我在家|我都在|我一直在|"
    r"打通了|联系上了|已经(?:联系|通知|告诉|说|让|叫|核实|处理|报)|"
    r"辛苦了|麻烦了"
)
#: 民警什么时候到, 你们几点过来: when the officer comes, which only the officer knows (it
#: had fetched the statute on where police may question a witness).
_COMING = re.compile(r"(?:什么时候|啥时候|几点)(?:能|会|可以)?(?:到|来|过来)")
#: Words to the bot, not to an officer (我爱你😘): they had been offered as a reply.
_CHATTER = re.compile(r"爱你|喜欢你|想你|么么|亲亲|抱抱|[😘😍🥰💋❤💕💗]")
#: Characters of any question and any answer (了怎 of 手机掉了怎么办 and 丢了怎么补办): a
#: word pair with one says nothing of the answer's matter.
_ASKING = re.compile(
    r"[了么怎吗呢吧啊呀的是在有不没要我你您他她它这那哪几多少什谁能会可该就都也还和]"
)


def _on_the_answer(said: str, ctx: Context, answered: Question) -> bool:
    """Whether `said` speaks of what the question and its answer spoke of (户口本在老家,
    after 带户口本来补办): a word pair of theirs in it."""
    cipher = ctx.services.cipher
    spoken = cipher.decrypt(answered.text_enc, questions.QUESTION_TEXT)
    if answered.answer_enc:
        spoken += cipher.decrypt(answered.answer_enc, questions.ANSWER_TEXT)
    shared = set(_CJK_PAIR.findall(said)) & set(_CJK_PAIR.findall(spoken))
    return any(not _ASKING.search(pair) for pair in shared - _COMMON)


async def _replied_to(ctx: Context) -> Question | None:
    """The question whose answer the asker's message may reply to: the one answered last,
    within `_REPLY_WINDOW`. Not one the officer closed (/答复 N 关闭): the asker was told
    「无需另行答复」, and 好的，那我明天去派出所办 had been offered back as a reply to it, to
    an officer who had ended the exchange. The asker's own reply, closed as it was sent,
    still carries the exchange on to the officer who answered."""
    answered = await questions.lately_answered(ctx, ctx.now - _REPLY_WINDOW)
    if answered is None or questions.closed_unanswered(ctx.services.cipher, answered):
        return None
    return answered


async def _answer_taken_up(
    ctx: Context, okay: str, rest: str, unread: list[tuple[Broadcast, BroadcastRecipient]]
) -> bool:
    """Whether 好的，… (`okay`, then `rest`) takes up an officer's answer of the last half
    hour rather than acknowledging the alerts unread: it asks on, says it follows (那…,
    可是…) or speaks of the answer's matter. 收到 is the alert's own word (its button says
    it); thanks (好的，谢谢) and what one will do (好的，我们会注意的) acknowledge as ever;
    what shares a word with an unread alert (好的，暴雨天要关门吗) is about that alert."""
    rest = rest.strip()
    if "收到" in okay or small_talk(rest) is not None:
        return False
    if any(_shared_pairs(rest, broadcast) for broadcast, _recipient in unread):
        return False
    answered = await _replied_to(ctx)
    if answered is None:
        return False
    return asks(rest) or bool(_REPLY_START.match(rest)) or _on_the_answer(rest, ctx, answered)


def with_alert_questions(
    forms: FormEngine, root: Router, law: LawDesk, handler: Handler
) -> Handler:
    """What a recipient says about an alert they got, or to an officer who just answered.

    - 收到，… acknowledges the alerts still unread first.
    - A question sharing words with an alert of the last day (明天几点来检查？, 收到，有照片
      吗) is offered to its officer with one button. A legal question, a duty the FAQ
      answers or a feature's name gets that answer too, the button after it.
    - What reads as a reply, within half an hour of an officer's answer, is offered back
      to that officer: it takes the answer up (好的，他在房间里没出来), or it is a statement
      nothing else here understands (户口本在老家). Never danger (我想自杀: the emergency
      notice is its answer), chatter (我爱你😘) or a question of its own (手机掉了怎么办).
    - Otherwise the message goes on as if this were not here (收到，我先登记个客人 → 登记).
    """

    async def answered_elsewhere(text: str, ctx: Context) -> bool:
        if mentions_law(text) or root.suggest(text, ctx.role) is not None:
            return True
        return await law.has_faq(ctx, text)

    def only_told(said: str, ctx: Context) -> bool:
        """马上通知租客关煤气 after 收到: what the recipient does about the alert. It asks
        nothing, names no feature and reports nothing seen, and the statutes its legal
        words (租客) fetched answered a question nobody asked."""
        return not (asks(said) or looks_like_tip(said) or offers_a_feature(root, said, ctx.role))

    async def asked_apart(said: str, about: Broadcast, ctx: Context) -> list[Reply]:
        """The answers to a question said after 收到 that is none of the alert's: it shares
        no word with it, and it is a legal one, a duty of the asker's place the FAQ answers
        (网吧监控录像要保存多久), or said to be on another matter (另外问下…) and answered
        here. Nothing when it may be the alert's (有照片要求吗: a loose FAQ match on 照片)."""
        if _asks_of(said, about) or _shared_pairs(said, about):
            return []
        other = _ANOTHER_MATTER.match(said)
        alone = said[other.end() :] if other else said
        if not (
            mentions_law(alone)
            or await law.for_their_place(ctx, alone)
            or (alone != said and await answered_elsewhere(alone, ctx))
        ):
            return []
        return await as_message(ctx, alone)

    async def as_message(ctx: Context, said: str) -> list[Reply]:
        original = ctx.inbound
        ctx.inbound = replace(original, text=said)
        try:
            replies = await handler(ctx)
        finally:
            ctx.inbound = original
        # Not understood says nothing here; an offer of the officer (a question nothing
        # answered) is made once, by the caller, with the alert it is about.
        return [
            r
            for r in replies
            if not (isinstance(r, Text) and r.text.startswith(NOT_UNDERSTOOD))
            and not _offers_officer(r)
        ]

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        # A photo is for the case it answers (reports.pending); in a group, a member's
        # question is not another member's to send.
        group = ctx.inbound.chat_type is ChatType.GROUP
        if ctx.role in STAFF or not text or ctx.inbound.photos or group:
            return await handler(ctx)
        if says_one(text) and await alert_waits(ctx):
            # 1 to an alert (扣1) after an officer's answer: the acknowledgement, not a
            # reply of 「1」 to be offered to the officer.
            return await handler(ctx)
        then = _ACK_THEN.fullmatch(text)
        # 收到，…: opened with the alerts' own word, so what follows is about an alert.
        received = then is not None and "收到" in text[: then.start(1)]
        named = record_number(then[1]) if then else None
        if named is not None:
            # 收到 三 (voice input's 收到 3) names the alert it acknowledges: no reply of
            # 「三」 to an officer's earlier answer.
            try:
                return await record_acks(ctx, [await received_alert(ctx, named)])
            except LookupError:
                # 收到 三 with no alert 3 had got 您是想「收到 3」吗？, then this answer.
                return await not_that_one(ctx, named)
        unread: list[tuple[Broadcast, BroadcastRecipient]] = []
        lately: list[tuple[Broadcast, BroadcastRecipient]] = []
        if then:
            try:
                lately = await recent_alerts(ctx)
            except LookupError:
                lately = []
            unread = [pair for pair in lately if pair[1].acked_at is None]
        if unread and then and await _answer_taken_up(ctx, text[: then.start(1)], then[1], unread):
            # 好的，那电子身份证在哪里申请 after an officer's answer: the reply to it, never
            # an acknowledgement of the storm alert that came meanwhile (it had been offered
            # to that alert's officer as a new question). What is no reply after all goes
            # on whole, as if no alert waited (the inner 好的 still acknowledges it then).
            unread, lately = [], []
        # Only an acknowledgement of something unread splits the message: 好的，他在房间里
        # 没出来 with nothing to acknowledge is all one reply.
        # 收到 is the alert's own word, said after its button too: what follows is asked of
        # that alert (收到，请问明天几点检查 had got an FAQ on fire safety, and no officer).
        again = lately[:1] if received and not unread else []
        said = then[1].strip() if then and (unread or again) else text
        replies: list[Reply] = list(await record_acks(ctx, unread)) if unread else []
        answered: Question | None = None
        looked = False  # whether `answered` was looked up (None then means none)
        if _asks(said):
            about: Broadcast | None = None
            if unread or again:
                # 收到，有照片要求吗: about what it acknowledges, the newest if no words tell.
                just = [broadcast for broadcast, _recipient in unread or again]
                about = max(just, key=lambda b: _shared_pairs(said, b))
            else:
                # 好的 那你电话多少？ after an officer's answer follows the answer, not the
                # alert acknowledged before it.
                answered = await _replied_to(ctx)
                looked = True
                if answered is None:
                    about = await _alert_about(ctx, said)
                    if about is None and emergency_notice(said) is None:
                        # Not in the alert's words, it is about the one just acknowledged
                        # if nothing else answers it (小饭店要办什么证 after a fire-safety
                        # alert is the FAQ's, not its officer's), or if it shares a word
                        # with it (租客不登记会被罚款吗, after the alert on 登记簿: the
                        # statutes, then the officer). Never if it tells of danger (我不想
                        # 活了怎么办 is no question on the fire drill).
                        acked = await _lately_about(ctx)
                        if acked is not None and (
                            _shared_pairs(said, acked) > 0
                            or not (
                                await answered_elsewhere(said, ctx) or await _goes_on_asking(ctx)
                            )
                        ):
                            about = acked
            if about is not None and (unread or again):
                apart = await asked_apart(said, about, ctx)
                if apart:
                    # 收到 另外问下网吧监控录像要保存多久: answered as if asked alone; it
                    # had got only the offer of the alert's officer.
                    return [*replies, *apart]
            if about is not None:
                # After 收到 it is about the alert unless a legal word says otherwise (a
                # loose FAQ match on 照片 is no reason to show statutes).
                elsewhere = (
                    mentions_law(said) if unread or again else await answered_elsewhere(said, ctx)
                )
                if elsewhere:
                    answers = await as_message(ctx, said)
                    if answers and not (unread or again or _asks_of(said, about)):
                        # 客人退房后把东西落下了怎么处理, after an alert that told of 客人 and
                        # 处理: its answer, and no offer of the alert's officer, as if it
                        # were a question on the alert.
                        return answers
                    replies.extend(answers)
                return [*replies, _offer(about, said)]
        # Not while the bot's own question waits (a guest's name typed for its choices), and
        # never after danger: 我想自杀 had got the 12356 line, then 「这是给民警的回复吗？」.
        answering_us = await _answering_us(ctx, forms)
        if (
            small_talk(said) is None
            and not answering_us
            and emergency_notice(said) is None
            and not _CHATTER.search(said)
        ):
            if not looked:
                answered = await _replied_to(ctx)
            if answered is not None:
                # 好的，他现在在房间里没出来: said back to the officer who just answered.
                about = (
                    await questions.received(ctx, answered.broadcast_id)
                    if answered.broadcast_id
                    else None
                )
                lead = "这是给民警的回复吗？是的话点下面的按钮发送。"
                offer = _offer(about, f"（接提问 #{answered.id}）{text}", lead)
                # `said`, not the whole text: every 收到，… would begin like a reply.
                taken_up = bool(_REPLY_START.match(said))
                on_it = _on_the_answer(said, ctx, answered)
                coming = bool(_COMING.search(said))
                to_officer = coming or bool(_TO_OFFICER.search(said))
                if taken_up and not await answered_elsewhere(said, ctx):
                    return [*replies, offer]
                if (
                    not unread
                    and (taken_up or on_it or to_officer)
                    and not offers_a_feature(root, said, ctx.role)
                ):
                    # 户口本在老家, 检查要带灭火器记录吗: on the answer's matter, or with a
                    # word that says it follows the answer or speaks to the officer: a
                    # reply. What speaks of nothing the answer did ([语音], 我的旅馆地址搬
                    # 了, a question of its own like 手机掉了怎么办) is not, nor a feature's
                    # words (刚才登记的208房间号错了 is the correction's, 等级一下 the
                    # registration's).
                    if (coming or not asks(said)) and not looks_like_tip(said):
                        # 监护人电话已经打通了，是她妈妈: news for the officer, as the
                        # answer's notice promised. The statutes its legal word (监护人)
                        # fetched (an FAQ on inheritance) answered nobody.
                        return [offer]
                    others = [r for r in await handler(ctx) if not _offers_officer(r)]
                    if all(_nothing_said(r) for r in others):
                        return [offer]
                    if not (on_it or to_officer):
                        # 没有遗嘱遗产怎么分: a new legal question that only begins like a
                        # reply (没有), answered; no officer offered.
                        return others
                    # A question on the answer's matter the statutes answer: the answer,
                    # and the officer still offered (it may be the officer's to answer).
                    return [*others, offer]
        if unread:
            if small_talk(said) is not None or only_told(said, ctx):
                return replies  # 好的 知道了: one acknowledgement, not one and a 好的
            return [*replies, *await as_message(ctx, said)]
        if then and lately:
            # 收到，我们会注意的, about an alert acknowledged before; unless the chat was told
            # something since (an officer's answer): 收到，谢谢 then thanks for that, and had
            # got 您已确认过通报#1 instead.
            ack_time = lately[0][1].acked_at
            told = ack_time is not None and await _told_lately(ctx, since=ack_time)
            thanks = Text(_NOTED if told else already_acknowledged(lately[0][0]))
            if only_told(then[1].strip(), ctx):
                return [thanks]
            return [thanks, *await as_message(ctx, then[1].strip())]
        if then and received and not lately and _asks(then[1]):
            # 收到，请问明天几点检查？ with no alert to acknowledge had been offered as the
            # command 「收到 请问明天几点检查」, whose tap found no alert and lost the question.
            return await _asked_without_alert(ctx, then[1].strip())
        if then and received and not lately:
            # 收到，我们会注意的 with no alert to acknowledge had been offered as the command
            # 「收到 我们会注意的」, whose tap found no alert: said so, and where questions go.
            rest = then[1].strip()
            said_back = Text(_NOTED if await _told_lately(ctx) else _NO_ALERT)
            if only_told(rest, ctx):
                return [said_back]
            return [said_back, *await as_message(ctx, rest)]
        return await handler(ctx)

    async def _asked_without_alert(ctx: Context, said: str) -> list[Reply]:
        """A question after a 收到 that acknowledges nothing: the law's if legal, and the
        officer's one tap away."""
        answers = await as_message(ctx, said) if mentions_law(said) else []
        return [*answers, _offer(None, said)]

    return wrapped


async def _told_lately(ctx: Context, since: datetime | None = None) -> bool:
    """Whether anything was sent to this chat lately (and after `since`) other than as the
    immediate reply (an officer's answer, a word on a report or a tip): a 收到 may
    acknowledge it."""
    found = await ctx.session.exec(
        select(OutboxMessage.id)
        .where(
            col(OutboxMessage.channel) == ctx.inbound.channel,
            col(OutboxMessage.chat_id) == ctx.inbound.chat_id,
            col(OutboxMessage.created_at) >= ctx.now - _LATELY_TOLD,
            col(OutboxMessage.created_at) > (since or ctx.now - _LATELY_TOLD),
            col(OutboxMessage.status) != OutboxStatus.CANCELLED,
        )
        .limit(1)
    )
    return found.first() is not None


async def _split(ctx: Context, args: str) -> tuple[int | None, str]:
    """The alert a 问民警 names, and the question."""
    args = args.strip()
    named = _NAMED_ALERT.match(args)
    if named:
        return int(named[1]), args[named.end() :].strip()
    bare = _BARE_NUMBER.match(args)
    if bare and await questions.received(ctx, int(bare[1])) is not None:
        return int(bare[1]), args[bare.end() :].strip()
    return None, args


#: /答复 5 …, /答复 5：…, /答复 13，…
_ANSWER = re.compile(r"[#＃]?(\d{1,9})(?:[\s，,：:。.、]*(.*))?", re.S)
#: /答复 列表: the list, as /答复 alone shows it.
_LIST_WORDS = frozenset({"列表", "查看", "全部", "待答复", "list"})
#: What is not a word of an answer: spaces and punctuation.
_NOT_WORDS = re.compile(r"[\W_]+")


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "ask_officer",
        commands=("问民警", "ask_officer"),
        keywords=("问民警", "联系民警", "找民警"),
        # An owner's example is about the station's visits; residents are not visited.
        help="向社区民警提问，民警答复后会通知您，如：问民警 小区门口的摊位占道归谁管？",
        kind_help=tuple(
            (kind, "向社区民警提问，民警答复后会通知您，如：问民警 明天几点来检查？")
            for kind in VenueKind
        ),
        daily=80,
        daily_for=(Role.OWNER,),
    )
    async def ask_officer(ctx: Context) -> list[Reply]:
        if ctx.role in STAFF:
            return [Text("群众和场所负责人的提问请发送「/答复」查看和答复。")]
        alert, text = await _split(ctx, ctx.match.args if ctx.match else "")
        if alert is None and text:
            # 问民警 明天几点来检查: right after the alert about it, it goes to its author.
            about = await _alert_about(ctx, text, sent=True)
            alert = about.id if about else None
        return await send_or_ask(ctx, forms, f"{QUESTION}:{alert or ''}", text)

    @router.route(
        "answer_question",
        commands=("答复", "answer_question"),
        roles=STAFF,
        private_for=STAFF,
        help="答复群众和场所负责人的提问：/答复 查看待答复，/答复 编号 内容",
        daily=60,
        passes_questions=True,  # 答复 1 下周二来可以吗: the answer may ask back
    )
    async def answer_question(ctx: Context) -> list[Reply]:
        args = (ctx.match.args if ctx.match else "").strip()
        if not args:
            return await _open(ctx)
        found = _ANSWER.fullmatch(args)
        if found is None:
            return await _unnumbered(ctx, forms, args)
        number, text = int(found[1]), (found[2] or "").strip()
        question = await questions.visible_question(ctx, number)
        if text in _CLOSE_WORDS:
            return await _close(ctx, number, question)
        lead = ""
        if question is not None and not text:
            cipher = ctx.services.cipher
            asked = questions.without_mark(
                cipher.decrypt(question.text_enc, questions.QUESTION_TEXT)
            )
            note = questions.reply_note(cipher, question)
            note = f"（{note}）" if note else ""
            lead = f"答复提问 #{number}{note}「{asked}」{questions.photo_count(question)}："
        replies = await send_or_ask(
            ctx, forms, f"{OFFICER_QUESTION}:{number}", text, lead, about=f"提问 #{number}"
        )
        if question is None or text:
            return replies
        # The photos asked with, as a tip's are shown with it: the notice may be long gone.
        return [*replies, *questions.question_photos(question)]

    return router


#: /答复 2 关闭: the question needs no answer (a thank-you, a duplicate, settled by phone).
_CLOSE_WORDS = frozenset({"关闭", "结束", "无需答复", "不用答复", "不需答复", "close"})


async def _close(ctx: Context, number: int, question: Question | None) -> list[Reply]:
    """Take a question off the waiting list; the asker is told it was read and needs no
    answer (told 「答复会发到这里」, they would wait for ever)."""
    if question is None:
        return [Text(f"没有提问 #{number}。发送「/答复」查看待答复的提问。")]
    if question.answered_at is not None:
        return [Text(f"提问 #{number} 已答复或已关闭，不在待答复中。")]
    question.answered_at = ctx.now
    question.answered_by_person_id = ctx.person.id
    question.answer_enc = ctx.services.cipher.encrypt(questions.CLOSED, questions.ANSWER_TEXT)
    ctx.session.add(question)
    questions.tell_closed(ctx, question)
    audit(ctx, action="close:question", subject_kind="question", subject_id=str(number))
    return [
        Text(
            f"已关闭提问 #{number}，不再列在待答复中，已告知提问人「民警已阅，无需另行答复」。"
            f"如需答复，仍可发送「/答复 {number} 内容」。"
        )
    ]


async def _unnumbered(ctx: Context, forms: FormEngine, text: str) -> list[Reply]:
    """/答复 明天上午十点左右过去, no number: the one question waiting, said which; with
    several, a button each that sends the answer typed (it had to be typed again)."""
    if text in _LIST_WORDS:
        return await _open(ctx)
    try:
        text = parse_free_text(text)
    except Invalid as exc:
        return [Text(exc.reason)]
    found = await questions.open_questions(ctx, ctx.now - questions.OPEN_FOR)
    # A word or two (/答复 列表) may be no answer at all: sent only when tapped.
    if len(found) == 1 and found[0].id is not None and len(_NOT_WORDS.sub("", text)) >= 4:
        number = found[0].id
        sent = await send_or_ask(ctx, forms, f"{OFFICER_QUESTION}:{number}", text)
        return [Text(f"只有一条待答复的提问，已作为提问 #{number} 的答复发送。"), *sent]
    if not found:
        return [Text("目前没有待答复的提问。答复请发送「/答复 编号 内容」。")]
    shown = found[:6]
    audit(
        ctx,
        action="view:questions",
        subject_kind="question",
        detail="ids=" + ",".join(str(q.id) for q in shown),
    )
    places = await questions.place_names(ctx, shown)
    lines = ["这条答复是给哪个提问的？点对应的按钮发送：", f"「{text}」"]
    lines.extend(questions.question_line(ctx, q, places) for q in shown)
    buttons = tuple(Button(f"答复 #{q.id}", f"/答复 {q.id} {text}") for q in shown)
    return [Choices("\n".join(lines), buttons)]


async def _open(ctx: Context) -> list[Reply]:
    found = await questions.open_questions(ctx, ctx.now - questions.OPEN_FOR)
    if not found:
        return [Text("目前没有待答复的提问。")]
    places = await questions.place_names(ctx, found)
    lines = [f"待答复的群众和场所负责人提问 {len(found)} 条："]
    shown = found[:20]
    lines.extend(questions.question_line(ctx, q, places) for q in shown)
    audit(
        ctx,
        action="view:questions",
        subject_kind="question",
        detail="ids=" + ",".join(str(q.id) for q in shown),
    )
    lines.append("发送「/答复 编号 内容」答复；无需答复的，发送「/答复 编号 关闭」。")
    if len(found) == 1:
        # One question: what is typed next is its answer (`handlers.hints.record_words`),
        # which had got 没有理解.
        return [
            Choices("\n".join(lines), (Button(f"答复 #{found[0].id}", f"/答复 {found[0].id}"),))
        ]
    return [Text("\n".join(lines))]
