"""The tip form: what a resident tells the police, anonymous unless they choose otherwise.

```mermaid
flowchart LR
    start([举报 / /举报 / /tip]) --> limit{over the hourly limit?}
    limit -- yes --> later([请稍后再试；紧急请拨110])
    limit -- no --> story[情况描述 → 类别（描述已说明则不问；跳过即「其他」） → 照片（可多张，可跳过）
        → 地点（描述已说明则不问；定位/场所/地址，可跳过；说的是人的特征则补入描述、再问地点）]
    story -.- asked[「警察会管吗」「会不会被报复」 at any step: answered, the step asked again]
    story --> here{地点只说了楼下、隔壁、对面？}
    here -- yes --> building[哪个小区、哪栋楼（可跳过）] --> rest
    here -- no --> rest[时间（描述已说明则不问；可跳过） → 匿名或留电话（问到顾虑则答后再问）
        → (电话；问到顾虑则答后再问；「匿名」改回匿名)]
    rest --> confirm[核对] --> dup{same text within a day?}
    dup -- yes --> same([已收到过，给出原查询码])
    dup -- no --> receipt([查询码 + 代号；pushed to the beat unless the source is throttled])
```
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from bot.context import Context
from bot.forms import Answers, Derived, Form, FormEngine, FormEnv, FormField, Misplaced, More
from bot.forms.clock import local_time
from bot.forms.photos import keeping_photos, photo_field, says_no_photo
from bot.forms.spec import Advice
from bot.forms.words import says_yes
from bot.messages import Button, Choices, Reply, Text
from bot.validators import Invalid
from bot.validators.normalize import fold
from bot.validators.phone import IN_TEXT as PHONE_IN_TEXT
from bot.validators.phone import parse_phone
from bot.validators.text import parse_free_text
from handlers.services.numbers import wanted_number
from handlers.services.photos import dump, sanitise
from handlers.services.photos import load as load_photos
from handlers.services.places import place_field, resolve_place, show_place
from handlers.services.when import when_at, when_field, when_note
from handlers.tips import case_question, codes, intake, routing
from handlers.tips.category import read_category
from handlers.tips.own_venue import (
    OWN_VENUES,
    own_venue_named,
    own_venue_note,
    parse_sighting_place,
    venues_of,
)
from handlers.tips.place import (
    ABOUT_PHOTOS,
    BUILDING,
    at_photos,
    describes_someone,
    only_a_place,
    told_at,
    with_building,
)
from handlers.tips.relay import SOURCE_ACCOUNT, TIP_CODE, tip_code
from handlers.tips.told import (
    OFTEN,
    dated_only,
    how_often,
    tells_what_happened,
    told_when,
)
from handlers.wanted.access import publishable
from knowledge.intent import asks
from storage.models import Tip, TipCategory, TipSource

FORM_NAME = "tip"
ANONYMOUS, GIVE_PHONE = "匿名提交", "留下电话"
TEXT = "tip.text"
PLACE = "tip.place"
CONTACT = "tip.contact"
Parser = Callable[[str, FormEnv], Any]
#: 我要举报，匿名举报一下，想举报个情况: said before what is reported (`start_tip`).
SAYS_TIP = re.compile(
    r"(?:我)?(?:要|想)?(?P<anonymous>匿名)?举报(?!人|电话|的|了|过|奖|信)"
    r"(?:一下|下|个情况|一个情况|个事|一件事)?[\s，,。：:！!]*"
)
#: 举报 匿名的 …: anonymity chosen before the story, which is no part of it.
_ANONYMOUS_FIRST = re.compile(r"(?:匿名|不留名字?|不留姓名)(?:的|地|吧|一下)?[\s，,。：:！!]+")
LIMIT_REACHED = "您这一小时内提交的举报已经比较多了，请稍后再试。如情况紧急，请直接拨打110。"


#: More than a category's words (好像在赌博): the story told at the category question.
_STORY_CHARS = 10


#: 传销算哪个啊, 这个属于哪一类: which category a thing goes under, asked at the question.
_WHICH = re.compile(r"(?:算|属于|归|是|选|放|填)(?:哪个|哪一?类|哪种|哪项|哪一项|什么|啥)")


#: What stands around the thing asked of (这个传销的): no part of its name.
_THIS = re.compile(r"^[\s，,]*(?:这个|那个|这种|那种)?|(?:的)?[\s，,]*$")


def _which_category(text: str) -> Advice:
    """The answer to 传销算哪个啊 at the category, which names no category's words (those,
    赌钱的算哪个, are taken as the answer): 其他. It had got 请从下面的类别中选一个, the
    question unanswered."""
    found = _WHICH.search(text)
    thing = _THIS.sub("", text[: found.start()]) if found else ""
    named = f"「{thing}」不属于前面几类，" if thing else "不确定属于哪一类的，"
    return Advice(
        f"{named}选「其他」就可以（回复「跳过」也一样按「其他」处理），民警会按您的描述处理。"
    )


def _parse_category(text: str, env: FormEnv) -> Any:
    category = read_category(text)
    if category is None and _WHICH.search(text):
        raise _which_category(text)
    if category is None:
        raise Invalid("请从下面的类别中选一个（回复序号也可以）。")
    told = text.strip()
    if len(told) >= _STORY_CHARS and tells_what_happened(told):
        # 已记下情况：小区门口, then 楼下有几个人每天晚上在车库里赌钱 at the category: the
        # story had given its category and been lost.
        with contextlib.suppress(Invalid):
            told = parse_free_text(told)
            described = f"{env.answers.get('text', '')}；{told}".lstrip("；")
            return Derived(category.label, {"text": described})
    return category.label


def _category(answers: Mapping[str, Any]) -> TipCategory:
    """The category chosen, 其他 when skipped."""
    return TipCategory.parse(answers.get("category") or TipCategory.OTHER.label)


def _show_category(value: Any) -> str:
    return str(value) if value else TipCategory.OTHER.label


def _parse_text(text: str, _env: FormEnv) -> str:
    described = parse_free_text(text)
    if len(described) < 4:
        raise Invalid("请多写几句：什么人、在哪里、在做什么，越具体越有助于民警核实。")
    return described


def _parse_description(text: str, env: FormEnv) -> Any:
    """The description, with the category when its words tell it (楼下几个人在赌钱: 涉赌)
    and the time (昨天晚上; not 每天晚上, which says how often): not asked then, but shown
    in the summary, where they can be changed. A sighting's category is fixed already."""
    described = _parse_text(text, env)
    extra = told_when(described, env) if "when" not in env.answers else {}
    if "place" not in env.answers:
        extra.update(told_at(described, env))  # 楼下 of 楼下有人吸毒: not asked again
    told = TipCategory.told_in(described)
    if told is not None and "wanted_id" not in env.answers:
        extra["category"] = told.label
    return Derived(described, extra) if extra else described


