"""The persisted law index: corpus, vocabulary and BM25 arrays in one directory.

Layout (all plain data; nothing is unpickled)::

    meta.json       format, fingerprint of the sources, counts
    corpus.json     laws and articles (every version)
    lexicon.json    index terms and the vocabulary the corpus was segmented with
    index.npz       BM25 postings for articles, chapters and laws, priors, mappings
    dictionary.*    the segmenter's jieba dictionary (`knowledge.dictionary`)
    faq-terms.json  the FAQ's phrasings as read, saved by the first start that reads them
                    (`knowledge.faq_terms`; not part of the format: absent, it is made)

Only the newest version of each law is indexed for ranking; older versions stay in
`corpus.json` for citation look-ups.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from knowledge.bm25 import BM25Index, Field, Lexicon
from knowledge.corpus import Corpus
from knowledge.dictionary import Dictionary, load_dictionary, save_dictionary
from knowledge.model import Article, Law
from knowledge.references import count_references
from knowledge.segment import Segmenter
from knowledge.titles import TitleIndex, name_key
from knowledge.vocabulary import Vocabulary

FORMAT = 4  # 2: the `superseded` prior; 3: repealed laws (`Law.repealed_by`) left out;
# 4: the segmenter's dictionary saved (`knowledge.dictionary`)
# Formats a server still loads: a format-3 index lacks only the dictionary, which is then
# built from jieba's as before (slower), so an upgraded server answers before a re-import.
READABLE = frozenset({3, FORMAT})
MANIFEST, CORPUS, LEXICON, ARRAYS = "meta.json", "corpus.json", "lexicon.json", "index.npz"
# Folders of the corpus holding statutes passed by the NPC and its standing committee.
STATUTE_FOLDERS = frozenset(
    {
        "宪法",
        "宪法相关法",
        "民法典",
        "民法商法",
        "刑法",
        "行政法",
        "经济法",
        "社会法",
        "诉讼与非诉讼程序法",
    }
)
INTERPRETATION_FOLDERS = frozenset({"司法解释"})
# Heading and title tokens repeated into chapter and law documents, so that a chapter
# called 保理合同 wins for a question about 保理 even when its articles rarely say so.
CHAPTER_NAME_REPEAT, LAW_TITLE_REPEAT = 3, 5

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]
Progress = Callable[[int], None]


@dataclass(slots=True)
class LawIndex:
    corpus: Corpus
    vocabulary: Vocabulary
    lexicon: Lexicon
    articles: BM25Index  # one document per active article
    chapters: BM25Index  # one per (law, heading)
    laws: BM25Index  # one per active law
    active: IntArray  # active document -> article index in the corpus
    chapter_of: IntArray  # active document -> chapter document
    law_of: IntArray  # active document -> law document
    law_ids: IntArray  # law document -> law index in the corpus
    priors: dict[str, FloatArray]  # query-independent features per active document
    fingerprint: str = ""
    #: The segmenter's dictionary as the import left it; None for an index saved before it.
    dictionary: Dictionary | None = None

    @property
    def amendment(self) -> npt.NDArray[np.bool_]:
        return self.priors["amendment"] > 0

    @property
    def repealed(self) -> npt.NDArray[np.bool_]:
        """Articles of an instrument a decision outside the corpus repealed (an index
        built before repealed.toml existed has none)."""
        found = self.priors.get("repealed")
        return found > 0 if found is not None else np.zeros(len(self.active), dtype=bool)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, Any] = {
            "active": self.active,
            "chapter_of": self.chapter_of,
            "law_of": self.law_of,
            "law_ids": self.law_ids,
        }
        arrays.update({f"prior_{k}": v for k, v in self.priors.items()})
        for name, index in (("art", self.articles), ("chap", self.chapters), ("law", self.laws)):
            arrays.update(index.arrays(name))
        np.savez(folder / ARRAYS, **arrays)
        if self.dictionary is not None:
            save_dictionary(self.dictionary, folder)
        _write_json(folder / CORPUS, _corpus_json(self.corpus))
        _write_json(
            folder / LEXICON,
            {"terms": self.lexicon.terms, "vocabulary": self.vocabulary.to_json()},
        )
        _write_json(
            folder / MANIFEST,
            {
                "format": FORMAT,
                "fingerprint": self.fingerprint,
                "laws": len(self.corpus.laws),
                "articles": len(self.corpus.articles),
                "indexed": len(self.active),
            },
        )

    @classmethod
    def load(cls, folder: Path) -> LawIndex:
        manifest = read_manifest(folder)
        if manifest.get("format") not in READABLE:
            raise ValueError(f"{folder}: index format {manifest.get('format')}, expected {FORMAT}")
        with np.load(folder / ARRAYS, allow_pickle=False) as npz:
            data = {k: npz[k] for k in npz.files}
        lexicon_json = json.loads((folder / LEXICON).read_text("utf-8"))
        return cls(
            corpus=_corpus_from_json(json.loads((folder / CORPUS).read_text("utf-8"))),
            vocabulary=Vocabulary.from_json(lexicon_json["vocabulary"]),
            lexicon=Lexicon(lexicon_json["terms"]),
            articles=BM25Index.from_arrays(data, "art"),
            chapters=BM25Index.from_arrays(data, "chap"),
            laws=BM25Index.from_arrays(data, "law"),
            active=data["active"],
            chapter_of=data["chapter_of"],
            law_of=data["law_of"],
            law_ids=data["law_ids"],
            priors={k[6:]: v for k, v in data.items() if k.startswith("prior_")},
            fingerprint=str(manifest.get("fingerprint", "")),
            dictionary=load_dictionary(folder),
        )


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"no law index in {folder} (run `jingmin law import`)")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def build_index(
    corpus: Corpus,
    vocabulary: Vocabulary,
    *,
    fingerprint: str = "",
    progress: Progress | None = None,
) -> LawIndex:
    """Segment the newest version of every law and build the three BM25 indexes.

    `progress` is called with the number of articles segmented since the last call.
    """
    segmenter = Segmenter(vocabulary, (law.short for law in corpus.laws))
    indexed = [is_indexed(law) for law in corpus.laws]
    active = [i for i, a in enumerate(corpus.articles) if indexed[a.law]]
    texts: list[list[str]] = []
    for n, words in enumerate(
        segmenter.index_words(corpus.articles[i].text for i in active), start=1
    ):
        texts.append(words)
        if progress and n % 500 == 0:
            progress(500)
    if progress:
        progress(len(active) % 500)

    heading_words: dict[str, list[str]] = {}
    title_words: dict[int, list[str]] = {}
    chapters: dict[tuple[int, str], int] = {}
    law_pos: dict[int, int] = {}
    chapter_of, law_of = [], []
    for i in active:
        article = corpus.articles[i]
        if article.heading not in heading_words:
            heading_words[article.heading] = segmenter.search_words(
                article.heading, keep_length=True
            )
        if article.law not in title_words:
            title_words[article.law] = segmenter.search_words(
                corpus.laws[article.law].short, keep_length=True
            )
        chapter_of.append(chapters.setdefault((article.law, article.heading), len(chapters)))
        law_of.append(law_pos.setdefault(article.law, len(law_pos)))

    chapter_docs: list[list[str]] = [[] for _ in chapters]
    law_docs: list[list[str]] = [[] for _ in law_pos]
    for doc, words in enumerate(texts):
        chapter_docs[chapter_of[doc]].extend(words)
        law_docs[law_of[doc]].extend(words)
    for (law, heading), c in chapters.items():
        chapter_docs[c].extend((heading_words[heading] + title_words[law]) * CHAPTER_NAME_REPEAT)
    for law, pos in law_pos.items():
        law_docs[pos].extend(title_words[law] * LAW_TITLE_REPEAT)

    lexicon = Lexicon()
    headings = [heading_words[corpus.articles[i].heading] for i in active]
    titles = [title_words[corpus.articles[i].law] for i in active]
    article_index = BM25Index.build(
        [Field(texts, 1.0, 0.75), Field(headings, 1.5, 0.5), Field(titles, 1.0, 0.5)], lexicon
    )
    chapter_index = BM25Index.build([Field(chapter_docs, 1.0, 0.5)], lexicon)
    law_index = BM25Index.build([Field(law_docs, 1.0, 0.3)], lexicon)
    return LawIndex(
        corpus=corpus,
        vocabulary=vocabulary,
        lexicon=lexicon,
        articles=article_index,
        chapters=chapter_index,
        laws=law_index,
        active=np.array(active, dtype=np.int32),
        chapter_of=np.array(chapter_of, dtype=np.int32),
        law_of=np.array(law_of, dtype=np.int32),
        law_ids=np.array(sorted(law_pos, key=law_pos.__getitem__), dtype=np.int32),
        priors=_priors(corpus, active),
        fingerprint=fingerprint,
        dictionary=segmenter.dictionary(),
    )


def is_indexed(law: Law) -> bool:
    """Older versions and the laws a newer law of the corpus repealed stay in the corpus
    for citations, not in the index. Those a decision outside the corpus repealed
    (repealed.toml) are indexed but never ranked (the `repealed` prior): leaving their
    ~500 articles out shifted the BM25 statistics the weights were tuned with, and R@10
    and R@100 moved by 0.001 either way on questions that do not concern them."""
    return law.latest and (bool(law.repealed_on) or not law.repealed_by)


def _priors(corpus: Corpus, active: list[int]) -> dict[str, FloatArray]:
    """Query-independent features of each indexed article (all scaled to 0..1)."""
    refs = count_references(corpus, TitleIndex(corpus.laws))
    superseded = superseded_laws(corpus.laws)
    cited, law_cited, statute, interpretation, size, amendment = ([] for _ in range(6))
    for i in active:
        article = corpus.articles[i]
        law = corpus.laws[article.law]
        folder = law.category.split("/")[0]
        number = article.number if article.number is not None else -1
        cited.append(math.log1p(refs.articles.get((law.key, number, article.sub), 0)))
        law_cited.append(math.log1p(refs.laws.get(law.key, 0)))
        statute.append(1.0 if folder in STATUTE_FOLDERS else 0.0)
        interpretation.append(1.0 if folder in INTERPRETATION_FOLDERS else 0.0)
        size.append(math.log1p(law.article_count))
        amendment.append(1.0 if law.amendment else 0.0)
    return {
        "cited": _unit(cited),
        "law_cited": _unit(law_cited),
        "statute": _unit(statute),
        "interpretation": _unit(interpretation),
        "size": _unit(size),
        "amendment": np.array(amendment, dtype=np.float32),
        "superseded": np.array([corpus.articles[i].law in superseded for i in active], np.float32),
        "repealed": np.array(
            [bool(corpus.laws[corpus.articles[i].law].repealed_on) for i in active], np.float32
        ),
    }


def superseded_laws(laws: Sequence[Law]) -> set[int]:
    """Laws about other laws none of which is in the corpus any more.

    最高人民法院关于适用《合同法》若干问题的解释 explains a law the 民法典 repealed; the
    corpus keeps it, but an answer should lean on what is in force.  Told from the corpus
    alone: every law its title names in 《》 is missing from the corpus.
    """
    present = {_paren(name_key(law.title)) for law in laws}
    out: set[int] = set()
    for i, law in enumerate(laws):
        named = [_paren(name_key(n)) for n in _QUOTED.findall(law.title)]
        if named and not any(n in present for n in named):
            out.add(i)
    return out


_QUOTED = re.compile(r"《([^《》]+)》")


def _paren(key: str) -> str:
    return key.replace("(", "（").replace(")", "）")


def _unit(values: list[float]) -> FloatArray:
    array = np.array(values, dtype=np.float32)
    top = float(array.max()) if len(array) else 0.0
    return array / top if top > 0 else array


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _corpus_json(corpus: Corpus) -> dict[str, Any]:
    headings: dict[str, int] = {}
    columns: dict[str, list[Any]] = {
        k: [] for k in ("law", "label", "text", "heading", "number", "sub")
    }
    for a in corpus.articles:
        columns["law"].append(a.law)
        columns["label"].append(a.label)
        columns["text"].append(a.text)
        columns["heading"].append(headings.setdefault(a.heading, len(headings)))
        columns["number"].append(a.number)
        columns["sub"].append(a.sub)
    return {
        "laws": [asdict(law) for law in corpus.laws],
        "headings": list(headings),
        "articles": columns,
    }


def _corpus_from_json(data: dict[str, Any]) -> Corpus:
    headings: list[str] = data["headings"]
    cols = data["articles"]
    lengths = {len(cols[name]) for name in ("law", "label", "text", "heading", "number", "sub")}
    if len(lengths) != 1:
        raise ValueError(f"{CORPUS}: the articles' columns differ in length")
    # Positional and by `map`: the 65,000 articles made with keywords in a loop took half
    # as long again (60 ms against 40).
    articles = list(
        map(
            Article,
            cols["law"],
            cols["label"],
            cols["text"],
            map(headings.__getitem__, cols["heading"]),
            cols["number"],
            cols["sub"],
        )
    )
    return Corpus(laws=[Law(**law) for law in data["laws"]], articles=articles)
