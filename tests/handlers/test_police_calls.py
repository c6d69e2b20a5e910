"""The line on whether a matter is one for the police (`handlers.police_calls`)."""

from __future__ import annotations

from handlers.police_calls import MAY_CALL, may_call


def test_a_long_matter_is_never_cut_inside_its_number_or_its_unit() -> None:
    # 「网上买东西被骗了50…」 had told the asker 50 where they had lost 500, then
    # 「…500…」 neither 500 what nor whether it was 5000.
    line = may_call("网上买东西被骗了500块钱")
    assert line.startswith("关于「网上买东西被骗了500块钱」，能报警：")
    line = may_call("朋友借了我5000块钱一直不还")
    assert line.startswith("关于「朋友借了我5000块钱…」")


def test_a_number_too_long_to_keep_is_left_out_whole() -> None:
    line = may_call("网上买东西被骗了一千五百块钱了")
    assert line.startswith("关于「网上买东西被骗了…」，能报警：")


def test_a_latin_word_is_kept_whole_or_left_out() -> None:
    assert may_call("我在KTV唱歌被人打了一顿").startswith("关于「我在KTV唱歌被人打…」")
    assert may_call("昨天晚上在楼下的iPhone店被偷").startswith("关于「昨天晚上在楼下的…」")


def test_a_matter_opening_on_a_run_too_long_to_keep_is_not_named() -> None:
    # 关于「KTVKTVKTVK…」 had cut the word it must never cut inside.
    assert may_call("KTVKTVKTVKTV门口有人打架") == MAY_CALL
    assert may_call("一千二百三十四万五千六百块钱被骗走了") == MAY_CALL
