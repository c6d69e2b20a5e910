"""`JINGMIN_*` environment variables that set nothing, named at start with what was meant.

A setting from the environment is `JINGMIN_SECTION__KEY`, with two underscores between section
and key. `JINGMIN_TELEGRAM_BOT_TOKEN` (one underscore) had been dropped without a word, and
Telegram simply did not start; a station's IT staff had nothing to go on.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

ENV_PREFIX = "JINGMIN_"

#: Variables an operator sets that are read directly rather than as settings: the config
#: file (`bot.config`, `bot.cli.main`), the statute corpus, index and vocabulary
#: (`knowledge.paths`, which is optional and too heavy to import here).
OPERATOR_NAMES = frozenset(
    {"JINGMIN_CONFIG", "JINGMIN_LAWS_DIR", "JINGMIN_LAW_INDEX", "JINGMIN_LAW_VOCABULARY"}
)
#: The test suite's own: never warned about, never offered to an operator as the name meant.
TEST_NAMES = frozenset(
    {"JINGMIN_TEST_DATABASE_URL", "JINGMIN_UPDATE_GOLDEN", "JINGMIN_SCREENSHOT_DIR"}
)
#: Variables read directly rather than as settings, so never misspellings.
DIRECT_NAMES = OPERATOR_NAMES | TEST_NAMES


def setting_name(section: str, key: str) -> str:
    """The variable that sets `[section] key`."""
    return f"{ENV_PREFIX}{section.upper()}__{key.upper()}"


def is_setting(name: str) -> bool:
    """Whether `name` is read as `[section] key` (both parts given)."""
    if not name.startswith(ENV_PREFIX):
        return False
    section, _, key = name[len(ENV_PREFIX) :].partition("__")
    return bool(section and key)


def unused_warnings(environ: Mapping[str, str], settings: Mapping[str, Iterable[str]]) -> list[str]:
    """One line for each `JINGMIN_*` variable that nothing reads, with the name likely meant.

    `settings` maps each section to its keys. Only names are said: values may be secrets."""
    lines = []
    for name in sorted(environ):
        # jingmin_database__url: variable names are case-sensitive, so it too sets nothing.
        if not name.upper().startswith(ENV_PREFIX) or name in DIRECT_NAMES or is_setting(name):
            continue
        meant = _likely_meant(name, settings)
        lines.append(
            f"{name} is ignored: jingmin reads no such variable; did you mean {meant}?"
            if meant
            else f"{name} is ignored: jingmin reads no such variable (a setting is "
            "JINGMIN_SECTION__KEY, two underscores between section and key, such as "
            "JINGMIN_DATABASE__URL for [database] url)"
        )
    return lines


def _likely_meant(name: str, settings: Mapping[str, Iterable[str]]) -> str | None:
    known = [setting_name(s, k) for s, keys in settings.items() for k in keys]
    # Compared without the prefix and with underscores run together, so that the missing
    # second underscore is no difference at all and the shared prefix no likeness.
    by_shape = {_shape(known_name): known_name for known_name in [*known, *sorted(OPERATOR_NAMES)]}
    close = difflib.get_close_matches(_shape(name), list(by_shape), n=1, cutoff=0.8)
    return by_shape[close[0]] if close else None


def _shape(name: str) -> str:
    return re.sub("_+", "_", name.upper().removeprefix(ENV_PREFIX).strip("_"))
