from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators import documents, idcard
from bot.validators.documents import (
    DOCUMENT_TYPES,
    DocumentType,
    document_type_menu,
    parse_document,
    parse_document_type,
)
from bot.validators.errors import Invalid

from .support import TODAY, mod11_2


def check(doc_type: DocumentType, text: str) -> str:
    return parse_document(doc_type, text, today=TODAY)


def reason(doc_type: DocumentType, text: str) -> str:
    with pytest.raises(Invalid) as caught:
        check(doc_type, text)
    return caught.value.reason


def test_labels_are_chinese_and_values_stable() -> None:
    assert DocumentType.RESIDENT_ID == "resident_id"
    assert DocumentType.RESIDENT_ID.label == "居民身份证"
    assert DocumentType.HK_MACAO_PERMIT.label == "港澳居民来往内地通行证"
    assert DocumentType.TAIWAN_PERMIT.label == "台湾居民来往大陆通行证"
    assert DocumentType.FOREIGNER_PERMANENT_ID.label == "外国人永久居留身份证"
    assert DocumentType.RESIDENCE_PERMIT.label == "港澳台居民居住证"
    assert all(kind.label for kind in DocumentType)


def test_menu_numbers_match_parser() -> None:
    lines = document_type_menu().splitlines()
    assert lines[0] == "1. 居民身份证"
    assert len(lines) == len(DOCUMENT_TYPES)
    for line in lines:
        number, label = line.split(". ")
        assert parse_document_type(number).label == label
        assert parse_document_type(label).label == label


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("身份证", DocumentType.RESIDENT_ID),
        (" 居民身份证 ", DocumentType.RESIDENT_ID),
        ("护照", DocumentType.PASSPORT),
        ("passport", DocumentType.PASSPORT),
        ("回乡证", DocumentType.HK_MACAO_PERMIT),
        ("台胞证", DocumentType.TAIWAN_PERMIT),
        ("永居证", DocumentType.FOREIGNER_PERMANENT_ID),
        ("居住证", DocumentType.RESIDENCE_PERMIT),
        ("其它", DocumentType.OTHER),
        ("１", DocumentType.RESIDENT_ID),
        ("2.", DocumentType.PASSPORT),
        ("7", DocumentType.OTHER),
        ("resident_id", DocumentType.RESIDENT_ID),
    ],
)
def test_parse_document_type(typed: str, expected: DocumentType) -> None:
    assert parse_document_type(typed) is expected


@pytest.mark.parametrize("typed", ["", "0", "8", "港澳通行证", "驾驶证", "x" * 1000])
def test_parse_document_type_refuses(typed: str) -> None:
    with pytest.raises(Invalid):
        parse_document_type(typed)


@pytest.mark.parametrize("typed", ["港澳通行证", "往来港澳通行证"])
def test_the_mainlanders_permit_says_what_to_choose(typed: str) -> None:
    """港澳通行证 got 看不懂这个证件类型, though 回乡证 was understood."""
    with pytest.raises(Invalid) as caught:
        parse_document_type(typed)
    assert caught.value.reason == documents.MAINLAND_PERMIT
    assert "居民身份证（回复 1）" in caught.value.reason
    assert parse_document_type("3") is DocumentType.HK_MACAO_PERMIT  # the number it names


def test_resident_id() -> None:
    assert check(DocumentType.RESIDENT_ID, "11010519491231002x") == "11010519491231002X"
    assert reason(DocumentType.RESIDENT_ID, "110105194912310021") == idcard.CHECK_DIGIT


def test_residence_permit_number_under_resident_id_points_to_right_type() -> None:
    permit = "810000199001011234"[:17]
    assert reason(DocumentType.RESIDENT_ID, permit + mod11_2(permit)) == documents.IS_A_PERMIT


def test_residence_permit() -> None:
    for region in ("810000", "820000", "830000"):
        body = f"{region}19900101123"
        assert check(DocumentType.RESIDENCE_PERMIT, body + mod11_2(body)) == body + mod11_2(body)
    assert reason(DocumentType.RESIDENCE_PERMIT, "11010519491231002X") == documents.NOT_A_PERMIT
    body = "83000019900101123"
    wrong = "0" if mod11_2(body) != "0" else "1"
    assert reason(DocumentType.RESIDENCE_PERMIT, body + wrong) == idcard.CHECK_DIGIT


