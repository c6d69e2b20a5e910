"""A reporter's or tipster's plain answer to an officer's question, offered to be sent as
the answer.

An officer's 追问 reaches the reporter with a 「回复民警」 button; people answer by just
typing, which no route claims. Instead of "没有理解", a message that reaches the bot's
fallback while one of the sender's reports waits for an answer gets one button that sends
it as that answer. Nothing is sent without the tap.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from bot import choice_memory
from bot.context import Context, Handler
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import STAFF
from handlers.emergency import emergency_notice, seen_in_progress
from handlers.fallback.attachments import photo_not_kept
from handlers.fallback.footprint import footprint
from handlers.fallback.not_understood import is_given_up
from handlers.law import last_question
from handlers.registration.timefmt import short
from handlers.reports.answers import may_answer, report_asked, tip_asked
from handlers.reports.notify import to_officers as report_officers
from handlers.reports.story import STORY_MEMO, STORY_WINDOW
from handlers.reports.templates import template_for_story
from handlers.services.inspections import INSPECTED_KINDS
from handlers.services.photos import dump, images, sanitise
from handlers.services.photos import load as load_photos
from handlers.services.venues import owned_venues
from handlers.tips import held_photos
from handlers.tips.codes import source_index
from handlers.tips.intake import throttled
from handlers.tips.pending import FRESH, WINDOW, own_tips, waiting_tip
from handlers.tips.relay import tip_code
from handlers.tips.relay import to_officers as tip_officers
from handlers.tips.router import DECLINE as TIP_DECLINE
from handlers.tips.router import DROP_HELD
from handlers.tips.router import OFFER_FRESH as TIP_OFFER_FRESH
from handlers.tips.router import OFFERED as TIP_OFFERED
from handlers.tips.suggest import DECLINE_ASKING
from knowledge.answer import finds_nothing
from knowledge.intent import asks, small_talk
from storage import memos
from storage.models import Report, ReportMessage, ReportStatus, Role, Tip, TipCategory

_OPEN = [status for status in ReportStatus if status.is_open]
#: Longer text is not a chat answer; it goes on to the fallback.
MAX_CHARS = 500
#: Photos a case keeps, those of the form and those sent after.
MAX_PHOTOS = 12
#: How long after closing a report a message may answer its closing note.
_CLOSED_LATELY = timedelta(days=1)
#: How soon after the last photo of an album answering an officer the next is still of it:
#: WeChat pushes an album one photo a message as each is uploaded, and on a slow network
#: they land seconds apart, the later ones well after the first (counted from the first,
#: 20 s had offered them one by one as 要补充到您最近的举报).
ALBUM_GAP = timedelta(seconds=15)
#: How long an album may go on at most, from its first photo: a window each photo
#: restarted for ever never ended, and photos sent minutes later, of something else, went
#: to the officer unasked.
ALBUM_MOST = timedelta(seconds=90)
#: How long after the reporter's photo answer their words are still offered as the answer:
#: 请把截图发过来，对方账号是多少？ is answered in two messages.
FOLLOW_UP = timedelta(minutes=30)
#: The memo that the sender's last answer was a photo (what their words may go on with).
PHOTO_ANSWERED = "photo_answered"
#: The memo of a message the sender said was no answer (不是, to the offer): told again,
#: it is handled as if no question waited.
_DECLINED = "answer_declined"
_DECLINED_FOR = timedelta(minutes=5)
#: The offer's button, and what says no to it (不是, 不用了, 没有).
_OFFER_TITLE = "是，发给民警"
_NO = re.compile(r"(?:不是|不是的|不对|不用|不用了|不要|不发|没有|否|算了|no)[\s。.！!~～]*", re.I)
#: The memo of photos offered to be added to an open case, and how long the offer holds.
PHOTOS_OFFERED = "photos_offered"
ALBUM_OFFER = timedelta(minutes=30)
#: What the offer's button sends (a route of `handlers.reports.router`).
ADD_OFFERED_PHOTOS = "补充照片"


@dataclass(frozen=True)
class _AnswerOffer:
    """The offer to send a message as the answer to the officer's waiting question."""

    offer: Choices
    #: Asked within `FRESH`, or answered with a photo lately.
    fresh: bool
    #: The message may be the answer (`handlers.reports.answers.may_answer`).
    likely: bool
    #: What a message that is no answer is told under its own reply: the officer waits.
    reminder: str = ""


