"""`/自查`: owners inspect their venues (or resubmit what they were asked to rectify);
officers see what awaits review. `/审核`: officers review."""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import col, select

from bot import choice_memory
from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.forms.clock import local_time, said_on
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, AtOnce, Router
from handlers.inspection.form import (
    FORM_NAME,
    PHOTOS_FORM_NAME,
    REDO_FORM_NAME,
    STOPS,
    YES,
    asks_photo,
    fix_photo_missing,
    photos_prefill,
    redo_prefill,
)
from handlers.inspection.review import (
    APPROVE_WORD,
    officer_inspections,
    pending_list,
    rectify_asked,
    review,
)
from handlers.inspection.told import says_done, says_fixed_in_part, told_fixes
from handlers.registration.timefmt import short
from handlers.registration.venue_choice import choose_venue
from handlers.services.inspections import INSPECTED_KINDS
from handlers.services.numbers import record_number
from handlers.services.venues import owned_venues
from storage.models import Inspection, InspectionItem, InspectionStatus, Role, Venue

RECTIFY_WORD = "整改"
#: /自查 补拍 12: the photos the owner could not take at the time.
PHOTOS_WORD = "补拍"
#: What each asked-again form can be told on the way (the new inspection's own intro is
#: the form's).
_ANSWER_HELP = "随时可回复「上一步」或「取消」。"
NEW_WORD = "新"
#: /自查 取消, /自查 不查了: the open inspection stopped. 取消 had been read as a venue
#: to inspect, and the form resumed (您有一份未完成的消防安全自查，接着上次继续).
STOP_WORDS = frozenset({"取消", "放弃", "退出", "结束", "停止"})
#: /自查 记录: the owner's own inspections, with what each still waits for. 列表 had
#: started a new 15-question inspection, and an owner who lost a notice had no way back.
HISTORY_WORDS = frozenset({"记录", "列表", "历史", "我的", "以前的", "查看"})
#: How many of the owner's inspections 记录 lists.
_HISTORY_SIZE = 5
#: An officer's 整改: how an item is sent back, which is theirs to do.
_STAFF_RECTIFY = (
    "要求负责人整改请发送「/审核 编号 整改 第N项 说明 期限」；待审核的自查发送「/自查」查看。"
)


#: 警官让我整改灭火器 换好了怎么报, 整改完了怎么提交: asks how to report a fix, which
#: resubmitting the self-inspection does (it had got 没有找到…相关的法律条文).
#: 灭火器已经换了 怎么弄: the fix said done with 已经 and no 好 had got the FAQ 店里必须放灭火器吗.
_HOW_TO_REPORT = re.compile(
    r"(?:(?:改|换|修|装|配|清理|整改|处理)(?:好|完)|已经?(?:改|换|修|装|配|清理|整改|处理|更换)过?)"
    r"了?.{0,6}(?:怎么|咋|如何|怎样|在哪|去哪)(?:里|儿)?"
    r"(?:报|提交|交|上报|反馈|告诉|通知|说|弄|办)"
    r"|(?:怎么|咋|如何|怎样|在哪|去哪)(?:里|儿)?(?:提交|上报|报|反馈)整改"
    r"|整改.{0,6}(?:怎么|咋|如何|怎样|在哪|去哪)(?:里|儿)?(?:提交|上报|报|反馈|交)"
)
_NOTHING_TO_RECTIFY = (
    "您的场所现在没有待整改的消防安全自查。民警审核自查时要求整改的，会发来整改通知，"
    "整改好后发送「/自查 整改 编号」重新提交；民警当面要求整改的，整改好后发送「自查」"
    "做一次新的自查，在对应项目附上整改后的照片即可。"
)


