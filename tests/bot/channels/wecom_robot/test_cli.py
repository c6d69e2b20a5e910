"""`jingmin group add|code|list`."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from click.testing import CliRunner, Result
from sqlmodel import select

from bot.cli.main import cli
from bot.context import Services
from storage.models import ChatGroup, VenueKind
from tests.support.seed import Seeded

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"


def write_config(services: Services, path: Path) -> Path:
    security = services.settings.security
    config = path / "config.toml"
    config.write_text(
        f"[database]\nurl = {json.dumps(services.settings.database.url)}\n"
        f"[security]\ncurrent_key_id = {json.dumps(security.current_key_id)}\n"
        f"index_key = {json.dumps(security.index_key)}\n"
        f"data_keys = {{ {', '.join(f'{k} = {json.dumps(v)}' for k, v in security.data_keys.items())} }}\n",
        encoding="utf-8",
    )
    return config


async def jingmin(config: Path, *args: str) -> Result:
    # The command runs its own event loop: give it a thread.
    return await asyncio.to_thread(
        CliRunner().invoke, cli, ["--config", str(config), *args], catch_exceptions=False
    )


async def test_add_a_robot_group(services: Services, seeded: Seeded, tmp_path: Path) -> None:
    config = write_config(services, tmp_path)
    url = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}"
    added = await jingmin(
        config,
        "group",
        "add",
        "--key",
        url,
        "--name",
        "一号旅馆群",
        "--beat",
        "b1",
        "--kind",
        "旅馆",
    )
    assert added.exit_code == 0, added.output
    async with services.sessions() as session:
        group = (await session.exec(select(ChatGroup))).one()
    assert (group.channel, group.chat_id, group.name) == ("wecom_robot", KEY, "一号旅馆群")
    assert group.beat_id == seeded.beat.id and group.venue_kind is VenueKind.HOTEL
    listed = await jingmin(config, "group", "list")
    assert "693a91…" in listed.output and KEY not in listed.output


async def test_bad_kind_and_beat(services: Services, seeded: Seeded, tmp_path: Path) -> None:
    config = write_config(services, tmp_path)
    bad_kind = await jingmin(config, "group", "add", "--key", KEY, "--name", "x", "--kind", "酒吧")
    assert bad_kind.exit_code != 0 and "kind '酒吧' is not one of 旅馆、民宿" in bad_kind.output
    bad_beat = await jingmin(config, "group", "add", "--key", KEY, "--name", "x", "--beat", "zz")
    assert bad_beat.exit_code != 0 and "no beat" in bad_beat.output
    bad_key = await jingmin(config, "group", "add", "--key", "abc", "--name", "x")
    assert bad_key.exit_code == 2 and "webhook address" in bad_key.output


async def test_group_code(services: Services, seeded: Seeded, tmp_path: Path) -> None:
    made = await jingmin(write_config(services, tmp_path), "group", "code", "--beat", "b1")
    assert made.exit_code == 0 and "/绑定群" in made.output


async def test_adding_a_group_while_robots_are_off_says_so(
    services: Services, seeded: Seeded, tmp_path: Path
) -> None:
    """Otherwise the group is saved, and its alerts fail in the outbox without a word."""
    config = write_config(services, tmp_path)
    added = await jingmin(config, "group", "add", "--key", KEY, "--name", "一号旅馆群")
    assert added.exit_code == 0 and "[wecom_robot] enabled is false" in added.stderr
    with config.open("a", encoding="utf-8") as file:
        file.write("[wecom_robot]\nenabled = true\n")
    again = await jingmin(config, "group", "add", "--key", KEY, "--name", "一号旅馆群")
    assert again.exit_code == 0 and again.stderr == ""
