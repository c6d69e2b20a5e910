"""Find laws by name: with or without 中华人民共和国, with or without 《》."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.model import Law, title_key

_MIN_MENTION = 3  # shorter names (刑法 aside) are too often parts of ordinary words


def name_key(name: str) -> str:
    """A user's spelling of a law name -> the key of `title_key`, without brackets."""
    return _plain(title_key(name.strip().strip("《》<>〈〉 ")))


def _plain(key: str) -> str:
    return key.replace("《", "").replace("》", "")


class TitleIndex:
    """Law names -> index of the newest version of that law."""

    def __init__(self, laws: Sequence[Law]) -> None:
        self._laws = laws
        self._latest: dict[str, int] = {}
        self._versions: dict[str, list[int]] = {}
        for i, law in enumerate(laws):
            key = _plain(law.key)
            self._versions.setdefault(key, []).append(i)
            if law.latest:
                self._latest[key] = i
        for key, indices in self._versions.items():
            indices.sort(key=lambda i: laws[i].version)
            self._latest.setdefault(key, indices[-1])
        self._longest = max((len(k) for k in self._latest), default=0)

    def resolve(self, name: str, version: str = "") -> int | None:
        """The law called `name` (latest version unless a version date is given)."""
        key = name_key(name)
        if not version:
            return self._latest.get(key)
        for i in self._versions.get(key, []):
            if self._laws[i].version == version:
                return i
        return None

    def versions(self, law: int) -> list[int]:
        """All versions of the same law, oldest first."""
        return list(self._versions.get(_plain(self._laws[law].key), [law]))

    def ending(self, text: str) -> tuple[int, int] | None:
        """The longest law name that `text` ends with, as (law, start offset in text)."""
        plain = _plain(title_key(text))
        for start in range(max(0, len(plain) - self._longest), len(plain) - 1):
            found = self._latest.get(plain[start:])
            if found is not None:
                return found, start
        return None

    def mentions(self, text: str) -> list[int]:
        """Laws named anywhere in `text`, longest names first, without overlaps."""
        plain = _plain(title_key(text))
        taken = [False] * len(plain)
        found: list[int] = []
        for length in range(min(self._longest, len(plain)), 1, -1):
            for start in range(len(plain) - length + 1):
                if any(taken[start : start + length]):
                    continue
                law = self._latest.get(plain[start : start + length])
                if law is None or (
                    length < _MIN_MENTION and plain[start : start + length] != "刑法"
                ):
                    continue
                taken[start : start + length] = [True] * length
                if law not in found:
                    found.append(law)
        return found
