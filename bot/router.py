"""Routes from message text to handlers: slash commands, plain-language keywords, fallback.

One `Router` per feature; `bot.assembly` includes them all into the root router. Commands
have a Chinese and an ASCII name (`/绑定` and `/bind`); keywords match a whole message or its
first word (`登记`, `咨询 押金不退怎么办`), and so does a Chinese command without its slash.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property

from bot.context import Context, Handler
from bot.messages import ChatType, Reply, Text
from bot.sounds import is_chinese, syllables
from bot.validators.idcard import mentions_resident_id, without_resident_ids
from bot.validators.numerals import SAID_NUMBER, arabize
from bot.validators.phone import IN_TEXT as PHONE_IN_TEXT
from bot.validators.phone import without_phones
from storage.models import Role, VenueKind

ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.OFFICER, Role.ADMIN})


@dataclass(frozen=True)
class Suggestion:
    route: Route
    #: What to send for it: 退房 302.
    typed: str
    #: How much of the sentence named it: a command's name counts one more than its length.
    weight: int = 0
    #: How the offer names it, when not as `typed` (退租 李*, for /退租 #12).
    shown: str = ""
    #: A change the sentence asks of the route's records that the route does not make
    #: (删除 of 删除警情 6): nothing is offered, since its button would do something else.
    unable: str = ""
    #: Done at once rather than offered, as the route's picker found: its button would
    #: only refuse (作废登记 of a registration past its window), which the route's reply
    #: says with what can be done instead. Or the words order it (我要通报…, see
    #: `handlers.hints.phrases.Phrase.at_once`).
    at_once: bool = False

    @property
    def label(self) -> str:
        """The offer's name for it: 「退房 302」, a long argument cut short."""
        label = self.shown or self.typed.removeprefix("/")
        return label if len(label) <= _LABEL_LENGTH else f"{label[: _LABEL_LENGTH - 1]}…"


class AtOnce(Enum):
    """How a sentence that names a route, rather than typing it, gets the route done at
    once instead of offered as a button (`handlers.hints.offer`): a route that keeps
    nothing without a further 确认, where a tap would only read what was asked."""

    #: It only shows something: any of its names or hints in a sentence (谁还没确认通报,
    #: 在住旅客名单).
    SHOWN = "shown"
    #: It only shows something, when a sentence with one of its names asks to see it
    #: (有新线索吗, 看看任务); said otherwise (张三给的线索核实了), what is meant is unsure.
    #: Never with one of its actions (加个任务吗) or more said after a record's number
    #: (/线索 12 垃圾 marks a tip).
    SHOWN_WHEN_ASKED = "shown_when_asked"
    #: A form that asks before it keeps anything: its command's name in a sentence (我要登记
    #: 租客, 我要做自查); a phrase (来了客人, 新租客) is still offered.
    STARTED = "started"
    #: The sender's own matters, asked after in its hints (我的举报怎么样了); its name in a
    #: sentence (怎么查询社保) may be of anything.
    OWN_CASES = "own_cases"
    #: Asked for in one's own words (不想再收到通知, see `handlers.hints.phrases`): its reply
    #: is an answer (an owner's place's alerts are no subscription to end), which an offer
    #: would contradict.
    ANSWERS_OWN_WORDS = "answers_own_words"


#: Looks at what a sentence said about a route's records (李娜搬走了: which tenant) and
#: returns a better offer, or the one it was given.
Picker = Callable[[Context, Suggestion], Awaitable[Suggestion]]
#: An offer's name longer than this is cut short: a phone screen, and a button title.
_LABEL_LENGTH = 20


