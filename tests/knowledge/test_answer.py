"""Chat replies: FAQ first, citations, highlighting, paging, length limits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.messages import Choices, Text
from knowledge.answer import (
    DISCLAIMER,
    SCREEN,
    TELEGRAM,
    WEB,
    WECHAT,
    LawAnswerer,
    LawQuery,
    ReplyLimit,
)
from knowledge.base import KnowledgeBase
from knowledge.faq import load_faq
from knowledge.model import Article, Law
from knowledge.retriever import Hit
from tests.support.law_index import SUBSET, kb_of

pytestmark = pytest.mark.corpus


def text_of(replies: Sequence[object]) -> str:
    """The words of an answer; a page comes with its 全文 N and 更多 as buttons."""
    assert replies and all(isinstance(r, Text | Choices) for r in replies)
    return "\n".join(r.text for r in replies if isinstance(r, Text | Choices))


def test_faq_then_articles(kb: KnowledgeBase) -> None:
    answer = text_of(LawAnswerer(kb).answer("客人没带身份证能住店吗"))
    assert answer.startswith("【常见问题】")
    assert "依据：《旅馆业治安管理办法》第六条" in answer
    assert "全文 1" in answer and "更多" in answer
    assert answer.rstrip().endswith(DISCLAIMER)
    more = text_of(LawAnswerer(kb).answer("客人没带身份证能住店吗", 1))
    assert "相关法条（续，第2页）：" in more and "条（" in more and "版）" in more


def test_a_faq_answer_does_not_list_again_the_articles_its_basis_names(
    kb: KnowledgeBase,
) -> None:
    """离婚财产怎么分 named 第一千零六十二条 and 第一千零八十七条 in its 依据, then listed
    both again under 相关法条 (with snippets, where a longer answer had names alone and
    so none); 全文 N still shows them in the 依据's order."""
    answerer = LawAnswerer(kb, limit=WEB)
    text = text_of(answerer.answer("离婚财产怎么分"))
    assert "依据：《民法典》第一千零六十二条、《民法典》第一千零八十七条" in text
    assert "相关法条" not in text and text.count("第一千零六十二条") == 1
    assert "点「全文 1」或「全文 2」看条文全文" in text
    assert text_of(answerer.full_text("离婚财产怎么分", 2)).startswith("《民法典》第一千零八十七条")


def test_matched_terms_are_marked_only_where_the_channel_can_show_it(kb: KnowledgeBase) -> None:
    """WeChat and Telegram show text as sent: 【租赁】物 split the words it marked. The web
    chat shows 【盗窃】 as a highlight (its chat.js); a channel with marks of its own gets
    those."""
    for limit in (WECHAT, TELEGRAM):
        plain = text_of(LawAnswerer(kb, limit=limit).answer("入户盗窃怎么处罚"))
        assert "入户盗窃" in plain and "【盗窃】" not in plain and "【入户盗窃】" not in plain
    web = text_of(LawAnswerer(kb, limit=WEB).answer("入户盗窃怎么处罚"))
    assert "【盗窃】" in web or "【入户盗窃】" in web
    rich = ReplyLimit(4096, marks=("*", "*"))
    marked = text_of(LawAnswerer(kb, limit=rich).answer("入户盗窃怎么处罚"))
    assert "*盗窃*" in marked or "*入户盗窃*" in marked


def test_a_page_offers_each_article_listed_whole(kb: KnowledgeBase) -> None:
    """A page of several articles offered only 「回复「全文 1」」."""
    answer = text_of(LawAnswerer(kb).answer("入户盗窃怎么处罚"))
    assert "点「全文 1」至「全文 3」看条文全文，「更多」看下一页。" in answer
    more = text_of(LawAnswerer(kb).answer("入户盗窃怎么处罚", page=1))
    assert "点「全文 4」至「全文 6」看条文全文" in more


def buttons_of(replies: Sequence[object]) -> list[str]:
    return [b.value for r in replies if isinstance(r, Choices) for b in r.buttons]