async def own_reports(ctx: Context, *, open_only: bool, limit: int = 5) -> list[Report]:
    """The sender's newest reports (only those still open, if asked)."""
    if not (await footprint(ctx)).reports:
        return []
    query = select(Report).where(Report.reporter_person_id == ctx.person.id)
    if open_only:
        query = query.where(col(Report.status).in_(_OPEN))
    rows = await ctx.session.exec(query.order_by(col(Report.id).desc()).limit(limit))
    return list(rows.all())


async def waiting_report(
    ctx: Context, grace: timedelta | None = None, window: timedelta = WINDOW
) -> Report | None:
    """The sender's open report whose newest message is an officer's question, asked
    within `window`; with `grace`, also one the reporter answered that recently (the rest
    of an album). One query: this runs for every message no route claims."""
    if not (await footprint(ctx)).reports:
        return None
    rows = await ctx.session.exec(
        select(Report, ReportMessage)
        .join(ReportMessage, col(ReportMessage.report_id) == col(Report.id))
        .where(
            Report.reporter_person_id == ctx.person.id,
            col(Report.status).in_(_OPEN),
            col(ReportMessage.created_at) > ctx.now - window,
        )
        .order_by(col(ReportMessage.id).desc())
    )
    seen: set[int | None] = set()
    for report, message in rows.all():  # newest first: a report's first row is its newest
        if report.id in seen:
            continue
        seen.add(report.id)
        if not message.from_reporter or (grace and message.created_at > ctx.now - grace):
            return report
    return None


#: Small talk that is never an answer to an officer's question: a laugh (哈哈, 呵呵) gets
#: its smile, not an offer to send 哈哈 to the officer as the answer.
_NOT_ANSWERS = frozenset({"greeting", "thanks", "farewell", "about", "laugh"})
_ONE_CHAR_ANSWERS = frozenset("有是否没对嗯行会")


async def _just_closed(ctx: Context) -> Report | None:
    """The sender's newest report, if an officer closed it lately (its closing note asks
    for a reply as often as a question does: 请带钥匙来所里认领)."""
    newest = await own_reports(ctx, open_only=False, limit=1)
    if not newest or newest[0].status.is_open:
        return None
    return newest[0] if newest[0].updated_at > ctx.now - _CLOSED_LATELY else None


#: The answer a statement of a new harm gets before anything else, or nothing.
Urgent = Callable[[Context, str], Awaitable[list[Reply]]]


