from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.console import Console

from knowledge.base import KnowledgeBase
from knowledge.faq_terms import FILE
from knowledge.importer import fingerprint, import_laws
from knowledge.index import read_manifest
from knowledge.vocabulary import Vocabulary

TEXT = "# 示例治安办法\n\n2020年1月1日 发布\n\n<!-- INFO END -->\n\n第一条 示例场所应当登记来客。\n\n第二条 违反第一条的，处警告。\n"


def quiet() -> Console:
    return Console(quiet=True)


def test_import_is_idempotent(tmp_path: Path) -> None:
    source = tmp_path / "laws"
    source.mkdir()
    (source / "示例治安办法(2020-01-01).md").write_text(TEXT, "utf-8")
    target = tmp_path / "index"
    first = import_laws(source, target, console=quiet())
    assert not first.skipped and first.laws == 1 and first.articles == 2
    stamp = read_manifest(target)["fingerprint"]

    again = import_laws(source, target, console=quiet())
    assert again.skipped and read_manifest(target)["fingerprint"] == stamp

    forced = import_laws(source, target, force=True, console=quiet())
    assert not forced.skipped and read_manifest(target)["fingerprint"] == stamp
    assert not list(tmp_path.glob(".index-*"))  # no temporary folders left behind

    (source / "示例治安办法(2020-01-01).md").write_text(TEXT + "\n第三条 新增。\n", "utf-8")
    changed = import_laws(source, target, console=quiet())
    assert not changed.skipped and changed.articles == 3


def test_the_first_start_after_an_import_reads_no_faq_phrasing(tmp_path: Path) -> None:
    source = tmp_path / "laws"
    source.mkdir()
    (source / "示例治安办法(2020-01-01).md").write_text(TEXT, "utf-8")
    target = tmp_path / "index"
    import_laws(source, target, console=quiet())
    assert (target / FILE).is_file()
    assert KnowledgeBase.load(target, faq_dirs=[]).faq.fresh == 0
    assert not list(tmp_path.glob(".index-*"))


def test_fingerprint_covers_vocabulary(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, "utf-8")
    vocab = Vocabulary.load()
    before = fingerprint(tmp_path, vocab)
    vocab.terms.append("新术语")
    assert fingerprint(tmp_path, vocab) != before


def test_missing_source(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        import_laws(tmp_path / "nowhere", tmp_path / "index", console=quiet())


def test_failed_build_keeps_old_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "laws"
    source.mkdir()
    (source / "a.md").write_text(TEXT, "utf-8")
    target = tmp_path / "index"
    import_laws(source, target, console=quiet())
    (source / "b.md").write_text(TEXT.replace("示例治安办法", "另一办法"), "utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("knowledge.index.LawIndex.save", broken)
    with pytest.raises(RuntimeError):
        import_laws(source, target, console=quiet())
    assert read_manifest(target)["laws"] == 1
    shutil.rmtree(target)
