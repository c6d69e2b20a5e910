"""What the web chat answers a request it refuses: `{"error": "…", "code": "…"}`.

`error` is one short Chinese sentence that says what to do next: the page shows it as it is,
beside the words it kept in the text box, and a Rasa-style widget may show it too. `code`
is for programs, and stays when the words change. The HTTP status stays what it says: 400
for a request that cannot be taken, 401/403 for an identity, 413 for a body past
`[server] max_body_bytes`, 429 (with Retry-After) for too many attempts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from aiohttp import web

#: What a field is called where a sentence names it.
_FIELDS = {"message": "消息", "sender": "身份标识（sender）"}


class Refused(Exception):
    """A request refused with `status`, `code` and the sentence its sender reads."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def response(self, headers: Mapping[str, str] | None = None) -> web.Response:
        return refusal(self.status, self.code, self.message, headers=headers)


def refusal(
    status: int,
    code: str,
    message: str,
    *,
    headers: Mapping[str, str] | None = None,
    **extra: object,
) -> web.Response:
    return web.json_response(
        {"error": message, "code": code, **extra},
        status=status,
        headers=headers,
        dumps=lambda o: json.dumps(o, ensure_ascii=False),
    )


def not_json(example: str) -> Refused:
    return Refused(
        "bad_json", f"请求格式有误：正文须为 JSON 对象，如 {example}。请刷新页面后重试。"
    )


def not_text(field: str) -> Refused:
    return Refused("not_text", f"{_FIELDS.get(field, field)}须为文字（JSON 字符串）。")


def too_long(field: str, limit: int, length: int) -> Refused:
    if field == "message":
        return Refused(
            "message_too_long",
            f"消息太长：最多 {limit} 字，这条有 {length} 字。请删减或分几条发送。",
        )
    return Refused(
        f"{field}_too_long",
        f"{_FIELDS.get(field, field)}太长：最多 {limit} 个字符。请刷新页面后再发送。",
    )


def bad_characters(field: str) -> Refused:
    return Refused(
        "bad_characters", f"{_FIELDS.get(field, field)}里有无法识别的字符，请删去后重新发送。"
    )


# Functions, not shared instances: a raised exception keeps the frames it passed through.


def empty() -> Refused:
    return Refused("empty_message", "消息是空的：请输入要发送的内容，或发送位置、照片。")


def bad_location() -> Refused:
    return Refused(
        "bad_location", "位置信息有误（须为有效的经纬度）：请重新发送位置，或直接输入地址。"
    )


def bad_image() -> Refused:
    return Refused("bad_image", "图片数据有误，未能读取：请重新选择照片发送（JPG 或 PNG）。")


def bad_after() -> Refused:
    return Refused("bad_after", "参数 after 须为整数：已收到的最后一条消息的编号（从 0 开始）。")


def bad_claim(limit: int) -> Refused:
    return Refused("bad_claim", f"claim 须为不超过 {limit} 个字符的字符串（旧页面的身份标识）。")


# Identities: the page gets one by itself and asks again when refused, so a person reads
# these only when that failed too; what helps them then is reloading the page.


def no_identity() -> Refused:
    return Refused(
        "no_identity",
        "尚未取得网页版身份：请刷新页面（程序接入请先 POST webhooks/rest/session）。",
        status=401,
    )


def unknown_identity() -> Refused:
    return Refused(
        "unknown_identity",
        "此网页版身份在本服务器无效：请刷新页面，将为您开始新的对话"
        "（程序接入请重新 POST webhooks/rest/session）。",
        status=401,
    )


def sender_not_issued() -> Refused:
    return Refused(
        "sender_not_issued",
        "身份标识（sender）不是本服务器发放的：请刷新页面取得网页版身份（程序接入请先 "
        "POST webhooks/rest/session；自选名称只在演示服务器可用）。",
        status=403,
    )


def sender_in_url() -> Refused:
    return Refused(
        "sender_in_url",
        "网址中的 sender 只用于演示服务器：请刷新页面（程序接入请用 Cookie 或 "
        "Authorization 头表明身份）。",
        status=403,
    )


def token_in_url() -> Refused:
    return Refused(
        "token_in_url",
        "身份令牌不能放在网址中：请用 Cookie 或 Authorization: Bearer 头发送。",
    )


def too_many(code: str, what: str, retry_after: int) -> Refused:
    """A 429: `what` has happened too often from one address."""
    return Refused(code, f"{what}过多，请 {retry_after} 秒后再试。", status=429)


def too_large(max_bytes: int) -> Refused:
    """A body past `[server] max_body_bytes` (aiohttp's own answer is English text)."""
    return Refused(
        "too_large",
        f"发送的内容太大（最多 {_size(max_bytes)}），未能收到：照片请换一张较小的，"
        "文字请分几条发送。",
        status=413,
    )


def _size(n: int) -> str:
    mb = n / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(n / 1024))} KB"
