"""What an officer writes to send items of a self-inspection back (`/审核 N 整改 …`, or the
words after the 整改 button): which items, each one's note, and by when.

第2项 更换灭火器 第6项 烟感换电池 7天 · 整改 灭火器 周三前换新 · 1 2 4项 补拍照片 ·
灭火器换新的 电动车不许进楼道 电线补拍一张 一周内 (three items, one deadline)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType

from bot.forms.clock import example_day
from bot.validators import Invalid
from bot.validators.dates import parse_date
from bot.validators.numerals import arabize
from handlers.inspection.clauses import BREAK, about
from storage.models import InspectionItem


def usage(today: date) -> str:
    """How /审核 is written, its example deadline a date after `today`."""
    return (
        "用法：/审核 编号 查看；/审核 编号 通过；/审核 编号 整改 第3项（或项目名，如 灭火器）"
        f"说明 期限（期限如 {example_day(today, 7)} 或 7天，可省略）。"
    )


#: 第3项, or several sent back with one note: 第3、5项, 第3项和第5项, 3,5.
_ITEM = re.compile(r"第?\d{1,2}项?(?:[、,，和]第?\d{1,2}项?)*")
#: 第6项 or 6项 further on in the words: another item with its own note.
_NEXT_ITEM = re.compile(r"第\d{1,2}项?|\d{1,2}项")
#: 3天, 一周内, 两个星期: days, or weeks of them.
_IN_DAYS = re.compile(r"(\d{1,3})(天|周|个?星期|个?礼拜)(?:内)?")
#: A deadline said inside the note (灭火器过期，三天内更换; 12月5日前清理完): the owner is
#: told that one, not a default date beside words naming another.
_DAYS_IN_NOTE = re.compile(r"(\d{1,3})(天|周|个?星期|个?礼拜)(?:之内|以内|内)")
_DATE_IN_NOTE = re.compile(
    r"(\d{1,2}月\d{1,2}[日号]?|(?:下下|下|本|这)?(?:周|星期|礼拜)[1-7日天]|大后天|后天|明天)"
    r"(?:之前|以前|前)"
)
#: What may follow a deadline and say no more than it: 下周一前整改完, 月底前完成 (3天内换好
#: says what to do, and is a note).
_DONE = r"(?:就|要|必须)?(?:整改|改正|改|处理|执行)?(?:完成|完毕|完|好|到位)?了?"
_DUE_END = re.compile(rf"(?:之前|以前|前|之内|以内|内){_DONE}$")
#: 马上, 立即, 今晚: a deadline of today. The owner had been given a week for 网管不能住店里
#: 马上, having been told at the submission 今晚起请不要在店内住人.
_ADVERB = r"马上|立即|立刻|立马|即刻|当即"
_TODAY = r"今天|今日|今晚|当天|当日"
_AT_ONCE = rf"(?:{_ADVERB}|(?:{_TODAY})(?:之内|以内|内|之前|以前|前|起|开始)?){_DONE}"
_SEP = r"[\s，,；;。！!]"
#: Said as a word of its own, first or last, it is the deadline and no words of the note:
#: 马上 / 网管不能住店里，立即 / 立即停止在店内住人 / 今晚起不能住人. Inside the note
#: (网管今天必须搬出去) it is the deadline too, and stays in the words.
_AT_ONCE_WORD = re.compile(_AT_ONCE)
_AT_ONCE_HEAD = re.compile(rf"^(?:{_AT_ONCE}{_SEP}+|(?:{_ADVERB}|(?:{_TODAY})(?:起|开始))(?=\S))")
_AT_ONCE_TAIL = re.compile(rf"(?:{_SEP}+{_AT_ONCE}|(?:{_ADVERB}){_DONE}){_SEP}*$")
#: Inside, 今天 is a deadline only said as one (今天必须, 今晚前): 今天检查发现 is not.
_AT_ONCE_IN = re.compile(
    rf"{_ADVERB}|(?:{_TODAY})(?:之内|以内|内|之前|以前|前|起|开始|就|必须|务必|要)"
)
#: What may stand after a deadline said in the note for it to be the note's last words.
_DONE_ONLY = re.compile(rf"{_DONE}{_SEP}*")
#: No words of the checklist beyond the items' own (their names, questions and notes).
NO_GLOSSARY: Mapping[str, str] = MappingProxyType({})
#: One line sent back: the items, their note and deadline.
Asked = tuple[list[InspectionItem], str, date]


def _span(said: re.Match[str]) -> timedelta:
    """3天 or 一周 (arabized), as the time it gives."""
    count = int(said[1])
    return timedelta(days=count if said[2] == "天" else 7 * count)


#: A deadline read from a note: the day (None: none said), the words left of the note, and
#: whether it was said last (a deadline said last is also that of the items named with none).
Deadline = tuple[date | None, list[str], bool]


def _deadline(words: list[str], today: date) -> Deadline:
    """The deadline at the end of the officer's words (a date, N天, 马上), or said in them
    (三天内更换, 网管今晚必须搬走); None when they name none."""
    if words:
        # 12月5日前, 3天内, 下周一前整改完: how officers write a deadline.
        last = _DUE_END.sub("", arabize(words[-1]))
        days = _IN_DAYS.fullmatch(last)
        if days:
            return today + _span(days), words[:-1], True
        if _AT_ONCE_WORD.fullmatch(words[-1]):
            return today, words[:-1], True
        try:
            return parse_date(last, today=today), words[:-1], True
        except Invalid:
            pass
    note = " ".join(words)
    if (tail := _AT_ONCE_TAIL.search(note)) is not None:
        return today, note[: tail.start()].split(), True
    if (head := _AT_ONCE_HEAD.match(note)) is not None:
        return today, note[head.end() :].split(), False
    said = arabize(note)
    if days := _DAYS_IN_NOTE.search(said):
        return today + _span(days), words, _said_last(said, days)
    if (day := _DATE_IN_NOTE.search(said)) is not None:
        try:
            return parse_date(day[1], today=today), words, _said_last(said, day)
        except Invalid:
            pass
    if _AT_ONCE_IN.search(note):
        return today, words, False
    return None, words, False


def _said_last(said: str, deadline: re.Match[str]) -> bool:
    """Whether `deadline` ends the note (实名上网要一人一证下周一前整改完)."""
    return _DONE_ONLY.fullmatch(said, deadline.end()) is not None


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


#: Pieces of items' names that are words of any note (安全隐患, 充电器): no item's name.
_NOT_NAMES = frozenset({"安全", "充电", "报警", "设施", "无人", "用火", "用气", "人员"})


def _shortened(part: str, name: str) -> bool:
    """Whether `part` is `name` said short: a piece of it (出口, 电动车) or its characters in
    order from its first (电线 for 电气线路)."""
    if part in _NOT_NAMES:
        return False
    if part in name:
        return True
    if part[0] != name[0]:
        return False
    left = iter(name)
    return all(char in left for char in part)


def _item_by_name(word: str, rows: dict[int, InspectionItem]) -> tuple[int, list[str]] | None:
    """The item a word names, and the words it stands for: 灭火器过期 names 第2项 with the
    note 过期; 出口 or 电动车不许进楼道 name an item by a clear part of its name (the word
    is then the note, if more than that part); None when it names none, or several."""
    starts = [r for r in rows.values() if word.startswith(r.name)]
    if starts:
        row = max(starts, key=lambda r: len(r.name))
        rest = word[len(row.name) :].lstrip("：:，,")
        return row.position, [f"第{row.position}项", *([rest] if rest else [])]
    for end in range(len(word), 1, -1):
        parts = [r for r in rows.values() if _shortened(word[:end], r.name)]
        if len(parts) == 1:
            position = parts[0].position
            return position, [f"第{position}项", *([word] if end < len(word) else [])]
        if parts:
            return None  # several items share it
    return None


def _item_by_words(
    word: str, rows: dict[int, InspectionItem], glossary: Mapping[str, str]
) -> tuple[int, list[str]] | None:
    """The item a word is about by what it says (网管不能住店里: 无人住宿), the word its note."""
    position = about(word, rows, glossary)
    return None if position is None else (position, [f"第{position}项", word])


def _pieces(words: list[str]) -> list[tuple[str, str]]:
    """Each word's clauses, with what joined each to the one before it in the word ("" for
    the first): a clause may be another item's (灭火器3天内换好，网管不能住店里)."""
    pieces: list[tuple[str, str]] = []
    for word in words:
        glue = ""
        for at, part in enumerate(re.split(f"({BREAK.pattern})", word)):
            if at % 2:  # the punctuation between two clauses
                glue = part
            elif part:
                pieces.append((part, glue))
    return pieces


