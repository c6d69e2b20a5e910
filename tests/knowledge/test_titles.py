from __future__ import annotations

from knowledge.model import Law
from knowledge.titles import TitleIndex, name_key

LAWS = [
    Law(title="中华人民共和国治安管理处罚法", version="2005-08-28", latest=False),
    Law(title="中华人民共和国治安管理处罚法", version="2012-10-26"),
    Law(title="中华人民共和国刑法", version="2023-12-29"),
    Law(title="中华人民共和国民法典", version="2020-05-28"),
    Law(title="最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）"),
]


def test_resolve_with_and_without_prefix() -> None:
    titles = TitleIndex(LAWS)
    assert titles.resolve("治安管理处罚法") == 1
    assert titles.resolve("中华人民共和国治安管理处罚法") == 1
    assert titles.resolve("《治安管理处罚法》") == 1
    assert titles.resolve("治安管理处罚法", version="2005-08-28") == 0
    assert titles.resolve("治安管理处罚法", version="1999-01-01") is None
    assert titles.resolve("最高人民法院关于适用民法典婚姻家庭编的解释（一）") == 4
    assert titles.resolve("不存在的法") is None
    assert titles.versions(1) == [0, 1]


def test_ending_and_mentions() -> None:
    titles = TitleIndex(LAWS)
    assert titles.ending("请问中华人民共和国刑法") == (2, 2)
    assert titles.ending("没有法名") is None
    assert titles.mentions("民法典和治安管理处罚法都有规定") == [1, 3]
    assert name_key(" 《中华人民共和国民法典》 ") == "民法典"


ALIASES = {"治安法": "治安管理处罚法", "民法": "不存在的法"}
REPLACED = {"婚姻法": ["民法典", "婚姻家庭编"], "担保法": ["民法典"]}


def test_alias_resolves_like_the_title() -> None:
    titles = TitleIndex(LAWS, ALIASES, REPLACED)
    assert titles.resolve("治安法") == 1
    assert titles.resolve("治安法", version="2005-08-28") == 0
    assert titles.ending("依照治安法") == (1, 2)
    assert titles.resolve("民法") is None  # an alias of a law not in the corpus is dropped
    assert titles.mentions("治安法怎么规定") == [1]


def test_replaced_law_is_mentioned_but_never_resolved() -> None:
    titles = TitleIndex(LAWS, ALIASES, REPLACED)
    assert titles.resolve("婚姻法") is None and titles.ending("婚姻法") is None
    found = titles.named("婚姻法和担保法")
    assert [(m.law, m.name, m.part) for m in found] == [
        (3, "婚姻法", "婚姻家庭编"),
        (3, "担保法", ""),
    ]
    assert titles.mentions("婚姻法和担保法") == [3]


def test_longest_name_wins_and_names_are_removed() -> None:
    titles = TitleIndex(LAWS, ALIASES, REPLACED)
    text = "中华人民共和国治安管理处罚法和刑法"
    assert [m.name for m in titles.named(text)] == ["治安管理处罚法", "刑法"]
    assert titles.without_names("《治安法》第56条").strip() == "第56条"
