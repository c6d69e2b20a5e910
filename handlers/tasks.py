"""Officers' tasks in chat.

/任务                              my open tasks, due first
/任务 新增 走访 和平里5号 明天下午   a task for me (first word names the kind; 明天, 明天下午,
                                   后天上午10点, 周五, 下周一 or 12月1日 anywhere is the due
                                   date; a 6-digit plate links the house, or is said unknown)
/完成 12 [备注]                     close task 12 (also /任务 完成 12, /任务 12 完成)
/任务 改期 12 周五                  move task 12 to another day (推迟, 延期, 顺延, 往后推
                                   say it too: /任务 推迟 12 周五, /任务 12 延期到周五)
/任务 取消 12 重复了                drop task 12, saying why (kept, marked cancelled)

A task is due on a day; a time of day given with it stays in the subject, so nothing the
officer wrote is lost.
"""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from bot.context import Context
from bot.forms.clock import dated, example_day, local_time, said_near
from bot.messages import Button, Choices, Reply, Text
from bot.router import APART_MARKS, STAFF, AtOnce, Router
from bot.validators import Invalid
from bot.validators.dates import is_time_of_day, parse_date, split_date
from bot.validators.numerals import SAID_NUMBER
from bot.validators.text import parse_free_text
from handlers.hits import FALSE_HIT
from handlers.services.hit_checks import (
    VERDICTS,
    hit_of,
    lacks_result,
    result_buttons,
    rules_out,
    same_person_checks,
    says_verdict,
    split_verdict,
    with_verdict,
)
from handlers.services.numbers import record_number
from handlers.services.plates import PLATE
from handlers.services.risk.describe import change_text
from handlers.services.risk.scoring import score_now
from handlers.services.scope import restrict, station_beats
from handlers.services.tasks import (
    complete_task,
    create_task,
    kind_from_words,
    kind_label,
    may_do,
    my_open_task,
    open_tasks,
)
from handlers.services.worklog import log_work
from handlers.wanted.hit_verdict import capture_offer
from storage.models import Task, TaskStatus, Venue, VenueRisk, WatchHit

router = Router()

ADD_WORD = "新增"
MOVE_WORD = "改期"
CANCEL_WORD = "取消"
DONE_WORD = "完成"
#: How officers say 改期 (任务 推迟 1 后天, 任务 1 延期到下周一): these had got the usage.
MOVE_WORDS = (MOVE_WORD, "推迟", "延期", "顺延", "往后推", "推后")
#: A move word before the new day, after the task's number (1 延期到下周一, 1 推迟 周五), or
#: 到 alone (改期 1 到周五).
_MOVE_SAID = re.compile(rf"(?:(?:{'|'.join(MOVE_WORDS)})(?:到|至)?|到|至)\s*")
#: A part of the day said alone, with no day (下午去网吧看看): today's.
_PART_OF_DAY = re.compile(
    r"(?:今天)?(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)"
    r"(\d{1,2}(?:[点时](?:\d{1,2}分?|半)?|[:：]\d{2}))?"
)
#: A last word written as a date (2026-02-30, 2/30, 2月30日) that may fail to be one.
_LOOKS_LIKE_DATE = re.compile(
    r"\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?|\d{1,2}[-/]\d{1,2}|\d{1,2}月\d{1,2}[日号]?"
)  # not 200.50, an amount
#: 前 or 之前 after a due day: by then.
_BEFORE = re.compile(r"(?:之|以)?前")
#: A task number at the start of /完成's words, with what separates it from the next.
_TASK_NUMBER_AND_GAP = re.compile(rf"([#＃]?(?:\d+|{SAID_NUMBER}))(?:[\s,，、]+|$)")
#: What stands between an action and its words: a space, or a mark voice input puts there
#: (任务新增：回访网吧).
_ACTION_GAP = f" {APART_MARKS}"
#: A clause of its own at either end of the words: 回访网吧，后天 / 后天，回访网吧.
_LAST_CLAUSE = re.compile(r"(.*[^，,])[，,]\s*([^，,]+)")
_FIRST_CLAUSE = re.compile(r"([^，,]+)[，,]\s*(.*[^，,])")
#: What follows the new day when an officer puts a task off: 明天再说, 周五再去.
_PUT_OFF = re.compile(r"(?:再说|再办|再弄|再做|再去|再看|再处理)[吧。.!！]*$")
#: The list's buttons open its first tasks; the rest by /任务 编号.
BUTTON_LIMIT = 8