def with_answer_offer(
    fallback: Handler, *, questions: bool, urgent: Urgent | None = None
) -> Handler:
    """Offer what a reporter or tipster says, while an officer's question waits, as the
    answer. Statements (`questions=False`) are looked at before the law search and the tip
    offer, which would otherwise take 发票有的 物业是万科物业 for a legal question and 还在里面
    赌博打牌 for a new tip; questions (`questions=True`) after them, since a question may be
    one of the law's. A statement that tells of a new harm gets the answer `urgent` has for
    it (我的电动车被偷了: what a victim does first) before the offer: the law's own answer,
    not the rest of the chain, which would add offers of its own."""

    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        # Staff file no reports and tips.
        staff = ctx.role in STAFF
        if not questions and not staff and not ctx.inbound.photos and _NO.fullmatch(text):
            declined = await _declined(ctx)
            if declined is not None:
                return declined
        if not questions and not staff:
            # A photo, captioned or not (就是这辆面包车？), is the case's before the law's;
            # so is anything said soon after an officer closed the sender's report (为什么
            # 不受理？？ had got the law on theft and the offer of a new 报案).
            if ctx.inbound.photos:
                sent = await _photo_answer(ctx, text) or await _photo_offer(ctx, text)
                if sent is not None:
                    return sent
                if text and ctx.inbound.chat_type is not ChatType.GROUP:
                    # 楼道里堆满了电动车在充电 with a photo: the words get their answer,
                    # and the photo is held for what is started next (it had been dropped
                    # unsaid, and its sender believed it had reached the police).
                    return [*await words(ctx, text, staff), await _caption_held(ctx, text)]
            elif asks(text) and _may_answer(text):
                closed = await _closed_offer(ctx, text)
                if closed is not None and closed.likely:
                    return [closed.offer]
        if not questions and text and ctx.inbound.photos:
            # An officer's, or one posted in a group: not kept, and said so, as alone.
            return [*await words(ctx, text, staff), await photo_not_kept(ctx)]
        return await words(ctx, text, staff)

    async def words(ctx: Context, text: str, staff: bool) -> list[Reply]:
        if not questions and not staff and asks(text) and _may_answer(text):
            asked_back = await _question_answering(ctx, text)
            if asked_back is not None:
                return asked_back
        if asks(text) != questions:
            return await fallback(ctx)
        if not staff and await _was_declined(ctx, text):
            # Under 好的，不发给民警。 the message's own answer, if it has one: 没有理解 there
            # read as if the 不是 had not been understood.
            return [r for r in await fallback(ctx) if not is_given_up(r)]
        if not staff and _may_answer(text):
            offered = await _answer_offer(ctx, text)
            if offered is not None:
                offer = offered.offer
                if questions and offered.likely:
                    return [offer]  # nothing before it had an answer
                if questions:
                    # 帮我查一下这个人是不是通缉犯: a question of its own, not the answer;
                    # it had got only 「这条消息是您的回答吗？」.
                    return _with_reminder(await fallback(ctx), offered)
                # A victim (我的电动车被偷了) reads what to do first, the law's answer alone:
                # the rest of the chain would add offers of its own (是否要向民警举报).
                # Not 楼下有人在偷电动车电瓶: its sender sees it and is no victim.
                victim = urgent is not None and not seen_in_progress(text)
                first = await urgent(ctx, text) if urgent is not None and victim else []
                if offered.fresh and offered.likely:
                    # Just asked, and said as an answer: the offer, not a new tip about it.
                    return [*first, offer]
                # Asked over an hour ago, or a matter of its own (邻居天天半夜唱歌太吵了,
                # 房东不退押金 had got the offer alone): its own answer (the law, a tip or
                # report offer), the offer under it only if it may be the answer.
                # 没有理解 above the offer read as if the answer were not understood either.
                told = first or await fallback(ctx)
                own = [r for r in told if not is_given_up(r)]
                if offered.likely:
                    return [*own, offer]
                # 房冬扣我押经不给 is no answer to 他们几个人: its own reply and a word that
                # the officer waits; the offer alone had come back to every message.
                return _with_reminder(told, offered)
            closed = await _closed_offer(ctx, text)
            if closed is not None and (questions or closed.likely):
                # 太好了 什么时候去都行吗, said to the note that closed it.
                return [closed.offer]
            if closed is not None:
                # 房东不退押金 the day a report was closed had got only this offer.
                own = [r for r in await fallback(ctx) if not is_given_up(r)]
                return own or [closed.offer]
        return await fallback(ctx)

    async def _question_answering(ctx: Context, text: str) -> list[Reply] | None:
        """A question said just after an officer's, in the officer's words (早上7点发现的，
        明天上午可以 几点去？ to 车是几点发现不见的？方便明天上午来所里看监控吗): the
        answer, with a question back in it, offered before the law is asked. It had got
        没有找到…法律条文 and was lost. What the law does answer is kept above the offer."""
        offered = await _answer_offer(ctx, text)
        if offered is None or not (offered.fresh and offered.likely):
            return None
        told = await fallback(ctx)
        own = [
            r
            for r in told
            if not (is_given_up(r) or finds_nothing(r) or _offers_answer(r, offered.offer))
        ]
        return [*own, offered.offer]

    return handler


def _offers_answer(reply: Reply, offer: Choices) -> bool:
    """Whether `reply` is `offer` made again further down the chain."""
    return isinstance(reply, Choices) and reply.buttons == offer.buttons


