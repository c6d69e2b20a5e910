"""Questions owners and residents send their officers, and the officers' answers.

A question about an alert goes to the officer who wrote it (a scheduled daily alert has no
author: then to the beat's officers); any other goes to the officers of the asker's place.
The answer goes back to the chat the question came from, under the station's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, or_
from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from bot.messages import Image as ImageReply
from handlers.broadcast.acks import recent_alerts
from handlers.fallback.footprint import footprint
from handlers.registration.timefmt import short
from handlers.services.photos import dump, images, load, sanitise
from handlers.services.recipients import officer_or_area
from handlers.services.station_scope import in_station, may_see
from handlers.services.venues import owned_venues, role_title
from handlers.tips.relay import station_name
from knowledge.intent import asks, small_talk
from storage.crypto import FieldCipher
from storage.models import (
    AlertSubscription,
    Beat,
    Broadcast,
    BroadcastRecipient,
    Question,
    Role,
    Station,
    Venue,
    VenueOwner,
)
from storage.outbox import enqueue, enqueue_to_accounts, keys_with_prefix

QUESTION_TEXT = "question.text"
_COMMAND_WORD = re.compile(r"^/?(问民警|联系民警|找民警)[\s，,：:]*")
#: The mark of the asker's reply to an answer (（接提问 #36）好的，10点有人在). The offer's
#: button puts it first, after the command and the alert it names (/问民警 #3 （接提问 #36）…);
#: anywhere else it is words the asker typed, not the button's.
_FOLLOWING = re.compile(
    r"^(?:/?(?:问民警|联系民警|找民警))?[\s，,：:]*(?:[#＃]\d{1,9}\s+)?（接提问 #(\d{1,9})）"
)
ANSWER_TEXT = "question.answer"
#: The answer of a question closed without one (/答复 N 关闭, or the asker's own reply to an
#: answer, closed as it is sent).
CLOSED = "（民警已阅，无需答复）"


def follows(text: str) -> int | None:
    """The number of the question whose answer `text` replies to, if it carries the mark."""
    found = _FOLLOWING.match(text.strip())
    return int(found[1]) if found else None


def without_mark(text: str) -> str:
    """What the asker said, without the mark: they never typed it."""
    return _FOLLOWING.sub("", text.strip(), count=1).strip()


def _closed(cipher: FieldCipher, question: Question) -> bool:
    return bool(question.answer_enc) and cipher.decrypt(question.answer_enc, ANSWER_TEXT) == CLOSED


def relayed(cipher: FieldCipher, question: Question) -> bool:
    """Whether `question` is the asker's reply to an answer, closed as it was sent (`ask`):
    no officer closed it."""
    return (
        _closed(cipher, question)
        and follows(cipher.decrypt(question.text_enc, QUESTION_TEXT)) is not None
    )


def closed_unanswered(cipher: FieldCipher, question: Question) -> bool:
    """Whether an officer closed `question` without an answer (/答复 N 关闭)."""
    return _closed(cipher, question) and not relayed(cipher, question)


def answered_before(cipher: FieldCipher, question: Question) -> bool:
    """Whether an officer has answered `question` (closing it is no answer)."""
    return question.answered_at is not None and not _closed(cipher, question)


def reply_note(cipher: FieldCipher, question: Question) -> str:
    """回复提问 #36 的答复, for the asker's reply to #36's answer; else ""."""
    earlier = follows(cipher.decrypt(question.text_enc, QUESTION_TEXT))
    return f"回复提问 #{earlier} 的答复" if earlier is not None else ""


#: How long an unanswered question stays on an officer's list.
OPEN_FOR = timedelta(days=14)
NO_ONE = (
    "暂时无法确定您所在的警务区，请先发送「/订阅」选择您住的片区，再发送「问民警 您的问题」。"
    "紧急情况请拨打110；报案请发送「报案」，提供线索请发送「举报」，法律问题可以直接提问。"
)
NOT_FOUND = "没有编号为 {n} 的提问。发送「/答复」查看待答复的问题。"
#: 好, 嗯, 在吗, 我想问个问题: what is said before a question, not one. Sent to the officer
#: as 问题：好, it was a question the officer could only ask back about.
NO_QUESTION = "还没有收到您的问题。"
_ANNOUNCING = re.compile(
    r"(?:警官|民警|同志|你好|您好)*(?:我|想|要|有|个|点|件|一)*"
    r"(?:请问|问问|问一?下|问个?|咨询一?下|问题|事情?|请教)*(?:想问|要问|请教|咨询|一下)*[吗呢啊呀]?"
)
_SPACING = re.compile(r"[\W_]+")


