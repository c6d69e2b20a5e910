"""护照吗, 护照可以吗, 能用台胞证吗: whether a document will do, asked at 证件类型.

Such a question had been taken as the choice itself, and the number asked next, leaving
the owner's question unanswered. It is answered (yes, and what the next question will
want), and the type asked again, a 是 or the document's button choosing it.
"""

from __future__ import annotations

import re

from bot.forms.spec import AskedBack
from bot.forms.words import asks_a_question
from bot.validators import Invalid
from bot.validators.documents import DocumentType, parse_document_type

#: The question of the document type, asked again under the answer.
PROMPT = "请选择证件类型："

#: A document with the words that ask whether it will do around it. Only the document
#: may be between them: 客人是外国人，护照登记要注意什么 asks more than that.
_WILL_IT_DO = re.compile(
    r"(?:请问)?(?:那|那就|就|还是)?(?:能不能|可不可以|能|可以)?(?:用|选|选择|拿|是)?"
    r"(?P<document>\w+?)"
    r"(?:也|都)?(?:可以|行|能|能用|可以用|管用)?(?:登记|住|入住)?"
    r"(?:吗|呢|么|嘛|不|不行|行不行|可不可以|可以不|能不能|好不好)?[?？。.!！~～\s]*"
)

#: What the number question after each document wants, said with the answer.
_NEXT: dict[DocumentType, str] = {
    DocumentType.RESIDENT_ID: "18位身份证号码",
    DocumentType.PASSPORT: (
        "护照号码（护照照片页上的字母和数字，如 E12345678），之后还要填性别、出生日期和国籍"
    ),
    DocumentType.HK_MACAO_PERMIT: "回乡证号码（H或M加8位数字，如 H12345678）",
    DocumentType.TAIWAN_PERMIT: "台胞证号码（8位数字，如 12345678）",
    DocumentType.FOREIGNER_PERMANENT_ID: "永居证号码（以9开头的18位号码，旧证为3个字母加12位数字）",
    DocumentType.RESIDENCE_PERMIT: "居住证上的18位号码（以810000、820000或830000开头）",
    DocumentType.OTHER: "证件上的号码",
}


def document_asked(text: str) -> DocumentType | None:
    """The document `text` asks about (护照吗, 能用台胞证吗？), or None when it is no such
    question (护照, 护照吧, 为什么要选护照)."""
    said = text.strip()
    found = _WILL_IT_DO.fullmatch(said)
    if found is None or not asks_a_question(said):
        return None
    try:
        return parse_document_type(found["document"])
    except Invalid:
        return None


def will_do(document: DocumentType) -> AskedBack:
    """The answer to whether `document` will do, with the question again; 是 chooses it."""
    label = document.label
    return AskedBack(
        f"可以用{label}登记：请点「{label}」或回复「是」，下一步输入{_NEXT[document]}。\n{PROMPT}",
        label,
    )
