"""What a form shows the user: the question asked, and the summary to confirm."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.spec import Form, FormField
from bot.forms.words import EDIT_WORD
from bot.messages import Button, Choices, Reply, Text

#: A form reads a number typed at its question itself, counting from 1: its options are
#: numbered so even after other options in the same reply (`bot.numbering`).
FORM_FIRST = 1


def current(form: Form, progress: Progress, now: datetime) -> Reply:
    """What the form is waiting for: a field's question, or the summary to confirm as of
    `now`, the station's time."""
    if progress.current in (CONFIRM, CHOOSING_EDIT):
        return summary(form, progress, now)
    field = form.field(progress.current)
    return ask(field, progress.drafts.get(progress.current), progress.answers)


def ask(field: FormField, draft: object = None, answers: Mapping[str, Any] | None = None) -> Reply:
    """`field`'s question; `draft`, the photos it holds already (sent at an earlier
    question), said instead of 如有照片可以直接发送 with only 跳过 under it; `answers`, the
    answers so far, for a question asked as they have it (`FormField.prompt_for`)."""
    if field.accepts_photos and isinstance(draft, list) and draft:
        held = f"已收到 {len(draft)} 张照片，还有可以继续发，发完回复「完成」。"
        return photo_step(held if field.label == "照片" else f"{field.label}：{held}", field, True)
    prompt = (field.prompt_for(answers) if field.prompt_for and answers is not None else "") or (
        field.prompt
    )
    if field.optional and "跳过" not in prompt:  # a prompt may say it its own way
        body = prompt.removesuffix("：")
        if body.endswith("）"):
            # 预计退房日期（如 明天…）: one bracket says both, not two side by side.
            prompt = f"{body[:-1]}；没有可回复「跳过」）："
        else:
            prompt = f"{body}（没有可回复「跳过」）："
    if field.choices:
        choices = tuple(Button(choice, choice) for choice in field.choices)
        return Choices(prompt, choices, first=FORM_FIRST)
    if field.accepts_photos:
        return photo_step(prompt, field, drafting=False)
    return Text(prompt)


def photo_step(text: str, field: FormField, drafting: bool) -> Reply:
    """`text` said at a photo question, with the word that ends it as a button: 完成 once
    photos came, 跳过 where none is needed (a form reads "1" there as it, see `answer`)."""
    if not (drafting or field.optional):
        return Text(text)
    word = "完成" if drafting else "跳过"
    return Choices(text, (Button(word, word),), first=FORM_FIRST)


#: The summary's yes, as its button says it and as the summary's words name it (they had
#: said 回复「确认」 above a button reading 确认提交). Its value 确认 is what a tap sends.
CONFIRM_LABEL = "确认提交"
_SUMMARY_BUTTONS = (
    Button(CONFIRM_LABEL, "确认"),
    Button("修改", EDIT_WORD),
    Button("取消", "取消"),
)


def summary_choice(text: str) -> str:
    """The value of the summary's button numbered `text` (「2」 is 修改 where buttons are
    numbered lines: WeChat, WeCom), else `text`: a number follows the buttons shown, in
    their order, as the web chat's button sends its value."""
    if text.isdigit() and FORM_FIRST <= int(text) < FORM_FIRST + len(_SUMMARY_BUTTONS):
        return _SUMMARY_BUTTONS[int(text) - FORM_FIRST].value
    return text


def summary(form: Form, progress: Progress, now: datetime, note: str = "") -> Reply:
    """The answers to confirm, a time said as of `now`, the station's time (今天 21:30);
    `note` (the form's `summary_note`) after them."""
    lines = [f"请核对{form.title}信息："]
    shown = [
        f
        for f in form.fields
        if f.name in progress.answers
        and not (f.hidden_when_empty and progress.answers[f.name] in (None, "", []))
    ]
    lines.extend(f"· {f.label}：{f.shown(progress.answers[f.name], now)}" for f in shown)
    if note:
        lines.append(note)
    lines.append(f"无误请回复「{CONFIRM_LABEL}」；{_how_to_change(form, progress)}。")
    return Choices("\n".join(lines), _SUMMARY_BUTTONS, first=FORM_FIRST)


def confirm_again(form: Form, progress: Progress) -> Reply:
    """A reply at the summary that is neither a yes nor a change: what is expected, in
    short (the summary is just above; sent whole again, it had filled the screen)."""
    return still_to_confirm(form, progress, "没看懂这句。")


def still_to_confirm(form: Form, progress: Progress, lead: str) -> Reply:
    """After `lead` (没看懂这句, the way to ask a question), what the summary just above
    waits for, in short."""
    return Choices(
        f"{lead}上面的信息无误请回复「{CONFIRM_LABEL}」；{_how_to_change(form, progress)}；"
        "不要了请回复「取消」。",
        _SUMMARY_BUTTONS,
        first=FORM_FIRST,
    )


def edit_example(form: Form, progress: Progress | None = None) -> str:
    """修改 房间号: how to change one answer, with a question of this form for the example
    (房间号 means nothing on a tip), one the user answered where there is one."""
    answers = progress.answers if progress else {}
    prefilled = progress.prefilled if progress else []
    typed = (
        f.label
        for f in form.fields
        if f.name not in prefilled and answers.get(f.name) not in (None, "")
    )
    return f"{EDIT_WORD} {next(typed, form.fields[0].label)}"


def _how_to_change(form: Form, progress: Progress) -> str:
    # 「修改 字段名」 was jargon: the example is the way to say it.
    return f"要改哪一项，请回复如「{edit_example(form, progress)}」"
