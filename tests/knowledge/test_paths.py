from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import paths


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.LAWS_ENV, raising=False)
    monkeypatch.delenv(paths.INDEX_ENV, raising=False)
    assert paths.laws_dir() == paths.repo_root().parent / "shared" / "laws"
    assert paths.index_dir() == Path("var/law-index")


def test_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.LAWS_ENV, str(tmp_path / "laws"))
    monkeypatch.setenv(paths.INDEX_ENV, str(tmp_path / "idx"))
    monkeypatch.setenv(paths.VOCABULARY_ENV, f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert paths.laws_dir() == tmp_path / "laws"
    assert paths.index_dir() == tmp_path / "idx"
    assert paths.index_dir(Path("other")) == Path("other")
    assert paths.vocabulary_dirs() == [tmp_path / "a", tmp_path / "b"]
