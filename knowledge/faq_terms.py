"""The FAQ's phrasings as read, kept beside the law index so that a start need not read
them again.

`FaqIndex` cuts each of its 2,000-odd phrasings into words and legal terms when it is
built: a third of a second of CPU at every server start on a slow core. What a text is
read as depends only on the index (its vocabulary, dictionary and lexicon) and on the code
that reads it, so the terms of every text read are saved in the index folder, keyed by
both; a text the file lacks (a phrasing added to faq.toml) is read as before, and the file
is written again.

A file made for another index or other code is stale, and one that does not parse is
damaged: either is said in one log line and its texts are read again, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from knowledge import faq, numerals, segment, vocabulary
from knowledge.index import MANIFEST
from knowledge.jieba_lib import jieba

log = logging.getLogger(__name__)

FILE = "faq-terms.json"
#: The modules whose code decides how a phrasing is read.
_READERS = (faq, segment, numerals, vocabulary)


def terms_key(folder: Path) -> str | None:
    """What the terms saved in `folder` must have been read with: the index there (its
    manifest names the statutes, vocabulary and format) and the code that reads them;
    None when that code cannot be read (nothing is then kept)."""
    try:
        digest = hashlib.sha256((folder / MANIFEST).read_bytes())
        for module in _READERS:
            digest.update(Path(str(module.__file__)).read_bytes())
    except OSError:
        return None
    # jieba cuts the words its dictionary lacks with a model of its own.
    digest.update(str(getattr(jieba, "__version__", "")).encode())
    return digest.hexdigest()


def load_terms(folder: Path, key: str | None) -> dict[str, list[str]]:
    """The saved terms of each text, or none when the file is absent, stale or damaged
    (said in one line naming it; the texts are then read again)."""
    path = folder / FILE
    if key is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_bytes())
        terms = data["terms"]
        if not isinstance(terms, dict) or not all(
            isinstance(t, list) and all(isinstance(w, str) for w in t) for t in terms.values()
        ):
            raise ValueError("not a list of terms for each text")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s is damaged (%s): the FAQ's phrasings are read again", path, exc)
        return {}
    if data.get("key") != key:
        log.info("%s was made for another index or version: the FAQ is read again", path)
        return {}
    return terms


def save_terms(folder: Path, key: str | None, terms: Mapping[str, Sequence[str]]) -> None:
    """Keep `terms` for the next start; a folder the server may not write to is said
    once and the start goes on (it reads the FAQ again next time)."""
    if key is None:
        return
    path = folder / FILE
    text = json.dumps({"key": key, "terms": terms}, ensure_ascii=False, separators=(",", ":"))
    try:
        # Beside it, then renamed over it: another worker starting reads all or nothing.
        handle, temporary = tempfile.mkstemp(prefix=f".{FILE}-", dir=folder)
    except OSError as exc:
        _not_saved(path, exc)
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        _not_saved(path, exc)
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _not_saved(path: Path, exc: OSError) -> None:
    log.warning(
        "cannot save the FAQ's phrasings as read to %s (%s): each start reads them again "
        "until the server may write there",
        path,
        exc,
    )