@dataclass(frozen=True)
class Route:
    name: str
    handler: Handler
    roles: frozenset[Role]
    commands: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    #: One line of Chinese shown in the help list; empty hides the route from help.
    help: str = ""
    #: The line officers read instead, where the route does something else for them (/报案
    #: is their queue of reports, not a report to file).
    staff_help: str = ""
    #: Its place in a working day (1 first): routes with one make the short help, in this
    #: order; 0: listed only under its topic and in 帮助 全部.
    daily: int = 0
    #: The roles whose working day it is part of; empty: all its roles.
    daily_for: frozenset[Role] = frozenset()
    #: The word after 帮助 that lists it with others of its kind (帮助 通报 for /催读);
    #: empty: its own name.
    topic: str = ""
    #: For owners, shown in help only to those with a venue of one of these kinds (a
    #: landlord has no use for 退房); empty: shown to all.
    kinds: frozenset[VenueKind] = frozenset()
    #: For owners, help by kind of place (登记旅客 for a hotel, 登记租客 for a rental): an
    #: owner whose places all call for the same one reads it instead of `help`, which covers
    #: them all (a landlord has no guests to register).
    kind_help: tuple[tuple[VenueKind, str], ...] = ()
    #: Phrases inside a sentence that suggest this route (客人走了 for 退房): offered as a
    #: button when a message is otherwise not understood, never acted on.
    hints: tuple[str, ...] = ()
    #: Its bare word works in an open form too, which waits (收到 for an alert).
    in_forms: bool = False
    #: Its word without the slash claims a message only when nothing but a number follows
    #: (收到 3): 收到 我们这里有个可疑的人 要不要报警 says more than 收到, and is left to
    #: the handlers of what people say.
    number_only: bool = False
    #: Words of its own that may follow its name without a space or slash (任务新增 for
    #: 任务 新增): only these, since most words glued to a name are ordinary speech.
    actions: tuple[str, ...] = ()
    #: How its actions are said just before its name in a sentence ((加, 新增) for 加个任务):
    #: an offer of it carries the action. A route with actions takes words after its name
    #: in an offer only with one (任务都做完了 adds no task).
    said_actions: tuple[tuple[str, str], ...] = ()
    #: Bare words of routes for other roles that it answers for its own (通缉, the
    #: officers' wanted list, is the public notices for anyone else).
    borrows: tuple[str, ...] = ()
    #: For a route not for staff: what an officer who types it is told instead, their own
    #: way to the same thing (协查通缉: 「/通缉」), not the owners' 请索取邀请码.
    staff_way: str = ""
    #: Finds the record a sentence names for its offer (李娜搬走了: that tenant).
    picks: Picker | None = None
    #: What its offer says instead of 「点下面的按钮即可」 when the sentence speaks of a time
    #: to come (302的客人明天走): it records what has happened.
    later: str = ""
    #: Words said after a record's number that another command does, and how that command
    #: is typed for the record ((办结, 线索状态 {n} 已处理) for 线索1办结 已安排夜巡): the
    #: message is that command, with the rest of what was said as its own.
    verbs: tuple[tuple[str, str], ...] = ()
    #: Its argument is most often a question to pass on (追问 报案号 有发票吗): its word
    #: without the slash takes one, and an offer of it keeps it, where for other routes a
    #: question after the word asks about the word.
    passes_questions: bool = False
    #: The roles it shows personal or internal data to (IDs and phones, tips, reports,
    #: hits, the wanted list): they get it in a private chat only, since anyone in a group
    #: reads the reply (see `private_only`). Enforced on the handler `Router.route` keeps.
    private_for: frozenset[Role] = frozenset()
    #: How a sentence naming it gets it done at once rather than offered (see `AtOnce`);
    #: None: always offered.
    at_once: AtOnce | None = None
    #: The roles it is done at once for; empty: all its roles (an officer's /报案 shows
    #: their queue, a resident's starts a report).
    at_once_for: frozenset[Role] = frozenset()
    #: Its names too wide to do it at once when said alone (旅客: 外地旅客来了 is no
    #: request for a list): offered instead.
    too_wide: tuple[str, ...] = ()

    @property
    def name_shown(self) -> str:
        """How help writes it: /退房 for a command, 退房 for a keyword alone."""
        return f"/{self.commands[0]}" if self.commands else self.keywords[0]

    @property
    def topic_name(self) -> str:
        return self.topic or self.name_shown.removeprefix("/")

    def help_for(self, role: Role, kinds: Iterable[VenueKind] | None = None) -> str:
        """The route's help for `role`; `kinds`, an owner's kinds of place (see `kind_help`)."""
        if self.staff_help and role in STAFF:
            return self.staff_help
        owned = frozenset(kinds or ())
        said = {text for kind, text in self.kind_help if kind in owned}
        return said.pop() if len(said) == 1 else self.help

    def is_daily_for(self, role: Role) -> bool:
        return bool(self.daily) and role in (self.daily_for or self.roles)

    def at_once_kind(self, role: Role) -> AtOnce | None:
        """How a sentence naming it gets it done at once for `role` (see `at_once`)."""
        return self.at_once if role in (self.at_once_for or self.roles) else None


@dataclass(frozen=True)
class Match:
    route: Route
    #: What follows the command or keyword, stripped.
    args: str
    is_command: bool
    #: A Chinese command typed without its slash (日报): a command only for a role that has
    #: it, and never one that interrupts a form.
    bare: bool = False
    #: Routes that answer its bare word for the roles `route` is not for (see `Route.borrows`).
    others: tuple[Route, ...] = ()


