"""Officers' tasks. Every task, whoever makes it, is created by `create_task`.

Other features call it too: a watchlist hit asks the beat to verify, the visit rule asks for
a visit to each red venue. Generated tasks pass a `key`, so running their rule twice (or on
two replicas) adds one task.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Person, Task, TaskStatus

KIND_LABELS = {
    "inspect": "检查",
    "visit": "走访",
    "follow_up": "跟进",
    "verify": "核查",
    "other": "其他",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


#: Words besides a kind's label that start a task of that kind: 复查消防 is a 检查 (it had
#: been filed under 其他).
KIND_WORDS = {"inspect": ("复查", "排查", "巡查", "抽查")}


def kind_from_words(text: str) -> str:
    """An officer's 「检查 …」「走访 …」 names the kind by its first word."""
    for kind, label in KIND_LABELS.items():
        if text.startswith((label, *KIND_WORDS.get(kind, ()))):
            return kind
    return "other"


class TaskError(ValueError):
    pass


async def create_task(
    session: AsyncSession,
    *,
    officer_id: int | None = None,
    beat_id: int | None = None,
    kind: str,
    subject: str,
    due: date | None,
    source: str,
    now: datetime,
    venue_id: int | None = None,
    key: str | None = None,
    created_by: int | None = None,
) -> Task:
    """A task for one officer (`officer_id`) or for whoever works the beat (`beat_id`).

    With a `key` already used, the existing task is returned and nothing is added.
    """
    if key is not None:
        existing = (await session.exec(select(Task).where(Task.key == key))).first()
        if existing is not None:
            return existing
    if officer_id is not None and beat_id is None:
        officer = await session.get(Person, officer_id)
        if officer is None or officer.beat_id is None:
            raise TaskError(f"officer {officer_id} has no beat")
        beat_id = officer.beat_id
    if beat_id is None:
        raise TaskError("a task needs an officer or a beat")
    task = Task(
        beat_id=beat_id,
        officer_id=officer_id,
        kind=kind,
        subject=subject[:300],
        venue_id=venue_id,
        due=due,
        source=source[:64],
        key=key,
        created_at=now,
        created_by_person_id=created_by,
    )
    session.add(task)
    await session.flush()
    return task


def _mine(person: Person) -> ColumnElement[bool]:
    """Tasks an officer is to do: their own, and their beat's that name nobody."""
    return or_(
        col(Task.officer_id) == person.id,
        and_(col(Task.officer_id).is_(None), col(Task.beat_id) == person.beat_id),
    )


async def open_tasks(
    session: AsyncSession, person: Person, *, due_by: date | None = None, limit: int = 50
) -> Sequence[Task]:
    """Open tasks in due order (undated last); `due_by` keeps those due by that day."""
    query = select(Task).where(Task.status == TaskStatus.OPEN, _mine(person))
    if due_by is not None:
        query = query.where(col(Task.due) <= due_by)
    query = query.order_by(col(Task.due).is_(None), col(Task.due), col(Task.id)).limit(limit)
    return (await session.exec(query)).all()


def may_do(task: Task, person: Person) -> bool:
    """Whether the officer may do `task`: theirs, or their beat's and nobody's."""
    return task.officer_id == person.id or (
        task.officer_id is None and task.beat_id == person.beat_id
    )


async def my_open_task(session: AsyncSession, person: Person, task_id: int) -> Task | None:
    """The open task, if it is one the officer may do."""
    task = await session.get(Task, task_id)
    if task is None or task.status is not TaskStatus.OPEN or not may_do(task, person):
        return None
    return task


async def complete_task(
    session: AsyncSession,
    person: Person,
    task_id: int,
    note: str,
    now: datetime,
    status: TaskStatus = TaskStatus.DONE,
) -> Task | None:
    """Close an open task the officer may do (done, or cancelled with the reason as its
    note); None when there is no such task."""
    task = await my_open_task(session, person, task_id)
    if task is None:
        return None
    task.status = status
    task.done_at = now
    task.done_by_person_id = person.id
    task.done_note = note[:300]
    session.add(task)
    return task


async def close_generated(session: AsyncSession, source: str, now: datetime, note: str) -> int:
    """Close the open tasks a feature made under `source` once their work happened elsewhere
    (the owner resubmitted the rectification the task asked the officer to check)."""
    tasks = (
        await session.exec(
            select(Task).where(Task.source == source, Task.status == TaskStatus.OPEN)
        )
    ).all()
    for task in tasks:
        task.status, task.done_at, task.done_note = TaskStatus.DONE, now, note[:300]
        session.add(task)
    return len(tasks)
