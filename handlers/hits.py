"""Officers' view of wanted-list hits: `/比中` lists, `/比中 N` opens one (audited). `/命中`,
the command's first name, is still read; what officers are told says 比中, as the alerts do."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from sqlmodel import col, select

from bot.audit_trail import audit
from bot.context import Context
from bot.forms.clock import full_date
from bot.forms.engine import forget_submitted
from bot.forms.words import CONFIRM_BUTTON_WORDS
from bot.forms.words import bare as bare_words
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, AtOnce, Router, Suggestion
from handlers.registration.fields import doc_label
from handlers.registration.timefmt import short
from handlers.services.hit_checks import (
    CARD_CLOSED,
    MATCHED,
    VERDICTS,
    check_key,
    hit_of,
    is_false_hit,
    lacks_result,
    result_buttons,
    rules_out,
    same_person_checks,
    says_verdict,
    split_verdict,
)
from handlers.services.minor_notice import officer_note
from handlers.services.numbers import record_number, wanted_number
from handlers.services.person_search import Found
from handlers.services.personal import unseal
from handlers.services.station_scope import may_see, sees_everything
from handlers.services.tasks import may_do, open_tasks
from handlers.services.watchlist import name_warning, recent_hits
from handlers.wanted.caught_said import says_caught
from storage import memos
from storage.models import (
    Beat,
    GuestStay,
    HitStrength,
    Person,
    Task,
    TaskStatus,
    Tenancy,
    UserMemo,
    Venue,
    WantedPerson,
    WantedStatus,
    WatchHit,
)
from storage.voided import INCLUDE_VOIDED, voided_label

router = Router()


async def _may_see(ctx: Context, venue: Venue) -> bool:
    if sees_everything(ctx.person):
        return True
    beat = await ctx.session.get(Beat, venue.beat_id)
    return beat is not None and may_see(ctx.person, beat.station_id)


async def _check_offered(ctx: Context, hint: Suggestion) -> Suggestion:
    """命中1 已核实 非本人: offered as the result of the hit's open check, which is what it
    records; the offer of 「命中 1 已核实 非本人」 only offered that once more."""
    _command, number, note = (*hint.typed.split(maxsplit=2), "", "")[:3]
    if number and record_number(number) is None:
        return await _said_of_hits(ctx, hint, hint.typed.split(maxsplit=1)[1])
    hit_id = record_number(number) if number and note else None
    hit = await ctx.session.get(WatchHit, hit_id) if hit_id is not None else None
    venue = await ctx.session.get(Venue, hit.venue_id) if hit else None
    if hit_id is None or venue is None or not await _may_see(ctx, venue):
        return hint
    task = (await _checks(ctx, [hit_id])).get(hit_id)
    if task is None or not _takes_result(task):
        return hint  # /命中 N … says why nothing can be recorded
    shown = f"比中 #{hit_id} 核查结果：{note}"
    return replace(hint, typed=f"/完成 {task.id} {note}", shown=shown)


async def _said_of_hits(ctx: Context, hint: Suggestion, said: str) -> Suggestion:
    """比中的人抓到了 had been offered 「命中 的人抓到了」: the internal word, and words that
    are no hit's number as its argument. A verdict said while one person's checks are open
    is offered as their result (the same person's other hits are settled with it); anything
    else, the list of hits, by the word the officer used."""
    listing = replace(hint, typed="/比中", shown="")
    verdict = _verdict_said(said)
    checks = sorted(
        (hit_id, task.id)
        for task in await open_tasks(ctx.session, ctx.person)
        if (hit_id := hit_of(task.key)) is not None and task.id is not None
    )
    if verdict is None or not checks:
        return listing
    hit_id, task_id = checks[0]
    hit = await ctx.session.get(WatchHit, hit_id)
    together = {h.id for h, _check in await same_person_checks(ctx.session, hit)} if hit else set()
    if any(other not in together for other, _task in checks):
        return listing  # whose is unsaid: the list, where each hit is opened
    hits = "、".join(f"#{other}" for other, _task in checks)
    return replace(hint, typed=f"/完成 {task_id} {verdict}", shown=f"比中 {hits}：{verdict}")


def _verdict_said(said: str) -> str | None:
    """The check result `said` gives in words (抓到了, 不是本人), as its button records it."""
    results = {label: verdict for label, verdict in VERDICTS}
    if says_caught(said):
        return results["已抓获"]
    if rules_out(said):
        return results["非本人"]
    return results["是本人"] if says_verdict(said) else None


@router.route(
    "hits",
    # 比中 is the word the 日报 and the alerts use, so the one help and offers show (「您是想用
    # 「命中」（…/命中 编号…）吗」 had named the internal word); /命中 is still read.
    commands=("比中", "命中", "hits"),
    roles=STAFF,
    private_for=STAFF,
    help="查看比中提醒，/比中 编号 查看详情",
    picks=_check_offered,
    daily=20,
    topic="通缉",
    at_once=AtOnce.SHOWN_WHEN_ASKED,  # 有新命中吗 had been offered as a tap to read them
)
async def hits(ctx: Context) -> list[Reply]:
    arg = ctx.match.args if ctx.match else ""
    if arg:
        head, _, note = arg.partition(" ")
        number = record_number(head)
        if number is None:
            return [Text("请发送「/比中 编号」，编号为数字，如 /比中 12。")]
        answer = _ANSWER.fullmatch(note.strip())
        if answer:
            return await _answered(ctx, number, answer[1], answer[2])
        if note.strip():
            return await _result_offered(ctx, number, note.strip())
        return await _show(ctx, number)
    rows = await recent_hits(ctx.session, ctx.person)
    if not rows:
        # What would be here: an empty list had left a new officer guessing what a hit is.
        return [
            Text(
                "暂无比中记录。场所登记的旅客、租客与在逃人员比中时，会即时提醒所在警务区的"
                "民警，并列在这里。"
            )
        ]
    zone = ctx.services.settings.zone
    states = await hit_states(ctx, [hit for hit, _venue in rows])
    lines = ["最近的比中记录："]
    for hit, venue in rows:
        state = states.get(hit.id or 0, "")
        lines.append(
            f"#{hit.id}　{short(hit.created_at, zone, ctx.now)}　{venue.name}　{MATCHED[hit.strength]}　{state}"
        )
    lines.append("发送「/比中 编号」查看详情。")
    return [Text("\n".join(lines))]


_CHECK_STATE = {
    TaskStatus.OPEN: "待核查",
    TaskStatus.DONE: "已核查",
    TaskStatus.CANCELLED: "已取消核查",
}


#: A check that found someone else: the hit no longer counts against the venue.
FALSE_HIT = "已核实非本人"


def _takes_result(task: Task) -> bool:
    """Whether a result typed for the hit can go to its check: one still open, or one
    closed with no result (the officer sent /完成 alone, and the result was lost)."""
    return task.status is TaskStatus.OPEN or lacks_result(task)


#: What a note is read without, to tell whether it says more than its state.
_MARKS = re.compile(r"[\s，,。.、!！;；]+")


def _restates(task: Task) -> bool:
    """A result that is its state in other marks (已核实，非本人, the 非本人 button's):
    核查：已核实非本人（…）：已核实，非本人 had said it twice."""
    return _MARKS.sub("", task.done_note) == _state(task)


def _state(task: Task) -> str:
    return FALSE_HIT if is_false_hit(task) else _CHECK_STATE[task.status]


async def hit_states(ctx: Context, hits: Sequence[WatchHit]) -> dict[int, str]:
    """Where each hit's check stands, by hit, as the list of hits says it (待核查, 已核实
    非本人); "" for a hit with no check."""
    checks = await _checks(ctx, [hit.id for hit in hits if hit.id is not None])
    closed = await _closed_cards(ctx, {hit.wanted_id for hit in hits})
    states = {}
    for hit in hits:
        check = checks.get(hit.id) if hit.id is not None else None
        state = _state(check) if check is not None else ""
        if hit.wanted_id in closed and (check is None or check.status is not TaskStatus.DONE):
            # Closing the card cancelled the check: 已取消核查 said nothing of why.
            state = closed[hit.wanted_id]
        states[hit.id or 0] = state
    return states


async def hits_said(ctx: Context, found: Sequence[Found]) -> dict[str, tuple[int, str]]:
    """The hits on each registration a search found, by its key (旅客12): the first hit's
    number, and all of them as said (#1（待核查）、#3（已核实非本人）); one that hit
    nothing is left out. `/查人` had shown a guest who hit the wanted list as any other."""
    hits: dict[str, list[WatchHit]] = {}
    for kind, table in (("guest", GuestStay), ("tenant", Tenancy)):
        keys = {f.record.id: f.key for f in found if isinstance(f.record, table)}
        if not keys:
            continue
        rows = await ctx.session.exec(
            select(WatchHit)
            .where(WatchHit.registration_kind == kind, col(WatchHit.registration_id).in_(keys))
            .order_by(col(WatchHit.id))
        )
        for hit in rows.all():
            hits.setdefault(keys[hit.registration_id], []).append(hit)
    states = await hit_states(ctx, [hit for each in hits.values() for hit in each])
    return {
        key: (
            each[0].id or 0,
            "、".join(f"#{hit.id}（{states[hit.id or 0] or '无核查'}）" for hit in each),
        )
        for key, each in hits.items()
    }


async def _checks(ctx: Context, hit_ids: list[int]) -> dict[int, Task]:
    """The verification task each hit made (`hit:N`), by hit."""
    keys = [check_key(n) for n in hit_ids]
    tasks = await ctx.session.exec(select(Task).where(col(Task.key).in_(keys)))
    return {n: t for t in tasks.all() if (n := hit_of(t.key)) is not None}


async def _closed_cards(ctx: Context, wanted_ids: set[int]) -> dict[int, str]:
    """Of these cards, those closed since (captured, revoked), with the word for it."""
    rows = await ctx.session.exec(
        select(WantedPerson.id, WantedPerson.status).where(
            col(WantedPerson.id).in_(wanted_ids),
            col(WantedPerson.status) != WantedStatus.ACTIVE,
        )
    )
    return {n: CARD_CLOSED[WantedStatus(status)] for n, status in rows.all() if n is not None}


async def _check_line(ctx: Context, hit_id: int) -> str:
    task = (await _checks(ctx, [hit_id])).get(hit_id)
    if task is None:
        return ""
    if task.status is TaskStatus.OPEN:
        return f"核查：待办（任务 #{task.id}），核实后发送「/完成 {task.id} 核查结果」。"
    if lacks_result(task):
        return (
            f"核查：已核查，未记结果（任务 #{task.id}），补记请发送「/完成 {task.id} 核查结果」。"
        )
    done_by = (
        await ctx.session.get(Person, task.done_by_person_id) if task.done_by_person_id else None
    )
    who = f"{done_by.display_name}，" if done_by and done_by.display_name else ""
    when = short(task.done_at, ctx.services.settings.zone, ctx.now) if task.done_at else ""
    note = f"：{task.done_note}" if task.done_note and not _restates(task) else ""
    counted = "，不计入场所风险" if is_false_hit(task) else ""
    return f"核查：{_state(task)}（{who}{when}）{note}{counted}"


async def _result_offered(ctx: Context, hit_id: int, note: str) -> list[Reply]:
    """/命中 2 已抓获: what was found, typed after the hit; it belongs to the hit's check
    task, so the officer is offered that (one tap) rather than told the number is wrong."""
    hit = await ctx.session.get(WatchHit, hit_id)
    venue = await ctx.session.get(Venue, hit.venue_id) if hit else None
    if hit is None or venue is None or not await _may_see(ctx, venue):
        return _not_found(hit_id)
    task = (await _checks(ctx, [hit_id])).get(hit_id)
    if task is None or not _takes_result(task):
        # 命中1 已核实 非本人 had shown the card alone: the officer took the finding for
        # recorded, and nothing was. The check says what was recorded; the full card (ID,
        # phone, another audit entry) is a tap away, not shown unasked.
        why = "没有核查任务" if task is None else f"已没有待办的核查（{_state(task)}）"
        check = await _check_line(ctx, hit_id)
        return [
            Choices(
                "\n".join(
                    [f"「{note}」没有记下：比中 #{hit_id} {why}。", *([check] if check else [])]
                ),
                (Button("查看比中", f"/比中 {hit_id}"),),
            )
        ]
    # Asked before it is recorded: the card's 非本人 button had closed the check at one tap
    # and lowered the venue's colour, and a mis-tap could not be taken back.
    assert task.id is not None
    nonce = await _ask(ctx, hit_id, task.id, note)
    then = f"确认后记入核查任务 #{task.id} 并完成该任务"
    # The same person's other hits are settled with it (`/完成` closes them too): said
    # here, so that one question is all that is asked.
    others = [
        (other, check)
        for other, check in await same_person_checks(ctx.session, hit)
        if other.id != hit_id and may_do(check, ctx.person)
    ]
    if others:
        listed = "、".join(f"#{other.id}" for other, _check in others)
        tasks = "、".join(f"#{n}" for n in (task.id, *(check.id for _other, check in others)))
        then = (
            f"同一人另有比中 {listed} 待核查，将一并记下。\n"
            f"确认后记入核查任务 {tasks} 并完成这 {len(others) + 1} 项任务"
        )
    if rules_out(note):
        then += "，这些比中不再计入场所风险" if others else f"，该比中不再计入{venue.name}的风险"
    # The question mark had landed on the remark (已核实，非本人；去过了？): the verdict is
    # what is asked, the remark only rides along.
    verdict, remark = split_verdict(note)
    said = f"（备注：{remark}）" if remark else ""
    return [
        Choices(
            f"比中 #{hit_id}（{venue.name}）：确认记为「{verdict}」{said}？\n{then}。",
            (
                Button(_CONFIRM, f"/比中 {hit_id} {_CONFIRM} {nonce}"),
                Button(_CANCEL, f"/比中 {hit_id} {_CANCEL} {nonce}"),
                Button("查看比中", f"/比中 {hit_id}"),
            ),
        )
    ]


# A question about a check's result is answered by its own buttons, which name it by a
# nonce kept (with the result) in the officer's memos: on Telegram and the web chat the
# buttons stay on screen, and 确认 (then `/完成 N 结果`) tapped after 取消 had closed the
# check all the same. A question not found (expired, forged) records nothing either.
_CONFIRM, _CANCEL = "确认", "取消"
_ANSWER = re.compile(rf"({_CONFIRM}|{_CANCEL}) ([0-9a-f]{{8}})")
_MEMO = "hit_result:"
#: The question last asked about a hit, by hit: the hit's card, opened under it (查看比中),
#: had replaced its 确认 with the result buttons, and 确认 typed next got 没有需要您确认的内容
#: with 上面的选项 (a fresh 非本人) offered as if nothing had been asked.
_PENDING = "hit_result_of:"
#: How long a question may be answered: a day-old 确认 is no longer a decision just made.
_ANSWERABLE = timedelta(days=1)
_ASKED, _CANCELLED, _RECORDED = "asked", "cancelled", "recorded"


async def _ask(ctx: Context, hit_id: int, task_id: int, note: str) -> str:
    nonce = secrets.token_hex(4)
    question = {"hit": hit_id, "task": task_id, "note": note, "state": _ASKED}
    await _keep(ctx, nonce, question)
    await memos.remember(ctx.session, ctx.user_key, f"{_PENDING}{hit_id}", nonce, ctx.now)
    await forget_submitted(ctx)
    return nonce


async def _pending(ctx: Context, hit_id: int, task_id: int) -> tuple[str, str] | None:
    """(nonce, result) of the question about this hit's check still to be answered."""
    nonce = await memos.recall(
        ctx.session, ctx.user_key, f"{_PENDING}{hit_id}", ctx.now, _ANSWERABLE
    )
    kept = nonce and await memos.recall(
        ctx.session, ctx.user_key, f"{_MEMO}{nonce}", ctx.now, _ANSWERABLE
    )
    question = json.loads(kept) if kept else None
    if not isinstance(question, dict) or question.get("state") != _ASKED:
        return None
    if question.get("task") != task_id or nonce is None:
        return None
    return nonce, str(question["note"])


async def _keep(ctx: Context, nonce: str, question: dict[str, object]) -> None:
    value = json.dumps(question, ensure_ascii=False)
    await memos.remember(ctx.session, ctx.user_key, f"{_MEMO}{nonce}", value, ctx.now)


async def _answered(ctx: Context, hit_id: int, word: str, nonce: str) -> list[Reply]:
    """确认 or 取消 tapped under the question `nonce` asked about hit `hit_id`'s result."""
    kept = await memos.recall(ctx.session, ctx.user_key, f"{_MEMO}{nonce}", ctx.now, _ANSWERABLE)
    question = json.loads(kept) if kept else None
    again = f"如需记录，请发送「/比中 {hit_id}」，在比中详情下重新选择核查结果。"
    view = (Button("查看比中", f"/比中 {hit_id}"),)
    if not isinstance(question, dict) or question.get("hit") != hit_id:
        return [Choices(f"这次确认已失效，核查结果没有记下。{again}", view)]
    note, state = str(question["note"]), question["state"]
    if state == _RECORDED:
        check = await _check_line(ctx, hit_id)
        return [Choices("\n".join([f"比中 #{hit_id} 的核查结果「{note}」已记下。", check]), view)]
    if state == _CANCELLED or word == _CANCEL:
        if state == _ASKED:
            await _keep(ctx, nonce, {**question, "state": _CANCELLED})
        # The question's own buttons stay the ones a typed word answers: 确认 typed after
        # 取消 had met a form submitted before it (这份通报已经提交过了); it is told this
        # again. Its 查看比中 is among them, so this reply needs none of its own.
        ctx.keep_choices = True
        return [Text(f"已取消，比中 #{hit_id} 的核查结果「{note}」没有记下。{again}")]
    task = (await _checks(ctx, [hit_id])).get(hit_id)
    if task is None or task.id != question["task"] or not _takes_result(task):
        # Closed since it was asked (a result typed, a colleague's): a second tap had then
        # said 已记下 of a result never recorded.
        await _keep(ctx, nonce, {**question, "state": _CANCELLED})
        return await _result_offered(ctx, hit_id, note)
    await _keep(ctx, nonce, {**question, "state": _RECORDED})
    # /完成 records it, as typed: its checks (the task still open, and the officer's) and
    # its replies (the venue's colour) are the same for a tap.
    ctx.retell = f"/完成 {question['task']} {note}"
    return []


async def confirm_open_question(ctx: Context, text: str) -> list[Reply] | None:
    """确认 typed after a look at another screen (/任务, /命中): the question's buttons are
    gone, and it had got 没有理解 with nothing recorded. The one question still open
    takes it; with several, which is meant is asked. None when none is open."""
    if ctx.role not in STAFF or bare_words(text) not in CONFIRM_BUTTON_WORDS:
        return None
    names = await ctx.session.exec(
        select(UserMemo.name).where(
            UserMemo.user_key == ctx.user_key,
            col(UserMemo.name).startswith(_PENDING),
            col(UserMemo.updated_at) >= ctx.now - _ANSWERABLE,
        )
    )
    hit_ids = sorted(n for name in names.all() if (n := record_number(name[len(_PENDING) :])))
    checks = await _checks(ctx, hit_ids)
    open_ = [
        (hit_id, asked)
        for hit_id in hit_ids
        if (task := checks.get(hit_id)) is not None and task.id is not None
        if _takes_result(task) and (asked := await _pending(ctx, hit_id, task.id))
    ]
    if len(open_) == 1:
        ((hit_id, (nonce, _note)),) = open_
        return await _answered(ctx, hit_id, _CONFIRM, nonce)
    if not open_:
        return None
    listed = "\n".join(f"比中 #{hit_id}：{note}" for hit_id, (_nonce, note) in open_)
    return [
        Choices(
            f"有 {len(open_)} 个核查结果待确认，请先打开要确认的比中：\n{listed}",
            tuple(Button(f"查看比中 #{hit_id}", f"/比中 {hit_id}") for hit_id, _ in open_),
        )
    ]


def _not_found(hit_id: int) -> list[Reply]:
    """/命中 9 with no hit 9: where to find the number (it had ended there, nothing to do)."""
    return [
        Choices(
            f"没有编号为 {hit_id} 的比中记录。发送「/比中」查看全部比中记录。",
            (Button("查看全部比中", "/比中"),),
        )
    ]


async def _show(ctx: Context, hit_id: int) -> list[Reply]:
    hit = await ctx.session.get(WatchHit, hit_id)
    venue = await ctx.session.get(Venue, hit.venue_id) if hit else None
    if hit is None or venue is None or not await _may_see(ctx, venue):
        return _not_found(hit_id)
    wanted = await ctx.session.get(WantedPerson, hit.wanted_id)
    record: GuestStay | Tenancy | None
    if hit.registration_kind == "guest":
        # A voided stay is still the hit's record: the officer sees it was voided.
        record = await ctx.session.get(
            GuestStay, hit.registration_id, execution_options={INCLUDE_VOIDED: True}
        )
        table = "guest_stay"
    else:
        record = await ctx.session.get(Tenancy, hit.registration_id)
        table = "tenancy"
    if record is None or wanted is None:
        return [Text("该比中记录对应的登记已按规定清除。")]
    person = unseal(ctx.services, record, table)
    audit(
        ctx,
        action="view:hit",
        subject_kind=table,
        subject_id=str(record.id),
    )
    zone = ctx.services.settings.zone
    strength = (
        "证件号码一致" if hit.strength is HitStrength.STRONG else "姓名与出生日期一致（需核实）"
    )
    where = f"房间 {record.room}" if isinstance(record, GuestStay) else "租住"
    if isinstance(record, GuestStay) and record.voided_at is not None:
        where += f"，{voided_label(record)}"
    elif isinstance(record, GuestStay) and record.checked_out_at is not None:
        where += f"，已于 {short(record.checked_out_at, zone, ctx.now)} 退房"
    elif isinstance(record, Tenancy) and record.moved_out_at is not None:
        where += f"，已于 {short(record.moved_out_at, zone, ctx.now)} 搬离"
    warning = name_warning(ctx.services, record, wanted)
    # After /通缉 抓获, an officer must not set out to check this hit.
    closed = ""
    if wanted.status is not WantedStatus.ACTIVE:
        word = "已抓获" if wanted.status is WantedStatus.CAPTURED else "已撤销"
        when = f"（{short(wanted.closed_at, zone, ctx.now)}）" if wanted.closed_at else ""
        closed = f"\n⚠️ 该在逃人员{word}{when}，无需再据此核查。"
    lines = [
        f"比中 #{hit.id}（{strength}）",
        *([warning] if warning else []),
        f"场所：{venue.name}，{venue.address}（{where}）",
        f"姓名：{person.name}",
        f"证件：{doc_label(person.doc_type)} {person.doc_no}",
        f"性别/出生：{person.sex or '未知'} / {full_date(person.birth_date) if person.birth_date else '未知'}",
        f"电话：{person.phone or '未登记'}",
        f"登记时间：{short(record.created_at, zone, ctx.now)}",
        f"在逃人员 {wanted_number(wanted.id)}：{wanted.name}，{wanted.case_summary or '案由未填'}{closed}",
        f"发布单位：{wanted.issuing_unit or '未填'}",
        *([check] if (check := await _check_line(ctx, hit_id)) else []),
        *await _same_person_lines(ctx, hit, record),
        "本次查看已记入审计日志。",
    ]
    task = (await _checks(ctx, [hit_id])).get(hit_id)
    if task is None or task.id is None or not _takes_result(task):
        return [Text("\n".join(lines))]
    pending = await _pending(ctx, hit_id, task.id)
    if pending is None:
        return [Choices("\n".join(lines), result_buttons(hit_id))]
    # The question asked before the card was opened is still the one 确认 answers.
    nonce, note = pending
    lines.insert(-1, f"待确认的核查结果：{note}（点「{_CONFIRM}」记下，点「{_CANCEL}」不记）")
    answers = (
        Button(_CONFIRM, f"/比中 {hit_id} {_CONFIRM} {nonce}"),
        Button(_CANCEL, f"/比中 {hit_id} {_CANCEL} {nonce}"),
    )
    return [Choices("\n".join(lines), answers)]


#: Other hits of the same person this close in time are one case to check.
_SAME_PERSON_WINDOW = timedelta(days=7)


async def _same_person_lines(ctx: Context, hit: WatchHit, record: GuestStay | Tenancy) -> list[str]:
    """The person's other hits within a week, and who else is registered in the room (a
    child in room 201 with the wanted person): what an officer setting out must know."""
    lines = []
    others = await ctx.session.exec(
        select(WatchHit, Venue)
        .join(Venue, col(Venue.id) == col(WatchHit.venue_id))
        .where(
            WatchHit.wanted_id == hit.wanted_id,
            WatchHit.id != hit.id,
            col(WatchHit.created_at) > hit.created_at - _SAME_PERSON_WINDOW,
            col(WatchHit.created_at) < hit.created_at + _SAME_PERSON_WINDOW,
        )
        .order_by(col(WatchHit.id))
    )
    seen = [
        f"#{other.id} {venue.name}" for other, venue in others.all() if await _may_see(ctx, venue)
    ]
    if seen:
        lines.append(f"同一人一周内的其他比中：{'、'.join(seen)}（/比中 编号 查看）")
    if isinstance(record, GuestStay) and record.checked_out_at is None:
        roommates = await ctx.session.exec(
            select(GuestStay).where(
                GuestStay.venue_id == record.venue_id,
                GuestStay.room == record.room,
                GuestStay.id != record.id,
                col(GuestStay.checked_out_at).is_(None),
            )
        )
        shown = [f"{s.name_masked}{officer_note(s)}" for s in roommates.all()]
        if shown:
            lines.append(f"同房间在住：{'、'.join(shown)}")
    return lines
