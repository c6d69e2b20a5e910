"""Officers review self-inspections: `/自查` lists those awaiting review (`/自查 第2页` the
next page), `/审核 N` (or `/自查 N`) opens one with its photos, `/审核 N 通过` approves it, and
`/审核 N 整改 第3项 说明 期限` sends an item back to the owner with a note and a deadline (the
item may be named instead: `/审核 N 整改 灭火器 周三前换新`). After the 整改 button
(`/审核 N 整改`) the items may come in several messages: each is noted, and all go to the
owner in one notice on 发送 (`/审核 N 整改 发送`; `… 取消` drops them, `… 重来` or 不对 重来
starts them over). The officer's words are read in `rectify_words`.

A bare number after `/自查` is an inspection, as `/线索 12` is a tip: officers type the number
the list shows. It is a page only when no inspection of that number is theirs to see (lists
were once paged `/自查 2`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from sqlmodel import col, select

from bot.context import Context
from bot.forms.clock import dated, said_on
from bot.forms.engine import local_time
from bot.forms.words import CANCEL_WORDS, SEND_WORDS, bare
from bot.messages import Button, Choices, Image, Reply, Text
from handlers.inspection.clauses import glossary
from handlers.inspection.form import NOT_APPLICABLE, fix_photo_missing
from handlers.inspection.notify import to_owners
from handlers.inspection.rectify_words import Asked, names_an_item, read_lines, usage
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
NOT_FOUND = "没有找到自查 #{n}。发送「/自查」查看待审核的自查。"
#: The inspection whose 整改 button was tapped last, and the lines noted since: the
#: officer's next words (第2项 灭火器更换后拍照上传 3天) are what to send back, and had been
#: answered as a legal question. Officers write the items in two or three messages: each
#: is noted, and all go to the owner in one notice on 发送 (only the first had been taken).
RECTIFY_ASKED = "inspection_rectify_asked"
RECTIFY_ASKED_FRESH = timedelta(minutes=10)
#: `/审核 N 整改 发送`: the lines noted go to the owner; `… 取消`: they are dropped.
SEND_WORD = "发送"
CANCEL_WORD = "取消"
#: `/审核 N 整改 重来`: the lines noted are dropped and the items asked again.
RESTART_WORD = "重来"
#: 不对 重来, 全部重写 under the lines noted: they had got 请点选上面的选项.
_STARTS_OVER = re.compile(
    r"(?:不对|错了|写错了|搞错了|记错了|有误)?了?(?:全部|都)?"
    r"(?:重来|重新来|重写|重新写|重填|重新填|从头来|重新开始|清空)(?:吧|一下|一遍)?"
)
#: 不对, 写错了 alone: how to put the lines noted right is said.
_SAYS_WRONG = re.compile(r"(?:不对|错了|写错了|搞错了|记错了|弄错了|有误)(?:了|啊|吧)?")
#: What officers type to say the items noted are all there (发送 itself is the button's).
_DONE_WORDS = SEND_WORDS | frozenset(
    {
        "发送整改",
        "确认",
        "确认发送",
        "好了",
        "写完了",
        "就这些",
        "就这些了",
        "没有了",
        "没了",
        "完成",
    }
)


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
    # As the digest says it: （明天到期）（发送…查看） had put two brackets side by side.
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
        # Resubmitted still answered 否 (新系统下周装好): not fixed, though answered again.
        done = item.rectified_at is not None and item.ok
        if approved:
            # Passed: 已整改，待复核 beside 状态：已通过 had read as still waiting; passed
            # without the photo asked for, it is passed as it is, not checked.
            passing = "已照此通过" if fix_photo_missing(item) else "复核通过"
            state = f"{fixed}，{passing}" if done else "未整改，已照此通过"
            due = late = ""
        else:
            state = f"{fixed}，待复核" if done else "未整改" if item.rectified_at else "待整改"
            when = item.rectify_deadline
            due = f"，期限 {said_on(when, zone_today)}" if when else ""
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
    officer's next words are noted as what follows 整改 (see `rectify_asked`)."""
    rows = await _items(ctx, inspection)
    failing = [i for i in rows if not i.ok or i.photo_missing]
    # The examples are of this venue's own items, each with a note of its own: 第6项 烟感换电池
    # had stood under a checklist whose item 6 was 用火用气.
    shown = [*failing, *(i for i in rows if i not in failing)][:2]
    lines = [
        f"要求整改自查 #{inspection.id}：请直接回复项目、整改要求和期限（期限可省略），"
        f"可以分几条发送，写完回复「{SEND_WORD}」一并通知负责人。",
    ]
    if failing:
        lines.append(f"回答「否」或未拍照的项目：{_named(failing)}。")
    if shown:
        lines.append(f"如：{_example(shown[0])} 7天")
    if len(shown) > 1:
        lines.append(f"几项一起：{_example(shown[0])} {_example(shown[1])} 7天")
    lines.append(f"也可发送「/审核 {inspection.id} 整改 第N项 说明 期限」。")
    noted = await _noted(ctx, inspection)
    if noted:
        # Tapped again: what was noted stays (it had been dropped without a word).
        lines.append(f"此前已记下 {len(noted)} 条，尚未发送。")
    else:
        await _note(ctx, inspection, [])
    return [Text("\n".join(lines))]


