"""Misspelt `JINGMIN_*` variables are named at start, with the setting likely meant.

They had been dropped without a word: `JINGMIN_TELEGRAM_BOT_TOKEN` set nothing, and Telegram
simply did not start."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.env_names import DIRECT_NAMES, is_setting

REPO = Path(__file__).resolve().parents[2]
SECRET = "123456789:AAE-not-to-be-logged"


def warnings_for(caplog: pytest.LogCaptureFixture, **environ: str) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.config"):
        load_settings("/dev/null", environ=environ)  # whatever JINGMIN_CONFIG says
    return [record.getMessage() for record in caplog.records]


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("JINGMIN_TELEGRAM_BOT_TOKEN", "JINGMIN_TELEGRAM__BOT_TOKEN"),
        ("JINGMIN_WECOM_SECRET", "JINGMIN_WECOM__SECRET"),
        ("JINGMIN_WECHAT_MP_APP_SECRET", "JINGMIN_WECHAT_MP__APP_SECRET"),
        ("JINGMIN_WECOM_SECERT", "JINGMIN_WECOM__SECRET"),  # and a typo besides
        ("jingmin_database__url", "JINGMIN_DATABASE__URL"),  # names are case-sensitive
        ("JINGMIN_LAW_INDX", "JINGMIN_LAW_INDEX"),  # one read directly
    ],
)
def test_a_misspelt_variable_is_named_with_the_one_meant(
    caplog: pytest.LogCaptureFixture, name: str, meant: str
) -> None:
    said = warnings_for(caplog, **{name: SECRET})
    assert said == [f"{name} is ignored: jingmin reads no such variable; did you mean {meant}?"]


def test_a_variable_like_no_setting_says_what_a_setting_looks_like(
    caplog: pytest.LogCaptureFixture,
) -> None:
    [said] = warnings_for(caplog, JINGMIN_PASSWORD=SECRET)
    assert said.startswith("JINGMIN_PASSWORD is ignored: jingmin reads no such variable")
    assert "JINGMIN_SECTION__KEY, two underscores between section and key" in said
    assert "\n" not in said


def test_a_variable_with_an_empty_key_is_named(caplog: pytest.LogCaptureFixture) -> None:
    [said] = warnings_for(caplog, JINGMIN_TELEGRAM__=SECRET)
    assert said.startswith("JINGMIN_TELEGRAM__ is ignored")


def test_values_are_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    said = warnings_for(caplog, JINGMIN_TELEGRAM_BOT_TOKEN=SECRET, JINGMIN_X=SECRET)
    assert len(said) == 2 and not any(SECRET in line for line in said)


def test_a_test_suite_variable_is_never_offered_as_the_one_meant(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """JINGMIN_TEST_DATABASE_URI had been told 「did you mean JINGMIN_TEST_DATABASE_URL?」,
    a variable only the test suite reads."""
    [said] = warnings_for(caplog, JINGMIN_TEST_DATABASE_URI=SECRET)
    assert said.startswith("JINGMIN_TEST_DATABASE_URI is ignored"), said
    assert "JINGMIN_TEST_DATABASE_URL" not in said, said


def test_settings_and_variables_read_directly_are_not_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    environ = dict.fromkeys(DIRECT_NAMES, "/dev/null")
    environ |= {"JINGMIN_SERVER__PORT": "8106", "PATH": "/usr/bin", "JINGMINX": "1"}
    assert warnings_for(caplog, **environ) == []


def test_every_variable_the_code_reads_is_known() -> None:
    """A variable read through os.environ and missing from DIRECT_NAMES would be called
    misspelt at every start."""
    quoted = re.compile(r"""["'](JINGMIN_[A-Z0-9_]*[A-Z0-9])["']""")
    found: dict[str, Path] = {}
    for folder in ("bot", "handlers", "knowledge", "scheduler", "storage", "tests", "bench"):
        for path in (REPO / folder).rglob("*.py"):
            if path == Path(__file__):  # the misspellings above
                continue
            for name in quoted.findall(path.read_text(encoding="utf-8")):
                found.setdefault(name, path)
    read_directly = {name: path for name, path in found.items() if not is_setting(name)}
    assert "JINGMIN_LAW_INDEX" in read_directly  # the scan sees knowledge/paths.py
    assert set(read_directly) <= DIRECT_NAMES, read_directly