def with_fixes_told(forms: FormEngine, handler: Handler) -> Handler:
    """灭火器换好了 from an owner with a rectification waiting had got the FAQ on fire
    extinguishers (a legal word beside the hint 改好了): a fix told of an item sent back
    (电动车搬走了, 灭火器换新的了) starts its rectification with that item answered and the
    words as its note, the photo asked next; one naming no item (改好了) is pointed to the
    rectification to resubmit. Asked how to report a fix (换好了怎么报), an owner of an
    inspected venue is told how, rectification waiting or not. Others, and other questions
    (换好了还要拍照吗), go on as before. An officer's words just after the 整改 button
    (第2项 灭火器更换后拍照上传 3天) are what to send back."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.role in STAFF:
            taken = await rectify_asked(ctx, text)
            return taken if taken is not None else await handler(ctx)
        how = _HOW_TO_REPORT.search(text) is not None
        done = says_done(text)
        # 电动车搬走了 counts only when it names an item sent back (客人已经换了房间 does not).
        in_words = says_fixed_in_part(text) and not how
        if ctx.role is not Role.OWNER or not (how or done or in_words):
            return await handler(ctx)
        waiting = await _rectifications(ctx)
        if not waiting:
            if how and await owned_venues(ctx.session, ctx.person.id, INSPECTED_KINDS):
                # Asked how to report a fix: how, even with nothing sent back for it.
                return [Choices(_NOTHING_TO_RECTIFY, (Button("自查", "/自查"),))]
            return await handler(ctx)
        fix = await _told_fix(ctx, waiting, text) if in_words else None
        if fix is not None:
            return await _resubmit(ctx, forms, str(fix[0].id), fix[1])
        if not (how or done):
            return await handler(ctx)
        if len(waiting) > 1:
            return [_waiting_list(waiting)]
        inspection, venue = waiting[0]
        command = f"/自查 {RECTIFY_WORD} {inspection.id}"
        asked = any(
            r.rectify_note and r.rectified_at is None and asks_photo(r.rectify_note)
            for r in await _rows(ctx, inspection)
        )
        # The officer asked for a photo of the fix: not an option (可以附) then.
        attach = "并按民警要求附整改后的照片" if asked else "可以附整改后的照片"
        told = (
            f"整改好了请重新提交「{venue.name}」的消防安全自查 #{inspection.id}：点下面的按钮，"
            f"或发送「{command}」，只需回答要求整改的项目，{attach}。"
        )
        return [Choices(told, (Button(f"整改 #{inspection.id}", command),))]

    return wrapped


async def _told_fix(
    ctx: Context, waiting: list[tuple[Inspection, Venue]], text: str
) -> tuple[Inspection, list[tuple[InspectionItem, str]]] | None:
    """The inspection and the items sent back that `text` tells the fixes of, each with its
    words (灭火器已经换好了 网管也搬走了: two), if it names any; those of the inspection of
    the first, when items of two inspections are named."""
    pending = [
        (inspection, row)
        for inspection, _ in waiting
        for row in await _rows(ctx, inspection)
        if row.rectify_note and row.rectified_at is None
    ]
    fixes = told_fixes(text, [row for _, row in pending])
    if not fixes:
        return None
    inspection = next(i for i, row in pending if row is fixes[0][0])
    ours = {id(row) for i, row in pending if i is inspection}
    return inspection, [(row, words) for row, words in fixes if id(row) in ours]


async def _rectifications(ctx: Context) -> list[tuple[Inspection, Venue]]:
    venues = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, INSPECTED_KINDS)}
    rows = await ctx.session.exec(
        select(Inspection)
        .where(
            col(Inspection.venue_id).in_(list(venues)),
            Inspection.status == InspectionStatus.RECTIFY,
        )
        .order_by(col(Inspection.id))
    )
    return [(i, venues[i.venue_id]) for i in rows.all()]


def _waiting_list(waiting: list[tuple[Inspection, Venue]]) -> Choices:
    lines = ["您有需要整改的消防安全自查："]
    lines.extend(f"#{i.id}　{v.name}" for i, v in waiting)
    lines.append("整改后请重新提交；如要做一次新的自查，请点「新的自查」。")
    buttons = tuple(Button(f"整改 #{i.id}", f"/自查 {RECTIFY_WORD} {i.id}") for i, _ in waiting)
    return Choices("\n".join(lines), (*buttons, Button("新的自查", f"/自查 {NEW_WORD}")))


async def _resubmit(
    ctx: Context,
    forms: FormEngine,
    number: str,
    told: list[tuple[InspectionItem, str]] | None = None,
) -> list[Reply]:
    """Start the rectification of inspection `number`; `told`, items sent back and the
    owner's words of each one's fix (电动车搬走了), are answered 是 with the words as their
    notes."""
    waiting = await _rectifications(ctx)
    if not number.lstrip("#"):
        # 整改, or 开始整改 typed from the officer's notice: the one waiting, if only one.
        if not waiting:
            return [Text("您目前没有需要整改的自查。要做新的消防安全自查，请发送「自查」。")]
        if len(waiting) > 1:
            return [_waiting_list(waiting)]
        number = str(waiting[0][0].id)
    found = next(((i, v) for i, v in waiting if str(i.id) == number.lstrip("#")), None)
    if found is None:
        return [Text("没有找到需要整改的这份自查。发送「/自查」查看。")]
    inspection, venue = found
    prefill = await redo_prefill(ctx, inspection, venue)
    if not prefill["redo"]:
        return [Text(f"自查 #{inspection.id} 的整改项目都已提交，请等待民警复核。")]
    rows = await _rows(ctx, inspection)
    lines = [f"整改「{venue.name}」的消防安全自查 #{inspection.id}，民警要求整改："]
    # Items sent back together (第1、2项 …) each keep the one note: said once, as the
    # officer wrote it, not copied under every item.
    asked_for: dict[tuple[str, date | None], list[InspectionItem]] = {}
    for r in rows:
        if r.rectify_note and r.rectified_at is None:  # as redo_prefill reads them
            asked_for.setdefault((r.rectify_note, r.rectify_deadline), []).append(r)
    today = local_time(ctx).date()
    lines.extend(
        "、".join(f"第{r.position}项「{r.name}」" for r in items)
        + f"：{note}"
        + (f"（{_by(deadline, today)}）" if deadline else "")
        for (note, deadline), items in asked_for.items()
    )
    asked = [r for r in rows if r.key in prefill["photo_asked"]]  # type: ignore[operator]
    if asked:
        # The photo question reads the same as any other: the officer's wish is said here.
        names = "、".join(f"「{r.name}」" for r in asked)
        lines.append(
            f"📷 民警要求拍照：{names}，问到照片时请发送整改后的照片；"
            "暂时没法拍可回复「跳过」，会记为未拍照，民警复核时能看到。"
        )
    answered: dict[str, object] = {}
    derived: dict[str, list[str]] = {}
    for item, words in told or []:
        if item.key not in prefill["redo"]:  # type: ignore[operator]
            continue
        note = words.strip()[:300]
        answered |= {f"item_{item.key}": YES, f"note_{item.key}": note}
        derived[f"item_{item.key}"] = [f"note_{item.key}"]
        lines.append(
            # 已记下…已整改 had said 已 twice: what is noted is the owner's account of it.
            f"✅ 已记下第{item.position}项「{item.name}」的整改说明：{note}"
            f"（不对可回复「修改 {item.name}」）。"
        )
    # With a photo required, 可以附 (may attach) had contradicted the line above.
    attach = "" if asked else "，可以附整改后的照片"
    lines.append(f"只需回答需要整改的项目{attach}。{_ANSWER_HELP}")
    started = await forms.start(ctx, REDO_FORM_NAME, prefill, answered=answered, derived=derived)
    return [Text("\n".join(lines)), *started]


def _by(deadline: date, today: date) -> str:
    """明天 前, 12月4日 前; 今天内 for a deadline of today (马上), 今天 前 being past."""
    return "今天内" if deadline == today else f"{said_on(deadline, today)} 前"


async def _shown_button(ctx: Context) -> str | None:
    """What the 整改 button last shown sends (/审核 N 整改), if it is still on screen."""
    value = await choice_memory.resolve_title(ctx.session, ctx.user_key, RECTIFY_WORD, ctx.now)
    return value if value is not None and value.split()[-1:] == [RECTIFY_WORD] else None


async def _rows(ctx: Context, inspection: Inspection) -> list[InspectionItem]:
    rows = await ctx.session.exec(
        select(InspectionItem)
        .where(InspectionItem.inspection_id == inspection.id)
        .order_by(col(InspectionItem.position))
    )
    return list(rows.all())


async def _unshot(ctx: Context) -> list[tuple[Inspection, Venue]]:
    """The owner's inspections with items recorded 未拍照, newest first."""
    venues = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, INSPECTED_KINDS)}
    rows = await ctx.session.exec(
        select(Inspection)
        .where(
            col(Inspection.venue_id).in_(list(venues)),
            col(Inspection.id).in_(
                select(InspectionItem.inspection_id).where(
                    InspectionItem.photo_missing == True  # noqa: E712
                )
            ),
        )
        .order_by(col(Inspection.id).desc())
    )
    return [(i, venues[i.venue_id]) for i in rows.all()]