def _example(item: InspectionItem) -> str:
    """第N项 and a note that fits it: a photo for an item only left unshot, a fix otherwise."""
    if item.ok and item.photo_missing:
        return f"第{item.position}项 补拍{item.name}照片"
    return f"第{item.position}项 {item.name}请整改并拍照"


async def _asked_draft(ctx: Context) -> tuple[int, list[str]] | None:
    """(inspection number, lines noted) of the 整改 asked within the last minutes."""
    kept = await memos.recall(
        ctx.session, ctx.user_key, RECTIFY_ASKED, ctx.now, RECTIFY_ASKED_FRESH
    )
    head, *lines = (kept or "").split("\n")
    number = record_number(head)
    return (number, lines) if number is not None else None


async def _noted(ctx: Context, inspection: Inspection) -> list[str]:
    """The lines noted for `inspection` after its 整改 button, not sent yet."""
    draft = await _asked_draft(ctx)
    return draft[1] if draft is not None and draft[0] == inspection.id else []


async def _note(ctx: Context, inspection: Inspection, lines: list[str]) -> None:
    kept = "\n".join([str(inspection.id), *lines])
    await memos.remember(ctx.session, ctx.user_key, RECTIFY_ASKED, kept, ctx.now)


async def rectify_asked(ctx: Context, text: str) -> list[Reply] | None:
    """`text` as the rest of the `/审核 N 整改` asked just before: a line naming an item of
    inspection N (第2项 …, 2 …, 灭火器 …) is noted, and 发送 (好了, 就这些) sends what was
    noted; None otherwise. Words naming no item drop a question with nothing noted yet (the
    officer has moved on), and leave lines noted waiting for 发送."""
    draft = await _asked_draft(ctx)
    if draft is None:
        return None
    number, noted = draft
    inspection = await visible_inspection(ctx, number)
    if inspection is None:
        await memos.forget(ctx.session, ctx.user_key, RECTIFY_ASKED)
        return None
    said = bare(text)
    if noted and said in _DONE_WORDS:
        return await _send_noted(ctx, inspection)
    if noted and said in CANCEL_WORDS:
        return await _drop_noted(ctx, inspection)
    if noted and _STARTS_OVER.fullmatch(said):
        return await _start_over(ctx, inspection)
    if noted and _SAYS_WRONG.fullmatch(said):
        return [_how_to_correct(inspection, len(noted))]
    words = text.split()
    if words and words[0] in RECTIFY_WORDS:
        words = words[1:]
    rows = {i.position: i for i in await _items(ctx, inspection)}
    if not words or not names_an_item(words, rows, _glossary(ctx)):
        if not noted:
            await memos.forget(ctx.session, ctx.user_key, RECTIFY_ASKED)
        return None
    read = await _read_lines(ctx, inspection, [*noted, " ".join(words)])
    if not isinstance(read, list):
        return [read]  # a mistake (no such item, no note): typed again, nothing is lost
    lines = [*noted, " ".join(words)]
    await _note(ctx, inspection, lines)
    return [_noted_reply(inspection, read, len(lines), local_time(ctx).date())]


