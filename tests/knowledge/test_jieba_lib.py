"""jieba imported without pkg_resources, which scanned every installed package at start."""

from __future__ import annotations

import subprocess
import sys

from knowledge.jieba_lib import jieba


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_segmenter_leaves_pkg_resources_unimported() -> None:
    code = "import sys, knowledge.segment; print('pkg_resources' in sys.modules)"
    assert _run(code) == "False"


def test_other_code_still_imports_pkg_resources() -> None:
    code = "import knowledge.segment, pkg_resources; print(pkg_resources.__name__)"
    assert _run(code) == "pkg_resources"


def test_jieba_reads_its_own_dictionary_without_it() -> None:
    """An index saved before the dictionary (format 3) builds jieba's from the file jieba
    ships, which it then opens itself."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    assert list(tokenizer.cut("房东不退押金")) == ["房东", "不", "退", "押金"]
