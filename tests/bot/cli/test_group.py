"""`jingmin group`: group robots and `/绑定群` codes, as a station's IT staff use them."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.groups import bind_group
from storage.models.base import utcnow
from tests.bot.cli.support import demo_config, run


def test_group_code_errors_are_in_english_like_the_rest_of_the_command_line(
    tmp_path: Path,
) -> None:
    config = demo_config(tmp_path)
    code, out = run(config, "group", "code", "--kind", "旅馆")
    assert code == 1 and "Error: a group code needs --beat" in out and "--venue" in out, out
    code, more = run(config, "group", "code", "--beat", "nowhere")
    assert code == 1 and "no beat with code, name or id 'nowhere'" in more, more
    out += more.split("; beats:", 1)[0]  # the beats' own names are Chinese
    code, more = run(config, "group", "code", "--venue", "nowhere")
    assert code == 1 and "no venue with id, plate or name 'nowhere'" in more, more
    out += more
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out), out
    code, made = run(config, "group", "code", "--beat", "east")
    assert code == 0 and "/绑定群 " in made, made


def test_group_list_names_each_groups_beat_by_its_code(tmp_path: Path) -> None:
    """It had shown beat=1, the database id, where --beat is given the code."""
    config = demo_config(tmp_path)
    key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
    assert (
        run(config, "group", "add", "--key", key, "--name", "东区旅馆群", "--beat", "east")[0] == 0
    )
    other = key.replace("693a", "7b4c")
    assert run(config, "group", "add", "--key", other, "--name", "未分区群")[0] == 0
    code, out = run(config, "group", "list")
    assert code == 0, out
    by_name = {line.split("\t")[3]: line.split("\t") for line in out.splitlines() if "\t" in line}
    assert by_name["东区旅馆群"][4] == "beat=east", out
    assert by_name["未分区群"][4] == "beat=none", out


def test_group_list_names_the_venue_a_group_is_bound_to(tmp_path: Path) -> None:
    """A rental's group was listed as beat and kind alone, as if it were for every rental
    of the beat."""
    config = demo_config(tmp_path)
    code, made = run(config, "group", "code", "--venue", "100001")
    assert code == 0, made

    async def bind() -> None:  # as `/绑定群 CODE` sent in a Telegram group does
        engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path}/cli.db")
        async with AsyncSession(engine) as session:
            await bind_group(
                session, made.split()[0], channel="telegram", chat_id="-100", name="", now=utcnow()
            )
            await session.commit()
        await engine.dispose()

    asyncio.run(bind())
    code, out = run(config, "group", "list")
    assert code == 0, out
    assert out.split("\t")[-1].strip() == "venue=幸福里 3 号出租屋 plate=100001", out
