"""An officer's words for an audience, as the `/通报` form takes them, and what they mean.

Parsing needs no database (form parsers have none) and keeps a small JSON spec; `to_audience`
then looks up what the words name (a beat, a venue to draw a circle around) when the form is
submitted.

    本警务区 / 全部 / 所有场所  every venue and group of the officer's beat
    旅馆 民宿 / 九小场所       those kinds in the officer's beat (本辖区旅馆 too)
    全所 [旅馆]                every beat of the station
    二号警务区 [出租屋]        another beat (城南旅馆, the kinds run into its name, too)
    平安旅馆 500米             a circle around a venue (周边、附近、半径、方圆、…以内 and
                               五百米 are understood)
    a shared location [800]    a circle around the point (500 m if no radius is given)
    多边形 30.1,120.1; …       a polygon of at least three points
    … +群众                    subscribed residents of the area too
    群众 / 只发居民             subscribed residents of the own beat, and no venue
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.forms import FormEnv
from bot.validators import Invalid
from bot.validators.numerals import NUMERALS, arabize
from handlers.broadcast.audience import NINE_SMALL, Audience, check_circle, kinds_label
from handlers.broadcast.geo import MAX_RADIUS_METRES, Polygon, valid_point
from handlers.services.own_beat import without_own_beat
from handlers.services.scope import Ambiguous, BeatScope, resolve_venue, restrict
from storage.models import Beat, Person, Venue, VenueKind

DEFAULT_RADIUS = 500.0
CHOICES = ("本警务区全部", "旅馆、民宿", "出租屋", "九小场所", "全所", "本警务区+订阅群众")
PROMPT = (
    "发给谁？可选下面的范围，也可输入场所类型、警务区名称，或「场所名 500米」圈定周边；"
    "也可以直接发送一个位置（可附半径，如 800）。末尾加「+群众」同时推送给订阅的群众，只写「群众」则只发给订阅的群众："
)
#: A circle's distance: a number with its unit (500米, 1.5公里), or a bare number at the end
#: (平安旅馆 500). Any other number is part of the place: 和平里5号, a plate, #12.
_RADIUS = re.compile(
    r"(?:半径)?\s*(\d+(?:\.\d+)?)\s*(米|m|公里|千米|km)|(?:半径)?\s*(\d+(?:\.\d+)?)\s*$",
    re.IGNORECASE,
)
#: The public, as officers call them: the residents who subscribed to alerts.
_PUBLIC_WORDS = r"(?:订阅的?)?(?:广大)?(?:群众|居民|市民|老百姓|民众|公众)"
#: 旅馆+群众, and as it is said: 本警务区全部 再加上群众, 旅馆 也发给群众, 旅馆和群众 (再加上
#: 群众 had been dropped without a word, the scope taken alone).
_PUBLIC = re.compile(
    r"\s*(?:[+＋]|[，,、\s]*(?:再|还|也|另外|同时)?(?:加上|加|发给|发|推送给|推给|和|及)(?:上|给)?)"
    f"\\s*{_PUBLIC_WORDS}\\s*$"
)
#: The public alone (群众, 发给群众, 全体居民): residents hear an alert only beside a
#: scope, so it is the choice that names them, 本警务区+订阅群众.
_PUBLIC_ALONE = re.compile(_PUBLIC_WORDS)
# 出租屋和旅馆, 城东的旅馆: the ways people join words in a sentence, as well as the marks.
_SPLIT = re.compile(r"[\s、，,/]+|(?<=\S)(?:和|及|与|以及|跟|的)(?=\S)")
#: Everyday names of the kinds (旅店 for 旅馆), read as the kind's own label.
_KIND_SYNONYMS = {
    "旅店": "旅馆",
    "宾馆": "旅馆",
    "酒店": "旅馆",
    "招待所": "旅馆",
    "客栈": "民宿",
    "出租房": "出租屋",
    "租房": "出租屋",
    # Whom the alert is for, as officers say it: 发给房东, 各房东.
    "房东": "出租屋",
    "旅馆老板": "旅馆",
    "民宿老板": "民宿",
    "网吧": "小网吧",
    "饭店": "小餐饮",
    "餐馆": "小餐饮",
    "餐厅": "小餐饮",
    "餐饮": "小餐饮",
    "美容": "小美容洗浴",
    "美发": "小美容洗浴",
    "理发": "小美容洗浴",
    "洗浴": "小美容洗浴",
    "足浴": "小美容洗浴",
    "歌舞娱乐": "小歌舞娱乐",
    "歌厅": "小歌舞娱乐",
    "KTV": "小歌舞娱乐",
    "ktv": "小歌舞娱乐",
    "诊所": "小医院/诊所",
    "幼儿园": "小学校/幼儿园",
    "商店": "小商店",
    "超市": "小商店",
}
#: A change of scope as said (范围改成旅馆, 改发民宿, 换成出租屋): the words before it.
_CHANGED_TO = r"(?:(?:发送)?范围)?(?:改成|改为|换成|改发给?|调整为|变成)"
_FILLER_HEAD = re.compile(
    rf"^(?:{_CHANGED_TO}|(?:发送)?范围[：:是]?\s*)?(只发给|只发到|只发|发给|发到|只给|只)?"
)
#: 发给出租屋就行, 旅馆和民宿都发: the ease after the scope (not 吧 alone: 小网吧).
_FILLER_TAIL = re.compile(r"(就行了?|就好|就可以了?|都要发|都发一下|都发|都要)吧?$")
#: More kinds for the scope chosen (加上民宿, 再加上出租屋), at the summary or after 修改 范围.
_ADDED = re.compile(r"^(?:再|另外|还要?|也)?(?:加上|添上|增加|添加|加)(?P<more>\S.*)$")
_ALL = re.compile(r"^(所有的?|全部的?|全体|各位?|每个)|(全部|所有|全体|们)$")
#: 场所 said of a scope (所有场所, 全所场所): every kind, which names none of them.
_ANY_VENUE = "场所"
#: 全所 glued to what it says of the station (全所所有场所, 全所旅馆).
_STATION = re.compile(r"^(全所|全派出所)的?(?=\S)")
_POINT = re.compile(r"(-?\d+(?:\.\d+)?)\s*[,，]\s*(-?\d+(?:\.\d+)?)")
_AROUND_WORDS = ("周边", "附近", "周围", "半径", "方圆")


#: A distance said in words (五百米, 一公里, 一千五百米), read as digits before its unit.
_SPELLED = re.compile(f"[{NUMERALS}百千]+(?=\\s*(?:米|公里|千米))")
#: The words around a circle's distance (500米内, 距离悦来旅馆…以内).
_WITHIN = re.compile(r"^(?:距离|距|离)|(?:范围内|范围|以内|之内|内|的)$")


#: Longest scope worth reading as one (a beat and a few kinds, a place and its distance).
_SCOPE_MAX = 30
#: Marks that end a sentence: no scope has them.
_SENTENCE_END = re.compile(r"[。！？!?；;]")
#: Marks between clauses: a scope lists kinds with them, never a place's name.
_CLAUSE_MARK = re.compile(r"[，,：:。！？!?；;]")


def _reads_as_content(text: str) -> bool:
    """An alert's text typed while the form asks for the scope (the officer starting a new
    alert with a draft still open): it had been looked up as a place and refused as
    没有找到场所「…」, quoted back altered."""
    return len(text) > _SCOPE_MAX or bool(_SENTENCE_END.search(text))


def _content_at_scope(text: str, env: FormEnv) -> str:
    """Why the words are not taken as the scope, and the two ways on."""
    quoted = text if len(text) <= 20 else text[:19] + "…"
    if env.answers.get("text"):
        new = "要另发一条新通报，请先回复「取消」放弃这份，再发送「/通报 内容」。"
    else:
        # /通报 with content drops a draft that has none (`officer.new`).
        new = "要用这段话开始新通报，请在它前面加上「/通报 」再发一次（这份未填内容的草稿会放弃）。"
    return (
        f"「{quoted}」像是通报内容，不是发送范围。这份通报正在等您选择发送范围；{new}"
        "要继续这份，请选择下面的范围："
    )


#: When to send, said where whom to send to is asked (只发今晚, 今晚8点再发, 明天早上发): a
#: time, which had been looked up as a beat's name (没有找到「今晚」).
SAID_TIME = re.compile(
    r"^(?:在|到|等到?)?(?:(?:今天|今晚|今早|明天|明早|明晚|后天)"
    r"(?:早上|上午|中午|下午|傍晚|晚上|夜里|凌晨)?|早上|上午|中午|下午|傍晚|晚上|夜里|凌晨|现在|马上|立即)"
    r"(?:[0-9０-９一二三四五六七八九十两]{1,3}\s*[点:：](?:[0-9０-９]{2}|半|多)?)?"
    r"(?:再|才|就)?(?:发送|发出|发)?(?:吧|就行了?)?$"
    r"|^[0-9０-９一二三四五六七八九十两]{1,2}\s*[点:：](?:[0-9０-９]{2}|半)?(?:再|才|就)?(?:发送|发出|发)?$"
)


def _time_at_scope(text: str, env: FormEnv) -> str:
    """What to do about a time said at the scope question: the time is its own question."""
    when = env.answers.get("when") or {}
    if when.get("at"):
        now = f"这条通报定在 {datetime.fromisoformat(when['at']):%m-%d %H:%M} 发送"
    else:
        now = "这条通报选的是「现在发送」，确认后立即发出"
    return (
        f"「{text}」说的是什么时候发，不是发给谁。{now}；要改发送时间，请回复「修改 时间」"
        "并写上几点（如「修改 时间 今晚8点」），到点自动发出。"
    )


def _spelled_digits(run: str) -> str:
    """五百 -> 500, 一千五 -> 1500, 一百零五 -> 105, 八十 -> 80 (arabize reads below 100)."""
    digits = arabize(run)
    thousands = re.fullmatch(r"(\d)千(?:(\d)百?)?", digits)
    if thousands:
        return str(int(thousands[1]) * 1000 + int(thousands[2] or 0) * 100)
    hundreds = re.fullmatch(r"(\d)百(\d{0,2})", digits)
    if hundreds:
        tail = hundreds[2]
        # 一百五 is 150, 一百零五 (1百05) 105.
        rest = int(tail) * 10 if len(tail) == 1 else int(tail or 0)
        return str(int(hundreds[1]) * 100 + rest)
    return digits


def _distance(text: str) -> re.Match[str] | None:
    """Where the text says a distance: the last one (500米 after 和平里5号)."""
    found = list(_RADIUS.finditer(text))
    return found[-1] if found else None


def _radius(text: str) -> float | None:
    match = _distance(text)
    if match is None:
        return None
    value = float(match.group(1) or match.group(3))
    unit = (match.group(2) or "米").lower()
    metres = value * 1000 if unit in ("公里", "千米", "km") else value
    if not 10 <= metres <= MAX_RADIUS_METRES:
        raise Invalid(f"半径应在10米到{MAX_RADIUS_METRES / 1000:g}公里之间，请重新输入。")
    return metres


def _kinds(words: list[str]) -> list[str] | None:
    """The kinds named, or None if some word is not a kind."""
    kinds: list[str] = []
    for word in words:
        found = _kind_words(word)
        if found is None:
            return None
        kinds.extend(found)
    return kinds


def _kind_words(word: str) -> list[str] | None:
    """The kinds of one word, which may be several kind names written together (旅馆民宿:
    the 「旅馆、民宿」 button typed without its 、); None if it is not made of kind names."""
    if not word:
        return []
    for everyday, label in _KIND_SYNONYMS.items():
        if word.startswith(everyday):
            word = label + word[len(everyday) :]
            break
    if word.startswith(("九小场所", "九小")):
        rest = word.removeprefix("九小场所") if word.startswith("九小场所") else word[2:]
        tail = _kind_words(rest)
        return None if tail is None else [k.value for k in NINE_SMALL] + tail
    for kind in sorted(VenueKind, key=lambda k: -len(k.label)):
        for name in (kind.label, kind.value):
            if word.startswith(name):
                tail = _kind_words(word[len(name) :])
                if tail is not None:
                    return [kind.value, *tail]
    return None


def _trailing_kinds(name: str) -> tuple[str, list[str]]:
    """城南旅馆: a beat's name run into the kinds after it, as (城南, [旅馆]); ("", []) when
    the name ends in no kind."""
    for start in range(1, len(name)):
        kinds = _kind_words(name[start:])
        if kinds:
            return name[:start], kinds
    return "", []


def named_kind(word: str) -> VenueKind | None:
    """The one kind a word names, as the audience takes it (旅馆, 宾馆, 出租房, 房东)."""
    found = _kind_words(word.strip())
    return VenueKind(found[0]) if found and len(found) == 1 else None


def _scope_words(text: str) -> list[str]:
    """The words of a scope, without 所有, 全部 (城东全部, 所有旅馆) or 场所 (所有场所):
    they add nothing to a beat or a kind."""
    words = (_ALL.sub("", w) for w in _SPLIT.split(text) if w)
    return [w for w in words if w and w != _ANY_VENUE]


#: The public alone as the scope: the residents of the own beat who subscribed.
RESIDENTS = {
    "subscribers": True,
    "residents_only": True,
    "scope": "beat",
    "kinds": [],
    "label": "本警务区订阅群众",
}


def parse_audience(text: str, env: FormEnv) -> dict[str, Any]:
    spec: dict[str, Any] = {"subscribers": False}
    if _PUBLIC.search(text):
        spec["subscribers"] = True
        text = _PUBLIC.sub("", text)
    text = text.strip()
    if env.location is not None:
        radius = _radius(text) or DEFAULT_RADIUS
        loc = env.location
        try:
            check_circle(loc.latitude, loc.longitude, radius)
        except ValueError as exc:
            raise Invalid(f"{exc}，请重新发送位置。") from None
        label = loc.label or "所发位置"
        return spec | {
            "circle": [round(loc.latitude, 6), round(loc.longitude, 6), radius],
            "label": f"{label}周边{radius:g}米",
        }
    # 只发旅馆, 发给出租屋就行, 范围改成旅馆和民宿都发: the verb and the ease around the
    # scope are no part of it (范围改成… had got 没有看懂发送范围).
    bare = _FILLER_TAIL.sub("", _FILLER_HEAD.sub("", text)).strip()
    if (spec["subscribers"] and not bare) or _PUBLIC_ALONE.fullmatch(_ALL.sub("", bare or text)):
        # 群众, 发给群众, 只发订阅的群众 (没有找到「只」), 只发居民: the subscribed residents
        # of the beat, and no venue (群众 had reached every venue of the beat as well).
        return dict(RESIDENTS)
    text = bare or text
    if SAID_TIME.match(text):
        raise Invalid(_time_at_scope(text, env))
    if (added := _ADDED.match(text)) is not None:
        return _with_more(spec, added["more"], env)
    if not text:
        raise Invalid("请选择发送范围，或发送一个位置。")
    if text.startswith("多边形"):
        points = [(float(a), float(b)) for a, b in _POINT.findall(text)]
        try:
            if not all(valid_point(p) for p in points):
                raise ValueError
            Polygon(tuple(points))
        except ValueError:
            raise Invalid(
                "多边形需要至少3个点，格式如：多边形 30.10,120.10; 30.12,120.10; 30.11,120.13"
            ) from None
        return spec | {"polygon": [list(p) for p in points], "label": "指定多边形区域"}
    # 城东全部, 所有旅馆: "all" said of a beat or a kind adds nothing to it.
    words = _scope_words(_STATION.sub(r"\1 ", text))
    if not words and (_ANY_VENUE in text or text in ("全部", "所有", "全体")):
        # 全部, 所有场所 (looked up as a beat 「场所」 before): every venue of the own beat.
        return spec | {"scope": "beat", "kinds": [], "label": "本警务区全部"}
    words = words or [text]
    own = without_own_beat(text)
    if own is not None:
        # 本警务区旅馆, 本辖区的出租屋, 辖区内所有民宿: the own beat, perhaps of some kinds.
        named = _scope_words(own)
        if not named:
            return spec | {"scope": "beat", "kinds": [], "label": "本警务区全部"}
        own_kinds = _kinds(named)
        if own_kinds:
            return spec | {"scope": "beat", "kinds": own_kinds, "label": text}
    if words and words[0] in ("全所", "全派出所"):
        kinds = _kinds(words[1:])
        if kinds is None:
            raise Invalid("「全所」后只能跟场所类型，如：全所 旅馆。")
        return spec | {"scope": "station", "kinds": kinds, "label": text}
    kinds = _kinds(words)
    if kinds is not None and kinds:
        return spec | {"scope": "beat", "kinds": kinds, "label": text}
    if _reads_as_content(text):
        raise Invalid(_content_at_scope(text, env))
    text = _SPELLED.sub(lambda run: _spelled_digits(run.group()), text)
    around_m = _radius(text)
    if around_m is not None or any(w in text for w in _AROUND_WORDS):
        said = _distance(text)
        name = text[: said.start()] + text[said.end() :] if said else text
        for word in _AROUND_WORDS:
            name = name.replace(word, "")
        # 悦来旅馆周边500米内: 内 says "within", and is no part of the venue's name.
        while (shorter := _WITHIN.sub("", name.strip())) != name.strip():
            name = shorter
        name = name.strip()
        if not name:
            raise Invalid("请写明围绕哪个场所，如：平安旅馆 500米。")
        if _CLAUSE_MARK.search(name):
            # 网吧周边发生入室盗窃，请…: 周边 in a sentence, not a place to circle.
            raise Invalid(_content_at_scope(text, env))
        return spec | {
            "around": name,
            "radius_m": around_m or DEFAULT_RADIUS,
            "label": f"{name}周边{around_m or DEFAULT_RADIUS:g}米",
        }
    beat_kinds = _kinds(words[1:]) if len(words) > 1 else []
    if beat_kinds is None:
        # Not the whole question again: the form asks it under this (it had been said twice).
        raise Invalid("没有看懂发送范围。")
    return spec | {"beat_name": words[0], "kinds": beat_kinds, "label": text}


def _with_more(spec: dict[str, Any], more: str, env: FormEnv) -> dict[str, Any]:
    """加上民宿: the kinds of the scope chosen so far with those said; the kinds alone
    when none is chosen yet, or the scope chosen is no list of kinds (the public alone:
    the kinds and the public)."""
    kinds = _kinds(_scope_words(more))
    if not kinds:
        raise Invalid("没有看懂要加上的范围，可写场所类型，如：加上民宿。")
    chosen = env.answers.get("audience") or {}
    # The public chosen (群众, 旅馆+群众) stays: 加上民宿 after 群众 had reached the homestays
    # alone, the residents dropped without a word.
    spec = spec | {"subscribers": bool(spec.get("subscribers") or chosen.get("subscribers"))}
    if chosen.get("kinds") and chosen.get("scope") in ("beat", "station"):
        joined = list(dict.fromkeys([*chosen["kinds"], *kinds]))
        label = "、".join(VenueKind(k).label for k in joined)
        station = "全所" if chosen["scope"] == "station" else ""
        return spec | {"scope": chosen["scope"], "kinds": joined, "label": station + label}
    return spec | {"scope": "beat", "kinds": kinds, "label": more.strip()}


def said_scope(text: str) -> bool:
    """Whether `text` is a scope said as a change, with no field named (只发旅馆, 旅馆和
    民宿都发, 加上民宿, 改成出租屋): at the alert's summary it had got 没看懂这句."""
    text = text.strip()
    head = _FILLER_HEAD.match(text)
    if not (head and head[0]) and not _FILLER_TAIL.search(text) and not _ADDED.match(text):
        return False
    try:
        parse_audience(text, FormEnv({}, date.min, datetime.min))
    except Invalid:
        return False
    return True


