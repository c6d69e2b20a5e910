"""Everyday questions over a tiny corpus written for these tests (not statute text).

Each question shares no word with the article it should find, or names the law by an
everyday name, so the test fails if the vocabulary, the spelling of numbers, the law
aliases or the superseded prior stop working.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from knowledge.base import KnowledgeBase
from knowledge.importer import import_laws
from knowledge.vocabulary import Vocabulary

HEAD = "2020年5月28日 通过\n\n<!-- INFO END -->\n\n"
FILES = {
    "民法典/婚姻家庭编.md": "# 中华人民共和国民法典\n# 婚姻家庭编\n"
    + HEAD
    + "## 第一章 家庭关系\n\n第一条 配偶应当互相忠实。\n\n"
    + "第二条 离婚时，共同财产由双方协议分割。\n",
    "民法典/物权编.md": "# 中华人民共和国民法典\n# 物权编\n"
    + HEAD
    + "## 第八章 共有\n\n第三条 共有人可以协议分割共有财产；共有财产分割后各自所有。\n\n"
    + "第四条 出租人应当按照约定交付租赁物。\n",
    "行政法/治安管理处罚法(2012-10-26).md": "# 中华人民共和国治安管理处罚法\n"
    + HEAD
    + "第五十六条 旅馆不登记旅客身份的，处罚款。\n\n"
    + "第五十七条 用人单位在三日内答复。\n",
    "社会法/劳动合同法(2012-12-28).md": "# 中华人民共和国劳动合同法\n"
    + HEAD
    + "第一条 用人单位提前通知劳动者后离开。\n\n"
    + "第二条 劳动者提前三十日通知用人单位后离开。\n",
    "司法解释/旧解释(1999-12-19).md": "# 最高人民法院关于适用《中华人民共和国合同法》若干问题的解释（一）\n"
    + HEAD
    + "第一条 保管人应当妥善保管寄存物品。\n",
    "司法解释/新解释(2023-12-04).md": "# 最高人民法院关于适用《中华人民共和国民法典》合同编的解释\n"
    + HEAD
    + "第一条 保管人应当妥善保管寄存物品。\n",
}


def build(root: Path, vocabulary: Vocabulary | None = None) -> KnowledgeBase:
    source = root / "laws"
    for name, text in FILES.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, "utf-8")
    import_laws(source, root / "index", vocabulary=vocabulary, console=Console(quiet=True))
    return KnowledgeBase.load(root / "index", faq_dirs=[])


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return build(tmp_path_factory.mktemp("everyday"))


def first(kb: KnowledgeBase, question: str) -> tuple[str, str]:
    hit = kb.search(question, top=1)[0]
    return hit.law.short, hit.article.label


def test_wife_finds_the_spouse_article(kb: KnowledgeBase, tmp_path: Path) -> None:
    question = "老婆出轨了怎么办"
    article = kb.article("民法典", "第一条")
    assert article is not None
    words = kb.retriever.segmenter.words(question)
    assert not any(w in article.article.text for w in words)  # only the vocabulary helps
    assert first(kb, question) == ("民法典", "第一条")

    bare = Vocabulary.load()
    bare.colloquial.clear()
    assert not build(tmp_path, bare).search(question, top=5)


def test_landlord_finds_the_lessor(kb: KnowledgeBase) -> None:
    assert first(kb, "房东不给房子") == ("民法典", "第四条")


def test_days_in_digits_meet_the_statute_spelling(kb: KnowledgeBase) -> None:
    # The articles differ only in 三十日; without it the shorter, first one would win.
    assert first(kb, "提前30天通知用人单位") == ("劳动合同法", "第二条")


def test_alias_citation(kb: KnowledgeBase) -> None:
    hit = kb.search("治安法第56条", top=1)[0]
    assert (hit.law.short, hit.article.label, hit.cited) == ("治安管理处罚法", "第五十六条", True)
    assert [h.article.label for h in kb.search("治安法 57", top=5)] == ["第五十七条"]


def test_repealed_law_name_prefers_the_part_that_replaced_it(kb: KnowledgeBase) -> None:
    question = "财产分割"
    assert first(kb, question) == ("民法典", "第三条")  # 物权编 says it twice
    assert first(kb, f"婚姻法规定的{question}") == ("民法典", "第二条")
    assert not any(h.cited for h in kb.search("婚姻法第3条", top=5))  # old numbering


def test_interpretation_of_a_repealed_law_ranks_below_the_current_one(tmp_path: Path) -> None:
    # The `superseded` prior, for an interpretation that data/repealed.toml does not list.
    unlisted = Vocabulary.load()
    unlisted.repealed.clear()
    hits = build(tmp_path, unlisted).search("保管人 寄存物品", top=2)
    assert [h.law.short for h in hits] == [
        "最高人民法院关于适用《民法典》合同编的解释",
        "最高人民法院关于适用《合同法》若干问题的解释（一）",
    ]


def test_an_interpretation_listed_as_repealed_is_not_offered(kb: KnowledgeBase) -> None:
    # The 合同法 interpretation (一) is in data/repealed.toml (法释〔2020〕16号).
    hits = kb.search("保管人 寄存物品", top=2)
    assert [h.law.short for h in hits] == ["最高人民法院关于适用《民法典》合同编的解释"]
