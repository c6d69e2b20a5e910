"""`law import`: read a statute folder, build the index, and swap it in atomically.

Importing the same files with the same vocabulary again does nothing (the manifest keeps
a fingerprint of both), so the command is safe to run from deployment scripts.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.base import KnowledgeBase
from knowledge.corpus import read_corpus, statute_files
from knowledge.index import FORMAT, LawIndex, build_index, is_indexed, read_manifest
from knowledge.revisions import mark_repealed
from knowledge.vocabulary import Vocabulary

if TYPE_CHECKING:
    from rich.console import Console


class NoStatutes(Exception):
    """The folder holds nothing to index: importing it would replace a working index with
    an empty one, so the index is left as it is."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    index_dir: Path
    laws: int
    articles: int
    seconds: float
    skipped: bool  # the index was already up to date


def fingerprint(source: Path, vocabulary: Vocabulary) -> str:
    """A hash of every statute file's path and content, the vocabulary and the format."""
    digest = hashlib.sha256(f"format={FORMAT}\n".encode())
    digest.update(json.dumps(vocabulary.to_json(), ensure_ascii=False, sort_keys=True).encode())
    for path in statute_files(source):
        digest.update(path.relative_to(source).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def import_laws(
    source: Path,
    index_dir: Path,
    *,
    vocabulary: Vocabulary | None = None,
    force: bool = False,
    console: Console | None = None,
) -> ImportResult:
    """Build the index of the statutes under `source` into `index_dir`."""
    if not source.is_dir():
        raise FileNotFoundError(f"法规目录不存在：{source}")
    if not statute_files(source):
        raise NoStatutes(
            f"no .md/.txt statute files under {source.resolve()}; the index was left unchanged"
        )
    # rich only here: `jingmin serve` imports this module with the `law` commands.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    vocabulary = vocabulary or Vocabulary.load()
    console = console or Console(stderr=True)
    started = time.perf_counter()
    stamp = fingerprint(source, vocabulary)
    if not force and _up_to_date(index_dir, stamp):
        manifest = read_manifest(index_dir)
        return ImportResult(index_dir, manifest["laws"], manifest["articles"], 0.0, True)

    files = statute_files(source)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=not console.is_terminal,
    ) as bar:
        reading = bar.add_task("读取法规文件", total=len(files))
        corpus = read_corpus(source, progress=lambda _: bar.advance(reading))
        if not corpus.articles:
            raise NoStatutes(
                f"no articles (第…条) in the .md/.txt files under {source.resolve()}; "
                "the index was left unchanged"
            )
        mark_repealed(corpus.laws, vocabulary.repealed)
        latest = sum(law.article_count for law in corpus.laws if is_indexed(law))
        segmenting = bar.add_task("分词并建立索引", total=latest)
        index = build_index(
            corpus, vocabulary, fingerprint=stamp, progress=lambda n: bar.advance(segmenting, n)
        )
    _replace(index_dir, lambda folder: _save(index, folder))
    return ImportResult(
        index_dir, len(corpus.laws), len(corpus.articles), time.perf_counter() - started, False
    )


def _save(index: LawIndex, folder: Path) -> None:
    """The index, and the FAQ's phrasings as a server reads them over it
    (`knowledge.faq_terms`): loaded as a start loads it, which saves them, so that the
    first start after an import is as quick as the ones after it."""
    index.save(folder)
    KnowledgeBase.load(folder)


def _up_to_date(index_dir: Path, stamp: str) -> bool:
    try:
        manifest = read_manifest(index_dir)
    except (FileNotFoundError, ValueError):
        return False
    return manifest.get("format") == FORMAT and manifest.get("fingerprint") == stamp


def _replace(target: Path, write: Callable[[Path], None]) -> None:
    """Write the new index beside `target`, then swap it in: a reader never sees half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        write(fresh)
        old = target.with_name(f".{target.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
