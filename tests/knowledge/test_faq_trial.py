"""Questions from a user trial that had got another entry's answer: each gets the entry
written for it, in the trial's words and in others."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase

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
    ]:
        found = kb.faq_match(question, kinds)
        assert found is not None and found.entry.id == entry, question
