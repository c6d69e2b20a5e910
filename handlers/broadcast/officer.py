"""Officers' alert commands: compose, send, see who has it, remind, correct, withdraw, approve.

/通报 [紧急] [防诈] [内容]   start the form (words given are answers already)
/通报 明日 内容              queue for the beat's next daily alert
/通报发送 N   /通报范围 N 范围    confirm a draft; change its audience
/通报状态 [N]  /催读 [N]  /重发 [N]   following it once out (`status_commands`)
/更正 N 新内容   /撤回 N 原因   a correction or a withdrawal, to everyone who got it
/通报 N 改到 时间   /通报 N 取消   a scheduled alert moved or dropped (`reschedule`)
/批准 N   /驳回 N [原因]    station leaders, where approval is required
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlmodel import col, select

from bot.context import Context
from bot.forms import FormEngine, FormEnv
from bot.forms.engine import local_time
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, Router, Suggestion
from bot.validators import Invalid
from bot.validators.idcard import mentions_resident_id
from bot.validators.numerals import NUMERALS
from bot.validators.phone import IN_TEXT as PHONE_IN_TEXT
from handlers.broadcast import reschedule, timed
from handlers.broadcast.approval import to_approve
from handlers.broadcast.audience import Audience
from handlers.broadcast.audience_text import Unresolved, parse_audience, to_audience
from handlers.broadcast.daily import daily_items, queue_item
from handlers.broadcast.drafts import draft_reply, scope_mark
from handlers.broadcast.form import (
    FORM_NAME,
    GUESSED,
    OWN_BEAT,
    URGENT_LATER,
    check_audience,
    check_content,
    split_text,
)
from handlers.broadcast.lookup import alert_number, too_old
from handlers.broadcast.notes import guess_category
from handlers.broadcast.release import (
    PEERS,
    Decision,
    approve_or_schedule,
    confirm,
    unapprovable,
)
from handlers.broadcast.revise import cancel, correct
from handlers.broadcast.status_commands import add_routes as add_status_routes
from handlers.broadcast.status_commands import alert_or_why, status_one
from handlers.registration.timefmt import short
from handlers.services.numbers import record_number
from handlers.services.recipients import officer_or_area
from handlers.services.scope import station_beats
from storage.models import Broadcast, BroadcastStatus, Category, Role, Severity
from storage.outbox import enqueue_to_accounts

#: Said after 通报, they ask to take one back (通报 撤销 6), which /撤回 does.
_WITHDRAW_WORDS = ("撤销", "撤回", "删除", "删掉", "作废")


async def _tell_author(ctx: Context, broadcast: Broadcast, text: str, key: str) -> None:
    """The leader's decision, to the officer waiting on it; to the alert's beat's officers
    once that officer has left (it had reached no one, and an approved alert went out with
    nobody following it)."""
    if broadcast.author_person_id is None or broadcast.author_person_id == ctx.person.id:
        return
    to = await officer_or_area(
        ctx.session,
        broadcast.author_person_id,
        broadcast.station_id,
        Audience.from_json(broadcast.audience).only_beat,
    )
    accounts = [a for a in to.accounts if a.person_id != ctx.person.id]
    replies: list[Reply] = [Text(text + to.note("发起该通报的民警"))]
    enqueue_to_accounts(ctx.session, accounts, message_key=key, replies=replies, now=ctx.now)


def _decision_text(broadcast: Broadcast, decision: Decision, ctx: Context) -> str:
    zone, targets = ctx.services.settings.zone, decision.targets
    match broadcast.status:
        case BroadcastStatus.PENDING_APPROVAL:
            return (
                f"通报#{broadcast.id}超出您的警务区，{_asked(decision)}，"
                f"批准后发送（{targets}个对象）。"
            )
        case BroadcastStatus.DRAFT:
            return unapprovable(broadcast.id)
        case BroadcastStatus.SCHEDULED:
            assert broadcast.send_at is not None
            return f"⏰ 通报#{broadcast.id}将于 {short(broadcast.send_at, zone, ctx.now)} 发送给 {targets} 个对象。"
        case BroadcastStatus.DONE if targets == 0:
            return f"通报#{broadcast.id}没有找到发送对象，未发送。"
        case _:
            return (
                f"✅ 通报#{broadcast.id}正在发送给 {targets} 个对象。"
                f"发送「/通报状态 {broadcast.id}」查看送达和确认情况。"
            )


def _asked(decision: Decision) -> str:
    """已提交所领导审批, or to whom it went at a station with no leader's account."""
    if decision.approvers == PEERS:
        return f"本所还没有所领导的账号，已提交{PEERS}审批"
    return f"已提交{decision.approvers}审批"


