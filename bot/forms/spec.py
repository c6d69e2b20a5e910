"""How a form is declared: fields with prompts, parsers, choices and conditions.

A parser receives the user's text and a `FormEnv` and returns a JSON-serialisable value (or a
`Derived` carrying extra answers it worked out, such as birth date and sex from an ID number,
or a `More` to wait for further messages), or raises `bot.validators.Invalid` with a Chinese
reason. Fields that accept photos or a location get them in the `FormEnv`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bot.messages import Location, Photo, Reply
from bot.validators.errors import Invalid

if TYPE_CHECKING:
    from bot.context import Context

Answers = dict[str, Any]


@dataclass(frozen=True)
class FormEnv:
    """What a parser may know besides the text: earlier answers, the station's clock, and
    for fields that take them, the message's photos or location and the field's draft."""

    answers: Mapping[str, Any]
    today: date
    now: datetime
    photos: tuple[Photo, ...] = ()
    location: Location | None = None
    #: The partial value an earlier `More` kept for this field (photos collected so far).
    draft: Any = None


@dataclass(frozen=True)
class Derived:
    value: Any
    extra: Mapping[str, Any]
    #: Said before the next question when the answer is typed at its question (没拍到，
    #: 他开白色宝马: 已补充到情况描述：…), where an extra the user cannot see is changed.
    note: str = ""


@dataclass(frozen=True)
class More:
    """A partial answer: keep `value` as the field's draft, say `note`, and stay on the field.

    How a field collects several messages (photos, one per message) before moving on.
    `extra`: earlier answers it changes meanwhile (details typed at a tip's photos, added
    to its description), set as they are.
    """

    value: Any
    note: str
    extra: Mapping[str, Any] = field(default_factory=dict)


class Advice(Invalid):
    """A parser's own answer to a question about its step (他身份证忘带了怎么办 at 证件类型:
    what to do without one), shown at the step as its reason; such a question is never
    answered aside, as a question in an option's words the parser cannot read is (他不肯给
    身份证 咋办: see `bot.forms.aside.asks_aside`)."""


class Misplaced(Invalid):
    """An answer that belongs to another question (从这个月1号开始住 typed at the workplace).

    Raised by a free-text parser, which would otherwise keep it: the form gives the text to
    the first later question still open that takes it, and asks this one again; when none
    does, `reason` is said. `to` names the later question when the parser knows it (菜市场门口
    at a tip's photo is its 地点): only that one is tried, even if it takes any text.
    """

    def __init__(self, reason: str, to: str = "") -> None:
        super().__init__(reason)
        self.to = to


class AskedBack(str):
    """A check's reason that asks whether the user meant `answer` (您是选择「护照」吗？):
    a bare yes (是, 对, 嗯) typed next takes `answer` as if typed."""

    answer: str
    #: Buttons under the question, for a field with no choices of its own (同一间 at the
    #: room: 302, the room of the guest just registered): one press answers.
    offers: tuple[str, ...]

    def __new__(cls, reason: str, answer: str, offers: tuple[str, ...] = ()) -> AskedBack:
        made = super().__new__(cls, reason)
        made.answer = answer
        made.offers = offers
        return made


Parser = Callable[[str, FormEnv], Any]
#: A check that needs the database (does this beat exist?): the reason to ask again, or None.
#: It gets the context, the parsed answer and the answers so far.
Check = Callable[["Context", Any, Mapping[str, Any]], Awaitable[str | None]]


def _always(_answers: Mapping[str, Any]) -> bool:
    return True


def _show(value: Any) -> str:
    if value is None or value == "":
        return "（无）"
    return str(value)


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    prompt: str
    parse: Parser
    optional: bool = False
    choices: tuple[str, ...] = ()
    #: Ask this field only when the answers so far say so.
    ask_when: Callable[[Mapping[str, Any]], bool] = _always
    #: Earlier fields whose change makes this answer stale (re-asked after an edit).
    depends_on: tuple[str, ...] = ()
    #: The answer as it is kept and read later (a report's details, opened days on): a
    #: time with its full date.
    show: Callable[[Any], str] = _show
    #: A message with photos (and maybe no text) is an answer to this field.
    accepts_photos: bool = False
    #: A shared location (and maybe no text) is an answer to this field.
    accepts_location: bool = False
    #: Other names people use for it in 修改 (手机号 for 联系电话).
    aliases: tuple[str, ...] = ()
    #: Run on a parsed answer before it is kept, so a wrong name is said at once rather
    #: than after 确认.
    check: Check | None = None
    #: For a field with choices: the choice that an answer to a later question implies
    #: (an ID number typed where the document type is asked: 居民身份证), or None. That
    #: choice is taken and the text goes on to the questions after it.
    implied: Callable[[str], str | None] | None = None
    #: For a field that takes no photos: the photo field of the same form that keeps a
    #: photo sent here (the picture of an inspection item, sent before its 是/否), after
    #: which this question is asked again. Empty: such a photo is refused.
    photos_to: str = ""
    #: For a required field with choices: the choice that 跳过 means, when the question
    #: names a default (the tip's 默认匿名: 跳过 is 匿名提交, not 这一项必须填写).
    skipped_as: str = ""
    #: Left out of the summary while it has no answer: a field never asked (the photos a
    #: question may come with) had put 照片：（无） under every one.
    hidden_when_empty: bool = False
    #: For a free-text field: a question of one's own (身份证丢了怎么办) is no answer here
    #: (a relation, an occupation), and gets the way to ask it with the question again. A
    #: description may be told as a question (楼下天天有人吸毒怎么办), and keeps it.
    refuses_questions: bool = False
    #: The question as the answers so far have it asked, "" for `prompt` (the guardian's
    #: phone, when the adult said to be the guardian left none to copy: said so, where
    #: the bare question had asked as if nothing had been said).
    prompt_for: Callable[[Mapping[str, Any]], str] | None = None
    #: An answer that is a time as the chat says it at `now`, the station's wall-clock
    #: time (今天 21:30, 昨天 23:10, 12月3日 14:00: `clock.said_time`): the summary's
    #: 2026-11-23 21:30 had read unlike every other time the bot says. None, or no
    #: answer: `show`.
    show_at: Callable[[Any, datetime], str] | None = None
    #: Words that change this answer though they name no field (只发旅馆, 加上民宿 for an
    #: alert's scope): at the summary they are its new answer, where they had got 没看懂这句.
    said_alone: Callable[[str], bool] | None = None

    def shown(self, value: Any, now: datetime) -> str:
        """The answer `value` as the chat says it at `now` (the station's time)."""
        if self.show_at is None or value in (None, ""):
            return self.show(value)
        return self.show_at(value, now)


Submit = Callable[["Context", Answers], Awaitable[list[Reply]]]
#: A line for the end of the summary that needs the database (how many chats an alert will
#: reach), from the answers so far; "" for none.
SummaryNote = Callable[["Context", Mapping[str, Any]], Awaitable[str]]
#: Called with a message of photos the form receives, before any question reads them.
PhotosReceived = Callable[["Context"], Awaitable[None]]


@dataclass(frozen=True)
class Read:
    """What one sentence plainly says for a form's questions (王芳 1101… 下个月1号起租 租一年),
    read the way the form's owner reads it after its command (see `Form.reads`)."""

    answers: Mapping[str, Any]
    #: By field, the names of the answers its answer derived (sex from an ID number).
    derived: Mapping[str, Sequence[str]]
    #: By field, words said for a question whose answer needs one still to come (住两晚
    #: before the check-in time): read when that one is answered.
    later: Mapping[str, str]
    #: Words that answer nothing: said to be unused, never silently dropped.
    unused: Sequence[str]
    #: What looked like an answer but was refused, with the reason (证件号码：校验位…).
    refused: Sequence[str]
    #: By field, a word its check asks back (房间号是「302」吗？ of 3O2): the form asks it
    #: once the other answers are kept, a yes taking it.
    asked: Mapping[str, AskedBack] = field(default_factory=dict)


#: Reads a sentence for `Form.reads`: it gets the form, the text and the answers so far
#: (fields answered are not read again).
Reader = Callable[["Context", "Form", str, Mapping[str, Any]], Awaitable[Read]]


@dataclass(frozen=True)
class Form:
    name: str
    title: str
    fields: tuple[FormField, ...]
    submit: Submit
    intro: str = ""
    #: Said when the user cancels; by default 已取消{title}.
    cancelled: str = ""
    #: Words of its own that stop it at once, as 取消 does (不查了 for the self-inspection):
    #: they name what this form does, so they mean nothing else here, where the words of
    #: giving up any form knows (不填了) are asked about. 恢复 brings it back a while.
    stops: re.Pattern[str] | None = None
    #: Words of a pause (来客人了, 等会再弄) that set it aside for 继续 (see `pause`), where
    #: they had been kept as the answer of a free-text step.
    pauses: re.Pattern[str] | None = None
    #: The answers tell what happened (a report, a tip): words of danger in them are the
    #: story, so they are taken as answers (see `handlers.emergency`).
    story: bool = False
    #: Routes that start this form: their name typed in it (登记租客 at its first question)
    #: is taken as "I am here", not as another feature.
    started_by: tuple[str, ...] = ()
    #: How a sentence of several answers typed at a question is read beyond what the
    #: questions in order take (李娟 13912345678 at the name): the same reading as after
    #: the form's command, so that one sentence means the same wherever it is typed.
    reads: Reader | None = None
    #: What 确认 will do, said in the summary before it is pressed, where that needs the
    #: database (the summary itself is built from the answers alone).
    summary_note: SummaryNote | None = None
    #: Done with the photos of each message the form receives, drafts included (the
    #: wanted form seals a wanted person's photo as it comes, not only once saved).
    photos_received: PhotosReceived | None = None
    #: How the user adds to the record once it is submitted (a tip's 补充), said when a
    #: long answer was cut to fit: the rest can go there. Empty: the form has no such way,
    #: and the cut answer can only be replaced with a shorter one (修改).
    added_later: str = ""
    #: Whether the answers are shown for 确认 before they are submitted. A form of one
    #: harmless answer (订阅's area, checked as given) is submitted as soon as it is
    #: taken: 确认提交 under one line had asked the same thing twice.
    confirms: bool = True
    _by_name: dict[str, FormField] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({f.name: f for f in self.fields})
        for f in self.fields:
            if f.photos_to and not self._by_name.get(f.photos_to, f).accepts_photos:
                raise ValueError(f"{self.name}.{f.name}: photos_to names no photo field")
        if not self.confirms and len(self.fields) > 1:
            # With more, an earlier answer mistyped would go in unseen.
            raise ValueError(f"{self.name}: only a form of one question may skip 确认")

    def field(self, name: str) -> FormField:
        return self._by_name[name]

    def find(self, label_or_name: str) -> FormField | None:
        """The field of that label or name; else the only field whose label contains it
        (修改 时间 for 发生时间)."""
        for f in self.fields:
            if label_or_name in (f.label, f.name, *f.aliases):
                return f
        partial = [f for f in self.fields if label_or_name and label_or_name in f.label]
        return partial[0] if len(partial) == 1 else None