def _noted_reply(inspection: Inspection, asked: list[Asked], count: int, today: date) -> Choices:
    # 期限 今天, 11月26日 as the reply on 发送 says them (it had been 11-26 here).
    listed = [
        f"{_named(group)}：{note}（期限 {said_on(when, today)}）" for group, note, when in asked
    ]
    how = (
        f"还有其他项目请接着发送；写完请点「{SEND_WORD}」一并通知负责人，"
        f"点「{CANCEL_WORD}」则不发送（超过{_minutes()}分钟未发送的将作废）。"
    )
    command = f"/审核 {inspection.id} 整改"
    return Choices(
        "\n".join(
            [
                f"已记下（第 {count} 条），尚未发给负责人。自查 #{inspection.id} 要求整改：",
                *listed,
                how,
            ]
        ),
        (
            Button(SEND_WORD, f"{command} {SEND_WORD}"),
            Button(CANCEL_WORD, f"{command} {CANCEL_WORD}"),
        ),
    )


def _minutes() -> int:
    return int(RECTIFY_ASKED_FRESH.total_seconds() // 60)


async def _send_noted(ctx: Context, inspection: Inspection) -> list[Reply]:
    """`/审核 N 整改 发送`: the lines noted after the 整改 button, to the owner in one notice."""
    noted = await _noted(ctx, inspection)
    if not noted:
        return [
            Text(
                f"自查 #{inspection.id} 没有待发送的整改要求（记下后{_minutes()}分钟内未发送的"
                f"不再保留）。请发送「/审核 {inspection.id} 整改」重新填写。"
            )
        ]
    return await _send_lines(ctx, inspection, noted)


async def _drop_noted(ctx: Context, inspection: Inspection) -> list[Reply]:
    noted = await _noted(ctx, inspection)
    await memos.forget(ctx.session, ctx.user_key, RECTIFY_ASKED)
    if not noted:
        return [Text(f"自查 #{inspection.id} 没有待发送的整改要求。")]
    return [Text(f"好的，自查 #{inspection.id} 记下的整改要求已取消，没有通知负责人。")]


async def _start_over(ctx: Context, inspection: Inspection) -> list[Reply]:
    """`/审核 N 整改 重来` (不对 重来): the lines noted dropped, and the items asked again."""
    noted = await _noted(ctx, inspection)
    await memos.forget(ctx.session, ctx.user_key, RECTIFY_ASKED)
    asked = await _ask_what_to_rectify(ctx, inspection)
    if not noted:
        return asked
    dropped = (
        f"好的，自查 #{inspection.id} 已记下的 {len(noted)} 条整改要求已清空，没有通知负责人。"
    )
    return [Text(dropped), *asked]


def _how_to_correct(inspection: Inspection, count: int) -> Choices:
    command = f"/审核 {inspection.id} 整改"
    return Choices(
        f"记下的 {count} 条整改要求尚未发给负责人。某一项写错了，直接重新发送这一项即可"
        f"（同一项以后发的为准）；要全部重写请回复「{RESTART_WORD}」；"
        f"不发送请点「{CANCEL_WORD}」。",
        (
            Button(RESTART_WORD, f"{command} {RESTART_WORD}"),
            Button(CANCEL_WORD, f"{command} {CANCEL_WORD}"),
        ),
    )


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
            f"感谢配合！下次自查请在 {dated(due, local_time(ctx).date())} 前完成。"
        ),
        key=f"inspection-approved:{inspection.id}:{inspection.round}",
        now=ctx.now,
    )
    return [Text(f"✅ 自查 #{inspection.id} 已通过，已通知 {told} 位负责人。")]


async def _read_lines(ctx: Context, inspection: Inspection, lines: list[str]) -> list[Asked] | Text:
    rows = {i.position: i for i in await _items(ctx, inspection)}
    fix_days = ctx.services.settings.inspection.fix_days
    today = local_time(ctx).date()
    read = read_lines(lines, rows, today, fix_days, inspection.id, _glossary(ctx))
    return read if isinstance(read, list) else Text(read)


