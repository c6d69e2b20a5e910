"""Officers review self-inspections: `/自查` lists those awaiting review (`/自查 第2页` the
next page), `/审核 N` (or `/自查 N`) opens one with its photos, `/审核 N 通过` approves it, and
`/审核 N 整改 第3项 说明 期限` sends an item back to the owner with a note and a deadline (the
item may be named instead: `/审核 N 整改 灭火器 周三前换新`).

A bare number after `/自查` is an inspection, as `/线索 12` is a tip: officers type the number
the list shows. It is a page only when no inspection of that number is theirs to see (lists
were once paged `/自查 2`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlmodel import col, select

from bot.context import Context
from bot.forms.engine import local_time
from bot.messages import Button, Choices, Image, Reply, Text
from bot.validators import Invalid
from bot.validators.dates import parse_date
from bot.validators.numerals import arabize
from handlers.inspection.form import NOT_APPLICABLE, fix_photo_missing
from handlers.inspection.notify import to_owners
from handlers.inspection.reuse import reused_photos
from handlers.registration.timefmt import short
from handlers.services.inspections import (
    next_due,
    rectify_task_source,
    rectifying,
    rectifying_line,
)
from handlers.services.numbers import record_number
from handlers.services.paging import fetch_page, named_page
from handlers.services.photos import JPEG
from handlers.services.photos import load as load_photos
from handlers.services.station_scope import in_station, may_see
from handlers.services.tasks import close_generated, create_task
from storage import memos
from storage.models import Inspection, InspectionItem, InspectionStatus, Venue
from storage.outbox import keys_with_prefix

APPROVE_WORD = "通过"
#: 审核1 过 had got the usage.
APPROVE_WORDS = frozenset({APPROVE_WORD, "合格", "过", "通过了", "没问题"})
#: Approving although items are answered 否.
DESPITE_WORD = "确认"
RECTIFY_WORDS = frozenset({"整改", "不通过", "退回"})
#: 第3项, or several sent back with one note: 第3、5项, 第3项和第5项, 3,5.
_ITEM = re.compile(r"第?\d{1,2}项?(?:[、,，和]第?\d{1,2}项?)*")
#: 第6项 or 6项 further on in the words: another item with its own note.
_NEXT_ITEM = re.compile(r"第\d{1,2}项?|\d{1,2}项")
_IN_DAYS = re.compile(r"(\d{1,3})天(?:内)?")
#: A deadline said inside the note (灭火器过期，三天内更换; 12月5日前清理完): the owner is
#: told that one, not a default date beside words naming another.
_DAYS_IN_NOTE = re.compile(r"(\d{1,3})天(?:之内|以内|内)")
_DATE_IN_NOTE = re.compile(
    r"(\d{1,2}月\d{1,2}[日号]?|(?:下下|下|本|这)?(?:周|星期|礼拜)[1-7日天]|大后天|后天|明天)"
    r"(?:之前|以前|前)"
)
USAGE = (
    "用法：/审核 编号 查看；/审核 编号 通过；"
    "/审核 编号 整改 第3项（或项目名，如 灭火器）说明 期限（期限如 11月30日 或 7天，可省略）。"
)
NOT_FOUND = "没有找到自查 #{n}。发送「/自查」查看待审核的自查。"
#: The inspection whose 整改 button was tapped last: the officer's next words (第2项 灭火器
#: 更换后拍照上传 3天) are what to send back, and had been answered as a legal question.
RECTIFY_ASKED = "inspection_rectify_asked"
RECTIFY_ASKED_FRESH = timedelta(minutes=10)


async def visible_inspection(ctx: Context, number: int) -> Inspection | None:
    inspection = await ctx.session.get(Inspection, number)
    if inspection is None or not may_see(ctx.person, inspection.station_id):
        return None
    return inspection


async def _items(ctx: Context, inspection: Inspection) -> list[InspectionItem]:
    rows = await ctx.session.exec(
        select(InspectionItem)
        .where(InspectionItem.inspection_id == inspection.id)
        .order_by(col(InspectionItem.position))
    )
    return list(rows.all())


LIST_USAGE = "请发送「/自查」查看待审核列表（「/自查 第2页」翻页），或「/自查 编号」查看某份自查。"


def page_command(number: int) -> str:
    return f"/自查 第{number}页"


async def officer_inspections(ctx: Context, args: str) -> list[Reply]:
    """`/自查` as an officer types it: the list, a page of it, or one inspection."""
    page = named_page(args)
    if page is not None:
        return await pending_list(ctx, page)
    number = record_number(args)
    if number is None:
        return [Text(LIST_USAGE)]
    inspection = await visible_inspection(ctx, number)
    if inspection is not None:
        return await _detail(ctx, inspection)
    return await pending_list(ctx, number, exact=True)


async def pending_list(ctx: Context, number: int, *, exact: bool = False) -> list[Reply]:
    """Page `number` of the inspections awaiting review (the last page past the end; with
    `exact`, a page that does not exist is named as a missing inspection)."""
    query = in_station(
        select(Inspection).where(Inspection.status == InspectionStatus.PENDING),
        col(Inspection.station_id),
        ctx.person,
    ).order_by(col(Inspection.submitted_at))
    page = await fetch_page(ctx.session, query, number)
    if exact and page.number != number:
        return [Text(NOT_FOUND.format(n=number))]
    # Once, on the first page: under every page it had sat above that page's 「/审核 编号」.
    fixing = await _rectifying_line(ctx) if page.number == 1 else []
    if not page.items:
        return [Text("\n".join(["目前没有待审核的消防安全自查。", *fixing]))]
    zone = ctx.services.settings.zone
    lines = ["待审核的消防安全自查："]
    for inspection in page.items:
        venue = await ctx.session.get(Venue, inspection.venue_id)
        moment = inspection.resubmitted_at or inspection.submitted_at
        again = "（整改后复核）" if inspection.round > 1 else ""
        lines.append(
            f"#{inspection.id}　{venue.name if venue else ''}　{short(moment, zone, ctx.now)}{again}"
        )
    lines.append(page.footer(page_command) + "发送「/审核 编号」查看。")
    lines.extend(fixing)
    buttons = tuple(Button(f"#{i.id}", f"/审核 {i.id}") for i in page.items)
    return [Choices("\n".join(lines), (*buttons, *page.next_button(page_command)))]


async def _rectifying_line(ctx: Context) -> list[str]:
    """The venues sent back to rectify, waiting on their owners: out of the review list,
    they had been seen only as a task or on the venue's card. With its own hint, as its
    numbers open with /自查, not with the list's /审核."""
    found = await rectifying(ctx.session, viewer=ctx.person)
    if not found:
        return []
    # As the digest says it: （12-03 到期）（发送…查看） had put two brackets side by side.
    return [f"{rectifying_line(found, local_time(ctx).date())}，发送「/自查 编号」查看。"]


