"""The `jingmin` command as a station's IT staff use it."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from pathlib import Path
from sqlite3 import connect

import pytest
from click.testing import CliRunner
from sqlalchemy.exc import OperationalError, ProgrammingError

from bot.cli.main import cli
from bot.cli.runtime import open_services
from bot.config import load_settings
from handlers.services.demo import seed_demo
from storage import migrate
from storage.crypto import new_key


def _security() -> str:
    """A [security] table of fresh keys, as `jingmin keys new` says to write it."""
    return (
        f'[security]\ndata_keys = {{ k1 = "{new_key()}" }}\ncurrent_key_id = "k1"\n'
        f'index_key = "{new_key()}"\n'
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A station set up as the README says: its own keys first."""
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/cli.db"\n{_security()}',
        encoding="utf-8",
    )
    return path


def _other_keys(config: Path) -> Path:
    """The same station's config with other keys."""
    other = config.with_name("other.toml")
    text = config.read_text("utf-8").split("[security]")[0]
    other.write_text(text + _security(), encoding="utf-8")
    return other


def _seed_demo(config: Path) -> None:
    """The demo's station, venues and wanted persons, sealed with the config's keys."""

    async def seed() -> None:
        async with (
            open_services(load_settings(config)) as services,
            services.sessions() as session,
        ):
            await seed_demo(session, services)

    asyncio.run(seed())


def _run(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(config), *args])
    return result.exit_code, result.output


