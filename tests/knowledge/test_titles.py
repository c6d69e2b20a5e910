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
