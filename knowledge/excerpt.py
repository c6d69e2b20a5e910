"""How an article is shown in a list of answers: its citation (《法名》第X条（版本）, or a
guide named as one), and a snippet around the words the question matched."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from knowledge.numerals import whole
from knowledge.retriever import Hit


def citation(hit: Hit) -> str:
    """《治安管理处罚法》第五十七条（2012-10-26版）; a section of a guide filed beside the
    statutes (`Law.reference`) is named as what it is, with its headings:
    参考资料：劳动仲裁和劳动诉讼的攻略（非法律条文）「加班费的计算 标准工时制」."""
    law = hit.law
    if law.reference:
        version = f"{law.version}版，" if law.version else ""
        section = hit.article.heading or hit.article.label
        return f"参考资料：{law.short}（{version}非法律条文）「{section}」"
    version = f"（{law.version}版）" if law.version else ""
    return f"{law.display()}{hit.article.label}{version}"


#: Words of an article a query word is marked in (`Segmenter.boundaries`).
Boundaries = Callable[[str], Collection[int]]
#: A line break in an article, and the full-width mark before it, if any: after 。 the next
#: paragraph follows on (「赔偿损失。 承租人…」 had a stray space in Chinese text).
_PARAGRAPH_BREAK = re.compile(r"([。；：！？，、）”])?\s*\n\s*")
#: How far a snippet's cut moves back to a word's start or end (…人单位 → …用人单位).
_SNAP = 4


def snippet(
    text: str,
    terms: tuple[str, ...],
    budget: int,
    *,
    boundaries: Boundaries,
    from_start: bool = False,
    marks: tuple[str, str] = ("【", "】"),
) -> str:
    """About `budget` characters of `text` around the first matched term, terms marked 【】
    (or by `marks`, nothing for ("", "")); its paragraphs run on (a space between them
    only where the first ends in no mark: 赔偿损失。承租人…);
    `from_start`, the first `budget` characters (an article the question cited: 民法典第1084
    条 had started at the 人民法院 of its third paragraph). A term is marked only where it
    is a word or a run of words of the text's own segmentation (`boundaries`): 离婚 in
    提起离婚诉讼, never the 民法 of 人民法院. A number is marked only whole, as the index
    matches it: 十万 not inside 五十万元 (nor in the 十万元 left where the cut falls
    between 五 and 十). Each term is marked once (see `_first_marks`). The cuts fall
    between words where one is near."""
    flat = _PARAGRAPH_BREAK.sub(lambda m: m.group(1) or " ", text.strip())
    marked_terms = sorted({t for t in terms if len(t) > 1}, key=len, reverse=True)
    found = [m.span() for term in marked_terms for m in re.finditer(whole(term), flat)]
    cuts = boundaries(flat) if found or len(flat) > budget else set()
    # Leftmost first, the longest there; each term on its own, as the 处罚 of 并处罚金 is
    # no word but its 罚金 is.
    spans: list[tuple[int, int]] = []
    for a, b in sorted(found, key=lambda span: (span[0], -span[1])):
        if a in cuts and b in cuts and (not spans or spans[-1][1] <= a):
            spans.append((a, b))
    start, end = 0, len(flat)
    if len(flat) > budget:
        at = spans[0][0] if spans and not from_start else 0
        start = max(0, min(at - budget // 4, len(flat) - budget))
        start = max((c for c in cuts if start - _SNAP <= c <= start), default=start)
        end = start + budget
        end = max((c for c in cuts if end - _SNAP <= c <= end), default=end)
    out, done = [], start
    for a, b in _first_marks(flat, spans, start, end):
        out += [flat[done:a], f"{marks[0]}{flat[a:b]}{marks[1]}"]
        done = b
    out.append(flat[done:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(flat) else "")


def _first_marks(
    flat: str, spans: list[tuple[int, int]], start: int, end: int
) -> list[tuple[int, int]]:
    """The spans within [`start`, `end`) to mark: each term at its first occurrence there,
    or its next when that one opens the excerpt. 【居住证】持有人在【居住】地连续【居住】的
    had marked every 居住 (a page of brackets), and 【诈骗】公私财物… read as a heading."""
    seen: set[str] = set()
    kept = []
    for a, b in spans:
        term = flat[a:b]
        if a < start or b > end or a == start or term in seen:
            continue
        seen.add(term)
        kept.append((a, b))
    return kept