def is_question(text: str) -> bool:
    """Whether `text` (what follows 问民警, or the form's answer) says something to ask."""
    said = _SPACING.sub("", without_mark(_COMMAND_WORD.sub("", text.strip())))
    return len(said) >= 2 and small_talk(said) is None and not _ANNOUNCING.fullmatch(said)


@dataclass(frozen=True)
class Target:
    """Whom a question goes to, and what it is about."""

    station_id: int
    beat_id: int | None
    venues: Sequence[Venue]
    broadcast: Broadcast | None


def _received(ctx: Context) -> Any:
    """Recipient rows of this chat, or of the asker on any of their chats."""
    msg = ctx.inbound
    here = and_(
        col(BroadcastRecipient.channel) == msg.channel,
        col(BroadcastRecipient.chat_id) == msg.chat_id,
    )
    return or_(here, col(BroadcastRecipient.person_id) == ctx.person.id)


async def received(ctx: Context, broadcast_id: int) -> Broadcast | None:
    """Alert `broadcast_id`, if it reached this asker (withdrawn since counts: people ask
    about a withdrawn alert too)."""
    found = await ctx.session.exec(
        select(Broadcast)
        .join(BroadcastRecipient, col(BroadcastRecipient.broadcast_id) == col(Broadcast.id))
        .where(Broadcast.id == broadcast_id, _received(ctx))
    )
    return found.first()


async def lately_received(ctx: Context, since: datetime) -> list[Broadcast]:
    """Alerts released to this asker since `since`, newest first."""
    if not (await footprint(ctx)).alerts:
        return []
    found = await ctx.session.exec(
        select(Broadcast)
        .join(BroadcastRecipient, col(BroadcastRecipient.broadcast_id) == col(Broadcast.id))
        .where(_received(ctx), col(Broadcast.released_at) >= since)
        .order_by(col(Broadcast.id).desc())
    )
    unique: dict[int | None, Broadcast] = {}
    for broadcast in found.all():  # a person reached on two chats has two rows
        unique.setdefault(broadcast.id, broadcast)
    return list(unique.values())


async def find_target(ctx: Context, broadcast_id: int | None) -> Target | str:
    """The officers an asker can reach, or why they cannot (a text to show)."""
    venues = await owned_venues(ctx.session, ctx.person.id)
    broadcast = None
    if broadcast_id is not None:
        broadcast = await received(ctx, broadcast_id)
        if broadcast is None:
            return f"没有找到您收到的通报#{broadcast_id}。发送「问民警 您的问题」即可联系社区民警。"
    elif not venues:
        try:
            broadcast = (await recent_alerts(ctx))[0][0]
        except LookupError:
            return await _resident_area(ctx) or NO_ONE
    if venues:
        beat = await ctx.session.get(Beat, venues[0].beat_id)
        if beat is not None and (broadcast is None or beat.station_id == broadcast.station_id):
            return Target(beat.station_id, beat.id, venues, broadcast)
    assert broadcast is not None
    return Target(broadcast.station_id, None, venues, broadcast)


async def _resident_area(ctx: Context) -> Target | None:
    """A resident with no place and no alert: the beat they subscribed to, else the station
    when the server serves only one (a resident asking 办居住证要带什么 was told the
    officers could not be reached)."""
    subscribed = (
        await ctx.session.exec(
            select(Beat)
            .join(AlertSubscription, col(AlertSubscription.beat_id) == col(Beat.id))
            .where(AlertSubscription.person_id == ctx.person.id)
        )
    ).first()
    if subscribed is not None and subscribed.id is not None:
        return Target(subscribed.station_id, subscribed.id, [], None)
    stations = (await ctx.session.exec(select(Station.id).limit(2))).all()
    if len(stations) == 1 and stations[0] is not None:
        return Target(stations[0], None, [], None)
    return None


#: What a place's name ends with that says only its kind: 枫林 of 枫林民宿 names it too.
_KIND_WORD = re.compile(r"(?:旅馆|旅社|宾馆|酒店|民宿|客栈|公寓|招待所|网吧|网咖|出租屋|出租房)$")


