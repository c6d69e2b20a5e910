"""The FAQ finds its entries for wordings it was not written with.

These questions were written apart from the FAQ's own phrasings, the way owners and
residents type them. The matcher may stay silent on some (articles are still shown), but
it must find most, and must rarely show the wrong entry, which misleads.
"""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase

pytestmark = pytest.mark.corpus

PARAPHRASES = [
    ("住宾馆登记要填什么", "hotel-registration"),
    ("旅馆登记旅客信息有什么规定", "hotel-registration"),
    ("客人身份证丢了还能开房吗", "hotel-no-id"),
    ("没身份证可以住酒店吗", "hotel-no-id"),
    ("有老外来住店怎么办", "hotel-foreign-guest"),
    ("外国人住民宿要登记吗", "hotel-foreign-guest"),
    ("住店的客人很可疑怎么办", "hotel-suspicious-guest"),
    ("觉得住店客人是逃犯", "hotel-suspicious-guest"),
    ("客人行李里有汽油", "hotel-dangerous-goods"),
    ("旅客带了管制刀具入住", "hotel-dangerous-goods"),
    ("客人的贵重东西放前台丢了谁负责", "hotel-valuables"),
    ("客人退房落下手机怎么办", "hotel-lost-items"),
    ("宾馆房间里有人吸毒", "hotel-illegal-activity"),
    ("住店客人带人回房间过夜可以吗", "hotel-extra-guests"),
    ("开家庭旅馆要什么证", "hotel-opening"),
    ("旅馆不登记罚多少", "hotel-penalties"),
    ("派出所来旅馆检查", "hotel-police-inspection"),
    ("房子租出去要报派出所吗", "landlord-register-tenant"),
    ("租客没有身份证能租给他吗", "landlord-no-id"),
    ("租客好像在屋里干违法的事", "landlord-report-crime"),
    ("押金房东不给退", "landlord-deposit"),
    ("房客欠了三个月房租", "landlord-rent-arrears"),
    ("房东突然要收回房子", "rental-termination"),
    ("出租房热水器坏了谁修", "rental-repairs"),
    ("租的房子能转租吗", "rental-sublet"),
    ("居住证怎么办理", "residence-permit"),
    ("开小超市消防要注意什么", "venue-fire-duties"),
    ("安全出口上锁罚款吗", "venue-blocked-exits"),
    ("灭火器过期了怎么办", "venue-extinguishers"),
    ("店铺里面住人违法吗", "venue-living-in-shop"),
    ("发现火灾怎么报警", "venue-fire-report"),
    ("店里搞电焊要审批吗", "venue-open-flame"),
    ("未成年人能进网吧吗", "venue-netcafe-minors"),
    ("酒吧能让未成年人进吗", "venue-ktv-minors"),
    ("手机被偷了怎么办", "theft"),
    ("家里被盗了", "theft"),
    ("网上买东西被骗了", "fraud"),
    ("被电信诈骗了怎么办", "fraud"),
    ("有人要买我的银行卡", "bank-card-rental"),
    ("隔壁邻居打我", "fight"),
    ("和人打架了会拘留吗", "fight"),
    ("别人打我我还手了算什么", "self-defence"),
    ("邻居家装修半夜很吵怎么办", "noise"),
    ("楼下跳广场舞太吵", "noise"),
    ("有人威胁要杀我", "insult-threat"),
    ("被人骂了能报警吗", "insult-threat"),
    ("有人故意找茬闹事", "provocation"),
    ("打牌赌钱会被抓吗", "gambling"),
    ("捡到钱包要上交吗", "lost-property"),
    ("楼上扔东西砸到车", "falling-objects"),
    ("被邻居家的狗咬了", "dog-bite"),
    ("朋友借钱不还怎么办", "loan-repayment"),
    ("离婚财产怎么分割", "divorce-property"),
    ("订婚后分手彩礼要退吗", "bride-price"),
    ("老公经常打我", "domestic-violence"),
    ("宾馆老板平时要管哪些安全上的事", "hotel-owner-duties"),
    ("旅客的住宿登记要存档多久", "hotel-record-retention"),
    ("房客在房间里给电瓶车充电", "landlord-ebike-charging"),
    ("出租房隔了好多小单间", "landlord-group-rental"),
    ("房东不打招呼就开门进来", "landlord-enters-home"),
    ("身份证不见了怎么补", "lost-id-card"),
    ("酒后开车会被拘留吗", "drunk-driving"),
    ("车祸后对方一直拖着不赔", "traffic-compensation"),
    ("撞了人就跑的司机怎么处理", "hit-and-run"),
    ("网购买到假货怎么索赔", "consumer-fake-goods"),
    ("网购七天无理由退货", "consumer-fake-goods"),
    ("老人被骗买保健品", "health-product-scam"),
    ("楼上漏水泡了我家", "water-leak-neighbour"),
    ("父母去世没有遗嘱房子怎么分", "inheritance"),
    ("包工头欠工资不给", "wage-arrears"),
    ("被公司无故辞退能要赔偿吗", "labor-dismissal"),
    ("劳动合同到期不续签有补偿吗", "labor-dismissal"),
    ("转错账了对方不还", "mistaken-transfer"),
    ("前夫不给抚养费", "child-support"),
    ("儿子不养老人", "elder-support"),
    ("邻居摄像头对着我家", "privacy-camera"),
    ("个人信息泄露", "personal-information-leak"),
    ("物业停电催费", "property-fee"),
]

NOT_FAQ = [
    "今天星期几",
    "遗嘱怎么写才有效",
    "商标被人抢注了怎么办",
    "怎么申请专利",
    "农村宅基地能卖吗",
    "医疗事故怎么鉴定",
    "股东怎么退股",
    "交通事故责任认定不服怎么复核",
]


def test_most_paraphrases_find_their_entry_and_few_find_a_wrong_one(kb: KnowledgeBase) -> None:
    found = [
        (q, expected, m.entry.id if (m := kb.faq_match(q)) else None) for q, expected in PARAPHRASES
    ]
    right = [q for q, expected, got in found if got == expected]
    wrong = [(q, expected, got) for q, expected, got in found if got not in (expected, None)]
    assert len(right) >= 0.7 * len(PARAPHRASES), [f for f in found if f[2] != f[1]]
    assert len(wrong) <= 3, wrong


@pytest.mark.parametrize("question", NOT_FAQ)
def test_other_legal_questions_get_no_faq(kb: KnowledgeBase, question: str) -> None:
    assert kb.faq_match(question) is None