def mentions_phone(text: str) -> bool:
    """Whether `text` holds a phone number (139 1234 5678, 010-12345678)."""
    # Of a message already taken, of any length (a tipster's addition of 300 characters):
    # fold's guard for short fields had refused it there, and the addition was lost with
    # 系统暂时出了点问题. The search is linear, so no length needs refusing.
    return PHONE_IN_TEXT.search(fold(text, limit=None)) is not None


#: Words that keep a tip anonymous whatever else the message holds.
_STAY_ANONYMOUS = ("匿名", "不留", "不要留", "不想留")
#: 不匿名, 不用匿名: the word that keeps a tip anonymous, ruled out.
_NOT_ANONYMOUS = re.compile(r"不(?:要|用|想|必)?匿名")
#: 留个电话吧, 可以留电话: the other choice said in words.
_GIVE_PHONE_WORDS = ("留电话", "留个电话", "留下电话", "留手机", "留号码", "留个号码")


#: What becomes of a phone left with a tip, said to a worry about leaving one.
_KEPT_PRIVATE = "您留的电话只有处理线索的民警能看到，会严格保密，不会告诉被举报的人，也不会公开。"
#: A question at the choice (留电话会不会被报复啊, 匿名的话民警能找到我吗): the worry
#: answered, and the choice offered again. 留电话 in it had been taken as the choice.
_KEPT_SAFE = (
    f"{_KEPT_PRIVATE}"
    "不想留也没关系：选「匿名提交」，民警只看到一个代号；之后可以凭查询码查看进展、回复民警。"
)
#: The same at the phone (留了电话会不会泄露给对方？, 你们会打电话给我吗), the phone asked
#: again after it: it had got 手机号只能包含数字. A question on anything else there (骗子会被
#: 抓吗) is still pointed to 「/咨询」 (`bot.forms.answer`).
_PHONE_KEPT_SAFE = (
    f"{_KEPT_PRIVATE}民警只在需要核实情况时才会打给您。不想留了回复「匿名」，民警只看到一个代号。"
)
_ABOUT_CONTACT = re.compile(
    r"电话|号码|手机|打给|联系|找我|泄露|泄漏|报复|保密|知道|公开|隐私|安全"
)