async def _photos_later(ctx: Context, forms: FormEngine, number: str) -> list[Reply]:
    waiting = await _unshot(ctx)
    if not waiting:
        return [Text("您的自查没有需要补拍的照片。")]
    wanted = number.lstrip("#")
    if not wanted and len(waiting) > 1:
        lines = ["以下自查有未拍照的项目，请选择要补拍的一份："]
        lines.extend(f"#{i.id}　{v.name}" for i, v in waiting)
        buttons = tuple(Button(f"补拍 #{i.id}", f"/自查 {PHOTOS_WORD} {i.id}") for i, _ in waiting)
        return [Choices("\n".join(lines), buttons)]
    found = next((w for w in waiting if not wanted or str(w[0].id) == wanted), None)
    if found is None:
        return [Text("这份自查没有需要补拍的照片。发送「/自查 补拍」查看。")]
    inspection, venue = found
    prefill = await photos_prefill(ctx, inspection, venue)
    # A fix's photo the officer asked for is sent as one, beside the fault's photo.
    names = "、".join(
        r.name + ("（整改后）" if r.photo and fix_photo_missing(r) else "")
        for r in await _rows(ctx, inspection)
        if r.photo_missing
    )
    lead = Text(
        f"补拍「{venue.name}」消防安全自查 #{inspection.id} 未拍的照片：{names}。"
        f"请按提示逐张发送。{_ANSWER_HELP}"
    )
    return [lead, *await forms.start(ctx, PHOTOS_FORM_NAME, prefill)]


