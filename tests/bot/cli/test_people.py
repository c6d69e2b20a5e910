"""`jingmin people`: IT staff see who holds a role and take one away."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.bot.cli.support import demo_config, run


def test_list_then_revoke_an_officer_and_one_venue_of_an_owner(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, listed = run(config, "people", "list")
    assert code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in listed.splitlines()[1:]}
    assert rows["1"][1:4] == ["officer", "城东社区民警", "城东警务区"]
    assert rows["2"][4] == "悦来旅馆、枫林民宿"

    code, shown = run(config, "people", "revoke", "2", "--venue", "枫林民宿", "--yes")
    assert code == 0 and "owner -> owner; no longer responsible for 枫林民宿" in shown, shown
    code, shown = run(config, "people", "revoke", "6", "--yes")  # the demo's station head
    assert code == 0 and "admin -> resident" in shown, shown
    code, shown = run(config, "people", "revoke", "1", "--yes")
    assert code == 0 and "officer -> resident" in shown
    # The demo's only officer, its head gone too: nobody is left to tell.
    assert "the station has no officer or admin now" in shown

    code, listed = run(config, "people", "list", "--role", "owner")
    assert [line.split("\t")[4] for line in listed.splitlines()[1:]] == [
        "悦来旅馆",
        "幸福里 3 号出租屋",
        "极速网吧",
    ]
    code, shown = run(config, "people", "revoke", "1", "--yes")
    assert code == 1 and "person 1 is a resident" in shown and "Traceback" not in shown
    code, shown = run(config, "people", "revoke", "99", "--yes")
    assert code == 1 and "there is no person 99" in shown
    code, shown = run(config, "people", "revoke", "3", "--venue", "无此场所", "--yes")
    assert code == 1 and "Traceback" not in shown, shown


def test_revoke_asks_first(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, shown = run(config, "people", "revoke", "1")  # no input: the answer is no
    assert code == 1 and "Aborted" in shown
    assert "\tofficer\t" in run(config, "people", "list")[1]


def test_the_prompt_names_who_would_lose_the_role(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, shown = run(config, "people", "revoke", "1")
    assert "revoke every role of person 1, officer 城东社区民警 (城东警务区)?" in shown, shown
    code, shown = run(config, "people", "revoke", "2", "--venue", "枫林民宿")
    assert "revoke venue 枫林民宿 of person 2, owner" in shown, shown
    assert "(悦来旅馆、枫林民宿)?" in shown
    # A mistyped id is refused at once, not after a question about nobody.
    code, shown = run(config, "people", "revoke", "99")
    assert code == 1 and "there is no person 99" in shown and "[y/N]" not in shown, shown


def test_an_empty_list_says_how_to_bind_someone(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, shown = run(config, "people", "revoke", "6", "--yes")  # the demo's only admin
    assert code == 0, shown
    code, listed = run(config, "people", "list", "--role", "admin")
    assert code == 0
    assert "no admin is bound yet: `jingmin invite --role officer --beat …`" in listed, listed


def test_owners_invited_without_a_name_are_told_apart_by_when_they_bound(
    tmp_path: Path,
) -> None:
    """Such an owner was listed as `3\towner\t\t\t幸福里 3 号出租屋\tweb`, and the prompt
    read `revoke every role of person 3, owner  (…)?`."""
    config = demo_config(tmp_path)
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        conn.execute("UPDATE person SET display_name = '' WHERE id = 3")
        (account,) = conn.execute("SELECT id FROM account WHERE person_id = 3").fetchone()
        conn.execute(
            "INSERT INTO invite (code_hash, role, venue_id, display_name, created_at, "
            "expires_at, used_at, used_by_account_id) VALUES ('x', 'owner', 3, '', "
            "'2026-11-27 01:00:00', '2026-11-30 01:00:00', '2026-11-28 02:30:00', ?)",
            (account,),
        )
    code, listed = run(config, "people", "list")
    rows = {line.split("\t")[0]: line.split("\t") for line in listed.splitlines()[1:]}
    assert code == 0 and rows["3"][2] == "(no name, bound 2026-11-28 10:30)"  # Asia/Shanghai
    _code, shown = run(config, "people", "revoke", "3")
    assert "revoke every role of person 3, owner (no name, bound 2026-11-28 10:30) (" in shown
