"""The FAQ's phrasings as read, kept beside the index for the next start."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.faq import FAQ_FILE
from knowledge.faq_terms import FILE, terms_key
from knowledge.index import MANIFEST

QUESTIONS = (
    "房东不退押金怎么办",
    "被人骗了两万块",
    "邻居家天天半夜吵架",
    "外国客人住店要报告派出所吗",
)


def _answers(kb: KnowledgeBase) -> list[tuple[str, float] | None]:
    found = [kb.faq.match(q) for q in QUESTIONS]
    return [(m.entry.id, m.similarity) if m else None for m in found]


def _unread_copy(index_path: Path, folder: Path) -> Path:
    """A copy of the test index that no start has read the FAQ into yet."""
    shutil.copytree(index_path, folder)
    (folder / FILE).unlink(missing_ok=True)
    return folder


@pytest.fixture(scope="module")
def started(
    index_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, KnowledgeBase]:
    """A copy of the test index and the first start on it, which read every phrasing and
    saved them: once for the module (reading them is what takes the time); each test reads
    the start and works on a copy of the folder it left."""
    folder = _unread_copy(index_path, tmp_path_factory.mktemp("started") / "law-index")
    return folder, KnowledgeBase.load(folder, faq_dirs=[])


@pytest.fixture
def first(started: tuple[Path, KnowledgeBase]) -> KnowledgeBase:
    return started[1]


@pytest.fixture
def index(started: tuple[Path, KnowledgeBase], tmp_path: Path) -> Path:
    """A copy of the index as the first start left it."""
    folder = tmp_path / "law-index"
    shutil.copytree(started[0], folder)
    return folder


@pytest.fixture
def unread(index_path: Path, tmp_path: Path) -> Path:
    return _unread_copy(index_path, tmp_path / "law-index")


def test_the_next_start_reads_no_phrasing_and_answers_alike(
    index: Path, first: KnowledgeBase
) -> None:
    assert first.faq.fresh > 1000 and (index / FILE).is_file()
    again = KnowledgeBase.load(index, faq_dirs=[])
    assert again.faq.fresh == 0
    assert _answers(again) == _answers(first)
    assert any(_answers(again))


def _said(caplog: pytest.LogCaptureFixture, path: Path) -> list[str]:
    return [r.getMessage() for r in caplog.records if str(path) in r.getMessage()]


def test_a_phrasing_added_is_the_only_one_read(
    index: Path, first: KnowledgeBase, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    station = tmp_path / "station"
    station.mkdir()
    (station / FAQ_FILE).write_text(
        '[[faq]]\nid = "own"\nquestions = ["派出所几点下班"]\nanswer = "下午五点半。"\n', "utf-8"
    )
    with caplog.at_level(logging.INFO, logger="knowledge.faq_terms"):
        with_own = KnowledgeBase.load(index, faq_dirs=[station])
    assert with_own.faq.fresh == 1
    # Said as what changed: a faq.toml, not the index nor the server.
    [said] = _said(caplog, index / FILE)
    assert "lacked 1 of the FAQ's phrasings (a faq.toml changed" in said
    found = with_own.faq.match("派出所几点下班")
    assert found is not None and found.entry.id == "own"
    assert KnowledgeBase.load(index, faq_dirs=[station]).faq.fresh == 0


def test_a_file_for_another_index_is_said_and_read_again(
    index: Path, first: KnowledgeBase, caplog: pytest.LogCaptureFixture
) -> None:
    saved = json.loads((index / FILE).read_text("utf-8"))
    # Words read with another dictionary: trusted, they would change the answers.
    wrong = {text: ["押金"] for text in saved["terms"]}
    (index / FILE).write_text(json.dumps({"key": "another", "terms": wrong}), "utf-8")
    with caplog.at_level(logging.INFO, logger="knowledge.faq_terms"):
        again = KnowledgeBase.load(index, faq_dirs=[])
    # A file of before the parts were kept cannot tell which changed, and says so.
    [said] = _said(caplog, index / FILE)
    assert "saved by an earlier version of the server" in said and "read again" in said
    assert again.faq.fresh == first.faq.fresh
    assert _answers(again) == _answers(first)
    assert json.loads((index / FILE).read_text("utf-8")) == saved


def test_a_rebuilt_index_is_named_as_what_changed(
    index: Path, first: KnowledgeBase, caplog: pytest.LogCaptureFixture
) -> None:
    """It had said 「made for another index or version」 whatever had changed."""
    manifest = index / MANIFEST
    manifest.write_bytes(manifest.read_bytes() + b"\n")  # as a new import writes it anew
    with caplog.at_level(logging.INFO, logger="knowledge.faq_terms"):
        again = KnowledgeBase.load(index, faq_dirs=[])
    [said] = _said(caplog, index / FILE)
    assert "saved for another law index" in said and "upgraded" not in said
    assert again.faq.fresh == first.faq.fresh
    assert KnowledgeBase.load(index, faq_dirs=[]).faq.fresh == 0  # saved for this one


def test_an_upgraded_server_is_named_as_what_changed(
    index: Path, first: KnowledgeBase, caplog: pytest.LogCaptureFixture
) -> None:
    key = terms_key(index)
    assert key is not None
    saved = json.loads((index / FILE).read_text("utf-8"))
    # What an earlier version of the reading code saved for this same index.
    older = {**saved, "key": "older", "code": "older"}
    (index / FILE).write_text(json.dumps(older), "utf-8")
    with caplog.at_level(logging.INFO, logger="knowledge.faq_terms"):
        KnowledgeBase.load(index, faq_dirs=[])
    [said] = _said(caplog, index / FILE)
    assert "saved by another version of the server" in said and "law index" not in said
    assert saved["index"] == key.index and saved["key"] == key.whole


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b'{"key": "'),  # cut short
        lambda path: path.write_bytes(b"\xff\xfe not json"),
        lambda path: path.write_text('{"key": "k", "terms": {"a": [1, 2]}}', "utf-8"),
        lambda path: path.write_text('{"key": "k", "terms": ["a"]}', "utf-8"),
        lambda path: path.write_text("[]", "utf-8"),
    ],
    ids=["cut short", "not text", "not words", "not a mapping", "no key"],
)
def test_a_damaged_file_is_named_and_read_again(
    index: Path,
    first: KnowledgeBase,
    damage: Callable[[Path], object],
    caplog: pytest.LogCaptureFixture,
) -> None:
    damage(index / FILE)
    with caplog.at_level(logging.INFO, logger="knowledge.faq_terms"):
        again = KnowledgeBase.load(index, faq_dirs=[])
    said = [r for r in caplog.records if str(index / FILE) in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.WARNING
    assert "damaged" in said[0].getMessage()
    assert _answers(again) == _answers(first)
    assert KnowledgeBase.load(index, faq_dirs=[]).faq.fresh == 0  # written again


def test_a_folder_it_cannot_write_to_is_said_and_the_start_goes_on(
    unread: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    index = unread

    def refused(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with caplog.at_level(logging.INFO, logger="knowledge.faq_terms"):
        kb = KnowledgeBase.load(index, faq_dirs=[])
    assert any(_answers(kb))
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "cannot save" in said[0] and str(index / FILE) in said[0]
    assert not (index / FILE).exists()
