"""Runs declared forms: asks each field, validates, and handles 上一步 / 修改 / 取消.

The message loop and each form's start, resume and end are here; what a message means is
read beside it: `words` (上一步, 取消, 确认 and the like), `answer` (the answer to the
question asked), `several` (answers for other questions), `edit` (修改 and 上一步), `steps`
(what is asked next), `prompts` (a question, the summary), `photos` (a photo sent at a
question that takes none).

A form's whole flow, for every form:

```mermaid
stateDiagram-v2
    [*] --> Ask: start (prefilled fields skipped)
    Ask --> Ask: valid answer, more fields
    Ask --> Ask: invalid answer (reason + same question)
    Ask --> Ask: answer asked back (您是选择「护照」吗？: a 是 next takes it, nothing later)
    Ask --> Ask: 上一步 (previous question again)
    Ask --> Ask: partial answer kept as a draft (a photo, more may follow)
    Ask --> Confirm: last field answered
    Confirm --> Ask: 修改 字段
    Confirm --> [*]: 确认 (submit, receipt)
    Confirm --> Confirm: 确认 after a pause (the summary again, with when it was left)
    Confirm --> Ask: 确认 with a question still open (never submitted)
    Ask --> Ask: 继续 (the question again, after a command used in between)
    Ask --> [*]: 取消 (算了 too, with nothing typed or after 要放弃吗)
    Confirm --> [*]: 取消 (算了, 不要了 too)
    Ask --> [*]: another feature named, nothing typed yet (that feature instead)
    [*] --> Ask: 恢复 / 继续 within 30 minutes of 取消 (where it was)
    Ask --> [*]: expired (notice)
```
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import timedelta

from bot.context import Context
from bot.forms import ask_back, undo
from bot.forms.answer import answer, closest_choice
from bot.forms.clock import local_time
from bot.forms.edit import back, choose_edit, edit_with_value, glued_edit, said_change
from bot.forms.more import asks_for_more, pages_recent
from bot.forms.photos import PHOTOS_LABEL, dropped, keep_photos, says_no_photo
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.prompts import (
    confirm_again,
    current,
    edit_example,
    still_to_confirm,
    summary,
    summary_choice,
)
from bot.forms.spec import AskedBack, Form, FormEnv, FormField, Misplaced
from bot.forms.steps import advance, due
from bot.forms.store import FormStore, StoredProgress
from bot.forms.words import (
    BACK_WORDS,
    CANCEL_WORDS,
    CONFIRM_BUTTON_WORDS,
    CONFIRM_WORDS,
    EDIT_WORD,
    GIVING_UP,
    HELP_WORDS,
    QUIT_WORDS,
    RESTORE_WORDS,
    RESUME_WORDS,
    SAID_CANCEL,
    SKIP_WORDS,
    SUMMARY_YES,
    WRONG_WORDS,
    YES_TO_QUIT,
    asks_a_question,
    asks_back,
    asks_something_else,
    control_word,
    help_asked,
    is_yes,
    says_yes,
)
from bot.messages import Reply, Text
from bot.numbering import options_still_open
from bot.router import normalise_text
from bot.validators import Invalid
from storage import memos

# The form's clock, still imported from here by handlers/broadcast, handlers/inspection
# and handlers/venues (and tests/handlers/broadcast); its home is `bot.forms.clock`.
__all__ = ["FormEngine", "local_time"]


class FormEngine:
    def __init__(self, forms: Mapping[str, Form], store: FormStore) -> None:
        self._forms = dict(forms)
        self._store = store

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
        return await _noted(
            ctx,
            form,
            stored.progress,
            [
                Text(f"您正在填写的{form.title}已保留，需要时可以继续；不需要请回复「取消」。"),
                current(form, stored.progress),
            ],
        )

    async def start(
        self,
        ctx: Context,
        form_name: str,
        prefill: Mapping[str, object] | None = None,
        answered: Mapping[str, object] | None = None,
        derived: Mapping[str, Sequence[str]] | None = None,
        later: Mapping[str, str] | None = None,
        intro: str | None = None,
        about: str | None = None,
        loaded: Mapping[str, object] | None = None,
        asked: Mapping[str, AskedBack] | None = None,
    ) -> list[Reply]:
        """Start (or resume) a form. `prefill` answers are fixed and never asked; `answered`
        ones are what the user already said (`举报 楼下有人吸毒`): not asked, but editable.
        `derived` names, by field, those of `answered` that field's answer derived (sex
        from an ID number): they follow it, as when the answer is typed in the form.
        `later`: by field, words said for it that need an answer still to come (住两晚
        before the check-in time), read once that answer is in. `intro`: the opening line
        instead of the form's own, when the caller starts it for something else (修改 a
        card, 发布 a notice): one lead, fitting what is done.

        An unfinished `form_name` is resumed when `prefill` is empty or the same as its
        own: the same record. For another record (/答复 2 with the answer to #1 open) it is
        kept and named, as another form is, by the title and `about`, a short name of the
        record (提问 #2) that is stored with the progress.

        `loaded`: answers read from the record the form changes (修改 a card), given as
        `answered` ones are; until the user changes one, the form holds nothing of theirs,
        so another start replaces it instead of being refused for it.

        `asked`: by field, what a check asked back of a word said with the command (3O2:
        房间号是「302」吗？): the form opens on it, a 是 taking it, then asks what is left."""
        form = self._forms[form_name]
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        if stored and stored.expired_at > ctx.now:
            held = stored.progress
            if held.form_name == form_name and not _for_another(held, prefill):
                held.asked_back.clear()  # the question is asked afresh below
                # Never throw away what the user already typed: pick up where they left off.
                # With nothing typed there is nothing to pick up: /订阅 again at its empty
                # question had said 您有一份未完成的…; it opens as it did.
                resumed: list[Reply] = [Text(f"您有一份未完成的{form.title}，接着上次继续：")]
                if not undo.holds_input(held):
                    opening = form.intro if intro is None else intro
                    resumed = [Text(opening)] if opening else []
                resumed.extend(advance(form, held, ctx))
                await self._save(ctx, held, stored)
                return await _noted(ctx, form, held, resumed)
            other = self._forms.get(held.form_name)
            typed = held.typed()
            if other is not None and typed:
                # Another form, or this one for another record (/答复 2 with the answer to
                # #1 half done), with the user's own answers in it: starting this one would
                # throw them away, resuming it would answer the wrong record, without a
                # word. They choose by finishing or cancelling.
                kept = f"{held.about}，" if held.about else ""
                if about:
                    wanted = f"{form.title}（{about}）"
                else:
                    wanted = f"新的{form.title}" if other is form else form.title
                return await _noted(
                    ctx,
                    other,
                    held,
                    [
                        Text(
                            f"您还有一份未完成的{other.title}"
                            f"（{kept}{'已改' if held.loaded else '已填'} {len(typed)} 项），"
                            f"为免丢失，暂不开始{wanted}。请接着填写；不要了请回复「取消」，"
                            "再重新发送刚才的指令。"
                        ),
                        current(other, held),
                    ],
                )
        # A new form: 确认 is its own, never a word on the one submitted before.
        await forget_submitted(ctx)
        progress = Progress(form_name=form_name, about=about or "")
        if prefill:
            progress.answers.update(prefill)
            progress.prefilled = list(prefill)
        if loaded:
            # Kept as stored (JSON), to compare with the answers as they come back.
            progress.loaded = json.loads(json.dumps(dict(loaded), ensure_ascii=False))
            answered = {**loaded, **(answered or {})}
        if answered:
            progress.answers.update(answered)
            followers = {name for names in (derived or {}).values() for name in names}
            progress.history.extend(name for name in answered if name not in followers)
            progress.derived.update({name: list(names) for name, names in (derived or {}).items()})
        progress.pending.update(later or {})
        opening = form.intro if intro is None else intro
        replies: list[Reply] = [Text(opening)] if opening else []
        cancelled = await undo.kept(ctx)
        if (
            cancelled
            and cancelled.form_name == form_name
            and not _for_another(cancelled, prefill)
            # Begun with answers of its own (登记 张三 …): clearly a new one, not the
            # cancelled one wanted back.
            and not answered
            and await undo.worth_recalling(ctx)
        ):
            # 登记 again a while after 取消 had not said the answers cancelled could come
            # back; right after it, the cancel's reply has just said so.
            replies.append(Text("刚才取消的内容还在，回复「恢复」可接着填写。"))
        opened = ask_back.open_on(form, progress, asked) if asked else None
        replies.extend([opened] if opened else advance(form, progress, ctx))
        await self._save(ctx, progress, stored)
        return await _noted(ctx, form, progress, replies)

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
        if ctx.match is not None or _said(ctx) not in CONFIRM_BUTTON_WORDS:
            return []
        title = await memos.recall(
            ctx.session, ctx.user_key, _SUBMITTED, ctx.now, fresh_for=_SUBMITTED_FOR
        )
        done = await memos.recall(
            ctx.session, ctx.user_key, _DONE, ctx.now, fresh_for=_SUBMITTED_FOR
        )
        if not title and not done:
            return []
        # The submit may have refused it (不能发布通缉令): its reply, just above, says so.
        said = f"这份{title}已经提交过了，结果见上一条回复，不用再确认。" if title else str(done)
        if ctx.options_shown:
            # Its reply's buttons (撤回, 催读) still answer: 确认 must not drop them.
            ctx.keep_choices = True
            said += options_still_open(ctx.options_shown)
        return [Text(said)]

    async def cancel(self, ctx: Context) -> bool:
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        if stored is None:
            return False
        await self._store.clear(ctx.session, ctx.user_key)
        return True

    async def withdraw(self, ctx: Context) -> str | None:
        """/取消 with a form open: the form cancelled as 取消 typed in it cancels it (kept a
        while to be brought back), and what to say; None when no form is open."""
        stored = await self._store.load(ctx.session, ctx.user_key, ctx.form_read)
        if stored is None:
            return None
        await self._store.clear(ctx.session, ctx.user_key)
        form = self._forms.get(stored.progress.form_name)
        if form is None or stored.expired_at <= ctx.now:
            return "已取消当前填写，内容未提交。"
        return _cancelled(form, await undo.keep(ctx, stored.progress))

    async def restore(self, ctx: Context, stored: StoredProgress | None = None) -> list[Reply]:
        """恢复 (or, with no form open, 继续) just after a form was cancelled with answers
        in it: the form back where it was. `stored`: the form open now, which holds nothing
        typed and is replaced. Nothing when the message asks no such thing, or none is kept."""
        text = _said(ctx)
        if text not in (RESTORE_WORDS if stored else RESTORE_WORDS | RESUME_WORDS):
            return []
        if text not in RESTORE_WORDS and await undo.overtaken(ctx):
            return []  # 继续 after a legal answer given since: its next page
        progress = await undo.take_back(ctx)
        form = self._forms.get(progress.form_name) if progress else None
        if progress is None or form is None:
            if stored is None and text in RESTORE_WORDS:
                # 恢复 long after, or with nothing cancelled: said, not 没有理解.
                return [Text(f"没有可恢复的填写：取消的内容只保留{undo.minutes()}分钟。")]
            return []
        progress.asked_back.clear()  # asked afresh below, not what a 是 now answers
        await self._save(ctx, progress, stored)
        said = f"已恢复您刚才取消的{form.title}，已填的内容都在，接着填写："
        return await _noted(ctx, form, progress, [Text(said), current(form, progress)])

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
            or _started_by(form, ctx)
            or asks_for_more(ctx)  # 更多: the page of a legal answer, said to wait (`set_aside`)
            or _said(ctx).lower() in _OWN_WORDS | RESTORE_WORDS
        ):
            return False
        named = progress.current not in (CONFIRM, CHOOSING_EDIT) and self._names_a_feature(
            form, progress, ctx, _said(ctx)
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
        text = _said(ctx)
        # 您是选择「护照」吗？ is answered by the message right after it, or by none: after
        # 取消, 帮助 or 上一步, a 是 had still chosen 护照. Given back to the answer only.
        offered = dict(progress.asked_back)
        progress.asked_back.clear()
        # Kept a day (`[forms] expire_minutes`): back after a while, the user is told which
        # form the message goes on, and how to drop it (they may have forgotten it).
        paused = ctx.now - stored.saved_at >= _PAUSE
        # Whether the replies already open with the form and when it was left (`_resumed`).
        recalled = False
        if progress.current == CONFIRM:
            # 「2」 under the summary's numbered buttons is the button's own word (修改), as
            # the web chat sends it: only 「1」 had been read, the others got 没看懂这句.
            text = summary_choice(text)
        asked_to_quit, progress.quitting = progress.quitting, False
        quits = asked_to_quit and (text.lower() in YES_TO_QUIT or is_yes(text))
        said_cancel = text in SAID_CANCEL and not _answers_with(form, progress, text)
        # 算了 had only been asked about, even where nothing typed would be lost, or where
        # the form had just offered cancelling (要放弃吗, the summary's 取消).
        cancels = said_cancel and (
            asked_to_quit or progress.current == CONFIRM or not progress.typed()
        )
        if (
            text.lower() in CANCEL_WORDS
            or cancels
            or (quits and not self._takes(form, progress, text, ctx))
        ):
            await self._store.clear(ctx.session, ctx.user_key)
            return [Text(_cancelled(form, await undo.keep(ctx, progress)))]
        if text in QUIT_WORDS or GIVING_UP.search(text) or said_cancel:
            progress.quitting = True
            replies = [
                Text(
                    f"要放弃本次{form.title}吗？回复「取消」即放弃，已填内容不会提交。要继续，请回答："
                ),
                current(form, progress),
            ]
        elif asked_for := help_asked(text):
            # 帮助 全部 in a form was kept as the answer (a guest named 帮助全部): it is the
            # help command, which works in a form with its slash.
            keeps = "已填内容会保留；" if undo.holds_input(progress) else ""
            replies = [
                Text(
                    f"您正在填写{form.title}。要查看帮助，请发送「/帮助 {asked_for}」，"
                    f"{keeps}要继续填写，请回答："
                ),
                current(form, progress),
            ]
        elif text.lower() in HELP_WORDS:
            replies = [
                Text(
                    f"您正在填写{form.title}，回答下面的问题即可。可随时回复「上一步」，"
                    f"「{edit_example(form, progress)}」这样改已填的一项，或「取消」放弃。"
                ),
                current(form, progress),
            ]
        elif text in RESUME_WORDS:
            # 继续 after a command used in between (see `set_aside`), or after a pause: the
            # question again.
            replies = [current(form, progress)]
            if paused:
                recalled = True
                keeps = "，已填的内容都在" if undo.holds_input(progress) else ""
                replies.insert(0, Text(f"{_resumed(form, stored, ctx)}{keeps}，接着填写："))
        elif text in BACK_WORDS:
            replies = back(form, progress, ctx)
        elif text == EDIT_WORD or text.startswith(EDIT_WORD + " ") or glued_edit(form, text):
            replies = await edit_with_value(form, progress, text[len(EDIT_WORD) :].strip(), ctx)
        elif (
            _started_by(form, ctx)
            and ctx.match is not None
            and not ctx.match.args
            and progress.current != CHOOSING_EDIT
            and not self._takes(form, progress, text, ctx)
        ):
            # 通报 typed with the alert form at its summary had resumed it and then said it
            # was set aside (回复「继续」接着填写): one form, still open, one word for it.
            if progress.current == CONFIRM:
                replies = [still_to_confirm(form, progress, f"本次{form.title}还没有提交。")]
            else:
                replies = [Text(f"您正在填写{form.title}，接着填写即可："), current(form, progress)]
        elif progress.current == CHOOSING_EDIT:
            replies = choose_edit(form, progress, text, ctx)
        elif progress.current == CONFIRM:
            # 没问题 提交吧: a sentence of yes-words is a yes; 不对 or 别提交 never is.
            missing = due(form, progress)
            yes = says_yes(text)
            if asks_back(text):
                # 是吧 had submitted (是, and 吧 taken as a filler): it asks whether all is
                # right, which is the owner's to say. The summary's question again, gently.
                replies = [still_to_confirm(form, progress, "请您自己再核对一下：")]
            elif yes and missing is None and paused:
                # 确认 hours later had submitted a summary last seen then (a guest with
                # yesterday's room): it is shown again, as 继续 shows it, and saved now, so
                # the next 确认 is no longer after a pause and submits.
                recalled = True
                replies = [
                    Text(f"{_resumed(form, stored, ctx)}，还没有提交。请再核对一遍："),
                    summary(form, progress),
                ]
            elif yes and missing is None:
                await self._store.clear(ctx.session, ctx.user_key)
                await memos.remember(ctx.session, ctx.user_key, _SUBMITTED, form.title, ctx.now)
                await undo.forget(ctx)
                return await form.submit(ctx, dict(progress.answers))
            elif yes and missing is not None:
                # However the summary was reached, a form with a question open is never
                # submitted (the submit would store it incomplete, or fail): ask it.
                replies = [
                    Text(f"还差「{missing.label}」没有填写，填好后才能提交："),
                    *advance(form, progress, ctx),
                ]
            elif ctx.inbound.photos:
                # A photo at the summary had got 没看懂这句: where it goes, if anywhere.
                replies = [still_to_confirm(form, progress, dropped(form, progress))]
            elif (change := said_change(form, text)) is not None:
                replies = await edit_with_value(form, progress, change, ctx)
            elif text in WRONG_WORDS:
                # 不对 had got 没看懂这句: something is wrong, as 修改 says; the items listed.
                replies = await edit_with_value(form, progress, "", ctx)
            elif asks_a_question(text):
                # 没带身份证能住吗？ had got 没看懂这句: the question goes to /咨询, and the
                # form waits for its 确认, as at a question (`answer`).
                asked = ctx.inbound.text.strip()
                replies = [
                    still_to_confirm(
                        form,
                        progress,
                        f"要咨询问题，请发送「/咨询 {asked}」，本次{form.title}会保留（还没提交）。",
                    )
                ]
            elif _named_only(ctx):
                # 登记完成 had been run aside: 本次登记已完成, with nothing submitted.
                replies = [still_to_confirm(form, progress, f"本次{form.title}还没有提交。")]
            else:
                replies = [confirm_again(form, progress)]
        elif (change := said_change(form, text)) and self._changes(form, progress, change, ctx):
            # 不对 房间是310 不是308, 改身份证号 at another question: the change, then on to
            # the question left (it had been read as that question's answer).
            left = progress.current
            replies = await edit_with_value(form, progress, change, ctx)
            field = form.find(change.partition(" ")[0])
            if field is not None and progress.current != field.name:
                # Taken, and the question left asked again: said, or it looked ignored.
                if progress.current == CONFIRM and left in progress.answers:
                    # 修改 入住时间, then 房间改成312: back to the change begun, not past it.
                    progress.current = left
                    replies = [current(form, progress)]
                if field.name in progress.answers:
                    shown = field.show(progress.answers[field.name])
                    replies = [Text(f"已把「{field.label}」改为 {shown}。"), *replies]
        elif self._names_a_feature(form, progress, ctx, text) and _started_by(form, ctx):
            replies = [
                Text(f"您正在填写{form.title}，接着填写即可："),
                current(form, progress),
            ]
        elif asks_for_more(ctx) and not _answers_with(form, progress, text):
            # No legal answer just read to page on (see `set_aside`): 更多 is for later.
            replies = _still_waiting(form, progress, f"您正在填写{form.title}，")
        elif _named_only(ctx) and not _answers_with(form, progress, text):
            # 登记完成 (a button's word, with no command) had been told to be sent, again
            # and again: it waits for the form.
            replies = _still_waiting(
                form,
                progress,
                f"「{text}」要在填完或取消本次{form.title}后才能用。本次{form.title}",
            )
        elif self._names_a_feature(form, progress, ctx, text):
            route = ctx.match.route if ctx.match else None
            # The command's own name: 在住 is a keyword of /在住旅客, and /在住 is nothing.
            command = f"/{route.commands[0]}" if route and route.commands else text
            keeps = f"{form.title}已填的内容会保留；" if undo.holds_input(progress) else ""
            replies = [
                Text(
                    f"「{text}」是另一项功能。先用它请发送「{command}」，{keeps}继续填写请直接回答："
                ),
                current(form, progress),
            ]
        else:
            # Control words are matched on the normalised text; the answer itself goes to the
            # parser as typed (validators normalise what they need), so free text such as a
            # tip's description keeps the user's own punctuation.
            typed = ctx.inbound.text.strip()
            note, kept = keep_photos(form, progress, ctx)
            if note and not typed:
                then = "这一步还要用文字回答：" if kept else "请接着回答："
                replies = [Text(f"{note}{then}"), current(form, progress)]
            else:
                # A caption is the answer; the photo is kept or said not to be.
                progress.asked_back.update(offered)
                replies = await answer(form, progress, typed, text, ctx)
                replies = [Text(note), *replies] if note else replies
        if paused and not recalled:
            replies = [Text(f"（{_resumed(form, stored, ctx)}；不要了请回复「取消」）"), *replies]
        await self._save(ctx, progress, stored)
        return await _noted(ctx, form, progress, replies)

    async def set_aside(self, ctx: Context, stored: StoredProgress) -> str | None:
        """For a command typed without its slash (日报, 任务, or a keyword of one: 在住旅客)
        at a step that cannot take it as its answer (a choice, the summary), the line to say
        after the command is used as it would be with its slash, while the form waits with
        all that was typed; None when the form takes the message. A step that takes any
        words says instead that the word is a feature (see `_names_a_feature`)."""
        line = await self._aside_line(ctx, stored)
        if line is not None:
            await ask_back.forget(self._store, ctx, stored)
        return line

    async def _aside_line(self, ctx: Context, stored: StoredProgress) -> str | None:
        """`set_aside`'s line, the form left as it is."""
        match, progress = ctx.match, stored.progress
        form = self._forms.get(progress.form_name)
        if form is not None and stored.expired_at > ctx.now and await pages_recent(ctx):
            # 更多 just after a legal answer had been told to wait for the form: the page,
            # then a word that the form waits.
            return _waits(form, progress, ctx)
        if match is None and form is not None and self._asks_aside(form, stored, ctx):
            # 今天登记了几个人 at 证件类型 had got 看不懂这个证件类型, and a question at a
            # photo the photo request again: a question to the bot, answered as it would be
            # with no form open, the form waiting.
            return _waits(form, progress, ctx)
        if (
            match is None
            or match.is_command  # never here: a command with its slash skips the form
            or form is None
            or stored.expired_at <= ctx.now
            or _started_by(form, ctx)
            or progress.current == CHOOSING_EDIT
            or _named_only(ctx)  # 登记完成 had said 已完成 with nothing submitted
        ):
            return None
        text = _said(ctx)
        said = text.lower()
        if said in _OWN_WORDS or said.startswith(EDIT_WORD) or help_asked(text):
            return None  # 取消, 帮助: the form's own words first (see `handle`)
        if progress.current != CONFIRM:
            field = form.field(progress.current)
            if field.accepts_photos:
                # 全文 1, offered under a legal answer given at a photo (`_asks_aside`), had
                # got the photo request. A feature's name alone is said to be one there
                # (see `_names_a_feature`), and the photo's parser keeps its own words.
                if not match.args or _taken(field, text, progress, ctx):
                    return None
            elif not field.choices or self._takes(form, progress, text, ctx):
                return None
        return _waits(form, progress, ctx)

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
        if current(form, stored.progress) in replies:
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
        # its line saying answers are kept only where there are some (`_waits`).
        return [*replies, Text(_waits(form, progress, ctx))]

    def _asks_aside(self, form: Form, stored: StoredProgress, ctx: Context) -> bool:
        """Whether a message no route takes is a question to the bot about something else,
        typed at a question with options that none answers, or at a photo (see
        `asks_something_else`)."""
        progress = stored.progress
        if stored.expired_at <= ctx.now or progress.current in (CONFIRM, CHOOSING_EDIT):
            return False
        if ctx.inbound.photos or ctx.inbound.location:
            return False
        text = _said(ctx)
        field = form.field(progress.current)
        if text.lower() in _OWN_WORDS or not asks_something_else(text, field):
            return False
        if field.implied is not None and field.implied(text) is not None:
            return False  # 3205…: an ID number, which says the document type
        if closest_choice(text, field.choices) is not None:
            return False
        # The parser reads more than the options (我没有身份证号码 at 就是这个号码吗, 不拍
        # 可以吗 at a photo).
        return not _taken(field, text, progress, ctx)

    @staticmethod
    def _names_a_feature(form: Form, progress: Progress, ctx: Context, text: str) -> bool:
        """A feature's name alone (举报, 在住旅客), typed where a name or a description is
        asked: a tapped shortcut or a change of mind, never an answer worth storing."""
        match = ctx.match
        if match is None or match.is_command or match.args:
            return False
        field = form.field(progress.current)
        if field.accepts_photos:
            # 订阅 at 需要配图吗 had got 请直接发送照片, the form unnamed: a feature's name
            # is no photo, unless it says there is none (不要, 跳过).
            return not says_no_photo(text)
        return not field.choices and text.lower() not in (CONFIRM_WORDS | SKIP_WORDS)

    def _changes(self, form: Form, progress: Progress, change: str, ctx: Context) -> bool:
        """Whether a change said in a sentence at a question (`said_change`) is one: it
        names another question, or the one asked while it is no answer to it."""
        if progress.current == CHOOSING_EDIT:
            return False
        named = form.find(change.partition(" ")[0])
        text = _said(ctx)
        return named is not None and (
            named.name != progress.current or not self._takes(form, progress, text, ctx)
        )

    @staticmethod
    def _takes(form: Form, progress: Progress, text: str, ctx: Context) -> bool:
        """Whether the step shown again under "要放弃吗" takes `text` as its own answer: the
        summary's 确认 (its button's value), a self-inspection's 是. Then it is that answer,
        not a yes to giving up; other yes-words (是的 at the summary) still give up."""
        if progress.current == CONFIRM:
            return text in CONFIRM_BUTTON_WORDS
        if progress.current == CHOOSING_EDIT:
            return False
        field = form.field(progress.current)
        if field.choices:
            return text in field.choices
        return _parses(field, text, progress, ctx)

    async def _save(self, ctx: Context, progress: Progress, stored: StoredProgress | None) -> None:
        ctx.form_waiting = True
        await self._store.save(
            ctx.session,
            ctx.user_key,
            progress,
            stored,
            now=ctx.now,
            channel=ctx.inbound.channel,
            chat_id=ctx.inbound.chat_id,
        )


async def _noted(ctx: Context, form: Form, progress: Progress, replies: list[Reply]) -> list[Reply]:
    """`replies` with the summary among them ending in the form's `summary_note`, which
    needs the database that the steps building the summary have not."""
    if form.summary_note is None or progress.current not in (CONFIRM, CHOOSING_EDIT):
        return replies
    plain = summary(form, progress)
    if plain not in replies:
        return replies
    note = await form.summary_note(ctx, progress.answers)
    return [summary(form, progress, note) if reply == plain else reply for reply in replies]


def _cancelled(form: Form, kept: str) -> str:
    """The reply to 取消; `kept`: how to bring the form back (`undo.keep`), if it can be,
    which is the way on then rather than starting again."""
    if kept:
        return f"已取消{form.title}。{kept}"
    return form.cancelled or f"已取消{form.title}，填写的内容未提交。需要时可重新开始。"


#: How long without an answer before a form's next reply says which form it goes on with.
_PAUSE = timedelta(minutes=30)


def _resumed(form: Form, stored: StoredProgress, ctx: Context) -> str:
    """接着您昨天 18:30 未填完的租客登记: the form taken up again, and when it was left."""
    left = stored.saved_at.astimezone(ctx.services.settings.zone)
    days = (local_time(ctx).date() - left.date()).days
    day = {0: "今天", 1: "昨天"}.get(days, f"{left.month}月{left.day}日")
    return f"接着您{day} {left:%H:%M} 未填完的{form.title}"


#: Said after a message answered aside while a form waits (`set_aside`, `after_command`);
#: `kept` is `_KEPT` when the form holds the user's input, else "".
_SET_ASIDE = "您的{title}还没填完{kept}：回复「继续」接着填写，不要了回复「取消」。"
#: The same at a photo, which is sent as it is, without 继续 first.
_PHOTO_AWAITED = "您的{title}还没填完{kept}：{how}；不填了回复「取消」。"
#: An empty form (自查 opened, then a question asked aside) had been said to keep what
#: was filled: said only of a form holding the user's input.
_KEPT = "，已填内容都保留着"

#: How a photo step is declined, offered in `_waits` where its parser takes it.
_SKIP = "跳过"


def _waits(form: Form, progress: Progress, ctx: Context) -> str:
    """The line after a message answered aside (`_SET_ASIDE`): at a photo, what the step
    takes, as it offers it (拍好后直接发送；不拍了回复「跳过」): the owner who forgot the
    form reads how to go on, or to drop it, there and then."""
    kept = _KEPT if undo.holds_input(progress) else ""
    if progress.current in (CONFIRM, CHOOSING_EDIT):
        return _SET_ASIDE.format(title=form.title, kept=kept)
    field = form.field(progress.current)
    if not field.accepts_photos:
        return _SET_ASIDE.format(title=form.title, kept=kept)
    thing = field.label.removesuffix(PHOTOS_LABEL)
    # 「安全出口」的照片; a field called 照片 or 图片 is named as it is.
    what = f"「{thing}」的照片" if thing and thing != field.label else field.label
    how = f"{what}拍好后直接发送"
    if field.name in progress.drafts:
        how += "；发完回复「完成」"
    elif _parses(field, _SKIP, progress, ctx):
        how += f"；不拍了回复「{_SKIP}」"  # only where the step takes it
    return _PHOTO_AWAITED.format(title=form.title, kept=kept, how=how)


#: The memo of the title of the form the user last submitted, read by `submitted`.
_SUBMITTED = "form_submitted"
_SUBMITTED_FOR = timedelta(minutes=10)
#: The memo of what a 确认 gets just after a feature done without a form (`remember_done`).
_DONE = "done_unasked"


async def forget_submitted(ctx: Context) -> None:
    """A question asked since the last form was submitted (a new form, a hit's result to
    confirm): a 确认 after it is about that question, never 这份…已经提交过了."""
    await memos.forget(ctx.session, ctx.user_key, _SUBMITTED)
    await memos.forget(ctx.session, ctx.user_key, _DONE)


async def remember_done(ctx: Context, said: str) -> None:
    """A feature done at once, with no form to confirm (订阅 城东 subscribes): a 确认 just
    after gets `said` (that it is done, and what next), as a form's second 确认 does, not
    没有理解. It replaces what a form submitted before would have said (`submitted`)."""
    await memos.forget(ctx.session, ctx.user_key, _SUBMITTED)
    await memos.remember(ctx.session, ctx.user_key, _DONE, said, ctx.now)


#: What `handle` reads as words to the form itself, though a route has them too (取消).
_OWN_WORDS = (
    CANCEL_WORDS
    | SAID_CANCEL
    | QUIT_WORDS
    | HELP_WORDS
    | BACK_WORDS
    | RESUME_WORDS
    | SUMMARY_YES
    | SKIP_WORDS
)


def _said(ctx: Context) -> str:
    """The message as every step of the form reads it, a control word plain (取消！ as 取消,
    好的👌 as 好的): read so only in `handle`, 取消！ had been taken by the form there and
    also, `set_aside` not knowing it, by the router's /取消, which answered it twice."""
    return control_word(normalise_text(ctx.inbound.text))


def _named_only(ctx: Context) -> bool:
    """Whether the message is the word of a feature that has no command (登记完成, the
    button under a receipt): it cannot be used with its slash while the form waits."""
    match = ctx.match
    return (
        match is not None and not match.is_command and not match.args and not match.route.commands
    )


def _answers_with(form: Form, progress: Progress, text: str) -> bool:
    """Whether the step asked may take a word of `SAID_CANCEL` as its answer: 不要了 at
    需要配图吗 says there is no photo, and an option may be called so."""
    if progress.current in (CONFIRM, CHOOSING_EDIT):
        return False
    field = form.field(progress.current)
    return field.accepts_photos or text in field.choices


def _for_another(held: Progress, prefill: Mapping[str, object] | None) -> bool:
    """Whether a start with `prefill` is for another record than the unfinished `held`
    (its prefill another question, another card); a start with none is a coming back."""
    if not prefill:
        return False
    # Compared as stored: the progress is kept as JSON (a tuple comes back a list).
    given = json.loads(json.dumps(dict(prefill), ensure_ascii=False))
    return bool(given != {name: held.answers.get(name) for name in held.prefilled})


def _started_by(form: Form, ctx: Context) -> bool:
    """Whether the message names, without its slash, a route that starts `form`: one of
    its `started_by`, or the command called as the form is (通报 for the alert form)."""
    match = ctx.match
    if match is None or match.is_command:
        return False
    route = match.route
    return route.name in form.started_by or form.title in route.commands


def _still_waiting(form: Form, progress: Progress, lead: str) -> list[Reply]:
    """`lead`, then that the form is neither finished nor sent, and its current question."""
    return [
        Text(f"{lead}还没填完，也还没提交：请回答下面的问题；不要了请回复「取消」。"),
        current(form, progress),
    ]


def _taken(field: FormField, text: str, progress: Progress, ctx: Context) -> bool:
    """Whether the form takes `text` at `field`: as its answer, or as the answer to a later
    question it is passed on to (the tip's place typed at its photo)."""
    local = local_time(ctx)
    try:
        field.parse(text, FormEnv(progress.answers, local.date(), local))
    except Misplaced:
        return True
    except Invalid:
        return False
    return True


def _parses(field: FormField, text: str, progress: Progress, ctx: Context) -> bool:
    """Whether `field`'s parser takes `text` as its answer, in the chat's own day."""
    local = local_time(ctx)
    try:
        field.parse(text, FormEnv(progress.answers, local.date(), local))
    except Invalid:
        return False
    return True
