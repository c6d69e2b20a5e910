from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.vocabulary import Vocabulary


def test_packaged_lists() -> None:
    vocab = Vocabulary.load()
    assert "配偶" in vocab.colloquial["老公"]
    assert "出租人" in vocab.colloquial["房东"]
    assert "承租人" in vocab.colloquial["租客"]
    assert "盗窃" in vocab.colloquial["偷"]
    assert "诈骗" in vocab.colloquial["骗"]
    assert {"殴打", "故意伤害"} <= set(vocab.colloquial["打人"])
    assert "借款" in vocab.colloquial["欠钱"]
    assert "押金" in vocab.terms
    assert "的" in vocab.stopwords and "怎么办" in vocab.stopwords


def test_station_extension_merges(tmp_path: Path) -> None:
    (tmp_path / "vocabulary.toml").write_text(
        '[colloquial]\n"房东" = ["房屋出租人"]\n"群租" = ["出租房屋", "治安管理"]\n', "utf-8"
    )
    (tmp_path / "terms.toml").write_text('terms = ["群租房"]\n', "utf-8")
    (tmp_path / "stopwords.toml").write_text('words = ["麻烦问下"]\n', "utf-8")
    vocab = Vocabulary.load(tmp_path)
    assert vocab.colloquial["房东"][:2] == ["出租人", "租赁"]  # packaged terms kept first
    assert "房屋出租人" in vocab.colloquial["房东"]
    assert vocab.colloquial["群租"] == ["出租房屋", "治安管理"]
    assert "群租房" in vocab.terms and "麻烦问下" in vocab.stopwords


def test_json_round_trip() -> None:
    vocab = Vocabulary.load()
    again = Vocabulary.from_json(vocab.to_json())
    assert again.terms == vocab.terms
    assert again.stopwords == vocab.stopwords
    assert again.colloquial == vocab.colloquial


def test_user_words_are_multi_character() -> None:
    words = Vocabulary.load().user_words()
    assert "出租人" in words and "偷" not in words


def test_law_aliases(tmp_path: Path) -> None:
    vocab = Vocabulary.load()
    assert vocab.aliases["治安法"] == "治安管理处罚法"
    assert vocab.replaced["婚姻法"] == ["民法典", "婚姻家庭编"]
    assert "治安法" in vocab.user_words()
    (tmp_path / "aliases.toml").write_text(
        '[aliases]\n"治安法" = "治安管理处罚法实施条例"\n"群租条例" = "出租房屋管理条例"\n', "utf-8"
    )
    station = Vocabulary.load(tmp_path)
    assert station.aliases["治安法"] == "治安管理处罚法实施条例"  # the station's word wins
    assert station.aliases["群租条例"] == "出租房屋管理条例"
    again = Vocabulary.from_json(station.to_json())
    assert again.aliases == station.aliases and again.replaced == station.replaced


def test_replaced_needs_a_law(tmp_path: Path) -> None:
    (tmp_path / "aliases.toml").write_text('[replaced]\n"旧法" = []\n', "utf-8")
    with pytest.raises(ValueError):
        Vocabulary.load(tmp_path)