def test_a_page_gives_its_full_texts_and_the_next_page_as_buttons(kb: KnowledgeBase) -> None:
    """「全文 N」 and 「更多」 were words to type, exactly, on a phone: each is a button,
    which a channel without buttons shows as a numbered line."""
    answerer = LawAnswerer(kb)
    assert buttons_of(answerer.answer("入户盗窃怎么处罚")) == ["全文 1", "全文 2", "全文 3", "更多"]
    assert buttons_of(answerer.answer("入户盗窃怎么处罚", page=1))[:3] == [
        "全文 4",
        "全文 5",
        "全文 6",
    ]
    # A victim's answer: the articles its 依据 names, then their texts from 更多 on.
    assert buttons_of(answerer.answer("我的电动车被偷了")) == ["全文 1", "全文 2", "更多"]
    # Nothing listed, nothing to press.
    assert buttons_of(answerer.answer("qwertyuiop")) == []


def test_a_victim_s_answer_offers_each_article_it_names_whole(kb: KnowledgeBase) -> None:
    """The answer named two articles in its 依据 and offered only 「全文 1」."""
    answer = text_of(LawAnswerer(kb).answer("我的电动车被偷了"))
    assert "依据：《治安管理处罚法》第四十九条" in answer and "《刑法》第二百六十四条" in answer
    assert "点「全文 1」或「全文 2」看条文全文，「更多」看下一页。" in answer


def test_direct_citation(kb: KnowledgeBase) -> None:
    answer = text_of(LawAnswerer(kb).answer("治安管理处罚法第57条"))
    assert "1. 《治安管理处罚法》第五十七条（2012-10-26版）" in answer
    assert "2. " not in answer and "更多" not in answer


@pytest.mark.parametrize(
    "limit", [WECHAT, TELEGRAM, ReplyLimit(600, "bytes"), ReplyLimit(300, "chars")]
)
@pytest.mark.parametrize(
    "question", ["旅馆不登记旅客身份证件会被罚吗", "房东不退押金怎么办", "刑法第二百六十四条"]
)
def test_every_reply_fits(kb: KnowledgeBase, limit: ReplyLimit, question: str) -> None:
    answerer = LawAnswerer(kb, limit=limit)
    for page in range(3):
        for reply in answerer.answer(question, page):
            assert isinstance(reply, Text | Choices) and limit.fits(reply.text)
    for reply in answerer.full_text(question, 1):
        assert isinstance(reply, Text | Choices) and limit.fits(reply.text)


def test_wechat_limit_is_bytes() -> None:
    assert WECHAT.measure("盗窃") == 6 and TELEGRAM.measure("盗窃") == 2


def test_paging_through_reply(kb: KnowledgeBase) -> None:
    answerer = LawAnswerer(kb, per_page=3)
    first, state = answerer.reply("偷东西会怎么处罚")
    assert state == LawQuery("偷东西会怎么处罚", 0)
    # A victim's question (`act_first`): what to do, the articles by name; texts from 更多 on.
    assert "1. " not in text_of(first) and "「更多」看下一页" in text_of(first)
    second, state = answerer.reply("更多", state)
    assert state == LawQuery("偷东西会怎么处罚", 1)
    assert "1. " in text_of(second) and "【常见问题】" not in text_of(second)
    third, state = answerer.reply("更多", state)
    page3 = text_of(third)
    assert "4. " in page3 and "1. " not in page3 and "【常见问题】" not in page3
    full, same = answerer.reply("全文 ４", state)  # full-width, as a Chinese keyboard types it
    assert same == state
    # 全文 4 is the article listed as 4, whatever ordering the answer used.
    listed = re.search(r"^4\. (《.+?》第.+?条)", page3, re.MULTILINE)
    assert listed is not None and text_of(full).startswith(listed.group(1))


