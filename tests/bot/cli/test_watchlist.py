"""`jingmin watchlist list|capture|revoke`: the wanted list from the command line, masked."""

from __future__ import annotations

from pathlib import Path

from tests.bot.cli.support import demo_config, run


def test_watchlist_list_masks_names_and_document_numbers(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, out = run(config, "watchlist", "list")
    assert code == 0, out
    header, first, *_rest = out.splitlines()
    assert header == "no\tname\tdoc_no\tstatus\tvisibility\tupdated"
    number, name, doc_no, status, visibility, _updated = first.split("\t")
    assert number == "TJ-0001" and status == "active" and visibility == "internal"
    assert name.startswith("演") and set(name[1:]) == {"*"}  # the demo's 演示人员…
    assert doc_no == "**************1239"  # as stored: the tail only


def test_capture_and_revoke_close_a_card_as_the_chat_does(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, out = run(config, "watchlist", "capture", "TJ-0001")  # asked first: not confirmed
    assert code == 1 and "mark TJ-0001 演" in out and "as captured?" in out
    assert "\tactive\t" in run(config, "watchlist", "list")[1].splitlines()[1]

    code, out = run(config, "watchlist", "capture", "TJ-0001", "--yes", "--note", "在火车站抓获")
    assert code == 0, out
    assert out.startswith("TJ-0001 演") and "marked captured" in out
    code, out = run(config, "watchlist", "list", "--status", "captured")
    assert [row.split("\t")[0] for row in out.splitlines()[1:]] == ["TJ-0001"]

    code, out = run(config, "watchlist", "revoke", "1", "--yes", "--reason", "重复录入")
    assert code == 1 and "TJ-0001 is captured already" in out
    code, out = run(config, "watchlist", "revoke", "2", "--yes")
    assert code == 2 and "--reason" in out  # as /通缉 撤销 asks for 原因
    code, out = run(config, "watchlist", "revoke", "2", "--yes", "--reason", "重复录入")
    assert code == 0 and "TJ-0002" in out and "marked revoked" in out
    code, out = run(config, "watchlist", "revoke", "99", "--yes", "--reason", "x")
    assert code == 1 and "no card TJ-0099: `jingmin watchlist list` shows the cards" in out
