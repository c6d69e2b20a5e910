"""Runs declared forms: asks each field, validates, and handles 上一步 / 修改 / 取消.

A form's whole flow, for every form:

```mermaid
stateDiagram-v2
    [*] --> Ask: start (prefilled fields skipped)
    Ask --> Ask: valid answer, more fields
    Ask --> Ask: invalid answer (reason + same question)
    Ask --> Ask: 上一步 (previous question again)
    Ask --> Ask: partial answer kept as a draft (a photo, more may follow)
    Ask --> Confirm: last field answered
    Confirm --> Ask: 修改 字段
    Confirm --> [*]: 确认 (submit, receipt)
    Confirm --> Ask: 确认 with a question still open (never submitted)
    Ask --> [*]: 取消
    Confirm --> [*]: 取消
    Ask --> [*]: expired (notice)
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.context import Context
from bot.forms.plain_answers import confirms, says_none
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.spec import Derived, Form, FormEnv, FormField, Misplaced, More
from bot.forms.store import FormStore, StoredProgress
from bot.messages import Button, Choices, Reply, Text
from bot.router import normalise_text
from bot.validators import Invalid

BACK_WORDS = frozenset({"上一步", "返回上一步", "返回", "back"})
CANCEL_WORDS = frozenset({"取消", "/取消", "/cancel", "cancel", "退出", "取消登记"})
#: Words that sound like giving up: asked about, never acted on, since 取消 loses the form.
QUIT_WORDS = frozenset(
    {"算了", "不报了", "不填了", "不登记了", "不想报了", "不举报了", "我不想举报了", "不报案了",
     "算了不报了", "不想填了", "不弄了", "重新填", "重填", "重新登记", "重来"}
)  # fmt: skip
#: 这个客人不登了, 我不想报了: giving up in a sentence of one's own.
_GIVING_UP = re.compile(r"不(想|要)?(登|报|填|举报|登记)了$")
HELP_WORDS = frozenset({"帮助", "help", "怎么填", "不会填", "?", "？"})
#: 帮助 全部, 帮助 登记: the help command with its part named, typed without the slash.
_HELP_WITH_WORD = re.compile(r"(?:帮助|help)\s+(?P<asked>[^\W\d_]{1,4})", re.IGNORECASE)
#: What follows 帮助 in a sentence, not in the name of a part of the help (帮助 我被骗了).
_NOT_A_HELP_WORD = re.compile(r"[了吗呢吧啊我你他她被]")
EDIT_WORD = "修改"
SKIP_WORDS = frozenset({"跳过", "无", "没有", "skip"})
#: Of those, the words that can only mean "skip", never an answer ("没有" can answer 是否).
SKIP_COMMANDS = frozenset({"跳过", "skip"})
CONFIRM_WORDS = frozenset(
    {
        "确认",
        "确认提交",
        "提交",
        "是",
        "是的",
        "好",
        "好的",
        "对",
        "对的",
        "没问题",
        "确定",
        "ok",
        "yes",
    }
)
#: How people say "send it" to a summary or a draft (是的，发吧, 可以, 嗯), read by `bare`.
SEND_WORDS = frozenset({"发", "发吧", "发送", "是的发吧", "好的发吧", "可以", "行", "嗯"})
#: At the summary nothing else is asked, so a yes is a yes to submitting.
SUMMARY_YES = CONFIRM_WORDS | SEND_WORDS | {
    "嗯嗯", "提交吧", "可以发", "没错", "无误", "确认无误", "就这样"
}  # fmt: skip
_SPACING = re.compile(r"[\s，,。.!！~～]+")
#: Where one message holds answers to several questions: 李娟 13912345678, 302；明天.
_PARTS = re.compile(r"[\s，,、；;]+")


def bare(text: str) -> str:
    """`text` without spaces and the punctuation people put between words (是的，发吧)."""
    return _SPACING.sub("", text)


#: After "要放弃吗？", the words that mean yes: they cancel, never confirm.
YES_TO_QUIT = CONFIRM_WORDS - {"提交", "确认提交", "没问题"} | {"嗯", "嗯嗯", "要", "放弃", "行"}
#: What the summary asks for by name (无误请回复「确认」) and its button sends.
_CONFIRM_BUTTON_WORDS = frozenset({"确认", "确认提交", "确定"})
MAX_INPUT_CHARS = 500
#: A form reads a number typed at its question itself, counting from 1: its options are
#: numbered so even after other options in the same reply (`bot.numbering`).
FORM_FIRST = 1


_NEGATIONS = frozenset("不没别无未非")


def closest_choice(text: str, choices: tuple[str, ...]) -> str | None:
    """The option a typed answer means when it is not one (冒充客服让我转账 for 冒充客服,
    身份证号 for 身份证): the only option it contains or that contains it. Nothing looser:
    三号警务区 shares most of its characters with 一号警务区 and means another beat."""
    typed = text.strip()
    if not typed or not choices or any(ch.isdigit() for ch in typed):
        return None  # digits are data (匿名 139…): the field's own parser says what it needs
    # 不要留电话 is not 留电话: an option is a candidate only if it carries the typed
    # negation too.
    negations = set(typed) & _NEGATIONS
    choices = tuple(c for c in choices if negations <= set(c))
    within = [c for c in choices if c in typed or (len(typed) > 1 and typed in c)]
    return within[0] if len(within) == 1 else None


#: 会怎么样, 吗, 怎么办: a question, not an answer (an answer is asked for on a bad one).
_QUESTION_WORDS = re.compile(
    r"[?？]|吗|怎么|怎样|如何|是否|能不能|可不可以|会不会|要不要|为什么|什么"
)

#: An answer only a free-text question (or a name) takes.
_NONSENSE = "甲乙丙丁戊己"


def _takes_any_text(field: FormField, env: FormEnv) -> bool:
    try:
        field.parse(_NONSENSE, env)
    except Invalid:
        return False
    return True


def _is_question(text: str, field: FormField) -> bool:
    """A question typed where an answer without digits or choices could not be one."""
    return not field.choices and bool(_QUESTION_WORDS.search(text)) and not re.search(r"\d", text)


def _help_asked(text: str) -> str:
    """What 帮助 全部 (typed without the slash) asks the help for, or "" for anything else."""
    found = _HELP_WITH_WORD.fullmatch(text.strip())
    if found is None or _NOT_A_HELP_WORD.search(found["asked"]):
        return ""
    return found["asked"]


def _says_yes(word: str) -> bool:
    """A yes meant for the summary (确认, 好的 提交吧)."""
    said = bare(word.lower())
    return said in SUMMARY_YES or confirms(said, SUMMARY_YES)


def local_time(ctx: Context) -> datetime:
    """The station's wall-clock time."""
    return ctx.now.astimezone(ctx.services.settings.zone)