def _named(venue: Venue, text: str) -> bool:
    core = _KIND_WORD.sub("", venue.name)
    return venue.name in text or (len(core) >= 2 and core in text)


def asked_about(venues: Sequence[Venue], text: str) -> list[Venue]:
    """The asker's places `text` is about: the one it names (问民警 枫林民宿门口的路灯坏了,
    from an owner of 悦来旅馆 too, had been filed under 悦来旅馆), else all of them."""
    named = [v for v in venues if _named(v, text)]
    return named if len(named) == 1 else list(venues)


def _places(venues: Sequence[Venue]) -> str:
    return "、".join(v.name for v in venues)


def _asker_role(ctx: Context, venues: Sequence[Venue]) -> str:
    """Who asks, as the officer calls them: 群众, 场所负责人, or 房东 for a rented house."""
    return role_title(ctx.role, venues)


def _asker(ctx: Context, venues: Sequence[Venue]) -> str:
    if ctx.role is Role.RESIDENT:
        # Residents stay nameless to officers (they may be tipsters too): no chat name.
        return f"群众#{ctx.person.id}"
    name = ctx.inbound.sender_name or ctx.person.display_name
    if not venues:
        return name or f"{ctx.role.label}#{ctx.person.id}"
    # The place the question is filed under, once: 悦来旅馆（悦来旅馆负责人） said it twice.
    # An owner of two places asking of neither by name: both.
    place = _places(venues)
    said = (
        name
        and not any(v.name in name for v in venues)
        and name not in (ctx.role.label, _asker_role(ctx, venues))
    )
    return f"{place}（{name}）" if said else place


def about(broadcast: Broadcast) -> str:
    return f"通报#{broadcast.id}「{broadcast.title}」"


async def ask(ctx: Context, target: Target, text: str, photos: Sequence[str] = ()) -> list[Reply]:
    """Record the question with the `photos` it was asked with, and pass both on; the reply
    tells the asker what happens next."""
    assert ctx.person.id is not None
    # Typed into the form after the 继续问民警 button: 问民警 那我要不要报案.
    text = _COMMAND_WORD.sub("", text).strip() or text
    if not photos:
        # 问民警 网吧可以通宵营业吗 sent twice had made two questions, both on the list.
        same = await _pending_same(ctx, text)
        if same is not None and same.answered_at is not None:
            return [
                Text(
                    f"这条回复已经转告民警了（接提问 #{follows(text)}），不用再发。"
                    "紧急情况请直接拨打110。"
                )
            ]
        if same is not None:
            return [
                Text(
                    f"这个问题已经转给民警了（提问编号 #{same.id}），请耐心等待答复，"
                    "答复会发到这里。紧急情况请直接拨打110。"
                )
            ]
    target = await _narrowed(ctx, target, text)
    broadcast = target.broadcast
    earlier = await _followed(ctx, text)
    # A reply goes back to whoever answered, not to the alert's author or the whole beat.
    author = (earlier.answered_by_person_id if earlier else None) or (
        broadcast.author_person_id if broadcast else None
    )
    question = Question(
        person_id=ctx.person.id,
        channel=ctx.inbound.channel,
        chat_id=ctx.inbound.chat_id,
        broadcast_id=broadcast.id if broadcast else None,
        # Several places and none named: filed under none, listed with all of them.
        venue_id=target.venues[0].id if len(target.venues) == 1 else None,
        station_id=target.station_id,
        beat_id=target.beat_id,
        officer_person_id=author,
        text_enc=ctx.services.cipher.encrypt(text, QUESTION_TEXT),
        # Kept, not only sent: a notice scrolled away had taken them with it.
        photos=dump(await sanitise(ctx.services, list(photos))),
        asked_at=ctx.now,
    )
    # The asker's reply to an answer is told, not left waiting in /答复 with no way to close
    # it: closed as it is recorded (`relayed`). The officer may still answer it. A reply that
    # asks (那要不要复印护照？) waits for its answer like any question: closed, it had left
    # the officer's /答复 list and was never answered.
    replying = earlier is not None and earlier.answered_at is not None
    asking = asks(without_mark(text))
    if replying and not asking:
        assert earlier is not None
        question.answered_at = ctx.now
        question.answered_by_person_id = earlier.answered_by_person_id
        question.answer_enc = ctx.services.cipher.encrypt(CLOSED, ANSWER_TEXT)
    ctx.session.add(question)
    await ctx.session.flush()
    to = await officer_or_area(ctx.session, author, target.station_id, target.beat_id)
    topic = f"（关于{about(broadcast)}）" if broadcast else ""
    head = f"❓ {_asker_role(ctx, target.venues)}提问 #{question.id}{topic}"
    then = f"发送「/答复 {question.id} 内容」答复，答复会发回提问的聊天。"
    if replying:
        assert earlier is not None
        # 回复 #2 had read as a reply to question #2: it is #2, replying to #1's answer.
        head = (
            f"💬 {_asker_role(ctx, target.venues)}回复提问 #{earlier.id} 的答复"
            f"（#{question.id}）{topic}"
        )
        if not asking:
            then = f"已转告，不列入待答复；如需答复，发送「/答复 {question.id} 内容」。"
    notice = Choices(
        f"{head}\n{_asker(ctx, target.venues)}：{without_mark(text) or text}\n{then}"
        + to.note("原经办民警"),
        (Button("答复", f"/答复 {question.id}"),),
    )
    pictures = question_photos(question)
    enqueue_to_accounts(
        ctx.session,
        to.accounts,
        message_key=f"question:{question.id}",
        replies=[notice, *pictures],
        now=ctx.now,
    )
    if replying:
        assert earlier is not None
        # 那白天呢 asks again: told 无需等待答复, the asker would not look for an answer.
        then = "民警如有答复会发到这里" if asking else "无需等待答复"
        return [Text(f"✅ 已转告民警（接提问 #{earlier.id}），{then}。紧急情况请直接拨打110。")]
    return [
        Text(
            f"✅ 已把您的问题{photo_count(question)}转给民警（提问编号 #{question.id}），答复会发到这里。"
            "紧急情况请直接拨打110。"
        )
    ]


