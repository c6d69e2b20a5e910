"""Running `jingmin` commands in tests, against a demo station of the test's own."""

from __future__ import annotations

import asyncio
from pathlib import Path

from click.testing import CliRunner

from bot.cli.main import cli
from tests.conftest import reset_schema


def run(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(config), *args])
    return result.exit_code, result.output


def demo_config(tmp_path: Path) -> Path:
    """A config on a fresh SQLite database holding the demo station (six venues, ids 1-6)."""
    url = f"sqlite+aiosqlite:///{tmp_path}/cli.db"
    asyncio.run(reset_schema(url))  # the schema from the models
    path = tmp_path / "config.toml"
    path.write_text(
        # Media of its own: the default folder is relative to the working directory.
        f'[database]\nurl = "{url}"\n[storage]\nmedia_dir = "{tmp_path}/media"\n'
        f'[security]\ndev_key_file = "{tmp_path}/keys.toml"\n',
        encoding="utf-8",
    )
    assert run(path, "demo", "seed")[0] == 0
    return path
