"""Typed settings, read from TOML with secrets from `JINGMIN_*` environment variables.

Every key has a default so the server starts with no file at all. Wrong keys stop start-up
with one line each naming the key and where it was given (`ConfigError`), all of them at once,
because a station's IT staff must be able to fix a bad config without reading a traceback
and without one run per mistake.
"""

from __future__ import annotations

import datetime as dt
import difflib
import ipaddress
import json
import logging
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from bot.channels.telegram.settings import TelegramSettings
from bot.channels.wechat_mp.settings import WechatMpSettings
from bot.channels.wecom.settings import WecomSettings
from bot.channels.wecom_robot.settings import WecomRobotSettings
from bot.client_address import parse_networks
from bot.env_names import ENV_PREFIX, is_setting, setting_name, unused_warnings
from handlers.broadcast.settings import BroadcastSettings
from handlers.inspection.settings import InspectionSettings
from handlers.services.clock_setting import ClockSetting, clock_time
from handlers.services.intel_settings import DigestSettings, IncidentSettings, RiskSettings
from handlers.tips.settings import TipSettings
from handlers.wanted.settings import WantedSettings
from scheduler.settings import SchedulerSettings, lease_problem
from storage.crypto import key_problem

DEFAULT_CONFIG_FILE = Path("config.toml")

log = logging.getLogger(__name__)


class ConfigError(Exception):
    """Configuration problems, phrased as one line each naming the key and where it was set."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServerSettings(_Section):
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    #: Seconds in-flight requests get to finish on shutdown.
    shutdown_timeout: float = Field(default=10.0, ge=0)
    #: Server processes sharing the port (`jingmin serve --workers`); 0: one per CPU.
    workers: int = Field(default=1, ge=0, le=64)
    #: Largest request body accepted, in bytes.
    max_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)
    #: Public base URL, used in links the bot sends (cards, media). Default: this machine
    #: on `port` (the webhook addresses printed at startup had said 8080 whatever the port).
    public_url: str = "http://127.0.0.1:8080"
    #: Show the demo role switcher on the web chat page (demo stations only: it lets anyone
    #: act as the seeded officer and owners).
    demo_roles: bool = False
    #: The reverse proxies in front of the server (addresses or networks): only from them is
    #: X-Forwarded-For believed, for the client address of per-address limits.
    trusted_proxies: list[str] = Field(default_factory=list)
    #: The first day web chat tokens of before issue times are refused (see
    #: `bot.channels.rest.identity.LEGACY_TOKENS_UNTIL`): a year after the station upgraded.
    web_legacy_tokens_until: dt.date = dt.date(2027, 12, 1)

    @model_validator(mode="before")
    @classmethod
    def _local_url_on_its_port(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "public_url" not in data:
            port = str(data.get("port", "")).strip()
            # A port out of range is its own error; a URL made from it would be a second.
            if port.isdigit() and 1 <= int(port) <= 65535:
                return {**data, "public_url": f"http://127.0.0.1:{int(port)}"}
        return data

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        parse_networks(value)
        return value

    @field_validator("public_url")
    @classmethod
    def _absolute(cls, value: str) -> str:
        # Links in chats are opened on phones: jingmin.example.cn alone is no link.
        if not value.startswith(("http://", "https://")) or len(value.split("://", 1)[1]) < 1:
            raise ValueError("expected an address with its scheme, e.g. https://jingmin.example.cn")
        # In http://::1:8080 the colons of an IPv6 address read as a port's: every link and
        # console address built from it would be wrong.
        scheme, rest = value.split("://", 1)
        netloc = rest.split("/", 1)[0].rpartition("@")[2]
        if netloc.count(":") > 1 and not netloc.startswith("["):
            raise ValueError(
                f"{netloc} is an IPv6 address without brackets: write it as "
                f"{scheme}://[ADDRESS]:PORT, e.g. {scheme}://[2001:db8::1]:8080"
            )
        try:
            # Raises for an unclosed [ or a port that is no number.
            urlsplit(value).port  # noqa: B018
        except ValueError:
            raise ValueError(
                "expected an address like https://jingmin.example.cn or http://[2001:db8::1]:8080"
            ) from None
        return value.rstrip("/")

    @property
    def public_url_is_local(self) -> bool:
        """Whether public_url is this machine's own address (the default 127.0.0.1): a link
        built from it opens nothing on anyone else's phone."""
        host = urlsplit(self.public_url).hostname or ""
        if host == "localhost" or host.endswith(".localhost"):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:  # a name
            return False


