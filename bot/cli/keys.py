"""`jingmin keys new|status|reseal`: rotate the data key and retire the old one."""

from __future__ import annotations

import re
import time
from pathlib import Path

import click

from bot.cli.progress import progress_bar
from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from bot.media import MediaStore
from bot.media_keys import MEDIA_FILES, media_key_usage, reseal_media
from handlers.wanted.media_upkeep import put_right
from handlers.wanted.photo_sealing import internal_photos, plain_photos
from storage.crypto import FieldCipher, new_key
from storage.reseal import ResealError, count_stale, key_usage, reseal

#: A file written under the usual umask 022 is readable by every user of the machine.
KEEP_PRIVATE = (
    "Keep the file holding the keys private to the server's user: chmod 600 config.toml\n"
    "(`jingmin serve` warns at start while others can read it)."
)


@click.group()
def keys() -> None:
    """Data keys: make one, see which the database needs, re-encrypt with the current one."""


@keys.command()
@click.pass_context
def new(ctx: click.Context) -> None:
    """Print a fresh data key (base64 of 32 random bytes) and where it goes.

    Standard output holds exactly what to paste, so that `jingmin keys new > keys.txt`
    keeps all of it: a complete [security] block when no keys are configured yet,
    otherwise the data_keys and current_key_id lines that replace those of the config
    (the kept keys as placeholders: old key values are never printed). What to do with it
    is on standard error.
    """
    try:
        security = settings_from(ctx, quiet=True).security
        data_keys, current = security.data_keys, security.current_key_id
    except click.ClickException as exc:  # e.g. half a [security] block, which this completes
        click.echo(f"(the config cannot be read: {exc.message})", err=True)
        data_keys, current = {}, ""
    key = new_key()
    if not data_keys:
        click.echo(
            "First setup (no keys yet): in config.toml, replace the data_keys, current_key_id\n"
            "and index_key lines under [security] with the three printed on standard output,\n"
            "before any command but `jingmin db upgrade`; keep a copy somewhere safe (lost\n"
            "keys, unreadable data).",
            err=True,
        )
        # The index key goes with the data key: a redirect that kept only one line had
        # lost it, and every blind index is computed with it.
        click.echo(
            f'data_keys = {{ k1 = "{key}" }}\ncurrent_key_id = "k1"\nindex_key = "{new_key()}"'
        )
        click.echo(
            f"\n{KEEP_PRIVATE}\n\n"
            "Rotation (keys already set): run `jingmin keys new` with the station's config;\n"
            "it prints the data_keys and current_key_id lines that replace these, and then\n"
            "`jingmin keys reseal` re-encrypts the data.",
            err=True,
        )
        return
    key_id = next_key_id(data_keys)
    kept = ", ".join(sorted(data_keys))
    # Whole lines, as they replace the config's: a bare `k2 = …` under [security] was an
    # unknown key, and a second current_key_id line a TOML duplicate.
    entries = [f'{k} = "<keep your {k} value>"' for k in sorted(data_keys)]
    entries.append(f'{key_id} = "{key}"')
    click.echo(f'data_keys = {{ {", ".join(entries)} }}\ncurrent_key_id = "{key_id}"')
    click.echo(
        f"\nRotation (keys configured: {kept}, current {current}):\n"
        "  1. in config.toml, replace the data_keys and current_key_id lines under\n"
        "     [security] with the two above\n"
        f"  2. put back the values of {kept} where they say <keep your … value> (the data\n"
        "     is sealed with them); leave index_key as it is (it can never change)\n"
        "  3. restart every server, then run `jingmin keys reseal`\n"
        f"{KEEP_PRIVATE}",
        err=True,
    )


def next_key_id(data_keys: dict[str, str]) -> str:
    """`k` and one more than the highest number ending a configured id (dev1, k2: k3)."""
    numbers = [int(m.group()) for key_id in data_keys if (m := re.search(r"\d+$", key_id))]
    number = max(numbers, default=0) + 1
    while f"k{number}" in data_keys:
        number += 1
    return f"k{number}"


def _describe(usage_by_key: dict[str, dict[str, int]], current: str) -> None:
    for key_id, columns in usage_by_key.items():
        total = sum(columns.values())
        label = f"{key_id} (current)" if key_id == current else key_id
        where = ", ".join(f"{name} {n:,}" for name, n in sorted(columns.items()))
        click.echo(f"{label}: {total:,} values" + (f" ({where})" if where else ""))


