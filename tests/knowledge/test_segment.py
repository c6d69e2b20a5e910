from __future__ import annotations

import jieba
import pytest

from knowledge.segment import Segmenter
from knowledge.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    vocab = Vocabulary.load()
    vocab.terms.append("警民通测试专用词")
    return Segmenter(vocab, ["治安管理处罚法", "一个超过十个字的很长的法律名称法"])


def test_user_words_stay_whole(segmenter: Segmenter) -> None:
    assert "治安管理处罚法" in segmenter.words("依照治安管理处罚法处罚")
    assert "警民通测试专用词" in segmenter.words("这是警民通测试专用词吗")


def test_private_tokenizer_leaves_global_jieba_alone(segmenter: Segmenter) -> None:
    segmenter.words("初始化")
    assert "警民通测试专用词" not in jieba.dt.FREQ


def test_stop_words_and_punctuation_dropped(segmenter: Segmenter) -> None:
    words = segmenter.words("请问，房东不退押金怎么办？")
    assert "怎么办" not in words and "，" not in words and "请问" not in words
    assert "押金" in words and "房东" in words


def test_search_mode_adds_inner_words(segmenter: Segmenter) -> None:
    assert {"治安", "管理"} <= set(segmenter.search_words("治安管理处罚法"))


def test_search_mode_keeps_numbers_whole(segmenter: Segmenter) -> None:
    # 十万 and 五日 are other numbers than 五十万 and 十五日: a question's 十万 had matched
    # a fine of 五十万元.
    fine = set(segmenter.search_words("处十万元以上五十万元以下的罚款"))
    assert {"十万", "十万元", "五十万", "五十万元", "罚款"} <= fine
    assert fine.isdisjoint({"五十", "万元"})
    assert segmenter.search_words("五十万元").count("十万") == 0
    assert "五日" not in segmenter.search_words("处十五日以下拘留")
    assert {"发生", "意外"} <= set(segmenter.search_words("万一发生意外"))


def test_expansions(segmenter: Segmenter) -> None:
    text = "我老公欠钱不还，房东也不退押金"
    expanded = segmenter.expansions(text, segmenter.words(text))
    assert {"配偶", "借款", "出租人", "押金"} <= set(expanded)


def test_single_character_keys_need_a_word_of_their_own(segmenter: Segmenter) -> None:
    stolen = "钱包被偷了"
    assert "盗窃" in segmenter.expansions(stolen, segmenter.words(stolen))
    rescue = "抢救病人"
    assert "抢劫" not in segmenter.expansions(rescue, segmenter.words(rescue))


def test_longest_key_first(segmenter: Segmenter) -> None:
    # 偷东西 covers 偷: its terms come once, not twice.
    text = "小孩偷东西"
    expanded = segmenter.expansions(text, segmenter.words(text))
    assert expanded.count("盗窃") == 1


@pytest.mark.parametrize(
    ("text", "words", "not_words"),
    [
        ("向人民法院提起诉讼", ["人民法院", "法院", "人民", "诉讼"], ["民法"]),
        ("由被继承人的子女继承", ["继承人", "继承", "子女"], ["承人"]),
        ("并处罚金", ["罚金"], ["处罚"]),  # 并处|罚金, not 并|处罚|金
        ("可以向劳动者支付", ["劳动者", "劳动"], ["以向"]),
    ],
)
def test_boundaries_are_words_and_their_parts(
    segmenter: Segmenter, text: str, words: list[str], not_words: list[str]
) -> None:
    """A highlighted word must stand between two boundaries: 法院 and 劳动 in a longer
    word do, 民法 inside 人民法院 does not."""
    cuts = segmenter.boundaries(text)

    def stands(word: str) -> bool:
        at = text.index(word)
        return at in cuts and at + len(word) in cuts

    assert all(stands(word) for word in words), sorted(cuts)
    assert not any(stands(word) for word in not_words), sorted(cuts)


def test_index_words_are_search_words(segmenter: Segmenter) -> None:
    """The index cuts a clause it has seen once; each article still gets its own words."""
    texts = [
        "违反治安管理的，处五日以上十日以下拘留，并处五百元以下罚款。",
        "有下列行为之一的，处五日以上十日以下拘留，可以并处五百元以下罚款：",
        "",
        "处五日以上十日以下拘留",
        "第2条 旅馆业 (含民宿) 应当登记旅客，处五十万元以下罚款。",
    ]
    assert list(segmenter.index_words(texts)) == [
        segmenter.search_words(text, keep_length=True) for text in texts
    ]


@pytest.mark.parametrize(
    ("said", "whole"),
    [
        ("开无犯罪证明", "无犯罪证明"),
        ("开无犯罪记录证明要带什么", "无犯罪记录证明"),
        ("去哪开个无犯罪证明", "无犯罪证明"),
    ],
)
def test_a_certificate_of_no_criminal_record_is_one_word(
    segmenter: Segmenter, said: str, whole: str
) -> None:
    """开无犯罪证明 was cut 开无|犯罪|证明: a word 开无 that no phrasing of the certificate
    shares unless it is typed just so, and 犯罪 that reads as a crime."""
    words = segmenter.words(said)
    assert whole in words and "开无" not in words, words
    # Searched as the statutes name it, whichever way it is said.
    assert "无犯罪记录证明" in {*words, *segmenter.expansions(said, words)}
