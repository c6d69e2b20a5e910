"""A form field that collects photos, one or more messages of them, then moves on.

Photos arrive already stored by the channel (`Inbound.photos`, checked for type and size by
the media store); the answer is the list of their content hashes. With `most=1` the first
photo answers the field; otherwise each photo is kept as a draft until the user says 完成
(or the limit is reached), because channels deliver an album as separate messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.forms.spec import FormEnv, FormField, More
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


def show_photos(value: Any) -> str:
    return f"{len(value)}张" if value else "（无）"


def collect_photos(most: int, least: int = 0) -> Callable[[str, FormEnv], Any]:
    """A parser keeping up to `most` photo hashes; finishing with fewer than `least` is refused."""

    def parse(text: str, env: FormEnv) -> Any:
        have: list[str] = list(env.draft or [])
        if env.photos:
            have.extend(p.sha256 for p in env.photos if p.sha256 not in have)
            if len(have) >= most:
                return have[:most]
            return More(have, f"已收到{len(have)}张照片。还可以继续发送，发完请回复「完成」。")
        if text.strip().lower() in DONE_WORDS:
            if len(have) < least:
                raise Invalid(f"这一项需要至少{least}张照片，请直接发送照片。")
            return have or None
        raise Invalid(_how_to_answer(most, least, bool(have)))

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
) -> FormField:
    """A photo-collecting field; optional unless `least` photos are required."""
    extra: dict[str, Any] = {"ask_when": ask_when} if ask_when else {}
    return FormField(
        name,
        label,
        prompt,
        collect_photos(most, least),
        optional=least == 0,
        show=show_photos,
        accepts_photos=True,
        depends_on=tuple(depends_on),
        **extra,
    )
