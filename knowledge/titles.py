"""Find laws by name: with or without 中华人民共和国, with or without 《》, and by the
everyday names of `aliases.toml` (治安法, and 婚姻法 for the 民法典 part that replaced it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from knowledge.model import Law, title_key

_MIN_MENTION = 3  # shorter names (刑法 aside) are too often parts of ordinary words


def name_key(name: str) -> str:
    """A user's spelling of a law name -> the key of `title_key`, without brackets."""
    return _plain(title_key(name.strip().strip("《》<>〈〉 ")))


def _plain(key: str) -> str:
    return key.replace("《", "").replace("》", "")


@dataclass(frozen=True, slots=True)
class Mention:
    """A law named in a text: its newest version, the name as found (normalised by
    `name_key`) and, for a repealed law's name, the part of `law` that replaced it."""

    law: int
    name: str
    part: str = ""


class TitleIndex:
    """Law names -> index of the newest version of that law.

    Args:
        laws: every law version of the corpus.
        aliases: short name -> title of a law in force; resolves like the title itself.
        replaced: repealed law's name -> (law that replaced it, part or ""); found by
            `mentions` only, since its article numbers are not the new law's.
    """

    def __init__(
        self,
        laws: Sequence[Law],
        aliases: Mapping[str, str] | None = None,
        replaced: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
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
        # A real title always wins over an alias of the same spelling.
        for alias, title in (aliases or {}).items():
            key, target = name_key(alias), name_key(title)
            if key and target in self._latest and key not in self._latest:
                self._latest[key] = self._latest[target]
                self._versions[key] = self._versions[target]
        self._replaced: dict[str, tuple[int, str]] = {}
        for name, (title, *part) in (replaced or {}).items():
            key, target = name_key(name), name_key(title)
            if key and target in self._latest and key not in self._latest:
                self._replaced[key] = (self._latest[target], part[0] if part else "")
        names = (*self._latest, *self._replaced)
        self._longest = max((len(k) for k in names), default=0)
        self._heads = {k[:2] for k in names}  # a name can only start where these do

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
        return list(dict.fromkeys(m.law for m in self.named(text)))

    def named(self, text: str) -> list[Mention]:
        """Every law name in `text`, longest first, without overlaps."""
        plain = _plain(title_key(text))
        candidates: list[tuple[int, int, str]] = []  # (-length, start, name)
        for start in range(len(plain) - 1):
            if plain[start : start + 2] not in self._heads:
                continue
            for length in range(min(self._longest, len(plain) - start), 1, -1):
                name = plain[start : start + length]
                if (name in self._latest or name in self._replaced) and (
                    length >= _MIN_MENTION or name == "刑法"
                ):
                    candidates.append((-length, start, name))
        taken = [False] * len(plain)
        found: list[Mention] = []
        for negative, start, name in sorted(candidates):
            if any(taken[start : start - negative]):
                continue
            taken[start : start - negative] = [True] * -negative
            law = self._latest.get(name)
            law, part = (law, "") if law is not None else self._replaced[name]
            found.append(Mention(law, name, part))
        return found

    def without_names(self, text: str) -> str:
        """`text` (normalised like a title) with every law name in it removed."""
        plain = _plain(title_key(text))
        for mention in self.named(text):
            plain = plain.replace(mention.name, " ")
        return plain