@pytest.mark.parametrize("typed", ["E12345678", "g12345678", "EA1234567", "123456789", "X1234"])
def test_passport_valid(typed: str) -> None:
    assert check(DocumentType.PASSPORT, typed) == typed.upper()


@pytest.mark.parametrize("typed", ["E123", "E" + "1" * 17, "ABCDEFGH", "E1234-5678", "护照E12"])
def test_passport_invalid(typed: str) -> None:
    assert reason(DocumentType.PASSPORT, typed) == documents.PASSPORT


@pytest.mark.parametrize("typed", ["H12345678", "m12345678", "Ｈ１２３４５６７８", "H1234567801"])
def test_hk_macao_valid(typed: str) -> None:
    assert check(DocumentType.HK_MACAO_PERMIT, typed).startswith(("H", "M"))


@pytest.mark.parametrize("typed", ["12345678", "H1234567", "K12345678", "H123456789"])
def test_hk_macao_invalid(typed: str) -> None:
    assert reason(DocumentType.HK_MACAO_PERMIT, typed) == documents.HK_MACAO


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12345678", "12345678"),
        ("0561682001", "0561682001"),
        ("0561682001(D)", "0561682001(D)"),
        ("0561682001（b）", "0561682001(B)"),
    ],
)
def test_taiwan_valid(typed: str, expected: str) -> None:
    assert check(DocumentType.TAIWAN_PERMIT, typed) == expected


@pytest.mark.parametrize("typed", ["1234567", "123456789", "T12345678", "12345678(B)"])
def test_taiwan_invalid(typed: str) -> None:
    assert reason(DocumentType.TAIWAN_PERMIT, typed) == documents.TAIWAN


def test_foreigner_permanent_id() -> None:
    assert check(DocumentType.FOREIGNER_PERMANENT_ID, "usa110190010112") == "USA110190010112"
    body = "93384019900101123"
    assert check(DocumentType.FOREIGNER_PERMANENT_ID, body + mod11_2(body)) == body + mod11_2(body)
    wrong = "0" if mod11_2(body) != "0" else "1"
    assert reason(DocumentType.FOREIGNER_PERMANENT_ID, body + wrong) == documents.FOREIGNER_CHECK
    for bad in ("11010519491231002X", "US1101900101123", "USA1101900101"):
        assert reason(DocumentType.FOREIGNER_PERMANENT_ID, bad) == documents.FOREIGNER


def test_other() -> None:
    assert check(DocumentType.OTHER, "ab-123(4)") == "AB-123(4)"
    assert reason(DocumentType.OTHER, "证123") == documents.OTHER
    assert reason(DocumentType.OTHER, "A" * 31) == documents.OTHER


@pytest.mark.parametrize("doc_type", list(DocumentType))
def test_empty(doc_type: DocumentType) -> None:
    assert reason(doc_type, " ") == documents.EMPTY


@given(doc_type=st.sampled_from(list(DocumentType)), text=st.text(max_size=300))
def test_arbitrary_text_gives_a_value_or_invalid(doc_type: DocumentType, text: str) -> None:
    try:
        check(doc_type, text)
    except Invalid as error:
        assert error.reason


def test_the_electronic_resident_id_is_the_resident_id_card() -> None:
    """有电子身份证 (after the advice to show the electronic ID) got 看不懂这个证件类型."""
    for said in ("电子身份证", "有电子身份证", "网证", "用网证", "她有电子身份证"):
        assert parse_document_type(said) is DocumentType.RESIDENT_ID
    assert parse_document_type("用护照") is DocumentType.PASSPORT


def test_the_temporary_resident_id_is_the_resident_id_card() -> None:
    """A temporary card, issued while one is replaced, carries the same number."""
    for said in ("临时身份证", "临时居民身份证", "有临时身份证"):
        assert parse_document_type(said) is DocumentType.RESIDENT_ID
