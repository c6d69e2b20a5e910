"""The persisted index (built once per session from a corpus subset)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from knowledge.dictionary import COUNTS, WORDS, Dictionary, load_dictionary, save_dictionary
from knowledge.faq_terms import FILE as FAQ_TERMS
from knowledge.index import (
    ARRAYS,
    CORPUS,
    FORMAT,
    MANIFEST,
    LawIndex,
    read_manifest,
    superseded_laws,
)
from knowledge.model import Law
from knowledge.retriever import Retriever

pytestmark = pytest.mark.corpus


def test_files_are_plain_data(index_path: Path) -> None:
    # A start adds the FAQ's phrasings as read (`knowledge.faq_terms`), plain JSON too.
    names = {p.name for p in index_path.iterdir()}
    assert names - {FAQ_TERMS} == {
        MANIFEST,
        CORPUS,
        ARRAYS,
        "lexicon.json",
        WORDS,
        COUNTS,
    }
    if FAQ_TERMS in names:
        assert isinstance(json.loads((index_path / FAQ_TERMS).read_text("utf-8")), dict)
    manifest = read_manifest(index_path)
    assert manifest["format"] == FORMAT and len(manifest["fingerprint"]) == 64
    with np.load(index_path / ARRAYS, allow_pickle=False) as data:  # no object arrays
        assert all(data[k].dtype != object for k in data.files)


def test_round_trip(index_path: Path, tmp_path: Path) -> None:
    index = LawIndex.load(index_path)
    index.save(tmp_path)
    again = LawIndex.load(tmp_path)
    assert len(again.corpus.articles) == len(index.corpus.articles)
    assert again.corpus.laws == index.corpus.laws
    assert again.lexicon.terms == index.lexicon.terms
    assert np.array_equal(again.articles.weights, index.articles.weights)
    assert set(again.priors) == set(index.priors)


def test_all_versions_kept_newest_indexed(index_path: Path) -> None:
    index = LawIndex.load(index_path)
    versions = [law.version for law in index.corpus.laws if law.short == "行政复议法"]
    assert sorted(versions) == ["2017-09-01", "2023-09-01"]
    indexed_laws = {index.corpus.articles[a].law for a in index.active}
    assert all(index.corpus.laws[law].latest for law in indexed_laws)


def test_load_segments_with_the_saved_dictionary(index_path: Path, tmp_path: Path) -> None:
    """A load reads the dictionary the import saved rather than building jieba's again
    (the bulk of a server start; `bench/law_start.py` measures it): a word only the saved
    dictionary holds is cut as one word."""
    word = "治安押金"
    assert Retriever(LawIndex.load(index_path)).segmenter.words(word) == ["治安", "押金"]
    folder = tmp_path / "law-index"
    shutil.copytree(index_path, folder)
    saved = load_dictionary(folder)
    assert saved is not None
    prefixes = {word[:end]: 0 for end in range(1, len(word)) if word[:end] not in saved.freq}
    save_dictionary(Dictionary(saved.freq | prefixes | {word: 10**6}, saved.total + 10**6), folder)

    assert Retriever(LawIndex.load(folder)).segmenter.words(word) == [word]


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        LawIndex.load(tmp_path)
    (tmp_path / MANIFEST).write_text(json.dumps({"format": -1}), "utf-8")
    with pytest.raises(ValueError):
        LawIndex.load(tmp_path)


def test_superseded_laws() -> None:
    laws = [
        Law(title="中华人民共和国民法典"),
        Law(title="最高人民法院关于适用《中华人民共和国合同法》若干问题的解释（一）"),
        Law(title="最高人民法院关于适用《中华人民共和国民法典》合同编的解释"),
        Law(title="最高人民法院关于《刑法修正案(八)》时间效力问题的解释"),
        Law(title="中华人民共和国刑法修正案（八）"),
        Law(title="旅馆业治安管理办法"),
    ]
    assert superseded_laws(laws) == {1}
