"""What a form shows the user: the question asked, and the summary to confirm."""

from __future__ import annotations

from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.spec import Form, FormField
from bot.forms.words import EDIT_WORD
from bot.messages import Button, Choices, Reply, Text

#: A form reads a number typed at its question itself, counting from 1: its options are
#: numbered so even after other options in the same reply (`bot.numbering`).
FORM_FIRST = 1


def current(form: Form, progress: Progress) -> Reply:
    """What the form is waiting for: a field's question, or the summary to confirm."""
    if progress.current in (CONFIRM, CHOOSING_EDIT):
        return summary(form, progress)
    return ask(form.field(progress.current))


def ask(field: FormField) -> Reply:
    prompt = field.prompt
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
    return Text(prompt)


def summary(form: Form, progress: Progress) -> Reply:
    lines = [f"请核对{form.title}信息："]
    shown = [f for f in form.fields if f.name in progress.answers]
    lines.extend(f"· {f.label}：{f.show(progress.answers[f.name])}" for f in shown)
    # The example names a field of this form: 房间号 means nothing on a tip.
    example = next(
        (
            f.label
            for f in shown
            if f.name not in progress.prefilled and progress.answers[f.name] not in (None, "")
        ),
        "",
    )
    how = f"，如「{EDIT_WORD} {example}」" if example else ""
    lines.append(f"无误请回复「确认」；需更改请回复「{EDIT_WORD} 字段名」{how}。")
    buttons = (Button("确认提交", "确认"), Button("修改", EDIT_WORD), Button("取消", "取消"))
    return Choices("\n".join(lines), buttons, first=FORM_FIRST)
