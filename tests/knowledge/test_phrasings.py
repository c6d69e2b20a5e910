"""The FAQ's phrasings as a field of the articles each entry cites."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.retriever import Retriever

#: Says neither 法定继承 nor 遗产: only the FAQ's ways of asking about inheritance
#: (老人去世了没有遗嘱…) link it to the articles its entry cites.
NO_WILL = "老人走了没留遗嘱房子怎么分"
SUCCESSION = {"第一千一百二十三条", "第一千一百二十七条", "第一千一百三十条"}


def labels(hits: list) -> list[str]:
    return [f"{hit.law.short} {hit.article.label}" for hit in hits]


def test_a_question_asked_as_the_faq_puts_it_finds_the_articles_it_cites(
    kb: KnowledgeBase,
) -> None:
    found = kb.search(NO_WILL, top=3)
    assert [hit.law.short for hit in found[:2]] == ["民法典", "民法典"]
    assert {hit.article.label for hit in found[:2]} <= SUCCESSION, labels(found)
    # The statutes' words alone had left them below the first ten.
    alone = Retriever(kb.index).search(NO_WILL, top=10)
    assert not {hit.article.label for hit in alone} & SUCCESSION, labels(alone)


def test_a_question_far_from_every_phrasing_is_ranked_by_the_statutes_alone(
    kb: KnowledgeBase,
) -> None:
    question = "抵押权的实现"  # shares no word of a matter with any phrasing
    assert kb.retriever.phrasings is not None
    docs, _ = kb.retriever.phrasings.bonus(question)
    assert len(docs) == 0
    assert labels(kb.search(question, top=10)) == labels(
        Retriever(kb.index).search(question, top=10)
    )


def test_only_the_articles_an_entry_cites_get_a_bonus(kb: KnowledgeBase) -> None:
    assert kb.retriever.phrasings is not None
    docs, bonus = kb.retriever.phrasings.bonus(NO_WILL)
    cited = {doc for entry in kb.faq.entries for doc in kb.retriever.docs_cited(entry)}
    assert len(docs) > 0 and set(docs.tolist()) <= cited
    assert ((bonus > 0) & (bonus <= 1)).all()