def _stays_anonymous(text: str) -> bool:
    """匿名, 还是匿名吧, 不留了: anonymity chosen in words, not ruled out (不匿名)."""
    return any(word in text for word in _STAY_ANONYMOUS) and not _NOT_ANONYMOUS.search(text)


def _parse_contact_choice(text: str, _env: FormEnv) -> Any:
    if text in (ANONYMOUS, "匿名", "不留"):
        return ANONYMOUS
    if text in (GIVE_PHONE, "留", "留电话"):
        return GIVE_PHONE
    # "留电话吧 13912345678", or the number alone: the choice and the answer at once.
    found = PHONE_IN_TEXT.search(fold(text))
    if found is None and asks(text):
        raise Advice(_KEPT_SAFE)  # the step's own answer, never sent aside
    stays = _stays_anonymous(text)
    if found and not stays:
        with contextlib.suppress(Invalid):
            return Derived(GIVE_PHONE, {"contact": parse_phone(found.group())})
    if found is None:
        # 匿名吧 我怕他们报复, 不留了: the choice in a sentence of one's own. A number beside
        # 匿名 is asked again: which of the two was meant is not ours to guess.
        if stays:
            return ANONYMOUS
        if any(word in text for word in _GIVE_PHONE_WORDS):
            return GIVE_PHONE
    raise Invalid("请选择「匿名提交」或「留下电话」。")


def _adding_details(parse: Parser) -> Parser:
    """The photo question's parser, keeping what is typed there when it tells more of what
    happened (就是3栋那个开白色宝马的…, 戴眼镜): added to the description and said back,
    where it had got 请直接发送照片 and was lost. A place still goes to 地点, asked next;
    with 没拍到 before it (没拍到，他开白色宝马), the photos are done with and the rest kept."""

    def parsed(text: str, env: FormEnv) -> Any:
        if env.photos:
            return _with_caption(parse(text, env), text, env)
        try:
            return parse(text, env)
        except Misplaced:
            raise
        except Invalid as exc:
            told = text.strip()
            if (after := _after_no_photo(told, env)) is not None:
                return after
            if not _tells_details(told):
                raise
            with contextlib.suppress(Invalid):
                told = parse_free_text(told)
                note = f"已补充到情况描述：{told}\n{exc.reason}"
                return More(list(env.draft or []), note, _described(told, env))
            raise

    return parsed


#: Words at the photos that tell nothing of what happened: a yes, thanks, a wait while the
#: photo is found (稍等, 我找找), a photo said to be there (有的).
_NO_DETAILS = re.compile(
    r"(?:好吧|收到|知道了?|明白了?|谢谢|多谢|稍等|等一?下|等等|等会儿?|待会儿?|一会儿?|马上|"
    r"我?找找|我?找一?下|在找|有的?|有照片|哦+|噢+|嗯+)(?:[啊呀哈啦哦吧的了]|再?发)*"
)
#: Someone the words tell of, first (他们有时候拍视频): a story, whatever word of photos is in
#: it; 照片在相册里, 我拍不到他 talk of the photo itself.
_SOMEONE_FIRST = re.compile(r"^(?:他|她|有人|那个|那些|这个人|这些人|对方|男的|女的|一个|几个)")
#: What joins the rest to 没拍到 (没有照片，但是…): no part of the details.
_BUT = re.compile(r"^(?:但是|但|不过|可是|只是)[\s，,]*")
_APART = re.compile(r"[\s，,。.!！~～、；;]+")


