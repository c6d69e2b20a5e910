"""A message answered aside while a form waits (a command typed without its slash, a
question to the bot at a choice or a photo): whether it is one, and the line said after
its answer, that the form waits and how to go on."""

from __future__ import annotations

from collections.abc import Mapping

from bot.context import Context
from bot.forms import undo
from bot.forms.answer import closest_choice
from bot.forms.clock import local_time
from bot.forms.more import pages_recent
from bot.forms.photos import photo_of
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.prompts import ask
from bot.forms.reading import (
    OWN_WORDS,
    UNREAD,
    named_only,
    parses,
    read_value,
    said,
    started_by,
    taken,
    takes,
)
from bot.forms.spec import Advice, Form, FormEnv, FormField, Misplaced
from bot.forms.store import StoredProgress
from bot.forms.words import (
    EDIT_WORD,
    asks_among_options,
    asks_in_words,
    asks_something_else,
    asks_the_law,
    help_asked,
    opens_aside,
)
from bot.messages import Text
from bot.validators import Invalid

#: Said after a message answered aside while a form waits (`aside_line`,
#: `FormEngine.after_command`); `kept` is `_KEPT` when the form holds the user's input,
#: else "".
_SET_ASIDE = "您的{title}还没填完{kept}：回复「继续」接着填写，不要了回复「取消」。"
#: The same at a photo, which is sent as it is, without 继续 first.
_PHOTO_AWAITED = "您的{title}还没填完{kept}：{how}；不填了回复「取消」。"
#: An empty form (自查 opened, then a question asked aside) had been said to keep what
#: was filled: said only of a form holding the user's input.
_KEPT = "，已填内容都保留着"

#: How a photo step is declined, offered in `waits` where its parser takes it.
_SKIP = "跳过"


#: The same at a free text that takes no question (订阅's 片区): the next message is its
#: answer, so the question itself is asked again (回复「继续」 first was one step too many).
_TEXT_AWAITED = "您的{title}还没填完{kept}，不要了回复「取消」。{question}"


def asks_again(form: Form, progress: Progress) -> str:
    """The line after a question of one's own answered aside at a free text that takes
    none (`FormField.refuses_questions`): the form waits, and its question again."""
    kept = _KEPT if undo.holds_input(progress) else ""
    asked = ask(form.field(progress.current))
    question = asked.text if isinstance(asked, Text) else form.field(progress.current).prompt
    return _TEXT_AWAITED.format(title=form.title, kept=kept, question=question)


def waits(form: Form, progress: Progress, ctx: Context) -> str:
    """The line after a message answered aside (`_SET_ASIDE`): at a photo, what the step
    takes, as it offers it (拍好后直接发送；不拍了回复「跳过」): the owner who forgot the
    form reads how to go on, or to drop it, there and then."""
    kept = _KEPT if undo.holds_input(progress) else ""
    if progress.current in (CONFIRM, CHOOSING_EDIT):
        return _SET_ASIDE.format(title=form.title, kept=kept)
    field = form.field(progress.current)
    if not field.accepts_photos:
        return _SET_ASIDE.format(title=form.title, kept=kept)
    thing = photo_of(field)
    # 「安全出口」的照片; a field called 照片 or 图片 is named as it is.
    what = f"「{thing}」的照片" if thing != field.label else field.label
    how = f"{what}拍好后直接发送"
    if field.name in progress.drafts:
        how += "；发完回复「完成」"
    elif parses(field, _SKIP, progress, ctx):
        how += f"；不拍了回复「{_SKIP}」"  # only where the step takes it
    return _PHOTO_AWAITED.format(title=form.title, kept=kept, how=how)


async def aside_line(forms: Mapping[str, Form], ctx: Context, stored: StoredProgress) -> str | None:
    """`FormEngine.set_aside`'s line, the form left as it is."""
    match, progress = ctx.match, stored.progress
    form = forms.get(progress.form_name)
    if form is not None and stored.expired_at > ctx.now and await pages_recent(ctx):
        # 更多 just after a legal answer had been told to wait for the form: the page,
        # then a word that the form waits.
        return waits(form, progress, ctx)
    if match is None and form is not None and await asks_aside(form, stored, ctx):
        # 今天登记了几个人 at 证件类型 had got 看不懂这个证件类型, and a question at a
        # photo the photo request again: a question to the bot, answered as it would be
        # with no form open, the form waiting. 派出所几点下班 at 订阅's 片区 had been
        # looked up as a place: answered, and the place asked again.
        return _after_aside(form, progress, ctx)
    if (
        match is None
        or match.is_command  # never here: a command with its slash skips the form
        or form is None
        or stored.expired_at <= ctx.now
        or started_by(form, ctx)
        or progress.current == CHOOSING_EDIT
        or named_only(ctx)  # 登记完成 had said 已完成 with nothing submitted
    ):
        return None
    text = said(ctx)
    lowered = text.lower()
    if lowered in OWN_WORDS or lowered.startswith(EDIT_WORD) or help_asked(text):
        return None  # 取消, 帮助: the form's own words first (see `FormEngine.handle`)
    if progress.current != CONFIRM:
        field = form.field(progress.current)
        if _refuses_questions(field):
            # 举报 楼下有人赌博 at 订阅's 片区 had been looked up as a place: another
            # feature with its words, used, unless the step takes them (a place).
            if not match.args or await _accepts(field, text, stored, ctx):
                return None
            return asks_again(form, progress)
        if field.accepts_photos:
            # 全文 1, offered under a legal answer given at a photo (`asks_aside`), had
            # got the photo request. A feature's name alone is said to be one there
            # (see `names_a_feature`), and the photo's parser keeps its own words.
            if not match.args or taken(field, text, progress, ctx):
                return None
        elif field.choices:
            if takes(form, progress, text, ctx):
                return None
        elif not match.args or taken(field, text, progress, ctx):
            # 退房 108 at 证件号码 had been read as the number (身份证号只能由数字组成): a
            # feature with its words, which the step cannot take, is used aside.
            return None
    return waits(form, progress, ctx)