def _names_as_items(
    words: list[str], rows: dict[int, InspectionItem], glossary: Mapping[str, str]
) -> list[str]:
    """整改 灭火器 周三前换新 as 整改 第2项 周三前换新: the items named by name (the usage had
    been the answer). Further on, a word or a clause naming another item, or about it,
    once this one has its note starts that item's note: 灭火器换新的 电动车不许进楼道 电线补拍
    一张 is three items, each with its own note (the whole had been item 2's, and items 3
    and 4 never sent back), and so is 灭火器3天内换好，网管不能住店里，实名上网要一人一证."""
    said: list[str] = []
    current: set[int] = set()
    noted = False
    pieces = _pieces(words)
    for at, (word, glue) in enumerate(pieces):
        head = _item_head(arabize(word), first=not noted)
        if head is not None:  # 第3项 written out (1 2 4项: a list, while no note follows)
            positions = {int(n) for n in re.findall(r"\d+", head.group())}
            current = positions if noted else current | positions
            noted = head.end() < len(arabize(word))
            said.append(word)
            continue
        named = _item_by_name(word, rows) or _item_by_words(word, rows, glossary)
        if named is not None and named[0] not in current:
            position, stands_for = named
            if not current or noted:  # the first item, or the next one
                current, noted = {position}, len(stands_for) > 1
                said.extend(stands_for)
                continue
            if len(stands_for) == 1:  # 电动车 出口 都要整改: one more item for one note
                current.add(position)
                said.extend(stands_for)
                continue
        if not current:
            # No item named first: read as it is (the usage).
            return [*said, *_rejoined(pieces[at:])]
        noted = True
        if glue and said:
            said[-1] += glue + word  # 灭火器过期，三天内更换: one note, as written
        else:
            said.append(word)
    return said


