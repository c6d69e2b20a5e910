"""The word lists behind segmentation: legal terms, stop words, colloquial synonyms and
the everyday names of laws.

They are TOML data files under `knowledge/data/`; a station extends them by putting files
of the same names in its own folder (`JINGMIN_LAW_VOCABULARY` or `--vocabulary`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

TERMS = "terms.toml"
STOPWORDS = "stopwords.toml"
COLLOQUIAL = "vocabulary.toml"
ALIASES = "aliases.toml"
REPEALED = "repealed.toml"
DATA_DIR = Path(__file__).parent / "data"
#: Everyday words for a spouse. They say whom a matter is between, not what it is, and each
#: brings two or three legal terms (老公: 配偶, 丈夫, 夫妻): counted as that many words, the
#: spouse outweighed what was asked. 老公在外面赌博被抓了会怎么样 had got the answer on
#: adultery and 老公吸毒怎么办 the one on a spouse's debts, with divorce articles first.
SPOUSES = frozenset({"老公", "老婆", "媳妇", "爱人", "两口子", "丈夫", "妻子"})


@dataclass(slots=True)
class Vocabulary:
    terms: list[str] = field(default_factory=list)
    stopwords: set[str] = field(default_factory=set)
    # everyday word -> legal terms searched for with it
    colloquial: dict[str, list[str]] = field(default_factory=dict)
    # short name -> title of a law in force (治安法 -> 治安管理处罚法)
    aliases: dict[str, str] = field(default_factory=dict)
    # name of a repealed law -> [law that replaced it, optionally its part] (婚姻法 -> 民法典)
    replaced: dict[str, list[str]] = field(default_factory=dict)
    # title of an instrument a decision outside the corpus repealed -> {"on": YYYY-MM-DD,
    # "by": the decision, "replaced_by": what took its place or ""}; see revisions.py
    repealed: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, *extra_dirs: Path) -> Vocabulary:
        """The packaged lists, then each folder's files of the same names merged in."""
        vocab = cls()
        for folder in (DATA_DIR, *extra_dirs):
            vocab.merge(*(_read_file(folder / name) for name in (TERMS, STOPWORDS, COLLOQUIAL)))
            vocab.merge_aliases(_read_file(folder / ALIASES))
            vocab.merge_repealed(_read_file(folder / REPEALED), folder / REPEALED)
        return vocab

    def merge(
        self, terms: dict[str, Any], stopwords: dict[str, Any], colloquial: dict[str, Any]
    ) -> None:
        self.terms.extend(t for t in _strings(terms.get("terms", [])) if t not in self.terms)
        self.stopwords.update(_strings(stopwords.get("words", [])))
        for word, legal in dict(colloquial.get("colloquial", {})).items():
            merged = self.colloquial.setdefault(str(word), [])
            merged.extend(t for t in _strings(legal) if t not in merged)

    def merge_aliases(self, data: dict[str, Any]) -> None:
        """A later file's entry for the same name replaces the earlier one."""
        for name, title in dict(data.get("aliases", {})).items():
            self.aliases[str(name).strip()] = str(title).strip()
        for name, target in dict(data.get("replaced", {})).items():
            parts = _strings(target)
            if not 1 <= len(parts) <= 2:
                raise ValueError(f"replaced law {name!r}: expected [law] or [law, part]")
            self.replaced[str(name).strip()] = parts

    def merge_repealed(self, data: dict[str, Any], path: Path | None = None) -> None:
        """A later file's entry for the same title replaces the earlier one."""
        for title, raw in dict(data.get("repealed", {})).items():
            if not isinstance(raw, dict) or not raw.get("on") or not raw.get("by"):
                raise ValueError(f'{path}: repealed {title!r} needs on = "YYYY-MM-DD" and by = "…"')
            try:
                date.fromisoformat(str(raw["on"]))
            except ValueError:
                raise ValueError(
                    f"{path}: repealed {title!r}: {raw['on']!r} is not a date YYYY-MM-DD"
                ) from None
            self.repealed[str(title).strip()] = {
                "on": str(raw["on"]),
                "by": str(raw["by"]).strip(),
                "replaced_by": str(raw.get("replaced_by", "")).strip(),
            }

    def user_words(self) -> list[str]:
        """Every multi-character word jieba must keep whole: terms, keys and their terms."""
        words = dict.fromkeys(self.terms)
        for word, legal in self.colloquial.items():
            words.update(dict.fromkeys([word, *legal]))
        words.update(dict.fromkeys(self.aliases))
        words.update(dict.fromkeys(self.replaced))
        return [w for w in words if len(w) > 1]

    def to_json(self) -> dict[str, Any]:
        return {
            "terms": self.terms,
            "stopwords": sorted(self.stopwords),
            "colloquial": self.colloquial,
            "aliases": self.aliases,
            "replaced": self.replaced,
            "repealed": self.repealed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Vocabulary:
        return cls(
            terms=list(_strings(data.get("terms", []))),
            stopwords=set(_strings(data.get("stopwords", []))),
            colloquial={str(k): list(_strings(v)) for k, v in data.get("colloquial", {}).items()},
            aliases={str(k): str(v) for k, v in data.get("aliases", {}).items()},
            replaced={str(k): list(_strings(v)) for k, v in data.get("replaced", {}).items()},
            repealed={
                str(k): {str(f): str(x) for f, x in v.items()}
                for k, v in data.get("repealed", {}).items()
            },
        )


def _read_file(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}


def _strings(values: Any) -> list[str]:
    if not isinstance(values, list):
        raise ValueError(f"expected a list of words, got {values!r}")
    return [str(v).strip() for v in values if str(v).strip()]