#: Said once under the items, not under each item without its photo.
_PHOTO_MISSING = "未拍照的项目是负责人当时无法拍照，可用「整改」要求补拍。"


def _item_line(item: InspectionItem, zone_today: date, approved: bool = False) -> str:
    """An item as a phone shows it: its short name and the answer (the whole question,
    repeated for every item, had filled the screen), then the owner's note and marks."""
    mark, answer = ("✅", "是") if item.ok else ("❌", "否")
    note = item.note
    head = f"{NOT_APPLICABLE}："
    if item.ok and note.startswith(head):
        # 没有厨房 at 用火用气 had shown as ✅ 是 with nothing said: the owner's words, as
        # not applicable, for the officer to judge.
        mark, answer, note = "➖", NOT_APPLICABLE, note[len(head) :]
    line = f"{item.position}. {mark} {item.name}：{answer}"
    if fix_photo_missing(item):
        line += "　📷 民警要求的照片未发送"
    elif item.photo_missing:
        line += "　📷 未拍照"
    if note:
        line += f"\n　　说明：{note}"
    if item.rectify_note:
        # Without the photo asked for, 已整改 alone had contradicted 📷 民警要求的照片未发送.
        fixed = "已整改（未附照片）" if fix_photo_missing(item) else "已整改"
        if approved:
            # Passed: 已整改，待复核 beside 状态：已通过 had read as still waiting; passed
            # without the photo asked for, it is passed as it is, not checked.
            done = "已照此通过" if fix_photo_missing(item) else "复核通过"
            state = f"{fixed}，{done}" if item.rectified_at else "未整改，已照此通过"
            due = late = ""
        else:
            state = f"{fixed}，待复核" if item.rectified_at else "待整改"
            due = f"，期限 {item.rectify_deadline:%m-%d}" if item.rectify_deadline else ""
            overdue = item.rectify_deadline and item.rectify_deadline < zone_today
            late = "（已逾期）" if overdue else ""
        mark = "" if approved else "⚠️ "  # passed: no longer a warning
        line += f"\n　　{mark}整改要求：{item.rectify_note}（{state}{due}{late}）"
    return line