async def _caption_held(ctx: Context, text: str) -> Reply:
    """What a captioned photo that no case took gets after its words' answer: it is held
    for the tip or report started next, as a photo sent after an offer to report is. If
    the words made that offer themselves (楼下有人聚众赌博 → 是否要向民警举报？), they are
    its text already and are not held again."""
    # Checked after the words were answered: no offer was fresh before (a photo after one
    # is held by `_photo_offer`), so one now is this message's own.
    other = await _other_matter(ctx, None)
    hashes = [p.sha256 for p in ctx.inbound.photos]
    held = await held_photos.hold(ctx, hashes, "" if other else text)
    if other:
        kinds = "或".join(dict.fromkeys("举报" if c == "/举报" else "报案" for _, c in other))
        return Text(
            f"已收到图片（{len(held)} 张），先替您保存着：点上面的按钮{kinds}，"
            "照片会一并带上，不需要再发一次。"
        )
    buttons = (
        Button("匿名举报", "/举报"),
        Button("自助报案", "/报案"),
        Button("不用了", DROP_HELD),
    )
    if await _inspects(ctx):
        # An owner's photo with words (灭火器压力不够了) is most likely of their own venue's
        # fire safety: it had been offered 举报/报案 alone, as a resident's would be.
        return Choices(
            f"已收到图片（{len(held)} 张）及说明，先替您保存着。是本店的消防安全问题的话，"
            "请点「消防自查」，按提示逐项拍照；如需举报或报案，请点对应的按钮，"
            "照片和说明会一并带上，不需要再发一次。",
            (Button("消防自查", "/自查"), *buttons),
        )
    return Choices(
        f"已收到图片（{len(held)} 张）及说明，先替您保存着。如需举报或报案，请点下面的按钮，"
        "照片和说明会一并带上，不需要再发一次。",
        buttons,
    )


async def _inspects(ctx: Context) -> bool:
    """Whether the sender owns a venue that does fire-safety self-inspections (a hotel, a
    nine-small venue; not a rented house, which has none)."""
    if ctx.role is not Role.OWNER:
        return False
    return bool(await owned_venues(ctx.session, ctx.person.id, INSPECTED_KINDS))


#: What makes a message words: a Chinese character or a figure. asdfghjkl and 😡😡😡 have
#: none, and had been offered to the officer as the answer.
_MEANS = re.compile(r"[\u4e00-\u9fff0-9０-９]")
#: Latin answers people do type to a question.
_LATIN_ANSWERS = frozenset({"ok", "okay", "yes", "no"})


def _may_answer(text: str) -> bool:
    """Whether `text` may answer an officer: a greeting, a single character, letters or
    emoji typed at random are no answer, and are spared the lookups too; an emergency
    (有人在砸我家门，救命) is no answer either, whatever was asked: it gets the numbers and
    its own answer alone."""
    latin = re.sub(r"[\s.!?,]", "", text).lower()
    if not _MEANS.search(text) and latin not in _LATIN_ANSWERS:
        return False
    if emergency_notice(text) is not None:
        return False
    # 3, 有, 不知道: short answers to 一共转了几笔？ are answers too; a greeting is not.
    chat = small_talk(text) in _NOT_ANSWERS
    # Of one character only a number or a yes/no answers (我 alone is no answer, and
    # sparing it the lookups keeps the commonest fallback cheap).
    short = len(text) == 1 and not (text.isdigit() or text in _ONE_CHAR_ANSWERS)
    return bool(text) and len(text) <= MAX_CHARS and not chat and not short


async def _closed_offer(ctx: Context, text: str) -> _AnswerOffer | None:
    """The offer to send `text` to the officers of a report closed lately, if there is one,
    and whether `text` may answer its closing (为什么不受理, 明天上午去可以吗)."""
    closed = await _just_closed(ctx)
    if closed is None:
        return None
    offer = Choices(
        f"这条消息要发给处理报案 {closed.receipt_no} 的民警吗？是的话请点下面的按钮；不是请忽略。",
        (Button("是，发给民警", f"回复 {closed.receipt_no} {text}"),),
    )
    asked, about = await report_asked(ctx, closed)
    return _AnswerOffer(offer, True, may_answer(text, [*asked, closed.status.label], about))


