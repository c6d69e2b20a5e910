"""`/通报`: an officer composes an alert in a short chat form. Its summary's 确认 sends an
alert for the officer's own beat; one that reaches beyond it (or subscribed residents, or
no one) stays a draft showing how many chats it will reach, for a deliberate second tap.

```mermaid
flowchart LR
    start([/通报 or /alert, words after it prefilled]) --> text[内容]
    text --> when{时间}
    when -- 加入每日提示 --> daily([queued for the beat's next daily alert])
    when -- 现在 / a time --> photo[图片（可跳过）] --> cat[类别] --> sev[紧急程度] --> aud[范围：类型、警务区、场所周边、位置、+群众]
    aud --> confirm[核对：将发送给 N 个对象] --> own{own beat only, someone to reach, no residents?}
    own -- yes --> timed
    own -- no --> draft([草稿：N 个发送对象])
    draft -- 确认发送 --> approval{beyond own beat and the station requires approval?}
    approval -- yes --> pending([待审批：admins get 批准/驳回])
    approval -- no --> timed{a later time?}
    timed -- yes --> scheduled([待发送：released by the broadcasts job])
    timed -- no --> sending([发送中：outbox rows written with the alert])
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.context import Context
from bot.forms import Answers, Derived, Form, FormEnv, FormField
from bot.forms.clock import said_time
from bot.forms.photos import photo_field
from bot.forms.spec import AskedBack
from bot.messages import Reply, Text
from bot.validators import Invalid
from bot.validators.dates import parse_datetime
from bot.validators.text import parse_free_text
from handlers.broadcast.audience_text import (
    CHOICES,
    PROMPT,
    SAID_TIME,
    Unresolved,
    parse_audience,
    said_scope,
    show_audience,
    to_audience,
)
from handlers.broadcast.daily import queue_item
from handlers.broadcast.drafts import (
    confirmed_reply,
    draft_reply,
    new_draft,
    reach_note,
    second_yes,
)
from handlers.broadcast.notes import guess_category, relative_day_note, same_alert
from handlers.registration.timefmt import short, to_stored
from handlers.services.recipients import home_station_id
from handlers.services.scope import station_beats
from handlers.wanted.access import publishable
from storage.models import Category, Severity

FORM_NAME = "broadcast"
NOW, DAILY = "现在发送", "加入每日提示"
TITLE_MAX = 30
BODY_MAX = 500


def split_text(text: str) -> dict[str, str]:
    """First line is the title when there are several lines; otherwise the first sentence
    (cut to the title's length) is, and the whole text is the body."""
    cleaned = parse_free_text(text, max_length=BODY_MAX)
    first, _, rest = cleaned.partition("\n")
    if rest.strip() and len(first) <= TITLE_MAX:
        return {"title": first.strip(), "body": rest.strip()}
    for mark in "。！？!?；;，,":
        head = cleaned.split(mark, 1)[0]
        if mark in cleaned and 0 < len(head) <= TITLE_MAX:
            return {"title": head.strip(), "body": cleaned}
    if len(cleaned) <= TITLE_MAX:
        return {"title": cleaned, "body": cleaned}
    return {"title": cleaned[: TITLE_MAX - 1] + "…", "body": cleaned}


#: Fewest characters of an alert's text: fewer say nothing a venue can act on.
BODY_MIN = 6


def check_content(parsed: dict[str, str]) -> dict[str, str]:
    """`parsed` (from `split_text`) if it says enough. The form's question and the words
    typed after /通报 both go through it: /通报 停电 had been taken as the whole alert."""
    if len(parsed["body"]) < BODY_MIN:
        raise Invalid("内容太短了，请写清楚发生了什么、提醒大家注意什么。")
    return parsed


def _parse_text(text: str, env: FormEnv) -> Any:
    """The content; for an urgent alert begun without it (/通报 紧急), with what the
    command would have filled in had the content come with it (`URGENT_LATER`)."""
    parsed = check_content(split_text(text))
    later = env.answers.get(URGENT_LATER)
    if not isinstance(later, dict) or env.answers.get("severity") != Severity.URGENT.value:
        return parsed
    return Derived(parsed, _urgent_guesses(parsed, env.answers, later))


#: Set by /通报 紧急 typed with no content (`handlers.broadcast.officer`), saying which of
#: the photo and the scope to fill in: the content was asked, then 需要配图吗、类别、范围
#: as if no 紧急 had been said. Once typed, the content is read as if it had come with the
#: command: no photo, the category its words say, the own beat (`GUESSED`).
URGENT_LATER = "urgent_later"
#: The officer's own beat, as the scope question takes it.
OWN_BEAT = {"subscribers": False, "scope": "beat", "kinds": [], "label": "本警务区全部"}


def _urgent_guesses(
    text: Mapping[str, str], answers: Mapping[str, Any], later: Mapping[str, Any]
) -> dict[str, Any]:
    """What an urgent alert's content fills in (see `URGENT_LATER`). An answer the officer
    changed (修改 类别) is given back as it is: it follows the content, which drops it when
    changed, and must not be guessed over."""
    was = answers.get(GUESSED) or {}
    extra: dict[str, Any] = {}
    guessed: dict[str, Any] = {}

    def own(name: str) -> bool:
        return answers.get(name) not in (None, was.get(name))

    if later.get("photo"):
        extra["photo"] = answers.get("photo") or []
    category = guess_category(f"{text['title']}{text['body']}")
    if own("category"):
        extra["category"] = answers["category"]
    elif category is not None:
        extra["category"] = guessed["category"] = category.value
    if own("audience"):
        extra["audience"] = answers["audience"]
    elif later.get("audience"):
        extra["audience"] = guessed["audience"] = dict(OWN_BEAT)
    if guessed:
        extra[GUESSED] = guessed
    return extra


async def _whole_message(ctx: Context, value: Any, _answers: Mapping[str, Any]) -> str | None:
    """The content is the whole message, never its first clause: an alert typed at the
    scope question (网吧周边发生入室盗窃，请…) had been cut at its comma, the first part kept as
    the content of the draft still open and the rest dropped."""
    typed = ctx.inbound.text.strip()
    body = str(value["body"])
    if len(typed) > len(body) and typed.startswith(body):
        return "内容要整段发送，不能只取一部分。"
    return None


def _show_text(value: Any) -> str:
    if not value:
        return "（无）"
    title, body = value["title"], value["body"][:60]
    # A title cut from the first sentence is already at the start of the text.
    return body if body.startswith(title) else f"{title}｜{body}"


#: The sending said around a time (只发今晚, 今晚8点再发): no part of it.
_SENDING_SAID = re.compile(r"^(?:只发|只在|只|就|等到?|在)|(?:再|才|就)?(?:发送|发出|发)(?:吧)?$")


def parse_when(text: str, env: FormEnv) -> dict[str, Any]:
    if text in (
        NOW,
        "现在",
        "立即",
        "马上",
        "马上发",
        "立即发送",
        "现在发",
        "立刻",
        "马上发送",
        "发吧",
    ):
        return {"now": True}
    if text in (DAILY, "明日", "明天", "每日提示", "加入明日每日提示"):
        if env.answers.get("severity") == Severity.URGENT.value:
            # A daily item goes out the next morning, as a plain line without its 紧急.
            raise Invalid(
                "紧急通报不能加入每日提示（要到次日早上才发）。请回复「现在发送」或输入发送时间。"
            )
        if (label := _narrower_than_the_beat(env.answers.get("audience"))) is not None:
            # The daily alert goes to the whole beat: 城东路18号周边500米 明天停水 had been
            # queued for every venue of it, the circle dropped without a word.
            raise Invalid(
                f"每日提示发给全警务区，不能只发给「{label}」。请回复「现在发送」或输入发送"
                "时间（如 明天早上7点）；要发给全警务区，请回复「修改 范围」改为本警务区全部。"
            )
        return {"daily": True}
    # 只发今晚8点, 今晚8点再发: the time, without the sending said around it.
    said = _SENDING_SAID.sub("", text).strip() or text
    try:
        moment = parse_datetime(said, today=env.today, now=env.now.replace(tzinfo=None))
    except Invalid:
        if SAID_TIME.match(said):
            # 只发今晚: a day or a part of it, without the hour it had been refused for.
            raise Invalid(
                f"「{said}」几点发？请写上时间，如「今晚8点」，到点自动发出；"
                "马上发请回复「现在发送」。"
            ) from None
        raise Invalid("请选择「现在发送」「加入每日提示」，或输入发送时间，如 今晚8点。") from None
    now = env.now.replace(tzinfo=None)
    if moment < now - timedelta(minutes=1):
        # 今天下午3点 typed at 18:42: sending at once would not be what was asked.
        raise Invalid(
            f"{moment:%H:%M} 已经过去了。请输入之后的时间（如 明天下午3点），或回复「现在发送」。"
        )
    if moment <= now:
        return {"now": True}
    return {"at": moment.isoformat(timespec="minutes")}


def _narrower_than_the_beat(audience: Any) -> str | None:
    """The scope as said, when it is less than the officer's whole beat (a circle, a kind,
    a venue, another beat); None for none, or the whole beat."""
    if audience and audience.get("residents_only"):
        return str(audience.get("label") or "订阅群众")
    if not audience or (audience.get("scope") == "beat" and not audience.get("kinds")):
        return None
    return str(audience.get("label") or "指定范围")


def _show_when(value: Any) -> str:
    if not value or value.get("now"):
        return NOW
    if value.get("daily"):
        return DAILY
    return datetime.fromisoformat(value["at"]).strftime("%m-%d %H:%M 发送")


def _said_when(value: Any, now: datetime) -> str:
    """`_show_when` as the summary says it at `now`: 今天 20:00 发送."""
    return f"{said_time(value['at'], now)} 发送" if "at" in value else _show_when(value)


def _text_category(answers: Mapping[str, Any]) -> Category | None:
    """The category the alert's own words say (冒充…链接 → 防诈), if they say one."""
    text = answers.get("text")
    if not isinstance(text, dict):
        return None
    return guess_category(f"{text.get('title', '')}{text.get('body', '')}")


#: Yes to the category the question offers (是, 对, 好).
_YES = ("是", "是的", "对", "对的", "好", "好的", "可以", "行", "没错", "嗯")


def _category_prompt(answers: Mapping[str, Any]) -> str:
    """The question with the category the words say offered as its answer: an obvious
    防诈 text had been asked 请选择类别 as if nothing had been said."""
    guessed = _text_category(answers)
    if guessed is None or guessed is Category.OTHER:
        return ""  # 其他, said of weather and the like, is no guess worth offering
    label = guessed.label
    return f"请选择类别（按内容判断是「{label}」，是的话回复「是」或点「{label}」）："


def _parse_category(text: str, env: FormEnv) -> str:
    """A category's label, or a word that says one: 火灾 had got 请从下面的类别中选一个。"""
    try:
        return Category.parse(text).value
    except ValueError:
        offered = _text_category(env.answers)
        if text in _YES and offered is not None and offered is not Category.OTHER:
            return offered.value
        guessed = guess_category(text)
        if guessed is None:
            raise Invalid("请从下面的类别中选一个。") from None
        return guessed.value


def _choice(parse: Any, message: str) -> Any:
    def parser(text: str, _env: FormEnv) -> str:
        try:
            return str(parse(text).value)
        except ValueError:
            raise Invalid(message) from None

    return parser


async def check_audience(ctx: Context, value: Any, _answers: Mapping[str, Any]) -> str | None:
    """Names in the scope (a beat, a venue to circle) are looked up as soon as typed."""
    try:
        scope = await station_beats(ctx.session, ctx.person)
        await to_audience(ctx.session, value, ctx.person, scope)
    except Unresolved as exc:
        if exc.meant:
            # 极速网巴 500米: the place it sounds like, a button and a 是 away.
            return AskedBack(
                f"{exc}是的话请回复「是」或点「{exc.meant}」。", exc.meant, (exc.meant,)
            )
        return str(exc)
    return None


def _not_daily(answers: Any) -> bool:
    return not (answers.get("when") or {}).get("daily")


FIELDS = (
    FormField(
        "text",
        "内容",
        "请输入通报内容（第一行作标题，换行后写正文；也可只写一段）：",
        _parse_text,
        show=_show_text,
        check=_whole_message,
    ),
    FormField(
        "when",
        "时间",
        "什么时候发？可输入时间（如 今晚8点），或加入每日提示随次日早上的提示一起发：",
        parse_when,
        choices=(NOW, DAILY),
        show=_show_when,
        show_at=_said_when,
    ),
    photo_field("photo", "图片", "需要配图吗？请直接发送一张图片：", most=1, ask_when=_not_daily),
    FormField(
        "category",
        "类别",
        "请选择类别：",
        _parse_category,
        choices=tuple(c.label for c in Category),
        ask_when=_not_daily,
        prompt_for=_category_prompt,
        show=lambda v: Category(v).label if v else "（无）",
    ),
    FormField(
        "severity",
        "紧急程度",
        "请选择紧急程度：",
        _choice(Severity.parse, "请选择 一般、重要 或 紧急。"),
        choices=tuple(s.label for s in Severity),
        ask_when=_not_daily,
        show=lambda v: Severity(v).label if v else "（无）",
    ),
    FormField(
        "audience",
        "范围",
        PROMPT,
        parse_audience,
        choices=CHOICES,
        ask_when=_not_daily,
        show=show_audience,
        accepts_location=True,
        check=check_audience,
        said_alone=said_scope,
    ),
)


#: Answers the form filled in itself for an urgent alert (`GUESSED` maps them to the
#: value filled in), which the summary says can be changed.
GUESSED = "guessed"
_GUESS_NOTES = {"category": "类别按内容判断", "audience": "范围默认为您的警务区"}


def _relative_days(ctx: Context, answers: Mapping[str, Any]) -> str:
    """An alert to go out on a later day that says 明天 or 今晚: read from that day."""
    at = (answers.get("when") or {}).get("at")
    if not at or not answers.get("text"):
        return ""
    today = ctx.now.astimezone(ctx.services.settings.zone).date()
    text = answers["text"]
    note = relative_day_note(
        f"{text['title']}{text['body']}", today, datetime.fromisoformat(at).date()
    )
    return f"{note}可回复「修改 内容」。" if note else ""


async def _summary_reach(ctx: Context, answers: Mapping[str, Any]) -> str:
    """The summary's last lines: what the form guessed, how many chats 确认 sends the alert
    to (or that it stays a draft for a second look), and what to look at before 确认 (the
    same alert sent lately, 明天 read on a later day). A daily item goes with the beat's
    daily alert: none."""
    if not _not_daily(answers) or not answers.get("audience"):
        return ""
    try:
        scope = await station_beats(ctx.session, ctx.person)
        audience = await to_audience(ctx.session, answers["audience"], ctx.person, scope)
    except Unresolved:
        return ""  # the scope's check said why when it was typed; 确认 says it again
    station_id = ctx.person.station_id or await home_station_id(ctx.session)
    lines = [await reach_note(ctx, audience, station_id)]
    # Said while the answer is still the form's own (修改 类别 makes it the officer's).
    guessed = [
        _GUESS_NOTES[name]
        for name, value in (answers.get(GUESSED) or {}).items()
        if name in _GUESS_NOTES and answers.get(name) == value
    ]
    if guessed:
        lines.insert(0, f"（{'，'.join(guessed)}；要改请回复「修改 类别」或「修改 范围」。）")
    text = answers.get("text")
    if text:
        same = await same_alert(ctx.session, station_id, audience.to_json(), text["body"], ctx.now)
        if same is not None:
            at = short(
                same.released_at or same.send_at or same.created_at,
                ctx.services.settings.zone,
                ctx.now,
            )
            lines.append(
                f"⚠️ 相同内容的通报#{same.id}「{same.title}」已于 {at} 发给同一范围"
                f"（{same.status.label}），确认将再发一次；不需要请回复「取消」。"
            )
    lines.append(_relative_days(ctx, answers))
    return "\n".join(line for line in lines if line)


async def _submit(ctx: Context, answers: Answers) -> list[Reply]:
    text = answers["text"]
    when = answers.get("when") or {}
    if when.get("daily"):
        return await queue_item(ctx, text["body"] if text["body"] else text["title"])
    send_at = (
        to_stored(datetime.fromisoformat(when["at"]), ctx.services.settings.zone)
        if "at" in when
        else None
    )
    wanted_id = answers.get("wanted_id")
    if wanted_id is not None and not await publishable(ctx.session, wanted_id):
        return [Text("该在逃人员不是公开通缉或已结案，不能发布通缉令。")]
    photos = answers.get("photo") or []
    draft = await new_draft(
        ctx,
        title=text["title"],
        body=text["body"],
        image=photos[0] if photos else None,
        category=Category(answers["category"]),
        severity=Severity(answers["severity"]),
        send_at=send_at,
    )
    try:
        scope = await station_beats(ctx.session, ctx.person)
        audience = await to_audience(ctx.session, answers["audience"], ctx.person, scope)
    except Unresolved as exc:
        assert draft.id is not None
        return [
            Text(f"通报#{draft.id}已存为草稿，但发送范围有误：{exc}"),
            Text(f"请发送「/通报范围 {draft.id} 新范围」重新选择，如 /通报范围 {draft.id} 旅馆。"),
        ]
    draft.audience, draft.public = audience.to_json(), audience.subscribers
    if wanted_id is not None:
        # A public wanted notice (`/通缉 发布 N`): the picture is the person's card.
        draft.wanted_id, draft.image_mime = wanted_id, "image/png"
    ctx.session.add(draft)
    why = await second_yes(ctx, draft)
    if why is None:
        # The summary just confirmed said what, when and whom: asking 确认发送 after it
        # again made the officer confirm twice.
        return await confirmed_reply(ctx, draft)
    return await draft_reply(ctx, draft, why)


FORM = Form(
    name=FORM_NAME,
    title="通报",
    fields=FIELDS,
    submit=_submit,
    intro="开始编写通报。随时可回复「上一步」「修改 字段名」或「取消」。",
    summary_note=_summary_reach,
)