def normalise_text(text: str) -> str:
    """Full-width slashes and spaces become ASCII so `／绑定　123` works like `/绑定 123`."""
    return unicodedata.normalize("NFKC", text).strip()


# In a command's arguments only the full-width forms of digits, Latin letters and the
# characters of codes become ASCII (`／完成　１２`, `ＡＢＣＤ－ＥＦＧＨ`). NFKC would also turn
# Chinese punctuation (，：？) into ASCII, and the arguments of 通报、分享、举报 are the user's
# own text.
_NARROW = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/#@- "
_ARGUMENT_FORMS = str.maketrans(
    "".join(chr(ord(c) + 0xFEE0) for c in _NARROW[:-1]) + "\u3000", _NARROW
)
_FIRST_SPACE = re.compile(r"\s+")
_NUMBER_WORDS = re.compile(r"[#＃第号通报\s\d]")
_QUESTION = re.compile(
    r"[?？]|吗|呢|怎么|怎样|如何|什么|为什么|是否|能不能|可不可以|要不要|会不会|判"
)
#: A command with its argument typed without the space: 催读2, /完成12, 绑定KR8Y-88SH.
#: A record or room number inside a sentence (任务2做完了, 302退房, A-1205的客人走了).
#: A number or a code in a sentence (302, 12号, A-3, ZCJQ-MX73): letters, digits and the
#: dashes between them, with a digit somewhere, taken whole.
_NUMBER_ARGUMENT = re.compile(r"(?=[0-9A-Za-z-]*\d)-?[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*")
#: Letters and digits in a row, perhaps in groups (302, ZCJQ-MX73, nstg scyq 7au2).
_ASCII_RUN = re.compile(r"-?[0-9A-Za-z]+(?:[\s-]+[0-9A-Za-z]+)*")


def _argument(text: str) -> str | None:
    """The number or code a sentence gives its feature: 302 of 302退房了, a tip code typed in
    groups as a whole (查询码 nstg scyq 7au2), but of 302 303 only the first number.

    Never an ID number or a phone: the offer quotes its argument, in a group too, where
    everyone reads it; a registration asks for the number itself (see
    `handlers.common.with_command_hints`)."""
    for found in _ASCII_RUN.finditer(without_phones(without_resident_ids(text))):
        run = found.group().strip()
        code = re.sub(r"[\s-]", "", run)
        if not any(ch.isalpha() for ch in code):
            first = _NUMBER_ARGUMENT.search(run)
            if first is not None:
                return first.group()
        elif any(ch.isdigit() for ch in code) or len(code) >= 8:
            return run
    return None


#: Said just before a feature's name, it asks about not doing it (客人要求不登记 行不行).
_NEGATED = re.compile(r"(不|没|别|未|免|不用|无需|不必|不要)$")
#: Emoji and punctuation closing a word (收到👌, 收到！): not part of it.
_TRAILING_SIGNS = re.compile(r"[^\w/]+$")
_GLUED_ARGUMENT = re.compile(r"(/?[\u4e00-\u9fff]+)#?([0-9A-Za-z][0-9A-Za-z-]*)")
#: The marks voice input and phone keyboards put where a space would go (门牌：100001,
#: 风险，悦来旅馆, 任务新增：回访网吧).
APART_MARKS = ":：,，、;；"
_SAID_APART = re.compile(f"([^\\s{APART_MARKS}]+)[{APART_MARKS}]+(.+)", re.S)
#: What ends a word in a sentence: a space, or a mark standing for one.
_WORD_END = f"\\s{APART_MARKS}"
_GAP = re.compile(f"[{_WORD_END}]+")
_LEADING_GAP = re.compile(f"^[{_WORD_END}]+")
#: A record number said first after a name (完成三 已核实, 撤回6号通报，发错了), with the
#: rest of its word (号通报), which only says what the number counts.
_RECORD_NUMBER_WORD = re.compile(
    f"(?:(?=[0-9A-Za-z-]*\\d)(-?[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*)"
    f"|第?({SAID_NUMBER})(?=[号个条项{_WORD_END}]|$))[^{_WORD_END}]*"
)
#: Words holding a feature's word that mean something else: 民警下午走访 is no guest
#: leaving (下午走), 走廊 no check-out. Masked before names and hints are looked for.
_OTHER_WORDS = re.compile(r"走访|走亲戚|走流程|走廊|走道|走路|行走|走私")
#: What the rest of a number's word may say for the number to be a record's (6号通报): any
#: other word (三号楼网吧, 1号院民宿) names a place, and is the argument whole.
_COUNTED = re.compile(
    r"[号个条项]?(?:通报|任务|线索|命中|比中|报案|自查|提问|问题|警情|通缉|记录)?"
)
#: A word glued to a name shorter than this mostly makes one word with it (风险等级,
#: 任务清单, 完成情况); a longer one is what the name is about (风险悦来旅馆).
_GLUED_ARGUMENT_LENGTH = 3
#: Asking for a feature, said before its name (帮我查门牌…, 麻烦帮我风险…, 我想通报…): the
#: name starts what is asked, as if it began the message. Not 请 or 我 alone (请回复「收到」,
#: 我收到快递了), which ask for nothing.
_ASKING_FOR = re.compile(
    r"(?=.*[帮烦想要查看])(?:请|麻烦|劳驾)?你?(?:帮我|帮忙|给我|替我|帮)?我?(?:想|要|想要|需要)?"
    r"(?:查|查查|查一下|看|看看|看一下)?"
)
#: Asking words that make a word glued to a name a question (门牌号是多少, 完成哪一项),
#: beside `_QUESTION`; after a gap they may be the argument's own (回复 1 有几个人？).
_ASKED_GLUED = re.compile(r"多少|哪|谁|几[个条号天次人]")