async def newest_open_case(ctx: Context) -> Report | Tip | None:
    """The sender's newest report or tip still open, if any: what more they send (补充一下 …,
    a photo) is most likely about."""
    tips = [t for t in await own_tips(ctx) if t.status.is_open]
    reports = await own_reports(ctx, open_only=True, limit=1)
    tip = tips[0] if tips else None
    report = reports[0] if reports else None
    if tip is not None and (report is None or tip.created_at >= report.created_at):
        return tip
    return report


async def _photo_answer(ctx: Context, text: str) -> list[Reply] | None:
    """A photo sent while an officer's question waits is the answer (they asked for a
    picture of the bike, of the transfer): kept with the case and passed on at once, since
    a photo cannot ride on a button to be confirmed. None when nothing waits for one."""
    if ctx.inbound.chat_type is ChatType.GROUP:
        return None  # a photo posted in a group is the group's, not a case's
    report = await waiting_report(ctx)
    tip = None if report is not None else await waiting_tip(ctx)
    started = ctx.now.isoformat()
    if report is None and tip is None and not text:
        # The rest of that album. A photo with words of its own (这个人很可疑) is not: an
        # album's caption rides on its first photo, so it tells of something new and is
        # asked about, as a photo sent after the tipster's own words is.
        started = await _album_started(ctx) or ""
        if started:
            report = await waiting_report(ctx, ALBUM_MOST)
            tip = None if report is not None else await waiting_tip(ctx, ALBUM_MOST)
    if report is None and tip is None:
        return None
    # When the album began (its first photo), kept as each photo of it is written.
    await memos.remember(ctx.session, ctx.user_key, PHOTO_ANSWERED, started, ctx.now)
    return await attach_photos(ctx, report, tip, [p.sha256 for p in ctx.inbound.photos], text)


async def _album_started(ctx: Context) -> str | None:
    """When the album answering an officer began, if this photo may still be of it: the
    last photo of it came within `ALBUM_GAP`, and it began within `ALBUM_MOST`."""
    kept = await memos.recall(ctx.session, ctx.user_key, PHOTO_ANSWERED, ctx.now, ALBUM_GAP)
    with contextlib.suppress(ValueError):
        if kept and ctx.now - datetime.fromisoformat(kept) <= ALBUM_MOST:
            return kept
    return None


async def attach_photos(
    ctx: Context, report: Report | None, tip: Tip | None, hashes: list[str], text: str = ""
) -> list[Reply]:
    """Keep the photos `hashes` with the report or the tip and pass them to its officers;
    those it holds already are left out, and said to be."""
    case = report or tip
    assert case is not None
    stored = load_photos(case.photos)
    about = f"报案 {report.receipt_no}" if report is not None else ""
    if tip is not None:
        about = f"举报（查询码 {tip_code(ctx.services, tip)}）"
    # A photo the case holds already (sent in the form, then tapped 补充到这条举报) had
    # reached the officer twice. Kept photos are stripped copies: both hashes are compared.
    fresh = [h for h in dict.fromkeys(hashes) if h not in stored]
    new = [h for h in await sanitise(ctx.services, fresh) if h not in stored]
    held = len(dict.fromkeys(hashes)) - len(new)
    kind = "报案" if report is not None else "举报"
    there = f"{held} 张照片已经在这条{kind}里了，没有重复发给民警。"
    if not new and held:
        return [Text(there)]
    room = MAX_PHOTOS - len(stored)
    if room <= 0:
        return [Text(f"这件事已有 {len(stored)} 张照片，不能再添加了。请用文字回复民警。")]
    kept = new[:room]
    case.photos = dump([*stored, *kept])
    ctx.session.add(case)
    note = text or f"（补充照片 {len(kept)} 张）"
    if report is not None:
        pictures = images(dump(kept), f"报案 {report.receipt_no} 补充照片")
        await report_officers(
            ctx.session, ctx.services, report, note, now=ctx.now, pictures=pictures
        )
    else:
        assert tip is not None
        pictures = images(dump(kept), f"线索 #{tip.id} 补充照片")
        # A source muted or marked as spam is recorded, not pushed, as its words are.
        days = ctx.services.settings.tips.spam_days
        source = source_index(ctx.services, ctx.person)
        quiet = tip.spam or tip.muted or await throttled(ctx.session, source, ctx.now, days)
        await tip_officers(
            ctx.session, ctx.services, tip, note, now=ctx.now, push=not quiet, pictures=pictures
        )
    done = f"✅ 已把照片（{len(kept)} 张）补充到{about}，并转给民警。"
    return [Text(f"{done}\n另有{there}" if held else done)]


