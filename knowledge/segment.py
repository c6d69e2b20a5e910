"""Word segmentation for articles and questions: a private jieba tokenizer.

The global `jieba` instance is shared by the whole process; this module keeps its own
`jieba.Tokenizer()` so that the legal user dictionary never changes how other code
segments text, and it keeps jieba quiet on stderr.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Iterator

from knowledge.dictionary import Dictionary
from knowledge.jieba_lib import jieba
from knowledge.numerals import NUMBER
from knowledge.vocabulary import Vocabulary

# jieba logs "Building prefix dict…" at DEBUG to its own stderr handler.
logging.getLogger("jieba").setLevel(logging.WARNING)

_WORD = re.compile(r"[\w]", re.UNICODE)
# A word made only of these is an exclamation (啊啊啊, 呜呜, 哈哈哈, 嗯嗯), however long
# jieba cuts it: chat messages repeat them for emphasis.
_INTERJECTION = re.compile(r"[啊呀哦噢喔啦嘛呢哈吖呜嗯唉哎哇嘿呵呃]+")
_MAX_TITLE_WORD = 10
# Stands in the index for a piece of a number (see `Segmenter.search_words`); `_keep`
# drops it from every question, so it never matches.
NUMBER_PIECE = "#"
#: Cuts of long words `Segmenter.boundaries` remembers (a few MB at most).
_CUT_CACHE = 20_000
#: Words `Segmenter.search_words` remembers the pieces of: the corpus has about 150,000.
_PIECES_CACHE = 200_000
#: Words of the statutes jieba's dictionary lacks, known only where `Segmenter.boundaries`
#: cuts a long word, so the index (and its ranking) stays as built: without 单处, the
#: 处罚金 of 单处罚金 was cut 处罚|金, a frequent word and a character, and 刑法 第二百八十条
#: 之一 showed 并处或者单【处罚】金.
_CUT_ONLY_WORDS = frozenset({"单处"})


class Segmenter:
    """Segments text into index terms, with the station's legal vocabulary.

    Args:
        vocabulary: terms, stop words and colloquial synonyms.
        titles: short law titles (刑法, 治安管理处罚法) to keep as single words.
        dictionary: the finished dictionary of a segmenter built from the same vocabulary
            and titles (`dictionary()`, saved with the index), used instead of building it.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        titles: Iterable[str] = (),
        dictionary: Dictionary | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self._jieba = jieba.Tokenizer()
        if dictionary is None:
            self._jieba.initialize()
            words = dict.fromkeys(vocabulary.user_words())
            words.update(dict.fromkeys(t for t in titles if 1 < len(t) <= _MAX_TITLE_WORD))
            for word in words:
                self._jieba.add_word(word)
        else:
            # What `initialize` and `add_word` would have left, without jieba's cache.
            self._jieba.FREQ, self._jieba.total = dictionary.freq, dictionary.total
            self._jieba.initialized = True
        self._stop = vocabulary.stopwords
        self._cut_cache: dict[tuple[str, tuple[int, int]], list[str]] = {}
        self._pieces_cache: dict[tuple[str, bool], list[str]] = {}
        self._last_words: tuple[str | None, list[str]] = (None, [])
        # Longest first, so that 偷东西 is expanded before 偷.
        self._colloquial = sorted(vocabulary.colloquial.items(), key=lambda kv: -len(kv[0]))
        # Positions in that list by first character: a question only tries its own.
        self._by_char: dict[str, list[int]] = {}
        for position, (word, _) in enumerate(self._colloquial):
            self._by_char.setdefault(word[0], []).append(position)

    def dictionary(self) -> Dictionary:
        """jieba's dictionary with the legal terms and titles added, to save with the index."""
        return Dictionary(self._jieba.FREQ, self._jieba.total)

    def in_dictionary(self, word: str) -> bool:
        """Whether jieba's dictionary has `word`: a word it lacks was joined by its model of
        unknown words, often a character with the stop word beside it (我租, 能要)."""
        return bool(self._jieba.FREQ.get(word))

    def words(self, text: str) -> list[str]:
        """Precise-mode words without stop words and punctuation."""
        # One question is cut several times on its way (its terms, the FAQ's bag, the
        # articles' FAQ bonus): the last one is remembered.
        # Read once: another thread may put its own question there meanwhile.
        last = self._last_words
        if last[0] != text:
            last = self._last_words = (text, [w for w in self._jieba.cut(text) if self._keep(w)])
        return list(last[1])

    def search_words(self, text: str, *, keep_length: bool = False) -> list[str]:
        """Search-mode words: each long word plus the shorter words inside it.

        As jieba's `cut_for_search`, except that a shorter word never holds part of a
        number: 五十万元 gives 五十万 but not 十万 (or 十五日 五日), which had matched a
        question's 十万 to a fine of 五十万元. With `keep_length` (the index), each such
        piece becomes `NUMBER_PIECE`, which no question has: BM25's length normalisation
        was tuned with the pieces counted, and without them articles full of sums looked
        shorter and rose (R@10 0.567 -> 0.563 on the dev questions, none about a sum).
        """
        found: list[str] = []
        for word in self._jieba.cut(text):
            found.extend(self._search_pieces(word, keep_length))
        return found

    def index_words(self, texts: Iterable[str]) -> Iterator[list[str]]:
        """`search_words(text, keep_length=True)` of each text, for the index.

        jieba cuts each run of word characters between punctuation on its own, and the
        articles of a corpus repeat such runs (处五日以上十日以下拘留, 由…责令改正): 28% of
        the national corpus's characters. A run seen before is not cut again.
        """
        seen: dict[str, list[str]] = {}
        for text in texts:
            found: list[str] = []
            for block in jieba.re_han_default.split(text):
                words = seen.get(block)
                if words is None:
                    words = seen[block] = self.search_words(block, keep_length=True)
                found.extend(words)
            yield found

    def _search_pieces(self, word: str, keep_length: bool) -> list[str]:
        """The shorter words inside `word` (see `search_words`), then `word` if kept."""
        key = (word, keep_length)
        cached = self._pieces_cache.get(key)
        if cached is not None:
            return cached
        found: list[str] = []
        known = self._jieba.FREQ
        numbers = [m.span() for m in NUMBER.finditer(word)] if len(word) > 2 else []
        for size in (2, 3):
            for start in range(len(word) - size + 1 if len(word) > size else 0):
                piece = word[start : start + size]
                if not known.get(piece) or not self._keep(piece):
                    continue
                if not _splits(numbers, start, start + size):
                    found.append(piece)
                elif keep_length:
                    found.append(NUMBER_PIECE)
        if self._keep(word):
            found.append(word)
        if len(self._pieces_cache) >= _PIECES_CACHE:
            self._pieces_cache.clear()
        self._pieces_cache[key] = found
        return found

    def boundaries(self, text: str) -> set[int]:
        """Offsets in `text` where a word starts or ends: jieba's precise cut, and inside a
        word of three or more characters the likeliest cut without it, read with the words
        either side (并|处罚金 is 并处|罚金), and so on down to two characters: 人民|法院,
        被|继承|人, 劳动|者. A word found in an article is marked only from one offset to
        another (`knowledge.answer.snippet`): 法院, 继承 and 罚金 are; 民法 inside 人民法院,
        以向 inside 可以向 and 处罚 inside 并处罚金 are not."""
        words = list(self._jieba.cut(text))
        found = {0}
        at = 0
        for n, word in enumerate(words):
            end = at + len(word)
            found.add(end)
            if len(word) > 2:
                before = words[n - 1] if n else ""
                after = words[n + 1] if n + 1 < len(words) else ""
                window = before + word + after
                inner = (len(before), len(before) + len(word))
                offset = at - len(before)
                for piece_start, piece_end in _pieces(self._best_cut(window, inner)):
                    start, stop = offset + piece_start, offset + piece_end
                    if at < start < end:
                        found.add(start)
                    if at < stop < end:
                        found.add(stop)
                    if at <= start and stop <= end:
                        self._inner(text[start:stop], start, found)
            at = end
        return found

    def _inner(self, word: str, at: int, found: set[int]) -> None:
        if len(word) <= 2:  # 人|民 would make every offset of 人民法院 one
            return
        for start, end in _pieces(self._best_cut(word, (0, len(word)))):
            found.add(at + end)
            self._inner(word[start:end], at + start, found)

    def _best_cut(self, text: str, without: tuple[int, int]) -> list[str]:
        """The cut of `text` into the fewest dictionary words, the likeliest of those as
        jieba ranks cuts (the product of the words' frequencies), other than one with the
        piece at `without`; a character stands alone. Fewest first: by frequency alone,
        并|处罚|金 beats 并处|罚金 (a single character is a frequent word)."""
        key = (text, without)
        cached = self._cut_cache.get(key)
        if cached is not None:
            return cached
        freq, n = self._jieba.FREQ, len(text)
        log_total = math.log(self._jieba.total)
        # (-pieces, log-probability, end of the first piece) of the best cut from each offset
        best: list[tuple[int, float, int]] = [(0, 0.0, n)] * (n + 1)
        for start in range(n - 1, -1, -1):
            options = []
            for end in range(start + 1, n + 1):
                piece = text[start:end]
                count = freq.get(piece) or (1 if piece in _CUT_ONLY_WORDS else 0)
                if (end - start > 1 and not count) or (start, end) == without:
                    continue
                pieces, logp, _ = best[end]
                options.append((pieces - 1, logp + math.log(count or 1) - log_total, end))
            best[start] = max(options)
        parts, start = [], 0
        while start < n:
            end = best[start][2]
            parts.append(text[start:end])
            start = end
        if len(self._cut_cache) >= _CUT_CACHE:  # a server shows articles for months
            self._cut_cache.clear()
        self._cut_cache[key] = parts
        return parts

    def expansions(self, text: str, words: Iterable[str] = ()) -> list[str]:
        """Legal terms for the everyday words found in `text` (押金, 房东 -> 出租人…)."""
        found: list[str] = []
        for _, legal in self.expansion_groups(text, words):
            found.extend(t for t in legal if t not in found)
        return found

    def expansion_groups(self, text: str, words: Iterable[str] = ()) -> list[tuple[str, list[str]]]:
        """(everyday word, its legal terms) for each everyday word found in `text`.

        Keys of two or more characters match anywhere in the text; a one-character key
        (偷, 骗) only when jieba cut it out as a word of its own (`words`), so that 抢救
        does not bring in 抢劫.
        """
        single = set(words)
        groups: list[tuple[str, list[str]]] = []
        covered = text
        positions = {p for ch in set(text) for p in self._by_char.get(ch, ())}
        for word, legal in (self._colloquial[p] for p in sorted(positions)):
            if (word in covered) if len(word) > 1 else (word in single):
                covered = covered.replace(word, " ")
                groups.append((word, legal))
        return groups

    def _keep(self, word: str) -> bool:
        word = word.strip()
        return (
            bool(word)
            and word not in self._stop
            and bool(_WORD.search(word))
            and not _INTERJECTION.fullmatch(word)
        )


def _splits(numbers: list[tuple[int, int]], start: int, end: int) -> bool:
    """True if [start, end) holds part of one of the `numbers` spans but not all of it."""
    return any(a < end and start < b and not (start <= a and b <= end) for a, b in numbers)


def _pieces(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each of `words` in their concatenation."""
    spans, at = [], 0
    for word in words:
        spans.append((at, at + len(word)))
        at += len(word)
    return spans
