"""Form fields for identifying a person, shared by the guest and tenant forms.

Answers are stored as JSON: dates as ISO strings, document types by their English value.
A resident ID (or an HK/Macao/Taiwan residence permit) already says sex and birth date, so
those are derived from it and only asked for other documents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from datetime import date
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from bot.forms import Derived, FormEnv, FormField
from bot.forms.clock import said_day
from bot.forms.spec import Advice, AskedBack, Check
from bot.forms.words import asks_a_question
from bot.validators import Invalid
from bot.validators.dates import age_on, parse_birth_date
from bot.validators.documents import (
    DOCUMENT_TYPES,
    DocumentType,
    parse_document,
    parse_document_type,
)
from bot.validators.idcard import parse_resident_id
from bot.validators.masking import mask_phone, mask_stored_id_number
from bot.validators.nationality import parse_nationality
from bot.validators.normalize import squeeze
from bot.validators.numerals import arabize, spoken_digits
from bot.validators.phone import parse_international, parse_mobile
from bot.validators.sex import parse_sex
from bot.validators.text import parse_person_name
from handlers.registration.document_asked import PROMPT as DOC_TYPE_PROMPT
from handlers.registration.document_asked import document_asked, will_do
from handlers.services.personal import PersonData
from storage.models import GuestStay, Tenancy

# Documents whose number carries birth date and sex.
_SELF_DESCRIBING = (DocumentType.RESIDENT_ID.value, DocumentType.RESIDENCE_PERMIT.value)
_PERMIT_REGIONS = {"81": "中国香港", "82": "中国澳门", "83": "中国台湾"}
MAINLAND = "中国"


#: What owners and officers read of someone from outside the mainland, by the
#: nationality or region stored: compatriots of Taiwan, Hong Kong and Macao are no
#: foreigners (境外人员 had named them all alike).
_ORIGIN_LABELS = {"中国台湾": "台湾居民", "中国香港": "港澳居民", "中国澳门": "港澳居民"}
FOREIGNER = "外国人"


def origin_label(nationality: str | None) -> str:
    """台湾居民, 港澳居民 or 外国人; "" for the mainland."""
    if not nationality or nationality == MAINLAND:
        return ""
    with suppress(Invalid):  # free text of old imports: a country nobody listed
        # Rows kept before 香港 (or Taiwan) was read as a region hold it as typed.
        nationality = parse_nationality(nationality).name
    if nationality == MAINLAND:
        return ""
    return _ORIGIN_LABELS.get(nationality, FOREIGNER)


def _doc_type(answers: Mapping[str, Any]) -> DocumentType:
    return DocumentType(answers["doc_type"])


#: Characters no name holds (她没手机, 是我的): a sentence typed at the name.
_NEVER_IN_NAMES = frozenset("没的她它吗呢")
#: Words that are no surname (我不知道, 他不在, 这个人): a name never starts with them.
_NEVER_FIRST = frozenset("我你他她它这不没")
#: Each may be in a name (王有才, 李在明, 袁了凡, 那英 aside), two of them make a sentence
#: (不在, 是他, 有没有).
_SENTENCE_MARKS = frozenset("不是了有在没的我你他她它这")
NOT_A_NAME = "这像是一句话，不是姓名。请输入证件上的姓名；不登记了请回复「取消」。"


#: 她老公周杰, 老婆是刘芳: who the person is, said before the name (it had been refused
#: as 姓名只能是中文, or kept as the name 老公周杰).
_RELATION_BEFORE = re.compile(
    r"^(?:[她他我]的?)?(?:老婆|老公|媳妇|爱人|丈夫|妻子|对象|男朋友|女朋友|儿子|女儿|朋友|同事|同学)"
    r"(?:叫|是)?(?=[\u4e00-\u9fff·]{2,8}$)"
)


#: 小刘是外号, 外号叫小刘: a nickname said beside the name, which is no part of it.
_NICKNAME_SAID = re.compile(
    r"^\S*?(?:是|为)?(?:他|她)?的?(?:外号|小名|绰号|昵称|网名)$|^(?:外号|小名|绰号|昵称|网名)"
)
#: 名字是刘洋, 她叫刘洋, 真名刘洋, 外号叫大力, 别名：大力: the label a name is said with.
_NAME_SAID_WITH = re.compile(
    r"^(?:[她他]的?)?(?:名字|姓名|真名|大名|全名|外号|小名|绰号|昵称|网名|别名|化名|曾用名)"
    r"(?:是|叫|为)?[:：]?|^[她他]?叫"
)
#: Words said of a name, never in one: 刘洋小刘是外号 had been registered whole.
_NAME_TALK = re.compile(
    r"外号|小名|绰号|昵称|网名|名字|姓名|叫|真名"
    # 登记同住人 (the receipt's button, typed) had been registered as a guest's name.
    r"|登记|同住|旅客|住客|客人|租客|房间|入住|退房"
)
#: A Chinese name without ·, at most this long (阿不都热合曼); longer is a sentence.
_PLAIN_NAME_MAX = 6
NAME_SAID_WRONG = (
    "「{name}」不像是证件上的姓名（外号、说明不用写）。请只输入证件上的姓名，如 刘洋。"
)


def without_label(word: str) -> str:
    """姓名刘洋 -> 刘洋, 外号叫大力 -> 大力: a name without the label it is said with."""
    return _NAME_SAID_WITH.sub("", word)


def _name_said(text: str) -> str:
    """名字是刘洋 小刘是外号 -> 刘洋: the name, without the words it is said with or a
    nickname said beside it; `text` as it is when it says neither."""
    parts = [p for p in re.split(r"[\s,，、;；。]+", text.strip()) if p]
    kept = [without_label(p) for p in parts if not _NICKNAME_SAID.search(p)]
    kept = [p for p in kept if p]
    return " ".join(kept) if kept and kept != parts else text


def _parse_name(text: str, _env: FormEnv) -> str:
    _no_document(text)  # 没带证件 at the name: the way forward, not "not a name"
    name = parse_person_name(_RELATION_BEFORE.sub("", _name_said(text)))
    if (
        _NEVER_IN_NAMES & set(name)
        or name[0] in _NEVER_FIRST
        or len(_SENTENCE_MARKS & set(name)) >= 2
    ):
        raise Invalid(NOT_A_NAME)
    if not name.isascii() and (
        _NAME_TALK.search(name) or ("·" not in name and len(name) > _PLAIN_NAME_MAX)
    ):
        raise Invalid(NAME_SAID_WRONG.format(name=name))
    return name


#: 他身份证忘带了, 没有证件: the guest has none with them, which no format error explains.
_NO_DOCUMENT = re.compile(
    r"没带|忘带|忘了带|没有?(身份证|证件)|无证|身份证丢了|证件丢了|没证|没办(身份证|证件)"
)
NO_DOCUMENT = (
    "没带证件的，可请对方出示电子身份证（如「国家网络身份认证」App）或临时居民身份证（身份证"
    "丢了补办期间用的，也是有效证件），证件类型都选「居民身份证」，18位号码照常输入；都没有的，"
    "请对方到派出所开具临时身份证明后再登记；身份无法核实的请不要安排入住。"
    "不登记了请回复「取消」。"
)


#: 小孩没身份证, 孩子还没办: a child, who has no card of their own but a number all the same.
_CHILD_WITHOUT = re.compile(
    r"(小孩|孩子|儿童|宝宝|婴儿|儿子|女儿|未成年|\d+岁).*(没|无|不用|还没办|没办)"
    r"|(没|无|没办).*(小孩|孩子|儿童|宝宝|婴儿|儿子|女儿|未成年)"
)
CHILD_WITHOUT_DOCUMENT = (
    "孩子没办身份证的，用户口本上孩子那一页的「公民身份号码」登记：证件类型选「居民身份证」，"
    "再输入这个18位号码。"
)


#: A bare 没有 at the document's type or number: none with them, like 没有身份证.
_BARE_NO = re.compile(r"(?:没有?|无|都没有?|没有的)[啊呀呢哦的了。.!！]*")


def _no_document(text: str, bare: bool = False) -> None:
    """Raise the way forward for a guest without a document; `bare`: at a question of the
    document, where 没有 alone says it (it had got 身份证号只能由数字组成). The step's own
    answer (`Advice`): 他身份证忘带了怎么办 is not sent aside as a question."""
    if bare and _BARE_NO.fullmatch(text.strip()):
        raise Advice(NO_DOCUMENT)
    if _CHILD_WITHOUT.search(text):
        raise Advice(CHILD_WITHOUT_DOCUMENT)
    if _NO_DOCUMENT.search(text):
        raise Advice(NO_DOCUMENT)


#: 户口本上有身份证号码的 选哪个: the household register's number, asked which type it is.
_HOUSEHOLD_REGISTER = re.compile(r"户口[本簿]")
HOUSEHOLD_REGISTER = (
    "户口本上的「公民身份号码」（18位）就是居民身份证号码：证件类型选「居民身份证」"
    "（回复 1），再输入这18位号码。"
)


def _parse_doc_type(text: str, _env: FormEnv) -> str:
    _no_document(text, bare=True)
    try:
        return parse_document_type(text).value
    except Invalid:
        if (asked := document_asked(text)) is not None:
            # 能用台胞证吗: read, so that the step (not a law search) has it; its check
            # answers the question and chooses nothing (`_asked_not_chosen`).
            return asked.value
        if _HOUSEHOLD_REGISTER.search(text):
            # It had got 这一步请选择「证件类型」 and the same buttons again.
            raise Advice(HOUSEHOLD_REGISTER) from None
        raise


#: What a choice said in a sentence of its own may add to it (是护照对吧) and still be it;
#: whether it will do (护照吗) is answered first (`document_asked`).
_MORE_THAN_A_CHOICE = 6


async def _asked_not_chosen(ctx: Context, value: Any, _answers: Mapping[str, Any]) -> str | None:
    """客人是外国人，护照登记要注意什么 at the document type had been taken as 护照 (and the
    number asked next): a question naming an option chooses nothing. Said back with both
    ways on; nothing is taken."""
    said = ctx.inbound.text.strip()
    if (asked := document_asked(said)) is not None:
        return will_do(asked)  # 护照吗: whether it will do, answered
    shown = doc_label(str(value))
    if not asks_a_question(said) or len(re.sub(r"\W", "", said)) < len(shown) + _MORE_THAN_A_CHOICE:
        return None
    return AskedBack(
        f"您是选择「{shown}」吗？是的话请回复「是」；"
        f"要问问题，请发送「/咨询 {said}」，本次登记会保留。",
        shown,
    )


#: 身份证号：…, 证件号码 …: the label typed before a number. 户口本上的 … too: a child's
#: number is read off the household register, as the bot itself tells owners to
#: (`CHILD_WITHOUT_DOCUMENT`), and it is the child's resident ID number.
_NUMBER_LABEL = re.compile(
    r"^(?:(?:身份证|证件|护照)号?码?|户口[本簿](?:上的?|里的?)?(?:公民身份)?(?:号码?)?)"
    r"\s*(?:是|[:：])?\s*(?=[0-9A-Za-z])"
)
#: A resident ID number typed where the document type is asked, perhaps with its label.
_RESIDENT_NUMBER = re.compile(r"\d{17}[\dXx]")
#: A 港澳居民来往内地通行证 number (H or M and 8 digits, 10 on older cards) typed there.
_HK_MACAO_NUMBER = re.compile(r"[HM]\d{8}(?:\d{2})?")


def _implied_doc_type(text: str) -> str | None:
    """320502…: the number tells the document, and is the next answer."""
    number = _NUMBER_LABEL.sub("", squeeze(spoken_digits(text))).upper()
    if _RESIDENT_NUMBER.fullmatch(number):
        return DocumentType.RESIDENT_ID.label
    # H12345678: a 回乡证's, the card Hong Kong and Macao residents stay on (the summary
    # shows the type; an HKSAR passport, alike in form, is put right with 修改 证件类型).
    return DocumentType.HK_MACAO_PERMIT.label if _HK_MACAO_NUMBER.fullmatch(number) else None


def _nationality_from(doc_type: DocumentType, number: str) -> str | None:
    """Where the document itself says it, so the owner is not asked."""
    if doc_type is DocumentType.RESIDENT_ID:
        return MAINLAND
    if doc_type is DocumentType.RESIDENCE_PERMIT:
        return _PERMIT_REGIONS.get(number[:2])
    if doc_type is DocumentType.HK_MACAO_PERMIT:
        return "中国澳门" if number.startswith("M") else "中国香港"
    if doc_type is DocumentType.TAIWAN_PERMIT:
        return "中国台湾"
    return None


def _parse_doc_no(text: str, env: FormEnv) -> Derived:
    _no_document(text, bare=True)
    text = _NUMBER_LABEL.sub("", text.strip())
    doc_type = _doc_type(env.answers)
    number = parse_document(doc_type, text, today=env.today)
    extra: dict[str, Any] = {}
    if doc_type.value in _SELF_DESCRIBING:
        resident = parse_resident_id(number, today=env.today)
        extra = {"birth_date": resident.birth_date.isoformat(), "sex": resident.sex.label}
    nationality = _nationality_from(doc_type, number)
    if nationality:
        extra["nationality"] = nationality
    return Derived(number, extra)


def _parse_sex(text: str, _env: FormEnv) -> str:
    return parse_sex(text).label


#: 85年3月2号: a birth year said in two digits, as people say it.
_SHORT_YEAR = re.compile(r"^\s*(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*$")


def _parse_birth(text: str, env: FormEnv) -> str:
    short = _SHORT_YEAR.match(arabize(text))
    if short is not None:
        # The century that puts the birth in the past: 85 is 1985, 08 is 2008.
        year = 2000 + int(short[1])
        year = year if year <= env.today.year else year - 100
        text = f"{year}-{int(short[2]):02d}-{int(short[3]):02d}"
    return parse_birth_date(text, today=env.today).isoformat()


#: 刚才说了韩国, 我说过是韩国的: what was said before, said again (刚才说了韩国 had been kept
#: whole as the nationality).
_SAID_BEFORE = re.compile(
    r"^(?:我|都|不是)?(?:刚才|刚刚|前面|之前|上面|已经)*(?:说|讲|写|填|发)(?:过|了)+的?"
    r"[，,:：\s]*(?:是|就是)?"
)
#: 韩国客人, 韩国的呀: the words after the country.
_COUNTRY_TAIL = re.compile(
    r"(?:籍|人|的)*(?:客人|旅客|住客|游客|租客)?(?:的|啊|呀|嘛|吧|了|哦)*[。.!！~～]*$"
)
#: Words of a sentence, in no country's name: 不知道, 说了, 是哪国的吗.
_NOT_A_COUNTRY = re.compile(r"说|了|吗|呢|吧|刚才|知道|清楚|问|哪国|什么")
NATIONALITY_ONLY = "请只输入国籍或地区，如 韩国、美国、日本。"


def _parse_nationality(text: str, _env: FormEnv) -> str:
    said = _COUNTRY_TAIL.sub("", _SAID_BEFORE.sub("", text.strip()))
    if not said:
        # 刚才说了: nothing the form kept (what it took is not asked again).
        raise Invalid(f"之前说的没有记成国籍。{NATIONALITY_ONLY}")
    found = parse_nationality(said)
    if found.code is None and _NOT_A_COUNTRY.search(said):
        raise Invalid(f"这像是一句话，不是国家名称。{NATIONALITY_ONLY}")
    return found.name


#: The calling code a guest from outside the mainland most likely has, for the example.
_CALLING_CODES = {
    "中国台湾": "+886 912345678",
    "中国香港": "+852 61234567",
    "中国澳门": "+853 61234567",
}


#: The codes of 港澳台 said without their + (852 91234567), apart from the number.
_BARE_CODE = re.compile(r"\s*(?:852|853|886)[\s-]+\d")

#: 没有手机, 孩子没手机: the person has no phone of their own (the question is optional).
_NO_PHONE = re.compile(
    r"没有?(?:自己的)?(?:手机|电话)|无手机|手机(?:也|都|还)?没有?|不用手机|不会用手机"
)
#: 跟爸妈一起住的, 还小: said of a child, who has no phone; a parent's is asked of minors next.
_CHILDS_PHONE = re.compile(
    r"[跟和随同](?:着)?(?:爸妈|父母|家长|大人|爸爸|妈妈|爷爷|奶奶|外公|外婆|家人)"
    r"|小孩|孩子|还小|婴儿|宝宝|小朋友"
)
#: Under this age a phone of one's own is not expected.
_CHILD_AGE = 14


def _is_child(answers: Mapping[str, Any], today: date) -> bool:
    birth = answers.get("birth_date")
    return isinstance(birth, str) and age_on(date.fromisoformat(birth), today) < _CHILD_AGE


#: 他不肯给手机号, 客人不愿意留电话: whether the phone must be had is what is asked.
_WONT_GIVE = re.compile(r"不肯|不愿意?|不想|拒绝|不让|不给")
WONT_GIVE_PHONE = (
    "联系电话不是必填项：对方不愿意提供的，回复「跳过」即可，其他信息照常登记。"
    "能留的话请输入11位手机号。"
)


def _parse_phone(text: str, env: FormEnv) -> str | None:
    text = spoken_digits(text)  # 一三八 一二三四 五六七八
    if not any(ch.isdigit() for ch in text) and _WONT_GIVE.search(text):
        # It had got 请输入手机号码（数字）, the question again, and no word on whether it
        # must be had.
        raise Advice(WONT_GIVE_PHONE)
    if not any(ch.isdigit() for ch in text):
        # 跟爸妈一起住的 at a small child's phone had got 手机号只能包含数字.
        if _NO_PHONE.search(text) or (
            _is_child(env.answers, env.today) and _CHILDS_PHONE.search(text)
        ):
            return None
        raise Invalid("请输入手机号码（数字）；没有手机的（如小孩）请回复「跳过」。")
    # A foreign guest's own phone is often a number from abroad (+44 …).
    if text.strip().startswith(("+", "＋", "00")):
        return parse_international(text)
    if _BARE_CODE.match(text):
        # 852 91234567: Hong Kong's code without its +, which had been refused (手机号应以
        # 13–19开头); no mainland number starts so.
        return parse_international("+" + text.strip())
    try:
        return parse_mobile(text)
    except Invalid as exc:
        nationality = env.answers.get("nationality")
        if nationality in (None, MAINLAND):
            raise
        # 0912345678 from a guest of Taiwan got 手机号应为11位数字, and no way to enter it.
        example = _CALLING_CODES.get(nationality, "+1 4155550100")
        raise Invalid(
            f"{exc.reason.rstrip('。')}。境外号码请在前面加国家或地区区号，如 {example}"
        ) from None


def _needs_sex_and_birth(answers: Mapping[str, Any]) -> bool:
    return answers.get("doc_type") not in _SELF_DESCRIBING


def _needs_nationality(answers: Mapping[str, Any]) -> bool:
    doc_type = answers.get("doc_type")
    return (
        doc_type is not None
        and _nationality_from(DocumentType(doc_type), "") is None
        and (doc_type != DocumentType.RESIDENCE_PERMIT.value)
    )


def doc_label(value: str) -> str:
    """The Chinese name of a stored document type (imports may hold free text)."""
    try:
        return DocumentType(value).label
    except ValueError:
        return value


def _show_doc_type(value: Any) -> str:
    return doc_label(value)


def show_doc_no(value: Any) -> str:
    """The summary's document number, masked as everywhere it is displayed: the summary is a
    chat message that stays in the log (and gets forwarded); the number was checked when typed
    (a resident ID by its check digit, its birth date and sex shown beside it). The mask is
    the one stored with the record, which the receipt, 在住旅客 and 退房 show: the summary
    had kept the head too (1101**********245X), and the receipt right after it did not."""
    return mask_stored_id_number(str(value)) if value else "（无）"


def show_phone(value: Any) -> str:
    """A guest's or guardian's phone as shown, in the summary and as stored beside the
    record (138****5678): one mask for both; 修改 电话 still changes it. A number from abroad keeps its calling code (+81******5678), as a landline
    keeps its area code: masked whole, nobody could tell it was the guest's own from abroad."""
    if not value:
        return "（无）"
    phone = str(value)
    if phone.startswith("+") and len(phone) > 8:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return mask_phone(phone)


