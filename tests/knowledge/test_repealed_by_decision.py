"""Instruments repealed by a decision the corpus does not hold (`data/repealed.toml`): the
interpretations the Supreme People's Court repealed with the 民法典 (法释〔2020〕16号) and the
卖淫嫖娼人员收容教育办法. They are left out of the search, and a citation of one says it is
repealed, when, by what, and what governs now."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from knowledge.answer import LawAnswerer
from knowledge.base import KnowledgeBase
from knowledge.cli import law
from knowledge.model import Law
from knowledge.revisions import mark_repealed
from knowledge.vocabulary import Vocabulary
from tests.knowledge.test_answer import text_of
from tests.support.law_index import build_index, copy_laws

MARRIAGE_III = "最高人民法院关于适用《中华人民共和国婚姻法》若干问题的解释（三）"
LABOUR_II = "最高人民法院关于审理劳动争议案件适用法律若干问题的解释（二）"
LABOUR_NEW = "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）"
FILES = (
    "行政法规/卖淫嫖娼人员收容教育办法(2011-01-08).md",
    "行政法/治安管理处罚法(2012-10-26).md",
    "刑法/刑法.md",
    "民法典/婚姻家庭编.md",
    f"司法解释/{MARRIAGE_III.replace('中华人民共和国', '')}(2011-08-09).md",
    f"司法解释/{LABOUR_II}(2006-08-14).md",
    f"司法解释/{LABOUR_NEW}(2020-12-29).md",
)


def test_the_packaged_list_is_read() -> None:
    repealed = Vocabulary.load().repealed
    assert repealed[MARRIAGE_III]["on"] == "2021-01-01"
    assert repealed["卖淫嫖娼人员收容教育办法"]["replaced_by"] == "治安管理处罚法"
    assert LABOUR_NEW not in repealed  # its successor, issued with the 民法典, is in force


def test_only_versions_older_than_the_repeal_are_marked() -> None:
    entry = {"on": "2021-01-01", "by": "某决定", "replaced_by": "民法典"}
    old, later, undated, other = (
        Law(title="中华人民共和国某办法", version="2011-01-08"),
        Law(title="某办法", version="2021-03-01"),
        Law(title="某办法"),
        Law(title="另一办法", version="2011-01-08"),
    )
    mark_repealed([old, later, undated, other], {"某办法": entry})
    assert (old.repealed_by, old.repealed_on, old.replaced_by) == ("某决定", "2021-01-01", "民法典")
    assert undated.repealed_on == "2021-01-01"
    assert later.repealed_by == other.repealed_by == ""


def test_a_station_list_replaces_the_packaged_entry_and_is_checked(tmp_path: Path) -> None:
    (tmp_path / "repealed.toml").write_text(
        f'[repealed]\n"{MARRIAGE_III}" = {{ on = "2021-01-01", by = "站内记录" }}\n', "utf-8"
    )
    assert Vocabulary.load(tmp_path).repealed[MARRIAGE_III]["by"] == "站内记录"
    (tmp_path / "repealed.toml").write_text('[repealed]\n"某办法" = { on = "2021年", by = "x" }\n')
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Vocabulary.load(tmp_path)
    (tmp_path / "repealed.toml").write_text('[repealed]\n"某办法" = { on = "2021-01-01" }\n')
    with pytest.raises(ValueError, match="by"):
        Vocabulary.load(tmp_path)


@pytest.fixture(scope="module")
def index(laws_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    laws = copy_laws(laws_root, FILES, tmp_path_factory.mktemp("repealed-by-decision"))
    return build_index(laws, tmp_path_factory)


@pytest.fixture(scope="module")
def kb(index: Path) -> KnowledgeBase:
    return KnowledgeBase.load(index, faq_dirs=[])


@pytest.mark.corpus
def test_the_search_leaves_repealed_instruments_out(kb: KnowledgeBase) -> None:
    for question, gone in (
        ("嫖娼会怎么处理", "卖淫嫖娼人员收容教育办法"),
        ("离婚时婚前买的房子怎么分", MARRIAGE_III),
        ("劳动争议仲裁时效", LABOUR_II),
    ):
        hits = kb.search(question, top=30)
        assert hits and all(hit.law.key != Law(gone).key for hit in hits), question
    assert any(hit.law.title == LABOUR_NEW for hit in kb.search("劳动争议仲裁时效", top=30))
    prostitution = kb.search("嫖娼会怎么处理", top=10)
    assert any(
        (hit.law.short, hit.article.label) == ("治安管理处罚法", "第六十六条")
        for hit in prostitution
    )


@pytest.mark.corpus
def test_a_citation_of_a_repealed_instrument_says_so(kb: KnowledgeBase) -> None:
    full = text_of(LawAnswerer(kb).full_text("卖淫嫖娼人员收容教育办法第七条", 1))
    assert full.startswith("《卖淫嫖娼人员收容教育办法》第七条")
    assert (
        "注：《卖淫嫖娼人员收容教育办法》已于2020-03-27废止（国务院关于修改和废止部分行政法规的"
        "决定），现行规定见《治安管理处罚法》" in full
    )


@pytest.mark.corpus
def test_law_show_says_when_and_by_what(index: Path) -> None:
    result = CliRunner().invoke(law, ["show", MARRIAGE_III, "第七条", "--index", str(index)])
    assert result.exit_code == 0
    assert (
        "note: repealed on 2021-01-01 by 最高人民法院法释〔2020〕16号决定; now see 《民法典》"
        in (result.output)
    )


@pytest.mark.corpus
def test_a_question_naming_a_repealed_instrument_gets_what_replaced_it(kb: KnowledgeBase) -> None:
    hits = kb.search("卖淫嫖娼人员收容教育办法对嫖娼的人怎么规定", top=3)
    assert hits and all(hit.law.short == "治安管理处罚法" for hit in hits)
