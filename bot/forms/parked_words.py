"""What the user says of the form set aside (`parked`) with no form open: 继续自查 takes it
up, 那个没填完的自查不要了 drops it, 我还有什么没填完的 lists it.

The reminder under a receipt (您的消防安全自查还没填完) had named the form, yet 继续自查
started a blank one, 自查不要了 got the place picker, and 还有什么没填完的 was read as a
legal follow-up: nothing but a bare 继续 reached the form, and not after a legal answer.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping

from bot.context import Context
from bot.forms import parked, undo
from bot.forms.lines import cancelled
from bot.forms.progress import Progress
from bot.forms.spec import Form
from bot.messages import Button, Choices, Reply, Text

#: 继续自查, 接着填自查吧: the word that resumes, and what it resumes.
_TAKE_UP = re.compile(
    r"(?:继续|接着)(?:填写?|做|弄|完成)?(?:那个|我的|刚才的?)?(?P<named>.+?)(?:吧|呀|啊)?[。.!！]*"
)
#: 那个没填完的自查不要了, 自查不填了, 提问删掉吧: what is given up, then the words that do.
_GIVE_UP = re.compile(
    r"(?P<named>.+?)[，,\s]*(?:我|就|也|都)*"
    r"(?:不(?:要|用|想|填|做|查|登记?|报|问)了|删(?:掉|除)?了?|作废)(?:吧|啊|呀)?[。.!！]*"
)
#: 没填完的, 那个没做完的表: a form left unfinished, named so (whatever it was).
_UNFINISHED = "(?:没|未)(?:填|写|做|弄|登记?)?完(?:成)?"
_SOME_UNFINISHED = re.compile(
    rf"(?:那个|那份|这个|这份|刚才的?)?{_UNFINISHED}的?(?:那个|那份)?(?:表|表单)?"
)
#: 我还有什么没填完的, 还有没填完的吗, 没填完的有哪些: what is unfinished, asked after (the
#: user's own, in so many words: 装修没做完可以要回钱吗 is no such question).
_ASKS_UNFINISHED = re.compile(
    rf"(?:(?:我|我们)?还?有(?:什么|啥|哪些|哪个|没有)?(?:东西|表|表单|内容)?(?:是)?还?"
    rf"{_UNFINISHED}的?(?:吗|嘛|呢|没有)?"
    rf"|(?:我的?)?{_UNFINISHED}的(?:表|表单)?(?:还)?(?:有|是)(?:哪些|什么|啥|哪个))[?？。]*"
)
#: Characters of a form's title that name it in a sentence (自查 of 消防安全自查).
_NAME_CHARS = 2

#: Brings back the form parked, as 继续 does; `asked`: named, so never a legal answer's
#: next page (see `FormEngine._unpark`).
Unpark = Callable[[Context, bool], Awaitable[list[Reply]]]
#: Brings back the form cancelled a moment ago, as 恢复 does (see `FormEngine.restore`).
TakeBack = Callable[[Context], Awaitable[list[Reply]]]


def names(form: Form, words: str) -> bool:
    """Whether `words` name `form`: its title, or two characters of it in a row (自查,
    登记, 提问)."""
    title = form.title
    return any(title[at : at + _NAME_CHARS] in words for at in range(len(title) - _NAME_CHARS + 1))


def drop_words(form: Form) -> str:
    """What to send to give up the parked `form`, as the reminder and the list say it."""
    return f"{form.title}不要了"


async def reply(
    forms: Mapping[str, Form], ctx: Context, text: str, unpark: Unpark, take_back: TakeBack
) -> list[Reply]:
    """The reply to `text` if it speaks of the form parked, takes up by its name the one
    cancelled a moment ago, or asks what is unfinished; else nothing. Call only with no
    form open."""
    took, gave = _TAKE_UP.fullmatch(text), _GIVE_UP.fullmatch(text)
    if took is None and gave is None and not asks(text):
        return []  # most messages: what is parked is not read (it runs on every message)
    held = await parked.held(ctx)
    form = forms.get(held.form_name) if held else None
    if held is not None and form is not None:
        if took is not None and names(form, took["named"]):
            return await unpark(ctx, True)
        gone = gave["named"] if gave is not None else ""
        if gave is not None and (names(form, gone) or _SOME_UNFINISHED.fullmatch(gone)):
            await parked.take(ctx)
            return [Text(cancelled(form, await undo.keep(ctx, held)))]
    if took is not None and (kept := await undo.kept(ctx)) is not None:
        stopped = forms.get(kept.form_name)
        if stopped is not None and names(stopped, took["named"]):
            # 继续消防安全自查 after 先不查了 had started a new inspection, the answers
            # given lost: the one stopped is what is named, and kept for just that.
            return await take_back(ctx)
    if not asks(text):
        return []
    return await _listed(forms, ctx, held, form)


async def _listed(
    forms: Mapping[str, Form], ctx: Context, held: Progress | None, form: Form | None
) -> list[Reply]:
    """我还有什么没填完的: the form parked, with a button to take it up and one to drop
    it; one cancelled a moment ago, which 恢复 brings back; or that there is none."""
    replies: list[Reply] = []
    if held is not None and form is not None:
        await parked.named(ctx)
        replies.append(
            Choices(
                f"您有一份没填完的{form.title}（已填 {len(held.typed())} 项），"
                f"回复「继续」接着填写，不要了回复「{drop_words(form)}」。",
                (Button("继续填写", "继续"), Button("不要了", drop_words(form))),
            )
        )
    kept = await undo.kept(ctx)
    other = forms.get(kept.form_name) if kept else None
    if other is not None:
        replies.append(
            Text(
                f"您刚才取消的{other.title}还保留着，{undo.minutes()}分钟内回复「恢复」可接着填写。"
            )
        )
    return replies or [Text("您目前没有没填完的内容。")]


def asks(text: str) -> bool:
    """Whether `text` asks what is unfinished (我还有什么没填完的)."""
    return _ASKS_UNFINISHED.fullmatch(text) is not None


async def open_and_parked(
    forms: Mapping[str, Form], ctx: Context, form: Form, progress: Progress
) -> str:
    """我还有什么没填完的, asked in the open `form`: it, and the form parked for it if any
    (its 继续 comes once this one is done); the form's question follows."""
    held = await parked.held(ctx)
    other = forms.get(held.form_name) if held else None
    line = f"您正在填写的{form.title}还没填完（已填 {len(progress.typed())} 项）"
    if other is not None:
        await parked.named(ctx)
        line += f"；另有一份没填完的{other.title}，{form.title}完成后回复「继续」接着填"
    return f"{line}。请接着回答："