# No plate in the example: one that does not exist in the station reads as a real record.
def usage(ctx: Context) -> str:
    """How to add a task; its example date is a week ahead (a fixed 12月1日 had read as
    past from December on)."""
    return (
        "新增任务：/任务 新增 内容 [截止日期]，如 /任务 新增 走访幸福里房东 明天下午"
        f"（日期也可写 后天、周五、下周一、{example_day(local_time(ctx).date(), 7)}；"
        "写上6位门牌号可关联房屋）"
    )


def read_due(phrase: str, today: date) -> tuple[date, str] | None:
    """(the due day, the time of day written after it) when `phrase` is a due date:
    明天, 明天下午, 后天上午10点, 周五, 下周一前, 12月1日; else None."""
    try:
        day, rest = split_date(phrase, today=today)
    except Invalid:  # 2月30日: not a day, so not a due date
        return None
    if day is None and _PART_OF_DAY.fullmatch(rest):
        day = today  # 下午, 晚上8点: said of today
    if day is None or not is_time_of_day(rest):
        return None
    # 下周一前: "before" is what a due day means; (前) after the subject says nothing.
    return day, "" if _BEFORE.fullmatch(rest) else rest


def _due_clauses(words: list[str], today: date) -> list[str]:
    """`words` with a due day said in a clause of its own (回访网吧，后天) made a word of its
    own, so that it is read as the due day; other commas stay as typed."""
    if not words:
        return words
    last = _LAST_CLAUSE.fullmatch(words[-1])
    if last and read_due(last[2], today) is not None:
        return [*words[:-1], last[1], last[2]]
    first = _FIRST_CLAUSE.fullmatch(words[0])
    if first and read_due(first[1], today) is not None:
        return [first[1], first[2], *words[1:]]
    return words


def split_due(words: list[str], today: date) -> tuple[list[str], date | None, str]:
    """The subject's words without a due date at the end (one word, 明天下午, or two, 明天
    下午), else at the start (下周一 上报月报), else between them (检查 明天 张三),
    the due day and the time of day written with it. Raises `Invalid` for a last word meant
    as a date that is not one (2026-02-30)."""
    for size in (2, 1):
        if len(words) > size:
            found = read_due("".join(words[-size:]), today)
            if found is not None:
                return words[:-size], found[0], found[1]
    # 下周一 上报月报: the due day said first, as people also do.
    for size in (2, 1):
        if len(words) > size:
            found = read_due("".join(words[:size]), today)
            if found is not None:
                return words[size:], found[0], found[1]
    # 周五前交月报: a deadline glued to the subject, as officers type it.
    if words:
        try:
            day, rest = split_date(words[0], today=today)
        except Invalid:
            day, rest = None, ""
        glued = _BEFORE.match(rest)
        if day is not None and glued and rest[glued.end() :]:
            return [rest[glued.end() :], *words[1:]], day, ""
        # 下午去网吧看看, 明天上午10点回访: the time of day glued to the subject (today's
        # when no day is said); it had been saved with no due date.
        said = rest if day is not None else words[0]
        part = _PART_OF_DAY.match(said)
        if part and said[part.end() :]:
            time_of_day = part[0].removeprefix("今天")
            return [said[part.end() :], *words[1:]], day or today, time_of_day
    # 检查 明天 张三: the day between the subject's words, as officers type it too (it had
    # stayed in the subject with no due date).
    for size in (2, 1):
        for start in range(1, len(words) - size):
            found = read_due("".join(words[start : start + size]), today)
            if found is not None:
                return [*words[:start], *words[start + size :]], found[0], found[1]
    if len(words) > 1 and _LOOKS_LIKE_DATE.fullmatch(words[-1]):
        parse_date(words[-1], today=today)  # says what is wrong with it
    return words, None, ""


def due_text(due: date | None, today: date) -> str:
    if due is None:
        return "无截止日期"
    days = (due - today).days
    if days < 0:
        return f"截止 {dated(due, today)}（逾期{-days}天）"
    # As the other views say a day: 截止 明天, 截止 后天（11月25日）, 截止 11月27日.
    return f"截止 {said_near(due, today)}"


def task_line(task: Task, today: date) -> str:
    return f"#{task.id}【{kind_label(task.kind)}】{task.subject}　{due_text(task.due, today)}"


