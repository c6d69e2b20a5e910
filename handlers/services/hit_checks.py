"""What checking a watchlist hit found: each hit asks the beat to verify it with a task
keyed `hit:N` (see `handlers.services.watchlist`), which the officer closes with
`/完成 任务号 核查结果`.

A result that rules the registered person out — 已核实，非本人; 重名; 误报 — makes the hit a
false one. It stays on record, but it says nothing about the venue, so the risk rules leave it
out. The result is read from the officer's own words: a check task has no other field for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.messages import Button
from storage.models import (
    GuestStay,
    HitStrength,
    Task,
    TaskStatus,
    Tenancy,
    WantedStatus,
    WatchHit,
)
from storage.voided import INCLUDE_VOIDED

KEY_PREFIX = "hit:"
#: What a hit matched, in the words a list of hits shows (not the internal 强/弱比中).
MATCHED = {HitStrength.STRONG: "证件号码一致", HitStrength.WEAK: "姓名与出生日期一致"}
#: A hit of a card closed since is nothing to check: what a list of hits says instead.
CARD_CLOSED = {WantedStatus.CAPTURED: "对象已抓获", WantedStatus.REVOKED: "通缉已撤销"}

#: Words that say the person registered is not the one wanted.
_RULED_OUT = re.compile(
    r"(?:非|不是|并非|并不是|不为)(?:同一个?人|本人|此人|该人|其本人|在逃人员|逃犯|嫌疑人)"
    r"|误报|误比中?|误中|已排除|排除嫌疑|重名|同名同姓|同号不同人|不同人"
)
#: …unless the officer is not sure yet (疑似非本人, 无法确认是否本人, 待进一步核实).
_UNSURE = re.compile(r"疑似|可能|不确定|无法|不能|未能|尚未|有待|待核|待查|待确|是否|还需|需进一步")
#: …or the words are there only to be denied (不是误报，已移交; 非重名; 未排除嫌疑): the hit
#: was a real one, and counting it is the safe side.
_DENIED = re.compile(
    r"(?:非|不是|并非|并不是|没有?|未|无)(?:误报|误比中?|误中|重名|同名同姓|不同人)"
    r"|(?:未|没有?|不能|无法|尚未)排除"
)


def check_key(hit_id: int) -> str:
    return f"{KEY_PREFIX}{hit_id}"


def hit_of(key: str | None) -> int | None:
    """The hit a check task is for, from its key; None for another task."""
    if key and key.startswith(KEY_PREFIX) and key[len(KEY_PREFIX) :].isdigit():
        return int(key[len(KEY_PREFIX) :])
    return None


#: Verbs that say the person is in police hands (抓获, 人已带回, 刑拘): the words both a
#: check's result (`_CONFIRMED`: the hit was a real one) and an officer's sentence
#: (`handlers.wanted.caught_said`: the card's person is caught now) build on, each with
#: its own guards and words of its own beside them.
CAPTURE_VERBS = ("抓获", "抓到", "抓住", "带回", "到案", "归案", "落网", "缉获", "刑拘")
#: `CAPTURE_VERBS` as one regular-expression alternation, without a group.
CAPTURED = "|".join(CAPTURE_VERBS)

#: Words that say the hit was a real one (系本人, 已抓获, 人已带回, 证件系冒用); what was
#: not done (人未抓获, 尚未归案, 控制不了) says nothing of who the person was. Handed over
#: (移交) or under control (控制) say it too, where a card is marked caught only on words
#: of custody.
_CONFIRMED = re.compile(
    r"(?<![非不])(?:是|系|为|确系|确为|就是)(?:本人|此人|该人|在逃人员|逃犯)"
    rf"|(?<![未没不])(?<!没有)(?:{CAPTURED}|移交|控制)(?!不)"
    r"|拘留|羁押|伪造|冒用"
)

#: The results a check's buttons offer, by label. A tap records `结果；您写的内容`: the
#: result is read from its own words, not from the note after it (人不在，无法联系 had
#: made a tapped 非本人 an unsure one, and the hit counted against the venue).
VERDICTS = (("非本人", "已核实，非本人"), ("是本人", "已核实，系本人"), ("已抓获", "已抓获"))
VERDICT_MARK = "；"


def with_verdict(verdict: str, note: str) -> str:
    return f"{verdict}{VERDICT_MARK}{note}" if note else verdict


def split_verdict(note: str) -> tuple[str, str]:
    """(verdict, the officer's remark) of a tapped result; a typed one is all verdict."""
    head, mark, rest = note.partition(VERDICT_MARK)
    if mark and any(head == verdict for _label, verdict in VERDICTS):
        return head, rest.strip()
    return note, ""


def _judged(note: str) -> str:
    """The words a result is judged by: a button's verdict alone when it leads the note."""
    return split_verdict(note)[0]


def says_verdict(note: str) -> bool:
    """Whether a check's result says which it was, someone else or the one wanted: 去过了
    or 已核实 alone says neither, nor does 无法确认是否为本人, and closing on it had counted
    the hit against the venue without the officer having said so."""
    said = _judged(note)
    if _UNSURE.search(said):
        return False
    return bool(_RULED_OUT.search(said) or _CONFIRMED.search(said) or _DENIED.search(said))


def rules_out(note: str) -> bool:
    """Whether a check's result says the person is not the one wanted."""
    said = _judged(note)
    return bool(_RULED_OUT.search(said)) and not _UNSURE.search(said) and not _DENIED.search(said)


def result_buttons(hit_id: int) -> tuple[Button, ...]:
    """The usual results of a hit's check (another is typed after /完成 N). A tap asks to
    confirm (`/比中 N 结果`) before anything is recorded: one mis-tap on 非本人 had closed
    the check at once and lowered the venue's colour, with no way back."""
    return (
        Button("非本人", f"/比中 {hit_id} 已核实，非本人"),
        Button("已抓获", f"/比中 {hit_id} 已抓获"),
    )


def lacks_result(task: Task) -> bool:
    """A check closed as done with nothing written of what was found: the result may still
    be added."""
    return task.status is TaskStatus.DONE and not task.done_note.strip()


def is_false_hit(task: Task) -> bool:
    return task.status is TaskStatus.DONE and rules_out(task.done_note)


async def _done_checks(session: AsyncSession, hit_ids: Sequence[int]) -> list[Task]:
    if not hit_ids:
        return []
    tasks = await session.exec(
        select(Task).where(
            col(Task.key).in_([check_key(n) for n in hit_ids]),
            Task.status == TaskStatus.DONE,
        )
    )
    return list(tasks.all())


async def checked_hits(session: AsyncSession, hit_ids: Sequence[int]) -> tuple[set[int], set[int]]:
    """Those of `hit_ids` whose check is done: (found someone else, dealt with). A hit dealt
    with (证件系伪造，人已带回) was a real one, registered as the venue should."""
    ruled_out: set[int] = set()
    dealt_with: set[int] = set()
    for task in await _done_checks(session, hit_ids):
        n = hit_of(task.key)
        if n is not None:
            (ruled_out if is_false_hit(task) else dealt_with).add(n)
    return ruled_out, dealt_with


async def _registered(session: AsyncSession, hit: WatchHit) -> GuestStay | Tenancy | None:
    if hit.registration_kind == "guest":
        # A stay voided and registered again is still the person's.
        options = {INCLUDE_VOIDED: True}
        return await session.get(GuestStay, hit.registration_id, execution_options=options)
    return await session.get(Tenancy, hit.registration_id)


async def same_person_checks(session: AsyncSession, hit: WatchHit) -> list[tuple[WatchHit, Task]]:
    """The open checks of `hit` and of the other hits of its card on the same registered
    person (the same document number and name: one guest registered again, at another place
    or after a check-out), oldest hit first. They are one case: a verdict on one is the
    verdict on all, and asking it once per hit had the officer answer it twice. A
    registration of the same number under another name is another person to check."""
    record = await _registered(session, hit)
    if record is None or record.doc_no_idx is None:
        return []
    hits = (
        await session.exec(
            select(WatchHit).where(WatchHit.wanted_id == hit.wanted_id).order_by(col(WatchHit.id))
        )
    ).all()
    keys = {check_key(h.id): h for h in hits if h.id is not None}
    tasks = await session.exec(
        select(Task).where(col(Task.key).in_(list(keys)), Task.status == TaskStatus.OPEN)
    )
    found = []
    for task in tasks.all():
        other = keys[task.key or ""]
        registered = record if other.id == hit.id else await _registered(session, other)
        if (
            registered is not None
            and registered.doc_no_idx == record.doc_no_idx
            and registered.name_idx == record.name_idx
        ):
            found.append((other, task))
    return sorted(found, key=lambda pair: pair[0].id or 0)