class DatabaseSettings(_Section):
    url: str = "sqlite+aiosqlite:///var/jingmin.db"
    echo: bool = False

    @field_validator("url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "expected sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST:PORT/DB"
            )
        return value


class SecuritySettings(_Section):
    #: Data-encryption keys by key id, each 32 bytes in base64 (AES-256-GCM).
    #: The newest id named by `current_key_id` encrypts; all listed ids can decrypt.
    data_keys: dict[str, str] = Field(default_factory=dict)
    current_key_id: str = Field(default="", validate_default=True)
    #: Key for blind indexes (HMAC-SHA256), base64, 32 bytes. Never rotate it casually:
    #: every stored index would have to be recomputed.
    index_key: str = Field(default="", validate_default=True)
    #: Where a generated development key file is kept when no keys are configured.
    dev_key_file: str = "var/dev-keys.toml"
    #: Hours an invite code stays valid.
    invite_ttl_hours: int = Field(default=72, ge=1)

    @field_validator("data_keys", mode="after")
    @classmethod
    def _data_keys_are_keys(cls, value: dict[str, str]) -> dict[str, str]:
        for key_id, key in value.items():
            problem = key_problem(key)
            if problem:
                raise ValueError(f"data key {key_id!r}: {problem}")
        return value

    @field_validator("index_key", mode="after")
    @classmethod
    def _index_key_is_a_key(cls, value: str) -> str:
        problem = key_problem(value) if value else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("current_key_id", "index_key", mode="after")
    @classmethod
    def _complete(cls, value: str, info: ValidationInfo) -> str:
        """Keys are all set or none (development keys); half a set is a mistake to name."""
        data_keys = info.data.get("data_keys")
        if data_keys is None:  # data_keys itself is wrong: that error is the one to read
            return value
        new = "`jingmin keys new` prints a complete [security] block"
        if info.field_name == "current_key_id":
            if data_keys and value not in data_keys:
                listed = ", ".join(sorted(data_keys))
                raise ValueError(f"{value!r} is not one of the data_keys ({listed}); {new}")
            if not data_keys and value:
                raise ValueError(f"{value!r} names a data key, but data_keys is empty; {new}")
        elif data_keys and not value:
            raise ValueError(
                f"empty, but data_keys are set: a station needs its index key too; {new}"
            )
        elif value and not data_keys:
            raise ValueError(f"set, but data_keys is empty: add a data key; {new}")
        return value


class StationSettings(_Section):
    name: str = "示范派出所"
    timezone: str = "Asia/Shanghai"
    #: What a resident asking 派出所电话多少 or 派出所在哪 is told; empty: not said.
    phone: str = ""
    address: str = ""
    hours: str = ""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("expected an IANA time zone such as Asia/Shanghai") from exc
        return value


class FormSettings(_Section):
    #: Minutes an unfinished chat form is kept, from its last answer, before it expires
    #: with a notice: a day, so that one left to fetch a document is there to resume with
    #: 继续 (30 minutes had lost it). Its answers are encrypted; a week at most, since they
    #: may hold a guest's ID number that was never registered.
    expire_minutes: int = Field(default=24 * 60, ge=1, le=7 * 24 * 60)


class RateLimitSettings(_Section):
    #: Messages a user may send per minute before the bot asks them to slow down.
    per_user_per_minute: int = Field(default=60, ge=1)
    burst: int = Field(default=20, ge=1)


class RegistrationSettings(_Section):
    #: Days guest and tenant registrations are kept after check-out / move-out.
    retention_days: int = Field(default=180, ge=1)
    #: Days closed tips and reports (with their conversations) and questions to officers
    #: are kept after they were closed or answered.
    cases_retention_days: int = Field(default=365, ge=1)
    #: Days after check-in a guest with no expected check-out day counts as overdue if
    #: still not checked out (with one: from the day after it); what 仍在住 adds.
    overdue_days: int = Field(default=7, ge=1, le=90)
    #: Hours after submitting it an owner may void (作废登记) a guest registration made by
    #: mistake; later only the beat officer can.
    void_hours: int = Field(default=24, ge=1, le=168)
    #: When owners are reminded of overdue stays, station time.
    overdue_time: ClockSetting = "14:00"

    @property
    def overdue_at(self) -> dt.time:
        return clock_time(self.overdue_time)