def test_a_faq_answer_lists_only_its_own_articles_then_the_search_pages_on(
    kb: KnowledgeBase,
) -> None:
    faq = kb.faq_match("房东不退押金怎么办")
    assert faq is not None
    answerer = LawAnswerer(kb, per_page=3)
    text = text_of(answerer.answer("房东不退押金怎么办"))
    cites = faq.entry.cites[:3]
    for n, (law, article, _) in enumerate(cites, start=1):
        assert f"《{law}》{article}" in text.split("依据：")[1]
        assert text_of(answerer.full_text("房东不退押金怎么办", n)).startswith(
            f"《{law}》{article}"
        )
    assert "相关法条" not in text  # no lexical guess beside the curated answer
    more = text_of(answerer.answer("房东不退押金怎么办", page=1))
    assert f"{len(cites) + 1}. 《民法典》" in more and "第2页" in more


def _paged_on(kb: KnowledgeBase, answerer: LawAnswerer, question: str) -> list[str]:
    """The innermost headings of the articles listed on pages 2 to 5 of the answer."""
    pages = [text_of(answerer.answer(question, page)) for page in range(1, 5)]
    listed = re.findall(r"^\d+\. 《(.+?)》(第.+?条)", "\n".join(pages), re.MULTILINE)
    found = [kb.article(law, label) for law, label in listed]
    return [hit.article.heading.split()[-1] for hit in found if hit is not None]


def test_a_tenants_rent_pages_on_through_leases_not_finance_leases(kb: KnowledgeBase) -> None:
    """租客不交房租 reaches finance leases (融资租赁合同) through the 承租人 and 租金 its
    租客 and 房租 are read as, as it reaches ordinary leases: 更多 had listed 第七百五十二
    条 (融资租赁) right after the answer. A question that says 融资 still gets them."""
    answerer = LawAnswerer(kb, per_page=3).asked_by({"rental"})
    assert kb.faq_match("租客不交房租怎么办", {"rental"}) is not None
    headings = _paged_on(kb, answerer, "租客不交房租怎么办")
    assert len(headings) >= 6 and set(headings) == {"租赁合同"}
    assert "融资租赁合同" in _paged_on(kb, answerer, "融资租赁的承租人不交租金怎么办")


def _hit(title: str, heading: str) -> Hit:
    return Hit(Article(law=0, label="第一条", text="", heading=heading), Law(title), 1.0)


def test_only_a_heading_of_the_same_law_narrows_the_answers_chapter(kb: KnowledgeBase) -> None:
    """An answer citing a 法律责任 article had dropped from its later pages every
    十、法律责任 article of another law (and 总则 every 一、总则): the headings of all laws
    were compared, their numbers read as words (十 + 法律责任 ⊃ 法律责任)."""
    narrows = LawAnswerer(kb)._narrows(
        "不登记怎么处罚", [_hit("治安管理处罚法", "第三章 违反治安管理的行为和处罚 法律责任")]
    )
    assert not narrows(_hit("旅馆业治安管理办法", "十、法律责任"))
    assert not narrows(_hit("治安管理处罚法", "十、法律责任"))
    assert not narrows(_hit("治安管理处罚法", "第十章法律责任"))
    # Within one law a heading with a word the question lacks still narrows it.
    leases = LawAnswerer(kb)._narrows("租客不交房租", [_hit("民法典", "第十四章 租赁合同")])
    assert leases(_hit("民法典", "第十五章 融资租赁合同"))
    assert not leases(_hit("城市房地产管理法", "第十五章 融资租赁合同"))


