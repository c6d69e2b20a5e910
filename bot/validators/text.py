"""People's names and free text."""

from __future__ import annotations

import re
import unicodedata

from bot.validators.errors import Invalid
from bot.validators.normalize import fold

CHINESE_NAME_MAX = 20
LATIN_NAME_MAX = 60
FREE_TEXT_MAX = 500

# Han ideographs: 〇, Extension A, the main block and Extensions B-H, where many characters
# of rare given names live.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003347f"
_CHINESE_NAME = re.compile(f"[{_HAN}]+(?:·[{_HAN}]+)*")
# The separator of transcribed names (阿卜杜·热合曼) is typed in many look-alike forms.
_NAME_DOTS = re.compile("[.•‧∙⋅・･]")
_APOSTROPHES = re.compile("[‘’ʼ`´]")
_LATIN_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|[ '.-])*")
# Control characters a chat client may pass through; tab and newline are kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")

NAME_EMPTY = "没有收到姓名，请输入姓名"
NAME_CHARACTERS = "姓名只能是中文（少数民族姓名可用·分隔），外国人请按护照填写英文字母"
CHINESE_NAME_LENGTH = f"中文姓名应为2–{CHINESE_NAME_MAX}个字，请检查后重新输入"
LATIN_NAME_LENGTH = f"英文姓名应为2–{LATIN_NAME_MAX}个字母，请按护照上的姓名填写"
NOT_A_NAME = "「{word}」不像是姓名，请输入证件上的姓名"
TEXT_EMPTY = "内容不能为空，请重新输入"
TEXT_NO_WORDS = "只有标点或表情看不明白，请用文字写一下"
# A letter, digit or ideograph: "。。。。" or "👍" alone says nothing.
_WORDS = re.compile(r"\w")
# Words an owner sends to the bot, not names: "确认" typed one step too early must not
# become a guest's name.
_NOT_NAMES = frozenset(
    {
        "确认",
        "确定",
        "提交",
        "完成",
        "跳过",
        "登记",
        "退房",
        "帮助",
        "菜单",
        "你好",
        "您好",
        "谢谢",
        "好的",
        "没有",
        "不是",
        "不知道",
        "不清楚",
        "上一步",
        "下一步",
        "修改",
        "返回",
    }
)
TEXT_TOO_LONG = "内容太长了（最多{limit}字），请精简后重新发送"
NOT_A_NAME_SENTENCE = "这像是一句话，不是姓名。请输入证件上的姓名；想咨询问题请先回复「取消」"
# Words of a sentence that no name holds: a question typed into the name step
# (客人不肯给身份证怎么办) or a change of mind (算了不登了).
_SENTENCE = re.compile(
    "怎么|什么|为什么|能不能|可不可以|可以|是不是|怎样|如何|不肯|不给|不想|不要|不登|不用|"
    "算了|我们|你们|他们|客人|房东|老板|请问|帮我|一下|[吗呢吧了]$"
)


def parse_person_name(text: str) -> str:
    """Parse a person's name: Chinese (2-20 characters, · allowed) or Latin letters.

    Chinese names lose their spaces ("张 三" -> "张三") and get a uniform ·; Latin names keep
    single spaces, hyphens, apostrophes and dots ("Jean-Luc O'Neil Jr.") and their case.
    """
    name = fold(text)
    if not name:
        raise Invalid(NAME_EMPTY)
    chinese = _NAME_DOTS.sub("·", name.replace(" ", ""))
    if chinese in _NOT_NAMES:
        raise Invalid(NOT_A_NAME.format(word=chinese))
    if _CHINESE_NAME.fullmatch(chinese):
        if _SENTENCE.search(chinese):
            raise Invalid(NOT_A_NAME_SENTENCE)
        if not 2 <= len(chinese) <= CHINESE_NAME_MAX:
            raise Invalid(CHINESE_NAME_LENGTH)
        return chinese
    latin = _APOSTROPHES.sub("'", name)
    if not (_LATIN_NAME.fullmatch(latin) and all(_is_latin(ch) for ch in latin)):
        raise Invalid(NAME_CHARACTERS)
    if not 2 <= len(latin) <= LATIN_NAME_MAX:
        raise Invalid(LATIN_NAME_LENGTH)
    return latin


def parse_free_text(text: str, *, max_length: int = FREE_TEXT_MAX) -> str:
    """Accept any non-empty text up to `max_length` characters and return it stripped.

    Emoji, punctuation and things that look like code or SQL are ordinary text here and come
    back unchanged; only control characters (other than newline and tab) and unpaired
    surrogates, which databases refuse, are removed, and line breaks become "\\n".
    """
    if len(text) > 4 * max_length + 1000:
        raise Invalid(TEXT_TOO_LONG.format(limit=max_length))
    cleaned = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not cleaned:
        raise Invalid(TEXT_EMPTY)
    if len(cleaned) > max_length:
        raise Invalid(TEXT_TOO_LONG.format(limit=max_length))
    if not _WORDS.search(cleaned):
        raise Invalid(TEXT_NO_WORDS)
    return cleaned


def _is_latin(ch: str) -> bool:
    return not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN")
