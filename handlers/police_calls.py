"""Whether a matter is one for the police (邻居半夜吵闹能报警吗, 这种情况能报警吗), asked
of the service (`handlers.service_questions`) or of the law desk (`handlers.law`)."""

from __future__ import annotations

import re

#: 这种情况能报警吗, 邻居半夜吵闹可以报警吗: whether a matter is one for the police, at
#: the end of the message; what comes before it (but 这种情况) is the matter. Asked alone,
#: it is the matter of the legal question just before, if any; a matter told with it is
#: the law desk's, after the tips have seen it (有人在我出租屋里吸毒 我能报警吗 is also
#: offered as a tip).
_MAY_CALL = re.compile(
    r"(?:这种情况|这种事情?|这样子?|这个|这事)?(?:我|我们)?(?:能|可以|能不能|可不可以)报警"
    r"(?:吗|么|呢|吧|啊|呀)?$"
)
_MARKS = re.compile(r"[\s，,。.!！?？~～]+")

#: Said after the answer on the matter: the police can be called, and how.
MAY_CALL = (
    "能报警：正在发生、有危险的，请直接拨打110；不紧急的，可以到就近的派出所报案"
    "（带上身份证件和证据），也可以在这里发送「报案」登记。不归公安机关管的，民警会告诉您该找哪里。"
)


def asks_to_call(text: str) -> bool:
    """Whether `text` asks if a matter is one for the police."""
    return _MAY_CALL.search(_MARKS.sub("", text)) is not None


def asks_alone(text: str) -> bool:
    """Whether `text` asks it naming no matter (能报警吗, 这种情况能报警吗)."""
    return _MAY_CALL.fullmatch(_MARKS.sub("", text)) is not None
