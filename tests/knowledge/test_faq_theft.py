"""How long for theft: 盗窃罪怎么判 and then 判几年 had got 【常见问题】诈骗罪判几年, the
sentences of fraud, as there was no entry on the sentences of theft and 判几年 alone
matched the fraud entry's phrasings."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.messages import Choices, Text
from knowledge.answer import TELEGRAM, LawAnswerer
from knowledge.base import KnowledgeBase

pytestmark = pytest.mark.corpus


def text_of(replies: Sequence[object]) -> str:
    return "\n".join(r.text for r in replies if isinstance(r, Text | Choices))


@pytest.mark.parametrize(
    "question",
    [
        "盗窃罪判几年",
        "盗窃罪怎么判",
        "偷东西判几年",
        "偷了多少钱会坐牢",
        "入户盗窃判几年",
        "扒窃判几年",
    ],
)
def test_how_long_for_theft_gets_the_sentences_of_theft(kb: KnowledgeBase, question: str) -> None:
    """盗窃罪判几年, 入户盗窃判几年 and 扒窃判几年 got the sentences of fraud, 盗窃罪怎么判
    the bare articles; 偷东西判几年 and 偷了多少钱会坐牢 the victim's answer (call 110,
    block the phone), which names no sentence."""
    found = kb.faq_match(question)
    assert found is not None and found.entry.id == "theft-sentence"
    answer = found.entry.answer
    assert "三年以上十年以下有期徒刑" in answer and "一千元至三千元" in answer
    assert "扒窃" in answer and "不论偷了多少" in answer
    assert ("刑法", "第二百六十四条", "") in found.entry.cites
    assert ("治安管理处罚法", "第四十九条", "2012-10-26") in found.entry.cites


def test_how_long_after_how_theft_is_sentenced_stays_on_theft(kb: KnowledgeBase) -> None:
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    first, asked = answerer.reply("盗窃罪怎么判")
    assert text_of(first).startswith("【常见问题】盗窃罪判几年")
    follow_up = text_of(answerer.reply("判几年", asked, recent=True)[0])
    assert follow_up.startswith("（接着上一个问题「盗窃罪怎么判」回答）")
    assert "诈骗罪" not in follow_up and "【常见问题】" not in follow_up
    # The answer just read is not given again: the articles it rests on, whole.
    assert "《刑法》第二百六十四条" in follow_up and "数额较大的，或者多次盗窃" in follow_up


@pytest.mark.parametrize("question", ["我的电动车被偷了", "偷东西会怎么处罚", "家里进了小偷"])
def test_a_victim_still_gets_what_to_do_first(kb: KnowledgeBase, question: str) -> None:
    """The sentences are for who asks what follows a theft; someone robbed is told first to
    call 110 and report it (`act_first`)."""
    found = kb.faq_match(question)
    assert found is not None and found.entry.id == "theft"


@pytest.mark.parametrize("question", ["抢劫罪判几年", "故意伤害罪判几年"])
def test_how_long_for_another_crime_does_not_get_fraud_or_theft(
    kb: KnowledgeBase, question: str
) -> None:
    """抢劫罪判几年 had got 诈骗罪判几年 through 几年 alone: how long says nothing of what
    was done."""
    found = kb.faq_match(question)
    assert found is None or found.entry.id not in {"fraud-sentence", "theft-sentence"}, (
        found.entry.id if found else None
    )