class StorageSettings(_Section):
    #: Folder for received photos and rendered images, stored under their content hash.
    media_dir: str = "var/media"


class LawSettings(_Section):
    #: The statute index built by `jingmin law import` (loaded once at start).
    index_dir: str = "var/law-index"


#: Paths the server itself answers (`bot.app`, the web chat, CAP feeds): a channel's route
#: there would either stop the server at start or, worse, never be called.
SERVER_PATHS = ("/", "/healthz", "/metrics")
SERVER_PREFIXES = ("/static/", "/media/", "/webhooks/rest", "/api/")


class Settings(_Section):
    server: ServerSettings = ServerSettings()
    database: DatabaseSettings = DatabaseSettings()
    security: SecuritySettings = SecuritySettings()
    station: StationSettings = StationSettings()
    forms: FormSettings = FormSettings()
    rate_limit: RateLimitSettings = RateLimitSettings()
    registration: RegistrationSettings = RegistrationSettings()
    storage: StorageSettings = StorageSettings()
    law: LawSettings = LawSettings()
    telegram: TelegramSettings = TelegramSettings()
    wechat_mp: WechatMpSettings = WechatMpSettings()
    wecom: WecomSettings = WecomSettings()
    wecom_robot: WecomRobotSettings = WecomRobotSettings()
    risk: RiskSettings = RiskSettings()
    incidents: IncidentSettings = IncidentSettings()
    digest: DigestSettings = DigestSettings()
    tips: TipSettings = TipSettings()
    inspection: InspectionSettings = InspectionSettings()
    broadcast: BroadcastSettings = BroadcastSettings()
    wanted: WantedSettings = WantedSettings()
    scheduler: SchedulerSettings = SchedulerSettings()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.station.timezone)

    @model_validator(mode="after")
    def _routes_apart(self) -> Settings:
        """Each channel that is on needs a path of its own on this server."""
        taken: dict[str, str] = {}
        for section in ("wechat_mp", "wecom", "telegram"):
            channel = getattr(self, section)
            if not channel.enabled:
                continue
            route = channel.route
            if route in taken:
                raise ValueError(
                    f"{section}.route {route} is also {taken[route]}.route: give each channel "
                    "a path of its own (and enter that one on its console)"
                )
            if route in SERVER_PATHS or route.startswith(SERVER_PREFIXES):
                raise ValueError(
                    f"{section}.route {route} is a path the server itself answers; "
                    f"keep the default or choose another, such as /{section.replace('_', '/')}"
                )
            taken[route] = f"{section}"
        return self

    @model_validator(mode="after")
    def _delivery_lease_outlasts_calls(self) -> Settings:
        """A send is cut at half its outbox lease: half must outlast the longest platform
        call of a channel that is on (each channel sets its own `api_timeout`)."""
        timeouts = {
            f"{section}.api_timeout": channel.api_timeout
            for section in ("wechat_mp", "wecom", "wecom_robot")
            if (channel := getattr(self, section)).enabled
        }
        problem = lease_problem(self.scheduler.delivery_lease_seconds, timeouts)
        if problem is not None:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _wecom_corp_id(self) -> Settings:
        """The official account's AppID given as the 企业ID (both start with wx for old
        companies, so only this case is certain at start; WeCom's 40013 tells the rest)."""
        corp_id = self.wecom.corp_id
        if corp_id and corp_id.lower() == self.wechat_mp.app_id.lower():
            raise ValueError(
                f"wecom.corp_id {corp_id} is [wechat_mp] app_id, the official account's AppID; "
                "corp_id is the 企业ID from 我的企业 → 企业信息 → 企业ID (it starts with ww)"
            )
        return self


