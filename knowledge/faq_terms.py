"""The FAQ's phrasings as read, kept beside the law index so that a start need not read
them again.

`FaqIndex` cuts each of its 2,000-odd phrasings into words and legal terms when it is
built: a third of a second of CPU at every server start on a slow core. What a text is
read as depends only on the index (its vocabulary, dictionary and lexicon) and on the code
that reads it, so the terms of every text read are saved in the index folder, keyed by
both; a text the file lacks (a phrasing added to faq.toml) is read as before, and the file
is written again.

A file made for another index or other code is stale, and one that does not parse is
damaged: either is said in one log line and its texts are read again, never trusted. The
line says which it was (the index rebuilt, the server upgraded), and phrasings new in a
faq.toml are said too when they are saved, so that a station's IT staff can tell why a
start read the FAQ again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge import faq, numerals, segment, vocabulary
from knowledge.index import MANIFEST
from knowledge.jieba_lib import jieba

log = logging.getLogger(__name__)

FILE = "faq-terms.json"
#: The modules whose code decides how a phrasing is read.
_READERS = (faq, segment, numerals, vocabulary)


@dataclass(frozen=True)
class TermsKey:
    """What saved terms must have been read with, whole and in its two parts, so that a
    file for other ones can say which changed."""

    #: Of both: what the file is checked against (as files before the parts were kept).
    whole: str
    #: Of the index's manifest (it names the statutes, vocabulary and format).
    index: str
    #: Of the code that reads a text, and jieba's version.
    code: str


def terms_key(folder: Path) -> TermsKey | None:
    """What the terms saved in `folder` must have been read with: the index there and the
    code that reads them; None when either cannot be read (nothing is then kept)."""
    try:
        manifest = (folder / MANIFEST).read_bytes()
        modules = [Path(str(module.__file__)).read_bytes() for module in _READERS]
    except OSError:
        return None
    # jieba cuts the words its dictionary lacks with a model of its own.
    version = str(getattr(jieba, "__version__", "")).encode()
    code = hashlib.sha256()
    for part in (*modules, version):
        code.update(part)
    whole = hashlib.sha256(manifest)
    for part in (*modules, version):
        whole.update(part)
    return TermsKey(whole.hexdigest(), hashlib.sha256(manifest).hexdigest(), code.hexdigest())


def _what_changed(data: Mapping[str, object], key: TermsKey) -> str:
    """Why a file whose key is not `key` is stale, as IT staff would put it."""
    index, code = data.get("index"), data.get("code")
    if not isinstance(index, str) or not isinstance(code, str):
        return (
            "was saved by an earlier version of the server, for this law index or another "
            "(it does not say which)"
        )
    if index != key.index and code != key.code:
        return "was saved before the law index was rebuilt and before the server was upgraded"
    if index != key.index:
        return (
            "was saved for another law index: the index in this folder was rebuilt or "
            "replaced since (jingmin law import)"
        )
    return (
        "was saved by another version of the server: its code that reads the FAQ, or "
        "jieba, changed since (an upgrade)"
    )


def load_terms(folder: Path, key: TermsKey | None) -> dict[str, list[str]]:
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
    if data.get("key") != key.whole:
        log.info(
            "%s %s: the FAQ's phrasings are read again (about a second) and saved for the "
            "next start",
            path,
            _what_changed(data, key),
        )
        return {}
    return terms


def save_terms(folder: Path, key: TermsKey | None, terms: Mapping[str, Sequence[str]]) -> None:
    """Keep `terms` for the next start; a folder the server may not write to is said
    once and the start goes on (it reads the FAQ again next time)."""
    if key is None:
        return
    path = folder / FILE
    _say_new_phrasings(path, key, terms)
    saved = {"key": key.whole, "index": key.index, "code": key.code, "terms": terms}
    text = json.dumps(saved, ensure_ascii=False, separators=(",", ":"))
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


def _say_new_phrasings(path: Path, key: TermsKey, terms: Mapping[str, Sequence[str]]) -> None:
    """Where the file was good for this index and code, what is saved anew can only be
    phrasings it lacked: a faq.toml changed. Said, as a stale file is, since that start read
    them (read again here only when saving, which a start without changes does not do)."""
    try:
        data = json.loads(path.read_bytes())
        known = data["terms"] if data["key"] == key.whole else None
    except (OSError, ValueError, KeyError, TypeError):
        return
    if not isinstance(known, dict):
        return
    new = sum(1 for text in terms if text not in known)
    if new:
        log.info(
            "%s lacked %d of the FAQ's phrasings (a faq.toml changed since the last start): "
            "they were read and are saved for the next start",
            path,
            new,
        )


def _not_saved(path: Path, exc: OSError) -> None:
    log.warning(
        "cannot save the FAQ's phrasings as read to %s (%s): each start reads them again "
        "until the server may write there",
        path,
        exc,
    )
