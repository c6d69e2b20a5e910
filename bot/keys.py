"""Build the field cipher and blind index from settings.

With no keys configured (a demo or a developer's machine) a key file is generated under
`var/` with a warning; a production station sets `[security]` keys or `JINGMIN_SECURITY__*`.
"""

from __future__ import annotations

import functools
import logging
import tomllib
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import ConfigError, SecuritySettings
from storage.crypto import BlindIndex, CryptoError, FieldCipher, new_key
from storage.models import GuestStay, KeyCheck, Tenancy, WantedPerson

log = logging.getLogger(__name__)


def _dev_keys(path: Path) -> tuple[dict[str, str], str, str]:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "# Generated development keys. Do NOT use in production: configure [security].\n"
            f'current_key_id = "dev1"\nindex_key = "{new_key()}"\n\n'
            f'[data_keys]\ndev1 = "{new_key()}"\n',
            encoding="utf-8",
        )
        path.chmod(0o600)
    return _read_dev_keys(path)


def _read_dev_keys(path: Path) -> tuple[dict[str, str], str, str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data["data_keys"], data["current_key_id"], data["index_key"]


class NoKeys(ConfigError):
    """No [security] keys, and this command may not make development keys."""


def load_keys(
    settings: SecuritySettings, *, create_dev: bool = True
) -> tuple[FieldCipher, BlindIndex]:
    """The configured keys, or the development keys (made when `create_dev`: the server
    and the demo; any other command refuses rather than seal a station's data with them)."""
    data_keys, current, index_key = settings.data_keys, settings.current_key_id, settings.index_key
    if not data_keys and not index_key:
        path = Path(settings.dev_key_file)
        if not create_dev and not path.exists():
            raise NoKeys(
                "no [security] keys configured: set data_keys, current_key_id and index_key "
                "in config.toml first (`jingmin keys new` prints them); development keys "
                f"are made only by `jingmin demo seed` and `jingmin serve`, and there are "
                f"none in {path.absolute()}. For the demo's database, point the command at "
                "its files as `make run` does: JINGMIN_CONFIG=/dev/null "
                "JINGMIN_DATABASE__URL=sqlite+aiosqlite:///var/demo.db "
                "JINGMIN_SECURITY__DEV_KEY_FILE=var/demo-keys.toml"
            )
        _warn_dev_keys(path)
        data_keys, current, index_key = _dev_keys(path)
    try:
        return FieldCipher.from_config(data_keys, current), BlindIndex.from_config(index_key)
    except CryptoError as exc:
        raise ConfigError(f"config error: security: {exc}") from None


@functools.cache
def _warn_dev_keys(path: Path) -> None:
    # Once a process: `serve` loads the keys for its start-up checks and again for the
    # application, and one warning is the same news said twice.
    log.warning(
        "no [security] keys configured: using development keys from %s "
        "(personal data is only as safe as that file)",
        path,
    )


_CHECK_TEXT = "jingmin key check"
_CHECK_COLUMN = "key_check.sealed"


async def check_keys(
    session: AsyncSession,
    cipher: FieldCipher,
    index: BlindIndex,
    dev_key_file: Path | None = None,
) -> None:
    """Raise `ConfigError` if these keys are not the ones the database was written with;
    the first process to start records what its keys make of a fixed text.

    `dev_key_file`: the development key file of a station that has since configured its
    own keys; if the database was written with those, the error says how to carry them over."""
    row = await session.get(KeyCheck, 1)
    if row is None:
        # The first to start on a database that already holds data (one from before this
        # check) must read that data, or it would write its own keys in as the right ones.
        await _read_existing(session, cipher, index)
        session.add(
            KeyCheck(
                sealed=cipher.encrypt(_CHECK_TEXT, _CHECK_COLUMN),
                blind_index=index(_CHECK_TEXT, _CHECK_COLUMN),
            )
        )
        try:
            await session.commit()
        except IntegrityError:  # another process wrote it a moment ago: check against it
            await session.rollback()
            await check_keys(session, cipher, index, dev_key_file)
        return
    if index(_CHECK_TEXT, _CHECK_COLUMN) != row.blind_index:
        if dev_key_file is not None and _written_with_dev_keys(dev_key_file, row):
            raise ConfigError(await _carry_over(session, dev_key_file))
        raise ConfigError(
            "security: index_key is not the key this database was written with; "
            "wanted-list matches would silently fail. Use the server's [security] keys "
            "(or its JINGMIN_SECURITY__* environment) for this command too"
        )
    try:
        cipher.decrypt(row.sealed, _CHECK_COLUMN)
    except CryptoError:
        key_id = row.sealed.partition(":")[0]
        if dev_key_file is not None and _written_with_dev_keys(dev_key_file, row):
            raise ConfigError(await _carry_over(session, dev_key_file)) from None
        raise ConfigError(
            f"security: data_keys cannot read this database (it was written with key "
            f"{key_id!r}); use the server's [security] keys, and keep old keys listed "
            "after a rotation"
        ) from None


def _written_with_dev_keys(path: Path, row: KeyCheck) -> bool:
    """Whether the development key file at `path` is what wrote the key check `row`."""
    try:
        index_key = _read_dev_keys(path)[2]
        index = BlindIndex.from_config(index_key)
    except (OSError, KeyError, tomllib.TOMLDecodeError, CryptoError):
        return False
    return bool(index(_CHECK_TEXT, _CHECK_COLUMN) == row.blind_index)


async def _carry_over(session: AsyncSession, path: Path) -> str:
    # Stations set up first and given their own keys later: the data written so far stays
    # readable only with the development keys, and the index key can never change.
    if not await _holds_sealed_values(session):
        # Nothing personal to keep: carrying the development index key over would bind the
        # station to a key kept in a plain file for good.
        return (
            f"security: this database was written with the development keys in {path}, "
            "not with your [security] keys, but it holds no personal data yet: start again "
            "with an empty database (move the database file away, run `jingmin db upgrade` "
            "and the setup commands again with your keys), rather than keeping the "
            "development index key"
        )
    return (
        f"security: this database was written with the development keys in {path}, not "
        "with your [security] keys. Keep them: set index_key to that file's index_key, "
        "list its dev1 data key in data_keys beside yours (current_key_id your own), then "
        "run `jingmin keys reseal` (see docs/operations.md, Rotating the data key); or "
        "start again with an empty database"
    )


async def _holds_sealed_values(session: AsyncSession) -> bool:
    """Whether anything but the key check itself is sealed in the database."""
    from storage.reseal import sealed_columns

    for column in sealed_columns():
        if column.name == _CHECK_COLUMN:
            continue
        value = column.table.c[column.column]
        query = select(func.count()).select_from(column.table)
        if (await session.exec(query.where(value.is_not(None), value != ""))).one():
            return True
    return False


async def _read_existing(session: AsyncSession, cipher: FieldCipher, index: BlindIndex) -> None:
    """Decrypt one stored ID number and compare its blind index: `ConfigError` if these
    keys were not the ones it was written with."""
    for model, table in (
        (GuestStay, "guest_stay"),
        (Tenancy, "tenancy"),
        (WantedPerson, "wanted_person"),
    ):
        query = select(model.doc_no_enc, model.doc_no_idx).where(col(model.doc_no_enc).is_not(None))
        found = (await session.exec(query.limit(1))).first()
        if found is None:
            continue
        sealed, indexed = found
        if sealed is None:
            continue
        try:
            number = cipher.decrypt(sealed, f"{table}.doc_no")
        except CryptoError:
            raise ConfigError(
                "security: data_keys cannot read this database's registrations; use the "
                "server's [security] keys (or its JINGMIN_SECURITY__* environment)"
            ) from None
        if indexed and index(number, "doc_no") != indexed:
            raise ConfigError(
                "security: index_key is not the key this database was written with; "
                "wanted-list matches would silently fail"
            )
        return