async def _detail(ctx: Context, inspection: Inspection) -> list[Reply]:
    venue = await ctx.session.get(Venue, inspection.venue_id)
    zone = ctx.services.settings.zone
    items = await _items(ctx, inspection)
    today = local_time(ctx).date()
    approved = inspection.status is InspectionStatus.APPROVED
    # The latest submission: after a rectification, the first one's time read as if
    # nothing had come since.
    moment = inspection.resubmitted_at or inspection.submitted_at
    lines = [
        f"自查 #{inspection.id}　{venue.name if venue else ''}（{venue.kind.label if venue else ''}）",
        f"状态：{inspection.status.label}　提交：{short(moment, zone, ctx.now)}"
        + (f"　第{inspection.round}次提交" if inspection.round > 1 else ""),
        *(_item_line(item, today, approved) for item in items),
    ]
    if any(item.photo_missing for item in items):
        lines.append(_PHOTO_MISSING)
    lines.extend(await reused_photos(ctx, inspection, items))
    pictures: list[Reply] = []
    for item in items:
        if item.photo:
            pictures.append(Image(item.photo, f"第{item.position}项 {item.name}", JPEG))
        pictures.extend(
            Image(h, f"第{item.position}项 {item.name}（整改后）", JPEG)
            for h in load_photos(item.fix_photos)
        )
    if approved:
        # Nothing waits on the officer: 通过 again only said 已经审核通过.
        return [Text("\n".join(lines)), *pictures]
    lines.append(
        f"通过：/审核 {inspection.id} 通过；整改：/审核 {inspection.id} 整改 第N项 说明 期限"
    )
    buttons = (
        Button("通过", f"/审核 {inspection.id} 通过"),
        Button("整改", f"/审核 {inspection.id} 整改"),
    )
    return [Choices("\n".join(lines), buttons), *pictures]


async def _ask_what_to_rectify(ctx: Context, inspection: Inspection) -> list[Reply]:
    """`/审核 N 整改` with nothing after it (the 整改 button): which items, what to do and
    by when, with the items answered 否 named; the bare usage had been the answer. The
    officer's next words are taken as what follows 整改 (see `rectify_asked`)."""
    rows = await _items(ctx, inspection)
    failing = [i for i in rows if not i.ok or i.photo_missing]
    # The examples are of this venue's own items, each with a note of its own: 第6项 烟感换电池
    # had stood under a checklist whose item 6 was 用火用气.
    shown = [*failing, *(i for i in rows if i not in failing)][:2]
    lines = [
        f"要求整改自查 #{inspection.id}：请直接回复项目、整改要求和期限（期限可省略）。",
    ]
    if failing:
        lines.append(f"回答「否」或未拍照的项目：{_named(failing)}。")
    if shown:
        lines.append(f"如：{_example(shown[0])} 7天")
    if len(shown) > 1:
        lines.append(f"几项一起：{_example(shown[0])} {_example(shown[1])} 7天")
    lines.append(f"也可发送「/审核 {inspection.id} 整改 第N项 说明 期限」。")
    await memos.remember(ctx.session, ctx.user_key, RECTIFY_ASKED, str(inspection.id), ctx.now)
    return [Text("\n".join(lines))]


def _example(item: InspectionItem) -> str:
    """第N项 and a note that fits it: a photo for an item only left unshot, a fix otherwise."""
    if item.ok and item.photo_missing:
        return f"第{item.position}项 补拍{item.name}照片"
    return f"第{item.position}项 {item.name}请整改并拍照"