async def _narrowed(ctx: Context, target: Target, text: str) -> Target:
    """`target` with only the place `text` names, and that place's beat if it is in the
    same station (a question on 枫林民宿 goes to 枫林民宿's officers)."""
    venues = asked_about(target.venues, text)
    if len(venues) == len(target.venues):
        return target
    beat_id = target.beat_id
    if target.broadcast is None or beat_id is not None:
        beat = await ctx.session.get(Beat, venues[0].beat_id)
        if beat is not None and beat.station_id == target.station_id:
            beat_id = beat.id
    return replace(target, venues=venues, beat_id=beat_id)


async def _pending_same(ctx: Context, text: str) -> Question | None:
    """The asker's question of the last `OPEN_FOR` that says `text` word for word, still
    unanswered or a reply to an answer passed on (`relayed`: closed as it was sent, so a
    second tap of its 转给民警 button had told the officer the same reply twice)."""
    found = await ctx.session.exec(
        select(Question).where(
            col(Question.person_id) == ctx.person.id,
            col(Question.asked_at) >= ctx.now - OPEN_FOR,
        )
    )
    cipher = ctx.services.cipher
    return next(
        (
            q
            for q in found.all()
            if cipher.decrypt(q.text_enc, QUESTION_TEXT) == text
            and (q.answered_at is None or relayed(cipher, q))
        ),
        None,
    )


async def _followed(ctx: Context, text: str) -> Question | None:
    """The asker's own question that `text` follows (（接提问 #36）…), if any, and of a
    reply the question it replied to (`_answered_one`)."""
    number = follows(text)
    if number is None:
        return None
    earlier = await ctx.session.get(Question, number)
    if earlier is None or earlier.person_id != ctx.person.id:
        return None
    return await _answered_one(ctx, earlier)


async def _answered_one(ctx: Context, question: Question) -> Question:
    """The question an officer answered that `question` carries on: itself, or for the
    asker's own reply (`relayed`) the question it replied to. A second reply had been told
    as 回复提问 #2 的答复, #2 being the first reply, which nobody had answered."""
    cipher = ctx.services.cipher
    seen = {question.id}
    while relayed(cipher, question):
        number = follows(cipher.decrypt(question.text_enc, QUESTION_TEXT))
        if number is None or number in seen:
            break
        earlier = await ctx.session.get(Question, number)
        if earlier is None or earlier.person_id != question.person_id:
            break
        seen.add(number)
        question = earlier
    return question


