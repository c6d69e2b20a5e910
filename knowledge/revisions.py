"""Which cited texts are no longer the law's current one, and the note that says so.

The statute corpus is a snapshot: a law can be revised after it was taken. The 治安管理处罚法
in the packaged corpus is the 2012 text, while a revised one, with its articles renumbered,
has been in force since 2026-01-01. `revisions.toml` (packaged, and extended by a station like
the other data files) lists such revisions; a citation of an older text then carries a note
until the station imports the new one. A FAQ answer written against one version cites that
version, so a newer text in the corpus makes the same note instead of a wrong article.

`repealed.toml` lists instruments repealed by a decision the corpus does not hold (the
Supreme People's Court's 法释〔2020〕16号 repealed the interpretations of the laws the 民法典
replaced). The import marks them like the laws a newer law repeals (`《旧法》同时废止`):
the search never ranks them, and a citation of one says it is repealed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from knowledge.model import Law, short_title, title_key
from knowledge.titles import TitleIndex, name_key
from knowledge.vocabulary import DATA_DIR

REVISIONS = "revisions.toml"
#: Where anyone can read a law's current text (the NPC's national database of laws).
WHERE_CURRENT_SITE = "flk.npc.gov.cn"
WHERE_CURRENT = f"国家法律法规数据库（{WHERE_CURRENT_SITE}）"


@dataclass(frozen=True, slots=True)
class Revision:
    adopted: str  # YYYY-MM-DD, as the corpus dates versions
    in_force: str = ""


def load_revisions(*extra_dirs: Path) -> dict[str, Revision]:
    """Law name key -> its newest known revision; a station's entry replaces a packaged one."""
    found: dict[str, Revision] = {}
    for folder in (DATA_DIR, *extra_dirs):
        path = folder / REVISIONS
        if not path.is_file():
            continue
        for name, raw in tomllib.loads(path.read_text("utf-8")).get("revised", {}).items():
            found[name_key(str(name))] = _revision(str(name), raw, path)
    return found


def _revision(name: str, raw: object, path: Path) -> Revision:
    if not isinstance(raw, dict) or "adopted" not in raw:
        raise ValueError(f'{path}: revised law {name!r} needs adopted = "YYYY-MM-DD"')
    dates = [str(raw["adopted"]), str(raw.get("in_force", ""))]
    for value in filter(None, dates):
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"{path}: revised law {name!r}: {value!r} is not a date YYYY-MM-DD"
            ) from None
    return Revision(*dates)


def mark_repealed(laws: Sequence[Law], repealed: Mapping[str, Mapping[str, str]]) -> None:
    """Mark the listed instruments repealed (`Vocabulary.repealed`, from repealed.toml).

    Only versions dated before the repeal are marked, so that a later instrument issued
    under the same title stays in force; an undated text of a listed title is marked.
    """
    by_key = {title_key(title): entry for title, entry in repealed.items()}
    for law in laws:
        entry = by_key.get(law.key)
        if entry is not None and not law.repealed_by and law.version < entry["on"]:
            law.repealed_by = entry["by"]
            law.repealed_on = entry["on"]
            law.replaced_by = entry.get("replaced_by", "")


class Currency:
    """Tells, for a cited law version, whether a newer text exists and what to say then."""

    def __init__(self, laws: list[Law], titles: TitleIndex, revisions: dict[str, Revision]) -> None:
        self._laws = laws
        self._titles = titles
        self._revisions = revisions

    def newer(self, law: Law) -> Revision | None:
        """The newest text of `law`'s law when it is newer than `law`, else None."""
        if not law.version:
            return None
        latest = self._titles.resolve(law.key)
        newest = Revision(self._laws[latest].version if latest is not None else law.version)
        revision = self._revisions.get(name_key(law.key))
        if revision is not None and revision.adopted > newest.adopted:
            newest = revision
        return newest if newest.adopted > law.version else None

    def note(self, law: Law) -> str | None:
        """注：… for a citation of `law` when a newer text of it exists or another law
        repealed it; None when current."""
        if law.repealed_on:
            instead = f"，现行规定见《{short_title(law.replaced_by)}》" if law.replaced_by else ""
            return (
                f"注：{law.display()}已于{law.repealed_on}废止（{law.repealed_by}）{instead}，"
                "以上条文仅供查考，请以现行法律为准。"
            )
        if law.repealed_by:
            return (
                f"注：{law.display()}已废止（《{short_title(law.repealed_by)}》施行时同时废止），"
                "以上条文仅供查考，请以现行法律为准。"
            )
        return self.revised(law)

    def revised(self, law: Law, brief: bool = False) -> str | None:
        """注：… for a citation of `law` when a newer text of it exists, else None; `brief`,
        in one short sentence for an answer that must fit one screen. Either says what a resident
        can do with an old article (the 2012 治安管理处罚法's 第四十九条 is not the revised
        law's): read the current text, and where. The note had read 已于2025-06-27修订
        （2026-01-01起施行），所引为2012-10-26版 and no more."""
        newest = self.newer(law)
        if newest is None:
            return None
        if brief:  # as short as the note it replaced: a victim's answer is one screen
            revised = (
                f"新版{_day(newest.in_force)}起施行"
                if newest.in_force
                else f"已于{_day(newest.adopted)}修订"
            )
            return (
                f"注：{law.display()}{revised}，所引为{law.version[:4]}年版，"
                f"现行条文见{WHERE_CURRENT_SITE}。"
            )
        since = f"，{_day(newest.in_force)}起施行" if newest.in_force else ""
        head = f"注：{law.display()}已于{_day(newest.adopted)}修订{since}"
        return (
            f"{head}。以上所引为{_day(law.version)}的版本，现行条文的序号和内容可能已有变化，"
            f"请以现行文本为准，可在{WHERE_CURRENT}查阅。"
        )

    def notes(self, laws: Iterable[Law]) -> list[str]:
        """One note per outdated law, in the order first cited."""
        seen: dict[str, str | None] = {}
        for law in laws:
            if law.key not in seen:
                seen[law.key] = self.note(law)
        return [n for n in seen.values() if n]


def _day(value: str) -> str:
    """2025-06-27 as a resident writes it: 2025年6月27日."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.year}年{day.month}月{day.day}日"
