"""`jingmin invite list|revoke`: the codes made, and voiding one sent to the wrong person."""

from __future__ import annotations

from pathlib import Path

from tests.bot.cli.support import demo_config, run


def test_invite_list_shows_each_code_made_and_revoke_voids_an_unused_one(
    tmp_path: Path,
) -> None:
    config = demo_config(tmp_path)
    code, out = run(config, "invite", "--role", "officer", "--beat", "east", "--name", "城东民警")
    assert code == 0, out
    printed = out.splitlines()[0]
    assert run(config, "invite", "--role", "owner", "--venue", "1")[0] == 0

    code, out = run(config, "invite", "list")
    assert code == 0, out
    header, *rows = out.splitlines()
    assert header == "no\trole\tfor\tname\tmade\tvalid until\tstate"
    officer = next(row.split("\t") for row in rows if "城东民警" in row)
    assert officer[1] == "officer" and officer[-1] == "unused"
    assert printed not in out  # only a hash is kept: the code is never printed again

    code, out = run(config, "invite", "revoke", printed.lower())  # as typed, any case
    assert code == 0, out
    assert f"invite {officer[0]} (officer) revoked" in out
    assert run(config, "invite", "list")[1].count("unused, expired or revoked") == 1
    code, out = run(config, "invite", "revoke", officer[0])
    assert code == 0 and "can no longer be used already" in out


def test_invite_revoke_of_an_unknown_code_says_where_to_find_the_numbers(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, out = run(config, "invite", "revoke", "ABCD-EFGH")
    assert code == 1
    assert "no invite code 'ABCD-EFGH'" in out and "jingmin invite list" in out
    code, out = run(config, "invite", "list")
    assert code == 0 and out.startswith("no\trole")


def test_invite_without_a_role_or_subcommand_says_what_is_missing(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    code, out = run(config, "invite")
    assert code == 2 and "--role is needed to make a code" in out
