"""Sex as a person's documents record it: 男 or 女."""

from __future__ import annotations

from enum import StrEnum

from bot.validators.errors import Invalid
from bot.validators.normalize import squeeze


class Sex(StrEnum):
    """Stored by its English value; shown by its Chinese `label`."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        return "男" if self is Sex.MALE else "女"

    @property
    def code(self) -> str:
        """The GB/T 2261.1 code: 1 男, 2 女."""
        return "1" if self is Sex.MALE else "2"


# "1"/"2" follow GB/T 2261.1, which registration systems use.
_WORDS: dict[str, Sex] = {
    **dict.fromkeys(("男", "男的", "男性", "男士", "先生", "M", "MALE", "1"), Sex.MALE),
    **dict.fromkeys(("女", "女的", "女性", "女士", "F", "FEMALE", "2"), Sex.FEMALE),
}

ASK_AGAIN = "请回复“男”或“女”"


def parse_sex(text: str) -> Sex:
    """Parse 男/女, M/F, male/female or the codes 1/2 (case and width do not matter)."""
    word = squeeze(text).upper().rstrip(".。")
    if not word:
        raise Invalid(f"没有收到性别，{ASK_AGAIN}")
    try:
        return _WORDS[word]
    except KeyError:
        raise Invalid(f"看不懂这个性别，{ASK_AGAIN}") from None