@dataclass(frozen=True)
class _Index:
    """The routes' names, looked up instead of scanned: matching runs for every message.
    Built when first needed once routes are added."""

    #: Each command's and keyword's route (`Router.add` keeps them unique).
    commands: dict[str, Route]
    keywords: dict[str, Route]
    #: The routes that borrow each word, in order.
    borrows: dict[str, tuple[Route, ...]]
    #: (Chinese command, route), in order, for a slash glued to its argument.
    chinese: tuple[tuple[str, Route], ...]
    #: (command, route), in order, of the routes that take actions (任务新增).
    acting: tuple[tuple[str, Route], ...]
    #: What `suggest` looks for in a sentence, per route: (Chinese name or hint, weight).
    spoken: tuple[tuple[Route, tuple[tuple[str, int], ...]], ...]
    #: How many characters the Chinese names have: a word of another length sounds like
    #: none of them, and its sound is not read.
    lengths: frozenset[int]

    @classmethod
    def of(cls, routes: list[Route]) -> _Index:
        commands: dict[str, Route] = {}
        keywords: dict[str, Route] = {}
        borrows: dict[str, list[Route]] = {}
        spoken = []
        for route in routes:
            for command in route.commands:
                commands.setdefault(command, route)
            for keyword in route.keywords:
                keywords.setdefault(keyword, route)
            for word in route.borrows:
                borrows.setdefault(word, []).append(route)
            names = [w for w in (*route.commands, *route.keywords) if len(w) > 1]
            weighted = [(n, len(n) + 1) for n in names] + [(h, len(h)) for h in route.hints]
            spoken.append((route, tuple((n, w) for n, w in weighted if not n.isascii())))
        return cls(
            commands=commands,
            keywords=keywords,
            borrows={word: tuple(found) for word, found in borrows.items()},
            chinese=tuple((c, r) for r in routes for c in r.commands if not c.isascii()),
            acting=tuple((c, r) for r in routes if r.actions for c in r.commands),
            spoken=tuple(spoken),
            lengths=frozenset(len(name) for name in (*commands, *keywords) if is_chinese(name)),
        )

    @cached_property
    def sounds(self) -> dict[tuple[str, ...], tuple[tuple[str, Route], ...]]:
        """Each Chinese command's and keyword's sound, with its (name, route) pairs: read
        once, when a first word is first not understood (see `Router._homophone`)."""
        found: dict[tuple[str, ...], list[tuple[str, Route]]] = {}
        for name, route in (*self.commands.items(), *self.keywords.items()):
            if len(name) > 1 and is_chinese(name):
                found.setdefault(syllables(name), []).append((name, route))
        return {sound: tuple(pairs) for sound, pairs in found.items()}


