"""The segmenter's dictionary saved with the index, and indexes saved before it."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from knowledge.base import KnowledgeBase
from knowledge.dictionary import COUNTS, WORDS, Dictionary, load_dictionary, save_dictionary
from knowledge.importer import import_laws
from knowledge.index import FORMAT, MANIFEST, LawIndex, read_manifest
from knowledge.segment import Segmenter

QUESTION = "房东不退押金，还说我把门弄坏了要扣钱"


def test_saved_dictionary_is_the_one_the_import_built(index_path: Path) -> None:
    index = LawIndex.load(index_path)
    assert index.dictionary is not None
    built = Segmenter(index.vocabulary, (law.short for law in index.corpus.laws)).dictionary()
    assert index.dictionary.freq == built.freq
    assert index.dictionary.total == built.total


def test_index_saved_before_the_dictionary(
    index_path: Path, subset_dir: Path, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A server upgraded before the re-import still answers, the same way; the next
    import rebuilds the index although the statutes did not change."""
    old = tmp_path / "law-index"
    shutil.copytree(index_path, old)
    (old / WORDS).unlink()
    (old / COUNTS).unlink()
    manifest = read_manifest(old) | {"format": 3}
    (old / MANIFEST).write_text(json.dumps(manifest), "utf-8")

    upgraded = KnowledgeBase.load(old, faq_dirs=[])
    assert upgraded.index.dictionary is None
    assert [(h.law.short, h.article.label) for h in upgraded.search(QUESTION)] == [
        (h.law.short, h.article.label) for h in kb.search(QUESTION)
    ]

    result = import_laws(subset_dir, old, console=Console(quiet=True))
    assert not result.skipped
    assert read_manifest(old)["format"] == FORMAT
    assert load_dictionary(old) is not None


def test_round_trip(tmp_path: Path) -> None:
    saved = Dictionary({"治安": 30, "治安管理": 12, "治安管": 0}, total=99)
    save_dictionary(saved, tmp_path)
    assert load_dictionary(tmp_path) == saved


def test_absent_or_damaged(tmp_path: Path) -> None:
    assert load_dictionary(tmp_path) is None
    save_dictionary(Dictionary({"治安": 30, "管理": 12}, total=42), tmp_path)
    (tmp_path / WORDS).write_text("治安", "utf-8")  # a line lost
    with pytest.raises(ValueError):
        load_dictionary(tmp_path)


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (lambda folder: (folder / COUNTS).write_bytes(b""), COUNTS),  # a disk that filled up
        (lambda folder: (folder / COUNTS).write_bytes(b"not an array"), COUNTS),
        (lambda folder: (folder / WORDS).write_bytes(b"\xff\xfe"), WORDS),
        (lambda folder: (folder / COUNTS).unlink(), COUNTS),  # copied in part
        (lambda folder: (folder / WORDS).unlink(), WORDS),
    ],
    ids=["empty counts", "not an array", "words not UTF-8", "no counts", "no words"],
)
def test_a_damaged_file_is_named_as_the_server_says_it(
    tmp_path: Path, damage: Callable[[Path], object], named: str
) -> None:
    """The server start turns a ValueError into "law index cannot be loaded (…): import
    again"; anything else (numpy's EOFError) would stop the server, and a half-saved pair
    must not pass for an index saved before dictionaries."""
    save_dictionary(Dictionary({"治安": 30, "管理": 12}, total=42), tmp_path)
    damage(tmp_path)
    with pytest.raises(ValueError, match=re.escape(str(tmp_path / named))):
        load_dictionary(tmp_path)