def person_fields(who: str, doc_check: Check | None = None) -> tuple[FormField, ...]:
    """Name, document, sex, birth date, nationality and phone of a guest or tenant;
    `doc_check` refuses a number already registered where this registration goes."""
    return (
        FormField(
            "name", "姓名", f"请输入{who}姓名（与证件一致）：", _parse_name, aliases=("名字",)
        ),
        FormField(
            "doc_type",
            "证件类型",
            DOC_TYPE_PROMPT,
            _parse_doc_type,
            choices=tuple(kind.label for kind in DOCUMENT_TYPES),
            show=_show_doc_type,
            implied=_implied_doc_type,
            check=_asked_not_chosen,
        ),
        FormField(
            "doc_no",
            "证件号码",
            "请输入证件号码：",
            _parse_doc_no,
            depends_on=("doc_type",),
            aliases=("身份证号", "身份证号码", "身份证", "证件号"),
            check=doc_check,
            show=show_doc_no,
        ),
        FormField(
            "sex",
            "性别",
            "请选择性别：",
            _parse_sex,
            choices=("男", "女"),
            ask_when=_needs_sex_and_birth,
            depends_on=("doc_type",),
        ),
        FormField(
            "birth_date",
            "出生日期",
            "请输入出生日期（如 1990年1月31日）：",
            _parse_birth,
            ask_when=_needs_sex_and_birth,
            depends_on=("doc_type",),
            show_at=said_day,
        ),
        FormField(
            "nationality",
            "国籍/地区",
            "请输入国籍或地区（如 美国、日本）：",
            _parse_nationality,
            ask_when=_needs_nationality,
            depends_on=("doc_type",),
        ),
        FormField(
            "phone",
            "联系电话",
            "请输入手机号码：",
            _parse_phone,
            optional=True,
            aliases=("手机号", "手机号码", "电话", "手机"),
            show=show_phone,
            # 派出所几点下班 had got 请输入手机号码（数字）: answered aside, then asked again.
            refuses_questions=True,
        ),
    )


def iso_date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def person_from(answers: Mapping[str, Any]) -> PersonData:
    """The identifying answers of `person_fields`, ready to be sealed for storage."""
    return PersonData(
        name=answers["name"],
        doc_type=answers["doc_type"],
        doc_no=answers["doc_no"],
        sex=answers.get("sex") or "",
        birth_date=iso_date(answers.get("birth_date")),
        phone=answers.get("phone") or "",
    )


async def still_registered(
    session: AsyncSession, venue_id: Any, doc_no_idx: str, guests: bool
) -> GuestStay | Tenancy | None:
    """The guest still in the house (or tenant still renting) with this ID number: the same
    person twice made two rows alike in the owner's lists."""
    if guests:
        stay = select(GuestStay).where(
            GuestStay.venue_id == venue_id,
            GuestStay.doc_no_idx == doc_no_idx,
            col(GuestStay.checked_out_at).is_(None),
        )
        return (await session.exec(stay)).first()
    tenancy = select(Tenancy).where(
        Tenancy.venue_id == venue_id,
        Tenancy.doc_no_idx == doc_no_idx,
        col(Tenancy.moved_out_at).is_(None),
    )
    return (await session.exec(tenancy)).first()
