"""Where the statutes and the index live, with their environment overrides."""

from __future__ import annotations

import os
from pathlib import Path

LAWS_ENV = "JINGMIN_LAWS_DIR"
INDEX_ENV = "JINGMIN_LAW_INDEX"
VOCABULARY_ENV = "JINGMIN_LAW_VOCABULARY"
DEFAULT_INDEX = Path("var/law-index")  # relative to the working directory


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def laws_dir() -> Path:
    """The statute folder: `JINGMIN_LAWS_DIR`, else `../shared/laws` beside the repository."""
    env = os.environ.get(LAWS_ENV)
    return Path(env) if env else repo_root().parent / "shared" / "laws"


def index_dir(option: Path | None = None) -> Path:
    if option is not None:
        return option
    env = os.environ.get(INDEX_ENV)
    return Path(env) if env else DEFAULT_INDEX


def vocabulary_dirs() -> list[Path]:
    """A station's own vocabulary folders (`JINGMIN_LAW_VOCABULARY`, `:`-separated)."""
    env = os.environ.get(VOCABULARY_ENV, "")
    return [Path(p) for p in env.split(os.pathsep) if p]
