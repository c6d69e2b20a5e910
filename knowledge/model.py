"""The statute corpus as plain data: laws (one per version) and their articles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.numerals import to_chinese

_PREFIX = "中华人民共和国"
#: Folders of the corpus holding no statute: a lawyers' guide (劳动仲裁和劳动诉讼的攻略) and
#: a forensic standard (人体损伤程度鉴定标准), in sections rather than articles.
REFERENCE_FOLDERS = frozenset({"其他"})
# 修正案, 修改决定 and 废止决定 only rewrite other laws: ordinary questions never want them.
_AMENDMENT = re.compile(r"修正案([（(][^）)]*[）)])?$|关于(修改|废止).*的决定$")


def short_title(title: str) -> str:
    """`中华人民共和国刑法` -> `刑法`; also inside 《》 of judicial interpretations."""
    return re.sub(r"\s+", "", title.replace(_PREFIX, ""))


def title_key(title: str) -> str:
    """Normalised title used to group versions and to match a cited law name."""
    key = short_title(title).replace("、", "").replace("〈", "《").replace("〉", "》")
    return key.replace("<", "《").replace(">", "》")


def is_amendment_title(title: str) -> bool:
    return bool(_AMENDMENT.search(short_title(title)))


def article_label(number: int, sub: int = 0) -> str:
    """57, 1 -> `第五十七条之一`."""
    label = f"第{to_chinese(number)}条"
    return f"{label}之{to_chinese(sub)}" if sub else label


@dataclass(slots=True)
class Article:
    """One article (第X条) or, in documents without articles, one headed section.

    `number` is None for sections; `sub` is 1 for 之一, 2 for 之二.
    """

    law: int
    label: str
    text: str
    heading: str = ""
    number: int | None = None
    sub: int = 0


@dataclass(slots=True)
class Law:
    """One version of one law, possibly assembled from several files (民法典's 编)."""

    title: str
    version: str = ""
    category: str = ""
    sources: list[str] = field(default_factory=list)
    latest: bool = True
    #: The title of the law whose text says this one is repealed (`《…》同时废止`), or the
    #: decision that repealed it when that is not in the corpus (`repealed.toml`).
    repealed_by: str = ""
    #: The date of that decision, and the title of what replaced the law ("" if nothing).
    repealed_on: str = ""
    replaced_by: str = ""
    first_article: int = 0
    article_count: int = 0

    @property
    def short(self) -> str:
        return short_title(self.title)

    @property
    def key(self) -> str:
        return title_key(self.title)

    @property
    def amendment(self) -> bool:
        return is_amendment_title(self.title)

    @property
    def reference(self) -> bool:
        """A guide or standard filed beside the statutes, not a law: an answer says so
        rather than name it in 《》 like a statute."""
        return self.category.split("/")[0] in REFERENCE_FOLDERS

    def display(self) -> str:
        """《刑法》 — the name a chat user reads."""
        return f"《{self.short}》"
