"""Numbered answers to the last buttons a user was shown.

Channels without buttons (WeChat passive replies, say) show `Choices` as numbered lines;
the user then types "2". Forms resolve numbers themselves; for every other question the
last reply's buttons are kept in the user's memo, numbered as the reply shows them (in one
sequence over all its options, `bot.numbering`), and a bare number is read as that button.

A button's title typed out works as the button too, and not only under the last reply: the
buttons of the last few replies that had any are kept as well (`EARLIER`), so that
「孩子也退房」 typed after an FAQ answer came in between still checks the child out. A number
only ever means the buttons still on screen.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.forms.words import CONFIRM_WORDS, SEND_WORDS, bare, is_yes
from bot.messages import Button, Choices, Reply
from bot.numbering import options
from storage import memos

MEMO = "last_choices"
#: How many options the last reply asked to choose among, a form's own too (a form keeps
#: none under `MEMO`): how a reply points back to them (「请先回复序号 1–3」), and whether
#: the next reply without buttons takes them off the screen. In the database, as `MEMO` is:
#: the user's next message may reach another server process, or come after a restart.
ASKED = "asked_options"
#: The buttons of the last few replies that had any, newest first, each with its time.
EARLIER = "earlier_choices"
#: How many replies' buttons a title typed may still name.
EARLIER_SETS = 3
#: An old list of options is not what a number refers to any more.
TTL = timedelta(minutes=30)
#: How long a count of options asked again unchanged (a form's question repeated after a
#: wrong answer) stands without being written anew: a write each time cost a statement
#: and the message's shared read of the memos. Its `TTL` runs from the first of them.
_ASKED_REWRITE = timedelta(minutes=1)
#: A title shorter than this (是, 确认, 取消, 完成) answers whatever was asked last: typed
#: under another reply, it is not taken for a button gone from the screen.
_EARLIER_TITLE = 3
#: Nor is a longer message a button's title: most messages that match no command are
#: sentences, and they are spared the database read of the earlier buttons.
_EARLIER_TITLE_MAX = 20
_NUMBER = re.compile(r"\s*(\d{1,2})\s*[.。、]?\s*")
#: "1. 悦来旅馆": the number some titles carry for channels that show them as lines.
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.。、]\s*")
#: Words that say "go on" to the one button that does (确认发送, 是，发给民警): a form's
#: confirm words, and how people say "send it".
_GO_AHEAD = CONFIRM_WORDS | SEND_WORDS | {"快发", "发出去", "就这样"}
#: Where a title's details begin: 确认发送（4）, 是，发给民警.
_DETAILS = re.compile(r"[（(，,：:]")


#: Kept with the one button a yes answers (`_yes_button`), after its title and value.
_YES_MARK = "yes"
#: A question a yes answers (…转给民警吗？, 是的话请点下面的按钮), not a list to choose from.
_YES_QUESTION = re.compile(r"吗[？?]|是的?话|是请点")
#: The buttons a yes question names as the yes (是的话请点「孩子也退房」).
_YES_NAMES = re.compile(r"是的?话?请?点((?:「[^」]+」(?:或|、)?)+)")
#: A title that says yes (是，租客, 确认发送（4）, 好的), and one that says no (不用了, 取消).
_YES_TITLE = re.compile(r"^(?:是|确认|确定|好|同意|对)(?![否不])")
_NO_TITLE = re.compile(r"^(?:不|否|取消|算了|没有)")


def _yes_button(choices: Choices) -> Button | None:
    """The one button of a yes question that a plain yes (是的, 嗯对, 好的) presses: the one
    its text names as the yes, else its one button that says yes, else its only button
    unless that says no. None for a list (which room), or where the yes is not plain
    (是的话请点「举报」或「报案」)."""
    buttons = choices.buttons
    if not buttons or not _YES_QUESTION.search(choices.text):
        return None
    named = _YES_NAMES.search(choices.text)
    if named is not None:
        labels = re.findall(r"「([^」]+)」", named.group(1))
        found = [b for b in buttons if b.label in labels]
        return found[0] if len(labels) == 1 and len(found) == 1 else None
    saying_yes = [b for b in buttons if _YES_TITLE.match(b.label)]
    if saying_yes:
        return saying_yes[0] if len(saying_yes) == 1 else None
    if len(buttons) == 1 and not _NO_TITLE.match(buttons[0].label):
        return buttons[0]
    return None


#: 好的, OK or 👌 also acknowledge what came since (an alert pushed after the question): they
#: press no yes button, so that an owner's 好的 to a new alert never sends an old question.
_ACKNOWLEDGES = re.compile(r"好|ok|👌|👍|🆗", re.IGNORECASE)

#: A masked name as buttons show it: 李*, 欧***.
_MASKED = re.compile(r"[\u4e00-\u9fff][*]{1,5}")


def _fits(name: str, masked: str) -> bool:
    return len(name) == len(masked) and name[0] == masked[0]


def number_in(text: str) -> int | None:
    match = _NUMBER.fullmatch(text)
    return int(match.group(1)) if match else None


async def resolve(session: AsyncSession, user_key: str, number: int, now: datetime) -> str | None:
    values = [value for _title, value in await _shown(session, user_key, now)]
    return values[number - 1] if 1 <= number <= len(values) else None


def _one(values: list[str]) -> str | None:
    """The value, when all of `values` are one; else None (我见过此人 under three cards:
    which one is not for us to guess)."""
    return values[0] if len(set(values)) == 1 else None


def _loose(title: str) -> str:
    """A title as typed on a phone: 是,房间住客306 for 是，房间住客 306 (half-width marks,
    no spaces)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", title))