def _scope_fixed(broadcast: Broadcast) -> str:
    """Why an alert past its draft keeps its scope, and how to send it to another."""
    said = f"通报#{broadcast.id}当前为「{broadcast.status.label}」，不能再改范围。"
    if broadcast.status in (BroadcastStatus.CANCELLED, BroadcastStatus.REJECTED):
        return f"{said}如需发给其他范围，请发送「/通报」重新编写。"
    sent_out = broadcast.status in (BroadcastStatus.SENDING, BroadcastStatus.DONE)
    withdraw = f"/撤回 {broadcast.id} 范围有误" if sent_out else f"/撤回 {broadcast.id}"
    return f"{said}如需改范围，请先「{withdraw}」，再发送「/通报」按新范围重新编写。"


_SCOPE_CLAUSE = re.compile(
    r"^((?:只发给|只发到|只发|发给|发到|只给)[^：:，,。\n]{1,30}"
    r"|[^：:，,。\n]{2,30}?(?:都要发|都发|都发一下))[：:，,]\s*(.*)$",
    re.S,
)
#: 旅馆民宿都发: the ease after the scope, no part of it.
_SCOPE_TAIL = re.compile(r"(都要发|都发一下|都发)$")


def _prefill(args: str) -> dict[str, object]:
    """Leading 紧急/防诈 words and the text after them, as answers."""
    answered: dict[str, object] = {}
    words = args.split(maxsplit=2)
    while words:
        word = words[0]
        try:
            answered.setdefault("severity", Severity.parse(word).value)
        except ValueError:
            try:
                answered.setdefault("category", Category.parse(word).value)
            except ValueError:
                break
        args = args.strip()[len(word) :].strip()
        words = args.split(maxsplit=2)
    scope, rest = _scope_clause(args)
    if scope:
        try:
            audience = parse_audience(
                _SCOPE_TAIL.sub("", scope), FormEnv({}, date.min, datetime.min)
            )
        except Invalid:
            pass  # not a scope after all: the words stay in the text
        else:
            answered["audience"], args = audience, rest
    if args.strip():
        with contextlib.suppress(Invalid):
            answered["text"] = split_text(args)
    return answered


#: Marks of a sentence: words with none of them may be a scope alone (通报 城南旅馆).
_SENTENCE = re.compile(r"[。！？!?；;，,：:\n]")
#: Longest phrase after 通报 that may be a scope alone (a beat and a few kinds).
_LONE_SCOPE_MAX = 30


def _lone_scope(answered: dict[str, object]) -> dict[str, Any] | None:
    """通报 城南旅馆 had started the form with 「城南旅馆」 as the alert's content: a short
    phrase that reads as a scope, and nothing else, is whom the alert is for (the handler
    keeps it only if it names a beat, kind or place that is there)."""
    text = answered.get("text")
    if "audience" in answered or not isinstance(text, dict):
        return None
    said = str(text.get("body", ""))
    if len(said) > _LONE_SCOPE_MAX or _SENTENCE.search(said):
        return None
    try:
        return parse_audience(_SCOPE_TAIL.sub("", said), FormEnv({}, date.min, datetime.min))
    except Invalid:
        return None


