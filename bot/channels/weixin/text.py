"""Replies as plain text, in pieces the platforms accept.

Text messages are capped at 2048 bytes of UTF-8 on every WeChat-family API, and every message
sent counts against a small allowance, so consecutive texts are merged into as few messages as
fit and only an over-long one is split (at line ends where possible).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from bot.messages import Choices, Image, Link, Recall, Reply, Text, numbered_options
from bot.numbering import last_options, numbered

MAX_TEXT_BYTES = 2000

#: A tap, not the 点 of 地点「和平路」 or 晚上8点「巡逻」.
_TAP = r"(?<![地重要焦观特景站据网终起原\d一二三四五六七八九十几两])(?:点击|点)"
#: A tap on a button that another message carries (a reminder's, an alert's): read so
#: wherever it is, for the reply that says it carries no such button (the bind's 「民警的
#: 通报会发到这里，阅后请点通报下的「收到」确认」). An alert's 收到 is answered by the word
#: itself, as its numbered lines say (`handlers.broadcast.acks`).
_ELSEWHERE = tuple(
    (re.compile(pattern), said)
    for pattern, said in (
        (r"点提醒里的「([^」]*)」按钮", r"回复提醒里「\1」的序号"),
        (r"点通报下的「([^」]*)」", r"回复「\1」"),
    )
)
#: How handlers, written for buttons, say to tap one, and what it reads as where buttons are
#: numbered lines: these platforms show no button to tap. Only the bot's own fixed sayings,
#: and only in a reply that carries buttons: an officer's alert or a user's words are never
#: read this way (集合点「城东广场」 stays). In order: the longer sayings first
#: (点「收到」或回复「收到」 is said once).
_TAPS = tuple(
    (re.compile(pattern), said)
    for pattern, said in (
        (r"点「([^」]*)」或回复「\1」", r"回复「\1」"),
        (r"(?:点选上面的选项|点选)（或回复序号 ?([^）]*)）", r"回复序号 \1"),
        (r"点选上面的选项", "回复上面选项的序号"),
        (r"点选前", "选择前"),
        (r"点选", "回复序号选择"),
        (r"点一项查看", "回复序号查看"),
        (_TAP + r"下面的按钮", "回复下面的序号"),
        (_TAP + r"对应的按钮", "回复对应的序号"),
        (_TAP + r"按钮", "回复序号"),
        # Record numbers (#2) and option numbers (2.) differ: the option's number is meant.
        (_TAP + r"编号", "回复序号"),
        (_TAP + r"下面的场所", "回复下面场所的序号"),
        (_TAP + r"场所", "回复场所的序号"),
    )
)
#: 点「撤销退房」, 点下面的「孩子也退房」: read as 回复「…」 only when a button says so.
_QUOTED = re.compile(_TAP + r"(?:下面的)?「([^」]*)」")


def titles_of(replies: Iterable[Reply]) -> frozenset[str]:
    """What the buttons of `replies` say and send back."""
    return frozenset(
        said
        for reply in replies
        if isinstance(reply, Choices)
        for button in reply.buttons
        for said in (button.label, button.value)
    )


def _carried(quoted: str, titles: frozenset[str]) -> bool:
    """Whether a button says `quoted`: as its title or what it sends, or as the last word
    of its title (a reminder's 「101 张* 已退房」 for 点「已退房」)."""
    return bool(quoted) and any(t == quoted or t.endswith(" " + quoted) for t in titles)


def untapped(text: str, titles: frozenset[str] = frozenset()) -> str:
    """`text` as said where buttons are numbered lines, in a reply whose buttons say
    `titles`: 点「收到」 → 回复「收到」 (when a button says 收到), 点下面的按钮 → 回复下面的
    序号. Without buttons, only the taps of another message's button are read anew
    (点提醒里的「仍在住」按钮, 点通报下的「收到」)."""
    if "点" not in text:
        return text
    for pattern, said in _ELSEWHERE:
        text = pattern.sub(said, text)
    if not titles:
        return text
    for pattern, said in _TAPS:
        text = pattern.sub(said, text)
    return _QUOTED.sub(lambda m: f"回复「{m[1]}」" if _carried(m[1], titles) else m[0], text)


def untapped_replies(replies: list[Reply]) -> list[Reply]:
    """`replies` with their texts, questions and captions read as where buttons are
    numbered lines (`untapped`), by the buttons the whole reply carries. Said twice, the
    same: nothing read anew says 点."""
    titles = titles_of(replies)
    out: list[Reply] = []
    for reply in replies:
        match reply:
            case Text(text):
                out.append(Text(untapped(text, titles)))
            case Choices():
                out.append(replace(reply, text=untapped(reply.text, titles)))
            case Image():
                out.append(replace(reply, caption=untapped(reply.caption, titles)))
            case _:
                out.append(reply)
    return out


def as_text(reply: Reply, *, hint: bool = True) -> str:
    """How a reply reads where only text can be shown; `hint`: options end with how to
    answer them. The taps of a whole reply are read anew first (`untapped_replies`); a
    question on its own is read by its own buttons."""
    match reply:
        case Text(text):
            return text
        case Choices():
            said = untapped(reply.text, titles_of([reply]))
            return numbered_options(replace(reply, text=said), hint=hint)
        case Link(title, url, description, _image):
            return "\n".join(part for part in (title, description, url) if part)
        case Image(_sha, caption, _mime):
            return caption
    raise TypeError(f"not a reply: {reply!r}")


def _size(text: str) -> int:
    return len(text.encode())


def _split(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while _size(line) > limit:  # one enormous line: cut by characters
            cut = len(line)
            while _size(line[:cut]) > limit:
                cut = cut * 3 // 4
            pieces.extend([current, line[:cut]] if current else [line[:cut]])
            current, line = "", line[cut:]
        if _size(current + line) > limit:
            pieces.append(current)
            current = ""
        current += line
    if current:
        pieces.append(current)
    return [p.strip("\n") for p in pieces if p.strip()]


def merge_texts(texts: list[str], limit: int = MAX_TEXT_BYTES) -> list[str]:
    """Join texts with blank lines into as few pieces of at most `limit` bytes as possible."""
    merged: list[str] = []
    for text in (t for t in texts if t.strip()):
        for piece in _split(text, limit) if _size(text) > limit else [text]:
            if merged and _size(merged[-1] + "\n\n" + piece) <= limit:
                merged[-1] += "\n\n" + piece
            else:
                merged.append(piece)
    return merged


Planned = Text | Link | Image | Choices


def plan(
    replies: list[Reply], limit: int = MAX_TEXT_BYTES, *, keep_choices: bool = False
) -> list[Planned]:
    """The messages to send, in order: runs of text-like replies merged into as few `Text`s
    as fit; links and pictures kept; a picture's caption becomes a text after it. Choices
    become numbered text, or stay as they are with `keep_choices` (for markdown); either
    way numbered in one sequence over the reply (`bot.numbering`), and only the last
    options as text say how to answer (`last_options`)."""
    out: list[Planned] = []
    run: list[str] = []

    def flush() -> None:
        out.extend(Text(t) for t in merge_texts(run, limit))
        run.clear()

    replies = untapped_replies(numbered(replies))
    last = last_options(replies)
    for index, reply in enumerate(replies):
        if isinstance(reply, Recall):
            continue  # the caller recalls, where the platform can
        if isinstance(reply, Link | Image) or (keep_choices and isinstance(reply, Choices)):
            flush()
            out.append(reply)
            if isinstance(reply, Image):
                run.append(reply.caption)
        else:
            run.append(as_text(reply, hint=index == last))
    flush()
    return out