def private_only(handler: Handler, roles: frozenset[Role], shown: str) -> Handler:
    """`handler`, answering `roles` in a group with the way to a private chat instead:
    one rule for every route that shows personal or internal data, so that no handler
    has to remember it (an officer's /命中 1 in a venue's group had shown the guest's ID
    number and the wanted card to everyone in it)."""
    if not roles:
        return handler

    async def guarded(ctx: Context) -> list[Reply]:
        if ctx.inbound.chat_type is not ChatType.PRIVATE and ctx.role in roles:
            return [Text(PRIVATE_ONLY.format(command=shown))]
        return await handler(ctx)

    return guarded


#: The whole command is not quoted: what follows it may be an ID number or a phone.
PRIVATE_ONLY = "「{command}」会显示个人信息或内部资料，只在与本号的私聊中查看，请私聊本号发送。"


class Router:
    def __init__(self) -> None:
        self._routes: list[Route] = []
        self._built: _Index | None = None

    @property
    def _index(self) -> _Index:
        if self._built is None:
            self._built = _Index.of(self._routes)
        return self._built

    @property
    def routes(self) -> tuple[Route, ...]:
        return tuple(self._routes)

    def add(self, route: Route) -> None:
        taken = {c for r in self._routes for c in r.commands} | {
            k for r in self._routes for k in r.keywords
        }
        clash = taken.intersection(route.commands + route.keywords)
        if clash:
            raise ValueError(f"route {route.name!r} reuses {sorted(clash)}")
        self._routes.append(route)
        self._built = None

    def include(self, other: Router) -> None:
        for route in other.routes:
            self.add(route)

    def route(
        self,
        name: str,
        *,
        commands: Iterable[str] = (),
        keywords: Iterable[str] = (),
        roles: Iterable[Role] = ALL_ROLES,
        help: str = "",
        staff_help: str = "",
        daily: int = 0,
        daily_for: Iterable[Role] = (),
        topic: str = "",
        kinds: Iterable[VenueKind] = (),
        kind_help: Iterable[tuple[VenueKind, str]] = (),
        hints: Iterable[str] = (),
        in_forms: bool = False,
        number_only: bool = False,
        actions: Iterable[str] = (),
        said_actions: Iterable[tuple[str, str]] = (),
        borrows: Iterable[str] = (),
        picks: Picker | None = None,
        later: str = "",
        staff_way: str = "",
        verbs: Iterable[tuple[str, str]] = (),
        passes_questions: bool = False,
        private_for: Iterable[Role] = (),
        at_once: AtOnce | None = None,
        at_once_for: Iterable[Role] = (),
        too_wide: Iterable[str] = (),
    ) -> Callable[[Handler], Handler]:
        """Decorator registering a handler under commands (without the slash) and keywords."""

        def register(handler: Handler) -> Handler:
            route = Route(
                name=name,
                handler=handler,
                roles=frozenset(roles),
                commands=tuple(c.lower() for c in commands),
                keywords=tuple(keywords),
                help=help,
                staff_help=staff_help,
                daily=daily,
                daily_for=frozenset(daily_for),
                topic=topic,
                kinds=frozenset(kinds),
                kind_help=tuple(kind_help),
                hints=tuple(hints),
                in_forms=in_forms,
                number_only=number_only,
                actions=tuple(actions),
                said_actions=tuple(said_actions),
                borrows=tuple(borrows),
                picks=picks,
                later=later,
                staff_way=staff_way,
                verbs=tuple(verbs),
                passes_questions=passes_questions,
                private_for=frozenset(private_for),
                at_once=at_once,
                at_once_for=frozenset(at_once_for),
                too_wide=tuple(too_wide),
            )
            # Guarded here, where the route is declared, so that no path to it skips the rule.
            guarded = private_only(handler, route.private_for, route.name_shown)
            self.add(replace(route, handler=guarded))
            return handler

        return register

    def match(self, text: str, *, bare: bool = True) -> Match | None:
        """The route for `text`. `bare`: whether a Chinese command without its slash counts
        (private chats only: in a group, 日报 is a word among people)."""
        return self._find(text, bare)

    def _find(self, text: str, bare: bool) -> Match | None:
        typed = text.strip()
        if not typed:
            return None
        raw, rest = (*_FIRST_SPACE.split(typed, maxsplit=1), "")[:2]
        head, rest = normalise_text(raw), rest.translate(_ARGUMENT_FORMS)
        found = self._match(head, rest, bare, raw)
        plain = _TRAILING_SIGNS.sub("", head)
        if found is None and plain and plain != head:
            # 收到👌, 收到！: the word with a sign after it, as phones type it.
            found = self._match(plain, rest, bare)
        glued = _GLUED_ARGUMENT.fullmatch(head)
        if found is None and glued:
            # 催读2, /完成12, 退房302, 绑定KR8Y-88SH: typed without the space.
            found = self._match(glued[1], f"{glued[2]} {rest}", bare)
        apart = _SAID_APART.fullmatch(raw)
        if found is None and apart:
            # 门牌：100001 as 门牌 100001: the mark stands for the space (the argument keeps
            # its own punctuation, 风险，悦来旅馆 橙 堵了，没清理).
            said = f"{apart[2].translate(_ARGUMENT_FORMS)} {rest}".strip()
            found = self._match(normalise_text(apart[1]), said, bare)
        if found is not None and found.route.verbs:
            found = self._verb_said(found)
        return found

    def _verb_said(self, found: Match) -> Match:
        """/线索 1 办结 已安排夜巡 as /线索状态 1 已处理 已安排夜巡: the command whose work the
        word after the record's number names (see `Route.verbs`)."""
        done = _done_by_verb(found.route, found.args)
        if done is None:
            return found
        command, args = done
        route = self._index.commands.get(command)
        if route is None:
            return found
        return Match(route, args, is_command=found.is_command, bare=found.bare)

    def _match(self, head: str, rest: str, bare: bool, raw: str = "") -> Match | None:
        """`raw`: the head as typed, whose glued argument keeps its own punctuation."""
        index = self._index
        if head.startswith("/"):
            # Telegram appends the bot name in groups: /bind@jingmin_bot
            name = head[1:].split("@", 1)[0].lower()
            named = index.commands.get(name)
            if named is not None:
                return Match(named, rest.strip(), is_command=True)
            # /答复4没有的话…, /任务新增 走访: the slash says a command starts here, so its
            # longest Chinese name at the front is it, and the rest of the word its argument.
            glued = [
                (command, route) for command, route in index.chinese if name.startswith(command)
            ]
            if glued:
                command, route = max(glued, key=lambda pair: len(pair[0]))
                typed = raw if len(raw) == len(head) else head  # 配2具，120平米 as typed
                # /通报：今晚… : a mark between the name and its argument is no part of it.
                tail = typed[1 + len(command) :].lstrip(APART_MARKS).translate(_ARGUMENT_FORMS)
                args = f"{tail} {rest}".strip()
                return Match(route, args, is_command=True)
            return None
        said_more = bool(_NUMBER_WORDS.sub("", rest))  # 收到 3, 收到 #3, 收到 3号通报: no more
        keyword = index.keywords.get(head)
        if keyword is not None and not (keyword.number_only and said_more):
            return Match(keyword, rest.strip(), is_command=False)
        # WeChat users seldom type "/": 日报 or 登记租客 张三 as a whole first word is the
        # command. One-character names (我) are too common as words to count but as the whole
        # message, which help lists (/我 — 查看我的身份): 我 alone had got 没有理解. A question
        # after the word (租客 不交房租怎么办) is a question, not the command's argument,
        # unless the command passes questions on (追问 报案号 有发票吗).
        if not bare or (len(head) < 2 and rest.strip()) or head.isascii():
            return None
        asked = _QUESTION.search(rest) is not None
        slashless = index.commands.get(head)
        if (
            slashless is not None
            and (slashless.passes_questions or not asked or _acts(slashless, rest))
            and not (slashless.number_only and said_more)
        ):
            others = index.borrows.get(head, ())
            return Match(slashless, rest.strip(), is_command=False, bare=True, others=others)
        # 任务新增 回访房东 周五: a name and one of its actions, typed as one word, in either
        # order (新增任务, as it is said). The action says what the words are for, so a
        # question among them (任务新增 核查3号是否有人住) is the task's, not one about 任务.
        for name, route in index.acting:
            action = head.removeprefix(name)
            if action == head:
                action = head.removesuffix(name)
            if action != head and action in route.actions:
                args = f"{action} {rest}".strip()
                return Match(route, args, is_command=False, bare=True)
        return None

    def suggest(
        self,
        text: str,
        role: Role,
        kinds: Iterable[VenueKind] | None = None,
        *,
        private: bool = False,
    ) -> Suggestion | None:
        """The feature a sentence seems to ask for (今天有什么任务 → /任务, 302退房 → 退房 302):
        the longest of the role's Chinese command names, keywords and hints inside it, with
        the first number in the text as its argument. `private`: in a private chat, what
        follows a name in the sentence is its argument (风险悦来旅馆 → /风险 悦来旅馆); in a
        group, where everyone reads the offer, only a number is."""
        # The longest name wins, a command's own name counting one more than a hint of the
        # same length (撤回 over 号通报 in 撤回6号通报); of equals, the one said first.
        best: tuple[int, int, Route, str] | None = None
        owned = None if kinds is None else frozenset(kinds)
        text = text.translate(_ARGUMENT_FORMS)  # one for one: ３０２ as 302
        text = self._homophone(text, role, owned) or text
        words = _NUMBER_ARGUMENT.sub("", text)  # 任务9做完了 reads as 任务做完了
        words = _OTHER_WORDS.sub(lambda found: "□" * len(found[0]), words)
        for route, weighted in self._index.spoken:
            if role not in route.roles or (owned and route.kinds and not route.kinds & owned):
                continue
            for name, weight in weighted:
                at = words.find(name)
                if at < 0 or _NEGATED.search(words[max(0, at - 2) : at]):
                    continue
                if best is None or (-weight, at) < (best[0], best[1]):
                    best = (-weight, at, route, name)
        if best is None:
            return None
        route, name = best[2], best[3]
        command = route.commands[0] if route.commands else route.keywords[0]
        weight = -best[0]
        before = words[: best[1]]
        change = _CHANGE.search(before.rstrip())  # 撤销 通报 6 as 撤销通报 6
        verb = ""
        if change is not None and not any(before.endswith(said) for said, _ in route.said_actions):
            if not _knows(route, change[0]):
                # 撤销6号通报: the feature of the topic whose hints say the change (撤销通报
                # of /撤回), when there is one; it had been told nothing here does it.
                said = f"{change[0]}{route.topic_name}"
                undo = next(
                    (r for r in self._routes if role in r.roles and r.commands and said in r.hints),
                    None,
                )
                if undo is not None:
                    argument = _argument(text)
                    typed = f"/{undo.commands[0]} {argument or ''}".strip()
                    return Suggestion(undo, typed, weight)
                # 删除警情 6 had been offered 「警情 6」, which enters a new incident.
                return Suggestion(route, f"/{command}", weight, unable=change[0])
            verb = change[0]  # 撤销邀请 悦来旅馆: /邀请 撤销 …, as its help says it
        if not route.commands:
            return Suggestion(route, command, weight)
        named = name in route.commands or name in route.keywords
        spoken = _spoken_argument(route, name, text) if private and named else None
        argument = spoken if spoken is not None else _argument(text)
        done = _done_by_verb(route, argument) if argument and route.verbs else None
        other = self._index.commands.get(done[0]) if done is not None else None
        if done is not None and other is not None and role in other.roles:
            # 线索1办结 已安排夜巡: 「线索 1办结 已安排夜巡」 only got the usage.
            return Suggestion(other, f"/{done[0]} {done[1]}".strip(), weight)
        typed = " ".join(word for word in (f"/{command}", verb, argument) if word)
        return Suggestion(route, typed, weight)

    def _homophone(self, text: str, role: Role, owned: frozenset[VenueKind] | None) -> str | None:
        """`text` with its first word put right when it sounds like one of the role's
        command names but is none (日保 for 日报, 通报壮态 3 for 通报状态 3): typed with a
        pinyin keyboard, the wrong word of the same sound. Only a whole word of Chinese
        characters and the very same sound: a sentence's first word is mostly just that."""
        first = _TRAILING_SIGNS.sub("", _GAP.split(text.strip(), maxsplit=1)[0])
        if len(first) < 2 or not is_chinese(first):
            return None
        index = self._index
        if len(first) not in index.lengths or first in index.commands or first in index.keywords:
            return None
        # Its sound is the one thing read per message, and only on this path (a few tenths
        # of a millisecond): the names' sounds are read once for the router.
        heard = [
            (name, route)
            for name, route in index.sounds.get(syllables(first), ())
            if role in route.roles and not (owned and route.kinds and not route.kinds & owned)
        ]
        if not heard:
            return None

        # Of names that sound alike, the one with most characters as typed.
        def alike(pair: tuple[str, Route]) -> int:
            return sum(a == b for a, b in zip(pair[0], first, strict=False))

        name, _ = max(heard, key=alike)
        return text.replace(first, name, 1)

    def helped(self, role: Role, kinds: Iterable[VenueKind] | None = None) -> list[Route]:
        """The routes help shows `role`; `kinds`, the sender's venue kinds, leaves out what
        they lack."""
        owned = None if kinds is None else frozenset(kinds)
        return [
            route
            for route in self._routes
            if route.help
            and role in route.roles
            and not (owned is not None and route.kinds and not route.kinds & owned)
        ]

    def help_lines(self, role: Role, kinds: Iterable[VenueKind] | None = None) -> list[str]:
        """Help for `role`, every route of it: one line each."""
        owned = None if kinds is None else frozenset(kinds)
        return [f"{r.name_shown} — {r.help_for(role, owned)}" for r in self.helped(role, owned)]