class FormEngine:
    def __init__(self, forms: Mapping[str, Form], store: FormStore) -> None:
        self._forms = dict(forms)
        self._store = store

    def form(self, name: str) -> Form:
        return self._forms[name]

    def titles(self) -> dict[str, str]:
        return {name: form.title for name, form in self._forms.items()}

    async def load(self, ctx: Context) -> StoredProgress | None:
        return await self._store.load(ctx.session, ctx.user_key)

    async def active(self, ctx: Context) -> bool:
        return await self._store.exists(ctx.session, ctx.user_key)

    async def open_form(self, ctx: Context) -> Form | None:
        """The form the user is filling in, if any (and not expired)."""
        stored = await self._store.load(ctx.session, ctx.user_key)
        if stored is None or stored.expired_at <= ctx.now:
            return None
        return self._forms.get(stored.progress.form_name)

    async def waiting(self, ctx: Context) -> list[Reply]:
        """What the user's open form is waiting for, said when a message was not taken as
        its answer (an emergency typed mid-form); nothing if no form is open."""
        stored = await self._store.load(ctx.session, ctx.user_key)
        form = self._forms.get(stored.progress.form_name) if stored else None
        if stored is None or form is None or stored.expired_at <= ctx.now:
            return []
        return [
            Text(f"您正在填写的{form.title}已保留，需要时可以继续；不需要请回复「取消」。"),
            self._current(form, stored.progress),
        ]

    async def start(
        self,
        ctx: Context,
        form_name: str,
        prefill: Mapping[str, object] | None = None,
        answered: Mapping[str, object] | None = None,
        derived: Mapping[str, Sequence[str]] | None = None,
        later: Mapping[str, str] | None = None,
    ) -> list[Reply]:
        """Start (or resume) a form. `prefill` answers are fixed and never asked; `answered`
        ones are what the user already said (`举报 楼下有人吸毒`): not asked, but editable.
        `derived` names, by field, those of `answered` that field's answer derived (sex
        from an ID number): they follow it, as when the answer is typed in the form.
        `later`: by field, words said for it that need an answer still to come (住两晚
        before the check-in time), read once that answer is in."""
        form = self._forms[form_name]
        stored = await self._store.load(ctx.session, ctx.user_key)
        if stored and stored.progress.form_name == form_name and stored.expired_at > ctx.now:
            # Never throw away what the user already typed: pick up where they left off.
            progress = stored.progress
            resumed: list[Reply] = [Text(f"您有一份未完成的{form.title}，接着上次继续：")]
            resumed.extend(self._advance(form, progress, ctx))
            await self._save(ctx, progress, stored)
            return resumed
        if stored and stored.expired_at > ctx.now:
            other = self._forms.get(stored.progress.form_name)
            typed = [n for n in stored.progress.history if n not in stored.progress.prefilled]
            if other is not None and typed:
                # Another form with the user's own answers in it: starting this one would
                # throw them away without a word. They choose by finishing or cancelling.
                return [
                    Text(
                        f"您还有一份未完成的{other.title}（已填 {len(typed)} 项），"
                        f"为免丢失，暂不开始{form.title}。请接着填写；不要了请回复「取消」，"
                        "再重新发送刚才的指令。"
                    ),
                    self._current(other, stored.progress),
                ]
        progress = Progress(form_name=form_name)
        if prefill:
            progress.answers.update(prefill)
            progress.prefilled = list(prefill)
        if answered:
            progress.answers.update(answered)
            followers = {name for names in (derived or {}).values() for name in names}
            progress.history.extend(name for name in answered if name not in followers)
            progress.derived.update({name: list(names) for name, names in (derived or {}).items()})
        progress.pending.update(later or {})
        replies: list[Reply] = [Text(form.intro)] if form.intro else []
        replies.extend(self._advance(form, progress, ctx))
        await self._save(ctx, progress, stored)
        return replies

    async def unfinished(self, ctx: Context, form_name: str) -> Mapping[str, object] | None:
        """The answers of the user's unfinished `form_name`, which `start` resumes (whatever
        it is given), or None."""
        stored = await self._store.load(ctx.session, ctx.user_key)
        if stored and stored.progress.form_name == form_name and stored.expired_at > ctx.now:
            return stored.progress.answers
        return None

    async def cancel(self, ctx: Context) -> bool:
        stored = await self._store.load(ctx.session, ctx.user_key)
        if stored is None:
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
        text = normalise_text(ctx.inbound.text)
        asked_to_quit, progress.quitting = progress.quitting, False
        quits = asked_to_quit and text.lower() in YES_TO_QUIT
        if text.lower() in CANCEL_WORDS or (quits and not self._takes(form, progress, text, ctx)):
            await self._store.clear(ctx.session, ctx.user_key)
            return [
                Text(form.cancelled or f"已取消{form.title}，填写的内容未提交。需要时可重新开始。")
            ]
        if text in QUIT_WORDS or _GIVING_UP.search(text):
            progress.quitting = True
            replies = [
                Text(
                    f"要放弃本次{form.title}吗？回复「取消」即放弃，已填内容不会提交。要继续，请回答："
                ),
                self._current(form, progress),
            ]
        elif asked_for := _help_asked(text):
            # 帮助 全部 in a form was kept as the answer (a guest named 帮助全部): it is the
            # help command, which works in a form with its slash.
            replies = [
                Text(
                    f"您正在填写{form.title}。要查看帮助，请发送「/帮助 {asked_for}」，"
                    "已填内容会保留；要继续填写，请回答："
                ),
                self._current(form, progress),
            ]
        elif text.lower() in HELP_WORDS:
            replies = [
                Text(
                    f"您正在填写{form.title}，回答下面的问题即可。"
                    "可随时回复「上一步」「修改 字段名」，或「取消」放弃。"
                ),
                self._current(form, progress),
            ]
        elif text in BACK_WORDS:
            replies = self._back(form, progress, ctx)
        elif text == EDIT_WORD or text.startswith(EDIT_WORD + " ") or self._glued_edit(form, text):
            replies = await self._edit_with_value(
                form, progress, text[len(EDIT_WORD) :].strip(), ctx
            )
        elif progress.current == CHOOSING_EDIT:
            replies = self._choose_edit(form, progress, text, ctx)
        elif progress.current == CONFIRM:
            said = bare(text.lower())
            # 没问题 提交吧: a sentence of yes-words is a yes; 不对 or 别提交 never is.
            missing = self._due(form, progress)
            yes = said in SUMMARY_YES or text == "1" or confirms(said, SUMMARY_YES)
            if yes and missing is None:
                await self._store.clear(ctx.session, ctx.user_key)
                return await form.submit(ctx, dict(progress.answers))
            if yes and missing is not None:
                # However the summary was reached, a form with a question open is never
                # submitted (the submit would store it incomplete, or fail): ask it.
                replies = [
                    Text(f"还差「{missing.label}」没有填写，填好后才能提交："),
                    *self._advance(form, progress, ctx),
                ]
            else:
                replies = [
                    Text("请回复「确认」提交，「修改 字段名」更改某项，或「取消」放弃。"),
                    self._confirm(form, progress),
                ]
        elif self._names_a_feature(form, progress, ctx, text) and (
            ctx.match is not None and ctx.match.route.name in form.started_by
        ):
            replies = [
                Text(f"您正在填写{form.title}，接着填写即可："),
                self._current(form, progress),
            ]
        elif self._names_a_feature(form, progress, ctx, text):
            route = ctx.match.route if ctx.match else None
            # The command's own name: 在住 is a keyword of /在住旅客, and /在住 is nothing.
            command = f"/{route.commands[0]}" if route and route.commands else text
            replies = [
                Text(
                    f"「{text}」是一项功能。您正在填写{form.title}：要先用这项功能，请发送"
                    f"「{command}」，已填内容会保留（若它也要填表，请先完成或取消本次"
                    f"{form.title}）；要继续填写，请回答："
                ),
                self._current(form, progress),
            ]
        else:
            # Control words are matched on the normalised text; the answer itself goes to the
            # parser as typed (validators normalise what they need), so free text such as a
            # tip's description keeps the user's own punctuation.
            typed = ctx.inbound.text.strip()
            kept = self._keep_photos(form, progress, ctx)
            if kept and not typed:
                replies = [Text(f"{kept}这一步还要用文字回答："), self._current(form, progress)]
            else:
                replies = await self._answer(form, progress, typed, text, ctx)
                replies = [Text(kept), *replies] if kept else replies
        await self._save(ctx, progress, stored)
        return replies

    # -- steps -----------------------------------------------------------------------

    async def _answer(
        self, form: Form, progress: Progress, text: str, word: str, ctx: Context
    ) -> list[Reply]:
        field = form.field(progress.current)
        if len(text) > MAX_INPUT_CHARS:
            return [
                Text(f"内容过长（最多{MAX_INPUT_CHARS}字），请精简后重新输入。"),
                self._ask(field),
            ]
        inbound = ctx.inbound
        photos = inbound.photos if field.accepts_photos else ()
        location = inbound.location if field.accepts_location else None
        attached = bool(photos) or location is not None
        # A field picked from the summary (修改 房间号), then 确认: a change of mind, not
        # its new answer (a description had been kept as 确认, a room told 还差这一项).
        editing = field.name in progress.answers and field.name not in progress.drafts
        confirmed = bare(word.lower()) in _CONFIRM_BUTTON_WORDS and word not in field.choices
        if editing and confirmed and not attached:
            return self._unchanged(form, progress, field, ctx)
        # With a draft, "跳过" is the parser's to read: it may mean "no more photos".
        drafting = field.name in progress.drafts
        if field.optional and self._skips(field, word) and not attached and not drafting:
            value: object = None
            extra: Mapping[str, object] = {}
        elif word.lower() in SKIP_COMMANDS and not attached and not field.accepts_photos:
            # A required answer: "跳过" would otherwise be stored as the answer (案由：跳过).
            return [Text("这一项必须填写，不能跳过。"), self._ask(field)]
        elif not text and not attached:
            if inbound.photos or inbound.location:
                return [Text("这一步请用文字回答。"), self._ask(field)]
            return [Text("没有收到文字内容。"), self._ask(field)]
        else:
            if field.choices:
                text = word
                if word.isdigit() and 1 <= int(word) <= len(field.choices):
                    text = field.choices[int(word) - 1]
            local = local_time(ctx)
            env = FormEnv(
                progress.answers,
                local.date(),
                local,
                photos=photos,
                location=location,
                draft=progress.drafts.get(field.name),
            )
            try:
                parsed = field.parse(text, env)
            except Invalid as exc:
                if isinstance(exc, Misplaced) and not attached:
                    taken = await self._elsewhere(form, progress, field, text, ctx, exc.to)
                    if taken is not None:
                        return taken
                if not attached and _says_yes(word) and editing:
                    return self._unchanged(form, progress, field, ctx)
                if not attached and _says_yes(word):
                    # 确认 at the last question, taken for the summary: say what is missing
                    # rather than 看不懂这个日期.
                    how = "不填可回复「跳过」。" if field.optional else "请先填写。"
                    return [Text(f"还差这一项：{field.label}，{how}"), self._ask(field)]
                nearest = closest_choice(text, field.choices)
                if (
                    nearest is None
                    and not attached
                    and self._take_implied(form, progress, text, ctx)
                ):
                    # 3205…: the number says which document; it answers the next question.
                    return await self._answer(form, progress, text, word, ctx)
                if nearest is None and not attached:
                    taken = await self._several(form, progress, text, ctx)
                    if taken is not None:
                        return taken
                if nearest is None and _is_question(text, field):
                    # 不登记租客会怎么样 at the phone: a question of one's own, not a bad number.
                    return [
                        Text(f"{exc.reason}\n要咨询问题，请发送「/咨询 {text}」，已填内容会保留。"),
                        self._ask(field),
                    ]
                if nearest is None:
                    return [Text(exc.reason), self._ask(field)]
                try:
                    parsed = field.parse(nearest, env)
                except Invalid:
                    return [Text(exc.reason), self._ask(field)]
            if isinstance(parsed, More):
                progress.drafts[field.name] = parsed.value
                return [Text(parsed.note)]
            value, extra = (
                (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
            )
            if field.check is not None:
                reason = await field.check(ctx, value, progress.answers)
                if reason:
                    return [Text(reason), self._ask(field)]
        changed = progress.answers.get(field.name) != value
        progress.forget(field.name)
        if changed:
            # Before this answer's own extras are set: they may fill a dependant (a phone
            # typed at the "leave a phone?" choice).
            self._forget_dependants(form, progress, field.name)
        progress.answers[field.name] = value
        progress.answers.update(extra)
        progress.derived[field.name] = list(extra)
        progress.history.append(field.name)
        return self._advance(form, progress, ctx)

    def _unchanged(
        self, form: Form, progress: Progress, field: FormField, ctx: Context
    ) -> list[Reply]:
        """`field`'s answer kept as it was: on to the summary, or to the next question
        still open when 修改 was typed before the form was done."""
        progress.drafts.pop(field.name, None)
        return [Text(f"「{field.label}」未作修改。"), *self._advance(form, progress, ctx)]

    @staticmethod
    def _skips(field: FormField, word: str) -> bool:
        """跳过 or 没有 at an optional question, or a sentence saying there is none of it
        (她没手机 at the phone), unless that sentence is one of the field's options."""
        if word.lower() in SKIP_WORDS:
            return True
        return word not in field.choices and says_none(word, (field.label, *field.aliases))

    def _keep_photos(self, form: Form, progress: Progress, ctx: Context) -> str:
        """A photo sent at a question that takes none, kept for the photo field the question
        names (`FormField.photos_to`): what to say of it, or "" when nothing was kept."""
        field = form.field(progress.current)
        if not ctx.inbound.photos or field.accepts_photos or not field.photos_to:
            return ""
        keeper = form.field(field.photos_to)
        # Asked already (a photo sent at a question after it, or at one changed from the
        # summary): the photo joins its answer, as a draft would never be read again.
        answered = keeper.name in progress.answers
        local = local_time(ctx)
        env = FormEnv(
            progress.answers,
            local.date(),
            local,
            photos=ctx.inbound.photos,
            draft=progress.drafts.get(keeper.name, progress.answers.get(keeper.name)),
        )
        try:
            parsed = keeper.parse("", env)
        except Invalid:
            return ""
        value = parsed.value if isinstance(parsed, More) else parsed
        if not any(p.sha256 in (value or ()) for p in ctx.inbound.photos):
            return ""  # the field is full: this photo was not kept
        if isinstance(parsed, More) and not answered:
            progress.drafts[keeper.name] = value  # more may follow when it is asked
        else:
            # Not in the history: 上一步 goes back to the questions answered, not to it.
            progress.answers[keeper.name] = value
        return f"照片已收到，已作为「{keeper.label}」保留。"

    async def _several(
        self, form: Form, progress: Progress, text: str, ctx: Context
    ) -> list[Reply] | None:
        """李娟 13912345678 at the name, 13800138000 明天 at the phone: one answer for the
        field asked and the next ones, in the order they would be asked. None unless the
        first word answers the field asked (the caller then says what is wrong)."""
        words = [w for w in _PARTS.split(text.strip()) if w]
        if len(words) < 2:
            return None
        local = local_time(ctx)
        taken: list[str] = []
        rest: list[str] = []
        for at, word in enumerate(words):
            rest = words[at:]
            field = self._due(form, progress)
            if at > 0 and field is not None and field.choices:
                # 李四 3205… 138…: the number answers the document type too.
                progress.current = field.name
                if self._take_implied(form, progress, word, ctx):
                    taken.append(field.label)
                    field = self._due(form, progress)
            # A choice is answered by itself: 匿名 13912345678 must not give anonymity up.
            if field is None or field.choices or field.accepts_photos or field.accepts_location:
                if at == 0:
                    return None
                break
            env = FormEnv(progress.answers, local.date(), local)
            if at > 0 and _takes_any_text(field, env):
                break  # 下个月搬走 is no job: only answers a field can tell apart go on
            try:
                parsed = field.parse(word, env)
            except Invalid:
                if at == 0:
                    return None
                break
            value, extra = (
                (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
            )
            if isinstance(parsed, More) or (
                field.check is not None and await field.check(ctx, value, progress.answers)
            ):
                if at == 0:
                    return None
                break
            progress.forget(field.name)
            progress.answers[field.name] = value
            progress.answers.update(extra)
            progress.derived[field.name] = list(extra)
            progress.history.append(field.name)
            taken.append(field.label)
            rest = []
        lines, unused = await self._read_rest(form, progress, rest, ctx, taken)
        # Labels, not values: an ID number typed is not echoed back.
        note = f"已记下：{'、'.join(taken)}。"
        if unused:
            note += "其余的内容没有用上，请按下面的提示再填。"
        note = "\n".join([note, *lines])
        return [Text(note), *self._advance(form, progress, ctx)]

    async def _read_rest(
        self, form: Form, progress: Progress, rest: list[str], ctx: Context, taken: list[str]
    ) -> tuple[list[str], bool]:
        """The words the questions in order did not take (下个月1号起租 租一年 after a
        tenant's phone, when 职业 is next), read as after the form's command: answers of
        open questions are kept (their labels added to `taken`), words for a question that
        needs an answer still to come wait for it. What to say of them, and whether words
        went unused."""
        if not rest or form.reads is None:
            return [], bool(rest)
        read = await form.reads(ctx, form, " ".join(rest), progress.answers)
        unused = bool(read.unused)
        followers = {name for names in read.derived.values() for name in names}
        for field in form.fields:
            if field.name not in read.answers or field.name in followers:
                continue
            if field.name in progress.answers or not field.ask_when(progress.answers):
                unused = True
                continue
            extra = {n: read.answers[n] for n in read.derived.get(field.name, ())}
            progress.answers[field.name] = read.answers[field.name]
            progress.answers.update(extra)
            progress.derived[field.name] = list(extra)
            progress.history.append(field.name)
            taken.append(field.label)
        lines = [f"未记下{refusal}" for refusal in read.refused]
        for name, said in read.later.items():
            field = form.field(name)
            if name in progress.answers:
                unused = True
                continue
            progress.pending[name] = said
            needs = "、".join(form.field(n).label for n in field.depends_on)
            lines.append(f"「{field.label}」（{said}）已记下，待「{needs}」填好后算出。")
        return lines, unused

    async def _elsewhere(
        self, form: Form, progress: Progress, asked: FormField, text: str, ctx: Context, to: str
    ) -> list[Reply] | None:
        """从这个月1号开始住 at the workplace: the answer of a later question still open (the
        lease's start), kept there; the question asked is asked again, since its own answer
        is still to come. `to`: the only question to try, named by the parser. None when no
        open question takes it."""
        local = local_time(ctx)
        env = FormEnv(progress.answers, local.date(), local)
        later = form.fields[form.fields.index(asked) + 1 :]
        for field in later:
            if to and field.name != to:
                continue
            if (
                field.name in progress.answers
                or not field.ask_when(progress.answers)
                # 到期日期 before 起租日期: its parser reads the answers it depends on.
                or any(name not in progress.answers for name in field.depends_on)
            ):
                continue
            # Named by the parser, a question that takes any text (the place) is meant.
            if not to and (
                field.choices
                or field.accepts_photos
                or field.accepts_location
                or _takes_any_text(field, env)  # another free text would take anything
            ):
                continue
            try:
                parsed = field.parse(text, env)
            except Invalid:
                continue
            value, extra = (
                (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
            )
            if isinstance(parsed, More) or (
                field.check is not None and await field.check(ctx, value, progress.answers)
            ):
                continue
            progress.answers[field.name] = value
            progress.answers.update(extra)
            progress.derived[field.name] = list(extra)
            progress.history.append(field.name)
            note = f"已把这句记为「{field.label}」，请接着填写："
            return [Text(note), *self._advance(form, progress, ctx)]
        return None

    @staticmethod
    def _due(form: Form, progress: Progress) -> FormField | None:
        """The next field to ask, in the form's order."""
        return next(
            (
                f
                for f in form.fields
                if f.name not in progress.answers and f.ask_when(progress.answers)
            ),
            None,
        )

    def _take_implied(self, form: Form, progress: Progress, text: str, ctx: Context) -> bool:
        """Answer the choice field now due with the choice `text` implies (see
        `FormField.implied`), and move on to the next question; False if it implies none."""
        asked = progress.current
        field = form.field(asked) if asked not in ("", CONFIRM, CHOOSING_EDIT) else None
        choice = field.implied(text.strip()) if field and field.implied else None
        if field is None or choice is None:
            return False
        local = local_time(ctx)
        try:
            value = field.parse(choice, FormEnv(progress.answers, local.date(), local))
        except Invalid:
            return False
        # What depends on the choice is asked again even if the choice is unchanged (修改
        # 证件类型 answered with a number): the text is that answer.
        progress.forget(field.name)
        self._forget_dependants(form, progress, field.name)
        progress.answers[field.name] = value
        progress.history.append(field.name)
        self._advance(form, progress, ctx)
        return True

    def _back(self, form: Form, progress: Progress, ctx: Context) -> list[Reply]:
        if progress.current == CHOOSING_EDIT or progress.current in progress.answers:
            # Changing one answer: back is where the form was, answers unchanged: the
            # summary, or the question still open when 修改 was typed before the end.
            progress.drafts.pop(progress.current, None)
            return self._advance(form, progress, ctx)
        asked = [n for n in progress.history if n not in progress.prefilled]
        if not asked:
            field = form.field(progress.current) if progress.current != CONFIRM else None
            return [Text("已经是第一步了。"), *([self._ask(field)] if field else [])]
        previous = asked[-1]
        # Photos half-collected for the question being left are dropped with it.
        progress.drafts.pop(progress.current, None)
        progress.forget(previous)
        progress.current = previous
        return [self._ask(form.field(previous))]

    @staticmethod
    def _names_a_feature(form: Form, progress: Progress, ctx: Context, text: str) -> bool:
        """A feature's name alone (举报, 在住旅客), typed where a name or a description is
        asked: a tapped shortcut or a change of mind, never an answer worth storing."""
        match = ctx.match
        if match is None or match.is_command or match.args:
            return False
        field = form.field(progress.current)
        return not (field.choices or field.accepts_photos) and text.lower() not in (
            CONFIRM_WORDS | SKIP_WORDS
        )

    @staticmethod
    def _glued_edit(form: Form, text: str) -> bool:
        """修改证件号码 or 修改姓名 李丽娜, typed without the space: only when what follows
        names a field, since an answer may begin with 修改 too."""
        rest = text[len(EDIT_WORD) :]
        return text.startswith(EDIT_WORD) and form.find((rest.split() or [""])[0]) is not None

    @staticmethod
    def _editable(form: Form, progress: Progress) -> list[FormField]:
        """The answers the user gave and may change: not prefilled ones, and not those
        derived from another answer (sex from an ID number), which follow their source."""
        return [
            f
            for f in form.fields
            if f.name in progress.answers
            and f.name not in progress.prefilled
            and f.ask_when(progress.answers)
        ]

    async def _edit_with_value(
        self, form: Form, progress: Progress, which: str, ctx: Context
    ) -> list[Reply]:
        """修改 电话 13700001111: the field and its new answer in one message."""
        label, _, value = which.partition(" ")
        if form.find(which) is None and value.strip() and form.find(label) is not None:
            replies = self._edit(form, progress, label, ctx)
            field = form.find(label)
            if field is not None and progress.current == field.name:
                value = value.strip()
                return await self._answer(form, progress, value, normalise_text(value), ctx)
            return replies
        return self._edit(form, progress, which, ctx)

    def _edit(self, form: Form, progress: Progress, which: str, ctx: Context) -> list[Reply]:
        answered = self._editable(form, progress)
        if which.isdigit() and 1 <= int(which) <= len(answered):
            which = answered[int(which) - 1].label  # 修改 2: the second item of the list
        field = form.find(which) if which else None
        if (
            field is None
            or field.name in progress.prefilled
            or not field.ask_when(progress.answers)
        ):
            buttons = tuple(Button(f.label, f"{EDIT_WORD} {f.label}") for f in answered)
            lead = f"没有「{which}」这一项。" if which else ""
            if field is not None and field.name in progress.prefilled:
                lead = f"「{field.label}」沿用前面的登记，不能在这里修改。"
            elif field is not None:
                lead = f"「{field.label}」由其他信息自动得出，改那一项即可。"
            if progress.current == CONFIRM:
                progress.current = CHOOSING_EDIT
            return [Choices(f"{lead}请选择要修改的项目：", buttons, first=FORM_FIRST)]
        progress.current = field.name
        return [self._ask(field)]

    def _choose_edit(self, form: Form, progress: Progress, text: str, ctx: Context) -> list[Reply]:
        """The answer to 请选择要修改的项目: a number or a label picks the field; 确认
        goes back to the summary (it never submits from here: "1" meant the first item)."""
        answered = self._editable(form, progress)
        if text.isdigit() and 1 <= int(text) <= len(answered):
            text = answered[int(text) - 1].label
        if text.lower() in CONFIRM_WORDS:
            progress.current = CONFIRM
            return [self._confirm(form, progress)]
        return self._edit(form, progress, text, ctx)

    def _forget_dependants(self, form: Form, progress: Progress, changed: str) -> None:
        for f in form.fields:
            if changed in f.depends_on and f.name in progress.answers:
                progress.forget(f.name)
                self._forget_dependants(form, progress, f.name)

    def _advance(self, form: Form, progress: Progress, ctx: Context) -> list[Reply]:
        """Ask the next field that still needs an answer, or show the confirmation."""
        notes = self._take_pending(form, progress, ctx)
        for field in form.fields:
            if field.name in progress.answers or not field.ask_when(progress.answers):
                continue
            progress.current = field.name
            return [*notes, self._ask(field)]
        progress.current = CONFIRM
        # Drop answers typed for fields that no longer apply (a changed document type, say);
        # values another field derived under the same name stay.
        for field in form.fields:
            if field.name in progress.history and not field.ask_when(progress.answers):
                progress.forget(field.name)
        return [*notes, self._confirm(form, progress)]

    @staticmethod
    def _take_pending(form: Form, progress: Progress, ctx: Context) -> list[Reply]:
        """Words said for a question before the answers it needs (住两晚 before the check-in
        time), read now that those are in: kept as its answer, or the reason it was not
        (it is then asked). Fields with a database check are left to be asked."""
        notes: list[Reply] = []
        for name, said in list(progress.pending.items()):
            field = form.find(name)
            if field is None or field.name in progress.answers or field.check is not None:
                progress.pending.pop(name)
                continue
            if any(n not in progress.answers for n in field.depends_on):
                continue  # still waiting
            progress.pending.pop(name)
            if not field.ask_when(progress.answers):
                continue
            local = local_time(ctx)
            try:
                parsed = field.parse(said, FormEnv(progress.answers, local.date(), local))
            except Invalid as exc:
                notes.append(Text(f"前面说的「{said}」没能记为「{field.label}」：{exc.reason}"))
                continue
            if isinstance(parsed, More):
                continue
            value, extra = (
                (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
            )
            progress.answers[field.name] = value
            progress.answers.update(extra)
            progress.derived[field.name] = list(extra)
            progress.history.append(field.name)
            notes.append(Text(f"已按前面说的「{said}」记下「{field.label}」。"))
        return notes

    @staticmethod
    def _takes(form: Form, progress: Progress, text: str, ctx: Context) -> bool:
        """Whether the step shown again under "要放弃吗" takes `text` as its own answer: the
        summary's 确认 (its button's value), a self-inspection's 是. Then it is that answer,
        not a yes to giving up; other yes-words (是的 at the summary) still give up."""
        if progress.current == CONFIRM:
            return text in _CONFIRM_BUTTON_WORDS
        if progress.current == CHOOSING_EDIT:
            return False
        field = form.field(progress.current)
        if field.choices:
            return text in field.choices
        local = local_time(ctx)
        try:
            field.parse(text, FormEnv(progress.answers, local.date(), local))
        except Invalid:
            return False
        return True

    def _current(self, form: Form, progress: Progress) -> Reply:
        """What the form is waiting for: a field's question, or the summary to confirm."""
        if progress.current in (CONFIRM, CHOOSING_EDIT):
            return self._confirm(form, progress)
        return self._ask(form.field(progress.current))

    def _ask(self, field: FormField) -> Reply:
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

    def _confirm(self, form: Form, progress: Progress) -> Reply:
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
