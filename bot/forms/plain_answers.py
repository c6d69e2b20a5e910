"""Short sentences that mean a form's plain answers: "I have none" and "yes, submit".

People rarely type the one word a form names: 她没手机 at an optional phone means 跳过, as
does 不记得了 at a stolen bike's plate or 没看清 at a suspect's looks; 没问题 提交吧 at the
summary means 确认. Both readings are strict on purpose, since a skip
loses an answer and a yes submits: anything they do not recognise is left to the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

#: Who or when may open "I have none": 她没手机, 客人暂时没有, 目前没有.
_LEAD = r"(?:他|她|客人|旅客|租客|对方|本人|人家|我|我们|这个人|这位)?(?:也|都|还|暂时|目前|现在)?"
#: The "none" itself. 无 only alone or as 暂无: 无锡 and 无业 are answers, not nothing.
#: 不填 is the prompts' own word (不填则只写 110): typed back, it had been kept as the answer.
_NONE = r"没有|没|不用|不需要|不要|不留|不方便|暂无|不填写|不填|不写"
_TAIL = r"(?:了|的|呢|啊|哦|吧|哈)*"
_SAYS_NONE = re.compile(rf"{_LEAD}(?P<none>{_NONE})(?P<thing>\w{{0,6}}?){_TAIL}")
#: 手机号没有: the thing first, then the "none".
_NONE_AFTER = re.compile(rf"{_LEAD}(?P<thing>\w{{1,6}}?)(?:也|都|还|暂时)?(?:{_NONE}){_TAIL}")
#: Things a "none" may name at any question: 这个没有, 没有这项.
_ANY_THING = ("这个", "这项", "这一项", "那个")
#: "I do not know it": 不记得了, 不知道, 没看到, 没看清楚, 记不清了, 忘了, 不确定 (the
#: check-out day's button), 还没定. The whole answer
#: only: 没看清脸，穿黑衣服 goes on to say what was seen, and is an answer.
_UNKNOWN = (
    r"(?:不太|不大|不)(?:记得|知道|清楚|晓得|确定)|没(?:有)?(?:看到|看见|看清楚?|注意|留意)"
    r"|(?:还)?没定|未定|待定|不一定|说不准"
    r"|看不清楚?|记不(?:清楚?|得|住)|忘(?:记)?"
)
_SAYS_UNKNOWN = re.compile(
    rf"{_LEAD}(?:(?P<thing>\w{{1,6}}?)(?:也|都|还|实在|真)?)?(?:{_UNKNOWN}){_TAIL}"
)
#: 不知道车牌, 不记得车牌号了: not knowing it, the thing named after (车牌不知道 names it
#: first). The thing must name the question: 忘了锁车 at the plate is an answer.
_UNKNOWN_THEN = re.compile(
    rf"{_LEAD}(?:{_UNKNOWN})(?:了)?(?:他|她|对方)?(?:的|是)?(?P<thing>\w{{1,6}}?){_TAIL}"
)
#: 不清楚哪个厂, 不知道在哪上班, 不清楚是哪家公司: not knowing which, said with the thing
#: (a word or two: 不知道是什么人戴帽子 goes on to say what was seen).
_UNKNOWN_WHICH = re.compile(
    rf"{_LEAD}(?:不太|不大|不)(?:记得|知道|清楚|晓得|确定)(?:是|他|她|在)*"
    rf"(?:哪个|哪家|哪里|哪儿|哪|什么|啥)\w{{0,2}}?(?:的)?{_TAIL}"
)
#: 跳过吧, 先跳过, 这个就跳过: the form's own word for none, said in a sentence's last part
#: (不清楚哪个厂 跳过吧 had been kept whole as the workplace).
_SKIP_SAID = re.compile(
    r"(?:这个|这一?项|那就|那|就|先|直接|还是)*跳过(?:这一?[项个步])?(?:了|吧|啊|呀|好了|就行|算了)*"
)
_PUNCTUATION = re.compile(r"[\s，,。.!！~～、]+")


def _bigrams(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def _names(thing: str, names: Iterable[str]) -> bool:
    """Whether `thing` names the question (手机 for 联系电话 by its alias, 电话号码 by 电话,
    目击者): it shares two characters in a row with the field's label or another name."""
    if not thing or thing in _ANY_THING:
        return True
    return any(_bigrams(thing) & _bigrams(name) for name in names)


def says_none(text: str, names: Iterable[str]) -> bool:
    """Whether `text` says there is none of what is asked: 没有, 她没手机, 不用, 暂无, 没有
    电话号码, 手机号没有; or that the sender does not know it: 不记得了, 没看清, 车牌忘了,
    不知道车牌, 不清楚哪个厂; or ends asking to skip it: 不清楚 跳过吧.
    `names` are the question's label and other names; a thing named must be one of them
    (她没身份证 at the phone is an answer, not a skip)."""
    said = _PUNCTUATION.sub("", text.strip())
    if said == "无":
        return True
    if any(ch.isdigit() for ch in said):
        return False  # 没有 138…: data, the parser's to read
    parts = [part for part in _PUNCTUATION.split(text.strip()) if part]
    if (parts and _SKIP_SAID.fullmatch(parts[-1])) or _UNKNOWN_WHICH.fullmatch(said):
        return True  # the question named or not: 跳过 is asked for, 哪个 is what is unknown
    names = tuple(names)
    for pattern in (_SAYS_NONE, _NONE_AFTER, _SAYS_UNKNOWN, _UNKNOWN_THEN):
        found = pattern.fullmatch(said)
        if found and _names(found["thing"] or "", names):
            return True
    return False


#: What may go around yes-words without changing them: 好的吧, 就提交吧, 帮我提交.
_FILLERS = frozenset(
    {"吧", "啊", "呀", "哈", "了", "啦", "的", "就", "直接", "请", "帮我", "麻烦", "都", "全"}
)
_MAX_CONFIRM = 16


def confirms(text: str, yes_words: frozenset[str]) -> bool:
    """Whether `text` (spacing and punctuation already removed) is made only of yes-words
    and fillers: 没问题提交吧, 可以提交, 对的确认, 好的确认. Nothing else may be in it, so 不对,
    别提交 and 等一下 never confirm (不 and 别 are no yes-word), nor does a question (吗)."""
    return 0 < len(text) <= _MAX_CONFIRM and _made_of(text, yes_words | _FILLERS)


def _made_of(text: str, words: frozenset[str]) -> bool:
    @cache
    def rest(at: int) -> bool:
        if at == len(text):
            return True
        return any(text.startswith(word, at) and rest(at + len(word)) for word in words if word)

    # A sentence of fillers alone (吧, 了) confirms nothing.
    return rest(0) and not all(ch in "".join(_FILLERS) for ch in text)
