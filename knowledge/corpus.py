"""Read a folder of statute files into one corpus of law versions and articles.

Files sharing a title and a version date are either parts of one law (民法典's 编, told
apart by their subtitles) or the same law filed under two categories (kept once).
Different dates of one title are versions; all are kept and the newest is `latest`.
"""

from __future__ import annotations

import logging
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
    return corpus


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
