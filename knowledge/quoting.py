"""A message quoted back in a reply (关于「楼上漏水把我家…」, 接着上一个问题「…」), cut short
where it is long, but never inside a number with its unit or a Latin word."""

from __future__ import annotations

import re

from knowledge.numerals import NUMBER

#: What may follow a number and belongs to it: 500 alone, of 被骗了500块钱, had told the
#: asker neither 500 what nor whether it was 500 or 5000.
_UNIT = (
    r"(?:多|余|来)?(?:块钱|块|元钱|元|万元|千元|毛|角|周岁|岁|个月|天|年|次|个|米|斤|公斤|层|楼)?"
)
#: A number (500, 3.5, 五百) with its unit, or a Latin word (KTV, iPhone).
_WHOLE = re.compile(
    rf"(?:[0-9０-９][0-9０-９.,，]*[0-9０-９]|[0-9０-９]|{NUMBER.pattern}){_UNIT}|[A-Za-z]+"
)
#: How far past `longest` a quote may run to end on its number's unit (网上买东西被骗了
#: 500块钱 whole, not 网上买东西被骗了…).
_UNIT_SLACK = 2


def brief(text: str, longest: int, cut: int) -> str:
    """`text` whole when it is at most `longest` long; else its first `cut` characters
    and 「…」, the cut moved past a number with its unit or a Latin word when that fits,
    else before it. When that leaves nothing (KTVKTVKTVKTV…), ""."""
    if len(text) <= longest:
        return text
    for run in _WHOLE.finditer(text):
        if run.start() < cut < run.end():
            if run.end() == len(text) <= longest + _UNIT_SLACK:
                return text
            cut = run.end() if run.end() < longest else run.start()
            break
    return text[:cut] + "…" if cut else ""