def _refuses_questions(field: FormField) -> bool:
    """A free text no question answers (`FormField.refuses_questions`)."""
    return field.refuses_questions and not field.choices and not field.accepts_photos


def _after_aside(form: Form, progress: Progress, ctx: Context) -> str:
    field = form.field(progress.current)
    free_text = not field.choices and not field.accepts_photos
    text = said(ctx)
    if _refuses_questions(field) or (free_text and (opens_aside(text) or asks_the_law(text))):
        return asks_again(form, progress)
    return waits(form, progress, ctx)


def _names_an_option(field: FormField, text: str) -> bool:
    """Whether a question names one of the step's options in full (是不是要选护照？, its
    不 a question's and no negation, which `closest_choice` reads it as): the step says
    what it takes, where the question had gone aside and got 没有理解. A one-character
    option (是, 男) names nothing inside a sentence."""
    return asks_among_options(text) and any(len(c) > 1 and c in text for c in field.choices)


def _answers_itself(field: FormField, text: str, progress: Progress, ctx: Context) -> bool:
    """Whether the step answers `text` itself (`Advice`: 他身份证忘带了怎么办 at 证件类型),
    or passes it on to a later question (`Misplaced`)."""
    local = local_time(ctx)
    try:
        field.parse(text, FormEnv(progress.answers, local.date(), local))
    except (Advice, Misplaced):
        return True
    except Invalid:
        return False
    return False


async def _accepts(field: FormField, text: str, stored: StoredProgress, ctx: Context) -> bool:
    """Whether `field` keeps `text` as its answer: its parser reads it, and its check
    (the beat a place is in) finds nothing wrong with it."""
    progress = stored.progress
    value = read_value(field, text, progress.answers, ctx)
    if value is UNREAD:
        return False
    return field.check is None or not await field.check(ctx, value, progress.answers)


async def asks_aside(form: Form, stored: StoredProgress, ctx: Context) -> bool:
    """Whether a message no route takes is a question to the bot about something else,
    typed at a question with options that none answers, at a photo, or at a free text
    that takes no question and not this one as its answer (see
    `asks_something_else`)."""
    progress = stored.progress
    if stored.expired_at <= ctx.now or progress.current in (CONFIRM, CHOOSING_EDIT):
        return False
    if ctx.inbound.photos or ctx.inbound.location:
        return False
    text = said(ctx)
    field = form.field(progress.current)
    # 不登记身份证会罚款吗？ at an item's 说明, or naming an option: a legal question is
    # no answer anywhere (it had been kept as the 说明).
    legal = asks_the_law(text)
    if text.lower() in OWN_WORDS or not (legal or asks_something_else(text, field)):
        return False
    if field.implied is not None and field.implied(text) is not None:
        return False  # 3205…: an ID number, which says the document type
    if (closest_choice(text, field.choices) is not None or _names_an_option(field, text)) and (
        not legal
    ):
        return False  # the step's to read, or to explain (是不是要选护照？)
    if opens_aside(text):
        return True  # 等一下，我先问下…吗: whatever the step would take
    if legal:
        return not _answers_itself(field, text, progress, ctx)
    if _refuses_questions(field):
        # 我住和平里哪个片区？ names a place all the same: taken as one when it is one. A
        # parser of any words (同住关系, 职业) had kept 身份证丢了怎么办 as the answer, or
        # sent it to /咨询: a question there is answered as with no form open.
        return asks_in_words(text) or not await _accepts(field, text, stored, ctx)
    # The parser reads more than the options (我没有身份证号码 at 就是这个号码吗, 不拍
    # 可以吗 at a photo).
    return not taken(field, text, progress, ctx)