async def follow_up_target(ctx: Context, text: str) -> Target | None:
    """Where a reply to an answer goes: where the question it follows went (its station,
    beat and alert), whatever the asker's place or alerts say now."""
    earlier = await _followed(ctx, text)
    if earlier is None:
        return None
    venues = await owned_venues(ctx.session, ctx.person.id)
    if earlier.venue_id is not None:
        # Under the place the question it follows was filed under, not the first one owned.
        venues = [v for v in venues if v.id == earlier.venue_id] or venues
    broadcast = (
        await ctx.session.get(Broadcast, earlier.broadcast_id) if earlier.broadcast_id else None
    )
    return Target(earlier.station_id, earlier.beat_id, venues, broadcast)


async def visible_question(ctx: Context, question_id: int) -> Question | None:
    question = await ctx.session.get(Question, question_id)
    if question is None or not may_see(ctx.person, question.station_id):
        return None
    return question


async def answer(ctx: Context, question: Question, text: str) -> list[Reply]:
    """Send an officer's answer to the chat the question came from."""
    assert question.id is not None
    cipher = ctx.services.cipher
    # （接提问 #36） tells the officer what a follow-up follows; the asker knows.
    asked = without_mark(cipher.decrypt(question.text_enc, QUESTION_TEXT))
    station = await station_name(ctx.session, question.station_id)
    quoted = asked if len(asked) <= 40 else asked[:40] + "…"
    # A second answer (改为十点) had read as the first: the asker is told it adds to it. A
    # question closed unanswered (the asker's reply, closed as sent) has had no answer.
    before = answered_before(cipher, question)
    more = "补充" if before else ""
    # No button: a pushed choice would make the asker's typed reply read as a wrong pick.
    message = Text(
        f"👮【{station}】{more}答复您的提问 #{question.id}「{quoted}」：\n{text}\n"
        "如需回复民警，直接发送，再点「转给民警」即可。"
    )
    told = await keys_with_prefix(ctx.session, f"answer:{question.id}:")
    enqueue(
        ctx.session,
        dedupe_key=f"answer:{question.id}:{len(told) + 1}",
        channel=question.channel,
        chat_id=question.chat_id,
        replies=[message],
        now=ctx.now,
    )
    again = "（此前已答复过，本次为补充答复）" if before else ""
    question.answer_enc = cipher.encrypt(text, ANSWER_TEXT)
    question.answered_at = ctx.now
    question.answered_by_person_id = ctx.person.id
    ctx.session.add(question)
    return [Text(f"✅ 已答复提问 #{question.id}{again}：「{quoted}」")]


def tell_closed(ctx: Context, question: Question) -> None:
    """Tell the asker an officer read the question and closes it unanswered: told 「答复会
    发到这里」, they had waited for an answer that would never come."""
    asked = without_mark(ctx.services.cipher.decrypt(question.text_enc, QUESTION_TEXT))
    quoted = asked if len(asked) <= 40 else asked[:40] + "…"
    enqueue(
        ctx.session,
        dedupe_key=f"answer:{question.id}:closed",
        channel=question.channel,
        chat_id=question.chat_id,
        replies=[
            Text(
                f"👮 民警已阅您的提问 #{question.id}「{quoted}」，无需另行答复。"
                "如仍需帮助，请再次发送「问民警」。"
            )
        ],
        now=ctx.now,
    )


# Built once: asked of many a short reply, and building a statement costs more than running it.
_LATELY_ANSWERED = (
    select(Question)
    .where(
        col(Question.person_id) == bindparam("person"),
        col(Question.answered_at) >= bindparam("since"),
    )
    .order_by(col(Question.answered_at).desc())
    .limit(1)
)


async def lately_answered(ctx: Context, since: datetime) -> Question | None:
    """The asker's question answered most recently, since `since`. The asker's own reply to
    an answer, sent since, keeps the exchange going: it gives the question it replied to."""
    if not (await footprint(ctx)).questions:
        return None
    found = await ctx.session.exec(
        _LATELY_ANSWERED, params={"person": ctx.person.id, "since": since}
    )
    latest = found.first()
    return await _answered_one(ctx, latest) if latest is not None else None


