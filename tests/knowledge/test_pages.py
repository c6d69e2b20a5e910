"""The fixed words of an answer's pages: how to read on, and what no answer says."""

from __future__ import annotations

from bot.messages import Text
from knowledge.pages import NOTHING_DIRECT, finds_nothing, full_text_offer, is_page, offered


def test_the_offer_to_read_on_names_each_article_listed() -> None:
    assert full_text_offer(1) == "回复「全文 1」看条文全文，「更多」看下一页。"
    assert full_text_offer(3, tap=True) == "点「全文 1」至「全文 3」看条文全文，「更多」看下一页。"
    assert full_text_offer(5, False, 4) == "回复「全文 4」或「全文 5」看条文全文。"


def test_a_page_offers_its_articles_and_the_next_page_as_buttons() -> None:
    page = offered("……", 1, 7, True)
    assert [b.value for b in page.buttons] == [*(f"全文 {n}" for n in range(1, 6)), "更多"]
    assert is_page(page) and not is_page(Text("……"))
    assert [b.value for b in offered("……", 4, 4, False).buttons] == ["全文 4"]


def test_no_answer_is_told_apart_from_an_answer() -> None:
    assert finds_nothing(Text(NOTHING_DIRECT)) and not finds_nothing(Text("【常见问题】…"))


def test_the_articles_said_to_tap_are_the_buttons_shown() -> None:
    """点「全文 1」至「全文 6」 over the buttons 全文 1 to 全文 5: the sixth was not there to
    tap. The words name the buttons, and how to see the rest."""
    said = full_text_offer(6, tap=True)
    buttons = [b.value for b in offered(said, 1, 6, True).buttons]
    assert buttons == [*(f"全文 {n}" for n in range(1, 6)), "更多"]
    assert said == "点「全文 1」至「全文 5」看条文全文，第6条请回复「全文 6」，「更多」看下一页。"
    assert full_text_offer(8, False, tap=True) == (
        "点「全文 1」至「全文 5」看条文全文，第6至8条请回复「全文 序号」。"
    )
    assert full_text_offer(5, tap=True).startswith("点「全文 1」至「全文 5」看条文全文，「更多」")