def _tells_details(told: str) -> bool:
    """Whether `told`, typed at the photos, tells something of what happened: not a yes, a
    wait or a question, and not talk of the photo itself."""
    said = _APART.sub("", told)
    if len(said) < 2 or says_yes(said) or _NO_DETAILS.fullmatch(said) or asks(told):
        return False
    return not (ABOUT_PHOTOS.search(told) and not _SOMEONE_FIRST.match(said))


def _described(told: str, env: FormEnv) -> dict[str, Any]:
    """The description with `told` added, and the time it says (昨晚), not asked then."""
    described = f"{env.answers.get('text', '')}；{told}".lstrip("；")
    when = told_when(told, env) if "when" not in env.answers else {}
    return {"text": described, **when}


def _after_no_photo(told: str, env: FormEnv) -> Derived | None:
    """没拍到，他开一辆白色宝马车: no photo (more), and the rest added to the description,
    or kept as the place when it is one (没拍，在菜市场门口). It had got 照片（无） with the
    rest said 没有用上, and lost. None unless it opens with no photo and tells more."""
    parts = _APART.split(told, maxsplit=1)
    if len(parts) < 2 or not says_no_photo(parts[0]):
        return None
    rest = _BUT.sub("", parts[1].strip())
    photos = list(env.draft or []) or None
    if rest and "place" not in env.answers and at_photos(rest) == "place":
        with contextlib.suppress(Invalid):
            place = parse_sighting_place(rest, env)
            return Derived(photos, {"place": place}, f"已记下地点：{show_place(place)}")
    if not _tells_details(rest):
        return None
    try:
        rest = parse_free_text(rest)
    except Invalid:
        return None
    return Derived(photos, _described(rest, env), f"已补充到情况描述：{rest}")


def _with_caption(parsed: Any, caption: str, env: FormEnv) -> Any:
    """The photo's answer, with the words sent alongside it (这是门口: a caption on the web
    chat or Telegram) added to the description, where the photo alone had been kept and
    the words lost. Any words count, short as a caption is; 完成 only closes the photos."""
    told = caption.strip()
    if not told or says_no_photo(told):
        return parsed
    try:
        told = parse_free_text(told)
    except Invalid:
        return parsed  # no words in it (an emoji alone): nothing for the officer to read
    extra = {"text": f"{env.answers.get('text', '')}；{told}".lstrip("；")}
    if isinstance(parsed, More):
        return More(parsed.value, f"已补充到情况描述：{told}\n{parsed.note}", extra)
    return Derived(parsed, extra)  # the last photo the question takes


def _show_contact_choice(value: Any) -> str:
    """联系方式：匿名提交 read as the button it was, not as a way to be contacted."""
    return "匿名（不留电话，民警只看到代号）" if value == ANONYMOUS else str(value)


def _parse_phone(text: str, _env: FormEnv) -> Any:
    """The phone; 匿名, 还是匿名吧 typed instead switch back to anonymous (it had got
    手机号只能包含数字): no phone, and the choice changed (`_gives_phone` keeps the empty
    answer, so that the choice it carries stays). A worry asked instead is answered."""
    if not any(ch.isdigit() for ch in text) and _stays_anonymous(text):
        return Derived(None, {"contact_choice": ANONYMOUS})
    if PHONE_IN_TEXT.search(fold(text)) is None and asks(text) and _ABOUT_CONTACT.search(text):
        raise Advice(_PHONE_KEPT_SAFE)  # the step's own answer, as at the choice
    return parse_phone(text)


def _gives_phone(answers: Mapping[str, Any]) -> bool:
    """Whether the phone is asked: a phone chosen, or anonymity chosen back at it."""
    switched_back = "contact" in answers and answers["contact"] is None
    return answers.get("contact_choice") == GIVE_PHONE or switched_back


#: What a frequency is said with that tells nothing more (天天「都开」, 经常「这样」).
_SAID_ALSO = re.compile(r"[都会在有开来是的了啊呢吧呀\s，,。！!~～]|这样|这么干")


