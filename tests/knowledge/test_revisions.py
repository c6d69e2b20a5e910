"""Citations of a text that a revision replaced say so, in answers and in 全文."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import LawAnswerer
from knowledge.base import KnowledgeBase
from knowledge.faq import FaqEntry, load_faq
from knowledge.index import LawIndex
from knowledge.revisions import Revision, load_revisions
from tests.knowledge.test_answer import text_of

ANTIDOTE = FaqEntry(
    id="review",
    audience="群众",
    questions=("对派出所罚款不服可以申请复议吗",),
    answer="可以申请行政复议。",
    cites=(("行政复议法", "第九条", "2017-09-01"),),
)


@pytest.fixture(scope="module")
def index(index_path: Path) -> LawIndex:
    return LawIndex.load(index_path)


def test_an_answer_citing_the_2012_public_order_law_says_it_has_been_revised(
    kb: KnowledgeBase,
) -> None:
    # The corpus holds the 2012 text; the revised one is in force since 2026-01-01.
    text = text_of(LawAnswerer(kb).answer("旅馆不登记客人身份证罚多少钱"))
    assert "《治安管理处罚法》第五十六条（2012-10-26版）" in text
    assert "注：《治安管理处罚法》新版2026年1月1日起施行，所引为2012年版" in text
    assert text.count("注：") == 1  # once per law, however many of its articles are listed


def test_an_answer_citing_current_texts_has_no_note(kb: KnowledgeBase) -> None:
    text = text_of(LawAnswerer(kb).answer("房东不退押金怎么办"))
    assert "《民法典》" in text and "注：" not in text


def test_the_full_text_of_an_outdated_article_carries_the_note(kb: KnowledgeBase) -> None:
    answerer = LawAnswerer(kb)
    full = text_of(answerer.full_text("治安管理处罚法第五十六条", 1))
    assert full.startswith("《治安管理处罚法》第五十六条（2012-10-26版）")
    assert "已于2025年6月27日修订，2026年1月1日起施行。以上所引为2012年10月26日的版本" in full
    assert "请以现行文本为准，可在国家法律法规数据库（flk.npc.gov.cn）查阅" in full


def test_a_faq_answer_citing_a_revised_law_tells_a_resident_where_the_current_text_is(
    kb: KnowledgeBase,
) -> None:
    """东西被偷了怎么办 cites the 2012 治安管理处罚法 (第四十九条, renumbered by the revision)
    and its note said only 已于2025-06-27修订（2026-01-01起施行），所引为2012-10-26版:
    an old article shown as if it were the law, with nowhere to look further."""
    text = text_of(LawAnswerer(kb).answer("东西被偷了怎么办"))
    assert "《治安管理处罚法》第四十九条（2012-10-26版）" in text
    assert (
        "注：《治安管理处罚法》新版2026年1月1日起施行，所引为2012年版，现行条文见flk.npc.gov.cn。"
    ) in text


def test_a_faq_answer_keeps_the_version_it_was_written_against(index: LawIndex) -> None:
    # The corpus has the 行政复议法 of 2017 and of 2023; the answer was written against 2017.
    kb = KnowledgeBase(index, [ANTIDOTE], revisions={})
    text = text_of(LawAnswerer(kb).answer("对派出所罚款不服可以申请复议吗"))
    assert "依据：《行政复议法》第九条（2017-09-01版）" in text
    full = text_of(LawAnswerer(kb).full_text("对派出所罚款不服可以申请复议吗", 1))
    assert full.startswith("《行政复议法》第九条（2017-09-01版）")
    assert "注：《行政复议法》已于2023年9月1日修订，所引为2017年版，现行条文见" in text
    # Searched by itself, the newest text comes, with nothing to note.
    [hit] = kb.search("行政复议法第九条", top=1)
    assert hit.law.version == "2023-09-01" and kb.revision_notes([hit.law]) == []


def test_a_version_missing_from_the_corpus_is_left_out_not_read_as_the_newest(
    index: LawIndex,
) -> None:
    pinned = FaqEntry(
        id="review",
        audience="群众",
        questions=ANTIDOTE.questions,
        answer=ANTIDOTE.answer,
        cites=(("行政复议法", "第九条", "1999-04-29"),),
    )
    kb = KnowledgeBase(index, [pinned], revisions={})
    hits = kb.search("对派出所罚款不服可以申请复议吗", top=3, first=pinned.cites)
    assert all(not hit.cited for hit in hits)


def test_once_the_new_text_is_imported_the_listed_revision_is_no_news(index: LawIndex) -> None:
    # A revision listed as 2023-09-01 while the corpus has that text: nothing to say.
    kb = KnowledgeBase(index, load_faq(), revisions={"行政复议法": Revision("2023-09-01")})
    [hit] = kb.search("行政复议法第九条", top=1)
    assert kb.revision_notes([hit.law]) == []


def test_a_station_lists_its_own_revisions(tmp_path: Path) -> None:
    (tmp_path / "revisions.toml").write_text(
        '[revised]\n"中华人民共和国消防法" = { adopted = "2099-01-01" }\n', "utf-8"
    )
    revisions = load_revisions(tmp_path)
    assert revisions["消防法"] == Revision("2099-01-01", "")
    assert revisions["治安管理处罚法"].in_force == "2026-01-01"  # the packaged list stays


@pytest.mark.parametrize(
    "entry",
    ['"消防法" = "2099-01-01"', '"消防法" = { adopted = "2099年1月1日" }'],
)
def test_a_malformed_revision_names_the_file_and_the_law(tmp_path: Path, entry: str) -> None:
    (tmp_path / "revisions.toml").write_text(f"[revised]\n{entry}\n", "utf-8")
    with pytest.raises(ValueError, match=r"revisions\.toml.*消防法"):
        load_revisions(tmp_path)
