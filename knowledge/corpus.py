"""Read a folder of statute files into one corpus of law versions and articles.

Files sharing a title and a version date are either parts of one law (民法典's 编, told
apart by their subtitles) or the same law filed under two categories (kept once).
Different dates of one title are versions; all are kept and the newest is `latest`.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.model import Article, Law, title_key
from knowledge.parser import ParsedFile, parse_statute

log = logging.getLogger(__name__)

SUFFIXES = (".md", ".txt")


@dataclass(slots=True)
class Corpus:
    laws: list[Law] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def law_articles(self, law: int) -> list[Article]:
        info = self.laws[law]
        return self.articles[info.first_article : info.first_article + info.article_count]


def statute_files(root: Path) -> list[Path]:
    """Statute files under `root`, sorted; `_index.md` and other `_` files are not statutes."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(("_", "."))
    )


def read_corpus(root: Path, progress: Callable[[Path], None] | None = None) -> Corpus:
    """Parse every statute file under `root` (calling `progress` after each file)."""
    parsed: list[tuple[Path, ParsedFile]] = []
    for path in statute_files(root):
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        parsed.append((path, parse_statute(text, path.stem)))
        if progress:
            progress(path)
    return build_corpus((p.relative_to(root).as_posix(), f) for p, f in parsed)


def build_corpus(files: Iterable[tuple[str, ParsedFile]]) -> Corpus:
    """Group parsed files into law versions, in a deterministic order."""
    groups: dict[tuple[str, str], list[tuple[str, ParsedFile]]] = defaultdict(list)
    for source, parsed in files:
        groups[(title_key(parsed.title), parsed.version)].append((source, parsed))

    corpus = Corpus()
    by_key: dict[str, list[int]] = defaultdict(list)
    for (key, version), members in sorted(groups.items()):
        parts = _distinct_parts(members)
        first = parts[0][1]
        category = parts[0][0].rpartition("/")[0]
        law = Law(
            title=first.title,
            version=version,
            category=category,
            sources=[source for source, _ in parts],
            first_article=len(corpus.articles),
        )
        index = len(corpus.laws)
        for _, parsed in parts:
            for block in parsed.blocks:
                corpus.articles.append(
                    Article(
                        law=index,
                        label=block.label,
                        text=block.text,
                        heading=block.heading,
                        number=block.number,
                        sub=block.sub,
                    )
                )
        law.article_count = len(corpus.articles) - law.first_article
        corpus.laws.append(law)
        by_key[key].append(index)

    for indices in by_key.values():
        newest = max(indices, key=lambda i: corpus.laws[i].version)
        for i in indices:
            corpus.laws[i].latest = i == newest
    _mark_repealed(corpus, by_key)
    return corpus


#: `《A》同时废止`, `《A》、《B》和《C》同时废止`: a list of titles and nothing else before 同时废止
#: (not `《A》中关于…的规定同时废止`, which repeals a part).
_REPEAL = re.compile(r"((?:《[^《》]+》[、和及]?)+)同时废止")
_NAMED = re.compile(r"《([^《》]+)》")


def _mark_repealed(corpus: Corpus, by_key: dict[str, list[int]]) -> None:
    """Set `repealed_by` on laws that a law of the corpus repeals.

    A new law ends with 本法自…起施行。《旧法》同时废止; the repealed text often stays in
    a collection, and an answer must not cite it as in force (the 2018 环境噪声污染防治法
    beside the 2021 噪声污染防治法). A title is repealed only if its newest text is older
    than the repealing law's oldest one: 反间谍法 (2014) repealed the 1993 国家安全法, not the
    国家安全法 enacted in 2015 under the same title.
    """
    for key, versions in by_key.items():
        oldest = min(corpus.laws[i].version for i in versions)
        repealer = corpus.laws[max(versions, key=lambda i: corpus.laws[i].version)]
        named: set[str] = set()
        for i in versions:
            for article in corpus.law_articles(i):
                if "同时废止" in article.text:
                    for found in _REPEAL.finditer(article.text):
                        named.update(title_key(t) for t in _NAMED.findall(found.group(1)))
        for old_key in named - {key}:
            old = by_key.get(old_key, [])
            if old and oldest and max(corpus.laws[i].version for i in old) < oldest:
                for i in old:
                    corpus.laws[i].repealed_by = repealer.title


def _distinct_parts(members: list[tuple[str, ParsedFile]]) -> list[tuple[str, ParsedFile]]:
    """Keep one file per subtitle, ordered by first article number (总则 before 物权编)."""
    seen: dict[str, tuple[str, ParsedFile]] = {}
    for source, parsed in sorted(members, key=lambda m: m[0]):
        if parsed.subtitle in seen:
            log.info("duplicate of %s skipped: %s", seen[parsed.subtitle][0], source)
            continue
        seen[parsed.subtitle] = (source, parsed)

    def order(member: tuple[str, ParsedFile]) -> tuple[int, str]:
        numbers = [b.number for b in member[1].blocks if b.number is not None]
        # 附则 of 民法典 has a few articles at the very end; parts without articles go last.
        return (min(numbers) if numbers else 10**9, member[0])

    return sorted(seen.values(), key=order)