async def resolve_title(
    session: AsyncSession, user_key: str, text: str, now: datetime
) -> str | None:
    """The value of the button whose title is `text` ("完成" for a 登记完成 button), or
    whose title begins with it before its details (确认发送 for 确认发送（4）, 是 for
    是，发给民警), or the only title that begins with it (确认 for 确认发送（4））."""
    wanted = _LIST_NUMBER.sub("", text.strip())
    if not wanted:
        return None
    shown = [
        (title, value) for title, value in await _shown(session, user_key, now) if title and value
    ]
    named = [value for title, value in shown if _loose(wanted) == _loose(title)]
    if named:
        return _one(named)
    named = [
        value for title, value in shown if wanted == _DETAILS.split(title, maxsplit=1)[0].strip()
    ]
    if named:
        return _one(named)
    begun = [value for title, value in shown if len(wanted) >= 2 and title.startswith(wanted)]
    if len(begun) == 1:
        return begun[0]
    # 李娜 typed for the button 李* (a masked name, maybe with what tells the guest apart:
    # 李*（女，30多岁，…）): the one title the name fits.
    masked = [(_DETAILS.split(title, maxsplit=1)[0].strip(), value) for title, value in shown]
    fits = [value for name, value in masked if _MASKED.fullmatch(name) and _fits(wanted, name)]
    if len(fits) == 1:
        return fits[0]
    if is_yes(wanted) and not _ACKNOWLEDGES.search(wanted):
        # 是的 or 嗯对 under 要把这段话补充到…吗？是的话请点下面的按钮 had got
        # 请点选上面的选项: a yes to the question presses its one button that says yes.
        agreed = await _agreed(session, user_key, now)
        if len(set(agreed)) == 1:
            return agreed[0]
    if bare(wanted) in _GO_AHEAD:
        # 发吧 to a draft whose one button to go on is 确认发送（4）.
        onward = [value for title, value in shown if title.startswith(("确认", "是"))]
        return onward[0] if len(onward) == 1 else None
    return None


async def resolve_earlier(
    session: AsyncSession, user_key: str, text: str, now: datetime
) -> tuple[str, datetime] | None:
    """The value of the button titled `text` (in whole, or up to its details: 确认发送 for
    确认发送（4）) among the buttons of the last few replies, newest first, with when that
    reply was shown; the reply nearest in time that has the title decides (two buttons of
    it so titled: none). Only whole titles of a few characters: a title begun, a masked
    name or 发吧 answer the buttons on screen (`resolve_title`)."""
    wanted = _loose(_LIST_NUMBER.sub("", text.strip()))
    if not _EARLIER_TITLE <= len(wanted) <= _EARLIER_TITLE_MAX:
        return None
    for at, shown in await _earlier(session, user_key, now):
        named = [
            value
            for title, value in shown
            if title
            and value
            and wanted in (_loose(title), _loose(_DETAILS.split(title, maxsplit=1)[0]))
        ]
        if named:
            value = _one(named)
            return (value, at) if value is not None else None
    return None


async def shown_titles(session: AsyncSession, user_key: str, now: datetime) -> list[str | None]:
    """The titles of the last buttons shown, if they are still fresh (None: not kept)."""
    return [title for title, _value in await _shown(session, user_key, now)]


async def shown_values(session: AsyncSession, user_key: str, now: datetime) -> list[str]:
    """What the last buttons shown send, if they are still fresh."""
    return [value for _title, value in await _shown(session, user_key, now) if value]


async def _shown(
    session: AsyncSession, user_key: str, now: datetime
) -> list[tuple[str | None, str | None]]:
    """(title, value) of the last buttons shown, if still fresh, the first numbered 1; a
    number no option is remembered for is (None, None)."""
    kept = await memos.recall(session, user_key, MEMO, now, TTL)
    if kept is None:
        return []
    # Memos written before titles were kept hold values only: no title to match.
    return [
        (_LIST_NUMBER.sub("", item[0] or ""), item[1]) if isinstance(item, list) else (None, item)
        for item in json.loads(kept)
    ]


