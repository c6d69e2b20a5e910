"""Reading the answer to the question asked: skips, choices by number or by a near word,
the field's parser and check, and where an answer that is none of those may belong."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.context import Context
from bot.forms import ask_back
from bot.forms.clock import local_time
from bot.forms.photos import photo_of
from bot.forms.plain_answers import says_none
from bot.forms.progress import Progress
from bot.forms.prompts import ask, photo_step
from bot.forms.reading import parses
from bot.forms.several import elsewhere, several
from bot.forms.spec import (
    Advice,
    AskedBack,
    Derived,
    Form,
    FormEnv,
    FormField,
    Misplaced,
    More,
)
from bot.forms.steps import advance, forget_dependants, take_implied
from bot.forms.undo import holds_input
from bot.forms.words import (
    CONFIRM_BUTTON_WORDS,
    EDIT_WORD,
    SKIP_COMMANDS,
    SKIP_WORDS,
    asks_among_options,
    asks_back,
    asks_meaning,
    asks_what_to_fill,
    bare,
    is_question,
    is_yes,
    says_yes,
)
from bot.messages import Photo, Reply, Text
from bot.router import normalise_text
from bot.validators import Invalid

MAX_INPUT_CHARS = 500
#: Opens the reply to a photo taken as the answer, as a photo kept for later is met
#: (`bot.forms.photos.keep_photos`).
PHOTO_TAKEN = "照片已收到。"
#: Where a long text is cut, if one ends late enough: after a sentence, not inside one.
_SENTENCE_ENDS = "。！？!?；;\n"
#: How much of the end of a cut text is said back, for the user to find it in their own.
_TAIL_CHARS = 12


_NEGATIONS = frozenset("不没别无未非")


def closest_choice(text: str, choices: tuple[str, ...]) -> str | None:
    """The option a typed answer means when it is not one (冒充客服让我转账 for 冒充客服,
    身份证号 for 身份证): the only option it contains or that contains it. Nothing looser:
    三号警务区 shares most of its characters with 一号警务区 and means another beat."""
    typed = text.strip()
    if not typed or not choices or any(ch.isdigit() for ch in typed):
        return None  # digits are data (匿名 139…): the field's own parser says what it needs
    # 不要留电话 is not 留电话: an option is a candidate only if it carries the typed
    # negation too.
    negations = set(typed) & _NEGATIONS
    choices = tuple(c for c in choices if negations <= set(c))
    within = [c for c in choices if c in typed or (len(typed) > 1 and typed in c)]
    return within[0] if len(within) == 1 else None


async def answer(form: Form, progress: Progress, text: str, word: str, ctx: Context) -> list[Reply]:
    field = form.field(progress.current)
    left = ""  # what a sentence said besides the option read in it
    noted = ""  # what the parser said of its answer (`Derived.note`)
    # A yes right after 您是选择「护照」吗？ is 护照 (it had got 还差这一项: 证件类型).
    offered = progress.asked_back.pop(field.name, None)
    progress.asked_back.clear()
    # Only a plain yes (是, 对的！, 好的👌): 好几个 begins with 好 and is no yes.
    if offered is not None and is_yes(word) and not ctx.inbound.photos:
        text = word = offered
    if len(text) > MAX_INPUT_CHARS:
        return await _cut_short(form, progress, field, text, ctx)
    inbound = ctx.inbound
    photos = inbound.photos if field.accepts_photos else ()
    location = inbound.location if field.accepts_location else None
    attached = bool(photos) or location is not None
    # A field picked from the summary (修改 房间号), then 确认: a change of mind, not
    # its new answer (a description had been kept as 确认, a room told 还差这一项).
    editing = field.name in progress.answers and field.name not in progress.drafts
    confirmed = bare(word.lower()) in CONFIRM_BUTTON_WORDS and word not in field.choices
    if editing and confirmed and not attached:
        return unchanged(form, progress, field, ctx)
    # With a draft, "跳过" is the parser's to read: it may mean "no more photos".
    drafting = field.name in progress.drafts
    if field.skipped_as and word.lower() in SKIP_COMMANDS and not attached:
        text = word = field.skipped_as
    if field.optional and _skips(field, word) and not attached and not drafting:
        value: object = None
        extra: Mapping[str, object] = {}
    elif word.lower() in SKIP_COMMANDS and not attached and not field.accepts_photos:
        # A required answer: "跳过" would otherwise be stored as the answer (案由：跳过).
        return [Text("这一项必须填写，不能跳过。"), ask(field)]
    elif not text and not attached:
        if inbound.location and field.accepts_photos:
            # 这一步请用文字回答 had come before 如有照片可以直接发送: say what it wants.
            said = f"这一步要的是照片，位置用不上：{_send_photos(field, drafting)}"
            return [photo_step(said, field, drafting)]
        if inbound.photos or inbound.location:
            return [Text("这一步请用文字回答。"), ask(field)]
        return [Text("没有收到文字内容。"), ask(field)]
    else:
        if field.choices:
            # Only a choice is read folded (a full-width 1 or space in it): anything else
            # typed at a choice question goes to the parser as typed, as at any other
            # (旅馆，网吧附近 had been quoted back as 旅馆,网吧附近).
            if word.isdigit() and 1 <= int(word) <= len(field.choices):
                text = field.choices[int(word) - 1]
            elif word in field.choices:
                text = word
        elif field.accepts_photos and word == "1" and not attached:
            text = "完成"  # its one button, numbered where buttons are lines (`photo_step`)
        # 堆点纸箱也算是通的吗？ at 是/否: a question, whatever option it names, is none.
        asked = not attached and _asks_among(field, progress, text, ctx)
        refusal = ""  # the parser's reason, when it refused the words as typed
        local = local_time(ctx)
        env = FormEnv(
            progress.answers,
            local.date(),
            local,
            photos=photos,
            location=location,
            draft=progress.drafts.get(field.name),
        )
        try:
            parsed = field.parse(text, env)
        except Invalid as exc:
            refusal = exc.reason or ""
            if isinstance(exc, Misplaced) and not attached:
                taken = await elsewhere(form, progress, field, text, ctx, exc.to)
                if taken is not None:
                    return taken
            if not attached and says_yes(word) and editing:
                return unchanged(form, progress, field, ctx)
            if (
                not attached
                and field.accepts_photos
                and (wanted := _photo_wanted(form, progress, field, word, ctx))
            ):
                return [photo_step(wanted, field, drafting)]
            if not attached and says_yes(word):
                # 确认 at the last question, taken for the summary: say what is missing
                # rather than 看不懂这个日期.
                how = "不填可回复「跳过」。" if field.optional else "请先填写。"
                if field.accepts_photos and not field.optional:
                    how = "请先拍照发来。"  # a photo is not 填写
                return [Text(f"还差这一项：{field.label}，{how}"), ask(field)]
            nearest = closest_choice(text, field.choices)
            if nearest is None and not attached and not asked:
                nearest = _said_plainly(field, text, env)
            meaning = asks_meaning(text)
            if nearest is None and not attached and take_implied(form, progress, text, ctx):
                # 3205…: the number says which document; it answers the next question.
                # Both said, as taken (the type had been chosen unseen, and the number
                # gone on past without a word): 已记下：证件类型 居民身份证，证件号码 ****2346.
                then = form.find(progress.current)
                replies = await answer(form, progress, text, word, ctx)
                both = [
                    f"{f.label} {f.shown(progress.answers[f.name], local_time(ctx))}"
                    for f in (field, then)
                    if f is not None and f.name in progress.answers
                ]
                return [Text(f"已记下：{'，'.join(both)}。"), *replies]
            if nearest is None and not attached and not asked:
                taken = await several(form, progress, text, ctx)
                if taken is not None:
                    return taken
            if (
                nearest is None
                and _asks_what_to_fill(field, text, attached)
                and not meaning
                and not isinstance(exc, Advice)  # 户口本上有号码的 选哪个: the step answered it
            ):
                # 这个要填什么？ at the name had got the name's rule and 请发送「/咨询 这个
                # 要填什么？」: it asks what the step wants, which the step says. (什么意思
                # gets the parser's own reason, which may say why it is asked.)
                return [Text(_what_it_takes(field)), ask(field)]
            if (
                nearest is None
                and is_question(text, field)
                and not asks_meaning(text)
                and not isinstance(exc, Advice)  # the step answered it (留了电话会泄露吗)
            ):
                # 不登记租客会怎么样 at the phone: a question of one's own, not a bad number.
                kept = "，已填内容会保留" if holds_input(progress) else ""
                return [
                    Text(f"{exc.reason}\n要咨询问题，请发送「/咨询 {text}」{kept}。"),
                    ask(field),
                ]
            if nearest is None and field.accepts_photos:
                # 请直接发送照片；没有请回复「跳过」 says it all: the question again had made
                # two bubbles of one step.
                return [photo_step(exc.reason, field, drafting)]
            if nearest is None:
                return [Text(exc.reason), ask(field)]
            try:
                parsed = field.parse(nearest, env)
            except Invalid:
                return [Text(exc.reason), ask(field)]
            left = _left_over(text, nearest)
        if asked and not isinstance(parsed, More):
            return await _chooses_nothing(field, progress, parsed, refusal, ctx)
        if isinstance(parsed, More):
            progress.answers.update(parsed.extra)
            if not field.accepts_photos:
                # What the words said besides the answer (whom a report is for, the
                # person a tip is about) is kept, and only the question is asked again:
                # a photo step's draft and 完成 had waited here for photos never asked.
                return [Text(parsed.note), ask(field, None, progress.answers)]
            progress.drafts[field.name] = parsed.value
            return [photo_step(parsed.note, field, drafting=True)]
        value, extra = (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
        noted = parsed.note if isinstance(parsed, Derived) else ""
        if isinstance(value, str) and (refused := _not_a_value(field, progress, text, attached)):
            return refused
        if field.check is not None:
            reason = await field.check(ctx, value, progress.answers)
            if isinstance(reason, AskedBack):
                progress.asked_back[field.name] = reason.answer
                return [ask_back.shown(reason, field)]
            if reason:
                return [Text(reason), ask(field)]
    if not extra:
        # The same answer again, after 上一步 or 修改 (是 where 电动车搬走了 had been said):
        # what the first one derived stays (its words as the note), where it had been
        # lost without a word. A different answer, or one deriving anew, replaces it.
        extra = progress.derived_for(field.name, value)
    changed = progress.answers.get(field.name) != value
    progress.forget(field.name)
    if changed:
        # Before this answer's own extras are set: they may fill a dependant (a phone
        # typed at the "leave a phone?" choice).
        forget_dependants(form, progress, field.name)
    progress.take(field.name, value, extra)
    if photos and isinstance(value, list) and any(p.sha256 in value for p in photos):
        # The photo that answered had been met by the next question alone, as if unseen;
        # one kept as a draft says so itself (已收到1张照片).
        return [Text(PHOTO_TAKEN), *advance(form, progress, ctx)]
    if noted and not left:
        return [Text(noted), *advance(form, progress, ctx)]
    if left:
        # 本警务区全部 再加上群众: the option taken, and what else was said not lost
        # without a word.
        note = f"「{field.label}」记为「{field.shown(value, local_time(ctx))}」；没有用上：「{left}」。"
        return [Text(note), *advance(form, progress, ctx)]
    return advance(form, progress, ctx)


#: What an option asked about alone has around it: 护照吗, 护照可以吗, 那选护照行不行？,
#: 男的吧？, 好的呢.
_ASKED_AROUND = re.compile(
    r"^(?:那|那就|就|还是)?(?:用|选|选择)?"
    r"|(?:可以|行|对|好)?(?:吗|呢|嘛|么|吧|不|啊|呀|哦|不行|不可以)?[?？。.!！~～\s]*$"
    r"|(?:行不行|可不可以|好不好|对不对)[?？。.!！~～\s]*$"
)


def _asks_among(field: FormField, progress: Progress, text: str, ctx: Context) -> bool:
    """Whether `text`, at a step with options, is a question (堆点纸箱也算是通的吗？,
    为什么要选护照, 是不是一定要装灭火器): never the option it names. An option asked about
    alone (护照吗, 护照可以吗, 男的吧？) is that option, said unsure; a yes asked back (是吗,
    对吧) is not."""
    if not field.choices or text in field.choices or not asks_among_options(text):
        return False
    plain = _ASKED_AROUND.sub("", text.strip())
    if not plain or plain == text.strip() or asks_back(text) or asks_among_options(plain):
        return True
    return not parses(field, plain, progress, ctx)


async def _chooses_nothing(
    field: FormField, progress: Progress, parsed: object, reason: str, ctx: Context
) -> list[Reply]:
    """A question at a step with options that the parser, or the option it names, would have
    answered: nothing is chosen (堆点纸箱也算是通的吗？ had been kept as 是, a blocked exit
    recorded as clear; 为什么要选护照 as 护照). The step's own word on it, a question asked
    back by its check; else the option it names asked back, as its check asks of a longer
    question (您是选择「护照」吗？), a 是 taking it; else the parser's reason (what an
    inspection item means) or that it was read as a question. Then the step again, its
    options under it."""
    value = parsed.value if isinstance(parsed, Derived) else parsed
    if field.check is not None:
        checked = await field.check(ctx, value, progress.answers)
        if isinstance(checked, AskedBack):
            progress.asked_back[field.name] = checked.answer
            return [ask_back.shown(checked, field)]
    option = field.shown(value, local_time(ctx))
    typed = ctx.inbound.text.strip()
    # A one-character option (是, 男) is in most questions, and asked back reads oddly.
    if option in field.choices and len(option) > 1:
        kept = "，已填内容会保留" if holds_input(progress) else ""
        asked = AskedBack(
            f"您是选择「{option}」吗？是的话请回复「是」；要问问题，请发送「/咨询 {typed}」{kept}。",
            option,
        )
        progress.asked_back[field.name] = option
        return [ask_back.shown(asked, field)]
    said = reason or f"这句像是在提问，没有记作「{field.label}」的回答。"
    return [Text(said), ask(field)]


#: Around an option typed in a sentence (就选防诈吧, 等等 改成一般, 先内部吧): words that say
#: nothing.
_AROUND_OPTION = re.compile(
    r"[\s，,。.!！?？、~～]+|^(?:等等|等一下|那|就|还是|先|选|选择|改成|改为|是|用)+"
    r"|(?:吧|啊|呀|的|就行|就好|好了)+$"
)


def _said_plainly(field: FormField, text: str, env: FormEnv) -> str | None:
    """The words a step with options reads once what says nothing is taken from around them
    (先内部吧: 内部, which its parser takes for 内部（仅民警可见）; it had got 请选择「内部」
    或「公开」), or None when they are no answer either. A negation is never around."""
    plain = _AROUND_OPTION.sub("", text)
    if not field.choices or not plain or plain == text.strip():
        return None
    try:
        parsed = field.parse(plain, env)
    except Invalid:
        return None
    value = parsed.value if isinstance(parsed, Derived) else parsed
    # Only an option: a step that also reads free words (an alert's scope: 旅馆，网吧附近的
    # 住户) is left to read them as typed.
    return plain if field.shown(value, env.now) in field.choices else None


def _left_over(text: str, option: str) -> str:
    """What a sentence says besides the option read in it (再加上群众 after 本警务区全部),
    or "" when only words that say nothing are left. Typed as a part of the option
    (公检法 for 冒充公检法), the words are the option, and nothing is left."""
    if option not in text:
        plain = _AROUND_OPTION.sub("", text)
        return "" if plain in option or len(plain) < 2 else plain
    rest = [_AROUND_OPTION.sub("", part) for part in text.split(option)]
    return " ".join(part for part in rest if len(part) >= 2)


def _photo_wanted(form: Form, progress: Progress, field: FormField, word: str, ctx: Context) -> str:
    """At a photo step, a yes its parser refused (是, 好了, 有: the question before it
    answered again, or a yes to having a photo): what the step wants, and 跳过 where it
    takes it; "" for any other word. 确认 is not one: it is taken for the summary, and
    told what is still missing (see `answer`)."""
    repeated = _repeats_last_answer(form, progress, word, ctx)
    if repeated is None and (not says_yes(word) or bare(word) in CONFIRM_BUTTON_WORDS):
        return ""
    if field.name in progress.drafts:
        how = "；发完请回复「完成」"
    elif field.optional:
        how = "；没有请回复「跳过」"
    elif parses(field, _SKIP, progress, ctx):
        how = "；暂时没法拍请回复「跳过」"
    else:
        how = ""
    if field.name not in progress.drafts and _one_photo_answers(field, progress, ctx):
        how = f"，收到后自动进入下一项{how}"  # no 完成 to send after it
    thing = photo_of(field)
    if repeated is not None and repeated.label == thing:
        return f"「{thing}」已经答过了，这一步要它的照片：请直接发送{how}。"
    lead = f"「{repeated.label}」已经答过了，" if repeated is not None else ""
    what = f"「{thing}」的照片" if thing != field.label else field.label
    return f"{lead}这一步要的是{what}：请直接发送{how}。"


def _one_photo_answers(field: FormField, progress: Progress, ctx: Context) -> bool:
    """Whether one photo sent at `field` answers it, the form moving on (an inspection
    item's one photo), rather than being kept until 完成."""
    local = local_time(ctx)
    env = FormEnv(progress.answers, local.date(), local, photos=(Photo("0" * 64),))
    try:
        return not isinstance(field.parse("", env), More)
    except Invalid:
        return False


def _repeats_last_answer(
    form: Form, progress: Progress, word: str, ctx: Context
) -> FormField | None:
    """The question with options answered just before this step, when `word` answers it
    as it was answered (是 at the photo after 是): said again, not meant for this step."""
    if not progress.history:
        return None
    last = form.field(progress.history[-1])
    if not last.choices or last.name not in progress.answers:
        return None
    local = local_time(ctx)
    try:
        again = last.parse(word, FormEnv(progress.answers, local.date(), local))
    except Invalid:
        return None
    return last if again == progress.answers[last.name] else None


def _asks_what_to_fill(field: FormField, text: str, attached: bool) -> bool:
    """这个要填什么？, 什么意思 typed at a step: asked, never its answer."""
    return not attached and asks_what_to_fill(text)


def _what_it_takes(field: FormField) -> str:
    """The short hint a question about the step gets, before the step's own question."""
    if field.accepts_photos:
        return f"这一步请直接发送「{field.label}」，按下面的提示回复即可。"
    if field.choices:
        return f"这一步请选择「{field.label}」：点下面的选项，或回复序号。"
    return f"这一步请直接填写「{field.label}」，按下面的提示回复即可。"


def _not_a_value(
    field: FormField, progress: Progress, text: str, attached: bool
) -> list[Reply] | None:
    """A question a free-text step's parser took as its answer (这个要填什么？ kept as a
    guest's relation, 身份证丢了怎么办 as it too): what the step takes, and the step again;
    None for a value. A question of one's own is refused only where the field says no
    question answers it (`FormField.refuses_questions`): a tip is often told as one."""
    if _asks_what_to_fill(field, text, attached):
        return [Text(_what_it_takes(field)), ask(field)]
    if field.refuses_questions and not attached and is_question(text, field):
        kept = "，已填内容会保留" if holds_input(progress) else ""
        return [
            Text(f"{_what_it_takes(field)}要咨询问题，请发送「/咨询 {text}」{kept}。"),
            ask(field),
        ]
    return None


def unchanged(form: Form, progress: Progress, field: FormField, ctx: Context) -> list[Reply]:
    """`field`'s answer kept as it was: on to the summary, or to the next question
    still open when 修改 was typed before the form was done."""
    progress.drafts.pop(field.name, None)
    return [Text(f"「{field.label}」未作修改。"), *advance(form, progress, ctx)]


def _send_photos(field: FormField, drafting: bool) -> str:
    """What a photo question waits for, in the words its parser uses."""
    if drafting:
        return "请直接发送照片；发完请回复「完成」。"
    return "请直接发送照片；没有请回复「跳过」。" if field.optional else "请直接发送照片。"


def _skips(field: FormField, word: str) -> bool:
    """跳过 or 没有 at an optional question, or a sentence saying there is none of it
    (她没手机 at the phone), unless that sentence is one of the field's options."""
    if word.lower() in SKIP_WORDS:
        return True
    return word not in field.choices and says_none(word, (field.label, *field.aliases))


async def _cut_short(
    form: Form, progress: Progress, field: FormField, text: str, ctx: Context
) -> list[Reply]:
    """A text over `MAX_INPUT_CHARS` (a description of 1,260 characters) had been refused
    whole with 请精简后重新输入, to be typed again on a phone: its first part is the answer,
    cut after its last sentence that fits, and what was kept is said with where it ends."""
    kept = text[:MAX_INPUT_CHARS]
    end = max(kept.rfind(mark) for mark in _SENTENCE_ENDS)
    if end + 1 >= MAX_INPUT_CHARS * 3 // 5:
        kept = kept[: end + 1]
    kept = kept.rstrip()
    before = progress.answers.get(field.name, _UNSET)
    replies = await answer(form, progress, kept, normalise_text(kept), ctx)
    after = progress.answers.get(field.name, _UNSET)
    if after is _UNSET or after is before:
        return replies  # not taken (too long a name): the field's own reason is said
    tail = kept[-_TAIL_CHARS:].replace("\n", " ")
    # 「修改 情况描述」 had been offered to add the rest: it replaces the answer, under the
    # same cap, so the rest could never go in. Said instead: where it can go, if anywhere.
    rest = (
        form.added_later
        or f"要换成精简后的内容，请发送「{EDIT_WORD} {field.label}」（最多{MAX_INPUT_CHARS}字）"
    )
    note = (
        f"内容较长，已保留前{len(kept)}字，末尾是「…{tail}」，后面{len(text) - len(kept)}字"
        f"未保存。{rest}。"
    )
    return [Text(note), *replies]


_UNSET = object()
#: The word that declines a photo step, offered where its parser takes it.
_SKIP = "跳过"
