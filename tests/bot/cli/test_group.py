"""`jingmin group`: group robots and `/绑定群` codes, as a station's IT staff use them."""

from __future__ import annotations

from pathlib import Path

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