#: A circle said before the content, with no sending verb: 城东路18号 500米 燃气泄漏…,
#: 悦来旅馆周边五百米内：今晚停电. The distance needs its unit; the place is a few words.
_CIRCLE_CLAUSE = re.compile(
    r"^(?P<scope>[^：:，,。！!？?\n]{2,30}?\s*(?:周边|附近|周围|方圆)?\s*(?:半径)?\s*"
    rf"(?:\d+(?:\.\d+)?|[{NUMERALS}百千]+)\s*(?:米|公里|千米|km)"
    r"(?:范围内|范围|以内|之内|内)?)(?:[\s：:，,]+|$)(?P<rest>.*)$",
    re.S | re.IGNORECASE,
)


def _said(answered: dict[str, object]) -> str | None:
    """The content as typed after /通报, while no scope is taken from it."""
    text = answered.get("text")
    if "audience" in answered or not isinstance(text, dict):
        return None
    title, body = str(text.get("title", "")), str(text.get("body", ""))
    return (body if body.startswith(title) else f"{title}\n{body}").strip()


def _circle_clause(answered: dict[str, object]) -> tuple[dict[str, Any], str] | None:
    """The circle the content starts with and the content after it, when it reads as one
    (whether the place is there, the handler asks). 城东路18号 500米 had stayed in the title
    and the body, and the form asked for the scope all the same."""
    said = _said(answered)
    if said is None:
        return None
    match = _CIRCLE_CLAUSE.match(said)
    if match is None:
        return None
    try:
        spec = parse_audience(match["scope"], FormEnv({}, date.min, datetime.min))
    except Invalid:
        return None
    return (spec, match["rest"].strip()) if "around" in spec else None


#: Where venue kinds said before the content end: 网吧 今晚…, 旅馆、民宿：今晚….
_KINDS_END = re.compile(r"[\s：:，,]+")


def _names_whom(spec: dict[str, Any]) -> bool:
    """Whether a scope read from the words before the content names venues: kinds, the
    station (全所) or the own beat (全部, 所有场所, 辖区); not the public alone (广大群众：…
    opens many an alert), nor a beat's or a venue's name."""
    if "beat_name" in spec:
        return False
    return bool(spec.get("kinds")) or ("scope" in spec and not spec["subscribers"])


def _kinds_clause(answered: dict[str, object]) -> tuple[dict[str, Any], str] | None:
    """Venue kinds, 全所 or the own beat the content starts with (the most words that are
    a scope) and the content after them: 网吧 今晚十点起消防检查 had kept 网吧 in the title
    and the body, and the form asked for the scope all the same; 全所 今晚有大风 went to the
    officer's beat with 全所 in its text. A beat's or a venue's name is content here
    (城东：… may well be news about 城东); with 发给 before it, it is a scope."""
    said = _said(answered) or ""
    found = None
    for end in _KINDS_END.finditer(said, 0, _LONE_SCOPE_MAX + 1):
        try:
            spec = parse_audience(said[: end.start()], FormEnv({}, date.min, datetime.min))
        except Invalid:
            continue
        rest = said[end.end() :].strip()
        if (_names_whom(spec) or _public_addressed(spec, said, end)) and rest:
            found = (spec, rest)
    return found


def _public_addressed(spec: dict[str, Any], said: str, end: re.Match[str]) -> bool:
    """群众：…, 居民：…: the residents named as whom the alert is for, as 所有场所：… names
    the venues (it had stayed in the text the residents read, and 发给谁 was asked again).
    Only before a colon, and not 广大群众, which opens an alert as a greeting."""
    return (
        bool(spec.get("residents_only"))
        and any(mark in end.group() for mark in "：:")
        and not said.startswith("广大")
    )


def _scope_clause(args: str) -> tuple[str, str]:
    """`只发旅馆：内容`, `发给城东：内容` or `旅馆民宿都发：内容`: the scope said before the
    content, and the rest. Only with a sending verb, so that a content beginning 城东：…
    stays content."""
    match = _SCOPE_CLAUSE.match(args.strip())
    if match is None:
        return "", args
    return match.group(1).strip(), match.group(2)