def _rejoined(pieces: list[tuple[str, str]]) -> list[str]:
    words: list[str] = []
    for piece, glue in pieces:
        if glue and words:
            words[-1] += glue + piece
        else:
            words.append(piece)
    return words


def names_an_item(
    words: list[str], rows: dict[int, InspectionItem], glossary: Mapping[str, str] = NO_GLOSSARY
) -> bool:
    """Whether `words` start with an item (第2项, 2, 灭火器, 网管不能住店里): what the officer
    sends back."""
    return _segments(_names_as_items(words, rows, glossary)) is not None


def read_request(
    words: list[str],
    rows: dict[int, InspectionItem],
    today: date,
    fix_days: int,
    number: int | None,
    glossary: Mapping[str, str] = NO_GLOSSARY,
) -> list[Asked] | str:
    """The items `words` send back, each with its note and deadline (`fix_days` on when
    none is written); what is wrong with them otherwise. `number`: the inspection's;
    `glossary`: what the checklist says of each item (see `clauses.glossary`)."""
    segments = _segments(_names_as_items(words, rows, glossary))
    if segments is None:
        return usage(today)
    missing = next((p for positions, _ in segments for p in positions if p not in rows), None)
    if missing is not None:
        return f"自查 #{number} 没有第{missing}项。发送「/审核 {number}」查看。"
    said = [_deadline(note_words, today) for _, note_words in segments]
    # 第2项 … 第6项 … 7天: a deadline written once, at the end, is that of every item named
    # with none of its own (灭火器3天内换好，网管不能住店里 … 下周一前整改完).
    last, _, at_end = said[-1]
    default = last if last is not None and at_end else today + timedelta(days=fix_days)
    asked: list[Asked] = []
    for (positions, _), (deadline, note_words, _) in zip(segments, said, strict=True):
        note = " ".join(note_words).strip()
        if not note:
            return (
                "请写明需要整改的内容，如：/审核 12 整改 第3项 安全出口堆放杂物 "
                f"{example_day(today, 7)}"
            )
        when = deadline or default
        if when < today:
            return "整改期限不能早于今天，请重新输入。"
        asked.append(([rows[p] for p in dict.fromkeys(positions)], note[:300], when))
    return asked


def read_lines(
    lines: list[str],
    rows: dict[int, InspectionItem],
    today: date,
    fix_days: int,
    number: int | None,
    glossary: Mapping[str, str] = NO_GLOSSARY,
) -> list[Asked] | str:
    """The items of lines sent one after another (after the 整改 button), each read as it
    was sent, with its own deadline or the default; an item named again takes its later
    note and deadline."""
    merged: list[Asked] = []
    for line in lines:
        read = read_request(line.split(), rows, today, fix_days, number, glossary)
        if isinstance(read, str):
            return read
        for group, note, when in read:
            again = {item.position for item in group}
            merged = [
                ([i for i in g if i.position not in again], n, w)
                for g, n, w in merged
                if any(i.position not in again for i in g)
            ]
            merged.append((group, note, when))
    return merged