async def rectify_asked(ctx: Context, text: str) -> list[Reply] | None:
    """`text` as the rest of the `/审核 N 整改` asked just before, when it names an item of
    inspection N (第2项 …, 2 …, 灭火器 …); None otherwise, and the question is dropped
    (the officer has moved on)."""
    kept = await memos.recall(
        ctx.session, ctx.user_key, RECTIFY_ASKED, ctx.now, RECTIFY_ASKED_FRESH
    )
    number = record_number(kept) if kept else None
    if number is None:
        return None
    inspection = await visible_inspection(ctx, number)
    words = text.split()
    if words and words[0] in RECTIFY_WORDS:
        words = words[1:]
    rows = {i.position: i for i in await _items(ctx, inspection)} if inspection else {}
    if inspection is None or not words or _segments(_names_as_items(words, rows)) is None:
        await memos.forget(ctx.session, ctx.user_key, RECTIFY_ASKED)
        return None
    replies = await _rectify(ctx, inspection, words)
    if inspection.reviewed_at == ctx.now:
        # Sent: a mistake (no such item, no note) keeps the question open to be typed again.
        await memos.forget(ctx.session, ctx.user_key, RECTIFY_ASKED)
    return replies


async def _approve(ctx: Context, inspection: Inspection) -> list[Reply]:
    if inspection.status is InspectionStatus.APPROVED:
        return [Text(f"自查 #{inspection.id} 已经审核通过。")]
    inspection.status = InspectionStatus.APPROVED
    inspection.reviewed_by_person_id, inspection.reviewed_at = ctx.person.id, ctx.now
    ctx.session.add(inspection)
    await close_generated(
        ctx.session, rectify_task_source(inspection.id), ctx.now, "自查已审核通过"
    )
    venue = await ctx.session.get(Venue, inspection.venue_id)
    settings = ctx.services.settings
    due = next_due(inspection.submitted_at, settings.inspection.every_days, settings.zone)
    told = await to_owners(
        ctx.session,
        inspection.venue_id,
        Text(
            f"✅ 「{venue.name if venue else ''}」的消防安全自查（#{inspection.id}）已审核通过，"
            f"感谢配合！下次自查请在 {due:%Y-%m-%d} 前完成。"
        ),
        key=f"inspection-approved:{inspection.id}:{inspection.round}",
        now=ctx.now,
    )
    return [Text(f"✅ 自查 #{inspection.id} 已通过，已通知 {told} 位负责人。")]


def _deadline(words: list[str], today: date) -> tuple[date | None, list[str]]:
    """The deadline at the end of the officer's words (a date or N天), or said in them (三天内
    更换); None when they name none."""
    if words:
        # 12月5日前, 3天内: how officers write a deadline.
        last = re.sub(r"(之前|以前|前|内|之内|以内)$", "", arabize(words[-1]))
        days = _IN_DAYS.fullmatch(last)
        if days:
            return today + timedelta(days=int(days.group(1))), words[:-1]
        try:
            return parse_date(last, today=today), words[:-1]
        except Invalid:
            pass
    said = arabize(" ".join(words))
    if days := _DAYS_IN_NOTE.search(said):
        return today + timedelta(days=int(days[1])), words
    if (day := _DATE_IN_NOTE.search(said)) is not None:
        try:
            return parse_date(day[1], today=today), words
        except Invalid:
            pass
    return None, words


def _segments(words: list[str]) -> list[tuple[list[int], list[str]]] | None:
    """The items the officer names, each with the words of its own note: 第2项 更换灭火器
    第6项 烟感换电池 7天 is two items with two notes (the second 第6项 was once read as part
    of the first note, and item 6 was never sent back). None when the words do not start
    with an item."""
    segments: list[tuple[list[int], list[str]]] = []
    for word in words:
        said = arabize(word)
        # Items named with no note yet: 1 2 4项 补拍照片, numbers said apart as voice input
        # writes them, are one list for one note (item 2 had become item 1's note 「2」).
        listing = bool(segments) and not segments[-1][1]
        head = _item_head(said, first=not segments or listing)
        if head is not None:
            positions = [int(n) for n in re.findall(r"\d+", head.group())]
            rest = said[head.end() :].lstrip("：:，,")
            if listing:
                segments[-1][0].extend(positions)
                segments[-1][1].extend([rest] if rest else [])
            else:
                segments.append((positions, [rest] if rest else []))
        elif segments:
            segments[-1][1].append(word)
        else:
            return None
    return segments or None


