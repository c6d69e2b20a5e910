"""A form field that collects photos, one or more messages of them, then moves on.

Photos arrive already stored by the channel (`Inbound.photos`, checked for type and size by
the media store); the answer is the list of their content hashes. With `most=1` the first
photo answers the field; otherwise each photo is kept as a draft until the user says 完成
(or the limit is reached), because channels deliver an album as separate messages. A photo sent at a question that
takes none is kept for the photo field that question names (`keeping_photos`, `keep_photos`),
or else for the form's photo field still to come; one that cannot be kept is said to be dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from bot.context import Context
from bot.forms.clock import local_time
from bot.forms.progress import Progress
from bot.forms.spec import Form, FormEnv, FormField, Misplaced, More
from bot.validators import Invalid

DONE_WORDS = frozenset(
    {
        "完成",
        "好了",
        "好",
        "发完了",
        "没有了",
        "就这些",
        "跳过",
        "无",
        "没有",
        "done",
        "ok",
        "不用",
        "不用了",
        "不需要",
        "没照片",
        "没有照片",
        "不发了",
        "不发",
        # The answer to 需要配图吗: no.
        "不要",
        "不要了",
        "不需要了",
        "不配图",
        "不用配图",
        "没图",
        "无图",
        "没有图",
        "没有图片",
    }
)


#: 没拍, 没来得及拍, 忘了拍照: no photo, said as people say it; said twice over too (没拍 不敢拍
#: had been taken as 跳过 with 不敢拍 left 没有用上).
_NOT_TAKEN = re.compile(
    r"(?:(?:我|当时)?(?:没有?|没来得及|来不及|忘了|忘记|不敢|没敢)拍(?:照片?|到|下来|图|视频)?"
    r"(?:了|的|啊|呢)?)+"
)
_PUNCTUATION = re.compile(r"[\s，,。.!！~～、]+")
_MORE = "还可以继续发送，发完请回复「完成」。"
#: A photo field's usual label, which a kept photo is not said to be kept "as".
PHOTOS_LABEL = "照片"


def photo_of(field: FormField) -> str:
    """What a photo field's label names (安全出口 of 安全出口照片); a field called 照片 or
    图片 as it is."""
    thing = field.label.removesuffix(PHOTOS_LABEL)
    return thing or field.label


def says_no_photo(text: str) -> bool:
    """Whether `text` at a photo question says there is none, or no more (完成, 没拍)."""
    said = _PUNCTUATION.sub("", text.strip().lower())
    return said in DONE_WORDS or bool(_NOT_TAKEN.fullmatch(said))


def show_photos(value: Any) -> str:
    return f"{len(value)}张" if value else "（无）"


def collect_photos(
    most: int, least: int = 0, passes_on: Callable[[str], str] | None = None
) -> Callable[[str, FormEnv], Any]:
    """A parser keeping up to `most` photo hashes; finishing with fewer than `least` is refused.
    `passes_on` names the later field a text typed instead of a photo answers ("" for none)."""

    def parse(text: str, env: FormEnv) -> Any:
        have: list[str] = list(env.draft or [])
        if env.photos:
            new = [p.sha256 for p in env.photos if p.sha256 not in have]
            if not new:
                # The same photo again had been told 已收到1张照片 each time, as if added.
                return More(have, f"这张照片已收到过（现有{len(have)}张）。{_MORE}")
            have.extend(dict.fromkeys(new))
            if len(have) >= most:
                return have[:most]
            return More(have, f"已收到{len(have)}张照片。{_MORE}")
        # 没照片 李四 … at a photo that must be sent: said to be needed, as 没照片 alone is
        # (the rest is read as the next answers only where the photo may be skipped).
        first = _PUNCTUATION.split(text.strip(), maxsplit=1)[0]
        if says_no_photo(text) or (len(have) < least and says_no_photo(first)):
            if len(have) < least:
                raise Invalid(f"这一项需要至少{least}张照片，请直接发送照片。")
            return have or None
        reason = _how_to_answer(most, least, bool(have))
        to = passes_on(text) if passes_on else ""
        if to:
            raise Misplaced(reason, to=to)  # 菜市场门口: the place, asked next
        raise Invalid(reason)

    return parse


def _how_to_answer(most: int, least: int, started: bool) -> str:
    """What to send instead of words, in the words the prompt used: 发完请回复「完成」 only
    where photos are collected one after another, 跳过 only where none is needed (配图 had
    told 不要 to send 完成, while its own question said 跳过)."""
    if started:
        return "请直接发送照片；发完请回复「完成」。"
    send = "请直接发送照片" if most == 1 else "请直接发送照片，可以多张，发完请回复「完成」"
    return f"{send}；没有请回复「跳过」。" if least == 0 else f"{send}。"


def photo_field(
    name: str,
    label: str,
    prompt: str,
    *,
    most: int = 6,
    least: int = 0,
    ask_when: Callable[[Any], bool] | None = None,
    depends_on: Sequence[str] = (),
    passes_on: Callable[[str], str] | None = None,
) -> FormField:
    """A photo-collecting field; optional unless `least` photos are required. `passes_on`:
    the later field that a text typed here answers, "" for none (see `collect_photos`)."""
    extra: dict[str, Any] = {"ask_when": ask_when} if ask_when else {}
    return FormField(
        name,
        label,
        prompt,
        collect_photos(most, least, passes_on),
        optional=least == 0,
        show=show_photos,
        accepts_photos=True,
        depends_on=tuple(depends_on),
        **extra,
    )


def keeping_photos(keeper: str, fields: Iterable[FormField]) -> tuple[FormField, ...]:
    """`fields`, each of those that take no photo keeping one sent at it for the photo
    field named `keeper` (`FormField.photos_to`): a photo of the scene sent while the
    description is asked is attached, and the description asked again."""
    return tuple(f if f.accepts_photos else replace(f, photos_to=keeper) for f in fields)


def keep_photos(form: Form, progress: Progress, ctx: Context) -> tuple[str, bool]:
    """A photo sent at a question that takes none, kept for the photo field the question
    names (`FormField.photos_to`), or else for the form's photo field still to come (配图,
    asked after the alert's text): what to say of it. A photo that could not be kept is
    said to be dropped, and why (the form takes none, its photo is in already): the
    question's answer never swallows it in silence. With the note, whether it was kept;
    ("", False) when no photo was sent."""
    field = form.field(progress.current)
    if not ctx.inbound.photos or field.accepts_photos:
        return "", False
    keeper = form.find(field.photos_to) if field.photos_to else _photos_to_come(form, progress)
    if keeper is None:
        return dropped(form, progress), False
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
        return dropped(form, progress, keeper), False
    value = parsed.value if isinstance(parsed, More) else parsed
    if not any(p.sha256 in (value or ()) for p in ctx.inbound.photos):
        return dropped(form, progress, keeper), False  # the field is full
    if isinstance(parsed, More) and not answered:
        progress.drafts[keeper.name] = value  # more may follow when it is asked
    else:
        # Not in the history: 上一步 goes back to the questions answered, not to it.
        progress.answers[keeper.name] = value
    if keeper.label != PHOTOS_LABEL:
        return f"照片已收到，已作为「{keeper.label}」保留。", True
    # 已作为「照片」保留 called a photo a photo.
    if answered:
        return "照片已收到，已和前面的照片放在一起。", True
    return "照片已收到，先保留着，到发照片那一步不用再发这张了。", True


def dropped(form: Form, progress: Progress, keeper: FormField | None = None) -> str:
    """Why a photo sent where none is taken was not kept, and the way to add one where
    the form has a photo question (`keeper`, or the first without a photo, or its first):
    answered already, or full."""
    taking = [f for f in form.fields if f.accepts_photos and f.ask_when(progress.answers)]
    if keeper is None and not taking:
        return f"{form.title}不收照片，这张照片没有保存。"
    # The question still without a photo (电气线路 未拍照), not the first one: 修改 安全出口照片
    # had been offered for a photo that was in already.
    lacking = [f for f in taking if not progress.answers.get(f.name)]
    label = (keeper or (lacking or taking)[0]).label
    return f"这张照片没有保存：这一步不收照片，要加照片请回复「修改 {label}」。"


def _photos_to_come(form: Form, progress: Progress) -> FormField | None:
    """The photo field after the question asked that the form will still ask (配图 while
    the alert's text is asked), for a question that names none."""
    names = [f.name for f in form.fields]
    after = names[names.index(progress.current) + 1 :]
    return next(
        (
            f
            for f in (form.field(n) for n in after)
            if f.accepts_photos and f.name not in progress.answers and f.ask_when(progress.answers)
        ),
        None,
    )