async def _add(ctx: Context, text: str) -> list[Reply]:
    if ctx.person.beat_id is None:
        return [Text("您未分配警务区，无法新增任务。")]
    if not text.strip():
        return [Text(usage(ctx))]
    try:
        subject = parse_free_text(text, max_length=300)
    except Invalid as exc:
        return [Text(f"{exc.reason}\n{usage(ctx)}")]
    today = local_time(ctx).date()
    words = _due_clauses(subject.split(), today)
    # 检查枫林民宿消防 下周一 100001: a plate after the due day hid it; the plate is set
    # aside while the day is read, and stays in the subject where it was typed.
    plates = [w for w in words if PLATE.fullmatch(w)]
    trailing: list[str] = []
    while len(words) > 1 and PLATE.fullmatch(words[-1]):
        trailing.insert(0, words.pop())
    try:
        kept, due, time_of_day = split_due(words, today)
    except Invalid as exc:
        # 2026-02-30: meant as a date, and not one. Kept as text it would hide.
        return [Text(f"截止日期「{words[-1]}」有误：{exc.reason}")]
    subject = " ".join([*kept, *trailing]) + (f"（{time_of_day}）" if time_of_day else "")
    venue = None
    if plates:
        scope = await station_beats(ctx.session, ctx.person)
        query = restrict(select(Venue).where(Venue.plate == plates[0]), scope)
        venue = (await ctx.session.exec(query)).first()
    task = await create_task(
        ctx.session,
        officer_id=ctx.person.id,
        # 100001 复查消防: the plate typed first is no part of what is to be done.
        kind=kind_from_words(" ".join(w for w in kept if not PLATE.fullmatch(w))),
        subject=subject,
        due=due,
        source="officer",
        now=ctx.now,
        venue_id=venue.id if venue else None,
        created_by=ctx.person.id,
    )
    log_work(
        ctx.session,
        ctx.person,
        "task.add",
        subject,
        now=ctx.now,
        subject_kind="task",
        subject_id=task.id or "",
    )
    late = "\n⚠️ 截止日期已经过了，请核对。" if due is not None and due < today else ""
    if venue is not None:
        house = f"\n{_venue_line(venue)}"
    elif plates:
        # A mistyped plate had been saved as if it linked a house.
        house = (
            f"\n⚠️ 本所没有门牌号为 {plates[0]} 的房屋，任务未关联房屋。"
            f"请核对门牌号（「/门牌 地址」可查），需要时取消后重新新增。"
        )
    else:
        house = ""
    return [Text(f"✅ 已新增任务：{task_line(task, today)}{house}{late}")]


def _venue_line(venue: Venue) -> str:
    if not venue.plate:  # a hotel's task (a minor's stay): places without a house plate
        return f"关联场所：{venue.name}（「/场所 {venue.id}」查看）"
    return f"关联房屋：{venue.name}（门牌 {venue.plate}，「/场所 {venue.id}」查看）"


async def _example_number(ctx: Context) -> str:
    """The task number usage examples name: the officer's first open task (task 12 of the
    examples had not existed), or 编号 when there is none."""
    found = await open_tasks(ctx.session, ctx.person, limit=1)
    return str(found[0].id) if found else "编号"


async def _change_usage(ctx: Context) -> str:
    n = await _example_number(ctx)
    return f"完成：/完成 {n}；改期：/任务 改期 {n} 周五；取消：/任务 取消 {n} 原因"


def _number_and_rest(text: str) -> tuple[int | None, str]:
    words = text.split(maxsplit=1)
    number = record_number(words[0]) if words else None
    return number, words[1].strip() if len(words) > 1 else ""


def _new_day(phrase: str) -> str:
    """The day a task is put off to, without the words around it: 延期到下周一 and 明天再说
    are 下周一 and 明天."""
    said = _MOVE_SAID.match(phrase)
    return _PUT_OFF.sub("", phrase[said.end() :] if said else phrase).strip()


def _puts_off(args: str, today: date) -> bool:
    """Whether /任务's words are a task's number and the day it is put off to (1 明天再说,
    3 周五, 1 延期到下周一)."""
    number, phrase = _number_and_rest(args)
    return number is not None and read_due(_new_day(phrase), today) is not None