def show_audience(value: Any) -> str:
    if not value:
        return "（未选）"
    label = str(value.get("label") or "")
    public = value.get("subscribers") and not value.get("residents_only")
    return label + ("（含订阅群众）" if public else "")


class Unresolved(Exception):
    """The spec names something that is not there; `str()` says what, in Chinese.
    `meant`: the scope as typed with the one place its name sounds like (极速网吧 500米
    for 极速网巴 500米), to be offered; "" when there is no such guess."""

    def __init__(self, said: str, meant: str = "") -> None:
        super().__init__(said)
        self.meant = meant


async def to_audience(
    session: AsyncSession, spec: dict[str, Any], officer: Person, scope: BeatScope
) -> Audience:
    kinds = tuple(VenueKind(k) for k in spec.get("kinds", ()))
    common: dict[str, Any] = {"subscribers": bool(spec.get("subscribers")), "label": ""}
    if "circle" in spec:
        lat, lon, around_m = spec["circle"]
        return Audience(
            circle=check_circle(lat, lon, around_m), **(common | {"label": spec.get("label", "")})
        )
    if "polygon" in spec:
        points = tuple((float(a), float(b)) for a, b in spec["polygon"])
        return Audience(polygon=Polygon(points), **(common | {"label": spec.get("label", "")}))
    if "around" in spec:
        venue = await resolve_venue(session, scope, spec["around"])
        named = not isinstance(venue, str)
        if isinstance(venue, str):
            venue = await _venue_at(session, scope, spec["around"]) or venue
        if isinstance(venue, str):
            guessed = venue.venues if isinstance(venue, Ambiguous) else ()
            meant = f"{guessed[0].name} {spec['radius_m']:g}米" if len(guessed) == 1 else ""
            if meant and spec.get("subscribers"):
                meant += "+群众"
            raise Unresolved(f"{venue}{_CIRCLE_HOW}", meant)
        if venue.latitude is None or venue.longitude is None:
            raise Unresolved(f"「{venue.name}」没有登记坐标，无法圈定周边。可改为发送一个位置。")
        circle = check_circle(venue.latitude, venue.longitude, float(spec["radius_m"]))
        # Around an address, the address: the review had said 城东路36号周边500米 and the
        # alert went out (and was listed) as 极速网吧周边500米, the venue found there.
        where = venue.name if named else str(spec["around"])
        label = f"{where}周边{circle.radius_m:g}米"
        return Audience(circle=circle, **(common | {"label": label}))
    if spec.get("scope") == "station":
        station_id = officer.station_id
        query = (
            select(Beat.id)
            if station_id is None
            else select(Beat.id).where(Beat.station_id == station_id)
        )
        beats = tuple(sorted(b for b in (await session.exec(query)).all() if b is not None))
        return Audience(
            kinds=kinds, beats=beats, **(common | {"label": f"全所{kinds_label(kinds)}"})
        )
    if spec.get("scope") == "beat":
        if officer.beat_id is None:
            raise Unresolved("您没有所属警务区，请写明警务区名称，或选择「全所」。")
        beat = await session.get(Beat, officer.beat_id)
        name = beat.name if beat else "本警务区"
        if spec.get("residents_only"):
            return Audience(
                beats=(officer.beat_id,),
                subscribers=True,
                residents_only=True,
                label=f"{name}订阅群众",
            )
        return Audience(
            kinds=kinds,
            beats=(officer.beat_id,),
            **(common | {"label": f"{name}{kinds_label(kinds)}"}),
        )
    name = spec.get("beat_name", "")
    beat = await _station_beat(session, name, officer.station_id)
    head, tail = _trailing_kinds(name) if beat is None and not kinds else ("", [])
    if head:
        beat = await _station_beat(session, head, officer.station_id)
        kinds = tuple(VenueKind(k) for k in tail)
    if beat is None or beat.id is None:
        raise Unresolved(f"没有找到「{name}」。可选择场所类型，或写警务区名称（如 城东）。")
    return Audience(
        kinds=kinds, beats=(beat.id,), **(common | {"label": f"{beat.name}{kinds_label(kinds)}"})
    )


