"""`jingmin people`: IT staff see who holds a role and take one away."""

from __future__ import annotations

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
    code, shown = run(config, "people", "revoke", "1", "--yes")
    assert code == 0 and "officer -> resident" in shown
    # The demo's only officer: nobody is left to tell.
    assert "the station has no officer or admin now" in shown

    code, listed = run(config, "people", "list", "--role", "owner")
    assert [line.split("\t")[4] for line in listed.splitlines()[1:]] == [
        "悦来旅馆",
        "幸福里 3 号出租屋",
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
    code, listed = run(config, "people", "list", "--role", "admin")  # the demo has no admin
    assert code == 0
    assert "no admin is bound yet: `jingmin invite --role officer --beat …`" in listed, listed
