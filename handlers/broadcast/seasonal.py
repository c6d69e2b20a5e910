"""Seasonal warnings for the daily alert, from TOML (`seasonal.toml`, or the file named by
`[broadcast] seasonal_file`). A bad file stops start-up with a message naming the problem,
like any configuration."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from bot.config import ConfigError

_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")


@dataclass(frozen=True)
class SeasonalWarning:
    name: str
    start: tuple[int, int]
    end: tuple[int, int]
    text: str

    def active_on(self, day: date) -> bool:
        today = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= today <= self.end
        return today >= self.start or today <= self.end  # across the new year


def _day(value: object, where: str) -> tuple[int, int]:
    match = _DAY.fullmatch(str(value))
    if match is None:
        raise ConfigError(f"{where}: expected MM-DD, got {value!r}")
    return int(match.group(1)), int(match.group(2))


def parse_warnings(text: str, source: str) -> tuple[SeasonalWarning, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source} is not valid TOML: {exc}") from None
    found = []
    for i, item in enumerate(data.get("warning", [])):
        where = f"{source} warning {i + 1}"
        if not isinstance(item, dict) or not str(item.get("text", "")).strip():
            raise ConfigError(f"{where}: needs a text")
        found.append(
            SeasonalWarning(
                name=str(item.get("name", f"提示{i + 1}")),
                start=_day(item.get("from"), where),
                end=_day(item.get("to"), where),
                text=str(item["text"]).strip(),
            )
        )
    return tuple(found)


@functools.cache
def load_warnings(path: str = "") -> tuple[SeasonalWarning, ...]:
    if path:
        try:
            return parse_warnings(Path(path).read_text(encoding="utf-8"), path)
        except OSError as exc:
            raise ConfigError(f"broadcast.seasonal_file: cannot read {path}: {exc}") from None
    text = resources.files("handlers.broadcast").joinpath("seasonal.toml").read_text("utf-8")
    return parse_warnings(text, "seasonal.toml")


def active(day: date, path: str = "") -> list[SeasonalWarning]:
    return [w for w in load_warnings(path) if w.active_on(day)]
