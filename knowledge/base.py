"""The knowledge base a server loads once: index, retriever and FAQ together."""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from knowledge.faq import FaqEntry, FaqIndex, FaqMatch, load_faq
from knowledge.faq_terms import load_terms, save_terms, terms_key
from knowledge.index import LawIndex
from knowledge.model import Law
from knowledge.paths import index_dir, vocabulary_dirs
from knowledge.retriever import Hit, Retriever, Weights
from knowledge.revisions import Currency, Revision, load_revisions
from knowledge.typos import Typos, load_typos

#: How many questions' FAQ matches are remembered: every FAQ match of a server goes
#: through this one memory (`faq_match`).
_FAQ_SEEN = 256


class KnowledgeBase:
    """Statute search plus FAQ over one loaded index.

    Build it with `KnowledgeBase.load()` at server start (about a second for the whole
    corpus); it is read-only afterwards and safe to share between requests.
    """

    def __init__(
        self,
        index: LawIndex,
        faq: Sequence[FaqEntry] | None = None,
        weights: Weights | None = None,
        revisions: dict[str, Revision] | None = None,
        faq_terms: Mapping[str, Sequence[str]] | None = None,
        typos: Typos | None = None,
    ) -> None:
        """`faq_terms`: the FAQ's texts as read before over the same index
        (`knowledge.faq_terms`), which are then not read again."""
        self.index = index
        #: The misspellings a question is read without (房冬 for 房东).
        self.typos = typos if typos is not None else load_typos()
        self.retriever = Retriever(index, weights)
        self.currency = Currency(
            index.corpus.laws,
            self.retriever.titles,
            revisions if revisions is not None else load_revisions(),
        )
        idf = index.articles.idf()
        rare = float(idf.max()) if len(idf) else 1.0
        lexicon = index.lexicon

        def weight(term: str) -> float:
            found = lexicon.get(term)
            return float(idf[found]) if found is not None and found < len(idf) else rare

        self._faq_seen: dict[tuple[str, frozenset[str]], FaqMatch | None] = {}
        self.faq = FaqIndex(
            faq if faq is not None else load_faq(),
            self.retriever.segmenter,
            weight,
            known=lambda term: lexicon.get(term) is not None,
            read=faq_terms,
            rarest=rare,
        )
        self.retriever.use_faq(self.faq)

    @classmethod
    def load(
        cls, folder: Path | None = None, *, faq_dirs: Sequence[Path] | None = None
    ) -> KnowledgeBase:
        """Load the index from `folder` (default: `JINGMIN_LAW_INDEX` or var/law-index),
        with the FAQ's phrasings as read at the last start (and kept for the next)."""
        extra = list(faq_dirs) if faq_dirs is not None else vocabulary_dirs()
        folder = index_dir(folder)
        with _no_collections():
            index = LawIndex.load(folder)
            key = terms_key(folder)
            kb = cls(
                index,
                load_faq(*extra),
                revisions=load_revisions(*extra),
                faq_terms=load_terms(folder, key),
                typos=load_typos(*extra),
            )
        if kb.faq.fresh:
            save_terms(folder, key, kb.faq.read)
        return kb

    def search(
        self, question: str, top: int = 10, first: Sequence[tuple[str, str, str]] = ()
    ) -> list[Hit]:
        return self.retriever.search(question, top, first)

    def revision_notes(self, laws: Sequence[Law]) -> list[str]:
        """A note for each of `laws` cited in a text that a newer one has replaced."""
        return self.currency.notes(laws)

    def article(self, law: str, label: str, version: str = "") -> Hit | None:
        return self.retriever.article(law, label, version)

    def touches(self, question: str, hit: Hit) -> bool:
        """Whether the article contains one of the question's own words, or the legal
        terms of two of its everyday words (not only a word they were split into).

        Without either, the article is almost never the answer: 有照片吗 found a
        portrait-rights article through 肖像, and 明天几点来检查 the rules for visitors
        from Taiwan. Of the 1,235 dev questions, 9 without a FAQ answer have a top article
        touching none of their own words; 1 of those 9 had an answer in its first three.
        Two everyday words that both lead to it are evidence enough: 楼上半夜蹦迪吵死了
        reaches the noise rules only through 半夜 → 夜间 and 吵 → 噪声, 电动车闯红灯 the
        traffic penalties only through 非机动车 and 道路交通安全.
        """
        return self.toucher(question)(hit)

    def toucher(self, question: str) -> Callable[[Hit], bool]:
        """`touches` for one question and many articles: the question is read once."""
        lexicon = self.index.lexicon
        segmenter = self.retriever.segmenter
        words = segmenter.words(question)
        # 吵到12点 matched a 12 in an anti-fraud article: a number alone says nothing.
        own = {word for word in words if lexicon.get(word) is not None and not word.isdigit()}
        # A crime's name is its act and 罪 (抢劫罪, 故意伤害罪), and the article that defines
        # the crime says the act (以暴力…抢劫公私财物的): 抢劫罪判几年 had found 刑法 第二百六十三条
        # first and then been told that no article was directly related.
        named = {word[:-1] for word in words if len(word) > 2 and word.endswith("罪")}
        own |= {act for act in named if lexicon.get(act) is not None}
        groups = [legal for _, legal in segmenter.expansion_groups(question, words)]

        def touching(hit: Hit) -> bool:
            found = set(hit.terms)
            if own & found:
                return True
            # Two everyday words for the same thing (噪音, 吵) are one piece of evidence.
            reached = {frozenset(term for term in legal if term in found) for legal in groups}
            return len(reached - {frozenset()}) >= 2

        return touching

    def faq_match(self, question: str, kinds: Collection[str] = ()) -> FaqMatch | None:
        """The FAQ entry for `question`, asked by an owner of `kinds` of place (see
        `FaqIndex.match`) or by anyone else."""
        # One message is asked about several times on its way (is it answered elsewhere, is
        # it legal, the answer itself): the last few are remembered.
        key = (question, frozenset(kinds))
        if key in self._faq_seen:
            return self._faq_seen[key]
        found = self.faq.match(question, key[1])
        if len(self._faq_seen) >= _FAQ_SEEN:
            self._faq_seen.pop(next(iter(self._faq_seen)))
        self._faq_seen[key] = found
        return found


@contextmanager
def _no_collections() -> Iterator[None]:
    """No cycle collection while the index loads.

    Loading makes some two million objects (the dictionary's words, the articles, the
    FAQ's phrasings) that live as long as the process and form no cycles; the collector
    walked them again every few hundred thousand, a quarter of the loading's CPU. Reference
    counting frees the rest as usual, and the collector goes on after the block.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
