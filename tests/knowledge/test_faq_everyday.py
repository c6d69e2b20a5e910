"""Everyday questions residents and venue owners ask a police station.

Testers found these unanswered (校园贷还不上怎么办, 公司不交社保, 快递丢了) or answered by
a neighbouring entry (KTV营业到几点 got the rule on minors in KTVs, 喝酒骑电动车 the
e-bike traffic rules, a tenant told to leave before the lease ends the entry on leases
without a term). Each question must reach its entry, and the entry must cite the article
its answer rests on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase

pytestmark = pytest.mark.corpus

CASES = [
    # (question, entry, (law, article, version) the answer must cite)
    ("网贷催收爆通讯录怎么办", "loan-trap", ("刑法", "第二百九十三条之一", "")),
    ("借了个网贷到手只有七千要还一万", "loan-trap", ("民法典", "第六百七十条", "")),
    ("理财公司老板跑路了钱还能要回来吗", "illegal-fundraising", ("刑法", "第一百七十六条", "")),
    ("帮别人取钱违法吗", "bank-card-rental", ("刑法", "第二百八十七条之二", "")),
    ("跑分是什么犯法吗", "bank-card-rental", ("反电信网络诈骗法", "第三十一条", "")),
    ("离婚了三岁的孩子跟谁", "divorce-custody", ("民法典", "第一千零八十四条", "")),
    ("老公欠的钱我要还吗", "marital-debt", ("民法典", "第一千零六十四条", "")),
    ("合同没到期房东要收房", "landlord-evicts-early", ("民法典", "第五百七十七条", "")),
    ("房东换锁不让我进门", "landlord-evicts-early", ("刑法", "第二百四十五条", "")),
    ("骑电动车喝了酒被拦", "ebike-drunk", ("道路交通安全法实施条例", "第七十二条", "")),
    ("没驾照开摩托车", "unlicensed-driving", ("道路交通安全法", "第九十九条", "")),
    ("招了个15岁的小孩打工", "child-labour", ("劳动法", "第十五条", "")),
    ("顾客在我店里滑倒了", "venue-slip-fall", ("民法典", "第一千一百九十八条", "")),
    ("KTV可以开到几点", "ktv-hours", ("娱乐场所管理条例", "第二十八条", "")),
    ("开家民宿要什么证", "hotel-opening", ("旅馆业治安管理办法", "第四条", "")),
    ("老板不跟我签合同", "no-labour-contract", ("劳动合同法", "第八十二条", "")),
    ("工伤怎么认定", "work-injury", ("工伤保险条例", "第十四条", "")),
    ("单位不缴社保", "social-insurance", ("社会保险法", "第五十八条", "")),
    ("老公重婚怎么办", "bigamy-affair", ("刑法", "第二百五十八条", "")),
    ("多大算刑事责任年龄", "criminal-age", ("刑法", "第十七条", "")),
    ("超市卖过期食品", "expired-food", ("食品安全法", "第一百二十四条", "")),
    ("外卖里有虫子", "takeaway-foreign-object", ("食品安全法", "第一百四十八条", "")),
    ("卖假烟", "fake-cigarettes", ("刑法", "第二百一十四条", "")),
    ("快递寄丢了谁赔", "parcel-lost", ("民法典", "第八百三十二条", "")),
    ("小区里放鞭炮", "fireworks", ("烟花爆竹安全管理条例", "第四十二条", "")),
]


@pytest.fixture(scope="module")
def everyday(index_path: Path) -> Iterator[KnowledgeBase]:
    yield KnowledgeBase.load(index_path, faq_dirs=[])


@pytest.mark.parametrize(("question", "expected", "cite"), CASES)
def test_an_everyday_question_gets_its_entry(
    everyday: KnowledgeBase, question: str, expected: str, cite: tuple[str, str, str]
) -> None:
    found = everyday.faq_match(question)
    assert found is not None and found.entry.id == expected, question
    assert cite in found.entry.cites


def test_a_tenant_told_to_leave_before_the_lease_ends_is_told_the_landlord_is_in_breach(
    everyday: KnowledgeBase,
) -> None:
    """合同没到期房东突然要我搬走 got 不定期租赁 (either side may end it at any time)."""
    found = everyday.faq_match("合同没到期房东突然要我搬走")
    assert found is not None and found.entry.id == "landlord-evicts-early"
    assert found.entry.act_first and "违约" in found.entry.answer and "110" in found.entry.answer
    open_ended = everyday.faq_match("租房没写租期能随时退租吗")
    assert open_ended is not None and open_ended.entry.id == "rental-termination"


def test_drinking_and_riding_an_e_bike_is_not_drunk_driving_a_car(everyday: KnowledgeBase) -> None:
    found = everyday.faq_match("喝酒骑电动车算酒驾吗")
    assert found is not None and found.entry.id == "ebike-drunk"
    assert "五元以上五十元以下" in found.entry.answer and "当地" in found.entry.answer


def test_a_victim_of_a_loan_or_investment_trap_is_told_what_to_do_first(
    everyday: KnowledgeBase,
) -> None:
    for question, expected, first in (
        ("网贷暴力催收能报警吗", "loan-trap", "110"),
        ("投了钱老板跑路了", "illegal-fundraising", "报案"),
    ):
        found = everyday.faq_match(question)
        assert found is not None and found.entry.id == expected, question
        assert found.entry.act_first and first in found.entry.answer[:80], question


def test_custody_follows_the_child_s_age(everyday: KnowledgeBase) -> None:
    found = everyday.faq_match("离婚孩子归谁")
    assert found is not None and found.entry.id == "divorce-custody"
    assert "不满两周岁" in found.entry.answer and "八周岁" in found.entry.answer


def test_ktv_hours_are_not_answered_with_the_rule_on_minors(everyday: KnowledgeBase) -> None:
    found = everyday.faq_match("KTV营业到几点")
    assert found is not None and found.entry.id == "ktv-hours"
    assert "凌晨2点到上午8点" in found.entry.answer