async def _history(ctx: Context) -> list[Reply]:
    """The owner's last inspections, newest first, with a button for each waiting step."""
    venues = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, INSPECTED_KINDS)}
    inspections = (
        await ctx.session.exec(
            select(Inspection)
            .where(col(Inspection.venue_id).in_(list(venues)))
            .order_by(col(Inspection.id).desc())
            .limit(_HISTORY_SIZE)
        )
    ).all()
    if not inspections:
        return [Text("您还没有提交过消防安全自查。发送「自查」开始第一次自查。")]
    zone = ctx.services.settings.zone
    lines = ["您最近的消防安全自查："]
    buttons: list[Button] = []
    for inspection in inspections:
        rows = await _rows(ctx, inspection)
        faults = sum(1 for r in rows if not r.ok)
        unshot = sum(1 for r in rows if r.photo_missing)
        notes = [f"隐患{faults}项"] if faults else []
        notes += [f"未拍照{unshot}项"] if unshot else []
        detail = f"（{'，'.join(notes)}）" if notes else ""
        moment = short(inspection.resubmitted_at or inspection.submitted_at, zone, ctx.now)
        lines.append(
            f"#{inspection.id}　{moment}　{venues[inspection.venue_id].name}　"
            f"{inspection.status.label}{detail}"
        )
        if inspection.status is InspectionStatus.RECTIFY:
            buttons.append(
                Button(f"整改 #{inspection.id}", f"/自查 {RECTIFY_WORD} {inspection.id}")
            )
        if unshot and inspection.status is not InspectionStatus.APPROVED:
            # Passed: no one reviews a photo sent now (/自查 补拍 N typed still takes it).
            buttons.append(Button(f"补拍 #{inspection.id}", f"/自查 {PHOTOS_WORD} {inspection.id}"))
    return [Choices("\n".join(lines), (*buttons, Button("新的自查", f"/自查 {NEW_WORD}")))]


async def _stop(ctx: Context, forms: FormEngine) -> list[Reply]:
    """The owner's open inspection (new, rectification or photos) cancelled as 取消 in it
    cancels it: kept a while for 恢复, and said not submitted."""
    for name in (FORM_NAME, REDO_FORM_NAME, PHOTOS_FORM_NAME):
        if await forms.unfinished(ctx, name) is not None:
            said = await forms.withdraw(ctx)
            assert said is not None
            return said
    return [Text("您没有正在填写的消防安全自查。要开始自查，请发送「自查」。")]