async def _rectify(ctx: Context, inspection: Inspection, words: list[str]) -> list[Reply]:
    """`/审核 N 整改 …` typed whole: sent at once, with any lines noted after the 整改
    button for the same inspection (typing the last one whole had dropped the others)."""
    return await _send_lines(ctx, inspection, [*await _noted(ctx, inspection), " ".join(words)])


async def _send_lines(ctx: Context, inspection: Inspection, lines: list[str]) -> list[Reply]:
    asked = await _read_lines(ctx, inspection, lines)
    if not isinstance(asked, list):
        return [asked]
    # Read, and about to be sent (or found sent already): nothing waits for 发送 any more.
    await memos.forget(ctx.session, ctx.user_key, RECTIFY_ASKED)
    return await _send_back(ctx, inspection, asked)


async def _send_back(ctx: Context, inspection: Inspection, asked: list[Asked]) -> list[Reply]:
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
    # The owners' notice may be read days on: dates, not 明天; the officer's reply is now.
    today = local_time(ctx).date()
    deadlines = {when for _, _, when in asked}
    if len(asked) == 1:
        group, note, deadline = asked[0]
        named = _named(group)
        text = (
            f"⚠️ {place}{named}需要整改：\n{note}\n"
            f"{_fix_by(deadline, today)}，并发送「{resubmit}」重新提交。"
        )
        told = f"{named}，期限 {said_on(deadline, today)}"
    elif len(deadlines) == 1:
        # One deadline for them all (一周内 said once) is said once: it had followed every
        # item, in the officer's reply and in the owner's notice.
        [deadline] = deadlines
        lines = [f"⚠️ {place}以下项目需要整改："]
        lines.extend(f"{_named(g)}：{note}" for g, note, _ in asked)
        lines.append(f"{_fix_by(deadline, today)}，并发送「{resubmit}」重新提交。")
        text = "\n".join(lines)
        named = "、".join(_named(g) for g, _, _ in asked)
        told = f"{named}，期限 {said_on(deadline, today)}"
    else:
        lines = [f"⚠️ {place}以下项目需要整改："]
        lines.extend(f"{_named(g)}：{note}（{_due(when, today)}）" for g, note, when in asked)
        lines.append(f"整改后请发送「{resubmit}」重新提交。")
        text = "\n".join(lines)
        told = "、".join(f"{_named(g)}（期限 {said_on(when, today)}）" for g, _, when in asked)
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


def _due(day: date, today: date) -> str:
    """By when the owner's notice asks the fix: 12月4日 前, or 今天（12月1日）内 for a
    deadline of today (马上, 今晚), which 12月1日 前 had read as already past."""
    if day == today:
        return f"今天（{dated(day, today)}）内"
    return f"{dated(day, today)} 前"


def _fix_by(day: date, today: date) -> str:
    """请在 12月4日 前整改, 请在今天（12月1日）内整改."""
    return f"请在{_due(day, today)}整改" if day == today else f"请在 {_due(day, today)}整改"


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


def _glossary(ctx: Context) -> Mapping[str, str]:
    return glossary(ctx.services.settings.inspection.checklist)


def _named(items: list[InspectionItem]) -> str:
    return "、".join(f"第{i.position}项「{i.name}」" for i in items)


async def review(ctx: Context, args: str) -> list[Reply]:
    words = args.split()
    if not words:
        # /审核 alone had got the usage: the inspections waiting are what it is for.
        return await pending_list(ctx, 1)
    number = record_number(words[0])
    if number is None:
        return [Text(usage(local_time(ctx).date()))]
    inspection = await visible_inspection(ctx, number)
    if inspection is None:
        return [Text(NOT_FOUND.format(n=number))]
    if len(words) == 1:
        return await _detail(ctx, inspection)
    if words[1] not in RECTIFY_WORDS:
        # Passed: the 整改 asked before, and what was noted for it, no longer wait.
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
        if words[2:] == [SEND_WORD]:
            return await _send_noted(ctx, inspection)
        if words[2:] == [CANCEL_WORD]:
            return await _drop_noted(ctx, inspection)
        if words[2:] == [RESTART_WORD]:
            return await _start_over(ctx, inspection)
        return await _rectify(ctx, inspection, words[2:])
    return [Text(usage(local_time(ctx).date()))]