#: A record number in a sentence (通报#5谁没回, 通报５没确认的).
_SAID_NUMBER = re.compile(r"[0-9０-９]+")


#: The verb that ends a scope said before 通报 (悦来旅馆周边500米发通报, 给房东们发个通报).
_SENDING_VERB = re.compile(r"(?:发布|下发|发送|发一个|发一条|发一下|发个|发条|发)(?:一)?$")
#: What asks for the sending before the scope (给, 我想给): 我想发个通报 had been offered
#: as 「通报 发给我想：」, 我想 read as a beat's name.
_SENDING_TO = re.compile(
    r"^(?:请|帮我|麻烦)?(?:我们|我|咱们?)?(?:要|想|得|需要|准备)?(?:给|向|对|往)?"
)


def _with_said_scope(text: str, offer: Suggestion) -> Suggestion:
    """悦来旅馆周边500米发通报：今晚停电 had been offered as 「/通报 今晚停电」, the circle
    lost: a scope said before 发通报 goes with the offer as `/通报 发给…：` keeps it, read as
    the form reads it (a place that is no scope leaves the offer as it was)."""
    at = text.find("通报")
    before, after = (text[:at].strip(), text[at + 2 :]) if at >= 0 else ("", "")
    verb = _SENDING_VERB.search(before)
    if verb is None:
        return offer
    scope = _SENDING_TO.sub("", before[: verb.start()]).strip(" ，,：:")
    if not scope:
        return offer
    try:
        parse_audience(_SCOPE_TAIL.sub("", scope), FormEnv({}, date.min, datetime.min))
    except Invalid:
        return offer
    # The content is what follows 通报 (the offer's own argument may be a number of the
    # scope, the 500 of 500米).
    content = after.strip().lstrip("：:，,。 ").strip()
    if mentions_resident_id(content) or PHONE_IN_TEXT.search(content):
        content = ""  # an offer never quotes them: the form asks for the content
    command = f"/{offer.route.commands[0]}"
    return Suggestion(offer.route, f"{command} 发给{scope}：{content}", offer.weight)


def _urgent_defaults(ctx: Context, answered: dict[str, object], *, unknown: bool) -> None:
    """/通报 紧急 城东路燃气泄漏…: the category its words say, the officer's own beat and
    no photo question (unless one came with it), so that one 确认 sends it; the summary
    says what was guessed. It had asked 配图、类别、范围 before 确认."""
    if not ctx.inbound.photos:
        answered.setdefault("photo", [])
    guessed: dict[str, object] = {}
    text = answered["text"]
    assert isinstance(text, dict)
    category = guess_category(f"{text['title']}{text['body']}")
    if "category" not in answered and category is not None:
        answered["category"] = guessed["category"] = category.value
    if "audience" not in answered and not unknown and ctx.person.beat_id is not None:
        answered["audience"] = guessed["audience"] = dict(OWN_BEAT)
    if guessed:
        answered[GUESSED] = guessed


def _kept_words(answers: Mapping[str, object]) -> str:
    """What a dropped draft had chosen that the new one does not inherit: （紧急，范围…）."""
    said = []
    severity = answers.get("severity")
    if isinstance(severity, str) and severity != Severity.NORMAL.value:
        said.append(Severity(severity).label)
    category = answers.get("category")
    if isinstance(category, str):
        said.append(Category(category).label)
    audience = answers.get("audience")
    if isinstance(audience, dict) and audience.get("label"):
        said.append(f"范围{audience['label']}")
    return f"（{'，'.join(said)}）" if said else ""


