"""`jingmin audit`: IT staff answer "who looked at this guest's record" without SQL."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

from click.testing import CliRunner
from sqlmodel import select

from bot.cli.main import cli
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.validators.masking import mask_stored_id_number
from storage.models import AuditEvent, Person, Role
from tests.bot.cli.support import demo_config, run
from tests.support.admin import bound_admin
from tests.support.chat import Chat
from tests.support.keys import INDEX_KEY, TEST_KEYS
from tests.support.seed import GUEST_ID, Seeded

PHONE = "13800001111"
GUEST = ("登记", "王强", "身份证", GUEST_ID, PHONE, "302", "现在", "跳过", "确认")


def _config(services: Services, tmp_path: Path) -> Path:
    """A config file on the test's own database and keys."""
    keys = ", ".join(f'{k} = "{v}"' for k, v in TEST_KEYS.items())
    path = tmp_path / "audit.toml"
    path.write_text(
        f'[database]\nurl = "{services.settings.database.url}"\n'
        f'[storage]\nmedia_dir = "{tmp_path}/media"\n'
        f'[security]\ndata_keys = {{ {keys} }}\ncurrent_key_id = "t1"\nindex_key = "{INDEX_KEY}"\n',
        encoding="utf-8",
    )
    return path


async def _audit(config: Path, *args: str) -> tuple[int, str]:
    # The command runs its own event loop: in a thread of its own, beside the test's.
    result = await asyncio.to_thread(
        CliRunner().invoke, cli, ["--config", str(config), "audit", *args]
    )
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


def _rows(listed: str) -> list[list[str]]:
    return [line.split("\t") for line in listed.splitlines()[1:]]


async def test_who_looked_at_a_guest_newest_first_and_never_their_id_number(
    services: Services,
    dispatcher: Dispatcher,
    seeded: Seeded,
    tmp_path: Path,
) -> None:
    owner, officer = Chat(dispatcher, "owner"), Chat(dispatcher, "officer")
    assert "登记成功" in await owner.say_all(*GUEST)
    await officer.say("/查人 王强")
    [opened, *_] = officer.buttons()
    assert "姓名：王强" in await officer.say(opened)
    stay = opened.removeprefix("/查人 旅客")
    config = _config(services, tmp_path)

    code, listed = await _audit(config, "--subject", f"guest_stay:{stay}")
    assert code == 0, listed
    assert listed.splitlines()[0] == "time\tperson\tname\trole\taction\tsubject\tdetail"
    rows = _rows(listed)
    # The full view, then the masked list it was opened from; newest first, station time.
    assert [r[4] for r in rows] == ["查看登记详情", "查人（列表，打码）"]
    assert rows[0][1:4] == [str(seeded.officer.id), "一号民警", "民警"]
    assert rows[0][5] == f"guest_stay:{stay}" and rows[1][5] == f"registration:旅客{stay}"
    assert rows[0][0].endswith("10:00:00")  # 02:00 UTC is 10:00 in Asia/Shanghai
    for secret in ("王强", GUEST_ID, mask_stored_id_number(GUEST_ID), PHONE):
        assert secret not in listed

    # By the officer's name, by action, by day; the command rows only when asked for.
    code, by_name = await _audit(config, "--person", "一号民警", "--action", "view")
    assert [r[4] for r in _rows(by_name)] == ["查看登记详情"]
    code, commands = await _audit(config, "--action", "command", "--limit", "1")
    assert len(_rows(commands)) == 1 and _rows(commands)[0][4].startswith("命令 ")
    code, before = await _audit(config, "--until", "2026-11-22")
    assert code == 0 and _rows(before) == []
    code, today = await _audit(config, "--since", "2026-11-23", "--until", "2026-11-23")
    assert [r[4] for r in _rows(today)] == ["查看登记详情", "查人（列表，打码）"]

    # Every reading was itself written down.
    async with services.sessions() as session:
        query = select(AuditEvent).where(AuditEvent.action == "view:audit").order_by("id")
        reads = (await session.exec(query)).all()
    assert len(reads) == 5 and reads[0].subject_id == stay and reads[0].person_id is None


async def test_csv_for_a_spreadsheet(
    services: Services, dispatcher: Dispatcher, seeded: Seeded, tmp_path: Path
) -> None:
    async with services.sessions() as session:
        session.add(
            AuditEvent(
                person_id=seeded.officer.id,
                action="view:hit",
                subject_kind="tenancy",
                subject_id="3",
                at=services.clock(),
            )
        )
        await session.commit()
    code, written = await _audit(_config(services, tmp_path), "--csv")
    assert code == 0 and written.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(written.removeprefix("\ufeff"))))
    assert rows[0] == ["时间", "人员编号", "姓名", "身份", "事项", "动作", "对象", "说明"]
    officer = str(seeded.officer.id)
    assert rows[1][1:] == [officer, "一号民警", "民警", "查看比中详情", "view:hit", "tenancy:3", ""]


def test_bad_filters_are_one_clear_line(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, said = run(config, "audit", "--person", "无此人")
    assert code == 1 and "no person with id or name '无此人'" in said and "Traceback" not in said
    code, said = run(config, "audit", "--subject", "12")
    assert code == 2 and "expected KIND:ID" in said
    code, said = run(config, "audit", "--since", "11-30")
    assert code == 2 and "expected YYYY-MM-DD" in said
    code, said = run(config, "audit")
    assert code == 0 and said.splitlines()[0].startswith("time\tperson")


async def test_a_reading_on_the_command_line_is_in_the_station_head_s_log(
    services: Services, dispatcher: Dispatcher, seeded: Seeded, tmp_path: Path
) -> None:
    """`jingmin audit` writes its reading down, but a station's head had never seen it:
    /审计 listed only what the station's own people did, and the command line is no one."""
    chief = await bound_admin(services, dispatcher)
    async with services.sessions() as session:
        admin = (await session.exec(select(Person).where(Person.role == Role.ADMIN))).one()
        admin.station_id = seeded.station.id
        session.add(admin)
        await session.commit()
    code, _listed = await _audit(_config(services, tmp_path), "--subject", "guest_stay:1")
    assert code == 0
    latest = await chief.say("/审计")
    assert "命令行　查看审计日志　旅客1" in latest, latest
    assert "命令行　查看审计日志" in await chief.say("/审计 旅客1")
