"""What an alert's confirmation warns of, and the category its words suggest.

An officer confirming an alert is told when the same alert already went (or is set to go) to
the same scope lately — two taps on /通报 reached every owner twice — and when words like
明天 in an alert sent on a later day will be read from that day, not from the day written.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from difflib import SequenceMatcher

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Broadcast, BroadcastStatus, Category

#: Words that say which category an alert is, most telling first (a fire in a fraud
#: warning is unlikely; 冒充民警 in a theft warning is fraud).
_CATEGORY_WORDS: tuple[tuple[Category, tuple[str, ...]], ...] = (
    (Category.WANTED, ("通缉", "在逃")),
    (
        Category.FRAUD,
        (
            "诈骗",
            "冒充",
            "电诈",
            "防骗",
            "刷单",
            "骗子",
            "安全账户",
            "转账",
            "骗",
            "验证码",
            "陌生链接",
            "点链接",
            "汇款",
            "网贷",
        ),
    ),
    (
        Category.FIRE,
        (
            "火灾",
            "着火",
            "失火",
            "起火",
            "火情",
            "燃气",
            "煤气",
            "液化气",
            "消防",
            "烟雾",
            "防火",
            "灭火",
            "充电",
            "电动车进楼",
            "电气线路",
            "私拉乱接",
        ),
    ),
    (Category.TRAFFIC, ("交通", "车祸", "封路", "管制", "拥堵", "道路", "绕行", "限行")),
    (
        Category.PUBLIC_ORDER,
        ("治安", "盗窃", "偷", "扒窃", "抢劫", "打架", "斗殴", "持刀", "可疑", "嫌疑人"),
    ),
    (Category.OTHER, ("天气", "大风", "暴雨", "台风", "寒潮", "降温", "停电", "停水")),
)


def guess_category(text: str) -> Category | None:
    """The category the words of `text` suggest (火灾 → 消防, 冒充 → 防诈), if any."""
    for category, words in _CATEGORY_WORDS:
        if any(word in text for word in words):
            return category
    return None


#: What two alerts' texts are compared without: punctuation, spaces, emoji.
_NOISE = re.compile(r"[\W_]+")
#: How alike two texts must be to be the same alert said again.
_ALIKE = 0.9
#: How far back an alert counts as the same one sent again.
RECENT = timedelta(hours=24)
_LIVE = (
    BroadcastStatus.PENDING_APPROVAL,
    BroadcastStatus.SCHEDULED,
    BroadcastStatus.SENDING,
    BroadcastStatus.DONE,
)


def _alike(a: str, b: str) -> bool:
    a, b = _NOISE.sub("", a), _NOISE.sub("", b)
    return a == b or SequenceMatcher(None, a, b).ratio() >= _ALIKE


async def same_alert(
    session: AsyncSession, station_id: int, audience: str, body: str, now: datetime
) -> Broadcast | None:
    """An alert to the same scope (`audience` as stored) with the same or nearly the same
    text, sent, waiting or scheduled within `RECENT`: newest first."""
    rows = await session.exec(
        select(Broadcast)
        .where(
            Broadcast.station_id == station_id,
            Broadcast.audience == audience,
            col(Broadcast.status).in_(_LIVE),
            col(Broadcast.created_at) >= now - RECENT,
        )
        .order_by(col(Broadcast.id).desc())
    )
    return next((b for b in rows.all() if _alike(b.body, body)), None)


#: Words that count days from the day they are read, and how many days they add.
_RELATIVE_DAYS = (
    ("大后天", 3),
    ("后天", 2),
    ("明天", 1),
    ("明日", 1),
    ("明晚", 1),
    ("明早", 1),
    ("昨天", -1),
    ("昨晚", -1),
    ("今天", 0),
    ("今日", 0),
    ("今晚", 0),
    ("今早", 0),
    ("今夜", 0),
)


def relative_day_note(text: str, written: date, sent: date) -> str:
    """A warning when `text`, written on `written` and delivered on `sent`, says 明天 or
    今晚: its readers count from the day it reaches them. "" when both days are one."""
    if sent == written:
        return ""
    for word, days in _RELATIVE_DAYS:
        if word in text:
            meant, read = written + timedelta(days=days), sent + timedelta(days=days)
            return (
                f"⚠️ 内容里的“{word}”今天写的是 {meant:%m-%d}，但通报 {sent:%m-%d} 才发出，"
                f"收到的人会读作 {read:%m-%d}。要改成具体日期吗？"
            )
    return ""