def _not_how_often(field: FormField) -> FormField:
    """The time, where 天天, 每天晚上, 经常 say how often and not when: kept in the
    description (added to it unless it says so already) and no time kept; 时间：天天 had
    been stored."""
    parse = field.parse

    def parsed(text: str, env: FormEnv) -> Any:
        if not how_often(text):
            return parse(text, env)
        told = parse_free_text(text)
        described = str(env.answers.get("text", ""))
        said = [found.group() for found in OFTEN.finditer(told)]
        if told in described or (
            all(word in described for word in said) and not _SAID_ALSO.sub("", OFTEN.sub("", told))
        ):
            return None  # 天天都开 after 天天开会: the description says it already
        return Derived(None, {"text": f"{described}；{told}".lstrip("；")})

    return replace(field, parse=parsed)


#: How a person described at the place question is added to the description.
SOMEONE_LOOKS = "人员特征"


def _not_someone(field: FormField) -> FormField:
    """The place, where a person described (男的，三十多岁，穿黑衣服) is added to the
    description, said back, and the place asked again: it had been kept as the place."""
    parse = field.parse

    def parsed(text: str, env: FormEnv) -> Any:
        if env.location is not None or not describes_someone(text):
            return parse(text, env)
        said = parse_free_text(text)
        note = f"已补充到情况描述（{SOMEONE_LOOKS}）：{said}\n这一步要的是地点。"
        return More(None, note, _described(f"{SOMEONE_LOOKS}：{said}", env))

    return replace(field, parse=parsed)


def _none_shown(field: FormField) -> FormField:
    """A skipped place or time shown as every skipped answer is, and as a report's are:
    （无）, where the summary had said 时间：（未填） beside 照片：（无）."""
    shown = field.show

    def show(value: Any) -> str:
        return "（无）" if value in (None, "") else shown(value)

    return replace(field, show=show)


_PHOTOS = photo_field(
    "photos",
    "照片",
    "如有照片可以直接发送，可多张，发完回复「完成」。照片里的拍摄地点、手机型号等信息会被自动去除：",
    passes_on=at_photos,
)
#: What happened, where and when: a photo sent at any of these is the tip's photo.
_STORY: tuple[FormField, ...] = (
    FormField(
        "text",
        "情况描述",
        "请描述您看到的情况：什么人、在做什么、有什么特征，越具体越好：",
        _parse_description,
    ),
    # 有人在小区门口卖假烟 fits no category but 其他: 跳过 (or 不知道) there had got
    # 这一项必须填写. Skipped, it is 其他, which the officer's list shows as any other.
    FormField(
        "category",
        "类别",
        "请选择举报类别（不确定可回复「跳过」，按「其他」处理）：",
        _parse_category,
        optional=True,
        choices=tuple(c.label for c in TipCategory),
        show=_show_category,
    ),
    replace(_PHOTOS, parse=_adding_details(_PHOTOS.parse)),
    # An owner's sighting "就在我店里" is their venue, named (see `own_venue`).
    _none_shown(_not_someone(place_field(optional=True, parse=parse_sighting_place))),
    BUILDING,
    _none_shown(_not_how_often(when_field(optional=True))),
)
_FIELDS: tuple[FormField, ...] = (
    *keeping_photos("photos", _STORY),
    FormField(
        "contact_choice",
        "联系方式",
        "默认匿名：民警只看到一个代号，看不到您的账号和姓名。是否愿意留下电话，方便民警核实情况？",
        _parse_contact_choice,
        choices=(ANONYMOUS, GIVE_PHONE),
        show=_show_contact_choice,
        skipped_as=ANONYMOUS,
    ),
    FormField(
        "contact",
        "联系电话",
        "请输入您的电话（只有处理线索的民警能看到）；不想留了回复「匿名」：",
        _parse_phone,
        ask_when=_gives_phone,
        depends_on=("contact_choice",),
        hidden_when_empty=True,  # 匿名 typed here: the choice above says it
    ),
)
#: Each step answering a question about the tip itself (`case_question`).
FIELDS: tuple[FormField, ...] = tuple(case_question.answering(f) for f in _FIELDS)