async def _move(ctx: Context, text: str) -> list[Reply]:
    number, phrase = _number_and_rest(text)
    phrase = _new_day(phrase)
    if number is None or not phrase:
        n = await _example_number(ctx)
        return [Text(f"请发送「/任务 改期 编号 日期」，如 /任务 改期 {n} 周五。")]
    task = await my_open_task(ctx.session, ctx.person, number)
    if task is None:
        return [Text(f"没有编号为 {number} 的待办任务。发送「/任务」查看。")]
    today = local_time(ctx).date()
    try:
        found = read_due(phrase, today) or (parse_date(phrase, today=today), "")
    except Invalid as exc:
        said = f"日期「{phrase}」有误：{exc.reason}"
        return [Text(f"{said}\n日期可写 明天、周五、下周一、{example_day(today, 7)}。")]
    due, time_of_day = found
    before = due_text(task.due, today)
    task.due = due
    if time_of_day and time_of_day not in task.subject:
        task.subject = f"{task.subject}（{time_of_day}）"[:300]
    ctx.session.add(task)
    log_work(
        ctx.session,
        ctx.person,
        "task.move",
        f"{task.subject}：{before} → {due_text(due, today)}",
        now=ctx.now,
        subject_kind="task",
        subject_id=task.id or "",
    )
    late = "\n⚠️ 新日期已经过了，请核对。" if due < today else ""
    # 下周一 said on a Sunday is tomorrow: an unchanged day must not read as a move.
    # 截止 11-22（逾期1天） as 原截止 11-22，逾期1天: no brackets inside brackets.
    was = "（日期未变）" if before == due_text(due, today) else f"（原{_unbracketed(before)}）"
    return [Text(f"✅ 已改期：{task_line(task, today)}{was}{late}")]


def _unbracketed(text: str) -> str:
    return text.replace("（", "，").replace("）", "")


async def _rescored_after_check(ctx: Context, hit_id: int, note: str) -> list[str]:
    """A hit's check decides whether it counts against the venue (非本人 does not): what
    it was recorded as is said, since it drives the venue's risk and was read silently from
    the note; and the colour is worked out now, not at the nightly scoring, so /风险 and the
    venue card agree with what the officer just found."""
    hit = await ctx.session.get(WatchHit, hit_id)
    venue = await ctx.session.get(Venue, hit.venue_id) if hit else None
    if venue is None or venue.id is None:
        return []
    said = (
        f"比中 #{hit_id} 记为：{FALSE_HIT}，不计入{venue.name}的风险。"
        if rules_out(note)
        # A real hit keeps counting (the watch_hits rules leave out false ones only); how
        # much is the rules' choice: not claimed.
        else f"比中 #{hit_id} 记为：已核查（按非误报处理）。"
    )
    return [said, *await _rescored(ctx, venue)]


async def _rescored(ctx: Context, venue: Venue) -> list[str]:
    assert venue.id is not None
    risk = await ctx.session.get(VenueRisk, venue.id)
    before = risk.colour if risk else None
    await score_now(ctx.session, ctx.services.settings, venue, ctx.now)
    risk = await ctx.session.get(VenueRisk, venue.id)
    if risk is None or before is None or risk.colour == before:
        return []
    return [f"{venue.name}的综合风险{change_text(before, risk.colour)}。"]


def _log_closed(ctx: Context, task: Task, action: str, note: str) -> None:
    log_work(
        ctx.session,
        ctx.person,
        action,
        f"{kind_label(task.kind)}：{task.subject}" + (f"（{note}）" if note else ""),
        now=ctx.now,
        subject_kind="task",
        subject_id=task.id or "",
    )


async def _cancel(ctx: Context, text: str) -> list[Reply]:
    number, reason = _number_and_rest(text)
    if number is None:
        n = await _example_number(ctx)
        return [Text(f"请发送「/任务 取消 编号 原因」，如 /任务 取消 {n} 重复了。")]
    task = await my_open_task(ctx.session, ctx.person, number)
    if task is None:
        return [Text(f"没有编号为 {number} 的待办任务。发送「/任务」查看。")]
    if not reason and task.source != "officer":
        # A task the system made (a hit to verify, a red venue to visit) is someone's
        # duty: dropping it says why, for whoever looks at it later.
        return [
            Text(
                f"任务 #{number} 是系统生成的（{task.subject}），取消请说明原因，如 /任务 取消 {number} 已核实为重复。"
            )
        ]
    await complete_task(
        ctx.session, ctx.person, number, reason, ctx.now, status=TaskStatus.CANCELLED
    )
    _log_closed(ctx, task, "task.cancel", reason)
    return [Text(f"已取消任务 #{number}：{task.subject}")]


