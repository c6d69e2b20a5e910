"""`jingmin demo seed`: a demo station, in a database of its own only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from handlers.services.demo import DEMO_WANTED_ID
from storage.crypto import new_key
from tests.bot.cli.support import run


def _config(tmp_path: Path, security: str = "") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/cli.db"\n'
        f'[security]\ndev_key_file = "{tmp_path}/keys.toml"\n{security}',
        encoding="utf-8",
    )
    assert run(path, "db", "upgrade")[0] == 0
    return path


def test_seed_refuses_a_database_holding_another_station_and_adds_nothing(
    tmp_path: Path,
) -> None:
    """On a station's database it was a raw IntegrityError (beat code east), or with other
    codes a demo station, venues and wanted person among the real ones."""
    config = _config(tmp_path)
    # As a station left it (`station add` itself needs configured keys):
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        conn.execute("INSERT INTO station (name, code) VALUES ('城关派出所', 'S001')")
    code, out = run(config, "demo", "seed")
    assert code == 1 and out.startswith("Error: this database holds station S001 (城关派出所)")
    assert "a database of its own" in out and "Traceback" not in out
    assert out.count("\n") == 1
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        assert conn.execute("SELECT code FROM station").fetchall() == [("S001",)]
        assert conn.execute("SELECT count(*) FROM venue").fetchone() == (0,)


def test_seed_refuses_configured_keys(tmp_path: Path) -> None:
    keys = (
        f'data_keys = {{ k1 = "{new_key()}" }}\ncurrent_key_id = "k1"\nindex_key = "{new_key()}"\n'
    )
    config = _config(tmp_path, keys)
    code, out = run(config, "demo", "seed")
    assert code == 1 and "[security] data_keys are configured" in out
    assert "JINGMIN_SECURITY__DEV_KEY_FILE=var/demo-keys.toml" in out
    assert "no station yet" in run(config, "station", "list")[1]


def test_seed_again_on_the_demo_database_gives_fresh_codes(tmp_path: Path) -> None:
    config = _config(tmp_path)
    code, out = run(config, "demo", "seed")
    assert code == 0 and out.startswith("demo station created\n") and DEMO_WANTED_ID in out
    code, out = run(config, "demo", "seed")
    assert code == 0 and out.startswith("demo station already present\n")
