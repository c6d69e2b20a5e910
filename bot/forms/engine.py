"""Runs declared forms: asks each field, validates, and handles 上一步 / 修改 / 取消.

The message loop is here; each part of it is a module beside it: `starting` (a form
begun, resumed, or another kept), `reading` (what a message at a step is), `control` (the
form's own words: 取消, 帮助, 继续, 上一步, 修改), `confirm` (the summary), `question` (a
message at a question), `answer` (the answer itself), `several` (answers for other
questions), `edit` (修改 and 上一步), `steps` (what is asked next), `prompts` (a
question, the summary), `photos` (a photo sent at a question that takes none), `aside`
(a message answered aside while the form waits), `submitted` (确认 after a submit),
`lines` (the form's own lines: 取消's reply, which form goes on after a pause).

A form's whole flow, for every form:

```mermaid
stateDiagram-v2
    [*] --> Ask: start (prefilled fields skipped)
    Ask --> Ask: valid answer, more fields
    Ask --> Ask: invalid answer (reason + same question)
    Ask --> Ask: a question naming an option (为什么要选护照: nothing chosen, same question)
    Ask --> Ask: a legal question (不登记会罚款吗？: answered aside, same question)
    Ask --> Ask: answer asked back (您是选择「护照」吗？: a 是 next takes it, nothing later)
    Ask --> Ask: 上一步 (previous question again)
    Ask --> Ask: partial answer kept as a draft (a photo, more may follow)
    Ask --> Confirm: last field answered
    Ask --> [*]: its one field answered, in a form that skips 确认 (`Form.confirms`)
    Confirm --> Ask: 修改 字段
    Confirm --> [*]: 确认 (submit, receipt)
    Confirm --> Confirm: 确认 after a pause (the summary again, with when it was left)
    Confirm --> Ask: 确认 with a question still open (never submitted)
    Ask --> Ask: 继续 (the question again, after a command used in between)
    Ask --> [*]: 取消 (算了 too, with nothing typed or after 要放弃吗)
    Ask --> [*]: words of a pause (`Form.pauses`: 来客人了), set aside for 继续 (`pause`)
    Confirm --> [*]: 取消 (算了, 不要了 too)
    Ask --> [*]: another feature named, nothing typed yet (that feature instead)
    [*] --> Ask: 恢复 / 继续 / 继续自查 (named) within 30 minutes of 取消 (where it was)
    [*] --> Ask: 继续 / 继续自查 once the form started meanwhile is done (`parked`)
    Ask --> Ask: 取消 of the form started meanwhile (the one set aside for it, taken up)
    Ask --> [*]: expired (notice)
```
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from bot.context import Context
from bot.forms import (
    ask_back,
    confirm,
    control,
    parked,
    parked_words,
    pause,
    question,
    starting,
    undo,
)
from bot.forms.aside import aside_line, waits
from bot.forms.clock import local_time
from bot.forms.edit import choose_edit
from bot.forms.lines import PAUSE, cancelled, noted, resumed
from bot.forms.more import asks_for_more
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.prompts import current, still_to_confirm, summary, summary_choice
from bot.forms.reading import (
    OWN_WORDS,
    names_a_feature,
    said,
    started_by,
    takes,
)
from bot.forms.spec import Form
from bot.forms.steps import due
from bot.forms.store import FormStore, StoredProgress
from bot.forms.submitted import forget_submitted, remember_done, remember_submitted, submitted
from bot.forms.turn import Turn, save
from bot.forms.words import CONFIRM_BUTTON_WORDS, RESTORE_WORDS, RESUME_WORDS
from bot.messages import Reply, Text
from storage import memos

# Still imported from here: the form's clock by handlers/broadcast, handlers/inspection
# and handlers/venues (and tests/handlers/broadcast), its home `bot.forms.clock`; the
# memos of a submit by handlers/broadcast and handlers/hits, their home
# `bot.forms.submitted`.
__all__ = ["FormEngine", "forget_submitted", "local_time", "remember_done"]


class FormEngine:
    def __init__(self, forms: Mapping[str, Form], store: FormStore) -> None:
        self._forms = dict(forms)
        self._store = store
        #: Start (or resume) a form: `starting.start` with this engine's forms and store,
        #: its parameters written once (they had been repeated here, one by one).
        self.start = partial(starting.start, self._forms, self._store)

    def form(self, name: str) -> Form:
        return self._forms[name]

    def titles(self) -> dict[str, str]:
        return {name: form.title for name, form in self._forms.items()}

    async def load(self, ctx: Context) -> StoredProgress | None:
        return await self._store.load(ctx.session, ctx.user_key, ctx.form_read)

    async def active(self, ctx: Context) -> bool:
        return await self._store.exists(ctx.session, ctx.user_key, ctx.form_read)

    async def open_form(self, ctx: Context) -> Form | None:
        """The form the user is filling in, if any (and not expired)."""
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        if stored is None or stored.expired_at <= ctx.now:
            return None
        return self._forms.get(stored.progress.form_name)

    async def waiting(self, ctx: Context) -> list[Reply]:
        """What the user's open form is waiting for, said when a message was not taken as
        its answer (an emergency typed mid-form); nothing if no form is open."""
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        form = self._forms.get(stored.progress.form_name) if stored else None
        if stored is None or form is None or stored.expired_at <= ctx.now:
            return []
        return await noted(
            ctx,
            form,
            stored.progress,
            [
                Text(f"您正在填写的{form.title}已保留，需要时可以继续；不需要请回复「取消」。"),
                current(form, stored.progress, local_time(ctx)),
            ],
        )

    async def unfinished(self, ctx: Context, form_name: str) -> Mapping[str, object] | None:
        """The answers of the user's unfinished `form_name`, which `start` resumes when it
        is given no prefill, or None."""
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        if stored and stored.progress.form_name == form_name and stored.expired_at > ctx.now:
            return stored.progress.answers
        return None

    async def submitted(self, ctx: Context) -> list[Reply]:
        """确认 again, with no form open, just after one was submitted (a second tap on the
        summary's button had got 没有理解您的意思): that it went in; else nothing."""
        if ctx.match is not None or said(ctx) not in CONFIRM_BUTTON_WORDS:
            return []
        return await submitted(ctx)

    async def cancel(self, ctx: Context) -> bool:
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        if stored is None:
            return False
        await self._store.clear(ctx.session, ctx.user_key)
        return True

    async def withdraw(self, ctx: Context) -> list[Reply] | None:
        """/取消 with a form open: the form cancelled as 取消 typed in it cancels it (kept a
        while to be brought back, or the form set aside for it taken up), and what to say;
        None when no form is open. With none open and no buttons on screen, the form set
        aside (先不弄了, then 取消) is the one cancelled: it had got 当前没有进行中的填写, and
        was named under every receipt after."""
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        if stored is None:
            dropped = None if ctx.options_shown else await self._drop_parked(ctx)
            return None if dropped is None else [Text(dropped)]
        await self._store.clear(ctx.session, ctx.user_key)
        form = self._forms.get(stored.progress.form_name)
        if form is None or stored.expired_at <= ctx.now:
            return [Text("已取消当前填写，内容未提交。")]
        return await self._cancelled(ctx, form, stored.progress)

    async def _cancelled(self, ctx: Context, form: Form, progress: Progress) -> list[Reply]:
        """取消's reply, the form (already cleared) kept a while for 恢复. A form set aside
        for it (`parked`: a registration half-filled when /自查 began) is back where it was,
        and said so: it had stayed set aside, unnamed, as if lost with the one cancelled."""
        kept = await undo.keep(ctx, progress)
        held = await parked.take(ctx)
        other = self._forms.get(held.form_name) if held else None
        if held is None or other is None:
            return [Text(cancelled(form, kept))]
        # No 恢复 offered: the form taken up now holds the user's answers, and 恢复 in it
        # would not bring the cancelled one back over them.
        await save(self._store, ctx, held, None)
        lead = f"已取消{form.title}，内容未提交。刚才的{other.title}还没填完，接着填："
        return await noted(ctx, other, held, [Text(lead), current(other, held, local_time(ctx))])

    async def restore(self, ctx: Context, stored: StoredProgress | None = None) -> list[Reply]:
        """恢复 (or, with no form open, 继续) just after a form was cancelled with answers
        in it: the form back where it was. `stored`: the form open now, which holds nothing
        typed and is replaced. Nothing when the message asks no such thing, or none is kept."""
        text = said(ctx)
        if text not in (RESTORE_WORDS if stored else RESTORE_WORDS | RESUME_WORDS):
            return []
        if stored is None and text in RESUME_WORDS and (back := await self._unpark(ctx)):
            return back
        if text not in RESTORE_WORDS and await undo.overtaken(ctx):
            return []  # 继续 after a legal answer given since: its next page
        progress = await undo.take_back(ctx)
        if progress is None and stored is None and (back := await self._unpark(ctx)):
            return back  # 恢复 with nothing cancelled: the form set aside, if any
        form = self._forms.get(progress.form_name) if progress else None
        if form is None and stored is None and text in RESTORE_WORDS:
            # 恢复 long after, or with nothing cancelled: said, not 没有理解.
            return [Text(f"没有可恢复的填写：取消的内容只保留{undo.minutes()}分钟。")]
        return await self._brought_back(ctx, progress, stored)

    async def _take_back(self, ctx: Context) -> list[Reply]:
        """The form cancelled a moment ago, named (继续自查), back where it was."""
        return await self._brought_back(ctx, await undo.take_back(ctx), None)

    async def _brought_back(
        self, ctx: Context, progress: Progress | None, stored: StoredProgress | None
    ) -> list[Reply]:
        """`progress`, taken back from a cancel, open again in place of `stored`."""
        form = self._forms.get(progress.form_name) if progress else None
        if progress is None or form is None:
            return []
        progress.asked_back.clear()  # asked afresh below, not what a 是 now answers
        await save(self._store, ctx, progress, stored)
        lead = f"已恢复您刚才取消的{form.title}，已填的内容都在，接着填写："
        return await noted(
            ctx, form, progress, [Text(lead), current(form, progress, local_time(ctx))]
        )

    async def _parked_line(self, ctx: Context) -> list[Reply]:
        """After a form is submitted, the one set aside for it (`parked`), if any: the
        owner who registered a guest mid-question is reminded the question waits."""
        held = await parked.held(ctx)
        form = self._forms.get(held.form_name) if held else None
        if form is None:
            return []
        await parked.named(ctx)  # 继续 is for it now, though a legal answer came before
        return [
            Text(
                f"您的{form.title}还没填完，回复「继续」接着填写，"
                f"不要了回复「{parked_words.drop_words(form)}」。"
            )
        ]

    async def _drop_parked(self, ctx: Context) -> str | None:
        """The form set aside (`parked`) cancelled, kept a while for 恢复, and what to say;
        None when none is."""
        held = await parked.take(ctx)
        form = self._forms.get(held.form_name) if held else None
        if held is None or form is None:
            return None
        return cancelled(form, await undo.keep(ctx, held))

    async def parked_note(self, ctx: Context) -> list[Reply]:
        """That a form waits set aside (`parked`), with how to take it up or drop it; said
        when 取消 closed buttons rather than drop it. Nothing when none is."""
        return await self._parked_line(ctx)

    async def parked_words(self, ctx: Context) -> list[Reply]:
        """With no form open, what is said of the form set aside (继续自查, 自查不要了) or
        of what is unfinished (我还有什么没填完的): see `parked_words`; else nothing."""
        return await parked_words.reply(self._forms, ctx, said(ctx), self._unpark, self._take_back)

    async def _unpark(self, ctx: Context, asked: bool = False) -> list[Reply]:
        """The form set aside when another was started (`parked`), back where it was;
        nothing when none is, or a legal answer came since the user last heard of the form
        (继续 asks for the answer's next page). `asked`: the form named (继续自查), taken
        up whatever came since."""
        at = await memos.written_at(ctx.session, ctx.user_key, memos.LAW_QUESTION)
        held = await parked.held(ctx)
        if held is None or (not asked and at is not None and at > await parked.named_at(ctx)):
            return []
        form = self._forms.get(held.form_name)
        await parked.take(ctx)
        if form is None:
            return []
        await save(self._store, ctx, held, None)
        lead = f"接着填写您的{form.title}，已填的内容都在："
        return await noted(ctx, form, held, [Text(lead), current(form, held, local_time(ctx))])

    async def gives_way(self, ctx: Context, stored: StoredProgress) -> bool:
        """Whether the open form, holding nothing the user typed yet, gives way to the other
        feature the message names (举报 at the 订阅 form's first question, just opened to
        look): then it is dropped, and the feature used. It had been refused as another
        feature, the form's content said to be kept, though there was none."""
        progress = stored.progress
        form = self._forms.get(progress.form_name)
        if (
            ctx.match is None
            or form is None
            or stored.expired_at <= ctx.now
            or undo.holds_input(progress)
            or started_by(form, ctx)
            or asks_for_more(ctx)  # 更多: the page of a legal answer, said to wait (`set_aside`)
            or said(ctx).lower() in OWN_WORDS | RESTORE_WORDS
        ):
            return False
        named = progress.current not in (CONFIRM, CHOOSING_EDIT) and names_a_feature(
            form, progress, ctx, said(ctx)
        )
        if not named and await self.set_aside(ctx, stored) is None:
            return False
        await self._store.clear(ctx.session, ctx.user_key)
        return True

    async def handle(self, ctx: Context, stored: StoredProgress) -> list[Reply]:
        """Take the user's next message for the form they are in."""
        progress = stored.progress
        form = self._forms.get(progress.form_name)
        if form is None or stored.expired_at <= ctx.now:
            await self._store.clear(ctx.session, ctx.user_key)
            title = form.title if form else "表单"
            return [Text(f"您的{title}已超时未完成，已自动取消。需要时请重新开始。")]
        if ctx.inbound.photos and form.photos_received is not None:
            await form.photos_received(ctx)
        if not undo.holds_input(progress) and (restored := await self.restore(ctx, stored)):
            return restored  # 恢复 at a form just opened again after 取消: the one cancelled
        text = said(ctx)
        if progress.current == CONFIRM:
            # 「2」 under the summary's numbered buttons is the button's own word (修改), as
            # the web chat sends it: only 「1」 had been read, the others got 没看懂这句.
            text = summary_choice(text)
        # 您是选择「护照」吗？ is answered by the message right after it, or by none: after
        # 取消, 帮助 or 上一步, a 是 had still chosen 护照. Given back to the answer only.
        offered = dict(progress.asked_back)
        progress.asked_back.clear()
        asked_to_quit, progress.quitting = progress.quitting, False
        turn = Turn(
            ctx=ctx,
            form=form,
            stored=stored,
            store=self._store,
            text=text,
            offered=offered,
            asked_to_quit=asked_to_quit,
            # Kept a day (`[forms] expire_minutes`): back after a while, the user is told
            # which form the message goes on, and how to drop it (they may have forgotten).
            paused=ctx.now - stored.saved_at >= PAUSE,
        )
        if pause.pauses(turn):
            # Before 取消's words: 算了先不弄了 来客人了 is a pause, not giving up.
            return await pause.set_aside(turn)
        if control.cancels(turn):
            await self._store.clear(ctx.session, ctx.user_key)
            return await self._cancelled(ctx, form, progress)
        replies = await control.own_word(turn)
        if replies is None and parked_words.asks(text):
            # 我还有什么没填完的 had been read as a legal follow-up, the form unnamed.
            lead = await parked_words.open_and_parked(self._forms, ctx, form, progress)
            replies = [Text(lead), current(form, progress, local_time(ctx))]
        if replies is None and _named_again(turn):
            # 通报 typed with the alert form at its summary had resumed it and then said it
            # was set aside (回复「继续」接着填写): one form, still open, one word for it.
            if progress.current == CONFIRM:
                replies = [still_to_confirm(form, progress, f"本次{form.title}还没有提交。")]
            else:
                replies = [
                    Text(f"您正在填写{form.title}，接着填写即可："),
                    current(form, progress, local_time(ctx)),
                ]
        if replies is None and progress.current == CONFIRM and confirm.submits(turn):
            await self._store.clear(ctx.session, ctx.user_key)
            await remember_submitted(ctx, form.title)
            await undo.forget(ctx)
            return [*await form.submit(ctx, dict(progress.answers)), *await self._parked_line(ctx)]
        if replies is None:
            if progress.current == CHOOSING_EDIT:
                replies = choose_edit(form, progress, text, ctx)
            elif progress.current == CONFIRM:
                replies = await confirm.reply(turn)
            else:
                replies = await question.reply(turn)
        if not form.confirms and progress.current == CONFIRM and due(form, progress) is None:
            # Its one answer taken: submitted now, the summary it would have shown dropped.
            shown = summary(form, progress, local_time(ctx))
            await self._store.clear(ctx.session, ctx.user_key)
            await remember_submitted(ctx, form.title)
            await undo.forget(ctx)
            told = [reply for reply in replies if reply != shown]
            submitted = await form.submit(ctx, dict(progress.answers))
            return [*told, *submitted, *await self._parked_line(ctx)]
        if turn.paused and not turn.recalled:
            replies = [Text(f"（{resumed(form, stored, ctx)}；不要了请回复「取消」）"), *replies]
        await save(self._store, ctx, progress, stored)
        return await noted(ctx, form, progress, replies)

    async def set_aside(self, ctx: Context, stored: StoredProgress) -> str | None:
        """For a command typed without its slash (日报, 任务, or a keyword of one: 在住旅客)
        at a step that cannot take it as its answer (a choice, the summary), the line to say
        after the command is used as it would be with its slash, while the form waits with
        all that was typed; None when the form takes the message. A step that takes any
        words says instead that the word is a feature (see `names_a_feature`)."""
        line = await aside_line(self._forms, ctx, stored)
        if line is not None:
            await ask_back.forget(self._store, ctx, stored)
        return line

    async def after_command(self, ctx: Context, replies: list[Reply]) -> list[Reply]:
        """`replies` to a command sent with its slash while a form is open (/今日登记 at
        证件类型), or to a word that works in forms (收到 for an alert, `Route.in_forms`),
        ending in the word that the form waits, as a command typed without its slash gets
        (see `set_aside`): they had ended with the command's answer alone, the form
        unnamed. Unchanged when the command dealt with the form (/取消, a resume), or said
        nothing (one that reaches no one)."""
        if ctx.form_waiting or not replies:
            return replies
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        form = self._forms.get(stored.progress.form_name) if stored else None
        if stored is None or form is None or stored.expired_at <= ctx.now:
            return replies
        await ask_back.forget(self._store, ctx, stored)
        if current(form, stored.progress, local_time(ctx)) in replies:
            return replies  # its question already shown (another form refused for it)
        match = ctx.match
        progress = stored.progress
        if (
            match is not None
            and not match.route.in_forms
            and not undo.holds_input(progress)
            and not progress.prefilled
        ):
            # Nothing in it at all: the form gives way to the command (see `gives_way`).
            await self._store.clear(ctx.session, ctx.user_key)
            return replies
        # A form holding only a prefill (the venue picked from its buttons) had been dropped
        # without a word, and 继续 then got 没有理解: it waits as one with answers does,
        # its line saying answers are kept only where there are some (`waits`).
        return [*replies, Text(waits(form, progress, ctx))]


def _named_again(turn: Turn) -> bool:
    """Whether the message names, without its slash and alone, the feature that started
    the open form, at a step that does not take it as its answer."""
    ctx, progress = turn.ctx, turn.progress
    return (
        started_by(turn.form, ctx)
        and ctx.match is not None
        and not ctx.match.args
        and progress.current != CHOOSING_EDIT
        and not takes(turn.form, progress, turn.text, ctx)
    )