async def open_questions(ctx: Context, since: datetime) -> list[Question]:
    """Unanswered questions the officer may answer, their beat's first, oldest first."""
    query = in_station(
        select(Question).where(
            col(Question.answered_at).is_(None), col(Question.asked_at) >= since
        ),
        Question.station_id,
        ctx.person,
    ).order_by(col(Question.id))
    found = list((await ctx.session.exec(query)).all())
    mine = ctx.person.beat_id
    return sorted(found, key=lambda q: q.beat_id != mine and q.officer_person_id != ctx.person.id)


async def place_names(ctx: Context, found: Sequence[Question]) -> dict[int, str]:
    """Names by venue id; and, under minus the asker's id, all the places of an asker whose
    question names none of theirs (悦来旅馆、枫林民宿): see `place_of`."""
    ids = {q.venue_id for q in found if q.venue_id is not None}
    rows = await ctx.session.exec(select(Venue).where(col(Venue.id).in_(ids)))
    names = {v.id or 0: v.name for v in rows.all()}
    unplaced = {q.person_id for q in found if q.venue_id is None}
    if unplaced:
        owned = await ctx.session.exec(
            select(VenueOwner.person_id, Venue)
            .join(Venue, col(Venue.id) == col(VenueOwner.venue_id))
            .where(col(VenueOwner.person_id).in_(unplaced))
            .order_by(col(Venue.id))
        )
        for person_id, venue in owned.all():
            key = -person_id
            names[key] = f"{names[key]}、{venue.name}" if key in names else venue.name
    return names


def place_of(question: Question, places: dict[int, str]) -> str:
    """Whose question it is, as `place_names` named the places: 群众 for an asker with none."""
    if question.venue_id is not None:
        return places.get(question.venue_id, "群众")
    return places.get(-question.person_id, "群众")


def question_photos(question: Question) -> list[ImageReply]:
    """The photos the question was asked with, as the officers are shown them."""
    return images(question.photos, f"提问 #{question.id} 照片")


def photo_count(question: Question) -> str:
    """（附照片2张）, or "" for a question asked without photos."""
    n = len(load(question.photos))
    return f"（附照片{n}张）" if n else ""


def question_line(ctx: Context, question: Question, places: dict[int, str]) -> str:
    asked = ctx.services.cipher.decrypt(question.text_enc, QUESTION_TEXT)
    where = place_of(question, places)
    when = short(question.asked_at, ctx.services.settings.zone, ctx.now)
    shown = f"📷{n}" if (n := len(load(question.photos))) else ""
    # A reply that asks is listed too: the mark it was sent with is no words of the asker's.
    note = f"（{note}）" if (note := reply_note(ctx.services.cipher, question)) else ""
    return f"#{question.id}{note}　{when}　{where}{shown}：{(without_mark(asked) or asked)[:60]}"


async def own_questions(ctx: Context, limit: int = 5) -> list[Question]:
    """The asker's newest questions, answered or not (follow-ups to answers included)."""
    found = await ctx.session.exec(
        select(Question)
        .where(col(Question.person_id) == ctx.person.id)
        .order_by(col(Question.id).desc())
        .limit(limit)
    )
    return list(found.all())


def own_question_line(ctx: Context, question: Question) -> str:
    """One of the asker's questions as they see it: what they asked, and the answer if
    any (an answer missed as a notice had no other way back to them)."""
    cipher = ctx.services.cipher
    asked = without_mark(cipher.decrypt(question.text_enc, QUESTION_TEXT))
    quoted = asked if len(asked) <= 30 else asked[:30] + "…"
    when = short(question.asked_at, ctx.services.settings.zone, ctx.now)
    quoted = f"「{quoted}」{photo_count(question)}"
    if not question.answer_enc:
        return f"提问 #{question.id}（{when}）{quoted}：待民警答复"
    if relayed(cipher, question):
        # Not 民警答复：（民警已阅，无需答复）: no officer had read or closed it.
        return (
            f"提问 #{question.id}（{when}）{quoted}：已转告民警（{reply_note(cipher, question)}）"
        )
    answer = cipher.decrypt(question.answer_enc, ANSWER_TEXT)
    return f"提问 #{question.id}（{when}）{quoted}：\n  民警答复：{answer}"