def _env_overrides(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """`JINGMIN_DATABASE__URL=...` sets `[database] url`; values stay strings for pydantic."""
    found: dict[str, dict[str, Any]] = {}
    for name, value in environ.items():
        if is_setting(name):
            section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
            found.setdefault(section, {})[key] = _env_value(name, value)
    return found


def _env_value(name: str, value: str) -> Any:
    """Tables (such as `data_keys`) are given as JSON objects in the environment."""
    if not value.startswith("{"):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        # Pydantic would only say "Input should be a valid dictionary" about the string.
        raise ConfigError(
            f"config error: {name} is not valid JSON ({exc.msg}, character {exc.pos + 1}); "
            f"""give a table as a JSON object: {name}='{{"k2": "..."}}'"""
        ) from None


def _merge(base: dict[str, Any], extra: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    merged = {k: dict(v) if isinstance(v, dict) else v for k, v in base.items()}
    for section, values in extra.items():
        current = merged.get(section)
        merged[section] = {**(current if isinstance(current, dict) else {}), **values}
    return merged


#: Pydantic's error types for a value of the wrong kind, as a station's IT staff would say
#: what was expected (its own text reads "unable to parse string as an integer").
_EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": 'text in quotes, key = "…"',
    "dict_type": "a table, key = { name = value }",
    "list_type": 'a list, key = ["…"]',
}


#: Keys whose values are secrets (the data keys, channel tokens and secrets, a database URL
#: with its password): an error names the key and what was expected, never the value.
_SECRET_KEY = re.compile(r"security|secret|token|key|password|url", re.IGNORECASE)


def _describe(first: ErrorDetails) -> str:
    key = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return (
            f"unknown key {key!r}{_did_you_mean(first['loc'])} (see config.example.toml "
            "for the keys there are)"
        )
    if first["type"] in _EXPECTED:
        expected = f"{key}: expected {_EXPECTED[first['type']]}"
        # A secret written in the wrong shape (data_keys = "…") is not echoed to the log.
        return expected if _SECRET_KEY.search(key) else f"{expected}, not {first['input']!r}"
    message = first["msg"].removeprefix("Value error, ")
    # A check across keys names its keys itself (`_about`).
    return message if not key or message.startswith(f"{key} ") else f"{key}: {message}"


def _did_you_mean(loc: tuple[int | str, ...]) -> str:
    """'; did you mean retention_days?' for a key one typo away from one of its table's."""
    model: type[BaseModel] = Settings
    for part in loc[:-1]:
        field = model.model_fields.get(str(part))
        annotation = field.annotation if field else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return ""
        model = annotation
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


#: Settings that name a file or folder: written relative in a config file, they are taken
#: relative to that file's folder (not to wherever a command happens to run).
PATH_KEYS = (
    ("security", "dev_key_file"),
    ("storage", "media_dir"),
    ("law", "index_dir"),
    ("broadcast", "seasonal_file"),
)
SQLITE_PREFIX = "sqlite+aiosqlite:///"


def anchored_paths(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """`data` with its relative paths made absolute against `folder` (the config file's)."""
    anchored = {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
    for section, key in PATH_KEYS:
        table = anchored.get(section)
        if isinstance(table, dict) and isinstance(table.get(key), str) and table[key]:
            table[key] = str(folder / Path(table[key]).expanduser())
    database = anchored.get("database")
    if isinstance(database, dict) and isinstance(database.get("url"), str):
        url = database["url"]
        rest = url.removeprefix(SQLITE_PREFIX)
        # sqlite+aiosqlite:////abs (absolute), :memory: and file: URIs are left as they are.
        if url.startswith(SQLITE_PREFIX) and rest and not rest.startswith(("/", ":", "file:")):
            database["url"] = SQLITE_PREFIX + str(folder / rest)
    return anchored


def config_file(
    path: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Path | None:
    """The config file settings are read from, or None when there is none."""
    environ = os.environ if environ is None else environ
    chosen = path or environ.get("JINGMIN_CONFIG")
    if chosen:
        return Path(chosen)
    return DEFAULT_CONFIG_FILE if DEFAULT_CONFIG_FILE.exists() else None


def load_settings(
    path: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read settings from `path` (or `$JINGMIN_CONFIG`, or ./config.toml if present).

    Relative paths written in the file are relative to the file's folder; those from the
    environment (`make run`'s) and the defaults stay relative to the current folder."""
    environ = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    file = config_file(path, environ)
    if file is not None:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {file} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {file} is not valid TOML: {exc}{_hint(exc)}") from None
        data = anchored_paths(data, file.resolve().parent)
    # Said before any error, which a misspelt secret's name often explains.
    for line in unused_warnings(environ, _setting_keys()):
        log.warning(line)
    overrides = _env_overrides(environ)
    errors = _loose_booleans(data, overrides)
    try:
        settings = Settings.model_validate(_merge(data, overrides))
    except ValidationError as exc:
        errors += exc.errors()
    if errors:
        # Every mistake found, each on its own line, so that one run names them all.
        lines = dict.fromkeys(
            f"config error: {_describe(named)}{_source(named, overrides, file, data)}"
            for named in map(_about, errors)
        )
        raise ConfigError("\n".join(lines))
    return settings


def _loose_booleans(
    data: Mapping[str, Any],
    overrides: Mapping[str, dict[str, Any]],
    model: type[BaseModel] = Settings,
    loc: tuple[str, ...] = (),
) -> list[ErrorDetails]:
    """A true/false key given in the file as anything but TOML's `true` or `false`.

    Pydantic reads "yes", "off", 1 and 0 as booleans, as it must for the environment's
    strings, so `enabled = "yes"` had quietly switched a channel on (and `"false"` in quotes
    looks like a string that is true). The file has real booleans: anything else there is
    a mistake to name, as every other. Values the environment replaces are not looked at."""
    found: list[ErrorDetails] = []
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None or (len(loc) == 1 and key in overrides.get(loc[0], {})):
            continue
        annotation = field.annotation
        if isinstance(value, dict) and isinstance(annotation, type):
            if issubclass(annotation, BaseModel):
                found += _loose_booleans(value, overrides, annotation, (*loc, key))
        elif annotation is bool and not isinstance(value, bool):
            found.append(
                ErrorDetails(
                    type="bool_type",
                    loc=(*loc, key),
                    msg="Input should be a valid boolean",
                    input=value,
                )
            )
    return found


#: A check across keys (a model validator's) names the key it is about first.
_NAMED_KEY = re.compile(r"(?:Value error, )?([a-z_]+(?:\.[a-z_]+)+) ")


def _about(error: ErrorDetails) -> ErrorDetails:
    """`error` placed on the key its message starts by naming, when that key lies under the
    place pydantic gave (the table a model check ran on, or the whole file): the lease
    check had read "scheduler: scheduler.delivery_lease_seconds must be …" at the line of
    `[scheduler]`, or with no line at all."""
    named = _NAMED_KEY.match(error["msg"])
    if named is None:
        return error
    loc = tuple(named.group(1).split("."))
    if loc[: len(error["loc"])] != tuple(str(part) for part in error["loc"]):
        return error
    placed = error.copy()
    placed["loc"] = loc
    return placed


def _hint(error: tomllib.TOMLDecodeError) -> str:
    # public_url = https://… reads as "Invalid value": the quotes are what is missing.
    if str(error).startswith("Invalid value"):
        return '; text values need quotes: key = "…"'
    return ""


def _setting_keys() -> dict[str, list[str]]:
    """Each section of the settings with its keys."""
    return {
        name: list(field.annotation.model_fields)
        for name, field in Settings.model_fields.items()
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
    }


def _source(
    error: ErrorDetails,
    overrides: Mapping[str, dict[str, Any]],
    file: Path | None,
    in_file: Mapping[str, Any],
) -> str:
    """Where the bad value was given: the environment variable, or the file and line."""
    loc = tuple(str(part) for part in error["loc"])
    from_env = overrides.get(loc[0], {}) if loc else {}
    if len(loc) >= 2 and loc[1] in from_env:
        return f" (from {setting_name(loc[0], loc[1])})"
    if len(loc) == 1 and from_env and loc[0] not in in_file:
        # A section only the environment gives, such as JINGMIN_DATABSE__URL's: the
        # config file (if any) has no part in it.
        return f" (from {', '.join(setting_name(loc[0], key) for key in sorted(from_env))})"
    if file is None or not in_file or not loc:
        return ""
    lines = file.read_text(encoding="utf-8").splitlines()
    for size in range(len(loc), 0, -1):
        number = _line_of(lines, loc[:size])
        if number is not None:
            return f" ({file}, line {number})"
    return f" ({file})"


def _line_of(lines: list[str], loc: tuple[str, ...]) -> int | None:
    """The line of `key = …` under its `[table]`, or of the `[table]` heading itself."""
    table: tuple[str, ...] = ()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("["):
            heading = line.split("#", 1)[0].strip().strip("[]")
            table = tuple(p.strip().strip("\"'") for p in heading.split("."))
            if table == loc:
                return number
        elif table == loc[:-1] and line.split("=", 1)[0].strip().strip("\"'") == loc[-1]:
            return number
    return None
