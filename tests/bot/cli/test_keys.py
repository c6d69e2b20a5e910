"""Rotating the data key from the command line: a new key, a reseal, the old key retired."""

from __future__ import annotations

import asyncio
import base64
import stat
import tomllib
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import update

from bot.cli.main import cli
from bot.cli.runtime import open_services
from bot.config import load_settings
from bot.media import MediaStore
from handlers.services.photos import dump
from storage.crypto import FieldCipher, new_key
from storage.models import Visibility, WantedPerson
from tests.bot.cli.support import demo_config, run
from tests.support.media import phone_jpeg


def _security(config: Path, data_keys: dict[str, str], current: str, index_key: str) -> None:
    keys = ", ".join(f'{key_id} = "{value}"' for key_id, value in data_keys.items())
    text = config.read_text(encoding="utf-8").split("[security]")[0]
    config.write_text(
        f'{text}[security]\ndata_keys = {{ {keys} }}\ncurrent_key_id = "{current}"\n'
        f'index_key = "{index_key}"\n',
        encoding="utf-8",
    )


def _new_key(config: Path | None = None) -> str:
    """The data key `jingmin keys new` prints on standard output (TOML, as pasted)."""
    args = ["--config", str(config)] if config else []
    pasted = tomllib.loads(CliRunner().invoke(cli, [*args, "keys", "new"]).stdout)
    return str(pasted["data_keys"][pasted["current_key_id"]])


