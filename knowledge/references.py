"""How often statutes cite each law and article: a query-independent importance prior.

A judicial interpretation that says 依照民法典第一百五十三条 or a penalty article that says
违反本法第六条 marks the cited article as one the legal system leans on.  Counting these
cross-references over the whole corpus (like links between web pages) ranks central
articles and laws above obscure ones without any hand-made list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from knowledge.citation import find_citations
from knowledge.corpus import Corpus
from knowledge.titles import TitleIndex


@dataclass(slots=True)
class References:
    # (law title key, number, sub) -> citations; law title key -> citations from other laws
    articles: Counter[tuple[str, int, int]] = field(default_factory=Counter)
    laws: Counter[str] = field(default_factory=Counter)


def count_references(corpus: Corpus, titles: TitleIndex) -> References:
    refs = References()
    for article in corpus.articles:
        source = corpus.laws[article.law]
        if not source.latest or ("第" not in article.text):
            continue
        for cite in find_citations(article.text, titles, own_law=article.law):
            key = corpus.laws[cite.law].key
            refs.articles[(key, cite.number, cite.sub)] += 1
            if key != source.key:
                refs.laws[key] += 1
    return refs
