"""The form's own words at any step: 取消 and 算了, 帮助, 继续, 上一步 and 修改."""

from __future__ import annotations

import re

from bot.forms import undo
from bot.forms.clock import local_time
from bot.forms.edit import back, edit_with_value, glued_edit, said_change
from bot.forms.lines import resumed
from bot.forms.progress import CONFIRM
from bot.forms.prompts import current, edit_example
from bot.forms.reading import answers_with, reads_as_answer, takes
from bot.forms.turn import Turn
from bot.forms.words import (
    BACK_WORDS,
    CANCEL_WORDS,
    EDIT_WORD,
    GIVING_UP,
    HELP_WORDS,
    QUIT_WORDS,
    RESUME_WORDS,
    SAID_CANCEL,
    YES_TO_QUIT,
    help_asked,
    is_yes,
)
from bot.messages import Reply, Text

#: 算了不登了 客人走了, 不要了，他不住了: giving up, said with why (at the summary it had got
#: 没看懂这句, where 算了 alone cancels). Not 算了 房间改成305, a change.
_GIVES_UP_SAYING_WHY = re.compile(
    r"(?:算了|好了)?[，,\s]*(?P<word>不(?:想|要|用)?(?:登|报|填|发|登记|弄)了|不要了|算了)"
    r"[，,。!！\s]+\S.*",
    re.S,
)


def _said_cancel(turn: Turn) -> bool:
    """算了, 不要了: a wish to stop, unless the step takes the word as its answer. Said
    with more (算了 还是匿名吧 at the tip's phone), 算了 may drop the step's question, not the
    form: when the step reads the message as an answer of its own, it is that answer."""
    why = _GIVES_UP_SAYING_WHY.fullmatch(turn.text)
    said = turn.text in SAID_CANCEL or (
        why is not None
        and said_change(turn.form, turn.text) is None
        and not (
            why["word"] in SAID_CANCEL
            and reads_as_answer(turn.form, turn.progress, turn.text, turn.ctx, why["word"])
        )
    )
    return said and not answers_with(turn.form, turn.progress, turn.text)


def cancels(turn: Turn) -> bool:
    """Whether the message cancels the form at once."""
    text, progress = turn.text, turn.progress
    quits = turn.asked_to_quit and (text.lower() in YES_TO_QUIT or is_yes(text))
    # 算了 had only been asked about, even where nothing typed would be lost, or where
    # the form had just offered cancelling (要放弃吗, the summary's 取消).
    said_cancel = _said_cancel(turn) and (
        turn.asked_to_quit or progress.current == CONFIRM or not progress.typed()
    )
    stops = turn.form.stops
    return (
        text.lower() in CANCEL_WORDS
        or (stops is not None and stops.fullmatch(text) is not None)
        or said_cancel
        or (quits and not takes(turn.form, progress, text, turn.ctx))
    )


async def own_word(turn: Turn) -> list[Reply] | None:
    """The reply to one of the form's own words (but 取消, see `cancels`), or None."""
    form, progress, text, ctx = turn.form, turn.progress, turn.text, turn.ctx
    if text in QUIT_WORDS or GIVING_UP.search(text) or _said_cancel(turn):
        progress.quitting = True
        return [
            Text(
                f"要放弃本次{form.title}吗？回复「取消」即放弃，已填内容不会提交。要继续，请回答："
            ),
            current(form, progress, local_time(ctx)),
        ]
    if asked_for := help_asked(text):
        # 帮助 全部 in a form was kept as the answer (a guest named 帮助全部): it is the
        # help command, which works in a form with its slash.
        keeps = "已填内容会保留；" if undo.holds_input(progress) else ""
        return [
            Text(
                f"您正在填写{form.title}。要查看帮助，请发送「/帮助 {asked_for}」，"
                f"{keeps}要继续填写，请回答："
            ),
            current(form, progress, local_time(ctx)),
        ]
    if text.lower() in HELP_WORDS:
        return [
            Text(
                f"您正在填写{form.title}，回答下面的问题即可。可随时回复「上一步」，"
                f"「{edit_example(form, progress)}」这样改已填的一项，或「取消」放弃。"
            ),
            current(form, progress, local_time(ctx)),
        ]
    if text in RESUME_WORDS:
        # 继续 after a command used in between (see `set_aside`), or after a pause: the
        # question again.
        replies = [current(form, progress, local_time(ctx))]
        if turn.paused:
            turn.recalled = True
            keeps = "，已填的内容都在" if undo.holds_input(progress) else ""
            replies.insert(0, Text(f"{resumed(form, turn.stored, ctx)}{keeps}，接着填写："))
        return replies
    if text in BACK_WORDS:
        return back(form, progress, ctx)
    if text == EDIT_WORD or text.startswith(EDIT_WORD + " ") or glued_edit(form, text):
        return await edit_with_value(form, progress, text[len(EDIT_WORD) :].strip(), ctx)
    return None