def test_a_rotation_ends_with_the_old_key_removed(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    dev = tomllib.loads((tmp_path / "keys.toml").read_text(encoding="utf-8"))
    old, index_key = dev["data_keys"]["dev1"], dev["index_key"]
    code, shown = run(config, "keys", "status")
    assert code == 0 and "dev1 (current):" in shown, shown

    new = _new_key(config)
    assert len(base64.b64decode(new)) == 32
    _security(config, {"dev1": old, "k2": new}, "k2", index_key)
    code, shown = run(config, "keys", "status")
    assert "run `jingmin keys reseal` to stop needing dev1" in shown, shown

    code, shown = run(config, "keys", "reseal")
    assert code == 0 and "re-encrypted" in shown, shown
    assert "no value needs dev1: it can be removed from data_keys" in shown
    assert "already sealed with the current key" in run(config, "keys", "reseal")[1]

    _security(config, {"k2": new}, "k2", index_key)
    code, venues = run(config, "venue", "list")
    assert code == 0 and "悦来旅馆" in venues, venues


def test_removing_a_key_still_needed_is_refused_in_one_line(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    dev = tomllib.loads((tmp_path / "keys.toml").read_text(encoding="utf-8"))
    _security(config, {"k2": _new_key(config)}, "k2", dev["index_key"])
    code, shown = run(config, "keys", "reseal")
    assert code != 0 and "written with key 'dev1'" in shown and "Traceback" not in shown, shown


def test_keys_set_after_a_start_on_development_keys_say_how_to_carry_them_over(
    tmp_path: Path,
) -> None:
    # The usual order: set up and import on the generated keys, configure real ones later.
    config = demo_config(tmp_path)
    dev = tomllib.loads((tmp_path / "keys.toml").read_text(encoding="utf-8"))
    own = _new_key(config)
    _security(config, {"k1": own}, "k1", _new_key(config))
    text = config.read_text(encoding="utf-8")
    config.write_text(f'{text}dev_key_file = "{tmp_path}/keys.toml"\n', encoding="utf-8")

    code, shown = run(config, "people", "list")
    assert code == 1
    assert f"written with the development keys in {tmp_path}/keys.toml" in shown, shown
    assert "set index_key to that file's index_key" in shown
    assert "jingmin keys reseal" in shown

    # Done as told, the data is readable again and moves to the station's own key.
    _security(config, {"dev1": dev["data_keys"]["dev1"], "k1": own}, "k1", dev["index_key"])
    assert run(config, "people", "list")[0] == 0
    code, shown = run(config, "keys", "reseal")
    assert code == 0 and "no value needs dev1" in shown, shown


def test_status_says_a_development_key_is_one(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, shown = run(config, "keys", "status")
    assert code == 0
    assert f"dev1 is a development key, generated in {tmp_path}/keys.toml" in shown, shown
    assert "Before real data arrives, set [security] data_keys" in shown

    dev = tomllib.loads((tmp_path / "keys.toml").read_text(encoding="utf-8"))
    _security(config, dev["data_keys"], "dev1", dev["index_key"])  # the same keys, configured
    code, shown = run(config, "keys", "status")
    assert code == 0 and "development key" not in shown, shown


def test_keys_new_prints_what_a_first_setup_pastes(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["keys", "new"])
    assert result.exit_code == 0
    # The whole block on standard output: `keys new > keys.txt` had kept the data key
    # alone and lost the index key, which went to standard error.
    security = tomllib.loads(result.stdout)
    key = security["data_keys"]["k1"]
    assert len(base64.b64decode(key)) == 32 and security["current_key_id"] == "k1"
    assert len(base64.b64decode(security["index_key"])) == 32 and security["index_key"] != key
    assert key not in result.stderr and "index_key = " not in result.stderr
    assert "First setup" in result.stderr and "keys reseal" in result.stderr
    # What it says to paste is a complete set of keys.
    config = tmp_path / "config.toml"
    config.write_text(f"[security]\n{result.stdout}", encoding="utf-8")
    assert load_settings(config, environ={}).security.data_keys == {"k1": key}


def test_keys_set_on_a_database_without_personal_data_say_to_start_again(
    tmp_path: Path,
) -> None:
    """The server started once on development keys, nothing personal written yet: the way
    forward is a fresh database, not the development index key kept for good."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/cli.db"\n'
        f'[security]\ndev_key_file = "{tmp_path}/keys.toml"\n',
        encoding="utf-8",
    )
    assert run(config, "db", "upgrade")[0] == 0

    async def start_as_the_server_does() -> None:
        async with open_services(load_settings(config, environ={}), dev_keys=True):
            pass

    asyncio.run(start_as_the_server_does())
    assert run(config, "station", "add", "--code", "S001", "--name", "城关派出所")[0] == 0
    own = _new_key(config)
    _security(config, {"k1": own}, "k1", _new_key(config))
    text = config.read_text(encoding="utf-8")
    config.write_text(f'{text}dev_key_file = "{tmp_path}/keys.toml"\n', encoding="utf-8")
    code, shown = run(config, "station", "list")
    assert code == 1 and "holds no personal data yet: start again with an empty database" in shown
    assert "set index_key to that file's index_key" not in shown


def test_new_with_keys_configured_proposes_the_next_id_and_keeps_the_others(
    tmp_path: Path,
) -> None:
    config = demo_config(tmp_path)
    first = _new_key(config)
    second = _new_key(config)
    _security(config, {"k1": first, "k2": second}, "k2", first)

    result = CliRunner().invoke(cli, ["--config", str(config), "keys", "new"])
    assert result.exit_code == 0, result.output
    pasted = tomllib.loads(result.stdout)
    keys = pasted["data_keys"]
    assert pasted["current_key_id"] == "k3" and len(base64.b64decode(keys["k3"])) == 32
    # The kept keys are placeholders: no old key value is ever printed.
    assert keys["k1"] == "<keep your k1 value>" and keys["k2"] == "<keep your k2 value>"
    assert first not in result.output and second not in result.output
    told = result.stderr
    assert "replace the data_keys and current_key_id lines" in told
    assert "put back the values of k1, k2" in told
    assert keys["k3"] not in told and "First setup" not in told
    assert "index_key = " not in told  # never a new one once set
    # Pasted as told (`k3 = …` alone under [security] had been an unknown key, and a
    # second current_key_id line a TOML duplicate), the config loads with k3 current.
    text = config.read_text(encoding="utf-8")
    kept = {"k1": first, "k2": second}
    lines = [line for line in text.splitlines() if not line.startswith(("data_keys", "current_"))]
    filled = result.stdout
    for key_id, value in kept.items():
        filled = filled.replace(f"<keep your {key_id} value>", value)
    config.write_text("\n".join(lines) + "\n" + filled, encoding="utf-8")
    security = load_settings(config, environ={}).security
    assert security.data_keys == {**kept, "k3": keys["k3"]} and security.current_key_id == "k3"


def test_keys_new_says_to_keep_the_file_holding_the_keys_private(tmp_path: Path) -> None:
    first = CliRunner().invoke(cli, ["keys", "new"])
    assert "chmod 600 config.toml" in first.stderr
    config = demo_config(tmp_path)
    key = tomllib.loads(first.stdout)["data_keys"]["k1"]
    _security(config, {"k1": key}, "k1", key)
    rotation = CliRunner().invoke(cli, ["--config", str(config), "keys", "new"])
    assert "k2 = " in rotation.stdout and "chmod 600 config.toml" in rotation.stderr


def test_sealed_pictures_are_part_of_the_rotation(tmp_path: Path) -> None:
    # Internal card renders and list sheets are sealed files: a rotation that only saw the
    # columns let the old key be removed while they still needed it, and they never opened.
    config = demo_config(tmp_path)
    media = tmp_path / "media"  # demo_config's
    dev = tomllib.loads((tmp_path / "keys.toml").read_text(encoding="utf-8"))
    old, index_key = dev["data_keys"]["dev1"], dev["index_key"]
    picture = b"\x89PNG an internal card"
    sha = MediaStore(media, cipher=FieldCipher.from_config({"dev1": old}, "dev1")).put_sealed(
        picture
    )
    new = new_key()
    _security(config, {"dev1": old, "k2": new}, "k2", index_key)
    code, shown = run(config, "keys", "reseal")
    assert code == 0 and "re-sealed 1 media files with k2" in shown, shown
    assert "no value needs dev1: it can be removed from data_keys" in shown, shown
    code, shown = run(config, "keys", "status")
    assert "k2 (current)" in shown and "media files 1" in shown, shown

    retired = MediaStore(media, cipher=FieldCipher.from_config({"k2": new}, "k2"))
    assert retired.get(sha) == picture


def test_status_counts_sealed_pictures_under_their_key(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    media = tmp_path / "media"  # demo_config's
    dev = tomllib.loads((tmp_path / "keys.toml").read_text(encoding="utf-8"))
    old, index_key = dev["data_keys"]["dev1"], dev["index_key"]
    cipher = FieldCipher.from_config({"dev1": old}, "dev1")
    MediaStore(media, cipher=cipher).put_sealed(b"\x89PNG a card")
    MediaStore(media, cipher=cipher).put_sealed(b"\x89PNG a sheet")
    _security(config, {"dev1": old, "k2": new_key()}, "k2", index_key)
    code, shown = run(config, "keys", "status")
    assert code == 0 and "media files 2" in shown, shown
    assert "run `jingmin keys reseal` to stop needing dev1" in shown, shown


def test_an_internal_cards_photo_stored_plain_is_sealed_by_the_reseal(tmp_path: Path) -> None:
    # Photos stored before they were sealed: status says so, reseal seals them with the
    # current key (and makes the files private), and the old key can go.
    config = demo_config(tmp_path)
    media = tmp_path / "media"  # demo_config's
    dev = tomllib.loads((tmp_path / "keys.toml").read_text(encoding="utf-8"))
    old, index_key = dev["data_keys"]["dev1"], dev["index_key"]
    face = MediaStore(media).accept_image(phone_jpeg())
    MediaStore(media).path(face.sha256).chmod(0o644)

    async def on_the_internal_cards() -> None:
        async with (
            open_services(load_settings(config, environ={})) as services,
            services.sessions() as session,
        ):
            internal = WantedPerson.visibility == Visibility.INTERNAL
            await session.exec(
                update(WantedPerson).where(internal).values(photos=dump([face.sha256]))
            )
            await session.commit()

    asyncio.run(on_the_internal_cards())
    new = new_key()
    _security(config, {"dev1": old, "k2": new}, "k2", index_key)
    code, shown = run(config, "keys", "status")
    assert "media files: 1 values not sealed yet: run `jingmin keys reseal`" in shown, shown
    code, shown = run(config, "keys", "reseal")
    assert code == 0 and "1 internal wanted photos sealed" in shown, shown
    assert "not sealed yet" not in shown, shown

    _security(config, {"k2": new}, "k2", index_key)
    stored = MediaStore(media).path(face.sha256)
    assert not stored.read_bytes().startswith(b"\xff\xd8")
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    retired = MediaStore(media, cipher=FieldCipher.from_config({"k2": new}, "k2"))
    face_now = retired.get(face.sha256)
    assert face_now is not None and face_now.startswith(b"\xff\xd8")
