"""Schema migrations (Alembic), callable from the CLI and tests.

Alembic's env.py calls `asyncio.run`, so these functions run in a worker thread when they are
called from inside an event loop.

Every command and every server start asks whether the schema is at this code's newest
revision. Importing Alembic and reading its scripts to know that revision took 0.15 s of
CPU (on a slow core) at each start, so the answer is recorded beside the scripts
(`HEAD_FILE`, written by `make migration` through `record_head`) with the names of the
scripts it was recorded over, and the version table is read with one query. Alembic is
asked only when the scripts are not the recorded ones or the database is at another
revision; `db upgrade` uses it as always.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

if TYPE_CHECKING:
    from alembic.config import Config

_SCRIPTS = Path(__file__).parent / "migrations"
#: The newest revision and the scripts it was found in (`record_head`).
HEAD_FILE = _SCRIPTS / "head.json"
#: Alembic's table of the revision a database is at (its default name; env.py keeps it).
_VERSION_TABLE = "alembic_version"
#: How long a start waits for the database before saying it cannot reach it.
CONNECT_SECONDS = 10.0


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def revision(url: str, message: str) -> None:
    """Developers: generate a migration from the models (`make migration m="..."`)."""
    from alembic import command

    command.revision(alembic_config(url), message=message, autogenerate=True)
    record_head()


def head() -> str | None:
    """The latest revision this version of jingmin knows."""
    recorded = _recorded_head()
    return recorded if recorded is not None else _scripts_head()


def record_head() -> None:
    """Write `HEAD_FILE` for the scripts as they are now (after adding a migration)."""
    found = {"head": _scripts_head(), "scripts": _scripts_digest()}
    HEAD_FILE.write_text(json.dumps(found, indent=2) + "\n", "utf-8")


def _scripts_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(_SCRIPTS)).get_current_head()


def _recorded_head() -> str | None:
    """The recorded newest revision, or None when there is no record or the scripts are
    not the ones it was made over (a migration added or removed since): Alembic is then
    asked."""
    try:
        found = json.loads(HEAD_FILE.read_bytes())
        recorded, scripts = found["head"], found["scripts"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(recorded, str) or scripts != _scripts_digest():
        return None
    return recorded


def _scripts_digest() -> str:
    """The names of the migration scripts, hashed: a script added or removed changes it."""
    names = sorted(path.name for path in (_SCRIPTS / "versions").glob("*.py"))
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


class UpgradeRefused(Exception):
    """The upgrade would leave the database inconsistent (rows whose foreign keys point
    nowhere); it was rolled back."""


class Unusable(Exception):
    """The database cannot be used at all: unreachable, a wrong password, no such database."""


async def unusable(url: str, setting: str = "[database] url") -> str | None:
    """Why this database cannot be used at all, or None (its schema is not looked at).
    `setting` is where the URL came from, for the message."""
    try:
        await _reachable_revision(url, setting)
    except Unusable as exc:
        return str(exc)
    return None


async def not_ready(url: str) -> str | None:
    """Why a server or command should not use this database (unreachable, never migrated,
    or migrated to another version than this code's), or None when it is ready."""
    try:
        current = await _reachable_revision(url)
    except Unusable as exc:
        return str(exc)
    if current is None:
        return "the database has no schema yet: run `jingmin db upgrade` first"
    latest = head()
    if current != latest:
        # Said only once Alembic agrees: a record left stale cannot stop a start.
        latest = _scripts_head()
    if current != latest:
        return (
            f"the database schema is at {current}, this version needs {latest}: "
            "run `jingmin db upgrade` (or start the matching version of jingmin)"
        )
    return None


async def current_revision(url: str) -> str | None:
    """The revision the database is at (None: no schema yet)."""
    return await _current_revision(url)


async def _reachable_revision(url: str, setting: str = "[database] url") -> str | None:
    try:
        async with asyncio.timeout(CONNECT_SECONDS):
            return await _current_revision(url)
    except (OSError, TimeoutError) as exc:
        reason = str(exc) or type(exc).__name__
        raise Unusable(f"cannot reach the database ({setting}): {reason}") from None
    except Exception as exc:  # the driver's own errors: wrong password, no such database
        cause = getattr(exc, "orig", None) or exc
        reason = str(cause).strip() or type(cause).__name__
        raise Unusable(
            f"cannot use the database ({setting}): {reason}{_way_forward(cause, url)}"
        ) from None


#: PostgreSQL's SQLSTATEs for invalid_catalog_name, and for invalid_authorization_specification
#: (no such role) and invalid_password.
_NO_SUCH_DATABASE = "3D000"
_WRONG_LOGIN = ("28000", "28P01")


def _way_forward(cause: BaseException, url: str) -> str:
    """What to do about PostgreSQL's refusals that the station's IT staff meets first: the
    database not created yet, a user or password other than the server's. Never the password."""
    # SQLAlchemy's adapted error carries the driver's own, with PostgreSQL's SQLSTATE.
    state = getattr(cause.__cause__ or cause, "sqlstate", None)
    parts = make_url(url)
    if state == _NO_SUCH_DATABASE:
        return (
            f"; create it first (createdb -h {parts.host or 'localhost'} -p {parts.port or 5432}"
            f" -U {parts.username or 'postgres'} {parts.database}), then run "
            "`jingmin db upgrade`"
        )
    if state in _WRONG_LOGIN:
        return (
            "; check USER and PASSWORD in the url (postgresql+asyncpg://USER:PASSWORD@HOST:5432/DB):"
            " a role of the database server, with its password"
        )
    return ""


async def _current_revision(url: str) -> str | None:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_revision_of)
    finally:
        await engine.dispose()


def _revision_of(conn: Connection) -> str | None:
    """The version table's one revision, read with one query; Alembic reads a table
    holding several (branches jingmin never makes), and says what is wrong with it."""
    if not inspect(conn).has_table(_VERSION_TABLE):
        return None
    found = conn.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).scalars().all()
    if len(found) <= 1:
        return found[0] if found else None
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def stamp_head(conn: Connection) -> None:
    """Record a schema made from the models (tests) as the latest version, which it is."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(_SCRIPTS))
    MigrationContext.configure(conn).stamp(script, "head")
