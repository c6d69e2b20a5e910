"""Answers to small talk (谢谢, 再见, 你是谁) that names no feature."""

from __future__ import annotations

from bot.context import Context
from storage.models import Role

#: What each kind of small talk (`knowledge.intent.small_talk`) gets, when nothing else
#: answers it (a greeting gets the help; 好的 under buttons, that they are still open).
SMALL_TALK_REPLIES = {
    "thanks": "不客气。还有需要随时发消息给我。",
    "farewell": "再见，祝您平安。",
    "ack": "好的。需要什么功能，发送「帮助」查看。",
    "laugh": "😄 有需要随时发消息给我，发送「帮助」查看我能做什么。",
}


def about(ctx: Context) -> str:
    """你是谁: the station's assistant, not an officer; what comes after is the help."""
    station = ctx.services.settings.station.name
    if ctx.role is Role.RESIDENT:  # their welcome ends with 110 already
        return f"我是{station}的自动服务助手，不是民警本人。"
    return f"我是{station}的自动服务助手，不是民警本人；紧急情况请拨打110。"