def test_a_hotel_answer_does_not_page_on_to_train_tickets(
    laws_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """客人没带身份证能住吗 shares with the railway's ticket rule (铁路安全管理条例
    第六十四条) only 身份证 and the 旅客 its 客人 is read as: 更多 had listed it second."""
    railway = "行政法规/铁路安全管理条例(2013-08-17).md"
    kb = kb_of(laws_root, (*SUBSET, railway), tmp_path_factory)
    answerer = LawAnswerer(kb, per_page=3).asked_by({"hotel"})
    question = "客人没带身份证能住吗"
    assert kb.faq_match(question, {"hotel"}) is not None
    found = [(hit.law.title, hit.article.label) for hit in kb.search(question, top=30)]
    assert ("铁路安全管理条例", "第六十四条") in found  # the search reaches it
    pages = "\n".join(text_of(answerer.answer(question, page)) for page in range(1, 5))
    assert "《铁路安全管理条例》" not in pages


def test_more_pages_show_no_article_that_shares_nothing_with_the_question(
    kb: KnowledgeBase,
) -> None:
    """房东不退押金怎么办 paged on to finance leases (融资租赁: 出租人 does not answer for
    the leased thing), which share with it only words its 房东 was expanded to. The other
    rental rules, in the chapter of the answer's own article, still follow."""
    answerer = LawAnswerer(kb, per_page=3)
    question = "房东不退押金怎么办"
    pages = [text_of(answerer.answer(question, page)) for page in range(1, 6)]
    listed = re.findall(r"^\d+\. 《(.+?)》(第.+?条)", "\n".join(pages), re.MULTILINE)
    assert len(listed) >= 3
    for law, label in listed:
        hit = kb.article(law, label)
        assert hit is not None and "融资租赁" not in hit.article.heading, (law, label)
    # 全文 N is still the article listed as N.
    third = re.search(r"^3\. (《.+?》第.+?条)", pages[0], re.MULTILINE)
    assert third is not None
    assert text_of(answerer.full_text(question, 3)).startswith(third.group(1))


def test_more_after_nothing_direct_lists_nothing_either(kb: KnowledgeBase) -> None:
    """你叫什么名字 got 没有找到…直接相关, and then 更多 showed its second page of the
    articles the first had held back."""
    answerer = LawAnswerer(kb)
    first, state = answerer.reply("你叫什么名字")
    assert "没有找到与这个问题直接相关的法律条文" in text_of(first)
    more, state = answerer.reply("更多", state)
    assert "《" not in text_of(more) and "换个说法" in text_of(more)
    full, _ = answerer.reply("全文 4", state)
    assert "《" not in text_of(full) and "换个说法" in text_of(full)


def test_a_faq_answer_with_its_articles_fits_one_screen(kb: KnowledgeBase) -> None:
    """A hotel owner's duties, with four articles' snippets under the answer, ran past two
    phone screens; the 依据 names them all, and they are not listed again."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    question = "开旅馆每天要注意哪些事"
    faq = kb.faq_match(question)
    assert faq is not None and not faq.entry.act_first
    text = text_of(answerer.answer(question))
    assert text.startswith("【常见问题】") and len(text) <= SCREEN
    for law, article, _ in faq.entry.cites:
        assert f"《{law}》{article}" in text
    assert "相关法条" not in text
    assert "点「全文 1」" in text and text.rstrip().endswith(DISCLAIMER)


def test_every_faq_answer_s_first_page_fits_one_screen(kb: KnowledgeBase) -> None:
    """Every entry's first page, as asked in its own first words, fits one screen (those
    whose articles this index holds: without them the search's own stand in; the entries
    that ran past it are checked with their laws in test_faq)."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    too_long, checked = [], 0
    for entry in load_faq():
        if any(kb.article(*cite) is None for cite in entry.cites):
            continue
        checked += 1
        text = text_of(answerer.answer(entry.questions[0]))
        if len(text) > SCREEN:
            too_long.append((entry.id, len(text)))
    assert checked > 40 and too_long == []


def test_paging_past_the_end(kb: KnowledgeBase) -> None:
    answerer = LawAnswerer(kb, per_page=3, max_results=6)
    # The answer makes page one and its FAQ's articles page two (a victim's question), so
    # the six results end on page four.
    assert "6. " in text_of(answerer.answer("偷东西会怎么处罚", page=3))
    assert "没有更多" in text_of(answerer.answer("偷东西会怎么处罚", page=4))


def test_more_and_full_without_a_question(kb: KnowledgeBase) -> None:
    answerer = LawAnswerer(kb)
    replies, state = answerer.reply("更多", None)
    assert state is None and "请先发送" in text_of(replies)
    replies, state = answerer.reply("全文 2", None)
    assert state is None and "请先发送" in text_of(replies)
    assert "序号" in text_of(answerer.full_text("偷东西", 0))


