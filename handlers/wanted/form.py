"""The form an officer fills to put a person on the wanted list (`/通缉 新增`), and to
change one (`/通缉 修改 N`: the same form, every answer already given, straight to the
summary where 「修改 字段」 changes what needs changing).

```mermaid
flowchart LR
    start([/通缉 新增]) --> form[照片 → 姓名 → 别名 → 证件号码 → 性别 → 出生日期或年龄 → 身高
        → 体型 → 口音 → 体貌特征 → 案由 → 发布单位 → 悬赏 → 联系方式 → 可见范围]
    form --> confirm[核对] --> saved([卡片 + 推送本所民警])
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from bot.forms import Answers, Derived, FormEnv, FormField
from bot.forms.clock import said_on
from bot.forms.photos import photo_field
from bot.validators import Invalid
from bot.validators.dates import parse_birth_date
from bot.validators.documents import parse_wanted_number
from bot.validators.idcard import id_check_digit, parse_resident_id
from bot.validators.normalize import fold
from bot.validators.numerals import arabize
from bot.validators.sex import parse_sex
from bot.validators.text import parse_free_text, parse_person_name
from handlers.registration.fields import without_label
from handlers.services.numbers import wanted_number
from handlers.services.personal import DOC_NO
from handlers.services.photos import load as load_photos
from storage.models import Station, Visibility, WantedPerson, WantedStatus

if TYPE_CHECKING:
    from bot.context import Context

FORM_NAME = "wanted"
INTERNAL, PUBLIC = "内部（仅民警可见）", "公开（可发布通缉令）"
UNKNOWN = "不详"
BUILDS = ("偏瘦", "中等", "偏胖", "魁梧")
_AGE_RANGE = re.compile(r"约?(\d{1,2})\s*(?:岁)?\s*(?:-|–|—|~|～|到|至)\s*(\d{1,2})\s*岁?(?:左右)?")
_AGE_ONE = re.compile(r"约?(\d{1,2})\s*岁(?:左右)?")
#: 35, 五十: an age said bare (a spreadsheet's 年龄 column holds little else); two digits,
#: so a stray 1 or 3 (an option number typed into the wrong step) is not read as an age.
_AGE_BARE = re.compile(r"约?([1-9]\d)(?:左右)?")
#: 30来岁, 40岁上下: about that age, as a witness puts it.
_AGE_ABOUT = re.compile(r"[约大概]*(\d{1,2})\s*(?:来岁|岁上下|上下)")
#: 30多岁, 50几岁: the decade; 20出头: its first years.
_AGE_DECADE = re.compile(r"[约大概]*(\d)0\s*(多|几|出头)岁?")
_HEIGHT = re.compile(r"约?(\d{3})\s*(?:cm|厘米|公分)?(?:左右)?", re.IGNORECASE)
#: 一米七五, 1米8, 1.75米: a height as people say it, in metres.
_METRES = re.compile(r"约?([12])(?:米|\.)(\d{1,2})(?:米|m)?(?:左右)?", re.IGNORECASE)


def _name(text: str, _env: FormEnv) -> str:
    """王大力; 姓名王大力 (the case file's label typed with it) had been kept whole."""
    return parse_person_name(without_label(text.strip()))


def _short(limit: int) -> Any:
    def parse(text: str, _env: FormEnv) -> str:
        return parse_free_text(text, max_length=limit)

    return parse


#: A document's name, not a person's: 身份证 typed at the alias question (the officer on
#: to the number, asked next) had been kept as an alias, and printed on the card.
_DOCUMENT_WORD = re.compile(
    r"(?:二代|临时|电子)?(?:身份证|证件|护照|驾驶证|驾照|军官证|户口本|户口簿|通行证|回乡证"
    r"|台胞证|居住证|永居证)(?:号码?|编号)?(?:是|为|[:：])?"
)


def _aliases(text: str, _env: FormEnv) -> str:
    # 外号大力, 别名：阿力: the label is no part of the alias (it had been kept, and printed).
    names = [n for word in re.split(r"[,，、;；\s]+", fold(text)) if (n := without_label(word))]
    joined = "、".join(names)
    if not names or len(joined) > 200:
        raise Invalid("请用顿号或逗号分隔各个别名，总共不超过200字。")
    if document := next((n for n in names if _DOCUMENT_WORD.fullmatch(n)), None):
        raise Invalid(
            f"「{document}」是证件名称，不是别名。请输入别名或绰号（多个用顿号分隔），"
            "没有请回复「跳过」；证件号码下一步再填。"
        )
    return joined


#: A number alone (110, 0571-87654321, 139 0000 1111): a phone, not the issuing unit.
_NUMBER_ONLY = re.compile(
    r"(?:电话|手机|热线|tel)?[\s:：]*\+?[\d\s()（）\-－]*\d[\d\s()（）\-－]*", re.I
)


#: 城关派出所 电话 139 1234 5678, 城关派出所（值班电话：0571-87654321）: a unit's name with
#: its phone said after it (第110分局 is a name: see `unit_and_phone`).
_UNIT_PHONE = re.compile(
    r"(?P<unit>.*?[^\s\d,，、;；:：(（])[\s,，、;；(（]*"
    r"(?:(?:联系|值班|报警|办公)?(?:电话|手机|热线|座机)(?:号码?)?|tel)?[\s:：]*"
    r"(?P<phone>\+?\d[\d\s\-－]{5,}\d)[)）]?",
    re.I,
)


def unit_and_phone(text: str) -> tuple[str, str] | None:
    """(unit, phone) of 城关派出所 电话 139…; None when no phone follows a unit's name."""
    found = _UNIT_PHONE.fullmatch(fold(text).strip())
    # 7 (a local number) to 13 (+86 and a mobile): an ID number's 18 is no phone.
    if found is None or not 7 <= sum(ch.isdigit() for ch in found["phone"]) <= 13:
        return None
    return found["unit"], found["phone"]


def _issuing_unit(text: str, env: FormEnv) -> str | Derived:
    """The unit that issued the notice (某某市公安局某某分局); 110 had been kept as one, and
    the card read 发布单位：110. A phone said after the name is the card's 联系方式, where
    that is still open (said at a summary's 修改, it stays with the unit rather than
    replace the contact given)."""
    unit = parse_free_text(text, max_length=200)
    if _NUMBER_ONLY.fullmatch(arabize(fold(unit))):
        raise Invalid(
            f"「{unit}」是号码，不是单位名称。请输入发布单位，如 某某市公安局某某分局；"
            "不填请回复「跳过」（用本所名称）。群众联系电话在后面的「联系方式」一步填写。"
        )
    split = unit_and_phone(unit)
    if split is not None and not env.answers.get("contact"):
        return Derived(split[0], {"contact": split[1]})
    return unit


#: Said after a number whose check digit is wrong: the case file has it so.
_AS_IS = re.compile(r"[\s,，]*(?:确认|确定|无误|核对无误)$")


def _doc_no(text: str, env: FormEnv) -> Any:
    as_is = _AS_IS.search(text)
    number = parse_wanted_number(text[: as_is.start()] if as_is else text)
    if len(number) != 18:
        return number
    body = number[:17]
    if not as_is and body.isdigit() and id_check_digit(body) != number[17]:
        # Said as it is typed: only the summary had flagged it, after the form asked for the
        # sex and birth date the prompt said the number would fill in.
        raise Invalid(
            f"这个身份证号码校验位不符（按前17位，最后一位应为 {id_check_digit(body)}），"
            f"请核对后重新输入。如案卷上就是这个号码，请发送「{number} 确认」照录。"
        )
    try:
        resident = parse_resident_id(number, today=env.today)
    except Invalid:
        # Wanted lists carry numbers as the case file has them; keep a doubtful one (and
        # read nothing from it).
        return number
    extra = {"birth": resident.birth_date.isoformat(), "sex": resident.sex.label}
    return Derived(number, extra)


async def not_on_list(ctx: Context, number: Any, answers: Mapping[str, Any]) -> str | None:
    """A number already on an active card is refused as it is typed: saved twice, the
    second card went to every officer and each registration of the person raised two
    alerts. The card being changed (`/通缉 修改 N`) does not count against itself."""
    if not number:
        return None
    query = select(WantedPerson).where(
        WantedPerson.doc_no_idx == ctx.services.blind_index(str(number), DOC_NO),
        WantedPerson.status == WantedStatus.ACTIVE,
        col(WantedPerson.id) != (answers.get("wanted_id") or 0),
    )
    found = (await ctx.session.exec(query.order_by(col(WantedPerson.id)))).first()
    if found is None:
        return None
    return (
        f"这个证件号码已在在逃人员卡片 {wanted_number(found.id)}（{found.name}）上，"
        f"无需重复录入。查看该卡片请发送「/通缉 {found.id}」，要补充内容请发送"
        f"「/通缉 修改 {found.id}」（先回复「取消」结束本次录入）。"
        "如是另一人，请核对号码重新输入；没有证件号码请回复「跳过」。"
    )


def show_doc_no(number: Any) -> str:
    """The number, flagged when it looks like a resident ID whose check digit is wrong: it
    is kept (the case file may have it so), but the officer should look at it again."""
    if not number:
        return "（无）"
    text = str(number)
    body = text[:17]
    if len(text) == 18 and body.isascii() and body.isdigit() and id_check_digit(body) != text[17]:
        return f"{text}（身份证校验位不符，请核对）"
    return text


def _sex(text: str, _env: FormEnv) -> str:
    if text.strip() in (UNKNOWN, "未知"):
        return ""
    return parse_sex(text).label


def parse_birth_or_age(text: str, env: FormEnv) -> str:
    """ "1990-05-01" (a birth date, stored as ISO) or "30-40岁" / "约35岁" / "35" / "五十" (an
    age range)."""
    cleaned = arabize(fold(text))
    found = _AGE_RANGE.fullmatch(cleaned)
    if found:
        low, high = sorted((int(found[1]), int(found[2])))
        return f"{low}-{high}"
    found = (
        _AGE_ONE.fullmatch(cleaned)
        or _AGE_ABOUT.fullmatch(cleaned)
        or _AGE_BARE.fullmatch(cleaned.strip())
    )
    if found:
        return found[1]
    found = _AGE_DECADE.fullmatch(cleaned)
    if found:
        low = int(found[1]) * 10
        return f"{low}-{low + (3 if found[2] == '出头' else 9)}"
    try:
        return parse_birth_date(cleaned, today=env.today).isoformat()
    except Invalid:
        raise Invalid("请输入出生日期（如 1990-05-01）或大致年龄（如 30-40岁、约35岁）。") from None


def _height(text: str, _env: FormEnv) -> str:
    typed = arabize(fold(text)).replace(" ", "")
    if found := _HEIGHT.fullmatch(typed):
        centimetres = int(found[1])
    elif found := _METRES.fullmatch(typed):
        centimetres = int(found[1]) * 100 + int(found[2].ljust(2, "0"))  # 1米7 is 170
    else:
        centimetres = 0
    if not 100 <= centimetres <= 230:
        raise Invalid("请输入身高的厘米数，如 175。")
    return f"约{centimetres}厘米"


#: The label typed with the amount (悬赏2万): the card prints its own 悬赏 beside it.
_REWARD_LABEL = re.compile(r"^(?:悬赏|赏金|奖金|奖励)(?:金额?)?[\s:：]*(?:人民币)?\s*")
_REWARD_AMOUNT = re.compile(
    r"(?:人民币)?(\d+(?:\.\d+)?)\s*(万)?(?:(\d)千)?\s*(?:元|块)?(?:人民币)?"
)


def reward_text(value: str) -> str:
    """A stored reward without the label the card and the notice put before it: 悬赏2万
    (stored before amounts were normalised) as 2万."""
    return _REWARD_LABEL.sub("", value.strip()) or value.strip()


def parse_reward(text: str, _env: FormEnv) -> str:
    """An amount as the card shows it best (悬赏2万, 20000, 两万元 -> 2万元; 5000 -> 5000元);
    other words (提供线索者酌情奖励) kept as typed, without a leading 悬赏."""
    said = reward_text(parse_free_text(text, max_length=100))
    found = _REWARD_AMOUNT.fullmatch(arabize(fold(said)).replace(" ", ""))
    if found is None:
        return said
    amount = float(found[1]) * (10000 if found[2] else 1)
    if found[3]:
        if not found[2]:
            return said
        amount += int(found[3]) * 1000
    if amount >= 10000:
        return f"{amount / 10000:g}万元"
    return f"{amount:g}元"


def _visibility(text: str, _env: FormEnv) -> str:
    if text in (INTERNAL, "内部", "internal"):
        return INTERNAL
    if text in (PUBLIC, "公开", "public"):
        return PUBLIC
    raise Invalid("请选择「内部」或「公开」。")


def visibility_of(answers: Mapping[str, Any]) -> Visibility:
    return Visibility.PUBLIC if answers.get("visibility") == PUBLIC else Visibility.INTERNAL


def age_range_text(age_range: str) -> str:
    """A stored age range as people say it: "30-40" -> 约30–40岁, "35" -> 约35岁."""
    low, _, high = age_range.partition("-")
    return f"约{low}–{high}岁" if high else f"约{low}岁"


def show_birth_or_age(value: Any) -> str:
    """The form's answer in the summary: 1990-05-01, 约30–40岁."""
    if not value:
        return "（无）"
    birth, age_range = split_birth(value)
    return birth.isoformat() if birth is not None else age_range_text(age_range)


def said_birth_or_age(value: Any, now: datetime) -> str:
    """The form's answer as the chat says it: 1990年5月1日, 约30–40岁."""
    birth, age_range = split_birth(value)
    return said_on(birth, now.date()) if birth is not None else age_range_text(age_range)


def split_birth(value: str | None) -> tuple[date | None, str]:
    """The stored (birth date, age range) for the form's 出生日期或年龄 answer."""
    if not value:
        return None, ""
    if "-" in value and len(value) == 10:
        return date.fromisoformat(value), ""
    return None, value


#: Words about the photo itself (照片稍后发): not a name typed a step early.
_ABOUT_PHOTOS = re.compile(r"照|图|拍|相片")


def _name_at_photos(text: str) -> str:
    """王五 typed at the photo question: the name, asked next, where it had got 请直接发送
    照片 and was lost. The name's own parser decides whether it reads as one."""
    return "" if _ABOUT_PHOTOS.search(text) else "name"


FIELDS: tuple[FormField, ...] = (
    photo_field(
        "photos",
        "照片",
        "请发送在逃人员照片（正面免冠照最佳，第一张用于卡片，最多4张），发完回复「完成」：",
        most=4,
        passes_on=_name_at_photos,
    ),
    FormField("name", "姓名", "请输入姓名：", _name),
    FormField(
        "aliases",
        "别名",
        "有别名、绰号吗？多个用顿号分隔：",
        _aliases,
        optional=True,
    ),
    FormField(
        "doc_no",
        "证件号码",
        "请输入证件号码（身份证号可自动带出性别和出生日期）：",
        _doc_no,
        optional=True,
        show=show_doc_no,
        # 没有身份证号 is how the skip is said: it had been read as a malformed number.
        aliases=("身份证号", "身份证", "身份证号码"),
        check=not_on_list,
    ),
    FormField(
        "sex",
        "性别",
        "请选择性别：",
        _sex,
        choices=("男", "女", UNKNOWN),
    ),
    FormField(
        "birth",
        "出生日期或年龄",
        "请输入出生日期（如 1990-05-01）或大致年龄（如 30-40岁）：",
        parse_birth_or_age,
        optional=True,
        show=show_birth_or_age,
        show_at=said_birth_or_age,
    ),
    FormField("height", "身高", "请输入身高（厘米，如 175）：", _height, optional=True),
    FormField("build", "体型", "请选择体型：", _short(20), optional=True, choices=BUILDS),
    FormField("accent", "口音", "请输入口音（如 四川口音）：", _short(40), optional=True),
    FormField(
        "marks",
        "体貌特征",
        "请描述明显特征（纹身、疤痕、痣、戴眼镜等）：",
        _short(200),
        optional=True,
    ),
    FormField("case", "案由", "请输入案由或简要案情（如 涉嫌诈骗罪）：", _short(500)),
    FormField(
        "issuing_unit",
        "发布单位",
        "请输入发布单位（如 某某市公安局某某分局，不填则用本所名称）：",
        _issuing_unit,
        optional=True,
        # Left blank, the station's name is used: `issuing_unit_note` says which.
        hidden_when_empty=True,
    ),
    FormField("reward", "悬赏", "请输入悬赏金额（如 5万元）：", parse_reward, optional=True),
    FormField(
        "contact",
        "联系方式",
        "请输入群众提供线索的联系方式（如 值班电话，不填则只写 110）：",
        _short(100),
        optional=True,
    ),
    FormField(
        "visibility",
        "可见范围",
        # 公开 shows the card to anyone who sends 协查通缉 from the moment it is saved, not
        # only once published: the officer must know before choosing it.
        "内部通缉只推送给民警。公开的保存后群众和场所发送「协查通缉」即可看到，"
        "也可作为通缉令发布。请选择：",
        _visibility,
        choices=(INTERNAL, PUBLIC),
    ),
)


async def station_name(ctx: Context, station_id: int | None) -> str:
    """The name a card left without 发布单位 is issued under: its station's, else (a card of
    no station) the name this server is configured with."""
    station = await ctx.session.get(Station, station_id) if station_id else None
    return station.name if station else ctx.services.settings.station.name


async def issuing_unit_note(ctx: Context, answers: Mapping[str, Any]) -> str:
    """The summary's 发布单位 when left blank: 发布单位：（无） had shown, though the prompt
    says the station's name is used."""
    if answers.get("issuing_unit") or "issuing_unit" not in answers:
        return ""
    return f"· 发布单位：{await station_name(ctx, ctx.person.station_id)}（未填，用本所名称）"


#: Answers stored as they are: form field -> `WantedPerson` column (an empty answer is "").
PLAIN_COLUMNS = {
    "name": "name",
    "aliases": "aliases",
    "sex": "sex",
    "height": "height",
    "build": "build",
    "accent": "accent",
    "marks": "marks",
    "case": "case_summary",
    "issuing_unit": "issuing_unit",
    "reward": "reward",
    "contact": "contact",
}


def answers_for(wanted: WantedPerson, doc_no: str) -> Answers:
    """Every field answered from the stored person (for `/通缉 修改 N`); an empty value as a
    skipped answer. `doc_no` is the decrypted document number."""
    values: dict[str, Any] = {f: getattr(wanted, c) for f, c in PLAIN_COLUMNS.items()}
    values["photos"] = load_photos(wanted.photos)
    values["doc_no"] = doc_no
    values["birth"] = wanted.birth_date.isoformat() if wanted.birth_date else wanted.age_range
    values["visibility"] = PUBLIC if wanted.visibility is Visibility.PUBLIC else INTERNAL
    return {f.name: values.get(f.name) or None for f in FIELDS}
