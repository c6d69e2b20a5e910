"""An officer saying in their own words that a hit's person was someone else (核实了 那个
王强不是本人 名字都对不上): the open check of that person's hit, offered to be closed as
非本人 with one tap. It had got 没有理解, and the hit stayed open.

The person is found by the blind index of the name said, never by decrypting the
registrations; the tap is `/完成 任务号 已核实，非本人；…`, what the card's button records.
"""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, Choices, Reply
from handlers.services.hit_checks import (
    KEY_PREFIX,
    VERDICTS,
    hit_of,
    rules_out,
    same_person_checks,
    with_verdict,
)
from handlers.services.personal import NAME
from handlers.services.scope import restrict, station_beats
from storage.models import GuestStay, Task, TaskStatus, Tenancy, Venue, WatchHit

#: The verdict a tap records: the card's 非本人 button's words.
_FALSE = dict(VERDICTS)["非本人"]
#: Names as officers say them: two to four characters (王强, 欧阳小明).
_NAME_LENGTHS = (2, 3, 4)
_CLAUSES = re.compile(r"[\s，,。.、！!；;：:]+")
#: Clauses that only say the check was done (核实了, 已经去看过了): no remark of their own.
_ONLY_DONE = re.compile(r"^(?:已经?|都)?(?:核实|核查|查|看|去|问)(?:过|完|清楚)?了?(?:过了)?$")


async def ruled_out_offer(ctx: Context, text: str) -> list[Reply] | None:
    """The offer to close the open check of the hit on the person `text` names as not the
    one wanted; None when it says no such thing or names no such person."""
    if not rules_out(text):
        return None
    found = await _open_hits_named(ctx, text)
    if not found:
        return None
    # The same person's other hits are closed with the first (`/完成` settles them
    # together): one line and one button for them all.
    together: dict[int | None, list[int | None]] = {}
    for hit, *_rest in found:
        if all(hit.id not in others for others in together.values()):
            checks = await same_person_checks(ctx.session, hit)
            together[hit.id] = [other.id for other, _check in checks if other.id != hit.id]
    found = [entry for entry in found if entry[0].id in together]
    lines, buttons = [], []
    for hit, task, venue, masked, said in found:
        remark = _remark(text, said)
        note = with_verdict(_FALSE, remark)
        others = "、".join(f"#{n}" for n in together[hit.id])
        lines.append(
            f"比中 #{hit.id}（{venue.name}，{masked}）：记为「{_FALSE}」"
            + (f"（备注：{remark}）" if remark else "")
            + (f"，同一人的比中 {others} 一并记下" if others else "")
        )
        label = "确认非本人" if len(found) == 1 else f"#{hit.id} 非本人"
        buttons.append(Button(label, f"/完成 {task.id} {note}"))
        buttons.append(Button(f"查看比中 #{hit.id}", f"/比中 {hit.id}"))
    lines.append(f"点「{buttons[0].label}」记入核查任务并完成，该比中不再计入场所风险。")
    return [Choices("\n".join(lines), tuple(buttons))]


async def _open_hits_named(ctx: Context, text: str) -> list[tuple[WatchHit, Task, Venue, str, str]]:
    """(hit, its open check, venue, masked name, the name as said) of each hit in the
    officer's station whose check is open and whose registered person `text` names."""
    tasks = await ctx.session.exec(
        select(Task).where(col(Task.key).startswith(KEY_PREFIX), Task.status == TaskStatus.OPEN)
    )
    checks = {n: task for task in tasks.all() if (n := hit_of(task.key)) is not None}
    if not checks:
        return []
    scope = await station_beats(ctx.session, ctx.person)
    rows = await ctx.session.exec(
        restrict(
            select(WatchHit, Venue)
            .join(Venue, col(Venue.id) == col(WatchHit.venue_id))
            .where(col(WatchHit.id).in_(sorted(checks)))
            .order_by(col(WatchHit.id)),
            scope,
        )
    )
    said = _said_names(ctx, text)
    found = []
    for hit, venue in rows.all():
        assert hit.id is not None
        table = GuestStay if hit.registration_kind == "guest" else Tenancy
        record = await ctx.session.get(table, hit.registration_id)
        if record is not None and record.name_idx in said:
            found.append((hit, checks[hit.id], venue, record.name_masked, said[record.name_idx]))
    return found


def _said_names(ctx: Context, text: str) -> dict[str, str]:
    """Blind index -> the words of `text` that could be a name (runs of Chinese
    characters two to four long)."""
    said: dict[str, str] = {}
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        for size in _NAME_LENGTHS:
            for start in range(len(run) - size + 1):
                words = run[start : start + size]
                said.setdefault(ctx.services.blind_index(words, NAME), words)
    return said


def _remark(text: str, name: str) -> str:
    """What the officer said beside the verdict (名字都对不上), without the name: the
    verdict's clause and those that only say the check was made are left out."""
    kept = [
        clause
        for clause in _CLAUSES.split(text)
        if clause and name not in clause and not rules_out(clause) and not _ONLY_DONE.match(clause)
    ]
    return "，".join(kept)
