"""Whether a matter is one for the police (邻居半夜吵闹能报警吗, 这种情况能报警吗), asked
of the service (`handlers.service_questions`) or of the law desk (`handlers.law`)."""

from __future__ import annotations

import re

from knowledge.quoting import brief

#: 这种情况能报警吗, 邻居半夜吵闹可以报警吗: whether a matter is one for the police, at
#: the end of the message; what comes before it (but 这种情况) is the matter. Asked alone,
#: it is the matter of the legal question just before, if any; a matter told with it is
#: the law desk's, after the tips have seen it (有人在我出租屋里吸毒 我能报警吗 is also
#: offered as a tip). 那 goes on from what was said (那能报警吗 had read 关于「那」).
_MAY_CALL = re.compile(
    r"(?:那|那么)?(?:这种情况|这种事情?|这样子?|这个|这事)?(?:我|我们)?(?:能|可以|能不能|可不可以)报警"
    r"(?:吗|么|呢|吧|啊|呀)?$"
)
_MARKS = re.compile(r"[\s，,。.!！?？~～]+")
#: 怎么办 after a matter asks what to do, which the line tells: not part of its name.
_WHAT_TO_DO = re.compile(r"(?:该|要|应该)?(?:怎么办|咋办|怎么处理|如何处理|怎么弄)(?:呢|啊|呀)?$")

#: How to call: what is happening and dangerous on 110, the rest at the station or here.
HOW_TO_CALL = (
    "正在发生、有危险的，请直接拨打110；不紧急的，可以到就近的派出所报案"
    "（带上身份证件和证据），也可以在这里发送「报案」登记。不归公安机关管的，民警会告诉您该找哪里。"
)
#: The police can be called, and how: said of a matter no curated answer tells of.
MAY_CALL = f"能报警：{HOW_TO_CALL}"
#: A curated answer's sentences that say where to turn: the police, or the ways of a civil
#: matter (物业, 调解, 法院), which the asker must hear before 能报警 (楼上漏水 is one).
_WHERE_TO_TURN = re.compile(r"110|报警|派出所|公安|物业|居委会|调解|法院|起诉|仲裁|12345")
_POLICE = re.compile(r"110|报警|派出所|公安")
#: What the line says of a matter whose ways the answer under it tells.
_SEE_BELOW = "该找哪里、怎么处理，见下面的回答。"
#: The most of a curated answer's sentences the line leads with.
_MOST_SENTENCES = 2
#: A matter named in the line longer than this is cut (关于「楼上漏水把我家…」).
_BRIEF_CHARS = 12


def asks_to_call(text: str) -> bool:
    """Whether `text` asks if a matter is one for the police."""
    return _MAY_CALL.search(_MARKS.sub("", text)) is not None


def asks_alone(text: str) -> bool:
    """Whether `text` asks it naming no matter (能报警吗, 这种情况能报警吗)."""
    return _MAY_CALL.fullmatch(_MARKS.sub("", text)) is not None


def matter_of(text: str) -> str:
    """The matter `text` names, without the question whether to call (楼上漏水把我家淹了
    of 楼上漏水把我家淹了，能报警吗)."""
    plain = _MARKS.sub("", text)
    asked = _MAY_CALL.search(plain)
    return _WHAT_TO_DO.sub("", plain[: asked.start()] if asked else plain)


def may_call(
    matter: str, answer: str = "", *, answer_follows: bool = False, following: str = ""
) -> str:
    """Whether `matter` is one for the police, led by what its curated `answer` says to do:
    楼上漏水 is a civil matter (物业, 调解, 法院), which a bare 能报警 had hidden under it.
    The line keeps its general form: what is dangerous on 110, the rest told where to go.
    When the `answer` follows it whole, a matter for the police is not told twice; nor
    are the civil ways, when `following` (what is sent under the line) says them: 借钱不还
    能报警吗 had got the FAQ's sentences, then the FAQ whole."""
    brief = _brief(matter)
    about = f"关于「{brief}」" if brief else ""
    sentences = [s + "。" for s in answer.split("。") if _WHERE_TO_TURN.search(s)]
    advice = "".join(sentences[:_MOST_SENTENCES])
    if not advice or (answer_follows and _POLICE.search(advice)):
        return f"{about}，{MAY_CALL}" if about else MAY_CALL
    plain = following.replace("*", "")  # the marks a rich channel's answer bolds words by
    if answer_follows and all(s in plain for s in sentences[:_MOST_SENTENCES]):
        advice = _SEE_BELOW
    # Only the civil ways named: the police are one way among them, not the answer.
    call = MAY_CALL if _POLICE.search(advice) else f"如需报警：{HOW_TO_CALL}"
    return f"{about}：{advice}\n{call}" if about else f"{advice}\n{call}"


def _brief(matter: str) -> str:
    """`matter` cut to fit the line (`knowledge.quoting.brief`): 被骗了500块钱 had read
    被骗了50…, then 被骗了500…."""
    return brief(matter, _BRIEF_CHARS, _BRIEF_CHARS - 2)