def test_nothing_found(kb: KnowledgeBase) -> None:
    answer = text_of(LawAnswerer(kb).answer("qwertyuiop"))
    assert "没有找到" in answer and "第五十七条" in answer and DISCLAIMER in answer


def test_full_text_splits_long_articles(kb: KnowledgeBase) -> None:
    limit = ReplyLimit(120, "chars")
    replies = LawAnswerer(kb, limit=limit).full_text("消防法第十六条", 1)
    assert len(replies) > 1
    texts = [r.text for r in replies if isinstance(r, Text)]
    assert "消防安全责任人" in "".join(texts)
    # Each message after the first says it goes on, and still fits.
    assert not texts[0].startswith("（续）")
    assert all(t.startswith("（续）") and limit.fits(t) for t in texts[1:])


def test_full_text_beyond_the_list_gives_its_range(kb: KnowledgeBase) -> None:
    """「没有第 20 条结果，请回复列表中的序号。」 left the reader to count the list."""
    answerer = LawAnswerer(kb)
    question = "客人没带身份证能住店吗"
    last = 1
    while last < 29 and "没有第" not in text_of(answerer.full_text(question, last + 1)):
        last += 1
    assert 1 < last < 29
    said = text_of(answerer.full_text(question, 29))
    assert said == f"没有第 29 条结果，请回复 1–{last}（如「全文 1」）。"


def test_a_direct_citation_shows_the_article_from_its_start(kb: KnowledgeBase) -> None:
    """民法典第1084条 started mid-article (…消除。离婚后…), at the 民法 it had found inside
    人民法院 further on; nothing in it was marked, rightly, once only words count."""
    answer = text_of(LawAnswerer(kb).answer("民法典第1084条"))
    assert "1. 《民法典》第一千零八十四条（2020-05-28版）\n父母与子女间的关系" in answer
    assert "【" not in answer.split("\n", 2)[2]
    divorce = text_of(LawAnswerer(kb).answer("民法典1079"))
    assert "人民法院" in divorce and "【民法】" not in divorce


@pytest.fixture(scope="module")
def labour(labour_index: Path) -> KnowledgeBase:
    return KnowledgeBase.load(labour_index, faq_dirs=[])


def test_a_guide_is_named_as_no_law_and_listed_after_the_statutes(labour: KnowledgeBase) -> None:
    """加班不给加班费 opened on 《劳动仲裁和劳动诉讼的攻略》标准工时制, a lawyers' guide shown
    like a statute, above the 劳动合同法 article it outranks by a hair."""
    question = "加班不给加班费"
    assert labour.search(question, 1)[0].law.reference  # the search still ranks it first
    answerer = LawAnswerer(labour)
    answer = text_of(answerer.answer(question))
    assert answer.startswith("相关法条和参考资料：\n1. 《劳动合同法》")
    assert "参考资料：劳动仲裁和劳动诉讼的攻略（非法律条文）「加班费的计算 标准工时制」" in answer
    assert "《劳动仲裁和劳动诉讼的攻略》" not in answer
    # 全文 N counts as the list does.
    assert text_of(answerer.full_text(question, 1)).startswith("《劳动合同法》")
    listed = re.search(r"\n(\d)\. 参考资料", answer)
    assert listed is not None
    guide = text_of(answerer.full_text(question, int(listed.group(1))))
    assert guide.startswith("参考资料：劳动仲裁和劳动诉讼的攻略（非法律条文）「")


def test_articles_that_share_no_word_of_the_question_are_not_offered(
    kb: KnowledgeBase,
) -> None:
    """明天几点来检查？ got the rules for visitors from Taiwan, 你叫什么名字 the right to a
    name: the article matched only a word the question was expanded to. An article with the
    question's own words still shows."""
    question = "你叫什么名字"
    hits = kb.search(question, 1)
    assert hits and not kb.touches(question, hits[0])  # a top article exists, but shares none
    answer = text_of(LawAnswerer(kb).answer(question))
    assert "没有找到与这个问题直接相关的法律条文" in answer and "《" not in answer
    assert "《" in text_of(LawAnswerer(kb).answer("旅馆不登记旅客身份会受到什么处罚"))


