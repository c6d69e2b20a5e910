"""Misspellings corrected before a question is read, the station's own among them."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.paths import VOCABULARY_ENV
from knowledge.typos import load_typos


def test_a_mistyped_deposit_question_reads_as_meant() -> None:
    assert load_typos().corrected("房冬扣我押经不给") == "房东扣我押金不给"


@pytest.mark.parametrize("said", ["房东扣我押金不给", "冬天房东不开暖气", "经理不给工资"])
def test_a_question_typed_right_is_left_as_it_is(said: str) -> None:
    assert load_typos().corrected(said) == said


def station(folder: Path, pairs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "typos.toml").write_text(f"[typos]\n{pairs}\n", "utf-8")
    return folder


def test_a_station_adds_its_own_misspellings(tmp_path: Path) -> None:
    """A station's typos.toml, beside its vocabulary.toml, is merged into the packaged
    pairs: 派出锁 (a local slip) is corrected, and so is 房冬 still."""
    typos = load_typos(station(tmp_path, '"派出锁" = "派出所"'))
    assert typos.corrected("房冬不退钱派出锁管吗") == "房东不退钱派出所管吗"
    assert load_typos().corrected("派出锁管吗") == "派出锁管吗"  # not for other stations


def test_a_later_folder_s_pair_replaces_an_earlier_one(tmp_path: Path) -> None:
    first = station(tmp_path / "a", '"押今" = "押金"')
    second = station(tmp_path / "b", '"押今" = "押金条"')
    assert load_typos(first, second).corrected("押今") == "押金条"


def test_a_malformed_pair_names_its_file(tmp_path: Path) -> None:
    folder = station(tmp_path, '"派出锁" = ["派出所"]')
    with pytest.raises(ValueError, match=r"typos\.toml.*派出锁"):
        load_typos(folder)


def test_the_server_reads_the_station_s_typos_at_start(
    index_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder named by JINGMIN_LAW_VOCABULARY, as for the vocabulary and the FAQ."""
    monkeypatch.setenv(VOCABULARY_ENV, str(station(tmp_path, '"派出锁" = "派出所"')))
    kb = KnowledgeBase.load(index_path)
    assert kb.typos.corrected("派出锁在哪") == "派出所在哪"
