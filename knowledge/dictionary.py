"""The segmenter's finished jieba dictionary, saved with the index.

jieba builds its prefix dictionary (about 500,000 words and prefixes with their counts) at
every start, from its marshal cache, and then the legal terms and law titles are added one
by one. On a slow core that was 1.8 s of CPU, two thirds of loading the index, and most of
it is `marshal.load`. The import saves the dictionary as it is once those words are in:
the words as lines of text and their counts as one array, which load in a fifth of the
time and need nothing added. A server therefore segments exactly as the import did.

Layout in the index folder::

    dictionary.txt  one word (or word prefix) per line
    dictionary.npy  int64: the count of each line's word, then jieba's total
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

WORDS, COUNTS = "dictionary.txt", "dictionary.npy"


@dataclass(frozen=True, slots=True)
class Dictionary:
    """jieba's `Tokenizer.FREQ` (word or prefix -> count, 0 for a bare prefix) and `total`.

    `total` is not the sum of the counts: jieba adds a re-added word's count again.
    """

    freq: dict[str, int]
    total: int


def save_dictionary(dictionary: Dictionary, folder: Path) -> None:
    words = list(dictionary.freq)
    if any("\n" in word for word in words):
        raise ValueError("a dictionary word holds a line break")
    (folder / WORDS).write_text("\n".join(words), "utf-8")
    counts = np.fromiter(dictionary.freq.values(), dtype=np.int64, count=len(words))
    np.save(folder / COUNTS, np.append(counts, dictionary.total), allow_pickle=False)


def load_dictionary(folder: Path) -> Dictionary | None:
    """The saved dictionary, or None if the index predates it (jieba's is built instead).

    Raises ValueError naming the file when the pair is incomplete or a file does not read
    (a folder copied in part, a disk that filled up): the server then says which file and
    to import again, rather than stopping on numpy's EOFError or answering with a
    dictionary other than the import's without a word."""
    words_file, counts_file = folder / WORDS, folder / COUNTS
    present = {path: path.is_file() for path in (words_file, counts_file)}
    if not any(present.values()):
        return None
    for path, there in present.items():
        if not there:
            raise ValueError(f"{path} is missing (its pair is there)")
    try:
        text = words_file.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{words_file} does not read as UTF-8 ({exc})") from None
    try:
        counts = np.load(counts_file, allow_pickle=False)
    except (EOFError, ValueError) as exc:  # empty, cut short, or not an array file
        raise ValueError(f"{counts_file} does not read as an array ({exc})") from None
    words = text.split("\n") if text else []
    if len(counts) != len(words) + 1:
        raise ValueError(f"{counts_file}: {len(counts) - 1} counts for {len(words)} words")
    return Dictionary(dict(zip(words, counts[:-1].tolist(), strict=True)), int(counts[-1]))