def test_a_victim_reads_what_to_do_first_on_one_screen(kb: KnowledgeBase) -> None:
    """帮助，我被骗了 got about 900 characters of statutes before the way forward."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    first = text_of(answerer.answer("帮助，我被骗了"))
    assert first.index("110") < first.index("依据：") and "止付" in first
    assert "相关法条" not in first and len(first) <= 400
    assert "仅供参考" in first
    articles = text_of(answerer.answer("帮助，我被骗了", 1))
    assert articles.startswith("相关法条（第2页）：\n1. 《刑法》第二百六十六条")
    # The next is page 3 (it had been, after a page that said no number at all).
    assert text_of(answerer.answer("帮助，我被骗了", 2)).startswith("相关法条（续，第3页）")


def test_follow_up_hints_quote_like_every_other_reply(kb: KnowledgeBase) -> None:
    text = text_of(LawAnswerer(kb).answer("旅馆不登记旅客身份会受到什么处罚"))
    assert "点「全文 1」" in text and "「更多」" in text
    assert "“" not in text and "”" not in text


def test_a_follow_up_is_answered_with_the_question_it_goes_on_from(kb: KnowledgeBase) -> None:
    """钱还能要回来吗 after 网购被骗了怎么办 got 转账转错了怎么办: alone it has no matter of
    its own. 网购被骗了怎么办 is answered on fraud (止付) first; the follow-up does not repeat
    that answer, nor take its own match on another matter (钱转错人了能要回来吗), but goes on
    with the articles. Its 更多 goes on from the follow-up's answer; asked later, it is a new
    question."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    first, asked = answerer.reply("网购被骗了怎么办")
    assert text_of(first).startswith("【常见问题】被骗了钱怎么办") and "止付" in text_of(first)
    replies, state = answerer.reply("钱还能要回来吗", asked, recent=True)
    text = text_of(replies)
    assert text.startswith("（接着上一个问题「网购被骗了怎么办」回答）")
    assert "【常见问题】" not in text and "转账转错" not in text
    assert state == LawQuery("钱还能要回来吗", 0, "网购被骗了怎么办")
    more, state = answerer.reply("更多", state)
    assert text_of(more).startswith("相关法条（续，第2页）")
    assert state == LawQuery("钱还能要回来吗", 1, "网购被骗了怎么办")
    alone = text_of(answerer.reply("钱还能要回来吗", asked, recent=False)[0])
    assert "接着" not in alone and "止付" not in alone


