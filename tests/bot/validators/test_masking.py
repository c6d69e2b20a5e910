from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators.masking import mask_id_number, mask_name, mask_phone, mask_stored_id_number


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("410105199001011234", "4101**********1234"),
        ("USA110190010112", "USA*********112"),
        ("H1234567801", "H1*******01"),
        ("H12345678", "H1*****78"),
        ("12345678", "12****78"),
        ("E1234", "E***4"),
        ("E123", "E**3"),
        ("ABC", "***"),
        ("", ""),
    ],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


@given(st.text(alphabet="0123456789ABCDEFGHX", max_size=40))
def test_id_mask_keeps_length_and_hides_the_middle(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    hidden = sum(ch == "*" for ch in masked)
    assert hidden >= len(number) / 2


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("阿卜杜·热合曼", "阿******"),
        ("王", "*"),
        ("", ""),
        # Latin names had been J*********: each word keeps its first letter.
        ("John Smith", "J*** S****"),
        ("ANNA MARIA LOPEZ", "A*** M**** L****"),
        ("Mary-Jane O'Neil", "M***-**** O'****"),
        ("Madonna", "M******"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("0371-65123456", "0371-****3456"),
        ("010-65123456转801", "010-****3456转***"),
        ("6512345", "****345"),
        ("123", "**3"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("410105199001011234", "**************1234"),
        # The last 4 of a passport or a permit too, as of an ID number (it had kept 2).
        ("H12345678", "*****5678"),
        ("12345678", "****5678"),
        ("E123", "**23"),  # never more than half
        ("ABC", "**C"),
        ("", ""),
    ],
)
def test_stored_id_mask_keeps_only_the_tail(number: str, masked: str) -> None:
    assert mask_stored_id_number(number) == masked
