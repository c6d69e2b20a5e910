from __future__ import annotations

import pytest

from knowledge.intent import asks, asks_what_follows, is_legal_question, small_talk


@pytest.mark.parametrize(
    "text",
    [
        "你好",
        "您好！",
        "在吗？",
        "谢谢",
        "谢谢您",
        "好的",
        "收到",
        "登记",
        "我要登记",
        "退房",
        "入住登记",
        "帮我办退房",
        "",
        "   ",
        "更多",
        "在吗 我想问点事",
        "你好，我想咨询一下",
        "你是机器人吗",
        "今天天气怎么样",
        "现在几点了",
    ],
)
def test_not_legal(text: str) -> None:
    assert not is_legal_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "旅馆不登记客人身份证会被罚吗",
        "被偷了怎么办",
        "房东不退押金",
        "刑法第二百六十四条",
        "治安管理处罚法 56",
        "打人要拘留几天",
        "老公欠钱不还我要承担吗",
        "邻居天天半夜唱歌我可以做什么",
        "你好 房东不退押金怎么办",
        "朋友借了我两万块钱不还 有微信转账记录 没打欠条",
        "网贷逾期了 催收的天天打电话骂我",
        "楼上扔了个花盆下来差点砸到我",
        "下雨天漏水 邻居不管",
        # A resident sending the one word got 没有理解.
        "醉驾",
        "酒驾",
    ],
)
def test_legal(text: str) -> None:
    assert is_legal_question(text)


def test_a_greeting_before_an_announced_question_is_a_greeting() -> None:
    assert small_talk("在吗 我想问点事") == "greeting"
    assert small_talk("警官好，我想问个问题") == "greeting"
    assert small_talk("你好 房东不退押金怎么办") is None


def test_particles_and_forms_of_address_do_not_hide_small_talk() -> None:
    assert small_talk("你好啊") == "greeting"
    assert small_talk("谢谢你啊警察同志") == "thanks"
    assert small_talk("好的呀") == "ack"


def test_station_words() -> None:
    assert not is_legal_question("群租")
    assert is_legal_question("群租", extra_words=["群租"])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("在吗在吗", "greeting"),
        ("你好你好", "greeting"),
        ("谢谢谢谢", "thanks"),
        ("好滴 谢谢蜀黍", "ack"),
        ("好的 谢谢警官 辛苦了", "thanks"),
        ("嗯嗯 知道了", "ack"),
        ("👍👍", "ack"),
        ("🙏", "thanks"),
        ("哈哈哈😂", "laugh"),
        ("😂😂", "laugh"),
    ],
)
def test_small_talk_said_in_pieces_or_pictographs(text: str, kind: str) -> None:
    assert small_talk(text) == kind


@pytest.mark.parametrize(
    "text", ["好的，他在房间里没出来", "哈哈，押金不退", "😭", "你好 押金不退"]
)
def test_pieces_must_make_the_whole_message(text: str) -> None:
    assert small_talk(text) is None


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("楼下几个人天天在赌钱", False),
        ("有几个人在小区门口打架", False),
        ("几个年轻人在楼道里抽烟", False),
        ("前几天有人偷电动车", False),
        ("好几个人在门口转悠", False),
        ("治安拘留最多几天", True),
        ("醉驾会判几个月", True),
        ("一个房间最多住几个人", True),
        ("有几个人", True),
        ("几个人合租要登记吗", True),
    ],
)
def test_several_is_no_question_how_many_is(text: str, asked: bool) -> None:
    """几 counts people a sentence goes on to tell of (楼下几个人天天在赌钱); at the end, or
    before a unit of time, it asks how many."""
    assert asks(text) is asked


@pytest.mark.parametrize("text", ["这是不是诈骗", "他是不是骗子", "网上卖的是不是假货"])
def test_is_it_or_not_is_a_question(text: str) -> None:
    """这是不是诈骗 asks, as 是否 and 算不算 do: it had read as a statement (a tip)."""
    assert asks(text)


@pytest.mark.parametrize(
    ("text", "follows"),
    [
        ("小偷会坐牢吗", True),
        ("偷电动车判几年", True),
        ("抢劫罪判几年", True),
        ("故意伤害罪判几年", True),
        ("被人打了怎么处罚", True),
        ("偷手机罚多少", True),
        ("赌博犯法", True),
        ("我的电动车被偷了", False),
        ("楼下有人吸毒", False),
        # 判 and 几年 of 判断, 这几年: no penalty asked after.
        ("我判断不了这几年的房租", False),
    ],
)
def test_what_follows_is_asked_in_the_laws_words_and_the_peoples(text: str, follows: bool) -> None:
    assert asks_what_follows(text) is follows