async def _photo_offer(ctx: Context, text: str) -> list[Reply] | None:
    """A photo sent with no question waiting, from someone with a report or tip open: kept
    for a while, with a button that adds it to that case (it had got 如需举报或报案，请先发送
    「举报」 and was dropped). The rest of an album joins the same offer; words sent with a
    photo (就是这辆面包车) go with it as its note. None when the sender has no open case."""
    if ctx.inbound.chat_type is ChatType.GROUP:
        return None
    case = await newest_open_case(ctx)
    if case is not None and _asks_of_another_matter(text, case):
        # 这个短信是不是诈骗 with a screenshot had been offered to the sender's sighting of
        # a wanted person (要补充到您最近的举报…): the question is answered, the photo held
        # for a report or tip of its own.
        case = None
    other = await _other_matter(ctx, case.created_at if case is not None else None)
    held: list[str] = []
    if other:
        # 楼下有人聚众赌博, offered 举报, then a photo: held for the tip or report picked
        # next (it had been dropped, and was to be sent again at the form's question).
        # Its caption (就是这个人) goes with it, into the tip's description.
        held = await held_photos.hold(ctx, [p.sha256 for p in ctx.inbound.photos], text)
    decline = await _decline(ctx, other) if other else DROP_HELD
    if case is None:
        return [_held_offer(len(held), other, decline, bool(text))] if other else None
    key = f"{'report' if isinstance(case, Report) else 'tip'}:{case.id}"
    kept = await memos.recall(ctx.session, ctx.user_key, PHOTOS_OFFERED, ctx.now, ALBUM_OFFER)
    earlier = json.loads(kept) if kept else {}
    hashes = earlier.get("photos", []) if earlier.get("case") == key else []
    hashes += [p.sha256 for p in ctx.inbound.photos if p.sha256 not in hashes]
    same = earlier.get("case") == key
    notes = [*(earlier.get("notes", []) if same else []), *([text] if text else [])]
    offer = {"case": key, "photos": hashes[:MAX_PHOTOS], "notes": notes}
    await memos.remember(ctx.session, ctx.user_key, PHOTOS_OFFERED, json.dumps(offer), ctx.now)
    if isinstance(case, Report):
        about, label = f"报案 {case.receipt_no}（{case.kind.label}）", "补充到这条报案"
    else:
        zone = ctx.services.settings.zone
        code = tip_code(ctx.services, case)
        about = (
            f"举报（{case.category.label}，{short(case.created_at, zone, ctx.now)}，查询码 {code}）"
        )
        label = "补充到这条举报"
    said = "".join(f"\n「{note}」" for note in notes)
    if other:
        # 楼下有人天天晚上聚众赌博, offered 举报, then a photo: of that, most likely, not
        # of the old report it had been offered to alone.
        return [
            Choices(
                f"已收到图片（{len(held)} 张）。是您刚才说的事的照片吗？"
                f"是的话请点「{'」或「'.join(word for word, _ in other)}」，照片会一并带上；"
                f"如果是您最近的{about}的，请点「{label}」。",
                (
                    *(Button(word, command) for word, command in other),
                    Button(label, ADD_OFFERED_PHOTOS),
                    Button("不用了", decline),
                ),
            )
        ]
    return [
        Choices(
            f"已收到图片（{len(hashes)} 张）{'及说明' if notes else ''}。"
            f"要补充到您最近的{about}，转给民警吗？{said}\n"
            "是的话请点下面的按钮；不是请忽略。",
            (Button(label, ADD_OFFERED_PHOTOS),),
        )
    ]


#: 是不是, which `asks` leaves to the words around it (是不是他, 是不是诈骗 both ask).
_WHETHER = re.compile("是不是|是真的")