def test_every_command_has_help() -> None:
    for args in (
        ["--help"],
        ["serve", "--help"],
        ["db", "upgrade", "--help"],
        ["invite", "--help"],
        ["venue", "import", "--help"],
        ["watchlist", "import", "--help"],
        ["demo", "seed", "--help"],
        ["station", "add", "--help"],
        ["beat", "add", "--help"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "Usage" in result.output


def test_invite_errors_are_in_english_like_the_rest_of_the_command_line(config: Path) -> None:
    assert _run(config, "db", "upgrade")[0] == 0
    code, out = _run(config, "invite", "--role", "officer")
    assert code == 1 and "Error: --role officer needs --beat" in out, out
    code, out = _run(config, "invite", "--role", "owner")
    assert code == 1 and "Error: --role owner needs --venue" in out, out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out)


def test_setup_flow(config: Path, tmp_path: Path) -> None:
    head = migrate.head()
    created = f"created {tmp_path}/cli.db and migrated it to {head}\n"
    assert _run(config, "db", "upgrade") == (0, created)
    again = f"{tmp_path}/cli.db: database schema is up to date ({head})\n"
    assert _run(config, "db", "upgrade") == (0, again)
    # `demo seed` refuses a station's own keys (tests/bot/cli/test_demo.py): its data, here.
    _seed_demo(config)
    code, out = _run(config, "invite", "--role", "officer", "--beat", "east")
    assert code == 0 and "/绑定 " in out
    code, out = _run(config, "invite", "--role", "officer", "--beat", "城东")  # part of a name
    assert code == 0 and "/绑定 " in out
    code, out = _run(config, "invite", "--role", "officer", "--beat", "nowhere")
    assert code == 1 and "no beat" in out and "城东警务区 (east)" in out and "Traceback" not in out
    code, out = _run(config, "invite", "--role", "owner")
    assert code == 1 and "--venue" in out
    code, out = _run(
        config,
        "venue",
        "add",
        "--kind",
        "小网吧",
        "--name",
        "网吧甲",
        "--beat",
        "east",
        "--lat",
        "30.1",
        "--lon",
        "120.2",
    )
    assert code == 0 and "added" in out
    code, out = _run(config, "venue", "add", "--kind", "月球", "--name", "x", "--beat", "east")
    assert code == 1 and "kind" in out
    assert "网吧甲" in _run(config, "venue", "list")[1]
    wanted = tmp_path / "wanted.csv"
    wanted.write_text("姓名,证件号码\n某甲,\n,\n", encoding="utf-8")
    code, out = _run(config, "watchlist", "import", str(wanted))
    assert code == 0 and "added 1" in out
    code, out = _run(config, "watchlist", "import", str(wanted), "--station", "nowhere")
    assert code == 2 and "no station with code 'nowhere'" in out and "Traceback" not in out


def test_watchlist_import_says_what_to_fix_and_fails_when_rows_are_rejected(
    config: Path, tmp_path: Path
) -> None:
    assert _run(config, "db", "upgrade")[0] == 0
    wanted = tmp_path / "wanted.csv"
    wanted.write_text("姓名,身份证号码X,案由\n吴九,110101199003074514,盗窃\n", encoding="utf-8")
    code, out = _run(config, "watchlist", "import", str(wanted))
    assert code == 1 and "unknown column(s) 身份证号码X" in out and "证件号码/doc_no" in out
    wanted.write_text(
        "姓名,身份证号码,案由\n吴九,110101199003074514,盗窃\n吴十,110101199003074515,盗窃\n",
        encoding="utf-8",
    )
    code, out = _run(config, "watchlist", "import", str(wanted))
    assert code == 1 and "added 1, updated 0, unchanged 0, rejected 1" in out
    assert "line 3: 证件号码" in out and "校验位不正确" in out and "Traceback" not in out
    wanted.write_text("姓名,身份证号码,案由\n吴九,110101199003074514,\n", encoding="utf-8")
    code, out = _run(config, "watchlist", "import", str(wanted))  # the 案由 cell is empty
    assert code == 0 and out.endswith("added 0, updated 0, unchanged 1, rejected 0\n")


def test_bad_config_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[server]\nport = 0\n", encoding="utf-8")
    code, out = _run(bad, "db", "upgrade")
    assert code == 1 and "server.port" in out and "Traceback" not in out


def test_a_new_station_adds_itself_and_its_beats_before_anything_else(config: Path) -> None:
    assert _run(config, "db", "upgrade")[0] == 0
    code, out = _run(config, "invite", "--role", "officer", "--beat", "east")
    assert code == 1 and "jingmin beat add" in out  # the way forward, not a dead end
    code, out = _run(config, "beat", "add", "--station", "S001", "--code", "east", "--name", "城东")
    assert code == 1 and "jingmin station add --code S001" in out
    code, out = _run(config, "station", "add", "--code", "S001", "--name", "城关派出所")
    # The chats would still say 这里是示范派出所警民通: the configuration names the bot.
    assert code == 0 and 'set name = "城关派出所"' in out and "[station] name" in out
    added = _run(config, "beat", "add", "--station", "S001", "--code", "east", "--name", "城东")
    assert added == (0, "beat east added: 城东\n")
    renamed = _run(
        config, "beat", "add", "--station", "S001", "--code", "east", "--name", "城东警务区"
    )
    assert renamed == (0, "beat east renamed: 城东 → 城东警务区\n")
    # The same code and name again: it said "renamed" though nothing changed.
    again = _run(
        config, "beat", "add", "--station", "S001", "--code", "east", "--name", "城东警务区"
    )
    assert again == (0, "beat east already exists with this name (城东警务区): nothing changed\n")
    code, out = _run(config, "station", "list")
    assert code == 0 and "S001\t城关派出所\tbeats: 城东警务区 (east)" in out
    assert _run(config, "beat", "list") == (0, "east\t城东警务区\tS001 城关派出所\n")
    code, out = _run(config, "invite", "--role", "officer", "--beat", "east")
    assert code == 0 and "/绑定 " in out
    code, out = _run(config, "beat", "add", "--station", "S001", "--code", "a b", "--name", "x")
    assert code == 2 and "without spaces" in out


def test_serve_refuses_a_database_it_cannot_use_in_one_line(config: Path) -> None:
    code, out = _run(config, "serve", "--port", "1")
    assert code == 1 and "run `jingmin db upgrade` first" in out and "Traceback" not in out
    assert _run(config, "db", "upgrade")[0] == 0
    # Another version's schema: the stamp says a revision this code does not know.
    url = config.read_text("utf-8").split('"')[1]
    with connect(url.split(":///", 1)[1]) as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    code, out = _run(config, "serve", "--port", "1")
    assert code == 1 and "this version needs" in out


def test_serve_says_when_the_database_server_is_unreachable(tmp_path: Path) -> None:
    config = tmp_path / "pg.toml"
    config.write_text(
        '[database]\nurl = "postgresql+asyncpg://nobody@127.0.0.1:1/x"\n', encoding="utf-8"
    )
    code, out = _run(config, "serve")
    assert code == 1 and "cannot reach the database ([database] url)" in out


def test_upgrade_says_in_one_line_when_the_database_does_not_exist(
    tmp_path: Path, pg_url: str
) -> None:
    """IT sets the URL before `createdb`: alembic's traceback ended in the driver's words."""
    config = tmp_path / "pg.toml"
    missing = pg_url.rsplit("/", 1)[0] + "/jingmin_never_created"
    config.write_text(f'[database]\nurl = "{missing}"\n', encoding="utf-8")
    code, out = _run(config, "db", "upgrade")
    assert code == 1 and "Traceback" not in out
    assert "cannot use the database ([database] url)" in out and "does not exist" in out
    # And what to do about it (it had stopped at the driver's words).
    host, port = missing.split("@", 1)[1].split("/", 1)[0].split(":")
    assert f"create it first (createdb -h {host} -p {port} -U " in out
    assert out.rstrip().endswith("jingmin_never_created), then run `jingmin db upgrade`")


def test_upgrade_with_a_user_the_database_lacks_says_to_check_the_url(
    tmp_path: Path, pg_url: str
) -> None:
    config = tmp_path / "pg.toml"
    wrong = "postgresql+asyncpg://nobody_h8:secret-pw@" + pg_url.split("@", 1)[1]
    config.write_text(f'[database]\nurl = "{wrong}"\n', encoding="utf-8")
    code, out = _run(config, "db", "upgrade")
    assert code == 1 and "Traceback" not in out and "secret-pw" not in out
    assert 'role "nobody_h8" does not exist; check USER and PASSWORD in the url' in out


def test_upgrade_of_a_database_a_newer_version_migrated_says_so(config: Path) -> None:
    """Going back to the previous release after an upgrade: alembic's traceback said only
    "Can't locate revision"."""
    assert _run(config, "db", "upgrade")[0] == 0
    url = config.read_text("utf-8").split('"')[1]
    with connect(url.split(":///", 1)[1]) as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    code, out = _run(config, "db", "upgrade")
    assert code == 1 and "Traceback" not in out and "a newer version of jingmin" in out
    code, out = _run(config, "db", "upgrade", "--revision", "nosuch")
    assert code == 1 and "--revision" in out and "Traceback" not in out


@pytest.mark.parametrize(
    ("failure", "shown"),
    [
        (
            OperationalError(
                "CREATE TABLE", {}, sqlite3.OperationalError("database or disk is full")
            ),
            "database or disk is full",
        ),
        # PostgreSQL's refusal of a DDL statement had been a traceback.
        (
            ProgrammingError("ALTER TABLE", {}, Exception('relation "x" already exists')),
            "already exists",
        ),
        (migrate.UpgradeRefused("the upgrade would break foreign keys in tenancy"), "tenancy"),
    ],
)
def test_an_upgrade_that_stops_half_way_says_what_to_do(
    config: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception, shown: str
) -> None:
    """A full disk during `db upgrade` was a traceback. The upgrade is one transaction on
    both engines (tests/storage/test_migrations.py), so nothing needs restoring."""

    def stopped(_url: str, _revision: str = "head") -> None:
        raise failure

    monkeypatch.setattr(migrate, "upgrade", stopped)
    code, out = _run(config, "db", "upgrade")
    assert code == 1 and shown in out and "nothing was changed" in out
    assert "Traceback" not in out


def test_a_command_run_with_other_keys_than_the_data_was_written_with_refuses(
    config: Path, tmp_path: Path
) -> None:
    assert _run(config, "db", "upgrade")[0] == 0
    assert _run(config, "station", "add", "--code", "S001", "--name", "城关派出所")[0] == 0
    other = _other_keys(config)
    wanted = tmp_path / "wanted.csv"
    wanted.write_text("姓名,证件号码,案由\n张三,110101199003074514,盗窃\n", encoding="utf-8")
    code, out = _run(other, "watchlist", "import", str(wanted))
    assert code != 0 and "index_key is not the key this database was written with" in out
    code, out = _run(other, "serve", "--port", "1")
    assert code == 1 and "wanted-list matches would silently fail" in out
    assert _run(config, "station", "list")[0] == 0  # the right keys still work


def test_law_commands_use_the_index_the_server_loads(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JINGMIN_LAW_INDEX", raising=False)
    folder = tmp_path / "station-index"
    config.write_text(
        config.read_text("utf-8") + f'[law]\nindex_dir = "{folder}"\n', encoding="utf-8"
    )
    code, out = _run(config, "law", "search", "押金")
    assert code == 1 and str(folder) in out


def test_the_first_command_on_existing_data_must_read_it(config: Path, tmp_path: Path) -> None:
    """A database written before the key check: a command run with other keys had recorded
    them as the right ones, and the real server was then refused."""
    assert _run(config, "db", "upgrade")[0] == 0
    _seed_demo(config)  # wanted persons, sealed with these keys
    url = config.read_text("utf-8").split('"')[1]
    with connect(url.split(":///", 1)[1]) as db:
        db.execute("DELETE FROM key_check")  # as before the check existed
    other = _other_keys(config)
    code, out = _run(other, "station", "list")
    assert code != 0 and "cannot read this database" in out
    assert _run(config, "station", "list")[0] == 0  # the right keys record themselves


def test_the_log_never_shows_the_bot_token(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """python-telegram-bot's httpx logged every Bot API URL, token included, at INFO."""
    httpx_log = logging.getLogger("httpx")
    monkeypatch.setattr(httpx_log, "level", logging.NOTSET)
    # As in a terminal, where `jingmin` logs at INFO (under pytest the root logger is quieter).
    monkeypatch.setattr(logging.getLogger(), "level", logging.INFO)
    _run(config, "group", "list")
    assert not httpx_log.isEnabledFor(logging.INFO)


@pytest.fixture
def no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder to run in, with no config.toml and no JINGMIN_* settings."""
    for name in [name for name in os.environ if name.startswith("JINGMIN_")]:
        monkeypatch.delenv(name)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_a_command_run_in_the_wrong_folder_names_the_database_it_cannot_open(
    no_config: Path,
) -> None:
    result = CliRunner().invoke(cli, ["station", "list"])
    assert result.exit_code == 1
    assert (
        f"cannot open the SQLite database {no_config}/var/jingmin.db: its folder does not "
        "exist; run `jingmin db upgrade` first" in result.output
    )
    assert not (no_config / "var").exists()  # and nothing was made there


def test_an_upgrade_without_a_config_file_says_it_uses_the_defaults_and_where(
    no_config: Path,
) -> None:
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0
    assert result.stderr == f"no config.toml in {no_config}; using defaults\n"
    assert result.stdout == (
        f"created {no_config}/var/jingmin.db and migrated it to {migrate.head()}\n"
    )


def test_relative_paths_of_a_config_file_follow_the_file_not_the_current_folder(
    no_config: Path, tmp_path: Path
) -> None:
    station = tmp_path / "station"
    station.mkdir()
    (station / "config.toml").write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///var/jingmin.db"\n{_security()}',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["--config", "../station/config.toml", "db", "upgrade"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith(f"created {station}/var/jingmin.db")
    assert not (no_config / "var").exists()


def test_an_upgrade_says_from_which_version_to_which(config: Path, tmp_path: Path) -> None:
    head = migrate.head()
    assert _run(config, "db", "upgrade", "--revision", "f7a3c1d9e2b4")[0] == 0
    code, out = _run(config, "db", "upgrade")
    assert (code, out) == (0, f"migrated {tmp_path}/cli.db: f7a3c1d9e2b4 → {head}\n")


def test_a_command_before_the_keys_are_set_makes_no_development_keys(tmp_path: Path) -> None:
    """Following the README, `station add` made development keys and recorded them in the
    database; once the station set its own, every command was refused."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/cli.db"\n'
        f'[security]\ndev_key_file = "{tmp_path}/keys.toml"\n',
        encoding="utf-8",
    )
    assert _run(config, "db", "upgrade")[0] == 0
    code, out = _run(config, "station", "add", "--code", "S001", "--name", "城关派出所")
    assert code == 1 and "no [security] keys configured" in out and "jingmin keys new" in out
    # Meant for the demo's database: where it looked, and what to set instead.
    assert f"none in {tmp_path}/keys.toml" in out
    assert "JINGMIN_SECURITY__DEV_KEY_FILE=var/demo-keys.toml" in out
    assert not (tmp_path / "keys.toml").exists()
    config.write_text(config.read_text("utf-8").split("[security]")[0] + _security(), "utf-8")
    assert _run(config, "station", "add", "--code", "S001", "--name", "城关派出所")[0] == 0


def test_invite_for_a_venue_not_found_points_to_the_venue_list(config: Path) -> None:
    assert _run(config, "db", "upgrade")[0] == 0
    code, out = _run(config, "invite", "--role", "owner", "--venue", "100001")
    assert code == 1 and "no venue with id, plate or name '100001'" in out
    assert "`jingmin venue list` shows each venue's id, plate and name" in out