async def _owner(ctx: Context, forms: FormEngine, args: str) -> list[Reply]:
    head, _, rest = args.partition(" ")
    if head in STOP_WORDS or STOPS.fullmatch(args):
        return await _stop(ctx, forms)
    if head in HISTORY_WORDS:
        return await _history(ctx)
    if head == RECTIFY_WORD:
        return await _resubmit(ctx, forms, rest.strip())
    if head == PHOTOS_WORD:
        return await _photos_later(ctx, forms, rest.strip())
    if not args:
        waiting = await _rectifications(ctx)
        if waiting:
            return [_waiting_list(waiting)]
    venue = await choose_venue(ctx, INSPECTED_KINDS, "自查", "自查")
    if isinstance(venue, list):
        return venue
    prefill = {"venue_id": venue.id, "venue_kind": venue.kind.value}
    return [Text(f"场所：{venue.name}"), *await forms.start(ctx, FORM_NAME, prefill)]


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "inspection",
        commands=("自查", "inspect"),
        keywords=("隐患自查", "消防自查"),
        roles=(Role.OWNER, Role.OFFICER, Role.ADMIN),
        help="消防安全自查（/自查 记录 查看以往的自查、补拍和整改）",
        staff_help="待审核的自查：/自查 查看列表，/自查 编号 查看详情",
        daily=70,
        kinds=INSPECTED_KINDS,
        # 好的马上改, after an item was sent back: /自查 lists what waits for rectification.
        hints=("马上改", "马上整改", "改好了", "整改好了", "整改完了", "已经整改"),
        # 我要做自查 had got 您是想用「自查」吗？: the form asks before it keeps anything; a
        # hint (马上改) is still offered.
        at_once=AtOnce.STARTED,
    )
    async def inspect(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        if ctx.role in STAFF:
            return await officer_inspections(ctx, args)
        return await _owner(ctx, forms, args)

    @router.route(
        "inspection_history",
        # 我的自查 had got 您是想「自查」吗？, which starts a new one.
        keywords=("我的自查", "自查记录", "以前的自查"),
        roles=(Role.OWNER,),
    )
    async def history(ctx: Context) -> list[Reply]:
        return await _history(ctx)

    @router.route(
        "inspection_rectify",
        # 整改, 开始整改 (the button under the officer's notice, typed): had got 没有理解.
        keywords=(RECTIFY_WORD, "开始整改", "提交整改"),
        roles=(Role.OWNER, Role.OFFICER, Role.ADMIN),
    )
    async def rectify(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        if ctx.role in STAFF:
            # 整改 1 第2项 …: the review command, said with the action first.
            number, _, rest = args.partition(" ")
            if record_number(number) is not None and rest.strip():
                return await review(ctx, f"{number} {RECTIFY_WORD} {rest}")
            # 整改 第2项 … just after the 整改 button: the inspection it was tapped under.
            asked = await rectify_asked(ctx, args) if args else None
            if asked is not None:
                return asked
            # 整改 alone: the 整改 button of the inspection shown last, typed (or sent as its
            # title by a channel); it had only got the command's syntax.
            shown = None if args or ctx.retold else await _shown_button(ctx)
            if shown is not None:
                ctx.retell = shown
                return []
            return [Text(_STAFF_RECTIFY)]
        return await _resubmit(ctx, forms, args)

    @router.route(
        "inspection_approve",
        # 通过 1 under an inspection's buttons had got 请点选上面的选项: /审核 1 通过.
        keywords=(APPROVE_WORD,),
        roles=STAFF,
        number_only=True,
    )
    async def approve(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        if args:
            return await review(ctx, f"{args} {APPROVE_WORD}")
        # 通过 alone: the 通过 button of the inspection shown last, typed.
        shown = await choice_memory.resolve_title(ctx.session, ctx.user_key, APPROVE_WORD, ctx.now)
        if shown is not None and not ctx.retold:
            ctx.retell = shown
            return []
        return [
            Text(f"要通过哪一份自查？请发送「/审核 编号 {APPROVE_WORD}」。"),
            *await pending_list(ctx, 1),
        ]

    @router.route(
        "inspection_review",
        commands=("审核", "review"),
        roles=STAFF,
        help="审核自查（/自查 查看待审核）：/审核 编号 通过，或 /审核 编号 整改 第3项 说明 期限",
        topic="自查",
    )
    async def review_command(ctx: Context) -> list[Reply]:
        return await review(ctx, ctx.match.args if ctx.match else "")

    return router