def _receipt(tip: Tip, code: str, own_venue: str = "") -> list[Reply]:
    shown = codes.show_code(code)
    who = (
        f"民警只看到代号「{tip.alias}」，看不到您的账号和姓名。"
        if tip.contact_enc is None
        else f"民警看到的是代号「{tip.alias}」和您留下的电话，看不到您的账号。"
    )
    if own_venue:
        # An owner's tip about their own venue (本店) names it: telling them the officer sees
        # only an alias would promise an anonymity the place itself takes away.
        who = (
            f"民警看不到您的账号和姓名，但线索地点是您的场所「{own_venue}」，"
            "民警能由此知道线索来自贵场所。"
            if tip.contact_enc is None
            else f"民警看到的是代号「{tip.alias}」和您留下的电话；"
            f"线索地点是您的场所「{own_venue}」，民警能由此知道线索来自贵场所。"
        )
    # A photo sent later is kept with the tip only as the answer to the station's question
    # (`handlers.reports.pending`); sent on its own, it is not.
    later = (
        ""
        if load_photos(tip.photos)
        else "之后有照片请先保存好，民警在这里向您提问时直接发给我，会补充到这条举报；"
        "拍照请注意安全，不要惊动对方。\n"
    )
    return [
        Text(
            "✅ 举报已收到，谢谢您！\n"
            f"查询码：{shown}\n"
            f"请记下查询码：发送「查询 {shown}」即可查看进展，不需要登录。\n"
            f"{who}\n"
            f"民警如有问题会通过这里联系您；您也可以发送「回复 {shown} 内容」补充情况。\n"
            f"{later}"
            "如遇紧急情况，请直接拨打110。"
        )
    ]


async def _submit(ctx: Context, answers: Answers) -> list[Reply]:
    services, session, now = ctx.services, ctx.session, ctx.now
    settings = services.settings.tips
    source = codes.source_index(services, ctx.person)
    if await intake.over_limit(session, source, now, settings.per_hour):
        return [Text(LIMIT_REACHED)]
    text = answers["text"]
    text_idx = codes.text_index(services, text)
    earlier = await intake.duplicate_of(session, source, text_idx, now)
    if earlier is not None:
        code = tip_code(services, earlier)
        return [
            Text(
                f"这条举报您在24小时内已经提交过（查询码 {code}），我们已收到，无需重复提交。"
                f"如需补充，请发送「回复 {code} 补充的内容」。"
            )
        ]
    place = with_building(answers)  # 楼下（幸福里小区3号楼）
    placement = await resolve_place(session, place)
    code = codes.new_code()
    cipher = services.cipher
    tip = Tip(
        alias=codes.new_alias(),
        code_idx=codes.code_index(services, code),
        code_enc=cipher.encrypt(code, TIP_CODE),
        category=_category(answers),
        text_enc=cipher.encrypt(text, TEXT),
        place_enc=cipher.encrypt(placement.description, PLACE) if place else None,
        happened_at=when_at(answers.get("when"), services.settings.zone),
        happened_note=dated_only(when_note(answers.get("when"))),
        photos=dump(await sanitise(services, answers.get("photos"))),
        contact_enc=cipher.encrypt_optional(answers.get("contact"), CONTACT),
        station_id=placement.station_id,
        beat_id=placement.beat_id,
        venue_id=placement.venue.id if placement.venue else None,
        wanted_id=answers.get("wanted_id"),
        muted=await intake.throttled(session, source, now, settings.spam_days),
        created_at=now,
        updated_at=now,
    )
    session.add(tip)
    await session.flush()
    assert tip.id is not None
    session.add(
        TipSource(
            tip_id=tip.id,
            account_enc=cipher.encrypt(str(ctx.account.id), SOURCE_ACCOUNT),
            source_idx=source,
            text_idx=text_idx,
            created_at=now,
        )
    )
    # A throttled source gets the same receipt; only the officers are spared.
    if not tip.muted:
        await routing.announce(session, tip, now)
    return _receipt(tip, code, await own_venue_named(session, ctx.person, tip.venue_id))


#: Where the rest of an answer cut to its length goes: 补充 after submitting reaches the
#: officer (`handlers.tips.additions`).
ADDED_LATER = "提交后发送「补充」，再把后面的内容发来，会转给处理的民警"

FORM = Form(
    name=FORM_NAME,
    title="举报",
    fields=FIELDS,
    submit=_submit,
    story=True,
    intro="开始举报。默认匿名，随时可回复「上一步」，「修改 地点」这样改已填的一项，或「取消」。",
    added_later=ADDED_LATER,
    summary_note=own_venue_note,
)