#: A record's number first in an argument (1办结 已安排夜巡, #12 已处理), then the rest.
_RECORD_FIRST = re.compile(r"[#＃]?([A-Za-z]?\d+)\s*(.*)", re.S)
#: Said just before a feature's name, a change to its records (删除警情 6): only a route
#: that takes it, as an action (删除任务 3) or a word after its name (/邀请 撤销), makes it.
_CHANGE = re.compile(r"(?:删除|删掉|删去|撤销|作废)$")


def _knows(route: Route, verb: str) -> bool:
    """Whether a route makes the change `verb` names, as a word after its name (/邀请 撤销
    悦来旅馆, /通缉 撤销 3): its help or its hints say so."""
    return verb in route.actions or verb in route.hints or verb in route.help + route.staff_help


def _done_by_verb(route: Route, args: str) -> tuple[str, str] | None:
    """(command, its arguments) for a route's record number and one of its `verbs` (1办结
    已安排夜巡: 线索状态, 1 已处理 已安排夜巡); None when no verb follows the number."""
    said = _RECORD_FIRST.fullmatch(args.strip())
    if said is None:
        return None
    number, rest = said[1], said[2]
    for verb, typed in sorted(route.verbs, key=lambda pair: len(pair[0]), reverse=True):
        if rest.startswith(verb):
            # 办结了，已安排夜巡: the note is what follows the verb and the marks after it.
            note = rest[len(verb) :].removeprefix("了").lstrip(f" {APART_MARKS}")
            command, _, fixed = typed.format(n=number).partition(" ")
            return command, f"{fixed} {note}".strip()
    return None


