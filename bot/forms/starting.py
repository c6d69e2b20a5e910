"""Starting a form: a new one, the unfinished one resumed, or another one kept and named
rather than thrown away."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from bot.context import Context
from bot.forms import ask_back, parked, undo
from bot.forms.clock import local_time
from bot.forms.lines import noted
from bot.forms.progress import Progress
from bot.forms.prompts import current
from bot.forms.reading import for_another
from bot.forms.spec import AskedBack, Form
from bot.forms.steps import advance
from bot.forms.store import FormStore
from bot.forms.submitted import forget_submitted
from bot.forms.turn import save
from bot.messages import Reply, Text


async def start(
    forms: Mapping[str, Form],
    store: FormStore,
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
    """Start (or resume) `form_name`, one of `forms`, its progress kept in `store` (called
    as `FormEngine.start`, which binds both). `prefill` answers are fixed and never asked;
    `answered` ones are what the user already said (`举报 楼下有人吸毒`): not asked, but
    editable.
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
    form = forms[form_name]
    stored = await store.load(ctx.session, ctx.user_key, ctx.form_read)
    aside = ""  # what became of another form open until now
    if stored and stored.expired_at > ctx.now:
        held = stored.progress
        if held.form_name == form_name and not for_another(held, prefill):
            held.asked_back.clear()  # the question is asked afresh below
            # Never throw away what the user already typed: pick up where they left off.
            # With nothing typed there is nothing to pick up: /订阅 again at its empty
            # question had said 您有一份未完成的…; it opens as it did.
            resumed: list[Reply] = [Text(f"您有一份未完成的{form.title}，接着上次继续：")]
            if not undo.holds_input(held):
                opening = form.intro if intro is None else intro
                resumed = [Text(opening)] if opening else []
            resumed.extend(advance(form, held, ctx))
            await save(store, ctx, held, stored)
            return await noted(ctx, form, held, resumed)
        other = forms.get(held.form_name)
        typed = held.typed()
        if other is not None and other is not form and typed and await parked.held(ctx) is None:
            # Another form with answers in it (a question for the police half typed, and a
            # guest at the desk): it is parked, for 继续 once this one is done. It had been
            # refused, and the guest kept waiting.
            await parked.park(ctx, held)
            aside = f"您的{other.title}已保存，{form.title}完成后回复「继续」接着填。"
        elif other is not None and typed:
            # Another form, or this one for another record (/答复 2 with the answer to
            # #1 half done), with the user's own answers in it: starting this one would
            # throw them away, resuming it would answer the wrong record, without a
            # word. They choose by finishing or cancelling.
            kept = f"{held.about}，" if held.about else ""
            # A record's answers loaded (修改 a card) are changed; a form loaded with
            # empty answers only (a tenant's room) is filled.
            changed = any(value not in (None, "") for value in held.loaded.values())
            if about:
                wanted = f"{form.title}（{about}）"
            else:
                wanted = f"新的{form.title}" if other is form else form.title
            return await noted(
                ctx,
                other,
                held,
                [
                    Text(
                        f"您还有一份未完成的{other.title}"
                        f"（{kept}{'已改' if changed else '已填'} {len(typed)} 项），"
                        f"为免丢失，暂不开始{wanted}。请接着填写；不要了请回复「取消」，"
                        "再重新发送刚才的指令。"
                    ),
                    current(other, held, local_time(ctx)),
                ],
            )
    # A new form: 确认 is its own, never a word on the one submitted before.
    await forget_submitted(ctx)
    progress = Progress(form_name=form_name, about=about or "")
    if prefill:
        progress.answers.update(prefill)
        progress.prefilled = list(prefill)
    # What the user said, not what the form was loaded with (a tenant's room left empty).
    said_first = bool(answered)
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
    replies: list[Reply] = [Text(line) for line in (aside, opening) if line]
    cancelled = await undo.kept(ctx)
    if (
        cancelled
        and cancelled.form_name == form_name
        and not for_another(cancelled, prefill)
        # Begun with answers of its own (登记 张三 …): clearly a new one, not the
        # cancelled one wanted back.
        and not said_first
        and await undo.worth_recalling(ctx)
    ):
        # 登记 again a while after 取消 had not said the answers cancelled could come
        # back; right after it, the cancel's reply has just said so.
        replies.append(Text("刚才取消的内容还在，回复「恢复」可接着填写。"))
    opened = ask_back.open_on(form, progress, asked) if asked else None
    replies.extend([opened] if opened else advance(form, progress, ctx))
    await save(store, ctx, progress, stored)
    return await noted(ctx, form, progress, replies)