@router.route(
    "tasks",
    commands=("任务", "tasks"),
    roles=STAFF,
    help="我的待办任务；/任务 新增 内容 日期（如 明天下午、周五、下周一）",
    daily=30,
    actions=(ADD_WORD, *MOVE_WORDS, CANCEL_WORD, DONE_WORD),
    # 加个任务 下午去枫林民宿看看: offered as 任务 新增 with the words, not a bare 任务.
    said_actions=(
        *((word, ADD_WORD) for word in (ADD_WORD, "加", "添加", "增加", "新建", "建", "记")),
        *((word, MOVE_WORD) for word in MOVE_WORDS),
        *((word, CANCEL_WORD) for word in (CANCEL_WORD, "删掉", "删除")),
    ),
    # 今天还有什么没做完: the end of the day's question went to the statutes.
    hints=("待办", "没做完", "没办完", "没完成", "还剩", "剩下的"),
    # 看看任务 had been offered 「任务」, a tap to read what was asked.
    at_once=AtOnce.SHOWN_WHEN_ASKED,
    # 任务 2 完成 已核实: /完成 2 已核实.
    verbs=((DONE_WORD, "完成 {n}"),),
    # 任务 新增 核查3号是否有人住: a task's words may ask (是否, 有没有); they had been taken
    # for a question about 任务 and went to the statutes. A question after the name alone
    # (任务 怎么加) gets the usage, which answers it.
    passes_questions=True,
)
async def tasks(ctx: Context) -> list[Reply]:
    args = ctx.match.args if ctx.match else ""
    # 新增：回访网吧 — the mark after the action is no part of the task.
    if args.startswith(ADD_WORD):
        return await _add(ctx, args[len(ADD_WORD) :].strip(_ACTION_GAP))
    # 任务 推迟 1 后天: said as officers say it, not only as 改期 (it had got the usage).
    moved = next((word for word in MOVE_WORDS if args.startswith(word)), None)
    if moved is not None:
        return await _move(ctx, args[len(moved) :].strip(_ACTION_GAP))
    if args.startswith(CANCEL_WORD):
        return await _cancel(ctx, args[len(CANCEL_WORD) :].strip(_ACTION_GAP))
    if args.startswith(DONE_WORD):
        # 任务 完成 2: /完成 2, and had got the usage.
        return await _done(ctx, args[len(DONE_WORD) :].strip(_ACTION_GAP))
    if args:
        if _puts_off(args, local_time(ctx).date()):
            # 任务1 明天再说, 任务 1 延期到下周一: a number and a day is a move, and had got
            # the usage.
            return await _move(ctx, args)
        number, rest = _number_and_rest(args)
        if number is not None and not rest:
            return await _one(ctx, number)
        return [Text(f"{usage(ctx)}\n{await _change_usage(ctx)}")]
    today = local_time(ctx).date()
    found = await open_tasks(ctx.session, ctx.person)
    if not found:
        return [Text(f"目前没有待办任务。{usage(ctx)}")]
    lines = [f"待办任务 {len(found)} 项："]
    lines.extend(task_line(t, today) for t in found)
    lines.append(
        "点编号打开任务，或发送「/完成 编号」完成；"
        "改期、取消：「/任务 改期 编号 日期」「/任务 取消 编号 原因」。"
    )
    buttons = tuple(Button(f"#{t.id}", f"/任务 {t.id}") for t in found[:BUTTON_LIMIT])
    return [Choices("\n".join(lines), buttons)]


async def _one(ctx: Context, number: int) -> list[Reply]:
    """/任务 3, what 把任务3推迟到周五 is offered and the list's buttons send: the task with
    what can be done to it (it had got the usage of /任务 新增)."""
    task = await my_open_task(ctx.session, ctx.person, number)
    if task is None:
        return [Text(f"没有编号为 {number} 的待办任务。发送「/任务」查看。")]
    venue = await ctx.session.get(Venue, task.venue_id) if task.venue_id else None
    lines = [
        task_line(task, local_time(ctx).date()),
        *([_venue_line(venue)] if venue is not None else []),
        f"完成：/完成 {number} 备注；改期：/任务 改期 {number} 日期；取消：/任务 取消 {number} 原因",
    ]
    buttons = (Button("完成", f"/完成 {number}"), Button("明天再说", f"/任务 改期 {number} 明天"))
    return [Choices("\n".join(lines), buttons)]


