"""What an officer's `回复 N` answers: a tip (线索 #N) or a question (提问 #N).

Both lists number from 1, and to a person 回复 and 答复 mean the same: `回复 1 …` meant for
the hotel's 提问 #1 had gone to the tipster of 线索 #1, closed long before. A bare number that
could be either is asked about, with a button for each; a tip already closed is delivered
only once the officer confirms. `回复 线索1 …` (the buttons' own form) and `答复 1 …` are
unambiguous and go at once; `回复 提问1 …` answers the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.context import Context
from bot.messages import Button, Choices, Reply
from handlers.services import questions
from handlers.tips.form import TEXT
from handlers.tips.officer import visible_tip
from storage.models import Question, Tip

#: 回复 1 …, 回复 #1 …, 回复 线索1 …, 回复 线索 #1：…, 回复 T1 …, 回复 提问1 …
_TARGET = re.compile(
    r"(?P<kind>线索|提问|[Tt](?=\d))?\s*[#＃]?\s*(?P<n>\d{1,9})(?:$|[\s，,：:。、]+(?P<text>.*))",
    re.S,
)
#: Said after the number in the confirming button: deliver to the closed tip all the same.
CONFIRMED = "仍转告"
_SHOWN = 16


@dataclass(frozen=True)
class Target:
    """Where an officer's reply goes: `kind` is "tip" or "question"."""

    kind: str
    number: int
    text: str


def tip_command(tip_id: int, text: str = "", *, confirmed: bool = False) -> str:
    """The unambiguous way to reply to a tip's tipster (the buttons' value)."""
    return " ".join(
        part for part in (f"/回复 线索{tip_id}", CONFIRMED if confirmed else "", text) if part
    )


def _quoted(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


async def resolve(ctx: Context, args: str) -> Target | list[Reply] | None:
    """The target of an officer's `回复 args`, or the question which one (or whether to
    write to a closed tip at all); None when `args` names no number."""
    found = _TARGET.fullmatch(args.strip())
    if found is None:
        return None
    kind, number, text = found["kind"], int(found["n"]), (found["text"] or "").strip()
    if kind == "提问":
        return Target("question", number, text)
    confirmed = text == CONFIRMED or text.startswith(CONFIRMED + " ")
    if confirmed:
        text = text.removeprefix(CONFIRMED).strip()
    tip = await visible_tip(ctx, number)
    question = None if kind else await questions.visible_question(ctx, number)
    # An answered question is not what a bare 回复 N means while the tip is open.
    if question is not None and question.answered_at is not None and tip and tip.status.is_open:
        question = None
    if tip is None and question is None:
        return Target("tip", number, text)  # not found: the usual words say so
    if question is None and tip is not None and (tip.status.is_open or confirmed):
        return Target("tip", number, text)
    return [await _which(ctx, tip, question, number, text)]


async def _which(
    ctx: Context, tip: Tip | None, question: Question | None, number: int, text: str
) -> Choices:
    cipher = ctx.services.cipher
    lines: list[str] = []
    buttons: list[Button] = []
    if tip is not None:
        closed = not tip.status.is_open
        said = _quoted(cipher.decrypt(tip.text_enc, TEXT))
        state = f"（{tip.status.label}）" if closed else ""
        lines.append(f"线索 #{number}{state} {tip.alias}：{said}")
        label = f"线索#{number} {tip.alias}" + ("（已办结，仍转告）" if closed else "")
        buttons.append(Button(label, tip_command(number, text, confirmed=closed)))
    if question is not None:
        asked = questions.without_mark(cipher.decrypt(question.text_enc, questions.QUESTION_TEXT))
        # An owner's question that names none of their places is filed under none: it is
        # still theirs (悦来旅馆、枫林民宿), not a resident's 「群众」, as /答复 lists it.
        who = questions.place_of(question, await questions.place_names(ctx, [question]))
        state = "（已答复过）" if question.answered_at else ""
        if questions.relayed(cipher, question):
            # The asker's reply, closed as it was sent: 已关闭 had read as the officer's doing.
            state = f"（{questions.reply_note(cipher, question)}）"
        elif questions.closed_unanswered(cipher, question):
            state = "（已关闭）"  # closed unanswered: 已答复过 had told the officer otherwise
        lines.append(f"提问 #{number}{state} {who}：{_quoted(asked)}")
        buttons.append(Button(f"提问#{number} {who}", f"/答复 {number} {text}".strip()))
    if tip is not None and question is None:
        head = (
            f"⚠️ 线索 #{number} 已「{tip.status.label}」，这条回复会发给{tip.alias}。"
            "确定仍要转告吗？不发请忽略。"
        )
        return Choices("\n".join([head, *lines]), tuple(buttons))
    elif tip is None:
        head = f"没有线索 #{number}。是要答复这条提问吗？是请点下面的按钮："
    else:
        head = f"「回复 {number}」可能指下面两件事，请点选要回复哪一个（点选前不会发出）："
    tail = "以后可直接写「/回复 线索N 内容」回复举报人，「/答复 N 内容」答复提问。"
    return Choices("\n".join([head, *lines, tail]), tuple(buttons))
