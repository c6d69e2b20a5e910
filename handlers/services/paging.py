"""Officer lists in chat, a page at a time: `/报案` is page 1, `/报案 2` page 2. A list whose
bare number opens a record (`/线索 12` is tip 12) names its pages otherwise (`/线索 第2页`):
it passes how to ask for page n instead of its command."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from bot.messages import Button

T = TypeVar("T")
PAGE_SIZE = 10


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    number: int
    pages: int
    total: int

    def footer(self, command: str | Callable[[int], str]) -> str:
        if self.pages <= 1:
            return ""
        more = f"发送「{self._asking(command)}」看下一页。" if self.number < self.pages else ""
        return f"第{self.number}/{self.pages}页，共{self.total}条。{more}"

    def next_button(self, command: str | Callable[[int], str]) -> tuple[Button, ...]:
        if self.number < self.pages:
            return (Button("下一页", self._asking(command)),)
        return ()

    def _asking(self, command: str | Callable[[int], str]) -> str:
        """The message that asks for the next page."""
        following = self.number + 1
        return command(following) if callable(command) else f"{command} {following}"


def page_number(arg: str) -> int | None:
    """The page an argument asks for: empty is 1, digits are a page, anything else None."""
    arg = arg.strip()
    if not arg:
        return 1
    if arg.isascii() and arg.isdigit() and 0 < int(arg) < 10_000:
        return int(arg)
    return None


async def fetch_page(
    session: AsyncSession, query: SelectOfScalar[Any], number: int, size: int = PAGE_SIZE
) -> Page[Any]:
    """One page of an ordered query; past the last page shows the last page."""
    total = (
        await session.exec(select(func.count()).select_from(query.order_by(None).subquery()))
    ).one()
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    items = (await session.exec(query.offset((number - 1) * size).limit(size))).all()
    return Page(items, number, pages, total)
