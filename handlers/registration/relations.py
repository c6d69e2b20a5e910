"""他老婆, 她老公, 他儿子: who a companion is to the guest registered before them, said with
the companion (还有一个 他儿子 王小明 <ID>), kept as the form's 同住关系.

同住关系 (`minors`) is asked of a guest under 18: who stays with them. So the words are
turned around: the son of the man in the room stays with his 父亲, a husband with his 配偶,
the father of the guest before with his 子女. It had been asked again after being said.
"""

from __future__ import annotations

import re

#: The answer of a 同住 registration that names the party it joins.
PARTY_RECEIPT = "party_receipt"

_SAID = re.compile(
    # 还有他儿子, said right after a receipt: one more guest, who is his son.
    r"(?:还有)?(?P<who>[他她])?的?"
    r"(?P<kin>老婆|媳妇|妻子|爱人|老公|丈夫|儿子|女儿|闺女|孩子|小孩|爸爸?|父亲|妈妈?|母亲"
    r"|朋友|同事|同学)是?"
)
_SPOUSE = frozenset({"老婆", "媳妇", "妻子", "爱人", "老公", "丈夫"})
_CHILD = frozenset({"儿子", "女儿", "闺女", "孩子", "小孩"})
_PARENT = frozenset({"爸", "爸爸", "父亲", "妈", "妈妈", "母亲"})
#: Who stays with a child said to be 他儿子 (his: the father's), 她女儿, or just 儿子.
_PARENT_OF = {"他": "父亲", "她": "母亲", "": "父母"}
#: The relations that make the adult in the room the child's parent.
PARENTS = frozenset(_PARENT_OF.values())


def relation_said(word: str) -> str:
    """The 同住关系 of a companion said to be `word` of the guest before (他儿子: 父亲,
    她老公: 配偶, 他妈: 子女, 同事: 同事); "" when `word` says no such thing."""
    found = _SAID.fullmatch(word.strip())
    if found is None:
        return ""
    kin = found["kin"]
    if kin in _SPOUSE:
        return "配偶"
    if kin in _CHILD:
        return _PARENT_OF[found["who"] or ""]
    if kin in _PARENT:
        return "子女"
    return kin
