"""A guest under 18: what the Minors Protection Law (article 57) has a hotel do.

The hotel must ask for the phone of a parent or other guardian and how the people staying
with the minor are related to them, and report anything suspicious at once. The form asks
both when the birth date says the guest is a minor on the day of check-in. A guardian who
cannot be reached is recorded as such, and the beat's officers hear of it at once: a child
alone in a hotel whose parents nobody can call is what they want to know tonight.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.forms import FormEnv, FormField, Misplaced
from bot.forms.words import asks_meaning
from bot.messages import Text
from bot.validators import Invalid
from bot.validators.dates import age_on, says_a_day
from bot.validators.masking import mask_phone
from bot.validators.phone import parse_phone
from bot.validators.text import parse_free_text
from handlers.registration.timefmt import short
from handlers.services.officers import beat_officer_accounts
from storage.crypto import FieldCipher
from storage.models import GuestStay, Venue
from storage.outbox import enqueue_to_accounts

GUARDIAN_PHONE = "guest_stay.guardian_phone"
#: Stored as the guardian's phone when the hotel could not reach them.
UNREACHABLE = "联系不上"
_UNREACHABLE_WORDS = re.compile(r"联系不上|联系不到|打不通|没人接|不知道|没有|无|不肯说|不告诉")
ALONE = "独自"
_ALONE_WORDS = re.compile(r"独自|一个人|自己|单独|没人|无")
#: Ahead of the day's bulk, like a hit's alert.
PRIORITY = 10


def is_minor(birth: date | None, today: date) -> bool:
    return birth is not None and age_on(birth, today) < 18


def _minor_at_check_in(answers: Mapping[str, Any]) -> bool:
    birth, check_in = answers.get("birth_date"), answers.get("check_in")
    if not birth or not check_in:
        return False
    return is_minor(date.fromisoformat(birth), datetime.fromisoformat(check_in).date())


#: The number in 她妈电话13766668888.
_NUMBER_IN_TEXT = re.compile(r"[+\d][\d\s-]{6,}\d")


#: Said when the owner does not understand the question (不知道啥意思 had been kept as
#: 联系不上, and 什么意思 as the companions): what is asked, and why.
WHY_GUARDIAN = (
    "这一步问的是这位未成年旅客的父母（或其他监护人）的手机号：按《未成年人保护法》，"
    "旅馆接待未成年人要问清并记下，出了事能及时找到家长。"
)
WHY_RELATION = (
    "这一步问的是谁和这位未成年旅客一起住、是什么关系（如 父母、同学）：按《未成年人保护法》，"
    "旅馆接待未成年人要问清，发现异常能及时报告。"
)


def _parse_guardian_phone(text: str, _env: FormEnv) -> str:
    if asks_meaning(text):
        raise Invalid(WHY_GUARDIAN)
    if _UNREACHABLE_WORDS.search(text) and not re.search(r"\d{5}", text):
        return UNREACHABLE
    found = _NUMBER_IN_TEXT.search(text)
    try:
        return parse_phone(found.group() if found else text)
    except Invalid as exc:
        raise Invalid(f"{exc.reason}；确实联系不上监护人请回复「联系不上」") from exc


def _parse_relation(text: str, env: FormEnv) -> str:
    if says_a_day(text, today=env.today):
        # 明天退房: the stay's end, answered one question late.
        raise Misplaced("这像是日期，不是同住关系。请写与其同住的是什么人（如 父母、同学）。")
    if asks_meaning(text):
        raise Invalid(WHY_RELATION)
    words = parse_free_text(text, max_length=40)
    return ALONE if _ALONE_WORDS.fullmatch(words.strip("。.， ")) else words


def _show_guardian_phone(value: Any) -> str:
    """Masked in the summary as the guest's own phone is; 联系不上 as said."""
    return mask_phone(str(value)) if value and value != UNREACHABLE else str(value or "（无）")


FIELDS = (
    FormField(
        "guardian_phone",
        "监护人电话",
        "该旅客未满18周岁。请询问并输入其父母或其他监护人的联系电话"
        "（确实联系不上请回复「联系不上」）：",
        _parse_guardian_phone,
        ask_when=_minor_at_check_in,
        depends_on=("doc_no", "birth_date", "check_in"),
        aliases=("监护人", "家长电话"),
        show=_show_guardian_phone,
    ),
    FormField(
        "companion_relation",
        "同住关系",
        "与其同住的是什么人？（如 父母、亲属、同学；一个人住请回复「独自」）",
        _parse_relation,
        ask_when=_minor_at_check_in,
        depends_on=("doc_no", "birth_date", "check_in"),
        aliases=("同住人", "关系"),
    ),
)


def stay_columns(services: Services, answers: Mapping[str, Any]) -> dict[str, Any]:
    """GuestStay columns for the answers (none for an adult)."""
    phone = answers.get("guardian_phone")
    if not phone:
        return {}
    known = phone != UNREACHABLE
    return {
        "guardian_phone_enc": services.cipher.encrypt(phone, GUARDIAN_PHONE) if known else None,
        "guardian_phone_masked": mask_phone(phone) if known else UNREACHABLE,
        "companion_relation": answers.get("companion_relation") or "",
    }


def receipt_line(stay: GuestStay) -> str:
    """The owner's receipt: what was recorded, and the duty that remains."""
    base = (
        f"👦 未成年旅客：监护人电话 {stay.guardian_phone_masked}，"
        f"同住关系 {stay.companion_relation or '未填'}。"
    )
    if stay.guardian_phone_masked == UNREACHABLE:
        return base + "监护人联系不上，已告知社区民警；请留意其安全，发现异常立即报告。"
    return base + "发现异常或有违法犯罪嫌疑，请立即报告民警。"


def officer_line(stay: GuestStay, cipher: FieldCipher) -> str:
    """For officers' audited views of who stays at a place (`/场所 N 住客`, `/命中 N`): the
    guardian's phone in full, so that the officer can call them; callers write the audit
    event."""
    if not stay.guardian_phone_masked:
        return ""
    relation = stay.companion_relation or "未填"
    phone = (
        cipher.decrypt(stay.guardian_phone_enc, GUARDIAN_PHONE)
        if stay.guardian_phone_enc
        else stay.guardian_phone_masked  # 联系不上
    )
    return f"（未成年，监护人 {phone}，同住 {relation}）"


async def tell_if_unreachable(
    session: AsyncSession, services: Services, stay: GuestStay, venue: Venue
) -> None:
    """A minor whose guardian cannot be reached: the beat's officers hear of it now."""
    if stay.guardian_phone_masked != UNREACHABLE:
        return
    text = (
        f"👦 未成年人入住，监护人联系不上\n场所：{venue.name}（房间 {stay.room}）\n"
        f"旅客：{stay.name_masked}，{stay.sex or ''}，"
        f"入住 {short(stay.check_in_at, services.settings.zone)}，"
        f"同住：{stay.companion_relation or '未填'}\n"
        f"发送「/场所 {venue.id} 住客」查看。"
    )
    enqueue_to_accounts(
        session,
        await beat_officer_accounts(session, venue.beat_id),
        message_key=f"minor:{stay.id}",
        replies=[Text(text)],
        now=stay.created_at,
        priority=PRIORITY,
    )
