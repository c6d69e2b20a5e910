"""Parse one statute file (Markdown or plain text) into title, version and articles.

The layout, as in the shared corpus::

    # 中华人民共和国某某法
    # 某某编                      <- optional subtitle (a part of a split law)
    2020年5月28日 第十三届…通过     <- promulgation lines
    <!-- INFO END -->
    ## 第一章 总则                 <- 编/章/节 headings, any depth
    第一条 ……                      <- an article; following lines are its paragraphs/items
    第十七条之一 ……

Documents without articles (amendments, technical standards) become headed sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.numerals import parse_numeral

INFO_END = "<!-- INFO END -->"
_INVISIBLE = str.maketrans({"\u200b": None, "\ufeff": None, "\u3000": " ", "\xa0": " "})
_ARTICLE = re.compile(
    r"^第([零〇一二三四五六七八九十百千万两0-9]+)条(?:之([一二三四五六七八九十]+))?(?:\s+|$)"
)
_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
_NUMBERED_HEADING = re.compile(
    r"^(第[零〇一二三四五六七八九十百千万两0-9]+[编章节]|[^\s]+分编)\s*(.*)$"
)
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FILE_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)$")


@dataclass(slots=True)
class Block:
    """An article (`number` set) or a headed section of a document."""

    label: str
    heading: str
    lines: list[str] = field(default_factory=list)
    number: int | None = None
    sub: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(slots=True)
class ParsedFile:
    title: str
    subtitle: str
    version: str
    info: list[str]
    blocks: list[Block]

    @property
    def articles(self) -> list[Block]:
        return [b for b in self.blocks if b.number is not None]


def clean_heading(text: str) -> str:
    """`第一编 总 则` -> `第一编 总则`: headings are often letter-spaced."""
    text = re.sub(r"\s+", " ", text).strip()
    match = _NUMBERED_HEADING.match(text)
    if match:
        name = re.sub(r"\s+", "", match.group(2))
        return f"{match.group(1)} {name}".strip()
    if re.fullmatch(r"(\S\s)+\S", text) and len(text) <= 9:
        return text.replace(" ", "")
    return text


def version_from(stem: str, info: list[str]) -> str:
    """The version date: from the file name `法名(2023-12-29)`, else the promulgation lines.

    Lines about entry into force (施行) are ignored so that the parts of one law that
    differ only in mentioning it (民法典's 编) get one version.
    """
    match = _FILE_DATE.search(stem)
    if match:
        return match.group(1)
    dates = [
        f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
        for line in info
        if "施行" not in line
        for y, m, d in _DATE.findall(line)
    ]
    return max(dates, default="")


def parse_statute(text: str, stem: str = "") -> ParsedFile:
    """Parse one file's text; `stem` is its file name without extension."""
    lines = [line.translate(_INVISIBLE).strip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    title = lines[start].lstrip("#").strip() if start < len(lines) else stem
    head, body = _split_info(lines[start + 1 :])
    subtitle = ""
    info: list[str] = []
    for line in head:
        if line.startswith("#") and not subtitle:
            subtitle = line.lstrip("#").strip()
        elif line:
            info.append(line)
    return ParsedFile(
        title=title or stem,
        subtitle=subtitle,
        version=version_from(stem, info),
        info=info,
        blocks=_blocks(body, subtitle),
    )


def _split_info(lines: list[str]) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines):
        if line == INFO_END or INFO_END in line:
            return lines[:i], lines[i + 1 :]
    # No marker (hand-made .txt): the head is the run of blank, subtitle and dated lines.
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and not _DATE.match(line) and not (line.startswith("# ") and i < 3):
            break
        i += 1
    return lines[:i], lines[i:]


def _blocks(lines: list[str], subtitle: str) -> list[Block]:
    blocks: list[Block] = []
    # Heading stack by Markdown level; a part subtitle (民法典's 编) sits above them all.
    stack: dict[int, str] = {}
    current: Block | None = None

    def heading_path() -> str:
        parts = [subtitle] if subtitle else []
        parts.extend(stack[level] for level in sorted(stack))
        return " ".join(p for p in parts if p)

    for line in lines:
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            name = clean_heading(heading.group(2))
            for deeper in [k for k in stack if k >= level]:
                del stack[deeper]
            if name:
                stack[level] = name
            current = None
            continue
        article = _ARTICLE.match(line)
        if article:
            number = parse_numeral(article.group(1))
            sub = parse_numeral(article.group(2)) if article.group(2) else 0
            label = line[: article.end()].strip()
            current = Block(label=label, heading=heading_path(), number=number, sub=sub)
            rest = line[article.end() :].strip()
            if rest:
                current.lines.append(rest)
            blocks.append(current)
            continue
        if current is None:
            path = heading_path()
            label = path.split(" ")[-1] if path else "正文"
            current = Block(label=label, heading=path)
            blocks.append(current)
        current.lines.append(line)
    return blocks