async def _status(settings: Settings) -> None:
    async with open_services(settings) as services, services.sessions() as session:
        usage = await key_usage(session, services.cipher)
        photos = await internal_photos(session)
    current = services.cipher.current_key_id
    # Sealed pictures need their key as much as columns do.
    pictures, unreadable = media_key_usage(_media(settings, services.cipher))
    for key_id, n in pictures.items():
        usage.by_key[key_id][MEDIA_FILES] = n
    if unreadable:
        usage.unreadable[MEDIA_FILES] = unreadable
    # An internal card's photos stored before they were sealed (`keys reseal` seals them).
    plain = plain_photos(_media(settings, services.cipher), photos)
    if plain:
        usage.plaintext[MEDIA_FILES] = len(plain)
    _describe(usage.by_key, current)
    for name, n in sorted(usage.unreadable.items()):
        click.echo(f"{name}: {n:,} values sealed with a key that is not configured")
    for name, n in sorted(usage.plaintext.items()):
        click.echo(f"{name}: {n:,} values not sealed yet: run `jingmin keys reseal`")
    old = [key_id for key_id in usage.by_key if key_id != current]
    needed = [key_id for key_id in old if usage.total(key_id)]
    if needed:
        click.echo(f"run `jingmin keys reseal` to stop needing {', '.join(needed)}")
    unused = [key_id for key_id in old if not usage.total(key_id)]
    if unused:
        click.echo(
            f"no value needs {', '.join(unused)}: it can be removed from data_keys "
            "(keep it with backups taken before the reseal, which still need it)"
        )
    security = settings.security
    if not security.data_keys and not security.index_key:
        click.echo(
            f"{current} is a development key, generated in {security.dev_key_file}: personal "
            "data is only as safe as that file. Before real data arrives, set [security] "
            "data_keys, current_key_id and index_key (`jingmin keys new` makes each key; "
            'README, "Keys")'
        )


@keys.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """How many sealed values each data key holds, and which old keys can be removed."""
    run(_status, settings_from(ctx))


async def _reseal(settings: Settings, batch: int) -> None:
    async with open_services(settings) as services:
        cipher = services.cipher
        async with services.sessions() as session:
            total = await count_stale(session, cipher)
        pictures, unopened = reseal_media(_media(settings, cipher))
        if pictures or unopened:
            click.echo(f"re-sealed {pictures:,} media files with {cipher.current_key_id}")
        if unopened:
            click.echo(f"{unopened:,} media files do not open with the configured keys")
        # What older versions left in the media folder (handlers.wanted.media_upkeep).
        upkeep = await put_right(services)
        for n, what in (
            (upkeep.sealed, "internal wanted photos sealed"),
            (upkeep.tightened, "media files and folders made private (0600/0700)"),
            (upkeep.sheets, "old /通缉 list sheets deleted"),
            (upkeep.orphans, "old media files nothing names deleted"),
            (upkeep.partials, "half-written media files deleted"),
            (upkeep.folders, "empty media folders removed"),
        ):
            if n:
                click.echo(f"{n:,} {what}")
        if not total:
            click.echo(
                f"every value is already sealed with the current key {cipher.current_key_id!r}"
            )
            return
        started = time.monotonic()
        with progress_bar(f"re-encrypting with {cipher.current_key_id}", total) as advance:
            async with services.sessions() as session:
                try:
                    done = await reseal(session, cipher, batch, advance)
                except ResealError as exc:
                    raise click.ClickException(str(exc)) from None
        rows = sum(done.values())
        click.echo(
            f"re-encrypted {rows:,} values in {len(done)} columns "
            f"in {time.monotonic() - started:.1f} s"
        )
    await _status(settings)


def _media(settings: Settings, cipher: FieldCipher) -> MediaStore:
    return MediaStore(Path(settings.storage.media_dir), cipher=cipher)


@keys.command(name="reseal")
@click.option("--batch", default=500, show_default=True, help="Rows per transaction.")
@click.pass_context
def reseal_command(ctx: click.Context, batch: int) -> None:
    """Re-encrypt every value sealed with an old data key with the current one.

    Make the new key current and restart every server first (servers may keep running
    while this runs). Afterwards `keys status` says which old keys can be removed.
    """
    run(_reseal, settings_from(ctx), batch)
