"""Questions from a user trial that had got another entry's answer: each gets the entry
written for it, in the trial's words and in others."""

from __future__ import annotations

import pytest

from knowledge.answer import LawAnswerer
from knowledge.base import KnowledgeBase
from knowledge.faq import load_faq
from tests.knowledge.test_answer import text_of

pytestmark = pytest.mark.corpus

ASKED = [
    # 群租房违法吗 had answered it: the landlord asked about a tenant without an ID card.
    ("rental", "租房给没身份证的人犯法吗", "landlord-no-id"),
    ("", "房子租给没身份证的人算犯法吗", "landlord-no-id"),
    # 客人没带身份证能住店吗 had answered it, which never says what follows.
    ("hotel", "旅馆不登记身份证会怎么样", "hotel-penalties"),
    ("", "宾馆不给客人登记身份证会怎样", "hotel-penalties"),
    # 东西被偷了怎么办 had answered it: nothing was stolen, the tenant left.
    ("rental", "租客跑了留下一堆东西怎么处理", "landlord-tenant-left-belongings"),
    ("", "租客跑路了东西留在屋里怎么办", "landlord-tenant-left-belongings"),
    # 网吧能让未成年人进吗 had answered it, with how residents report a net café.
    ("internet_cafe", "有个小孩拿他爸身份证来上网怎么办", "venue-netcafe-borrowed-id"),
    ("internet_cafe", "小孩拿他妈的身份证来上网", "venue-netcafe-borrowed-id"),
    # 把房子租给没有身份证的人会怎样 and the tenant registration (出租房子要登记租客信息吗)
    # had answered them, through 房子 and 租给, never the 24 hours a foreign tenant has.
    ("rental", "房子租给外国人要注意啥", "landlord-foreign-tenant"),
    ("rental", "外国人租我的房子要去派出所登记吗", "landlord-foreign-tenant"),
    ("rental", "我的房子租给了一个外国人要登记吗", "landlord-foreign-tenant"),
    ("rental", "老外租我家房子要去派出所吗", "landlord-foreign-tenant"),
    # 人民检察院刑事诉讼规则 on sealed juvenile records had answered it, with a repealed
    # 2012 试行 text.
    ("", "开无犯罪记录证明要带什么", "no-criminal-record-certificate"),
    ("", "想开一个无犯罪记录证明", "no-criminal-record-certificate"),
    ("", "开无犯罪证明要什么手续", "no-criminal-record-certificate"),
    # Read once as 开无|犯罪|证明, it met only the phrasings typed just so.
    ("", "开无犯罪证明", "no-criminal-record-certificate"),
    ("", "单位让我去开个无犯罪证明", "no-criminal-record-certificate"),
    ("", "开无犯罪记录", "no-criminal-record-certificate"),
    # Nothing had answered it, and asked again it got 没有找到比上一个问题…更直接相关的法律条文.
    ("hotel", "访客上楼坐一会要登记吗？", "hotel-visitors"),
    ("hotel", "朋友来找住店的客人要登记吗", "hotel-visitors"),
    ("homestay", "有访客来要不要登记", "hotel-visitors"),
]


@pytest.mark.parametrize(("kinds", "question", "entry"), ASKED)
def test_trial_questions_get_the_entry_written_for_them(
    kb: KnowledgeBase, kinds: str, question: str, entry: str
) -> None:
    found = kb.faq_match(question, frozenset(kinds.split()) if kinds else frozenset())
    assert found is not None and found.entry.id == entry, found


def test_what_was_answered_before_still_is(kb: KnowledgeBase) -> None:
    """The entries the trial's questions had got keep their own questions."""
    for kinds, question, entry in [
        (frozenset({"hotel"}), "客人没带身份证能住店吗", "hotel-no-id"),
        (frozenset({"rental"}), "群租房违法吗", "landlord-group-rental"),
        (frozenset(), "手机被偷了怎么办", "theft"),
        (frozenset({"internet_cafe"}), "网吧能让未成年人进吗", "venue-netcafe-minors"),
        (frozenset({"rental"}), "把房子租给没有身份证的人会怎样", "landlord-no-id"),
        (frozenset({"rental"}), "房子租给别人要去派出所登记吗", "landlord-register-tenant"),
        (frozenset({"hotel"}), "房客半夜带朋友进来住", "hotel-extra-guests"),
    ]:
        found = kb.faq_match(question, kinds)
        assert found is not None and found.entry.id == entry, question