def test_asking_whether_it_is_too_late_after_a_loan_gets_the_limitation_period(
    kb: KnowledgeBase,
) -> None:
    """过了三年还能告吗 after 借钱不还怎么办 was told nothing closer than the loan answer."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    _, asked = answerer.reply("借钱不还怎么办")
    for late in ("过了三年还能告吗", "欠钱好几年了还能要回来吗"):
        text = text_of(answerer.reply(late, asked, recent=True)[0])
        assert "【常见问题】诉讼时效是多久" in text and "重新算三年" in text, late


@pytest.mark.parametrize(
    ("before", "follow_up", "not_again"),
    [
        # The identical answer again told nothing.
        ("被狗咬了怎么办", "他不承认是他家的狗咋办", "【常见问题】被狗咬了谁负责"),
        # The generic answer on fights, not the child's age.
        ("孩子在学校被同学打了怎么办", "打人的孩子才13岁 是不是就不用负责了", "打架了会怎么处理"),
    ],
)
def test_a_follow_up_gets_no_answer_already_read_or_beside_its_point(
    kb: KnowledgeBase, before: str, follow_up: str, not_again: str
) -> None:
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    _, asked = answerer.reply(before)
    text = text_of(answerer.reply(follow_up, asked, recent=True)[0])
    assert f"「{before[:13]}" in text and not_again not in text


@pytest.mark.parametrize("new", ["老板拖欠工资怎么办", "我被骗了", "偷东西怎么处罚"])
def test_a_new_question_is_not_read_with_the_last_one(kb: KnowledgeBase, new: str) -> None:
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    _, asked = answerer.reply("房东不退押金怎么办")
    replies, state = answerer.reply(new, asked, recent=True)
    assert state == LawQuery(new, 0)
    assert text_of(replies) == text_of(answerer.answer(new))


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("全文二", 2),
        ("全文 2.", 2),
        ("全文第二条", 2),
        ("全文 第3个", 3),
        ("第二条详细说说", 2),
        ("第2条", 2),
        ("第二个", 2),
        ("全文", 1),  # what the offer 您是想「全文」吗 sends
    ],
)
def test_full_text_as_people_type_it(kb: KnowledgeBase, said: str, number: int) -> None:
    """全文 2. and 第二条详细说说 had been searched as questions (著作权法, 邪教…)."""
    question = "旅馆不登记旅客身份会受到什么处罚"
    answerer = LawAnswerer(kb)
    _, state = answerer.reply(question)
    replies, same = answerer.reply(said, state)
    assert same == state
    assert text_of(replies) == text_of(answerer.full_text(question, number))


def test_an_article_number_of_a_law_is_no_list_number(kb: KnowledgeBase) -> None:
    _, state = LawAnswerer(kb).reply("旅馆不登记旅客身份会受到什么处罚")
    _, new = LawAnswerer(kb).reply("第56条", state)
    assert new == LawQuery("第56条", 0)


def test_more_after_a_faq_answer_stops_where_the_topic_ends(kb: KnowledgeBase) -> None:
    """邻居装修砸墙太吵能管吗, answered on noise, paged on through the noise rule's section
    of 治安管理处罚法 to prostitution, obscene goods and gambling."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    question = "邻居装修砸墙太吵能管吗"
    pages = [text_of(answerer.answer(question, page)) for page in range(1, 5)]
    listed = re.findall(r"^\d+\. 《(.+?)》(第.+?条)", "\n".join(pages), re.MULTILINE)
    for law, label in listed:
        hit = kb.article(law, label)
        assert hit is not None and not re.search("卖淫|淫秽|赌博", hit.article.text), label
    assert "没有更多相关条文了" in pages[-1]


def test_a_faq_answer_names_its_articles_once_and_fits_a_screen(kb: KnowledgeBase) -> None:
    """邻居把东西堆在楼道里怎么办: the 依据 and then the same articles' names under
    相关法条, 510 characters; the 2012 治安管理处罚法 it cites had no note."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    question = "邻居把东西堆在楼道里怎么办"
    text = text_of(answerer.answer(question))
    assert len(text) <= SCREEN and "相关法条" not in text
    assert "依据：《民法典》第二百八十六条" in text and "点「全文 1」" in text
    assert text.count("注：《治安管理处罚法》新版2026年1月1日起施行") == 1
    assert text_of(answerer.full_text(question, 1)).startswith("《民法典》第二百八十六条")


def test_an_answer_citing_a_revised_law_notes_it_on_its_first_screen(kb: KnowledgeBase) -> None:
    """帮助，我被骗了 cites the 2012 治安管理处罚法 and showed no note until 更多."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    first = text_of(answerer.answer("帮助，我被骗了"))
    assert first.count("注：《治安管理处罚法》新版2026年1月1日起施行，所引为2012年版") == 1
    assert len(first) <= 400


