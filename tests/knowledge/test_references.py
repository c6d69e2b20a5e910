from __future__ import annotations

from knowledge.corpus import build_corpus
from knowledge.parser import parse_statute
from knowledge.references import count_references
from knowledge.titles import TitleIndex

BASE = "# 中华人民共和国示例法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n第一条 基本义务。\n\n第二条 违反本法第一条规定的，处罚款。\n"
RULE = (
    "# 最高人民法院关于适用《中华人民共和国示例法》的解释\n\n<!-- INFO END -->\n\n"
    "第一条 依照《中华人民共和国示例法》第一条、第二条的规定处理。\n\n第二条 示例法第一条所称义务。\n"
)


def test_counts_cross_and_internal_references() -> None:
    corpus = build_corpus(
        [("法/示例法.md", parse_statute(BASE)), ("解释/解释.md", parse_statute(RULE))]
    )
    refs = count_references(corpus, TitleIndex(corpus.laws))
    assert refs.articles[("示例法", 1, 0)] == 3  # 本法第一条, 《示例法》第一条, 示例法第一条
    assert refs.articles[("示例法", 2, 0)] == 1
    assert refs.laws["示例法"] == 3  # only citations from other documents
