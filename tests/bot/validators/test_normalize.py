from __future__ import annotations

import time

import pytest

from bot.validators.errors import Invalid
from bot.validators.normalize import TOO_LONG, fold, squeeze


def test_fold() -> None:
    assert fold("  Ａ１ 　b\u200b２  ") == "A1 b2"
    assert fold("１２：３０") == "12:30"
    assert fold("") == ""


def test_squeeze() -> None:
    assert squeeze(" 1 2\t3\n４ ") == "1234"


def test_too_long_is_refused_without_reading() -> None:
    huge = "１" * 50_000_000
    started = time.perf_counter()
    with pytest.raises(Invalid) as caught:
        fold(huge)
    assert time.perf_counter() - started < 0.05
    assert caught.value.reason == TOO_LONG


def test_nfkc_expansion_is_guarded_too() -> None:
    # U+FDFA folds to 18 characters.
    with pytest.raises(Invalid):
        fold("\ufdfa" * 20, limit=200)
    assert fold("x" * 200) == "x" * 200