#: A fight told whole had got 刑法 第三百一十五条 (prisoners beating their guards) first,
#: and 把人鼻梁打断了会判刑吗 no article at all.
FIGHTS = [
    "昨晚喝酒跟人打起来了 他先动手的 我把他鼻子打骨折了 我会坐牢吗",
    "把人鼻梁打断了会判刑吗",
    "喝多了把人打了 我会坐牢吗",
    "我会被判刑吗 我把他打骨折了",
    "跟人打架把他鼻梁打断了要判几年",
]


@pytest.mark.parametrize("question", FIGHTS)
def test_a_fight_that_broke_a_bone_gets_the_fight_answer(kb: KnowledgeBase, question: str) -> None:
    found = kb.faq_match(question)
    assert found is not None and found.entry.id == "fight", found


def test_the_fight_answer_tells_of_injury_grades_and_self_defence() -> None:
    """Who broke someone's nose asks whether they will go to prison, and he had struck
    first: the answer had said neither how an injury is graded nor of self-defence."""
    entry = {e.id: e for e in load_faq()}["fight"]
    for said in ("伤情鉴定", "轻伤", "轻微伤", "故意伤害罪", "正当防卫", "互相斗殴"):
        assert said in entry.answer, said
    assert {("刑法", "第二百三十四条", ""), ("刑法", "第二十条", "")} <= set(entry.cites)


def test_a_broken_bone_reaches_the_assault_article_without_a_curated_answer(
    kb: KnowledgeBase,
) -> None:
    """打断 (a bone) is an assault (故意伤害): 把人鼻梁打断了会判刑吗 had been told that no
    article was directly related."""
    bare = KnowledgeBase(kb.index, faq=[])
    answer = text_of(LawAnswerer(bare).answer("把人鼻梁打断了会判刑吗"))
    assert "没有找到" not in answer
    assert answer.index("《刑法》第二百三十四条") < answer.index("2.")


@pytest.mark.parametrize(
    "question",
    [
        "老公不同意离婚 我能自己去离吗",
        "老公不同意离婚 我能去法院起诉吗",
        "老婆不同意离婚 我能自己去民政局离吗",
        "我想离婚他不同意",
        "离婚必须两个人一起去吗",
    ],
)
def test_a_spouse_who_will_not_divorce_gets_how_to_divorce(
    kb: KnowledgeBase, question: str
) -> None:
    """老公不同意离婚 我能自己去离吗 had got the article on a soldier's spouse first
    (现役军人的配偶要求离婚…) and no curated answer; 我能 (我 glued to 能 by jieba) had
    weighed as the rarest word of all."""
    found = kb.faq_match(question)
    assert found is not None and found.entry.id == "divorce-how", found
    assert "起诉离婚" in found.entry.answer and "冷静期" in found.entry.answer


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("小偷进家我把他打伤了要坐牢吗", "self-defence"),
        ("对方先动手我还手算正当防卫吗", "self-defence"),
        ("14岁打人要坐牢吗", "criminal-age"),
        ("离婚财产怎么分", "divorce-property"),
    ],
)
def test_neighbours_of_the_fight_and_divorce_keep_their_answers(
    kb: KnowledgeBase, question: str, entry: str
) -> None:
    found = kb.faq_match(question)
    assert found is not None and found.entry.id == entry, found


def test_i_can_and_i_will_weigh_nothing(kb: KnowledgeBase) -> None:
    """jieba keeps 我能 and 我会 whole, past the stop words 我, 能 and 会: words the statutes
    never use, they weighed as the rarest of all and drowned what was asked."""
    found = kb.faq_match("民警来查房了，我能先看他证件吗")
    assert found is not None and found.entry.id == "hotel-police-inspection", found
    assert not {"我能", "我会"} & kb.faq.bag("老公不同意离婚 我能自己去离吗 我会坐牢吗").keys()