def _asks_of_another_matter(caption: str, case: Report | Tip) -> bool:
    """Whether a photo's caption asks a question of its own rather than about `case`: it
    names a matter (诈骗 of 这个短信是不是诈骗) that the case is not about. 就是这辆面包车？
    names none, and 这是不是在赌博？ that of a tip on gambling: both read as its evidence."""
    if not caption or not (asks(caption) or _WHETHER.search(caption)):
        return False
    named = TipCategory.told_in(caption)
    if named is None:
        return False
    about = case.category if isinstance(case, Tip) else TipCategory.told_in(case.kind.label)
    return named is not about


async def _decline(ctx: Context, other: list[tuple[str, str]]) -> str:
    """What 「不用了」 under held photos sends: the offer's own 「不用了」 (不用举报, or the
    one that answers 电信诈骗 as a question), the earlier photo's for the rest of an album;
    under the 自助报案 offer alone, which had none, the photos are dropped."""
    # The buttons shown last are still the offer's: this reply has not replaced them yet.
    shown = await choice_memory.resolve_title(ctx.session, ctx.user_key, "不用了", ctx.now)
    if shown in (TIP_DECLINE, DECLINE_ASKING, DROP_HELD):
        return shown
    return TIP_DECLINE if any(command == "/举报" for _, command in other) else DROP_HELD


def _held_offer(
    count: int, other: list[tuple[str, str]], decline: str, captioned: bool = False
) -> Choices:
    """What a photo sent after the offer of 举报 or 报案 gets: it is held for either, with
    the words sent with it. 「不用了」 stays answerable (typed, it had been read as nothing
    once the photo's buttons replaced the offer's, and a later 举报 carried the photo)."""
    words = "」或「".join(word for word, _ in other)
    # The one kind of report without a photo question (`templates`).
    lost = "（证件遗失的报案不收照片）" if any(c == "/报案" for _, c in other) else ""
    return Choices(
        f"已收到图片（{count} 张）{'及说明' if captioned else ''}，先替您保存着。"
        f"请点「{words}」，{'照片和说明' if captioned else '照片'}会一并带上{lost}，"
        "不需要再发一次。",
        (*(Button(word, command) for word, command in other), Button("不用了", decline)),
    )


async def _other_matter(ctx: Context, since: datetime | None) -> list[tuple[str, str]]:
    """What the sender was offered lately (since `since`, the open case they have, was
    filed), for something they told just now (a tip, a new report): the buttons that take
    it up, or none."""
    offers = (
        (TIP_OFFERED, TIP_OFFER_FRESH, "匿名举报", "/举报"),
        (STORY_MEMO, STORY_WINDOW, "自助报案", "/报案"),
    )
    taken = []
    for memo, fresh, word, command in offers:
        said = await memos.written_at(ctx.session, ctx.user_key, memo)
        if said is not None and (since is None or said >= since) and ctx.now - said <= fresh:
            taken.append((word, command))
    offered = None if ("自助报案", "/报案") in taken else await _report_offered(ctx, since)
    if offered is not None:
        taken.append(("自助报案", f"/报案 {offered}"))  # the kind the law desk offered
    return taken


async def _report_offered(ctx: Context, since: datetime | None) -> str | None:
    """The kind of report the law desk offered lately (我的电动车被偷了: its answer, then
    自助报案), since `since`: its question, fresh, fits one (`handlers.law`). A photo after
    the offer had been dropped, or offered to an older, unrelated report."""
    asked = await memos.written_at(ctx.session, ctx.user_key, memos.LAW_QUESTION)
    if asked is None or (since is not None and asked < since):
        return None
    last = await last_question(ctx, STORY_WINDOW)
    fits = template_for_story(last.question) if last is not None else None
    return fits.kind.label if fits is not None else None