@router.route(
    "task_done",
    commands=("完成", "done"),
    roles=STAFF,
    help="完成任务：/完成 编号 [备注]（编号见「/任务」）",
    topic="任务",
    hints=("做完了", "完成了", "完成任务", "办完了", "搞定了", "任务做完", "任务完成", "任务办完"),
)
async def done(ctx: Context) -> list[Reply]:
    return await _done(ctx, (ctx.match.args if ctx.match else "").strip())


async def _done(ctx: Context, rest: str) -> list[Reply]:
    # /完成 11 12, /完成 11、12 核实无误: the numbers first, then a note for them all.
    numbers: list[int] = []
    while (found := _TASK_NUMBER_AND_GAP.match(rest)) and (number := record_number(found[1])):
        numbers.append(number)
        rest = rest[found.end() :]
    note = rest.strip()  # as typed: 已核实，非本人 keeps its comma
    if not numbers:
        return await _which_done(ctx)
    # A verdict on one hit of a person settles their others (the same guest registered
    # again): asked hit by hit, the officer had answered the same question twice.
    groups = await _same_person_groups(ctx, numbers, note)
    joined = {number for group in groups.values() for number, _hit in group[1:]}
    numbers = [
        n for number in numbers for n in (number, *(m for m, _hit in groups.get(number, [])[1:]))
    ]
    lines: list[str] = []
    # A check that found the person caught: marking the card caught is asked after it.
    offers: list[Reply] = []
    # Checks whose result is asked for: (task, hit, note, its line's index or -1, open).
    asked: list[tuple[int, int, str, int, bool]] = []
    for number in dict.fromkeys(numbers):
        task = await my_open_task(ctx.session, ctx.person, number)
        if task is None:
            late = await _check_without_result(ctx, number) if note else None
            late_hit = hit_of(late.key) if late is not None else None
            if late_hit is not None and not says_verdict(note):
                # 去过了 added to a check closed bare had been recorded as its result, and
                # the hit counted against the venue: asked as an open check's is.
                asked.append((number, late_hit, note, len(lines), False))
                lines.append("")
            elif late is not None:
                lines.extend(await _result_added(ctx, late, note))
                if late_hit is not None and (offer := await capture_offer(ctx, late_hit, note)):
                    offers.append(offer)
            else:
                lines.append(f"没有编号为 {number} 的待办任务。")
            continue
        hit = hit_of(task.key)
        if hit is not None and note and not says_verdict(note):
            # 去过了 says neither 非本人 nor 本人: closed on it, the hit had counted against
            # the venue with nothing said. The officer says which; the note is kept.
            asked.append((number, hit, note, len(lines), True))
            lines.append("")
            continue
        if hit is not None and not note:
            # /完成 1 in a hurry closed the check with no result: what was found was lost,
            # and the venue's colour was lowered all the same. The task stays open.
            lines.append(
                f"任务 #{number} 是比中 #{hit} 的核查，请写上核查结果再完成，"
                f"如「/完成 {number} 已核实，非本人」「/完成 {number} 已抓获」。"
            )
            asked.append((number, hit, "", -1, True))
            continue
        await complete_task(ctx.session, ctx.person, number, note, ctx.now)
        _log_closed(ctx, task, "task.done", note)
        lines.append(f"✅ 任务 #{task.id} 已完成：{task.subject}")
        if hit is not None:
            lines.extend(await _rescored_after_check(ctx, hit, note))
            # The same card as the hit settled with it: its capture is asked once.
            if number not in joined and (offer := await capture_offer(ctx, hit, note)):
                offers.append(offer)
    for group in groups.values():
        hits = "、".join(f"#{hit}" for _number, hit in group)
        lines.append(
            f"比中 {hits} 是同一人的登记，{len(group)} 条比中已一并记为「{split_verdict(note)[0]}」。"
        )
    # Buttons answer one check only: "点下面的" under several had pointed at none.
    tapped = len(asked) == 1
    for number, hit, said, at, still_open in asked:
        if at >= 0:
            lines[at] = _which_asked(number, hit, said, still_open=still_open, tapped=tapped)
    if all(line.startswith("没有") for line in lines):
        lines.append("发送「/任务」查看。")
    if tapped:
        _task_id, hit, said, _at, _open = asked[0]
        verdicts = _verdict_buttons(hit, said) if said else result_buttons(hit)
        buttons = (*verdicts, Button("查看比中", f"/比中 {hit}"))
        return [Choices("\n".join(lines), buttons), *offers]
    return [Text("\n".join(lines)), *offers]


