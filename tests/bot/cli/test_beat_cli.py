"""`jingmin venue plate|export|import --update|contact|history|risk`, `incident import`,
`worklog export`, as a station's IT staff use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from tests.bot.cli.support import demo_config, run


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return demo_config(tmp_path)


def test_every_new_command_has_help() -> None:
    for args in (
        ["venue", "plate", "assign", "--help"],
        ["venue", "export", "--help"],
        ["venue", "contact", "--help"],
        ["venue", "history", "--help"],
        ["venue", "risk", "set", "--help"],
        ["venue", "risk", "import", "--help"],
        ["incident", "import", "--help"],
        ["worklog", "export", "--help"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "Usage" in result.output, args


def test_plates_contacts_export_and_update(config: Path, tmp_path: Path) -> None:
    for name in ("幸福里 7 号", "幸福里 9 号"):
        added = run(config, "venue", "add", "--kind", "出租屋", "--name", name, "--beat", "east")
        assert added[0] == 0
    code, out = run(config, "venue", "plate", "assign", "--dry-run")
    assert code == 0 and "2 plate(s) would be assigned" in out
    code, out = run(config, "venue", "plate", "assign")
    assert code == 0 and "100002\t幸福里 7 号" in out and "100003\t幸福里 9 号" in out
    assert "0 plate(s) assigned" in run(config, "venue", "plate", "assign")[1]
    landlord = ("--name", "张三", "--phone", "13812345678", "--role", "房东")
    code, out = run(config, "venue", "contact", "100002", *landlord)
    assert code == 0 and "contact added" in out
    code, out = run(config, "venue", "contact", "100002", "--name", "张三", "--phone", "123")
    assert code == 1 and "手机号" in out

    exported = tmp_path / "venues.csv"
    code, out = run(config, "venue", "export", "-o", str(exported))
    assert code == 0 and "8 venue(s) written" in out
    text = exported.read_text(encoding="utf-8-sig")
    assert "138****5678" in text and "13812345678" not in text
    edited = text.replace("幸福里 7 号,,east", "幸福里 7 号,幸福里7号东门,east")
    assert edited != text
    exported.write_text(edited, encoding="utf-8")
    code, out = run(config, "venue", "import", str(exported), "--update")
    assert code == 0 and "added 0, updated 1, rejected 0" in out
    code, out = run(config, "venue", "history", "100002")
    assert code == 0 and "地址 空→幸福里7号东门" in out and "新增联系人" in out
    assert "门牌 空→100002" in out and "门牌编排" in out
    assert "100002" in run(config, "venue", "export")[1]


def test_department_risk(config: Path, tmp_path: Path) -> None:
    code, out = run(config, "venue", "risk", "set", "悦来旅馆", "红", "--reason", "上级通报")
    assert code == 0 and "combined colour red" in out
    assert run(config, "venue", "risk", "set", "悦来旅馆", "紫")[0] == 1
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "场所,风险等级,理由\n100001,橙,群租\n悦来旅馆,清除,\n无此场所,红,\n", encoding="utf-8"
    )
    code, out = run(config, "venue", "risk", "import", str(ratings))
    assert code == 0 and "added 1, updated 1, rejected 1" in out and "line 4" in out


def test_incident_import_and_worklog_export(config: Path, tmp_path: Path) -> None:
    incidents = tmp_path / "incidents.csv"
    incidents.write_text(
        "警情编号,时间,类型,地点,警务区\nA1,2026-11-20 21:30,盗窃,城东路,east\nA2,2026-11-21,纠纷,,west\n",
        encoding="utf-8",
    )
    code, out = run(config, "incident", "import", str(incidents))
    assert code == 0 and "added 2, updated 0, rejected 0" in out
    assert "added 0" in run(config, "incident", "import", str(incidents))[1]
    code, out = run(config, "worklog", "export", "--officer", "城东社区民警", "--month", "2026-11")
    assert code == 0 and out.lstrip("\ufeff").startswith("时间,民警,警务区,事项,对象,内容")
    code, out = run(config, "worklog", "export", "--officer", "无名", "--month", "2026-11")
    assert code == 1 and "no officer" in out
    code, out = run(config, "worklog", "export", "--officer", "城东社区民警", "--month", "11月")
    assert code == 2 and "YYYY-MM" in out