def _acts(route: Route, rest: str) -> bool:
    """Whether the words after a route's name start with one of its actions (任务 新增 …)."""
    return any(rest.startswith(action) for action in route.actions)


def _spoken_argument(route: Route, name: str, text: str) -> str | None:
    """What a sentence says after a route's name, as its argument: 悦来旅馆 of 风险悦来旅馆,
    幸福里 of 查门牌 幸福里, 3 已核实 of 完成三 已核实, 新增 下午… of 加个任务 下午…. None
    when what follows is no argument (还有个同住的, 风险等级, 任务都做完了, a question) or
    holds an ID number or a phone, which an offer never quotes."""
    at = text.find(name)
    if at < 0:
        return None
    before, after = text[:at].strip(), text[at + len(name) :]
    if _ASKING_FOR.fullmatch(before):
        # 帮我查门牌幸福里3号 had been offered /门牌 3, the number inside the place.
        before = ""
    kept = _LEADING_GAP.sub("", after).rstrip()
    rest = _TRAILING_SIGNS.sub("", kept)
    apart = _LEADING_GAP.match(after) is not None
    # 加个任务, 加一个任务: the action said before the name.
    verb = before.removesuffix("个").removesuffix("一")
    action = next((done for said, done in route.said_actions if verb.endswith(said)), None)
    if route.actions and action is None:
        return None
    asked = (
        _QUESTION.search(rest) is not None or (not apart and _ASKED_GLUED.search(rest) is not None)
    ) and not route.passes_questions
    if (before and not apart and action is None) or not rest or asked:
        return action  # 还有个同住的: the sentence goes on, it names nothing after the name
    if mentions_resident_id(rest) or PHONE_IN_TEXT.search(rest):
        return None
    number = _RECORD_NUMBER_WORD.match(rest)
    if number is not None and not _COUNTED.fullmatch(
        rest[number.end(number.lastindex or 0) : number.end()]
    ):
        number = None
    if number is not None:
        said = number[1] or arabize(number[2])
        note = _LEADING_GAP.sub("", rest[number.end() :])
        if note:
            # 命中1 已核实 同号不同人？: a note after the number keeps its own marks (the
            # question mark says it is not sure).
            note = _LEADING_GAP.sub("", kept[number.end() :])
        rest = f"{said} {note}".strip()
    elif not (apart or before):
        glued = _GAP.split(rest, maxsplit=1)[0]
        if len(glued) < _GLUED_ARGUMENT_LENGTH:
            return None
    return f"{action} {rest}" if action else rest
