"""A message quoted back cut short, never inside a number with its unit (`knowledge.quoting`)."""

from __future__ import annotations

import pytest

from knowledge.quoting import brief


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("房东不退押金怎么办", "房东不退押金怎么办"),  # short: whole
        ("我在网上买东西被人骗了500块钱", "我在网上买东西被人骗了500块钱"),  # ends on the sum
        ("我在网上买东西被骗了500块钱对方拉黑了", "我在网上买东西被骗了…"),
        ("我在网上买了个东西被骗了两千五百块钱怎么办", "我在网上买了个东西被骗了…"),
        ("邻居家的狗把我儿子咬伤了要打疫苗", "邻居家的狗把我儿子咬伤了要…"),
    ],
)
def test_a_quote_is_cut_before_or_after_a_sum_never_inside(text: str, quoted: str) -> None:
    """「我在网上被骗了500…」 had dropped what the 500 was."""
    assert brief(text, 14, 13) == quoted