def _item_head(said: str, *, first: bool) -> re.Match[str] | None:
    """The item(s) a word names: the first word may be 3 or 3,5 as well; further on, and
    with the note written straight after it (第6项烟感换电池), only 第N项 or N项."""
    head = _ITEM.match(said)
    if head is None:
        return None
    if first and head.end() == len(said):
        return head
    return head if "项" in head.group() and _NEXT_ITEM.match(said) else None


def _item_by_name(word: str, rows: dict[int, InspectionItem]) -> str | None:
    """第N项 and what follows for a word that names an item (灭火器, 灭火器过期) or a clear
    part of one name (出口); None when it names none, or several."""
    starts = [r for r in rows.values() if word.startswith(r.name)]
    if starts:
        row = max(starts, key=lambda r: len(r.name))
        return f"第{row.position}项{word[len(row.name) :]}"
    parts = [r for r in rows.values() if word in r.name]
    if len(word) >= 2 and len(parts) == 1:
        return f"第{parts[0].position}项"
    return None


def _names_as_items(words: list[str], rows: dict[int, InspectionItem]) -> list[str]:
    """整改 灭火器 周三前换新 as 整改 第2项 周三前换新: the items named at the start (the
    usage had been the answer). Only there: further on, a name is part of the note."""
    said = list(words)
    for at, word in enumerate(said):
        named = _item_by_name(word, rows)
        if named is None:
            break
        said[at] = named
        if not named.endswith("项"):  # 灭火器过期: the note has started
            break
    return said


async def _rectify(ctx: Context, inspection: Inspection, words: list[str]) -> list[Reply]:
    rows = {i.position: i for i in await _items(ctx, inspection)}
    segments = _segments(_names_as_items(words, rows))
    if segments is None:
        return [Text(USAGE)]
    missing = next((p for positions, _ in segments for p in positions if p not in rows), None)
    if missing is not None:
        return [
            Text(f"自查 #{inspection.id} 没有第{missing}项。发送「/审核 {inspection.id}」查看。")
        ]
    today = local_time(ctx).date()
    said = [_deadline(note_words, today) for _, note_words in segments]
    # 第2项 … 第6项 … 7天: a deadline written once, at the end, is every item's.
    default = said[-1][0] or today + timedelta(days=ctx.services.settings.inspection.fix_days)
    asked: list[tuple[list[InspectionItem], str, date]] = []
    for (positions, _), (deadline, note_words) in zip(segments, said, strict=True):
        note = " ".join(note_words).strip()
        if not note:
            return [Text("请写明需要整改的内容，如：/审核 12 整改 第3项 安全出口堆放杂物 11月30日")]
        when = deadline or default
        if when < today:
            return [Text("整改期限不能早于今天，请重新输入。")]
        asked.append(([rows[p] for p in dict.fromkeys(positions)], note[:300], when))
    if inspection.status is InspectionStatus.RECTIFY and all(
        item.rectify_note == note and item.rectify_deadline == when and item.rectified_at is None
        for group, note, when in asked
        for item in group
    ):
        # The same request again (sent twice, or the officer unsure it went): the owner
        # had been sent the same notice twice.
        named = "、".join(_named(group) for group, _, _ in asked)
        return [
            Text(
                f"自查 #{inspection.id} {named}的这条整改要求已经发给负责人了，未重复发送。"
                f"发送「/审核 {inspection.id}」查看。"
            )
        ]
    items: list[InspectionItem] = []
    for group, note, when in asked:
        for item in group:
            item.rectify_note, item.rectify_deadline, item.rectified_at = note, when, None
            items.append(item)
    inspection.status = InspectionStatus.RECTIFY
    inspection.reviewed_by_person_id, inspection.reviewed_at = ctx.person.id, ctx.now
    ctx.session.add_all([*items, inspection])
    venue = await ctx.session.get(Venue, inspection.venue_id)
    place = f"「{venue.name if venue else ''}」的消防安全自查（#{inspection.id}）"
    resubmit = f"/自查 整改 {inspection.id}"
    if len(asked) == 1:
        group, note, deadline = asked[0]
        named = _named(group)
        text = (
            f"⚠️ {place}{named}需要整改：\n{note}\n"
            f"请在 {deadline:%Y-%m-%d} 前整改，并发送「{resubmit}」重新提交。"
        )
        told = f"{named}，期限 {deadline:%Y-%m-%d}"
    else:
        lines = [f"⚠️ {place}以下项目需要整改："]
        lines.extend(f"{_named(g)}：{note}（{when:%m-%d} 前）" for g, note, when in asked)
        lines.append(f"整改后请发送「{resubmit}」重新提交。")
        text = "\n".join(lines)
        told = "、".join(f"{_named(g)}（期限 {when:%Y-%m-%d}）" for g, _, when in asked)
    await _check_on_the_day(ctx, inspection, venue)
    # Counted, not timed: two requests for one item in the same second must both go.
    sent = await keys_with_prefix(ctx.session, f"inspection-rectify:{items[0].id}:")
    await to_owners(
        ctx.session,
        inspection.venue_id,
        Choices(text, (Button("开始整改", resubmit),)),
        key=f"inspection-rectify:{items[0].id}:{len(sent) + 1}",
        now=ctx.now,
    )
    return [Text(f"✅ 已要求整改自查 #{inspection.id} {told}，已通知负责人。")]