@pytest.mark.parametrize(
    ("before", "new"),
    [
        ("刚才登记的208房间号错了 应该是206 怎么改", "旅馆消防要注意什么"),
        ("旅馆消防要注意什么", "民宿消防检查不合格会罚多少钱"),
        ("旅馆消防要注意什么", "那民宿消防检查不合格会罚多少钱"),
    ],
)
def test_a_question_with_a_matter_of_its_own_is_no_follow_up(
    kb: KnowledgeBase, before: str, new: str
) -> None:
    """旅馆消防要注意什么 got 「接着上一个问题「刚才登记的208房间号错了…」回答」 and the
    registration rules; 民宿消防检查不合格会罚多少钱, read with it, the registration
    penalties. Their own words (旅馆, 消防; 消防, 不合格) find their articles."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    _, asked = answerer.reply(before)
    replies, state = answerer.reply(new, asked, recent=True)
    assert state == LawQuery(new, 0) and "接着上一个问题" not in text_of(replies)


def test_a_short_question_on_another_legal_matter_is_searched_on_its_own(
    kb: KnowledgeBase,
) -> None:
    """离婚怎么办 after a hotel owner's 客人不带身份证能入住吗 got 「（接着上一个问题「客人不带
    身份证能入住吗」回答）」 and the hotel's registration articles: 离婚 is a legal matter
    the question before did not name."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    _, asked = answerer.reply("客人不带身份证能入住吗")
    replies, state = answerer.reply("离婚怎么办", asked, recent=True)
    text = text_of(replies)
    assert state == LawQuery("离婚怎么办", 0)
    assert "接着上一个问题" not in text and "旅馆" not in text and "离婚" in text


@pytest.mark.parametrize("question", ["16岁的学生自己来开房 能让住吗", "房东不退押金 能告他吗"])
def test_a_question_asked_again_gets_its_answer_again(kb: KnowledgeBase, question: str) -> None:
    """16岁的学生自己来开房 能让住吗, sent twice, was read as a follow-up of itself: 没有找到比
    上一个问题…更直接相关的法律条文."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    first, asked = answerer.reply(question)
    again, state = answerer.reply(f"{question}？", asked, recent=True)
    assert text_of(again) == text_of(first) and state == asked


def test_an_article_cited_by_number_is_a_question_of_its_own(kb: KnowledgeBase) -> None:
    """民法典第1084条 after 民法典1079 was answered 接着上一个问题「民法典1079」, 1079 first."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    _, asked = answerer.reply("民法典1079")
    replies, state = answerer.reply("民法典第1084条", asked, recent=True)
    text = text_of(replies)
    assert state == LawQuery("民法典第1084条", 0) and "接着上一个问题" not in text
    assert (
        text.index("第一千零八十四条") < text.find("第一千零七十九条")
        or "第一千零七十九条" not in text
    )
    assert not answerer.leans_on("民法典1084", "民法典1079")


@pytest.mark.parametrize("follow_up", ["能起诉吗", "可以告他吗", "能去法院告他吗", "要赔钱吗"])
def test_asking_how_to_pursue_the_last_matter_goes_on_from_it(
    kb: KnowledgeBase, follow_up: str
) -> None:
    """能起诉吗 right after 邻居家的狗把我咬了 got 诉讼时效是多久 alone, as if nothing had been
    asked before: it names no matter, only how to pursue one."""
    answerer = LawAnswerer(kb, limit=TELEGRAM)
    _, asked = answerer.reply("邻居家的狗把我咬了")
    replies, state = answerer.reply(follow_up, asked, recent=True)
    text = text_of(replies)
    assert text.startswith("（接着上一个问题「邻居家的狗把我咬了」回答）")
    assert "诉讼时效" not in text and state == LawQuery(follow_up, 0, "邻居家的狗把我咬了")


@pytest.mark.parametrize("before", ["身份证丢了怎么办", "顾客在网吧吵架打架怎么办"])
def test_an_owners_question_answered_for_their_kind_of_place_stands_alone(
    kb: KnowledgeBase, before: str
) -> None:
    """顾客不带身份证能上网吗 from a net café owner shares 身份证 or 顾客 with the question
    before, and was answered 「接着上一个问题…」, though an answer written for net cafés
    fits it on its own."""
    answerer = LawAnswerer(kb, limit=TELEGRAM).asked_by({"internet_cafe"})
    _, asked = answerer.reply(before)
    replies, state = answerer.reply("顾客不带身份证能上网吗", asked, recent=True)
    assert state == LawQuery("顾客不带身份证能上网吗", 0)
    assert "接着上一个问题" not in text_of(replies) and "网吧" in text_of(replies)
    # Started like a follow-up, it still goes on from the question before.
    assert answerer.leans_on("那顾客不带身份证能上网吗", before)
