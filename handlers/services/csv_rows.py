"""CSV reading shared by the importers: Chinese or English headers, per-row error reports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

#: Rows listed by line in a summary; the rest are counted.
SHOWN = 50


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def counts(self) -> list[str]:
        """The summary's first line, in parts; importers with more to count add theirs."""
        return [f"added {self.added}", f"updated {self.updated}", f"rejected {len(self.errors)}"]

    def listed(self) -> list[tuple[list[tuple[int, str]], str]]:
        """(line, reason) lists the summary shows, each with the word for those left out."""
        return [(self.errors, "")]

    def summary(self) -> str:
        lines = [", ".join(self.counts())]
        for rows, more in self.listed():
            lines += [f"  line {line}: {reason}" for line, reason in rows[:SHOWN]]
            if len(rows) > SHOWN:
                lines.append(f"  … and {len(rows) - SHOWN} more{more}")
        return "\n".join(lines)


class CsvError(Exception):
    """The file as a whole cannot be read (encoding, missing columns)."""


def read_rows(
    path: Path, aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row keyed by canonical column name). UTF-8 (with BOM) or GB18030."""
    reader = _reader(csv_text(path))
    header = next(reader, None)
    if header is None:
        raise CsvError(f"{path}: empty file")
    columns = [_canonical(h, aliases) for h in header]
    missing = [name for name in required if name not in columns]
    if missing:
        wanted = ", ".join(f"{m} ({'/'.join(aliases[m])})" for m in missing)
        # One heading holding them all: a file split by something other than commas.
        alone = (
            f"; its heading is one column ({header[0][:40]!r}): {SAVE_AS}"
            if len(header) == 1
            else ""
        )
        raise CsvError(f"{path}: missing column(s) {wanted}{alone}")
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = {c: v.strip() for c, v in zip(columns, values, strict=False) if c is not None}
        yield line, row


#: How a spreadsheet saved in its own format begins, and what to save it as instead.
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
SAVE_AS = "in Excel or WPS: 文件 → 另存为 → CSV UTF-8(逗号分隔)(*.csv)"


def csv_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM) or GB18030, as Excel in China saves it,
    or UTF-16 with its BOM (Excel's "Unicode 文本")."""
    raw = path.read_bytes()
    if raw.startswith(_WORKBOOKS):
        raise CsvError(f"{path}: is a spreadsheet workbook (.xlsx/.xls), not CSV; {SAVE_AS}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise CsvError(f"{path}: not UTF-8, GB18030 or UTF-16 text; {SAVE_AS}")


def _reader(text: str) -> Iterator[list[str]]:
    """Rows split by commas, or by tabs when the heading has tabs and no comma (Excel's
    "Unicode 文本", or a copy from a spreadsheet)."""
    heading = text.split("\n", 1)[0]
    tabs = "\t" in heading and "," not in heading
    return csv.reader(io.StringIO(text), delimiter="\t" if tabs else ",")


def _canonical(heading: str, aliases: Mapping[str, tuple[str, ...]]) -> str | None:
    heading = heading.strip()
    for name, names in aliases.items():
        if heading.lower() == name or heading in names or heading.lower() in names:
            return name
    return None


def check_columns(path: Path, aliases: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The canonical names of the file's columns; `CsvError` for a heading the importer
    does not know or two headings of one column (their cells would be dropped or mixed up
    without a word). Empty headings, which spreadsheets leave at the end, are skipped."""
    header = next(_reader(csv_text(path)), None)
    if header is None:
        raise CsvError(f"{path}: empty file")
    seen: dict[str, str] = {}
    unknown, twice = [], []
    for heading in (h.strip() for h in header):
        if not heading:
            continue
        name = _canonical(heading, aliases)
        if name is None:
            unknown.append(heading)
        elif name in seen:
            twice.append(f"{seen[name]} and {heading}")
        else:
            seen[name] = heading
    if unknown:
        accepted = ", ".join(
            f"{names[0]}/{name}" if names else name for name, names in aliases.items()
        )
        raise CsvError(
            f"{path}: unknown column(s) {', '.join(unknown)}; rename or remove them. "
            f"Accepted: {accepted}"
        )
    if twice:
        raise CsvError(f"{path}: {'; '.join(twice)} are the same column; keep one of each")
    return list(seen)


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0)