async def add_offered_photos(ctx: Context) -> list[Reply]:
    """`补充照片`: the photos `_photo_offer` kept, added to the case it named."""
    kept = await memos.recall(ctx.session, ctx.user_key, PHOTOS_OFFERED, ctx.now, ALBUM_OFFER)
    await memos.forget(ctx.session, ctx.user_key, PHOTOS_OFFERED)
    offer = json.loads(kept) if kept else {}
    kind, _, number = str(offer.get("case", "")).partition(":")
    case = await newest_open_case(ctx) if offer else None
    # Only the case offered, and only while it is still the sender's and open.
    if case is None or kind != ("report" if isinstance(case, Report) else "tip"):
        case = None
    if case is None or str(case.id) != number:
        return [
            Text(
                "没有待补充的照片（可能已过时）。请重新发送照片；"
                "或发送「查询」找到您的举报或报案，再「回复 查询码/报案号 内容」补充。"
            )
        ]
    report = case if isinstance(case, Report) else None
    tip = case if isinstance(case, Tip) else None
    note = "\n".join(offer.get("notes", []))
    return await attach_photos(ctx, report, tip, list(offer.get("photos", [])), note)


async def _answer_offer(ctx: Context, text: str) -> _AnswerOffer | None:
    """The offer to send `text` as the answer to an officer's waiting question, if one
    waits."""
    # Answered with a photo lately: words may finish that answer (the account number asked
    # for with the screenshot). Answered in words, the question is answered.
    photo = await memos.recall(ctx.session, ctx.user_key, PHOTO_ANSWERED, ctx.now, FOLLOW_UP)
    grace = FOLLOW_UP if photo else None
    report = await waiting_report(ctx, grace)
    if report is not None:
        fresh = bool(photo) or await waiting_report(ctx, window=FRESH) is not None
        asked, about = await report_asked(ctx, report)
        offer = _offer(f"报案 {report.receipt_no}", report.receipt_no, text)
        likely = bool(photo) or may_answer(text, asked, about)
        return _AnswerOffer(
            offer, fresh, likely, _reminder(f"报案 {report.receipt_no}", report.receipt_no)
        )
    tip = await waiting_tip(ctx, grace)
    if tip is not None:
        code = tip_code(ctx.services, tip)
        fresh = bool(photo) or await waiting_tip(ctx, window=FRESH) is not None
        asked, about = await tip_asked(ctx, tip)
        offer = _offer(f"举报（查询码 {code}）", code, text)
        likely = bool(photo) or may_answer(text, asked, about)
        return _AnswerOffer(offer, fresh, likely, _reminder(f"举报（查询码 {code}）", code))
    return None


def _offer(about: str, number: str, text: str) -> Choices:
    return Choices(
        f"关于您的{about}，民警向您提了问题。这条消息是您的回答吗？"
        "是的话请点下面的按钮发给民警；不是请忽略。",
        (Button(_OFFER_TITLE, f"回复 {number} {text}"),),
    )


def _with_reminder(told: list[Reply], offered: _AnswerOffer) -> list[Reply]:
    """What a message that is no likely answer gets: its own reply, and a word that the
    officer waits. Understood by nothing else, it may still be the answer (在里面打牌, to 他们
    在干什么): the word carries the button that sends it, as a reminder, not a question."""
    own = [r for r in told if not is_given_up(r)]
    if own:
        return [*own, Text(offered.reminder)]
    button = offered.offer.buttons
    return [
        *told,
        Choices(f"{offered.reminder}如果刚才这条就是回答，可以点下面的按钮发送。", button),
    ]


def _reminder(about: str, number: str) -> str:
    return f"提示：民警还在等您回答关于{about}的问题，回答请发送「回复 {number} 内容」。"


async def _declined(ctx: Context) -> list[Reply] | None:
    """不是, said to the offer on the screen: the message it asked about is no answer, and
    is handled as if nothing waited (it had been offered again, and so had 不是 itself)."""
    if not ctx.options_shown or ctx.retold:
        return None
    value = await choice_memory.resolve_title(ctx.session, ctx.user_key, _OFFER_TITLE, ctx.now)
    parts = (value or "").split(" ", 2)
    if len(parts) < 3 or parts[0] != "回复":
        return None
    await memos.remember(ctx.session, ctx.user_key, _DECLINED, parts[2], ctx.now)
    ctx.retell = parts[2]
    return [Text("好的，不发给民警。")]


async def _was_declined(ctx: Context, text: str) -> bool:
    """Whether `text` is the message just said to be no answer, told again."""
    if not ctx.retold:
        return False
    said = await memos.recall(ctx.session, ctx.user_key, _DECLINED, ctx.now, _DECLINED_FOR)
    return said == text
