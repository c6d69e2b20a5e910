"""Answers typed for questions other than the one asked: several in one message (李娟
13912345678), the rest read as after the form's command, and one for a later question
still open. Words for a question that needs an answer still to come wait in
`Progress.pending` (`bot.forms.steps.take_pending` reads them)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.context import Context
from bot.forms import ask_back
from bot.forms.clock import local_time
from bot.forms.photos import says_no_photo
from bot.forms.progress import Progress
from bot.forms.spec import AskedBack, Derived, Form, FormEnv, FormField, More
from bot.forms.steps import advance, due, take_implied
from bot.messages import Reply, Text
from bot.validators import Invalid
from bot.validators.documents import parse_document_type
from bot.validators.nationality import parse_nationality

#: Where one message holds answers to several questions: 李娟 13912345678, 302；明天.
_PARTS = re.compile(r"[\s，,、；;]+")
#: A word of a name as a passport prints it (John, O'Neil, Jean-Luc): the words of one
#: in a row are one answer (John Smith had been taken as John, Smith said unused).
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
#: A number in a word not used: not echoed back (others may read the screen), but named.
_NUMBER = re.compile(r"\d{6,}")
_NUMBER_KINDS = (
    (re.compile(r"\d{17}[\dXx]"), "身份证号"),
    (re.compile(r"1[3-9]\d{9}"), "手机号"),
    (_NUMBER, "一个号码"),
)
#: An answer only a free-text question (or a name) takes.
_NONSENSE = "甲乙丙丁戊己"


def takes_any_text(field: FormField, env: FormEnv) -> bool:
    try:
        field.parse(_NONSENSE, env)
    except Invalid:
        return False
    return True


async def several(form: Form, progress: Progress, text: str, ctx: Context) -> list[Reply] | None:
    """李娟 13912345678 at the name, 13800138000 明天 at the phone: one answer for the
    field asked and the next ones, in the order they would be asked. None unless the
    first word answers the field asked (the caller then says what is wrong)."""
    words = _names_joined([w for w in _PARTS.split(text.strip()) if w])
    if len(words) < 2:
        return None
    local = local_time(ctx)
    taken: list[str] = []
    rest: list[str] = []
    for at, word in enumerate(words):
        rest = words[at:]
        field = due(form, progress)
        if at == 0 and field is not None and field.accepts_photos and says_no_photo(word):
            # 没照片 李四 4403… at the photos: the step answered as 没照片 alone answers it
            # (none, or no more), and the rest read as the answers after it; it had all been
            # lost to 请直接发送照片. A required photo is refused by the parser.
            draft = progress.drafts.get(field.name)
            env = FormEnv(progress.answers, local.date(), local, draft=draft)
            try:
                photos = field.parse(word, env)
            except Invalid:
                return None
            progress.forget(field.name)
            progress.take(field.name, photos)
            taken.append(field.label if photos else f"{field.label}（无）")
            continue
        if at > 0 and field is not None and field.choices:
            # 李四 3205… 138…: the number answers the document type too.
            progress.current = field.name
            if take_implied(form, progress, word, ctx):
                taken.append(field.label)
                field = due(form, progress)
        # A choice is answered by itself: 匿名 13912345678 must not give anonymity up.
        if field is None or field.choices or field.accepts_photos or field.accepts_location:
            if at == 0:
                return None
            break
        env = FormEnv(progress.answers, local.date(), local)
        if at > 0 and takes_any_text(field, env):
            break  # 下个月搬走 is no job: only answers a field can tell apart go on
        try:
            parsed = field.parse(word, env)
        except Invalid:
            if at == 0:
                return None
            break
        value, extra = (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
        if isinstance(parsed, More) or (
            field.check is not None and await field.check(ctx, value, progress.answers)
        ):
            if at == 0:
                return None
            break
        progress.forget(field.name)
        progress.take(field.name, value, extra)
        taken.append(field.label)
        rest = []
    lines, unused, asked = await _read_rest(form, progress, rest, ctx, taken)
    # Labels, not values: an ID number typed is not echoed back.
    note = f"已记下：{'、'.join(taken)}。"
    if unused:
        # Which words: 「其余的内容没有用上」 alone had left the user to guess what was lost.
        shown = "、".join(dict.fromkeys(_shown(word) for word in unused))
        note += f"没有用上：{shown}，请按下面的提示再填。"
    note = "\n".join([note, *lines])
    # 3O2 among the words: 房间号是「302」吗？ next, as at the room's own question.
    opened = ask_back.open_on(form, progress, asked) if asked else None
    return [Text(note), *([opened] if opened else advance(form, progress, ctx))]


def _shown(word: str) -> str:
    """An unused word as said back: quoted, or, holding a number, the kind of number."""
    for number, kind in _NUMBER_KINDS:
        if number.search(word):
            return kind
    return f"「{word}」"


def _names_joined(words: list[str]) -> list[str]:
    """`words` with a name in Latin letters (John Smith) as one word: a passport's name
    of several words is one answer, upper-case or not."""
    joined: list[str] = []
    for word in words:
        if joined and _LATIN_WORD.fullmatch(word) and _LATIN_WORD.fullmatch(joined[-1].split()[-1]):
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return [part for word in joined for part in _name_apart(word)]


def _name_apart(word: str) -> list[str]:
    """John Smith USA, Anna Lee passport: a country or a document said after the name, its
    own word again."""
    parts = word.split(" ")
    if len(parts) < 2 or not _other_than_name(parts[-1]):
        return [word]
    return [" ".join(parts[:-1]), parts[-1]]


def _other_than_name(word: str) -> bool:
    try:
        parse_document_type(word)
    except Invalid:
        pass
    else:
        return True
    if len(word) < 3:
        return False  # IN, MY, LA: as likely a part of a name
    try:
        return parse_nationality(word).code is not None
    except Invalid:
        return False


async def _read_rest(
    form: Form, progress: Progress, rest: list[str], ctx: Context, taken: list[str]
) -> tuple[list[str], list[str], Mapping[str, AskedBack]]:
    """The words the questions in order did not take (下个月1号起租 租一年 after a
    tenant's phone, when 职业 is next), read as after the form's command: answers of
    open questions are kept (their labels added to `taken`), words for a question that
    needs an answer still to come wait for it. What to say of them, the words that went
    unused, and the questions to ask back (3O2: 房间号是「302」吗？)."""
    if not rest or form.reads is None:
        return [], rest, {}
    read = await form.reads(ctx, form, " ".join(rest), progress.answers)
    unused = list(read.unused)
    followers = {name for names in read.derived.values() for name in names}
    for field in form.fields:
        if field.name not in read.answers or field.name in followers:
            continue
        if field.name in progress.answers or not field.ask_when(progress.answers):
            unused.append(str(read.answers[field.name]))  # one for a question answered
            continue
        extra = {n: read.answers[n] for n in read.derived.get(field.name, ())}
        progress.take(field.name, read.answers[field.name], extra)
        taken.append(field.label)
    lines = [f"未记下{refusal}" for refusal in read.refused]
    for name, said in read.later.items():
        field = form.field(name)
        if name in progress.answers:
            unused.append(said)
            continue
        progress.pending[name] = said
        needs = "、".join(form.field(n).label for n in field.depends_on)
        lines.append(f"「{field.label}」（{said}）已记下，待「{needs}」填好后算出。")
    asked = {
        name: question
        for name, question in read.asked.items()
        if name not in progress.answers and form.field(name).ask_when(progress.answers)
    }
    return lines, unused, asked


async def elsewhere(
    form: Form, progress: Progress, asked: FormField, text: str, ctx: Context, to: str
) -> list[Reply] | None:
    """从这个月1号开始住 at the workplace: the answer of a later question still open (the
    lease's start), kept there; the question asked is asked again, since its own answer
    is still to come. `to`: the only question to try, named by the parser. None when no
    open question takes it."""
    local = local_time(ctx)
    env = FormEnv(progress.answers, local.date(), local)
    later = form.fields[form.fields.index(asked) + 1 :]
    for field in later:
        if to and field.name != to:
            continue
        if field.name in progress.answers or not field.ask_when(progress.answers):
            continue
        needs = [n for n in field.depends_on if n not in progress.answers]
        if needs and to:
            # 一年 at the workplace, before the lease's start: kept for the question named,
            # worked out once the answers it needs are in (it had to be typed again).
            progress.pending[field.name] = text
            labels = "、".join(form.field(n).label for n in needs)
            note = f"「{text}」已记下，待「{labels}」填好后算出「{field.label}」。请接着填写："
            return [Text(note), *advance(form, progress, ctx)]
        if needs:
            continue  # 到期日期 before 起租日期: its parser reads the answers it depends on.
        # Named by the parser, a question that takes any text (the place) is meant.
        if not to and (
            field.choices
            or field.accepts_photos
            or field.accepts_location
            or takes_any_text(field, env)  # another free text would take anything
        ):
            continue
        try:
            parsed = field.parse(text, env)
        except Invalid:
            continue
        value, extra = (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
        if isinstance(parsed, More) or (
            field.check is not None and await field.check(ctx, value, progress.answers)
        ):
            continue
        progress.take(field.name, value, extra)
        note = f"已把这句记为「{field.label}」，请接着填写："
        return [Text(note), *advance(form, progress, ctx)]
    return None
