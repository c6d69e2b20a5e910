"""A law that a newer law of the corpus repealed (《旧法》同时废止) is not offered as in force:
it is left out of the search, a question naming it reaches its successor, and a citation of
it says it is repealed."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import LawAnswerer
from knowledge.base import KnowledgeBase
from knowledge.corpus import read_corpus
from tests.knowledge.test_answer import text_of
from tests.support.law_index import build_index, copy_laws

FILES = (
    "行政法/环境噪声污染防治法(2018-12-29).md",
    "行政法/噪声污染防治法(2021-12-24).md",
    # 反间谍法 (2014) repealed the 国家安全法 of 1993, not the one enacted in 2015.
    "行政法/反间谍法(2014-11-01).md",
    "行政法/反间谍法(2023-04-26).md",
    "宪法相关法/国家安全法(2015-07-01).md",
)


@pytest.fixture(scope="module")
def laws(laws_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_laws(laws_root, FILES, tmp_path_factory.mktemp("repealed"))


@pytest.fixture(scope="module")
def kb(laws: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return KnowledgeBase.load(build_index(laws, tmp_path_factory), faq_dirs=[])


def test_the_repealing_statement_marks_the_old_law_only(laws: Path) -> None:
    repealed = {law.short: law.repealed_by for law in read_corpus(laws).laws}
    assert repealed["环境噪声污染防治法"] == "中华人民共和国噪声污染防治法"
    assert repealed["国家安全法"] == ""
    assert repealed["噪声污染防治法"] == repealed["反间谍法"] == ""


def test_the_search_offers_the_law_in_force(kb: KnowledgeBase) -> None:
    for question in ("楼下烧烤摊半夜噪声太吵怎么办", "环境噪声污染防治法对夜间施工有什么规定"):
        hits = kb.search(question, top=10)
        assert hits and all(hit.law.short == "噪声污染防治法" for hit in hits), question


def test_a_citation_of_the_repealed_law_says_so(kb: KnowledgeBase) -> None:
    full = text_of(LawAnswerer(kb).full_text("环境噪声污染防治法第三十条", 1))
    assert full.startswith("《环境噪声污染防治法》第三十条")
    assert "注：《环境噪声污染防治法》已废止（《噪声污染防治法》施行时同时废止）" in full