#: How to draw a circle that works, after a place that is not found.
_CIRCLE_HOW = (
    "圈定周边也可以直接发送一个地图位置（可附半径，如 800），或写场所名称，如「场所名 500米」。"
)

#: Spaces an address is written with or without (城东路 18 号, 城东路18号).
_SPACES = re.compile(r"[\s\u3000]+")


async def _venue_at(session: AsyncSession, scope: BeatScope, said: str) -> Venue | None:
    """A venue of the station at the address said (城东路18号 500米): officers draw a circle
    around an address as often as around a name. One with coordinates, the first if several
    share the address (they share the point, too); None if the address is no venue's."""
    key = _SPACES.sub("", said)
    if len(key) < 3:
        return None
    address = func.replace(func.replace(col(Venue.address), " ", ""), "\u3000", "")
    located = col(Venue.latitude).is_not(None) & col(Venue.longitude).is_not(None)
    for match in (address == key, address.startswith(key, autoescape=True)):
        query = restrict(select(Venue).where(match, located), scope).order_by(col(Venue.id))
        found = (await session.exec(query.limit(1))).first()
        if found is not None:
            return found
    return None


async def _station_beat(session: AsyncSession, name: str, station_id: int | None) -> Beat | None:
    """A beat of the station by its name, or by a part that names only one (城东)."""
    here = select(Beat).where(Beat.station_id == station_id)
    exact = (await session.exec(here.where(Beat.name == name))).first()
    if exact is not None or not name:
        return exact
    found = (
        await session.exec(here.where(col(Beat.name).contains(name, autoescape=True)).limit(2))
    ).all()
    return found[0] if len(found) == 1 else None
