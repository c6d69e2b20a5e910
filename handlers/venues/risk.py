"""`/风险`: the beat's red and orange venues with reasons; a venue's ratings; rate one.

/风险                       red and orange venues of my beat (of the station without one)
/风险 黄                    the venues of one colour (红色的场所, 哪些是黄色 are offered it)
/风险 平安旅馆              its colour, each input with its reason, recent changes
/风险 平安旅馆 橙 理由       my rating (the combined colour is the most severe input)
/风险 平安旅馆 蓝 下调 理由  rate below the rules/department on purpose
/风险 平安旅馆 清除 理由     withdraw my rating: the rules and the department decide again
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from sqlmodel import col, func, select

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, Router, Suggestion
from handlers.services.officers import beat_officer_accounts
from handlers.services.risk.describe import (
    MARKS,
    change_line,
    change_text,
    colour_text,
    marked,
    reasons,
)
from handlers.services.risk.rating import clear_by_officer, latest_changes, rate_by_officer
from handlers.services.risk.ruleset import RuleSet
from handlers.services.risk.scoring import score_venues
from handlers.services.scope import Q, resolve_venue, restrict, station_beats, unresolved
from handlers.services.venues import venue_label, venue_labels
from handlers.services.worklog import log_work
from storage.models import (
    Beat,
    RiskColour,
    Task,
    TaskStatus,
    Venue,
    VenueKind,
    VenueRisk,
)
from storage.outbox import enqueue_to_accounts, keys_with_prefix

OVERRIDE_WORD = "下调"
#: Words after the venue that withdraw the officer's rating (the department's CSV has its
#: own, `handlers.services.risk.department.CLEAR_WORDS`, which includes 无 for an empty cell).
CLEAR_WORDS = ("清除", "恢复规则", "取消评定", "撤销评定")
#: The source of the tasks the visit rule makes (`rule:visit_red`, scheduler/jobs/visits.py).
VISIT_SOURCE = "rule:visit_"
LIST_LIMIT = 30
#: Venues never scored that a listing scores first; more wait for the scheduled scoring.
UNSCORED_LIMIT = 200
#: A listing's buttons open its first venues; the rest by typing /风险 编号.
BUTTON_LIMIT = 8
USAGE = (
    "用法：/风险（本警务区红橙场所）｜/风险 黄（某一颜色的场所）｜/风险 场所（详情）"
    "｜/风险 场所 红/橙/黄/蓝 理由（评定）｜/风险 场所 清除（撤销评定，恢复规则）"
)
_DEFAULT_COLOURS = (RiskColour.RED, RiskColour.ORANGE)
#: What an officer says around a colour when asking for its venues (黄色的场所, 红色的有哪些).
_AROUND_COLOUR = re.compile(r"^(?:看看?|查|哪些是?|所有)?|(?:的|场所|有哪些|有几个|都有哪些)+$")
#: What surrounds a venue's name said before 风险 (看看悦来旅馆的风险, 悦来旅馆是什么风险).
_ASKED_AROUND_NAME = re.compile(
    r"^(?:看看?|查查?|查一下|问一下)|(?:的|是|现在|目前)*(?:什么|啥|多大|几级)?(?:的)?\s*$"
)
#: Sentences asking for the venues of a colour: offered /风险 with that colour (see `_picked`).
_COLOUR_HINTS = tuple(
    hint
    for c in "红橙黄蓝"
    for hint in (f"{c}色场所", f"{c}色的场所", f"哪些是{c}", f"哪些{c}色", f"{c}色的有哪些")
)


def _split(args: str) -> tuple[str, RiskColour | None, bool, str]:
    """ "平安旅馆 蓝 下调 已整改" -> venue key, colour, override, reason."""
    words = args.split()
    for i, word in enumerate(words[1:], start=1):
        try:
            colour = RiskColour.parse(word)
        except ValueError:
            continue
        rest = words[i + 1 :]
        override = bool(rest) and rest[0] == OVERRIDE_WORD
        return " ".join(words[:i]), colour, override, " ".join(rest[1:] if override else rest)
    return args.strip(), None, False, ""


def _clearing(args: str) -> tuple[str, str] | None:
    """ "悦来 清除 已核实无问题" -> venue key, reason; None when nothing is cleared."""
    words = args.split()
    for i, word in enumerate(words[1:], start=1):
        if word in CLEAR_WORDS:
            return " ".join(words[:i]), " ".join(words[i + 1 :])
    return None


def _asked_colour(args: str) -> RiskColour | None:
    """The colour whose venues `args` asks for (黄, 黄色, 红色的场所, 哪些是蓝色), or None
    when it names a venue: /风险 红色 had answered 没有找到场所「红色」."""
    word = _AROUND_COLOUR.sub("", args.strip())
    if not word or " " in word:
        return None
    try:
        return RiskColour.parse(word)
    except ValueError:
        return None


async def _picked(ctx: Context, offer: Suggestion) -> Suggestion:
    """哪些是黄色, 红色的场所: the colour said goes with the offer, which would otherwise
    list red and orange; 悦来旅馆什么风险: the venue named before the word, its detail."""
    text = ctx.inbound.text
    command = f"/{offer.route.commands[0]}"
    said = [c for c in RiskColour if f"{c.label}色" in text or f"是{c.label}" in text]
    if len(said) == 1:
        return Suggestion(offer.route, f"{command} {said[0].label}", offer.weight)
    before = _ASKED_AROUND_NAME.sub("", text.partition("风险")[0]) if "风险" in text else ""
    if len(before) < 2:
        return offer
    venue = await resolve_venue(ctx.session, await station_beats(ctx.session, ctx.person), before)
    if isinstance(venue, str):
        return offer
    return Suggestion(offer.route, f"{command} {venue.id}", offer.weight, f"风险 {venue.name}")


async def _in_scope(ctx: Context, query: Q) -> tuple[Q, str]:
    """`query` kept to the officer's beat (the station's, for one without), and its name."""
    if ctx.person.beat_id is not None:
        beat = await ctx.session.get(Beat, ctx.person.beat_id)
        return query.where(
            col(Venue.beat_id) == ctx.person.beat_id
        ), beat.name if beat else "本警务区"
    return restrict(query, await station_beats(ctx.session, ctx.person)), "本所"


async def score_unscored(ctx: Context, rules: RuleSet) -> int:
    """Score the venues in scope never scored yet (the nightly scoring had not reached a
    new station: /风险 said 没有红色、橙色场所 of venues no one had looked at); returns how
    many are left unscored beyond `UNSCORED_LIMIT`."""
    never = (
        select(Venue)
        .outerjoin(VenueRisk, col(VenueRisk.venue_id) == col(Venue.id))
        .where(col(VenueRisk.venue_id).is_(None))
    )
    query, _area = await _in_scope(ctx, never)
    venues = (await ctx.session.exec(query.order_by(col(Venue.id)).limit(UNSCORED_LIMIT + 1))).all()
    if venues:
        await score_venues(ctx.session, rules.rules, venues[:UNSCORED_LIMIT], ctx.now)
        await ctx.session.flush()
    if len(venues) <= UNSCORED_LIMIT:
        return 0
    left = (await ctx.session.exec(select(func.count()).select_from(query.subquery()))).one()
    return int(left) - UNSCORED_LIMIT


async def _listing(
    ctx: Context, rules: RuleSet, colours: Sequence[RiskColour] = _DEFAULT_COLOURS
) -> list[Reply]:
    left = await score_unscored(ctx, rules)
    query, area = await _in_scope(
        ctx,
        select(Venue, VenueRisk)
        .join(VenueRisk, col(VenueRisk.venue_id) == col(Venue.id))
        .where(col(VenueRisk.colour).in_(list(colours))),
    )
    rows = sorted(
        (await ctx.session.exec(query.order_by(col(Venue.name)))).all(),
        key=lambda row: -row[1].colour.severity,
    )
    # 🔴红色、🟠橙色, as the lines below and every other colour in a reply are marked.
    named = "、".join(f"{marked(c)}色" for c in colours)
    unscored = (
        f"另有 {left} 处场所尚未评估，稍后自动评估；发送「/风险 场所」可立即评估一处。"
        if left
        else ""
    )
    if not rows:
        others = (
            ""
            if colours != _DEFAULT_COLOURS
            else f"查看{marked(RiskColour.YELLOW)}色场所请发送「/风险 黄」。"
        )
        return [Text(f"{area}目前没有{named}场所。{others}{unscored}")]
    lines = [f"{area}{named}场所共 {len(rows)} 处："]
    # As officers know them (name, plate): the internal #id only tells apart two of a name.
    labels = venue_labels(venue for venue, _ in rows[:LIST_LIMIT])
    for venue, risk in rows[:LIST_LIMIT]:
        # One reason a line: joined with ；they ran on (规则黄：…；规则蓝：…；规则黄：…).
        lines.append(f"{MARKS[risk.colour]}{labels[venue.id]}")
        lines.extend(f"　· {reason}" for reason in reasons(risk))
    if len(rows) > LIST_LIMIT:
        lines.append(f"……另有 {len(rows) - LIST_LIMIT} 处未显示")
    if unscored:
        lines.append(unscored)
    lines.append("点下面的场所或发送「/风险 场所」查看详情，「/风险 场所 颜色 理由」评定。")
    # Two of a name read apart by their number, as `unresolved` offers them.
    buttons = tuple(
        Button(
            venue.name if labels[venue.id] == venue_label(venue) else f"#{venue.id} {venue.name}",
            f"/风险 {venue.id}",
        )
        for venue, _ in rows[:BUTTON_LIMIT]
    )
    return [Choices("\n".join(lines), buttons)]


async def _detail(ctx: Context, venue: Venue, rules: RuleSet) -> list[Reply]:
    # Scored afresh, so the reasons shown are today's and not last night's.
    await score_venues(ctx.session, rules.rules, [venue], ctx.now)
    await ctx.session.flush()
    risk = await ctx.session.get(VenueRisk, venue.id)
    assert risk is not None
    assert venue.id is not None
    changes = await latest_changes(ctx.session, venue.id, 5)
    zone = ctx.services.settings.zone
    lines = [f"「{venue.name}」综合风险：{colour_text(risk.colour)}", *reasons(risk)]
    if changes:
        lines.append("最近变化：")
        lines.extend(change_line(c, zone) for c in changes)
    return [Text("\n".join(lines))]


async def _rate(
    ctx: Context,
    venue: Venue,
    colour: RiskColour,
    override: bool,
    reason: str,
    visits: Mapping[RiskColour, int],
) -> list[Reply]:
    assert venue.id is not None
    if not reason:
        # An example that fits the venue: an internet café has no guests to register.
        lodging = venue.kind.takes_guests or venue.kind is VenueKind.RENTAL
        example = "多次发现未登记住客" if lodging else "消防通道堵塞"
        return [Text(f"请写明评定理由，如：/风险 {venue.name} {colour.label} {example}")]
    rated = await rate_by_officer(
        ctx.session,
        venue.id,
        colour,
        reason,
        override=override,
        person_id=ctx.person.id,
        now=ctx.now,
    )
    log_work(
        ctx.session,
        ctx.person,
        "risk.rate",
        f"{venue.name}：评定{colour.label}色（{reason[:100]}）",
        now=ctx.now,
        subject_kind="venue",
        subject_id=venue.id,
    )
    combined = rated.risk.colour
    changed = rated.outranked_by is None and combined != rated.combined_before
    # The colour said once. Unchanged, the combined colour is the one rated (a first
    # rating, 下调) or the higher one the next line names: 综合风险：🟡黄（一般风险） after
    # 评定为🟡黄色 had said it twice. A change says the combined colour in its own line.
    meaning = "" if changed or rated.outranked_by is not None else f"（{colour.meaning}）"
    lines = [f"✅ 已将「{venue.name}」评定为{marked(colour)}色{meaning}。"]
    if rated.outranked_by is not None:
        lines.append(
            f"规则或上级评定为{marked(rated.outranked_by)}色，综合取较高者。"
            f"如确认下调，请发送：/风险 {venue.name} {colour.label} {OVERRIDE_WORD} 理由"
        )
    elif changed:
        lines.append(f"综合风险{change_text(rated.combined_before, combined)}。")
        if not visits.get(combined):
            dropped = await _drop_visits(ctx, venue, f"综合风险降为{marked(combined)}：{reason}")
            if dropped:
                numbers = "、".join(f"#{n}" for n in dropped)
                lines.append(f"{marked(combined)}色场所无需定期走访，已取消走访任务 {numbers}。")
    if venue.beat_id != ctx.person.beat_id and await _tell_beat(ctx, venue, colour, reason):
        lines.append("已告知该场所所属警务区的民警。")
    return [Text("\n".join(lines))]


async def _clear(
    ctx: Context, venue: Venue, reason: str, visits: Mapping[RiskColour, int]
) -> list[Reply]:
    assert venue.id is not None
    cleared = await clear_by_officer(
        ctx.session, venue.id, reason, person_id=ctx.person.id, now=ctx.now
    )
    if cleared is None:
        return [
            Text(
                f"「{venue.name}」没有民警评定，无需清除；其颜色来自规则或上级评定。"
                f"发送「/风险 {venue.name}」查看理由。"
            )
        ]
    log_work(
        ctx.session,
        ctx.person,
        "risk.clear",
        f"{venue.name}：清除民警评定" + (f"（{reason[:100]}）" if reason else ""),
        now=ctx.now,
        subject_kind="venue",
        subject_id=venue.id,
    )
    combined = cleared.risk.colour
    lines = [
        f"✅ 已清除「{venue.name}」的民警评定，恢复按规则和上级评定。",
        f"综合风险：{colour_text(combined)}",
        *reasons(cleared.risk),
    ]
    if combined != cleared.combined_before and not visits.get(combined):
        dropped = await _drop_visits(ctx, venue, f"清除民警评定，综合风险为{marked(combined)}")
        if dropped:
            numbers = "、".join(f"#{n}" for n in dropped)
            lines.append(f"{marked(combined)}色场所无需定期走访，已取消走访任务 {numbers}。")
    return [Text("\n".join(lines))]


async def _drop_visits(ctx: Context, venue: Venue, note: str) -> list[int]:
    """Cancel the visits the visit rule asked for this venue: once its colour asks for
    none, 走访橙色场所 would stay on the list and in every digest until cancelled by hand."""
    rows = await ctx.session.exec(
        select(Task).where(
            Task.venue_id == venue.id,
            Task.status == TaskStatus.OPEN,
            col(Task.source).startswith(VISIT_SOURCE, autoescape=True),  # its _ is no wildcard
        )
    )
    dropped = []
    for task in rows.all():
        task.status, task.done_at, task.done_note = TaskStatus.CANCELLED, ctx.now, note[:300]
        task.done_by_person_id = ctx.person.id
        ctx.session.add(task)
        dropped.append(task.id or 0)
    return dropped


async def _tell_beat(ctx: Context, venue: Venue, colour: RiskColour, reason: str) -> bool:
    """A rating from outside the venue's beat reaches the beat's officers: the colour
    steers their visits, and it should not change without their knowing."""
    accounts = [
        a
        for a in await beat_officer_accounts(ctx.session, venue.beat_id)
        if a.person_id != ctx.person.id
    ]
    beat = await ctx.session.get(Beat, ctx.person.beat_id) if ctx.person.beat_id else None
    who = ctx.person.display_name or f"民警#{ctx.person.id}"
    where = f"（{beat.name}）" if beat else ""
    notice = Text(
        f"ℹ️ {who}{where}将本警务区「{venue.name}」评定为{marked(colour)}色：{reason}\n"
        f"发送「/风险 {venue.name}」查看。"
    )
    told = len(await keys_with_prefix(ctx.session, f"risk-rate:{venue.id}:"))
    enqueue_to_accounts(
        ctx.session,
        accounts,
        message_key=f"risk-rate:{venue.id}:{told + 1}",
        replies=[notice],
        now=ctx.now,
    )
    return bool(accounts)


def build_router(rules: RuleSet) -> Router:
    router = Router()

    @router.route(
        "risk",
        commands=("风险", "risk"),
        roles=STAFF,
        help="查看风险场所或某场所的风险（默认列红橙）；/风险 黄 看黄色；/风险 场所 颜色 理由 评定",
        topic="场所",
        # 四色 (red, orange, yellow, blue) is what stations call the rating.
        hints=("四色", *_COLOUR_HINTS),
        picks=_picked,
    )
    async def risk(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        if not args:
            return await _listing(ctx, rules)
        asked = _asked_colour(args)
        if asked is not None:
            return await _listing(ctx, rules, (asked,))
        clearing = _clearing(args)
        key, colour, override, reason = (
            _split(args) if clearing is None else (clearing[0], None, False, clearing[1])
        )
        scope = await station_beats(ctx.session, ctx.person)
        venue = await resolve_venue(ctx.session, scope, key)
        if isinstance(venue, str):
            first, _, rest = key.partition(" ")
            if rest and not isinstance(await resolve_venue(ctx.session, scope, first), str):
                # 100001 紫 测试: the venue is known, the word after it is no colour.
                colours = "、".join(c.label for c in RiskColour)
                word = rest.split()[0]
                return [Text(f"「{word}」不是风险颜色，可选：{colours}，或「清除」。\n{USAGE}")]
            return [unresolved(ctx, venue, USAGE)]
        if clearing is not None:
            return await _clear(ctx, venue, reason, rules.visits)
        if colour is None:
            log_work(
                ctx.session,
                ctx.person,
                "risk.view",
                venue.name,
                now=ctx.now,
                subject_kind="venue",
                subject_id=venue.id or "",
            )
            return await _detail(ctx, venue, rules)
        return await _rate(ctx, venue, colour, override, reason, rules.visits)

    return router