async def _agreed(session: AsyncSession, user_key: str, now: datetime) -> list[str]:
    """The values of the last buttons shown that a plain yes presses (`_yes_button`)."""
    kept = await memos.recall(session, user_key, MEMO, now, TTL)
    if kept is None:
        return []
    return [
        item[1]
        for item in json.loads(kept)
        if isinstance(item, list) and len(item) > 2 and item[2] == _YES_MARK and item[1]
    ]


async def remember(
    session: AsyncSession, user_key: str, replies: list[Reply], now: datetime
) -> None:
    """Keep the labels and values of the options in `replies`, under the numbers they are
    shown with, if there are any. A reply whose numbers go on from an earlier one (the rest
    shown after 「更多」) keeps what the earlier numbers meant: they are still on screen."""
    numbered = options(replies)
    if not numbered:
        return
    first = numbered[0][0]
    earlier: list[list[str | None]] = []
    if first > 1:
        earlier = [[title, value] for title, value in await _shown(session, user_key, now)]
        earlier = earlier[: first - 1] + [[None, None]] * (first - 1 - len(earlier))
    shown = earlier + [[button.label, button.value] for _number, button in numbered]
    agreed = {b for r in replies if isinstance(r, Choices) and (b := _yes_button(r)) is not None}
    # The earlier list (`_earlier`) keeps titles and values only.
    marked = [
        [*item, _YES_MARK] if Button(str(item[0]), str(item[1])) in agreed else item
        for item in shown
    ]
    await memos.remember(session, user_key, MEMO, json.dumps(marked, ensure_ascii=False), now)
    kept = [
        {"at": at.isoformat(), "shown": [list(item) for item in items]}
        for at, items in (await _earlier(session, user_key, now))[: EARLIER_SETS - 1]
    ]
    sets = [{"at": now.isoformat(), "shown": shown}, *kept]
    await memos.remember(session, user_key, EARLIER, json.dumps(sets, ensure_ascii=False), now)


async def _earlier(
    session: AsyncSession, user_key: str, now: datetime
) -> list[tuple[datetime, list[tuple[str | None, str | None]]]]:
    """The buttons of the last few replies that had any, newest first, each as (title,
    value) with when it was shown; those older than `TTL` are gone."""
    kept = await memos.recall(session, user_key, EARLIER, now, TTL)
    if kept is None:
        return []
    sets = []
    for entry in json.loads(kept):
        at = datetime.fromisoformat(entry["at"])
        if now - at <= TTL:
            shown = [(_LIST_NUMBER.sub("", t) if t else t, v) for t, v in entry["shown"]]
            sets.append((at, shown))
    return sets


async def shown_at(session: AsyncSession, user_key: str) -> datetime | None:
    """When the last buttons were kept, if any are."""
    return await memos.written_at(session, user_key, MEMO)


@dataclass(frozen=True)
class Asked:
    """What the reply before a message asked, as the message finds it in the database."""

    #: How many options it asked to choose among, while they answer (`TTL`, as a number
    #: does); 0: it asked no choice.
    options: int
    #: Which of `MEMO` and `ASKED` are kept, fresh or not.
    kept: frozenset[str]
    #: When `options` were noted (None: no options).
    at: datetime | None = None


async def asked(session: AsyncSession, user_key: str, now: datetime) -> Asked:
    """Read with the user's other memos, in the one statement later reads of them in the
    message use (`storage.memos.recall`)."""
    found = await memos.recall_written(session, user_key, ASKED, now, TTL)
    kept = await memos.kept(session, user_key) & {MEMO, ASKED}
    if found is None or not found[0].isdigit() or not int(found[0]):
        return Asked(0, kept)
    return Asked(int(found[0]), kept, found[1])


async def forget_shown(session: AsyncSession, user_key: str, asked: Asked) -> None:
    """Retire the last buttons, if any are kept: the user has been answered with something
    else since."""
    if MEMO in asked.kept:
        await memos.forget(session, user_key, MEMO)


async def note_asked(
    session: AsyncSession, user_key: str, replies: list[Reply], asked: Asked, now: datetime
) -> None:
    """Keep how many options `replies` ask to choose among, or that they ask none (`asked`:
    what the message found at its start)."""
    # The highest number shown: 「回复序号 1–3」 for three cards of one option each.
    count = max((number for number, _button in options(replies)), default=0)
    kept = ASKED in asked.kept
    if count == asked.options and asked.at is not None and now - asked.at < _ASKED_REWRITE:
        return  # the same count, noted a moment ago
    if count:
        await memos.put(session, user_key, ASKED, str(count), now, kept=kept)
    elif kept:
        await memos.drop(session, user_key, ASKED)
