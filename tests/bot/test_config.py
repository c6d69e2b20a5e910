"""Settings: defaults, TOML, environment overrides, one-line errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, anchored_paths, load_settings
from tests.support.keys import INDEX_KEY, TEST_KEYS

#: A data key as `jingmin keys new` prints it.
KEY = TEST_KEYS["t1"]


def test_no_file_gives_working_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.server.port == 8080
    assert settings.database.url.startswith("sqlite+aiosqlite")
    assert settings.zone.key == "Asia/Shanghai"


def test_file_and_environment_combine(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[server]\nport = 9000\n[station]\nname = "城南派出所"\n', encoding="utf-8")
    env = {
        "JINGMIN_SERVER__PORT": "9100",
        "JINGMIN_SECURITY__DATA_KEYS": f'{{"k9": "{KEY}"}}',
        "JINGMIN_SECURITY__CURRENT_KEY_ID": "k9",
        "JINGMIN_SECURITY__INDEX_KEY": INDEX_KEY,
        "UNRELATED": "x",
    }
    settings = load_settings(config, environ=env)
    assert settings.server.port == 9100  # environment wins over the file
    assert settings.station.name == "城南派出所"
    assert settings.security.data_keys == {"k9": KEY}


def test_the_default_public_url_is_on_the_port_served(tmp_path: Path) -> None:
    """Startup had printed webhook addresses on port 8080 for a server on 8106."""
    config = tmp_path / "c.toml"
    config.write_text("[server]\nport = 9000\n", encoding="utf-8")
    assert load_settings(config, environ={}).server.public_url == "http://127.0.0.1:9000"
    env = {"JINGMIN_SERVER__PORT": "8106"}
    assert load_settings(config, environ=env).server.public_url == "http://127.0.0.1:8106"
    config.write_text('[server]\nport = 9000\npublic_url = "https://jm.example.cn"\n')
    assert load_settings(config, environ=env).server.public_url == "https://jm.example.cn"


def test_a_table_in_the_environment_that_is_not_json_is_named() -> None:
    # A shell line that pasted two lines of a key file into the JSON.
    env = {"JINGMIN_SECURITY__DATA_KEYS": '{"k1":"dev1\nabc=","k2":"xyz="}'}
    with pytest.raises(ConfigError, match="JINGMIN_SECURITY__DATA_KEYS is not valid JSON"):
        load_settings(environ=env)


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[server]\nport = 70000\n", "server.port"),
        ('[server]\nport = "eighty"\n', "server.port"),
        ("[sever]\nport = 1\n", "unknown key 'sever'"),
        ('[database]\nurl = "mysql://x"\n', "database.url: expected"),
        ('[station]\ntimezone = "Mars/Base"\n', "station.timezone: expected an IANA time zone"),
        ("[server\n", "not valid TOML"),
        ('[wanted]\ntime = "25:00"\n', "wanted.time: expected HH:MM"),
        ('[digest]\ntime = "7.30"\n', "digest.time: expected HH:MM"),
        ('[broadcast]\ndaily_time = "早上"\n', "broadcast.daily_time: expected"),
        ("[wanted]\ncards_per_day = 0\n", "wanted.cards_per_day"),
        ('[server]\npublic_url = "jingmin.example.cn"\n', "server.public_url: expected an"),
        # The colons of an unbracketed IPv6 address read as a port's.
        (
            '[server]\npublic_url = "http://::1:8080"\n',
            "server.public_url: ::1:8080 is an IPv6 address without brackets: "
            "write it as http://[ADDRESS]:PORT",
        ),
        ('[server]\npublic_url = "https://[2001:db8::1"\n', "server.public_url: expected an"),
        (
            '[server]\ntrusted_proxies = ["nginx"]\n',
            "server.trusted_proxies: 'nginx' is not an IP address",
        ),
    ],
)
def test_bad_config_is_one_line_naming_the_key(tmp_path: Path, toml: str, expected: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        # A typo got no suggestion, and a value of the wrong kind pydantic's own words
        # ("Input should be a valid integer, unable to parse string as an integer").
        (
            "[registration]\nretention_day = 30\n",
            "unknown key 'registration.retention_day'; did you mean 'retention_days'?",
        ),
        ("[registraton]\nretention_days = 30\n", "unknown key 'registraton'; did you mean"),
        (
            '[server]\nport = "80a"\n',
            "config error: server.port: expected a whole number, not '80a'",
        ),
        (
            '[server]\ndemo_roles = "maybe"\n',
            "server.demo_roles: expected true or false, not 'maybe'",
        ),
        # A data key written as text, not a table, had been echoed to the terminal and log.
        (
            '[security]\ndata_keys = "c2VjcmV0LWtleS1ieXRlcw=="\n',
            "security.data_keys: expected a table, key = { name = value }",
        ),
    ],
)
def test_a_typo_gets_a_suggestion_and_a_wrong_kind_of_value_a_plain_line(
    tmp_path: Path, toml: str, expected: str
) -> None:
    config = tmp_path / "c.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    assert expected in str(caught.value)
    assert "Input should be" not in str(caught.value)
    assert "c2VjcmV0" not in str(caught.value)  # no secret echoed


_MP = '[wechat_mp]\ntoken = "abc123"\napp_id = "wx1"\napp_secret = "s"\n'
_TELEGRAM = '[telegram]\nbot_token = "123:AAE"\nwebhook_secret = "s"\n'


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        # Two channels on one path: the server stopped with a traceback (or, where aiohttp
        # took both, the second channel never heard a thing).
        (
            f'{_MP}route = "/hook"\n{_TELEGRAM}route = "/hook"\n',
            "telegram.route /hook is also wechat_mp.route",
        ),
        (f'{_MP}route = "/healthz"\n', "wechat_mp.route /healthz is a path the server"),
        (f'{_TELEGRAM}route = "/webhooks/rest/webhook"\n', "telegram.route /webhooks/rest/webhook"),
        (f'{_MP}route = "/"\n', "wechat_mp.route / is a path the server itself answers"),
    ],
)
def test_channel_routes_must_differ(tmp_path: Path, toml: str, expected: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    assert not str(caught.value).startswith("config error: :")  # no empty key named
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_a_route_of_a_channel_that_is_off_is_not_checked(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[wechat_mp]\nroute = "/healthz"\n', encoding="utf-8")
    assert load_settings(config, environ={}).wechat_mp.route == "/healthz"


def test_missing_named_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_example_config_is_valid_and_documents_every_section(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    settings = load_settings(example, environ={})
    text = example.read_text(encoding="utf-8")
    for section in settings.model_dump():
        value = getattr(settings, section)
        if value is not None:
            assert f"[{section}]" in text, f"[{section}] is not documented"


def test_the_example_config_shows_each_keys_default() -> None:
    """Its header says so: a station that copies it changes only what it means to change
    (a made-up phone number had been told to residents)."""
    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    shown = load_settings(example, environ={}).model_dump(mode="json")
    # Its relative paths are taken from its own folder.
    assert shown == anchored_paths(Settings().model_dump(mode="json"), example.parent)


def test_a_bad_value_names_the_line_or_the_variable_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./config.toml
    path = tmp_path / "config.toml"
    path.write_text(
        '[server]\nhost = "0.0.0.0"\nport = "8o8o"\n\n[stations]\nname = "城关派出所"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    # Both mistakes at once, each with its line.
    port, stations = str(caught.value).splitlines()
    assert port.startswith("config error: server.port") and port.endswith(f"({path}, line 3)")
    assert "unknown key 'stations'" in stations and stations.endswith(f"({path}, line 5)")
    path.write_text('[server]\nhost = "0.0.0.0"\n\n[stations]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'stations'") as caught:
        load_settings(path, environ={})
    assert str(caught.value).endswith(f"({path}, line 4)"), caught.value
    # The same key from the environment: the file is not where to look.
    with pytest.raises(ConfigError, match=r"server\.port") as caught:
        load_settings(None, environ={"JINGMIN_SERVER__PORT": "8o8o"})
    port = str(caught.value).splitlines()[0]
    assert port.endswith("(from JINGMIN_SERVER__PORT)"), caught.value


def test_a_boolean_in_the_file_must_be_true_or_false(tmp_path: Path) -> None:
    """`enabled = "yes"` had quietly switched the robot channel on, and `echo = 1` the
    database log: pydantic reads such strings and numbers as booleans."""
    path = tmp_path / "config.toml"
    path.write_text(
        '[wecom_robot]\nenabled = "yes"\n[database]\necho = 1\n[scheduler]\nenabled = true\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    assert str(caught.value).splitlines() == [
        f"config error: wecom_robot.enabled: expected true or false, not 'yes' ({path}, line 2)",
        f"config error: database.echo: expected true or false, not 1 ({path}, line 4)",
    ]
    # The environment has only strings: JINGMIN_…=true is read as ever, and replaces the file's.
    env = {"JINGMIN_WECOM_ROBOT__ENABLED": "false", "JINGMIN_DATABASE__ECHO": "true"}
    settings = load_settings(path, environ=env)
    assert not settings.wecom_robot.enabled and settings.database.echo


def test_a_check_across_keys_names_its_key_once_at_its_line(tmp_path: Path) -> None:
    """It had read "scheduler: scheduler.delivery_lease_seconds must be …" at the line of
    [scheduler]."""
    path = tmp_path / "config.toml"
    path.write_text("[scheduler]\nenabled = true\ndelivery_lease_seconds = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    message = str(caught.value)
    assert message.startswith(
        "config error: scheduler.delivery_lease_seconds must be at least 10 (got 2)"
    ), message
    assert message.endswith(f"({path}, line 3)"), message


@pytest.mark.parametrize("toml", [None, '[station]\nname = "城关派出所"\n'])
def test_a_misspelt_section_in_a_variable_names_the_variable(
    tmp_path: Path, toml: str | None
) -> None:
    """It had blamed config.toml, which has no [databse], or, with no file, named nothing."""
    path = None
    if toml is not None:
        path = tmp_path / "config.toml"
        path.write_text(toml, encoding="utf-8")
    env = {"JINGMIN_DATABSE__URL": "sqlite+aiosqlite:///x.db", "JINGMIN_DATABSE__ECHO": "1"}
    with pytest.raises(ConfigError, match="unknown key 'databse'; did you mean 'database'") as e:
        load_settings(path, environ=env)
    assert str(e.value).endswith("(from JINGMIN_DATABSE__ECHO, JINGMIN_DATABSE__URL)"), e.value


def test_a_section_the_file_also_has_is_still_found_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[server]\nport = 1\n\n[databse]\nurl = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'databse'") as caught:
        load_settings(path, environ={"JINGMIN_DATABSE__ECHO": "1"})
    assert str(caught.value).endswith(f"({path}, line 4)"), caught.value


def test_relative_paths_in_a_config_file_are_taken_from_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jingmin --config ../station/config.toml` run elsewhere used ./var of wherever it ran."""
    station = tmp_path / "station"
    station.mkdir()
    config = station / "config.toml"
    config.write_text(
        '[database]\nurl = "sqlite+aiosqlite:///var/jingmin.db"\n'
        '[security]\ndev_key_file = "var/dev-keys.toml"\n'
        '[storage]\nmedia_dir = "var/media"\n[law]\nindex_dir = "/srv/law-index"\n',
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings = load_settings("../station/config.toml", environ={})
    assert settings.database.url == f"sqlite+aiosqlite:///{station}/var/jingmin.db"
    assert settings.security.dev_key_file == f"{station}/var/dev-keys.toml"
    assert settings.storage.media_dir == f"{station}/var/media"
    assert settings.law.index_dir == "/srv/law-index"  # absolute: as written


def test_relative_paths_from_the_environment_stay_relative_to_the_current_folder(
    tmp_path: Path,
) -> None:
    # `make run`: JINGMIN_CONFIG=/dev/null and var/demo.db for the folder it runs in.
    env = {
        "JINGMIN_CONFIG": "/dev/null",
        "JINGMIN_DATABASE__URL": "sqlite+aiosqlite:///var/demo.db",
        "JINGMIN_SECURITY__DEV_KEY_FILE": "var/demo-keys.toml",
    }
    settings = load_settings(environ=env)
    assert settings.database.url == "sqlite+aiosqlite:///var/demo.db"
    assert settings.security.dev_key_file == "var/demo-keys.toml"
    assert settings.storage.media_dir == "var/media"


def test_an_unquoted_text_value_says_to_quote_it(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[server]\npublic_url = https://jingmin.example.cn\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    assert "Invalid value (at line 2, column 14)" in str(caught.value)
    assert str(caught.value).endswith('text values need quotes: key = "…"')


@pytest.mark.parametrize(
    ("security", "key", "line", "said"),
    [
        (
            f'data_keys = {{ k1 = "{KEY}" }}\ncurrent_key_id = "k1"\nindex_key = ""\n',
            "index_key",
            4,
            "empty",
        ),
        (f'index_key = "{INDEX_KEY}"\n', "index_key", 2, "data_keys is empty"),
        (
            f'data_keys = {{ k1 = "{KEY}" }}\nindex_key = "{INDEX_KEY}"\n',
            "current_key_id",
            1,
            "'' is not one",
        ),
    ],
    # Fixed ids: the keys are fresh per process, and xdist workers must collect the same names.
    ids=["empty-index-key", "no-data-keys", "no-current-key-id"],
)
def test_half_a_set_of_keys_names_the_file_and_line(
    tmp_path: Path, security: str, key: str, line: int, said: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[security]\n{security}", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    message = str(caught.value)
    assert message.startswith(f"config error: security.{key}: ") and said in message
    assert "`jingmin keys new`" in message and f"({config}, line {line})" in message


def test_every_mistake_is_named_in_one_run_with_where_it_was_given(tmp_path: Path) -> None:
    """Four channel mistakes had taken four runs to find, one error per run."""
    config = tmp_path / "config.toml"
    config.write_text(
        '[wechat_mp]\ntoken = 5\napp_id = "wx1"\n[wecom]\nagent_id = "1000002a"\n'
        '[telegram]\nbot_tokn = "123:AAE"\n',
        encoding="utf-8",
    )
    env = {"JINGMIN_WECOM_ROBOT__ENABLED": "maybe"}
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ=env)
    lines = str(caught.value).splitlines()
    assert len(lines) == 4, lines
    assert all(line.startswith("config error: ") for line in lines)
    said = "\n".join(lines)
    assert f'wechat_mp.token: expected text in quotes, key = "…" ({config}, line 2)' in said
    assert f"wecom.agent_id: expected a whole number, not '1000002a' ({config}, line 5)" in said
    assert "unknown key 'telegram.bot_tokn'; did you mean 'bot_token'?" in said
    assert f"({config}, line 7)" in said
    assert "wecom_robot.enabled: expected true or false" in said
    assert "(from JINGMIN_WECOM_ROBOT__ENABLED)" in said


def test_an_index_key_copied_without_its_padding_says_so_at_its_line(tmp_path: Path) -> None:
    """The key had been refused later, as "key 'index_key' is not valid base64", with no
    file, no line, and nothing about the "=" a copy had left behind."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[security]\ndata_keys = {{ k1 = "{KEY}" }}\ncurrent_key_id = "k1"\n'
        f'index_key = "{INDEX_KEY.rstrip("=")}"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    message = str(caught.value)
    assert message == (
        "config error: security.index_key: not valid base64: its trailing '=' is missing "
        "(a key is 44 characters ending in =); copy the whole value between the quotes "
        f"({config}, line 4)"
    )
    assert INDEX_KEY.rstrip("=") not in message  # a secret is never echoed


@pytest.mark.parametrize(
    ("security", "said"),
    [
        ('data_keys = { k1 = "not a key!" }', "security.data_keys: data key 'k1': not valid"),
        ('data_keys = { k1 = "c2hvcnQ=" }', "data key 'k1': 5 bytes, not 32"),
        # Pasted from a chat app with its curly quote (had said only "string argument should
        # contain only ASCII characters", without the way to a good key).
        ('data_keys = { k1 = "c2hvcnQ=”" }', "data key 'k1': not valid base64"),
    ],
)
def test_a_data_key_that_is_no_key_is_named_at_its_line(
    tmp_path: Path, security: str, said: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[security]\n{security}\ncurrent_key_id = "k1"\nindex_key = "{INDEX_KEY}"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    assert said in str(caught.value) and f"({config}, line 2)" in str(caught.value)
    assert "jingmin keys new" in str(caught.value)