async def _same_person_groups(
    ctx: Context, numbers: list[int], note: str
) -> dict[int, list[tuple[int, int]]]:
    """For each of `numbers` that is an open hit's check the officer closes with a verdict
    (`note`) while the same person's other hits wait to be checked: (task, hit) of it and
    of those the officer may close, it first."""
    groups: dict[int, list[tuple[int, int]]] = {}
    if not says_verdict(note):
        return groups
    taken = set(numbers)
    for number in dict.fromkeys(numbers):
        task = await my_open_task(ctx.session, ctx.person, number)
        hit_id = hit_of(task.key) if task is not None else None
        hit = await ctx.session.get(WatchHit, hit_id) if hit_id is not None else None
        if hit is None or hit.id is None:
            continue
        others = [
            (other.id, task_of.id)
            for other, task_of in await same_person_checks(ctx.session, hit)
            if other.id is not None and task_of.id is not None
            if task_of.id not in taken and may_do(task_of, ctx.person)
        ]
        if others:
            taken.update(n for _hit, n in others)
            groups[number] = [(number, hit.id), *((n, h) for h, n in others)]
    return groups


def _which_asked(number: int, hit: int, note: str, *, still_open: bool, tapped: bool) -> str:
    """What is said of a check whose `note` says neither 非本人 nor 本人: nothing is recorded
    until the officer says which, by a tap when the buttons are this check's own."""
    said = f"任务 #{number} 是比中 #{hit} 的核查，「{note}」没有说明是否本人，"
    said += "任务未完成。" if still_open else "核查结果没有补记。"
    if tapped:
        return (
            f"{said}请点下面的核查结果（会保留您写的内容），"
            f"或发送「/完成 {number} 已核实，非本人」「/完成 {number} 已抓获」。"
        )
    # No buttons under several: the commands to send carry the words typed.
    ruled_out, caught = (with_verdict(VERDICTS[n][1], note) for n in (0, 2))
    return f"{said}请发送「/完成 {number} {ruled_out}」或「/完成 {number} {caught}」。"


def _verdict_buttons(hit_id: int, note: str) -> tuple[Button, ...]:
    """The results a check may be closed with, each keeping what the officer wrote; a tap
    asks to confirm first, as the hit card's buttons do."""
    return tuple(
        Button(label, f"/比中 {hit_id} {with_verdict(verdict, note)}")
        for label, verdict in VERDICTS
    )


async def _check_without_result(ctx: Context, number: int) -> Task | None:
    """A hit's check of the officer's closed with no result (/完成 1, before a result was
    asked for): its result may still be written down."""
    task = await ctx.session.get(Task, number)
    if task is None or hit_of(task.key) is None or not lacks_result(task):
        return None
    return task if may_do(task, ctx.person) else None


async def _result_added(ctx: Context, task: Task, note: str) -> list[str]:
    task.done_note = note[:300]
    ctx.session.add(task)
    _log_closed(ctx, task, "task.result", note)
    hit = hit_of(task.key)
    return [
        f"✅ 已补记任务 #{task.id} 的核查结果：{note}",
        *(await _rescored_after_check(ctx, hit, note) if hit is not None else []),
    ]


async def _which_done(ctx: Context) -> list[Reply]:
    """完成 with no number: the open tasks to tap (it had asked for a number that only
    /任务 shows)."""
    found = await open_tasks(ctx.session, ctx.person)
    if not found:
        return [Text("目前没有待办任务。")]
    today = local_time(ctx).date()
    lines = ["完成哪一项？点编号即可，或发送「/完成 编号 备注」："]
    lines.extend(task_line(t, today) for t in found[:BUTTON_LIMIT])
    if len(found) > BUTTON_LIMIT:
        lines.append(f"另有 {len(found) - BUTTON_LIMIT} 项，发送「/任务」查看。")
    buttons = tuple(Button(f"#{t.id}", f"/完成 {t.id}") for t in found[:BUTTON_LIMIT])
    return [Choices("\n".join(lines), buttons)]
