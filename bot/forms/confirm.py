"""The summary step: 确认 submits once every question is answered; what else is said there
(a change, 不对, a question of one's own, a photo) gets its own answer."""

from __future__ import annotations

from bot.forms.clock import local_time
from bot.forms.edit import edit_with_value, said_change
from bot.forms.lines import resumed
from bot.forms.photos import dropped
from bot.forms.prompts import confirm_again, still_to_confirm, summary
from bot.forms.reading import named_only
from bot.forms.steps import advance, due
from bot.forms.turn import Turn
from bot.forms.words import WRONG_WORDS, asks_a_question, asks_back, says_yes
from bot.messages import Reply, Text


def submits(turn: Turn) -> bool:
    """Whether the message at the summary submits the form: a yes (没问题 提交吧, never 不对
    or 别提交), every question answered, and no pause since the summary was shown."""
    return (
        not asks_back(turn.text)
        and says_yes(turn.text)
        and due(turn.form, turn.progress) is None
        and not turn.paused
    )


async def reply(turn: Turn) -> list[Reply]:
    """The reply to a message at the summary that does not submit it (`submits`)."""
    form, progress, text, ctx = turn.form, turn.progress, turn.text, turn.ctx
    missing = due(form, progress)
    yes = says_yes(text)
    if asks_back(text):
        # 是吧 had submitted (是, and 吧 taken as a filler): it asks whether all is
        # right, which is the owner's to say. The summary's question again, gently.
        return [still_to_confirm(form, progress, "请您自己再核对一下：")]
    if yes and missing is None:
        # 确认 hours later had submitted a summary last seen then (a guest with
        # yesterday's room): it is shown again, as 继续 shows it, and saved now, so
        # the next 确认 is no longer after a pause and submits.
        turn.recalled = True
        return [
            Text(f"{resumed(form, turn.stored, ctx)}，还没有提交。请再核对一遍："),
            summary(form, progress, local_time(ctx)),
        ]
    if yes and missing is not None:
        # However the summary was reached, a form with a question open is never
        # submitted (the submit would store it incomplete, or fail): ask it.
        return [
            Text(f"还差「{missing.label}」没有填写，填好后才能提交："),
            *advance(form, progress, ctx),
        ]
    if ctx.inbound.photos:
        # A photo at the summary had got 没看懂这句: where it goes, if anywhere.
        return [still_to_confirm(form, progress, dropped(form, progress))]
    if (change := said_change(form, text)) is not None:
        return await edit_with_value(form, progress, change, ctx)
    for field in form.fields:
        if field.said_alone is not None and field.said_alone(text):
            return await edit_with_value(form, progress, f"{field.label} {text}", ctx)
    if text in WRONG_WORDS:
        # 不对 had got 没看懂这句: something is wrong, as 修改 says; the items listed.
        return await edit_with_value(form, progress, "", ctx)
    if asks_a_question(text):
        # 没带身份证能住吗？ had got 没看懂这句: the question goes to /咨询, and the
        # form waits for its 确认, as at a question (`answer`).
        asked = ctx.inbound.text.strip()
        return [
            still_to_confirm(
                form,
                progress,
                f"要咨询问题，请发送「/咨询 {asked}」，本次{form.title}会保留（还没提交）。",
            )
        ]
    if named_only(ctx):
        # 登记完成 had been run aside: 本次登记已完成, with nothing submitted.
        return [still_to_confirm(form, progress, f"本次{form.title}还没有提交。")]
    return [confirm_again(form, progress)]
