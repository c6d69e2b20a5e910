"""`/警情`: an officer enters an incident (time, type, place, beat) as a chat form.

```mermaid
flowchart LR
    start([/警情]) --> form[发生时间 → 类型 → 地点 → 警务区（默认本警务区）]
    form --> confirm[核对] --> saved([警情已录入 #N；counted in the seven-day warning])
```

A type typed in the officer's words (偷电动车) is counted as the listed type it names (盗窃):
the warning counts each type apart, and 偷电动车 would be a type of its own with one incident.
The words themselves are kept as the incident's description: 电动车 is what the officer will
look for later. The beat is the officer's own unless they change it (修改 警务区); it is asked
only of an officer without one.

`/警情 列表`, `/警情 6` and `/警情 撤销 6 原因` are in `handlers.incidents.records`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import col, select

from bot.config import Settings
from bot.context import Context
from bot.forms import Answers, Form, FormEngine, FormEnv, FormField
from bot.forms.clock import local_time, said_time
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, Router
from bot.validators import Invalid
from bot.validators.dates import parse_rough_datetime
from bot.validators.text import parse_free_text
from handlers.incidents import records
from handlers.registration.timefmt import short, to_stored
from handlers.services.incidents.levels import warning_name
from handlers.services.own_beat import without_own_beat
from handlers.services.paging import page_number
from handlers.services.worklog import log_work
from storage.models import Beat, Incident

FORM_NAME = "incident"
OWN_BEAT = "本警务区"
#: Prefilled answers (not fields): the station's beats by name and code, and the officer's.
BEATS, OWN = "station_beats", "own_beat"


def _occurred(text: str, today: date, now: datetime) -> datetime:
    """When it happened, as officers say it from memory too (七点半左右, 大概十点多): the
    warning counts days, to which "about" adds nothing."""
    return parse_rough_datetime(text, today=today, now=now)[0]


FUTURE = "发生时间不能晚于现在，请重新输入（回复「现在」即当前时间）"
#: Key of `read_typed`'s answers under which a time still to come is kept, to say why the
#: time is asked again: it is no answer, and is taken out before the form starts.
FUTURE_SAID = "future_time"


def _parse_time(text: str, env: FormEnv) -> str:
    moment = _occurred(text, env.today, env.now.replace(tzinfo=None))
    if moment > env.now.replace(tzinfo=None):
        raise Invalid(FUTURE)
    return moment.isoformat(timespec="minutes")


#: Words that show which listed type an incident is, besides the type's own name.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "盗窃": ("盗", "窃", "偷", "扒手", "失窃"),
    "诈骗": ("诈", "骗"),
    "纠纷": ("吵架", "争吵", "口角", "矛盾"),
    "交通事故": ("车祸", "追尾", "剐蹭", "撞车", "撞人", "肇事", "交通"),
    "治安案件": ("打架", "斗殴", "殴打", "赌博", "聚赌", "吸毒", "卖淫", "嫖娼", "寻衅滋事"),
}


def known_kind(text: str, kinds: Sequence[str]) -> str:
    """The listed type `text` names (偷电动车 -> 盗窃); `text` itself when it names none, or
    more than one (the officer's own words are then the better record)."""
    if text in kinds:
        return text
    named = [k for k in kinds if k in text or any(w in text for w in KIND_WORDS.get(k, ()))]
    return named[0] if len(named) == 1 else text


def _kind_parser(kinds: Sequence[str]) -> Callable[[str, FormEnv], str]:
    # The officer's words are the answer; the listed type is worked out from them on
    # submit, so that neither is lost (see `kind_and_description`).
    def parse(text: str, _env: FormEnv) -> str:
        return parse_free_text(text, max_length=32)

    return parse


#: The listed type for what names none of the others (when the station lists it).
OTHER_KIND = "其他"


def kind_and_description(said: str, kinds: Sequence[str]) -> tuple[str, str]:
    """偷电动车 -> (盗窃, 偷电动车); 盗窃 -> (盗窃, ""); 高空抛物 -> (其他, 高空抛物).

    Words naming no listed type (a place typed a step early: 幸福里3号楼下) had become a
    type of their own, counted apart in the seven-day warning; they are kept as the
    description under 其他 instead, where the station lists it."""
    kind = known_kind(said, kinds)
    if kind not in kinds and OTHER_KIND in kinds:
        kind = OTHER_KIND
    return kind, ("" if kind == said else said)


def _kind_shower(kinds: Sequence[str]) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        kind, said = kind_and_description(str(value), kinds)
        return f"{kind}（{said}）" if said else kind

    return show


def _parse_place(text: str, _env: FormEnv) -> str:
    return parse_free_text(text, max_length=200)


def _parse_beat(text: str, env: FormEnv) -> dict[str, Any]:
    beats: dict[str, Any] = env.answers.get(BEATS) or {}
    if without_own_beat(text) == "" and env.answers.get(OWN):
        return dict(env.answers[OWN])
    typed = text.strip()
    found = beats.get(typed)
    if found is None and typed:
        # 城东 for 城东警务区, as alert scopes and 订阅 take it: part of exactly one name.
        # Beats are keyed by name and by code too: only their own names count here.
        partial = [b for name, b in beats.items() if typed in name and name == b["name"]]
        found = partial[0] if len(partial) == 1 else None
    if found is None:
        names = "、".join(sorted({b["name"] for b in beats.values()})[:10])
        raise Invalid(f"本所没有「{text.strip()}」这个警务区。可选：{names}")
    return dict(found)


def _show_time(value: Any) -> str:
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")


def _show_beat(value: Any) -> str:
    return str(value["name"]) if value else "（未填）"


def build_form(settings: Settings) -> Form:
    kinds = settings.incidents.kinds
    fields = (
        FormField(
            "occurred_at",
            "发生时间",
            "请输入发生时间（如 今天14:30、昨晚9点；回复「现在」即当前时间）：",
            _parse_time,
            choices=("现在",),
            show=_show_time,
            show_at=said_time,
        ),
        FormField(
            "kind",
            "类型",
            "请选择或输入警情类型（可直接写情况，如 偷电动车）：",
            _kind_parser(kinds),
            choices=kinds,
            show=_kind_shower(kinds),
        ),
        FormField("place", "地点", "请输入发生地点（地址或场所名称）：", _parse_place),
        FormField(
            "beat",
            "警务区",
            f"请输入所属警务区名称（回复「{OWN_BEAT}」即您所在警务区）：",
            _parse_beat,
            choices=(OWN_BEAT,),
            show=_show_beat,
        ),
    )
    return Form(
        name=FORM_NAME,
        title="警情录入",
        fields=fields,
        submit=_submit,
        intro="开始录入警情。随时可回复「上一步」，「修改 地点」这样改已填的一项，或「取消」。",
    )


async def _submit(ctx: Context, answers: Answers) -> list[Reply]:
    zone = ctx.services.settings.zone
    beat = await ctx.session.get(Beat, answers["beat"]["id"])
    if beat is None or beat.station_id != ctx.person.station_id:
        return [Text("该警务区已不属于本所，警情未录入。请重新发送「/警情」。")]
    kind, said = kind_and_description(answers["kind"], ctx.services.settings.incidents.kinds)
    incident = Incident(
        occurred_at=to_stored(datetime.fromisoformat(answers["occurred_at"]), zone),
        kind=kind,
        description=said,
        place=answers["place"],
        beat_id=beat.id,  # type: ignore[arg-type]
        source="officer",
        reported_by_person_id=ctx.person.id,
        created_at=ctx.now,
    )
    ctx.session.add(incident)
    await ctx.session.flush()
    log_work(
        ctx.session,
        ctx.person,
        "incident.add",
        f"{beat.name} {incident.kind}",
        now=ctx.now,
        subject_kind="incident",
        subject_id=incident.id or "",
    )
    when = short(incident.occurred_at, zone, ctx.now)
    what = f"{kind}（{said}）" if said else kind
    buttons: tuple[Button, ...] = (
        Button("警情列表", "/警情 列表"),
        Button("警情趋势", "/警情趋势"),
    )
    twins = await _same_incidents(ctx, incident)
    twin = ""
    if twins:
        # The same incident entered twice counted twice in the seven-day warning.
        numbers = "、".join(f"#{n}" for n in twins)
        twin = (
            f"\n⚠️ 可能重复：{numbers} 与此类型、地点相同，时间相近。"
            f"如是重复录入，请发送「/警情 撤销 {incident.id} 重复录入」。"
        )
        buttons = (Button("撤销本条", f"/警情 撤销 {incident.id} 重复录入"), *buttons)
    return [
        Choices(
            f"✅ 警情已录入 #{incident.id}\n{when}　{what}　{incident.place}\n"
            f"警务区：{beat.name}（计入{_warning_name(ctx)}）{twin}\n"
            f"录错了可发送「/警情 撤销 {incident.id} 原因」。",
            buttons,
        )
    ]


#: Two entries this close in time, of one type at one place, are likely one incident.
_SAME_TIME = timedelta(hours=1)


async def _same_incidents(ctx: Context, incident: Incident) -> list[int]:
    """Incidents not withdrawn that look like `incident` entered again."""
    rows = await ctx.session.exec(
        select(Incident.id)
        .where(
            Incident.beat_id == incident.beat_id,
            Incident.kind == incident.kind,
            Incident.place == incident.place,
            Incident.id != incident.id,
            col(Incident.withdrawn_at).is_(None),
            col(Incident.occurred_at) >= incident.occurred_at - _SAME_TIME,
            col(Incident.occurred_at) <= incident.occurred_at + _SAME_TIME,
        )
        .order_by(col(Incident.id))
    )
    return [n for n in rows.all() if n is not None]


async def _prefill(ctx: Context) -> dict[str, Any]:
    rows = await ctx.session.exec(
        select(Beat).where(Beat.station_id == ctx.person.station_id).order_by(col(Beat.id))
    )
    beats: dict[str, Any] = {}
    own = None
    for beat in rows.all():
        entry = {"id": beat.id, "name": beat.name}
        beats[beat.name] = beats[beat.code] = entry
        if beat.id == ctx.person.beat_id:
            own = entry
    return {BEATS: beats, OWN: own}


#: Words that name a place rather than what happened (城东路, 幸福里3号楼, 和平路菜市场).
_PLACE_LIKE = re.compile(r"[0-9０-９]|[路街巷弄道村区楼栋幢院场店市站园苑府城桥口]$")


def _time_in(words: list[str], now: datetime) -> tuple[slice, datetime] | None:
    """Where in `words` a time is said (one word or two: 昨天 下午3点), and which."""
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            try:
                moment = _occurred("".join(words[start : start + size]), now.date(), now)
            except Invalid:
                continue
            return slice(start, start + size), moment
    return None


def read_typed(words: list[str], kinds: Sequence[str], now: datetime) -> dict[str, str]:
    """What `/警情 昨天下午3点 幸福里 电动车被盗` already says: a time wherever it stands,
    the words of what happened, and the rest as the place once one of the others is there.

    The time had been read only first: 打架 幸福里3号 今天20点 put the time into the place
    and asked it again. Words naming no listed type (被狗咬 城东路) are kept too, as they
    are at the type step (under 其他), and everything typed had been thrown away."""
    answered: dict[str, str] = {}
    rest = list(words)
    found = _time_in(rest, now)
    if found is not None:
        where, moment = found
        # A time still to come is asked again, with the reason (明天下午3点: a slip).
        if moment > now:
            answered[FUTURE_SAID] = " ".join(rest[where])
        else:
            answered["occurred_at"] = moment.isoformat(timespec="minutes")
        del rest[where]
    said = next((w for w in rest if known_kind(w, kinds) in kinds), None)
    if said is None and OTHER_KIND in kinds and len(rest) > 1:
        # Two words or more, none a type: what happened is the one not naming a place.
        said = next((w for w in rest if not _PLACE_LIKE.search(w)), None)
    if said is not None:
        answered["kind"] = said  # the officer's words, kept as the description
        rest.remove(said)
    if answered and rest:
        answered["place"] = " ".join(rest)[:200]
    return answered


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "incident_list",
        commands=("警情列表",),
        keywords=("最近警情",),  # it had only offered to enter a new one
        hints=("警情记录", "录过的警情"),
        roles=STAFF,
        help="本警务区最近的警情（录错的可撤销）",
        topic="警情",
    )
    async def incident_list(ctx: Context) -> list[Reply]:
        if ctx.person.station_id is None:
            return [Text("您尚未绑定派出所，无法查看警情。")]
        args = (ctx.match.args if ctx.match else "").strip()
        return await records.list_incidents(ctx, page_number(args) or 1)

    @router.route(
        "incident_add",
        commands=("警情", "incident"),
        # 删除警情 6, 警情列表: the words it takes after its name (see `records`).
        actions=(*records.WITHDRAW_WORDS, "列表"),
        roles=STAFF,
        help="录入警情；/警情 列表 查看，/警情 撤销 编号 原因",
    )
    async def incident_add(ctx: Context) -> list[Reply]:
        if ctx.person.station_id is None:
            return [Text("您尚未绑定派出所，无法录入警情。")]
        args = (ctx.match.args if ctx.match else "").strip()
        if args.startswith("趋势"):
            return [
                Choices(
                    f"查看{_warning_name(ctx)}请发送「/警情趋势」。",
                    (Button("警情趋势", f"/警情趋势 {args[2:].strip()}".strip()),),
                )
            ]
        page = records.list_page(args)
        if page is not None:
            return await records.list_incidents(ctx, page)
        number = records.incident_number(args)
        if number is not None:
            return await records.show_incident(ctx, number)
        withdrawal = records.withdrawal(args)
        if withdrawal is not None:
            return await records.withdraw_incident(ctx, *withdrawal)
        now = local_time(ctx).replace(tzinfo=None)
        # What was typed after the command is kept (and editable), not silently dropped.
        answered: dict[str, Any] = dict(
            read_typed(args.split(), ctx.services.settings.incidents.kinds, now)
        )
        lead: list[Reply] = []
        if (future := answered.pop(FUTURE_SAID, None)) is not None:
            lead = [Text(f"「{future}」还没到。{FUTURE}")]
        elif args and not answered:
            lead = [Text(f"没能从「{args}」读出时间或类型，请按提示逐项填写：")]
        prefill = await _prefill(ctx)
        if prefill[OWN] is not None:
            # Officers enter their own beat's incidents; another is a 修改 away.
            answered["beat"] = prefill[OWN]
        started = await forms.start(ctx, FORM_NAME, prefill, answered=answered)
        return [*lead, *started]

    return router


def _warning_name(ctx: Context) -> str:
    return warning_name(ctx.services.settings.incidents.window_days)
