"""CSV reading shared by the importers: Chinese or English headers, per-row error reports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = f"added {self.added}, updated {self.updated}, rejected {len(self.errors)}"
        details = [f"  line {line}: {reason}" for line, reason in self.errors[:50]]
        if len(self.errors) > 50:
            details.append(f"  … and {len(self.errors) - 50} more")
        return "\n".join([text, *details])


class CsvError(Exception):
    """The file as a whole cannot be read (encoding, missing columns)."""


def read_rows(
    path: Path, aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row keyed by canonical column name). UTF-8 (with BOM) or GB18030."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CsvError(f"{path}: not UTF-8 or GB18030 text")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise CsvError(f"{path}: empty file")
    lookup = {alias: name for name, names in aliases.items() for alias in (name, *names)}
    columns = [lookup.get(h.strip().lower(), lookup.get(h.strip())) for h in header]
    missing = [name for name in required if name not in columns]
    if missing:
        wanted = ", ".join(f"{m} ({'/'.join(aliases[m])})" for m in missing)
        raise CsvError(f"{path}: missing column(s) {wanted}")
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = {c: v.strip() for c, v in zip(columns, values, strict=False) if c is not None}
        yield line, row


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0)
