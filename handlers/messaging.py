"""`查询` and `回复`: following up a tip or a report in chat, both ways.

- A tipster: `查询 CODE` (status, no login), `回复 CODE 内容` (to the officers, anonymously).
- A reporter: `查询 报案号`, `回复 报案号 内容` (answering an officer's question).
- An officer: `/回复 线索编号 内容` (to a tipster, under the station's name); a bare number
  that may also be a question's (提问 #N), or a closed tip, is asked about first
  (`handlers.tips.officer_reply`).

Without the text (`回复 CODE`, or the 「回复民警」 button), a one-question form asks for it,
so a long answer need not be typed after a code. The codes tell the cases apart: a report
number is B + date + 6 characters, a tip code 12 characters, a tip number digits.

```mermaid
flowchart LR
    reply([回复 X …]) --> staff{officer and X a tip number?}
    staff -- yes --> officer[to the tipster, as the station]
    staff -- no --> kind{X is}
    kind -- report number --> reporter[to the officer who asked]
    kind -- tip code --> tipster[to the officers, under the alias]
    kind -- other --> help([how to write it])
    officer & reporter & tipster -- no text --> ask[内容？] --> confirm[核对] --> sent([已转告])
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from bot.context import Context
from bot.forms import Answers, Form, FormEngine, FormEnv, FormField
from bot.forms.photos import keeping_photos, photo_field
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, AtOnce, Router
from bot.validators import Invalid
from bot.validators.text import parse_free_text
from handlers.reports.officer import NOT_FOUND as REPORT_ID_NOT_FOUND
from handlers.reports.officer import ask_reporter, read_receipt, visible_report
from handlers.reports.pending import own_reports
from handlers.reports.reporter import NOT_FOUND as REPORT_NOT_FOUND
from handlers.reports.reporter import answer_report, own_report, query_report
from handlers.services import questions
from handlers.tips import officer_reply
from handlers.tips.codes import read_code
from handlers.tips.officer import NOT_FOUND as TIP_ID_NOT_FOUND
from handlers.tips.officer import reply_to_tipster, visible_tip
from handlers.tips.pending import own_tips
from handlers.tips.relay import tip_code
from handlers.tips.tipster import answer_tip, own_tip, query_tip

FORM_NAME = "message"
#: 问民警 with no question: the same delivery, asked for in its own words.
QUESTION_FORM_NAME = "question"
#: /答复 N with no answer: an officer's answer, asked for in its own words.
ANSWER_FORM_NAME = "answer"
#: Targets the message form can send to, as `kind:key` in its prefilled `to` answer.
TIP, REPORT, OFFICER_TIP, OFFICER_REPORT = "tip", "report", "officer-tip", "officer-report"
#: A question to the officers (key: the alert it is about, or empty), and their answer.
QUESTION, OFFICER_QUESTION = "question", "officer-question"
QUERY_HELP = (
    "请发送「查询 查询码」查看举报进展，或「查询 报案号」查看报案进展，如 查询 K7F3-9Q2M-XA4P。"
)
#: What one with no tips or reports yet is told, after saying so.
_HOW_TO_TELL = "要向民警反映线索，请发送「举报」（默认匿名）；自助报案请发送「报案」。"
REPLY_HELP = "请发送「回复 查询码 内容」回复民警，如 回复 K7F3-9Q2M-XA4P 那辆车又来了。"
#: An officer's /回复 answers a tipster: the residents' usage above told them to 回复民警.
STAFF_REPLY_HELP = (
    "请发送「/回复 线索编号 内容」回复举报人（以派出所名义转达），如 /回复 线索12 已安排民警核实，谢谢。"
    "线索编号见「/线索」。"
)


def _parse_text(text: str, _env: FormEnv) -> str:
    return parse_free_text(text)


async def _asks_something(_ctx: Context, text: str, _answers: Mapping[str, Any]) -> str | None:
    """好 or 在吗 typed as the question: asked for the question (a check, not the parser:
    a parser's refusal of 在吗 would send it to /咨询 as a question of its own)."""
    return None if questions.is_question(text) else questions.NO_QUESTION


async def deliver(ctx: Context, to: str, text: str, photos: Sequence[str] = ()) -> list[Reply]:
    """Send `text` (and, for a question, the `photos` it was asked with) where `to` says."""
    kind, _, key = to.partition(":")
    if kind == TIP:
        return await answer_tip(ctx, key, text)
    if kind == REPORT:
        return await answer_report(ctx, key, text)
    # The officer targets are checked again here: the role may have changed since.
    if kind == OFFICER_TIP and ctx.role in STAFF:
        return await reply_to_tipster(ctx, int(key), text)
    if kind == OFFICER_REPORT and ctx.role in STAFF:
        return await ask_reporter(ctx, key, text)
    if kind == QUESTION:
        target = await questions.follow_up_target(ctx, text) or await questions.find_target(
            ctx, int(key) if key else None
        )
        note: list[Reply] = []
        if isinstance(target, str) and key:
            # 问民警 通报3 … with no alert 3 of theirs: the question still goes, unlinked.
            note = [Text(f"没有找到您收到的通报#{key}，问题按一般提问转给社区民警。")]
            target = await questions.find_target(ctx, None)
        if isinstance(target, str):
            return [Text(target)]
        return [*note, *await questions.ask(ctx, target, text, photos)]
    if kind == OFFICER_QUESTION and ctx.role in STAFF:
        question = await questions.visible_question(ctx, int(key))
        if question is None:
            return [Text(questions.NOT_FOUND.format(n=key))]
        # 答复25 不够… typed into the answer form: the command is not part of the answer.
        text = re.sub(rf"^/?答复\s*#?{key}[\s，,：:]*", "", text).strip() or text
        return await questions.answer(ctx, question, text)
    return [Text("这条消息无法送达，请重新发送。")]


async def _submit(ctx: Context, answers: Answers) -> list[Reply]:
    return await deliver(ctx, answers["to"], answers["text"], answers.get(PHOTOS) or ())


FORM = Form(
    name=FORM_NAME,
    title="留言",
    fields=(FormField("text", "内容", "请输入要转达的内容：", _parse_text),),
    submit=_submit,
    # What is told to an officer may tell of danger (昨天有人打架的事处理了吗): it is the
    # message, taken as typed, with the numbers after it.
    story=True,
)
#: Owners photograph what they ask about (门口这个灭火器还能用吗, with the photo): a photo
#: sent at the question, captioned or not, goes with it. The field is prefilled (never
#: asked: most questions have no photo) so that each photo joins its answer at once.
PHOTOS = "photos"
#: 问民警 alone had got 请问您想问民警什么？ and then 请输入要转达的内容： two prompts for one
#: answer. A question asks for itself, once.
QUESTION_FORM = Form(
    name=QUESTION_FORM_NAME,
    title="提问",
    fields=keeping_photos(
        PHOTOS,
        (
            FormField(
                "text",
                "问题",
                "请问您想问民警什么？直接发来即可，民警答复后会通知您。",
                _parse_text,
                aliases=("内容",),
                check=_asks_something,
            ),
            # Only when photos came: 照片：（无） under every question had asked for one.
            replace(photo_field(PHOTOS, "照片", "可以直接发送照片："), hidden_when_empty=True),
        ),
    ),
    submit=_submit,
    story=True,
)
#: /答复 N alone had got 答复提问 #N「…」（答复会发回提问的聊天）： and then
#: 请输入要转达的内容：, two prompts for one answer: the question is named before this
#: prompt in one message (`send_or_ask`), which alone still says what to send.
ANSWER_FORM = Form(
    name=ANSWER_FORM_NAME,
    title="答复",
    fields=(
        FormField(
            "text",
            "答复",
            "请直接发来答复内容，会发回提问的聊天。",
            _parse_text,
            aliases=("内容",),
        ),
    ),
    submit=_submit,
    story=True,
)
FORMS = (FORM, QUESTION_FORM, ANSWER_FORM)
_FORM_FOR = {QUESTION: QUESTION_FORM, OFFICER_QUESTION: ANSWER_FORM}


async def _unreachable(ctx: Context, to: str) -> str | None:
    """Why a message to `to` cannot be sent by this user, checked before asking for it."""
    kind, _, key = to.partition(":")
    if kind == TIP:
        tip = await own_tip(ctx, key)
        return tip if isinstance(tip, str) else None  # another's: why only its sender may
    if kind == REPORT:
        return None if await own_report(ctx, key) else REPORT_NOT_FOUND
    if kind == OFFICER_TIP:
        return None if await visible_tip(ctx, int(key)) else TIP_ID_NOT_FOUND.format(n=key)
    if kind == QUESTION:
        target = await questions.find_target(ctx, None)
        return target if isinstance(target, str) else None
    if kind == OFFICER_QUESTION:
        found = await questions.visible_question(ctx, int(key))
        return None if found else questions.NOT_FOUND.format(n=key)
    return None if await visible_report(ctx, key) else REPORT_ID_NOT_FOUND.format(r=key)


async def send_or_ask(
    ctx: Context, forms: FormEngine, to: str, text: str, lead: str = "", about: str = ""
) -> list[Reply]:
    """Deliver `text` now, or (once we know it can be delivered) ask for it; `lead` (what
    is answered: 答复提问 #3「…」：) goes before the prompt, in the same message. `about`:
    a short name of what is answered (提问 #3), said if another answer is unfinished."""
    if to.partition(":")[0] == QUESTION and not questions.is_question(text):
        text = ""  # 问民警 在吗: the question is asked for
    if text:
        try:
            cleaned = parse_free_text(text)
        except Invalid as exc:
            return [Text(exc.reason)]
        return await deliver(ctx, to, cleaned)
    refusal = await _unreachable(ctx, to)
    if refusal:
        return [Text(refusal)]
    form = _FORM_FOR.get(to.partition(":")[0], FORM)
    prefill: dict[str, object] = {"to": to}
    if form is QUESTION_FORM:
        prefill[PHOTOS] = None
    started = await forms.start(ctx, form.name, prefill, about=about or None)
    prompt = Text(form.fields[0].prompt)
    if lead and started == [prompt]:
        return [Text(f"{lead}{prompt.text}")]
    # A form resumed or another one unfinished: the lead would name what is not asked.
    return started


def pasted_code(text: str, *, staff: bool) -> str | None:
    """「查询 CODE」 for a message that is a tip's query code or a report number alone
    (AKKP-PM43-ZMG4, B20261130-23HREY), pasted from the receipt that says 请记下查询码:
    it had got 没有理解. An officer's report number is the report (/报案 N); a tip's code
    is the tipster's, not theirs to query."""
    said = text.strip()
    receipt = read_receipt(said)
    if receipt is not None:
        return f"/报案 {receipt}" if staff else f"查询 {receipt}"
    code = read_code(said)
    if staff or code is None or not any(ch.isdigit() for ch in code):
        return None
    return f"查询 {said}"


def _split(args: str) -> tuple[str, str]:
    """The code (which may contain spaces between its groups) and the text after it."""
    words = args.split()
    # A tip code may be typed in groups ("K7F3 9Q2M XA4P"): try the longest prefix first.
    for n in (3, 2, 1):
        head = " ".join(words[:n])
        if len(words) >= n and (read_code(head) or read_receipt(head)):
            return head, " ".join(words[n:])
    return (words[0], " ".join(words[1:])) if words else ("", "")


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "followup_query",
        commands=("查询", "query"),
        keywords=("查询",),
        hints=(
            "报案怎么样",
            "举报怎么样",
            "处理得怎么样",
            "有结果了吗",
            "进展怎么样",
            "报案进展",
            "举报的那个",
            "报案的那个",
            "处理了吗",
            # 我的举报 had been offered 举报, a new tip: it asks for the ones made.
            "我的举报",
            "我的报案",
            "我举报的",
            "我报的案",
        ),
        help="查询举报、报案进展和民警对您提问的答复，如：查询 查询码",
        # 我的举报怎么样了 had been offered 「查询」, a tap to read what was asked.
        at_once=AtOnce.OWN_CASES,
    )
    async def query(ctx: Context) -> list[Reply]:
        head, _ = _split(ctx.match.args if ctx.match else "")
        receipt = read_receipt(head)
        if receipt:
            return await query_report(ctx, receipt)
        code = read_code(head)
        if code:
            return await query_tip(ctx, code)
        if not head:
            return await own_follow_ups(ctx)
        return [Text(QUERY_HELP)]

    @router.route(
        "followup_reply",
        commands=("回复", "reply"),
        keywords=("回复",),
        help="回复民警，如：回复 查询码 内容",
        staff_help="回复举报人（以派出所名义转达）：/回复 线索编号 内容",
        topic="查询",
    )
    async def reply(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        head, text = _split(args)
        # 回复 1 may mean 线索 #1 or 提问 #1 (and a closed tip is written to only when
        # confirmed): asked, unless said (回复 线索1, 回复 提问1).
        target = await officer_reply.resolve(ctx, args) if ctx.role in STAFF else None
        if isinstance(target, list):
            return target
        if target is not None and target.kind == "question":
            number = target.number
            return await send_or_ask(
                ctx, forms, f"{OFFICER_QUESTION}:{number}", target.text, about=f"提问 #{number}"
            )
        if target is not None:
            tip_id = target.number
            return await send_or_ask(
                ctx,
                forms,
                f"{OFFICER_TIP}:{tip_id}",
                target.text,
                f"回复线索 #{tip_id}（以派出所名义）：",
            )
        receipt = read_receipt(head)
        if receipt:
            return await send_or_ask(ctx, forms, f"{REPORT}:{receipt}", text)
        code = read_code(head)
        if code:
            return await send_or_ask(ctx, forms, f"{TIP}:{code}", text)
        return [Text(STAFF_REPLY_HELP if ctx.role in STAFF else REPLY_HELP)]

    return router


async def own_follow_ups(ctx: Context, *, cases_only: bool = False) -> list[Reply]:
    """`查询` alone: the sender's own recent reports and tips, each a button to its status,
    and their questions to the officers with the answers (an answer missed as a notice
    had no other way back). `cases_only`: asked after a report (我的报案处理到哪一步了),
    which having none is the answer."""
    reports = await own_reports(ctx, open_only=False)
    tips = await own_tips(ctx)
    if cases_only and not reports and not tips:
        return [Text(f"您还没有在这里报过案或举报。{_HOW_TO_TELL}紧急情况请直接拨打110。")]
    asked = await questions.own_questions(ctx)
    if not reports and not tips and not asked:
        # 请发送「查询 查询码」 alone had read as if there were a code to look for.
        return [
            Text(
                f"您还没有在这里报过案或举报，也没有问过民警。{_HOW_TO_TELL}"
                "如果是用别的账号提交的，请发送「查询 查询码」或「查询 报案号」查看进展。"
            )
        ]
    lines = []
    buttons = []
    if reports or tips:
        lines.append("您最近的报案和举报：")
    for r in reports:
        lines.append(f"报案 {r.receipt_no}（{r.kind.label}）：{r.status.label}")
        buttons.append(Button(f"报案 {r.receipt_no}", f"查询 {r.receipt_no}"))
    for tip in tips:
        code = tip_code(ctx.services, tip)
        lines.append(f"举报 {code}：{tip.status.label}")
        buttons.append(Button(f"举报 {code}", f"查询 {code}"))
    if buttons:
        lines.append("点一项查看详情和民警的留言。")
    if asked:
        lines.append("您问民警的问题：")
        lines.extend(questions.own_question_line(ctx, q) for q in asked)
        lines.append("还有问题请发送「问民警 您的问题」。")
    if not buttons:
        return [Text("\n".join(lines))]
    return [Choices("\n".join(lines), tuple(buttons[:8]))]
