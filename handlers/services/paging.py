"""Officer lists in chat, a page at a time: `/报案` is page 1, `/报案 2` page 2. A list whose
bare number opens a record (`/线索 12` is tip 12) names its pages otherwise (`/线索 第2页`):
it passes how to ask for page n instead of its command."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select, SelectOfScalar

from bot.messages import Button
from bot.validators.normalize import fold
from bot.validators.numerals import arabize

T = TypeVar("T")
PAGE_SIZE = 10
#: `第2页` (also 第 2 页, 第二页): a page of a list whose bare number is a record.
_NAMED_PAGE = re.compile(r"第\s*(\d{1,4})\s*页")


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


def named_page(arg: str) -> int | None:
    """The page an argument asks for, in a list whose bare number opens a record: nothing
    is page 1, 「第2页」 page 2, anything else None."""
    cleaned = arabize(fold(arg)).strip()
    if not cleaned:
        return 1
    found = _NAMED_PAGE.fullmatch(cleaned)
    return int(found[1]) if found and int(found[1]) > 0 else None


async def fetch_page(
    session: AsyncSession,
    query: SelectOfScalar[Any] | Select[*tuple[Any, ...]],
    number: int,
    size: int = PAGE_SIZE,
) -> Page[Any]:
    """One page of an ordered query (of rows or of single objects); past the last page
    shows the last page."""
    total = (
        await session.exec(select(func.count()).select_from(query.order_by(None).subquery()))
    ).one()
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    items = (await session.exec(query.offset((number - 1) * size).limit(size))).all()
    return Page(items, number, pages, total)
