"""What recipients read: the alert, a correction, a withdrawal notice, a reminder."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.messages import Button, Choices, Image, Reply, Text
from storage.models import Broadcast, RecipientKind, Severity

MARKS = {Severity.URGENT: "🔴", Severity.IMPORTANT: "🟠", Severity.NORMAL: "🔵"}
ACK_WORD = "收到"
#: Channels whose groups the bot cannot read: nobody can answer there.
SEND_ONLY_GROUPS = frozenset({"wecom_robot"})


#: A public wanted notice's button: opens a tip linked to the person (a sighting).
SIGHTING = "我见过此人"
SIGHTING_NOTE = "如发现此人，请勿惊动，立即拨打110，或向本所警民通发送「{command}」提供线索。"


def sighting_command(wanted_id: int) -> str:
    return f"/举报 在逃 {wanted_id}"


def ack_value(broadcast_id: int) -> str:
    return f"{ACK_WORD} {broadcast_id}"


#: A corrected alert that says the danger is over (持刀男子已经抓到了): 解除, not 更正.
_ALL_CLEAR = re.compile(r"解除|已(?:经|被)?(?:抓获|抓到|落网|排除|恢复|处置完毕|扑灭)|恢复正常")


def heading(broadcast: Broadcast) -> str:
    """The alert's first line: its mark, severity and category, and its title. A corrected
    one (`rev` past 1) says 更正 or 解除 where the severity was: a correction of an urgent
    alert (持刀男子已经抓到了) had gone out again under 🔴紧急."""
    if broadcast.rev > 1:
        said = _ALL_CLEAR.search(f"{broadcast.title}{broadcast.body}")
        return f"【{'解除' if said else '更正'}·{broadcast.category.label}】{broadcast.title}"
    mark = MARKS[broadcast.severity]
    return f"{mark}【{broadcast.severity.label}·{broadcast.category.label}】{broadcast.title}"


#: What may close a sentence: a body that is its title and this is nothing more.
_CLOSING = "。！？!?；;，,…～~ "


def heading_and_body(broadcast: Broadcast, lead: str = "") -> list[str]:
    """The heading, then the body unless it only repeats the title: a one-sentence alert
    (今晚八点消防检查，请…畅通。) has that sentence for its title, and phones showed it twice.
    A body that starts with its title (the title cut from its first clause) follows the
    marks in the title's place: 幸福里附近发生火情 had been read twice, once on each line."""
    first = f"{lead}{heading(broadcast)}"
    body, title = broadcast.body.strip(), broadcast.title.strip()
    if body.rstrip(_CLOSING) == title.rstrip(_CLOSING):
        return [first]
    if title and body.startswith(title):
        return [first.removesuffix(broadcast.title) + body]
    return [first, broadcast.body]


def footer(broadcast: Broadcast, station: str, at: datetime, zone: ZoneInfo) -> str:
    """Who sent it, when, and its number: the alert's last line."""
    return f"—— {station} · {at.astimezone(zone):%m-%d %H:%M} · 通报#{broadcast.id}"


def alert_replies(
    broadcast: Broadcast,
    *,
    station: str,
    zone: ZoneInfo,
    at: datetime,
    channel: str,
    kind: RecipientKind,
    lead: str = "",
) -> list[Reply]:
    """The alert for one target; `lead` goes first ("【更正】", "【提醒】")."""
    assert broadcast.id is not None
    lines = [*heading_and_body(broadcast, lead), footer(broadcast, station, at, zone)]
    replies: list[Reply] = []
    if broadcast.image_sha256:
        replies.append(
            Image(broadcast.image_sha256, mime_type=broadcast.image_mime, published=True)
        )
    if broadcast.wanted_id is not None:
        lines.append(SIGHTING_NOTE.format(command=sighting_command(broadcast.wanted_id)))
    if kind is RecipientKind.SUBSCRIBER:
        lines.append("（退订请发送「/退订」）")
        if broadcast.wanted_id is not None:
            sighting = Button(SIGHTING, sighting_command(broadcast.wanted_id))
            replies.append(Choices("\n".join(lines), (sighting,)))
        else:
            replies.append(Text("\n".join(lines)))
        return replies
    if kind is RecipientKind.GROUP and channel in SEND_ONLY_GROUPS:
        lines.append(f"请各负责人阅知。确认请私聊本所警民通回复「{ack_value(broadcast.id)}」。")
        replies.append(Text("\n".join(lines)))
        return replies
    lines.append(f"阅后请点「{ACK_WORD}」或回复「{ACK_WORD}」；有疑问请回复「问民警 您的问题」。")
    # The button sends the command form: an owner halfway through a registration form can
    # still acknowledge, where the typed word would be taken as the form's answer.
    buttons = [Button(ACK_WORD, f"/{ack_value(broadcast.id)}")]
    if broadcast.wanted_id is not None:
        buttons.append(Button(SIGHTING, sighting_command(broadcast.wanted_id)))
    replies.append(Choices("\n".join(lines), tuple(buttons)))
    return replies


#: A public wanted notice withdrawn because its person was caught or the notice revoked:
#: the reason the wanted cards give, and what readers are told.
WANTED_CLOSED = {
    "已抓获": "所涉人员已抓获归案，感谢各位的关注与支持！",
    "已撤销": "已撤销。",
}


def cancel_notice(broadcast: Broadcast, *, station: str, reason: str) -> list[Reply]:
    if broadcast.wanted_id is not None and reason in WANTED_CLOSED:
        return [
            Text(
                f"【{reason}】{station}通缉令#{broadcast.id}「{broadcast.title}」"
                f"{WANTED_CLOSED[reason]}\n该通缉令不再有效，请勿继续转发。"
            )
        ]
    why = f"：{reason}" if reason else "。"
    return [
        Text(
            f"【撤回】{station}通报#{broadcast.id}「{broadcast.title}」已撤回{why}"
            "\n请以最新通知为准，此前内容不再有效。"
        )
    ]


def correction_lead(broadcast: Broadcast) -> str:
    return f"【更正，以此为准（第{broadcast.rev - 1}次更正）】"


REMINDER_LEAD = "【提醒：您尚未确认收到】"