def build_router(forms: FormEngine) -> Router:
    router = Router()

    async def _asked_about_readers(ctx: Context, offer: Suggestion) -> Suggestion:
        """通报#5谁没回 names 通报 first, and had been offered as a new alert reading
        「#5谁没回」: a sentence asking who has read an alert (or to remind them) gets
        /通报状态 5 (or /催读 5) instead."""
        text = ctx.inbound.text
        for name in ("broadcast_nudge", "broadcast_status"):
            route = next(r for r in router.routes if r.name == name)
            if any(hint in text for hint in route.hints):
                number = _SAID_NUMBER.search(text)
                argument = f" {record_number(number[0])}" if number else ""
                return Suggestion(route, f"/{route.commands[0]}{argument}", offer.weight)
        return _with_said_scope(text, offer)

    @router.route(
        "broadcast_new",
        commands=("通报", "alert"),
        roles=STAFF,
        help=(
            "发布通报（可接 紧急/防诈 和内容）；/通报 明日 内容 加入每日提示；"
            "圈定周边：范围写「场所名 500米」，或发送一个位置（可附半径）"
        ),
        daily=80,
        picks=_asked_about_readers,
    )
    async def new(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        head, _, rest = args.partition(" ")
        if head in ("明日", "明天", "每日"):
            return await queue_item(ctx, rest)
        if head in _WITHDRAW_WORDS:
            # 通报 撤销 6 had started a new alert reading 「撤销 6」.
            typed = f"/撤回 {rest.strip()}".strip()
            return [
                Choices(
                    f"撤回已发的通报请发送「/撤回 编号 原因」，如 {typed}。",
                    (Button(f"是，{typed.removeprefix('/')}", typed),),
                )
            ]
        if (moved := await reschedule.asked(ctx, args)) is not None:
            # /通报 3 改到 明天8点, /通报 3 取消: had started a new alert reading 「3 改到…」.
            return moved
        if (number := record_number(args)) is not None:
            # /通报 3, /通报 #3: alert 3 wanted, as /通报状态 3 shows it; it had started a
            # new alert reading 「3」 (and refused it as too short).
            broadcast = await alert_or_why(ctx, number, act=False)
            if isinstance(broadcast, list):
                return broadcast
            return [
                *await status_one(ctx, broadcast),
                Text(f"（也可发送「/通报状态 {number}」查看；发新通报请在「/通报」后写内容。）"),
            ]
        going = await forms.unfinished(ctx, FORM_NAME) if args.strip() else None
        dropped: list[Reply] = []
        if going is not None and not isinstance(going.get("text"), dict):
            # A draft with no content yet (its text refused as too short, say) holds little
            # to lose: resuming it had asked for the content again and kept its 紧急 for
            # the new alert without a word. It is dropped, and said to be.
            await forms.cancel(ctx)
            dropped = [
                Text(f"之前未填内容的通报{_kept_words(going)}已放弃，按刚才发送的内容重新开始。")
            ]
            going = None
        if going is not None:
            # `start` resumes the old draft and would drop the new content without a word.
            text = going.get("text")
            title = f"「{text['title']}」" if isinstance(text, dict) and text.get("title") else ""
            return [
                Text(
                    f"您有一份未完成的通报{title}，刚才发送的内容没有录入："
                    "这份填完或回复「取消」后，请重新发送。"
                ),
                *await forms.start(ctx, FORM_NAME),
            ]
        answered = _prefill(args)
        if answered.get("severity") == Severity.URGENT.value:
            # /通报 紧急 …: sent at once, not asked 什么时候发 beside 加入每日提示 (the next
            # morning); 修改 时间 still schedules it.
            answered.setdefault("when", {"now": True})
        unknown = ""
        if "audience" in answered:
            unknown = await check_audience(ctx, answered["audience"], {}) or ""
            if unknown:  # a name not found: said now, and the form asks for the scope
                del answered["audience"]
        elif (circle := _circle_clause(answered)) and (
            unknown := await check_audience(ctx, circle[0], {}) or ""
        ):
            # 通报 城东路100号 500米 燃气泄漏…, no venue there: the words stay in the text
            # (3号楼 200米 外墙脱落 may be news, not a scope), but no longer without a word;
            # the scope is asked for at the end, not guessed.
            unknown += "这些字仍留在通报内容里，不需要可回复「修改 内容」。"
        elif (clause := circle or _kinds_clause(answered)) and not await check_audience(
            ctx, clause[0], {}
        ):
            # 通报 紧急 城东路18号 500米 燃气泄漏…, 通报 网吧 今晚…, 通报 全所 今晚…: the
            # circle, the kinds or the station are whom it is for, not the text.
            answered["audience"] = clause[0]
            del answered["text"]  # the form asks for it if nothing else was said
            with contextlib.suppress(Invalid):
                answered["text"] = split_text(clause[1])
        elif (said := _lone_scope(answered)) and not await check_audience(ctx, said, {}):
            # 通报 城南旅馆: whom to send it to, and no content yet; the form asks for it.
            answered["audience"] = said
            del answered["text"]
        notes = [Text(f"{unknown}发送范围请在最后一步重新选择。")] if unknown else []
        if isinstance(text := answered.get("text"), dict):
            try:
                check_content(text)
            except Invalid as exc:
                # As the form's own question would: said, and asked for again.
                del answered["text"]
                notes.append(Text(f"「{text['body']}」{exc.reason}"))
        derived: dict[str, list[str]] = {}
        if answered.get("severity") == Severity.URGENT.value and "text" in answered:
            _urgent_defaults(ctx, answered, unknown=bool(unknown))
        elif answered.get("severity") == Severity.URGENT.value:
            # /通报 紧急 alone: the content is asked first, and what is guessed from it
            # filled in once typed (it had been asked 需要配图吗、类别、范围 after it).
            answered[URGENT_LATER] = {
                "photo": not ctx.inbound.photos,
                "audience": "audience" not in answered
                and not unknown
                and ctx.person.beat_id is not None,
            }
            derived["severity"] = [URGENT_LATER]  # gone with a 紧急 changed
        # What was guessed goes with the text (not a field 上一步 could go back to).
        if GUESSED in answered:
            derived["text"] = [GUESSED]
        return [
            *dropped,
            *notes,
            *await forms.start(ctx, FORM_NAME, answered=answered, derived=derived or None),
        ]

    @router.route(
        "daily_items",
        commands=("每日提示", "dailyitems"),
        roles=STAFF,
        help="查看或撤下待发的每日提示，如 /每日提示 撤下 3",
        topic="通报",
    )
    async def daily(ctx: Context) -> list[Reply]:
        return await daily_items(ctx, ctx.match.args if ctx.match else "")

    @router.route("broadcast_send", commands=("通报发送", "alertsend"), roles=STAFF)
    async def send(ctx: Context) -> list[Reply]:
        number, mark = alert_number(ctx)
        broadcast = await alert_or_why(ctx, number, act=True)
        if isinstance(broadcast, list):
            return broadcast
        if broadcast.status in (BroadcastStatus.SENDING, BroadcastStatus.DONE):
            # Not its stored status: 发送中 stays stored until the sweep, while /通报状态
            # already read 已发送 from the deliveries, and the two replies disagreed.
            return [
                Text(
                    f"通报#{broadcast.id}已确认发送，无需再次确认；"
                    f"送达情况请发送「/通报状态 {broadcast.id}」查看。"
                )
            ]
        if broadcast.status is not BroadcastStatus.DRAFT:
            return [Text(f"通报#{broadcast.id}当前为「{broadcast.status.label}」，无需再次确认。")]
        if mark.startswith("#") and mark != scope_mark(broadcast):
            return [
                Text(
                    f"通报#{broadcast.id}的发送范围已修改过，这是之前的确认按钮。请核对后按最新的确认："
                ),
                *await draft_reply(ctx, broadcast),
            ]
        decision = await confirm(ctx.session, ctx.services, broadcast, ctx.person)
        said = _decision_text(broadcast, decision, ctx)
        if broadcast.status is BroadcastStatus.SCHEDULED:
            return [Choices(said, timed.buttons(broadcast.id))]
        return [Text(said)]

    @router.route(
        "broadcast_scope",
        commands=("通报范围", "alertscope"),
        roles=STAFF,
        help="修改草稿的发送范围，如 /通报范围 12 旅馆、民宿",
        topic="通报",
    )
    async def scope(ctx: Context) -> list[Reply]:
        number, words = alert_number(ctx)
        broadcast = await alert_or_why(ctx, number, act=True)
        if isinstance(broadcast, list):
            return broadcast
        if broadcast.status is not BroadcastStatus.DRAFT:
            return [Text(_scope_fixed(broadcast))]
        local = local_time(ctx)
        env = FormEnv({}, local.date(), local, location=ctx.inbound.location)
        try:
            spec = parse_audience(words, env)
            beats = await station_beats(ctx.session, ctx.person)
            audience = await to_audience(ctx.session, spec, ctx.person, beats)
        except (Invalid, Unresolved) as exc:
            reason = exc.reason if isinstance(exc, Invalid) else str(exc)
            return [Text(reason)]
        broadcast.audience, broadcast.public = audience.to_json(), audience.subscribers
        ctx.session.add(broadcast)
        return await draft_reply(ctx, broadcast)

    add_status_routes(router)

    @router.route(
        "broadcast_cancel",
        commands=("撤回", "retract"),
        # 撤销通报 6, 删除通报: what officers also call it (通报 alone would start a new one).
        hints=(
            "发错了",
            "撤回通报",
            "撤下来",
            "撤销通报",
            "删除通报",
            "作废通报",
            "通报撤销",
            "通报撤回",
        ),
        roles=STAFF,
        help="撤回通报并通知已收到的对象，如 /撤回 12 信息有误",
        topic="通报",
    )
    async def withdraw(ctx: Context) -> list[Reply]:
        number, reason = alert_number(ctx)
        broadcast = await alert_or_why(ctx, number, act=True)
        if isinstance(broadcast, list):
            return broadcast
        if broadcast.status in (BroadcastStatus.CANCELLED, BroadcastStatus.REJECTED):
            return [Text(f"通报#{broadcast.id}当前为「{broadcast.status.label}」，无需撤回。")]
        if too_old(ctx, broadcast):
            return [Text(f"通报#{broadcast.id}发布已久，不能再撤回。")]
        sent_out = broadcast.status in (BroadcastStatus.SENDING, BroadcastStatus.DONE)
        if sent_out and not reason.strip():
            # Those who got it are told it is withdrawn, and why; and one word less than a
            # withdrawal should not take back an urgent alert by mistake.
            return [
                Text(
                    f"通报#{broadcast.id}已发出，撤回会通知已收到的对象。"
                    f"请写明原因，如 /撤回 {broadcast.id} 信息有误"
                )
            ]
        told = await cancel(ctx.session, ctx.services, broadcast, reason[:100])
        tail = f"，已通知 {told} 个已收到的对象" if told else ""
        return [Text(f"通报#{broadcast.id}已撤回{tail}。尚未发出的不再发送。")]

    async def _latest_to_correct(ctx: Context, offer: Suggestion) -> Suggestion:
        """刚才那个通报写错了 had been offered a new alert: /更正 of the officer's latest
        alert (its reply says how to write the correction), when no number was said."""
        if offer.typed.split()[1:]:
            return offer
        latest = (
            await ctx.session.exec(
                select(Broadcast.id)
                .where(
                    Broadcast.author_person_id == ctx.person.id,
                    col(Broadcast.status).not_in(
                        (BroadcastStatus.CANCELLED, BroadcastStatus.REJECTED)
                    ),
                )
                .order_by(col(Broadcast.id).desc())
                .limit(1)
            )
        ).first()
        return offer if latest is None else Suggestion(offer.route, f"/更正 {latest}", offer.weight)

    @router.route(
        "broadcast_correct",
        commands=("更正", "correct"),
        hints=("写错了", "更正一下", "改一下通报", "通报写错了", "通报有误", "通报错了"),
        roles=STAFF,
        picks=_latest_to_correct,
        help="更正通报内容并重发给所有对象，如 /更正 12 新内容",
        topic="通报",
    )
    async def fix(ctx: Context) -> list[Reply]:
        number, text = alert_number(ctx)
        broadcast = await alert_or_why(ctx, number, act=True)
        if isinstance(broadcast, list):
            return broadcast
        if broadcast.status in (BroadcastStatus.CANCELLED, BroadcastStatus.REJECTED):
            return [Text(f"通报#{broadcast.id}当前为「{broadcast.status.label}」，不能更正。")]
        if too_old(ctx, broadcast):
            return [Text(f"通报#{broadcast.id}发布已久，请发布新的通报。")]
        try:
            parsed = split_text(text)
        except Invalid as exc:
            # /更正 5 alone had got 「…完整内容。内容不能为空，请重新输入」: said twice, and
            # 重新输入 asked for an answer no form was waiting for.
            usage = (
                f"请在「/更正 {broadcast.id}」后写上更正后的完整内容："
                "第一行作标题，换行后写正文（也可只写一段）。"
            )
            if not text.strip():
                return [Text(usage)]
            return [Text(f"更正没有录入：{exc.reason}。{usage}")]
        queued = await correct(ctx.session, ctx.services, broadcast, **parsed)
        if broadcast.status is BroadcastStatus.DRAFT:
            return await draft_reply(ctx, broadcast)
        if not queued:
            return [Text(f"通报#{broadcast.id}的内容已更新，发送时使用新内容。")]
        return [
            Text(
                f"通报#{broadcast.id}已更正，正在重发给 {queued} 个对象。"
                "之前的「收到」已清零，按更正后的内容重新确认。"
            )
        ]

    # In help (the admin's day, under 通报): an admin has them, and they had been listed
    # nowhere. An officer has them at a station with no leader's account (`approvers`).
    @router.route(
        "broadcast_approve",
        commands=("批准", "approve"),
        roles=STAFF,
        help="批准超出警务区的通报（所领导；本所没有所领导账号时由其他民警审批），如 /批准 12",
        daily=15,
        daily_for=(Role.ADMIN,),  # an officer's is the rare station with no leader's account
        topic="通报",
    )
    async def approve(ctx: Context) -> list[Reply]:
        broadcast = await to_approve(ctx)
        if isinstance(broadcast, list):
            return broadcast
        broadcast.approved_by_person_id, broadcast.approved_at = ctx.person.id, ctx.now
        decision = await approve_or_schedule(ctx.session, ctx.services, broadcast)
        text = _decision_text(broadcast, decision, ctx)
        who = "所领导" if ctx.person.role is Role.ADMIN else f"本所民警{ctx.person.display_name}"
        await _tell_author(
            ctx, broadcast, f"{who}已批准。{text}", f"broadcast-approved:{broadcast.id}"
        )
        return [Text(text)]

    @router.route(
        "broadcast_reject",
        commands=("驳回", "reject"),
        roles=STAFF,
        help="驳回待审批的通报，可写理由，如 /驳回 12 范围过大",
        topic="通报",
    )
    async def reject(ctx: Context) -> list[Reply]:
        broadcast = await to_approve(ctx)
        if isinstance(broadcast, list):
            return broadcast
        _, reason = alert_number(ctx)
        broadcast.status, broadcast.note = BroadcastStatus.REJECTED, reason[:200]
        broadcast.updated_at = ctx.now
        ctx.session.add(broadcast)
        why = f"：{reason}" if reason else "。"
        await _tell_author(
            ctx,
            broadcast,
            f"通报#{broadcast.id}「{broadcast.title}」未获批准{why}",
            f"broadcast-rejected:{broadcast.id}",
        )
        return [Text(f"已驳回通报#{broadcast.id}。")]

    return router