async def over_limit(ctx: Context) -> list[Reply] | None:
    """The refusal when this sender has sent as many tips this hour as a station takes."""
    source = codes.source_index(ctx.services, ctx.person)
    if await intake.over_limit(ctx.session, source, ctx.now, ctx.services.settings.tips.per_hour):
        # The button keeps what was offered and held for the tip allowed later
        # (`router._still_offered` reads the last buttons shown).
        return [Choices(LIMIT_REACHED, (Button("稍后继续举报", "/举报"),))]
    return None


async def start_tip(
    ctx: Context,
    forms: FormEngine,
    *,
    text: str = "",
    wanted_id: int | None = None,
    photos: list[str] | None = None,
) -> list[Reply]:
    """Start the tip form; `text` is a description already given, `wanted_id` marks a sighting
    of a published wanted person (the wanted cards' 「我见过此人」 button), `photos` the
    hashes of photos sent before it (after the offer to report)."""
    if (refused := await over_limit(ctx)) is not None:
        return refused
    prefill: dict[str, object] = {}
    lead: list[Reply] = []
    wanted = await publishable(ctx.session, wanted_id) if wanted_id is not None else None
    if wanted is not None:
        prefill = {"wanted_id": wanted_id, "category": TipCategory.SUSPICIOUS.label}
        own = await venues_of(ctx.session, ctx.person)
        if own:
            prefill[OWN_VENUES] = own
        names = "、".join(v["name"] for v in own)
        said = "「本店」" if len(own) == 1 else f"场所名称（{names}）"
        here = f"在您的场所见到的，地点回复{said}即可。" if own else ""
        # Named as the public card names them: a typed number picked the card, and the
        # resident can see that it picked the right one.
        lead = [
            Text(
                f"感谢您提供协查通缉 {wanted.name}（{wanted_number(wanted.id)}）的线索！"
                f"请注意自身安全，不要惊动对方。{here}不是此人请回复「取消」。"
            )
        ]
    answered: dict[str, object] = {}
    wish = SAYS_TIP.match(text)
    if wish:
        # 匿名举报一下，… : the wish is no part of the description, and 匿名 is the answer
        # to the question of contact, not to be asked again.
        text = text[wish.end() :].strip()
        if wish["anonymous"]:
            answered["contact_choice"] = ANONYMOUS
    if first := _ANONYMOUS_FIRST.match(text):
        text = text[first.end() :].strip()
        answered["contact_choice"] = ANONYMOUS
    local = local_time(ctx)  # 昨天 is the station's yesterday
    env = FormEnv(prefill, local.date(), local)
    if text and wanted is None and only_a_place(text):
        # 我要举报小区门口 (the offer 「举报 小区门口」): where it is, not what happened; as
        # the description, the story typed next had gone to the category and was lost.
        with contextlib.suppress(Invalid):
            answered["place"] = parse_sighting_place(text, env)
            text = ""
    if text:
        # Too short to stand as a description: the form asks for it as usual.
        with contextlib.suppress(Invalid):
            answered["text"] = _parse_text(text, env)
        told = TipCategory.told_in(text)
        if "text" in answered and told is not None and "category" not in prefill:
            answered["category"] = told.label  # shown in the summary, and can be changed
        if "text" in answered:
            answered.update(told_when(text, env))
            answered.update(told_at(text, env))  # 楼下 of 楼下有人吸毒
    if photos:
        answered["photos"] = photos  # shown in the summary, and can be changed
    started = await forms.start(ctx, FORM_NAME, prefill, answered)
    if answered and started[:1] == [Text(FORM.intro)]:
        # 我要举报 我们小区有人卖毒品 had gone straight to the photos, nothing said back.
        lines = [FORM.intro]
        if "text" in answered:
            category = answered.get("category")
            kind = f"（类别：{category}）" if category else ""
            lines.append(f"已记下情况：{answered['text']}{kind}")
        if "place" in answered:
            lines.append(f"已记下地点：{show_place(answered['place'])}")
        if photos:
            lines.append(f"已带上您刚才发的照片（{len(photos)} 张）。")
        started[0] = Text("\n".join(lines))
    return [*lead, *started]