async def _check_on_the_day(ctx: Context, inspection: Inspection, venue: Venue | None) -> None:
    """A task for the officer, due on the first deadline, so the rectification shows in
    /任务 and the morning digest; closed when the owner resubmits or the inspection is
    passed. Sending more items back replaces it with one naming them all."""
    source = rectify_task_source(inspection.id)
    await close_generated(ctx.session, source, ctx.now, "已重新要求整改")
    waiting = [
        i
        for i in await _items(ctx, inspection)
        if i.rectify_note and i.rectified_at is None and i.rectify_deadline
    ]
    if not waiting:
        return
    named = "、".join(f"第{i.position}项{i.name}" for i in waiting)
    await create_task(
        ctx.session,
        officer_id=ctx.person.id,
        beat_id=inspection.beat_id,
        kind="inspect",
        subject=(
            f"「{venue.name if venue else ''}」整改到期：{named}"
            f"（自查 #{inspection.id}，/审核 {inspection.id}）"
        ),
        due=min(i.rectify_deadline for i in waiting if i.rectify_deadline),
        source=source,
        now=ctx.now,
        venue_id=inspection.venue_id,
        created_by=ctx.person.id,
    )


def _named(items: list[InspectionItem]) -> str:
    return "、".join(f"第{i.position}项「{i.name}」" for i in items)


async def review(ctx: Context, args: str) -> list[Reply]:
    words = args.split()
    if not words:
        # /审核 alone had got the usage: the inspections waiting are what it is for.
        return await pending_list(ctx, 1)
    number = record_number(words[0])
    if number is None:
        return [Text(USAGE)]
    inspection = await visible_inspection(ctx, number)
    if inspection is None:
        return [Text(NOT_FOUND.format(n=number))]
    if len(words) == 1:
        return await _detail(ctx, inspection)
    if not (len(words) == 2 and words[1] in RECTIFY_WORDS):
        # Passed or sent back as typed in full: the 整改 asked before no longer waits.
        await memos.forget(ctx.session, ctx.user_key, RECTIFY_ASKED)
    if words[1] in APPROVE_WORDS and (len(words) == 2 or words[2:] == [DESPITE_WORD]):
        rows = await _items(ctx, inspection)
        failing = [i for i in rows if not i.ok]
        unsent = [i for i in rows if fix_photo_missing(i)]
        if (
            (failing or unsent)
            and len(words) == 2
            and inspection.status is not InspectionStatus.APPROVED
        ):
            # The owner is told 审核通过; with a blocked exit still answered 否 that must be
            # what the officer means, not a tap on the wrong button.
            said = []
            if failing:
                said.append(f"{_named(failing)}仍为「否」")
            if unsent:
                said.append(f"{_named(unsent)}未发送您要求的整改照片")
            return [
                Text(
                    f"自查 #{inspection.id} 中{'；'.join(said)}。确认照此通过请发送"
                    f"「/审核 {inspection.id} 通过 {DESPITE_WORD}」；要求整改请发送"
                    f"「/审核 {inspection.id} 整改 第N项 说明 期限」。"
                )
            ]
        return await _approve(ctx, inspection)
    if words[1] in RECTIFY_WORDS:
        if len(words) == 2:
            return await _ask_what_to_rectify(ctx, inspection)
        return await _rectify(ctx, inspection, words[2:])
    return [Text(USAGE)]
