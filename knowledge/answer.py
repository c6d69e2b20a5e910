"""Chat replies to a legal question: FAQ first, then articles, one page at a time.

Pure functions of (question, page): the caller keeps the last question and page of each
chat and passes them back (`LawAnswerer.reply` does the bookkeeping for it).  Every reply
fits the channel's limit: WeChat passive replies are about 2048 bytes, Telegram messages
4096 characters.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Literal

from bot.messages import Button, Choices, Reply, Text
from bot.validators.numerals import arabize
from knowledge.base import KnowledgeBase
from knowledge.citation import find_citations
from knowledge.faq import CONSEQUENCES, GUESTS, WRITTEN_FOR, FaqMatch
from knowledge.intent import asks, is_legal_question, legal_words
from knowledge.numerals import NUMERAL_CHARS, whole
from knowledge.quoting import brief
from knowledge.retriever import Hit

__all__ = [
    "DISCLAIMER",
    "FAQ_HEADING",
    "TELEGRAM",
    "WEB",
    "WECHAT",
    "LawAnswerer",
    "LawQuery",
    "ReplyLimit",
    "finds_nothing",
    "is_followup",
    "is_legal_question",
]

DISCLAIMER = "仅供参考，具体以法律规定和公安机关认定为准。"
#: What a curated answer starts with, before its first phrasing.
FAQ_HEADING = "【常见问题】"
#: 然后呢 and 还有呢 are how the next page is asked for in chat.
MORE_WORDS = frozenset({"更多", "下一页", "下页", "继续", "more", "然后呢", "还有呢"})
_FULL = re.compile(r"^全文(?:第?([0-9]{1,3})[条个]?)?$")
#: 第二条详细说说, 第2条, 第二个: the article listed as N, said without 全文. Only one digit:
#: 第56条 after a question on a law is more likely that law's article 56.
_LISTED = re.compile(
    r"^(?:看看?|看一下|说说)?第([1-9])[条个](?:法条|条文)?的?"
    r"(?:全文|原文|内容|详细|具体)?(?:说说|讲讲|看看|说一下|讲一下|看一下|内容|呢)?$"
)
#: What a typed follow-up may carry around its words (全文 2. , 第二条？).
_MARKS = re.compile(r"[\s，,。.、!！?？~～…:：]")
_SNIPPET_BUDGETS = (160, 120, 90, 60, 40, 25)
#: Characters of a phone screen: a first page with a FAQ answer fits it.
SCREEN = 500


def is_followup(text: str) -> bool:
    """`更多`, `全文 N` or `第二条详细说说`: a message that continues the chat's last legal
    question."""
    stripped = _fold(text)
    return stripped.lower() in MORE_WORDS or _full_text_number(stripped) is not None


def _same_question(text: str, previous: str) -> bool:
    """Whether `text` asks `previous` again, marks and spacing aside."""
    return _MARKS.sub("", _fold(text)) == _MARKS.sub("", _fold(previous))


def _fold(text: str) -> str:
    """全文 ３ from a Chinese keyboard reads as 全文 3."""
    return unicodedata.normalize("NFKC", text).strip()


def _full_text_number(text: str) -> int | None:
    """N of 全文 N, also written 全文三, 全文 2. or 全文第3条; 第二条详细说说 and 第2个 are
    the same; a bare 全文 is the first listed (tapping the offer 您是想「全文」吗 sends it)."""
    said = _MARKS.sub("", arabize(_fold(text)))
    found = _FULL.match(said) or _LISTED.match(said)
    if found is None:
        return None
    return int(found.group(1)) if found.group(1) else 1


@dataclass(frozen=True, slots=True)
class ReplyLimit:
    """Largest reply a channel takes, in UTF-8 bytes or in characters."""

    size: int
    unit: Literal["bytes", "chars"] = "chars"
    #: How a snippet marks the words it matched. WeChat and Telegram show text as sent,
    #: where 【租赁】物 splits the word it marks: none there (`WEB` has them).
    marks: tuple[str, str] = ("", "")

    def measure(self, text: str) -> int:
        return len(text.encode("utf-8")) if self.unit == "bytes" else len(text)

    def fits(self, text: str) -> bool:
        return self.measure(text) <= self.size


WECHAT = ReplyLimit(2048, "bytes")
TELEGRAM = ReplyLimit(4096, "chars")
#: The web chat shows 【租赁】 as a highlight without the brackets (its chat.js).
WEB = ReplyLimit(4096, "chars", marks=("【", "】"))


@dataclass(frozen=True, slots=True)
class LawQuery:
    """What a chat must remember between messages: the last question and its page, and for
    a follow-up (对方先动手的呢) the question(s) it went on from, one a line."""

    question: str
    page: int = 0
    context: str = ""


#: How a message that goes on from the last question starts (那要是…, 对方先动手的呢, 他不承认
#: 是他家的狗咋办): it leans on that question for its subject.
_LEANING = re.compile(r"^(那|如果|要是|假如|万一|可是|但是|还有|对方|他|她|它|这|这种|这样)")
#: A message this short with no answer written for it (过了三年还能告吗, 钱还能要回来吗) has
#: no subject of its own; 老板拖欠工资怎么办 is as short, but a question of its own.
_SHORT = 10
#: Words of a message's own that say nothing of its matter: who (对方 in 如果对方不同意呢)
#: or what it asks of the matter (注意, 处理), not what the matter is.
_NO_TOPIC = frozenset({"对方", "他们", "她们", "别人", "人家", "自己", "我们", "你们"})
#: Words that say who, not what happened (有人跳楼了, 有个人要跳楼): under an emergency
#: notice they show no article speaks to the message.
_WHO_WORDS = _NO_TOPIC | {"有人", "个人", "某人", "一个", "有个", "那个", "这个"}
#: A message with this many words of its own in the article its own search finds first is
#: a question of its own: 旅馆消防要注意什么 (旅馆, 消防) after a registration question.
_OWN_TOPIC = 2
#: Legal words (`knowledge.intent.legal_words`) that ask what follows from any matter, or
#: how to pursue it, rather than name one: 能起诉吗, 要赔偿吗, 可以报警吗 after a question
#: go on from it.
_ASKED_OF_ANY = frozenset(
    {
        "法律", "法规", "罪", "判刑", "坐牢", "刑法", "民法", "治安", "处罚", "罚款", "罚钱",
        "罚多少", "会罚", "被罚", "拘留", "赔偿", "赔钱", "起诉", "打官司", "法院", "律师",
        "报警", "报案", "立案", "责任", "权利", "义务", "规定", "条例", "办法", "侵权", "违约",
        "投诉", "维权", "退款",
    }
)  # fmt: skip
_OF_ANY = _ASKED_OF_ANY | CONSEQUENCES
#: Asking how or where to do something (去哪里报案, 怎么起诉), not whether the last matter
#: allows it (能起诉吗).
_HOW_OR_WHERE = re.compile("哪|怎么|怎样|如何")


def _of_any(word: str, legal: Collection[str]) -> bool:
    """Whether an everyday word with its legal terms asks what follows from any matter, or
    how to pursue it, rather than naming one: 坐牢 (有期徒刑), 起诉 and 告他 (起诉, 诉讼),
    赔钱 (赔偿). Not 被骗 (诈骗) or 欠钱 (借款)."""
    return word in _OF_ANY or not _OF_ANY.isdisjoint(legal) or not set(legal) - CONSEQUENCES


#: How many earlier questions a follow-up carries: the topic and the last turn of it.
_CONTEXT_TURNS = 2
#: A follow-up's own FAQ match is shown (instead of the answer already read) from this
#: similarity: 对方先动手的呢 matches 被打了还手算正当防卫吗 at 0.62, 打人的孩子才13岁…
#: only the generic 打架了会怎么处理 at 0.55.
_OWN_MATCH = 0.6


class LawAnswerer:
    """Formats knowledge-base results as chat replies.

    Args:
        kb: the loaded knowledge base.
        limit: the channel's reply size limit.
        per_page: articles per page; numbering runs on across pages (全文 N uses it).
        max_results: how far `更多` can page.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        limit: ReplyLimit = WECHAT,
        per_page: int = 3,
        max_results: int = 30,
    ) -> None:
        self.kb = kb
        self.limit = limit
        self.per_page = per_page
        self.max_results = max_results
        #: The asker's kinds of place (an owner's), which the FAQ reads questions with.
        self.kinds: frozenset[str] = frozenset()

    def asked_by(self, kinds: Collection[str]) -> LawAnswerer:
        """This answerer for an owner of `kinds` of place (`storage.models.VenueKind`
        values): 顾客不带身份证能不能上网 from a net café owner is about a net café."""
        if frozenset(kinds) == self.kinds:
            return self
        other = copy.copy(self)
        other.kinds = frozenset(kinds)
        return other

    def reply(
        self,
        text: str,
        last: LawQuery | None = None,
        *,
        recent: bool = False,
        screen: int = SCREEN,
        after_notice: str = "",
    ) -> tuple[list[Reply], LawQuery | None]:
        """Answer a message, given the chat's previous state; returns the new state.

        `更多` pages on, `全文 N` shows article N of the last answer in full, anything else
        is a question: a follow-up of the last one when that was asked `recent`ly and the
        message leans on it (see `leans_on`), else a new one. `after_notice`: the words of
        the message that put an emergency notice before the reply (煤气泄漏); only articles
        that hold another of its words follow it (see `answer`).
        """
        stripped = _fold(text)
        if stripped.lower() in MORE_WORDS:
            if last is None:
                return [Text("请先发送您想咨询的法律问题。")], None
            turned = LawQuery(last.question, last.page + 1, last.context)
            return self.answer(last.question, turned.page, last.context), turned
        number = _full_text_number(stripped)
        if number is not None:
            if last is None:
                return [Text("请先发送法律问题，再回复「全文 序号」查看条文全文。")], None
            return self.full_text(last.question, number, last.context), last
        if last is not None and recent and _same_question(stripped, last.question):
            # Asked again (16岁的学生自己来开房 能让住吗 twice): no follow-up of itself, which
            # had found 没有找到比上一个问题…更直接相关的法律条文, but its answer again.
            turned = LawQuery(last.question, 0, last.context)
            return self.answer(last.question, 0, last.context, screen, after_notice), turned
        if last is not None and recent and self.leans_on(stripped, last.question):
            turns = [*last.context.splitlines(), last.question][-_CONTEXT_TURNS:]
            context = "\n".join(turns)
            replies = self.answer(stripped, 0, context, screen, after_notice)
            return replies, LawQuery(stripped, 0, context)
        return self.answer(stripped, 0, "", screen, after_notice), LawQuery(stripped, 0)

    def leans_on(self, text: str, previous: str) -> bool:
        """Whether `text` goes on from the question `previous` rather than asking anew: it
        starts like a follow-up (那要是…, 对方…), is short with no matter of its own
        (过了三年还能告吗, 钱还能要回来吗; not 我被骗了, whose 被骗 is one), or shares a word
        with it (孩子 in 校园欺凌 and 打人的孩子才13岁). A question an answer was written for
        word for word (老板拖欠工资怎么办) is new, and so is one whose own words find their
        article (see `stands_alone`): 旅馆消防要注意什么 had been read with a question on a
        registration, 民宿消防检查不合格会罚多少钱 with 旅馆消防要注意什么 (their 消防), and
        got the registration rules and penalties. Started like a follow-up, only a longer
        one (那民宿消防检查不合格会罚多少钱) stands alone: 如果对方不同意呢 still leans."""
        if self._quoted(text):
            # An article named by number (民法典第1084条 after 民法典1079, which had listed
            # 1079 first) is a question of its own.
            return False
        short = len(_MARKS.sub("", text)) <= _SHORT
        if short and not _HOW_OR_WHERE.search(text) and self._only_asks_of_any(text):
            # 能起诉吗, 可以告他吗, 能去法院告他吗 ask about the last question's matter, even
            # where an answer was written for them alone (诉讼时效是多久, which 能起诉吗
            # had got right after 邻居家的狗把我咬了) or their words find an article. Not
            # 去哪里报案 after 怎么报案: how or where to do it is a question of its own.
            return True
        own = self.kb.faq_match(text, self.kinds)
        if own is not None and own.similarity >= WRITTEN_FOR:
            return False
        leaning = _LEANING.match(text) is not None
        if (
            not leaning
            and own is not None
            and self._for_own_place(own)
            and not (short and self._asks_of_any(text))
        ):
            # 顾客不带身份证能上网吗 from a net café owner: an answer written for their kind
            # of place fits it, a matter of its own, though it shares 身份证 with the last.
            # 怎么罚 names no matter, whatever answer it finds: it still goes on.
            return False
        if not leaning and own is not None and self._same_entry(own, previous):
            # Asked again in other words or with a slip (房东不推押金咋办 after 房东不退押金
            # 怎么办, 安全出口能不能上锁 after 营业时间能把安全出口锁上吗): its answer again,
            # not 没有找到比上一个问题…更直接相关的法律条文.
            return False
        if (not leaning or not short) and self.stands_alone(text):
            return False
        if leaning:
            return True
        if short and self._asks_of_any(text):
            return True
        segmenter = self.kb.retriever.segmenter
        words = segmenter.words(text)
        shared = set(words) & set(segmenter.words(previous))
        return any(len(word) > 1 and not word.isdigit() for word in shared)

    def _for_own_place(self, own: FaqMatch) -> bool:
        """Whether `own` answers, closely enough to be shown, a question written for the
        asker's kind of place (`kinds`)."""
        return own.similarity >= _OWN_MATCH and not self.kinds.isdisjoint(own.entry.kinds)

    def _only_asks_of_any(self, text: str) -> bool:
        """Whether `text` asks of any matter (`_asks_of_any`) and every word of it the
        statutes know does: 能起诉吗, 我能去法院告他吗; not 客人不登记怎么罚 (客人, 登记)."""
        if not self._asks_of_any(text):
            return False
        segmenter = self.kb.retriever.segmenter
        words = segmenter.words(text)
        asking = {word for word, legal in segmenter.expansion_groups(text, words)}
        lexicon = self.kb.index.lexicon
        return all(
            word in _OF_ANY or word in asking or lexicon.get(word) is None
            for word in words
            if len(word) > 1
        )

    def _asks_of_any(self, text: str) -> bool:
        """Whether `text` names no matter, only what follows from any or how to pursue it
        (坐牢, 能起诉吗, 算违法吗): a matter is an everyday word with legal terms (被骗 →
        诈骗) or a legal matter named (离婚 in 离婚怎么办, which had been read with
        客人不带身份证能入住吗)."""
        named = legal_words(text)
        if named - _OF_ANY:
            return False
        if not named and not asks(text):
            # 晚上有人大声唱歌 asks nothing and names its matter in everyday words only: a
            # matter of its own, which had got the articles on self-defence asked before.
            return False
        segmenter = self.kb.retriever.segmenter
        groups = segmenter.expansion_groups(text, segmenter.words(text))
        return all(_of_any(word, legal) for word, legal in groups)

    def _same_entry(self, found: FaqMatch, previous: str) -> bool:
        """Whether the question `previous` matches the FAQ entry `found` too."""
        before = self.kb.faq_match(previous, self.kinds)
        return before is not None and before.entry.id == found.entry.id

    def elliptical(self, text: str) -> bool:
        """Whether `text` is a short question that only makes sense after another: it starts
        like a follow-up (那要多久, 那房东呢) or asks of a matter it does not name (怎么罚,
        会坐牢吗). Too short to be taken for a legal question alone, it is one only there."""
        said = _MARKS.sub("", _fold(text))
        if len(said) > _SHORT or not asks(said):
            return False
        if _LEANING.match(said):
            return True
        segmenter = self.kb.retriever.segmenter
        return bool(segmenter.expansion_groups(said, segmenter.words(said)))

    def stands_alone(self, text: str) -> bool:
        """Whether `text` has a matter of its own that the statutes know: `_OWN_TOPIC` of
        its own words (or their legal terms: 民宿 as 旅馆) are in the article its own
        search finds first. 钱还能要回来吗 finds an article through 回来 alone, 打人的孩子
        才13岁… through 打人 alone: they lean on the question before."""
        hits = self.kb.search(text, 1)
        if not hits:
            return False
        segmenter = self.kb.retriever.segmenter
        words = segmenter.words(text)
        legal = dict(segmenter.expansion_groups(text, words))
        found = set(hits[0].terms)
        topic = {
            word
            for word in words
            if len(word) > 1
            and not word.isdigit()
            and word not in _NO_TOPIC
            and {word, *legal.get(word, ())} & found
        }
        # One word will do when it is what the law found is about: 消防 of 《消防法》 in
        # 消防要注意什么, which had been read with a question on a guest's ID card.
        law = hits[0].law.short
        return len(topic) >= _OWN_TOPIC or any(law.startswith(w) for w in topic - CONSEQUENCES)

    def answer(
        self,
        question: str,
        page: int = 0,
        context: str = "",
        screen: int = SCREEN,
        after_notice: str = "",
    ) -> list[Reply]:
        """Page `page` (0-based) of the answer to `question`. Under a FAQ answer the first
        page lists only the articles the answer cites: a lexical guess beside a curated
        answer was often beside the point (a finance-lease article under 押金). The search's
        own articles follow from 更多 on, numbered on, as far as they share a word with the
        question. The cited articles are not listed again under the 依据 that names them
        (全文 N shows each); an answer for a victim (`act_first`) shows them from 更多 on:
        what to do comes first, on one phone screen. A first page with a FAQ answer fits
        one screen (`SCREEN`): articles listed under it (of an answer whose cited articles
        the corpus does not all hold) shrink to their names if need be; `screen` is less
        when something leads the reply (an emergency notice). A follow-up (`context`: the
        questions it goes on from) is searched with their words and says so. Under an emergency notice raised by
        the words `after_notice`, articles without a FAQ answer are shown only when the
        first holds a word of the question besides those: 后厨煤气泄漏了怎么办 had got,
        under the 119 notice, a rule on oil spilt by two ships, through 泄漏 alone;
        教唆自杀怎么判 still gets the articles on 教唆."""
        faq, hits = self._results(question, self.max_results, context)
        asked = _asked(question, context)
        if not self._direct(asked, faq, hits) or (
            after_notice
            and faq is None
            and hits
            and not self._reaches(asked, hits[0], after_notice)
        ):
            # Nothing was listed, so 更多 has nothing to go on to either.
            if context:
                previous = _shortened(context.splitlines()[-1])
                return [Text(self._fit(NOTHING_DIRECT_ON.format(previous=previous)))]
            return [Text(self._fit(NOTHING_DIRECT))]
        cited = self._cited_lead(faq, hits, context)
        hits = self._listed(asked, faq, hits, cited)
        reply_page = page
        if faq is not None and faq.entry.act_first:
            if page == 0:
                named = min(cited, len(hits)) or 1  # 全文 N counts along the 依据
                text = self._fit(_going_on(context, page) + self._faq_page(faq, bool(hits), named))
                return [_offered(text, 1, named, True) if hits else Text(text)]
            faq, page = None, page - 1
        if cited:  # the FAQ's articles make page one; the search's pages follow
            first = 0 if page == 0 else cited + (page - 1) * self.per_page
        else:
            first = page * self.per_page
        count = cited if cited and page == 0 else self.per_page
        if page > 0:
            faq = None  # shown on the first page only
        shown = hits[first : first + count]
        quoted = self._quoted(asked)
        going_on = _going_on(context, reply_page)
        if not shown and faq is None:
            if page == 0:
                return [Text(self._fit(going_on + NOTHING_FOUND))]
            return [Text(self._fit(NOTHING_MORE))]
        has_more = len(hits) > first + count and first + count < self.max_results
        # What the page offers (`_page`): the 依据 counts from 1, a list on from the page before.
        start = 1 if faq is not None and _named_in_basis(faq, shown) else first + 1

        def reply(text: str) -> Reply:
            return _offered(text, start, start + len(shown) - 1, has_more) if shown else Text(text)

        # A curated answer with its articles: one phone screen (`screen` characters, less
        # when a notice leads the reply).
        for budget in (*_SNIPPET_BUDGETS, 0) if faq is not None else _SNIPPET_BUDGETS:
            text = going_on + self._page(faq, shown, first, reply_page, has_more, budget, quoted)
            if self.limit.fits(text) and (faq is None or len(text) <= screen):
                return [reply(text)]
        text = going_on + self._page(faq, shown, first, reply_page, has_more, 0, quoted)
        return [reply(self._fit(text))]

    def _direct(self, question: str, faq: FaqMatch | None, hits: list[Hit]) -> bool:
        """Whether the answer has anything to show: a FAQ answer, nothing at all (said so),
        or a top article with a word of the question (see `KnowledgeBase.touches`)."""
        if faq is not None or not hits:
            return True
        return hits[0].cited or self.kb.touches(question, hits[0])

    def _reaches(self, question: str, hit: Hit, raised: str) -> bool:
        """Whether an article speaks to more of `question` than the words that `raised` an
        emergency notice: cited by it, or holding another of its words."""
        return hit.cited or self._shared_words(question, raised)(hit) > 0

    def _listed(
        self, question: str, faq: FaqMatch | None, hits: list[Hit], cited: int
    ) -> list[Hit]:
        """The articles as the chat numbers them: those of the first page as ranked, then
        only those that share a word with the question or a chapter with an article the
        FAQ answer cites. 房东不退押金怎么办 had paged on to finance leases (融资租赁),
        which share with it only 出租人 and 租赁, words its 房东 was expanded to; the
        other rules on a found wallet (捡到钱包) share none of its words, but the chapter
        of the answer's 拾得遗失物. Under a FAQ answer, an article of the chapter must hold
        one of the words searched for, and an article of a law the answer does not cite
        two of the question's words (偷东西…处罚 in the theft interpretation): 邻居装修砸墙
        太吵 had paged on from the noise rules to the 装饰装修 of leases and building
        contracts, and through the noise rule's section of 治安管理处罚法 to prostitution
        and gambling."""
        # An answer for a victim shows none of them on its first page.
        kept = 0 if faq is not None and faq.entry.act_first else cited or self.per_page
        touches = self.kb.toucher(question)
        if faq is None:
            anchors = hits[:kept]
            chapters = {_chapter(hit) for hit in hits if hit.cited}

            def on_topic(hit: Hit) -> bool:
                return hit.cited or _chapter(hit) in chapters or touches(hit)

        else:
            anchors = self._cited_hits(faq)
            laws = {hit.law.title for hit in anchors}
            chapters = {_chapter(hit) for hit in anchors}
            # The guest (客人 → 旅客) says whom, not what: 客人没带身份证能住吗 had paged on
            # to train tickets bought with an ID card (铁路安全管理条例 第六十四条).
            shared = self._shared_words(question, not_counted=GUESTS)

            def on_topic(hit: Hit) -> bool:
                if hit.cited or (_chapter(hit) in chapters and hit.terms):
                    return True
                return touches(hit) and (hit.law.title in laws or shared(hit) >= 2)

        narrows = self._narrows(question, anchors)
        listed = hits[:kept] + [hit for hit in hits[kept:] if on_topic(hit) and not narrows(hit)]
        return listed if faq is not None else _statutes_first(listed, self.per_page)

    def _narrows(self, question: str, anchors: list[Hit]) -> Callable[[Hit], bool]:
        """Whether an article's chapter is a special kind of an `anchors` chapter by a word
        the question does not say: 融资租赁合同 beside 租赁合同. The special kind shares
        every word the question was expanded to (租客 → 承租人, 房租 → 租金), so only its
        heading tells it apart: 租客不交房租怎么办 had paged on from the rent articles of
        the 租赁合同 chapter to finance leases. A question that says 融资 still gets them.
        Only headings of the same law are compared: another law's 法律责任 chapter is no
        special kind of this one's, and had been dropped from the later pages of every
        answer that cites a 法律责任 article."""
        segmenter = self.kb.retriever.segmenter
        words = segmenter.words(question)
        said = {*words, *segmenter.expansions(question, words)}
        subjects: dict[str, set[frozenset[str]]] = {}
        for hit in anchors:
            subject = _subject_words(segmenter.words, hit)
            if subject:
                subjects.setdefault(hit.law.title, set()).add(subject)

        def narrows(hit: Hit) -> bool:
            own = _subject_words(segmenter.words, hit)
            return any(
                subject < own and not (own - subject) & said
                for subject in subjects.get(hit.law.title, ())
            )

        return narrows

    def _quoted(self, question: str) -> frozenset[_Key]:
        """The articles `question` cites by number (民法典第1084条), not those a FAQ answer
        cites: a curated answer's article shows where the question's words are."""
        retriever = self.kb.retriever
        laws = retriever.index.corpus.laws
        return frozenset(
            (laws[c.law].title, laws[c.law].version, c.number, c.sub)
            for c in find_citations(question, retriever.titles)
        )

    def _shared_words(
        self, question: str, leaving_out: str = "", not_counted: Collection[str] = ()
    ) -> Callable[[Hit], int]:
        """How many of the question's words an article holds, itself or in legal terms
        (偷东西 as 盗窃): one word says little (装修 in every 装饰装修 rule). Words inside
        `leaving_out`, and the `not_counted`, do not count."""
        segmenter = self.kb.retriever.segmenter
        words = segmenter.words(question)
        groups = [
            (word, {word, *legal}) for word, legal in segmenter.expansion_groups(question, words)
        ]
        groups += [(word, {word}) for word in words if len(word) > 1 and not word.isdigit()]
        groups = [(word, terms) for word, terms in groups if word not in not_counted]
        if leaving_out:
            # 有人 of 有人跳楼了怎么办 says who, not what: it had got, under the notice, a
            # co-owner's (共有人) right to divide property.
            groups = [
                (word, terms)
                for word, terms in groups
                if word not in leaving_out and word not in _WHO_WORDS
            ]

        def count(hit: Hit) -> int:
            found = set(hit.terms)
            return len({word for word, terms in groups if terms & found})

        return count

    def _cited_hits(self, faq: FaqMatch) -> list[Hit]:
        """The articles a FAQ answer cites, as far as the corpus holds them."""
        found = (self.kb.article(law, label, version) for law, label, version in faq.entry.cites)
        return [hit for hit in found if hit is not None]

    def _cited_lead(self, faq: FaqMatch | None, hits: list[Hit], context: str = "") -> int:
        """How many leading hits are the FAQ answer's cited articles, or those of the answer
        a follow-up (`context`) goes on from (0 otherwise): they make the first page alone,
        however many the answer cites. 怎么罚 after 灭火器过期了怎么办 had listed the
        《森林防火条例》 (灭火器材) third."""
        if faq is None and not context:
            return 0
        lead = 0
        for hit in hits:
            if not hit.cited:
                break
            lead += 1
        return lead

    def full_text(self, question: str, number: int, context: str = "") -> list[Reply]:
        """Article `number` (1-based, as listed in the answer) in full, split to fit."""
        if number < 1 or number > self.max_results:
            return [Text(f"序号应在 1 到 {self.max_results} 之间。")]
        faq, hits = self._results(question, self.max_results, context)
        asked = _asked(question, context)
        if not self._direct(asked, faq, hits):
            return [Text(self._fit(NOTHING_DIRECT))]
        hits = self._listed(asked, faq, hits, self._cited_lead(faq, hits, context))
        if len(hits) < number:
            listed = f"1–{len(hits)}" if len(hits) > 1 else "1"
            return [Text(f"没有第 {number} 条结果，请回复 {listed}（如「全文 1」）。")]
        hit = hits[number - 1]
        heading = "" if hit.law.reference else hit.article.heading  # in its citation
        header = f"{citation(hit)}\n{heading}".rstrip()
        notes = "".join(f"\n\n{note}" for note in self.kb.revision_notes([hit.law]))
        body = f"{header}\n\n{hit.article.text}{notes}\n\n{DISCLAIMER}"
        # A second message with no mark read as a new article on a phone.
        return [Text(part) for part in self._split(body, marker="（续）")]

    def _results(
        self, question: str, top: int, context: str = ""
    ) -> tuple[FaqMatch | None, list[Hit]]:
        """The FAQ entry the question matches, and the articles: the entry's first cited
        articles (a curated answer's basis beats a lexical guess), then the search's. All
        of them: the 依据 names each, and 全文 N must show the Nth it names (全文 4 of an
        answer citing four had shown the search's first article instead). A follow-up is
        searched together with the questions it goes on from; one with no
        answer of its own (怎么罚 after 灭火器过期了怎么办) starts from the articles of the
        answer it goes on from, their penalties first when it asks what follows (it had got
        森林防火条例 through 灭火器材, not 《消防法》第六十条)."""
        faq = self._faq_for(question, context)
        first = faq.entry.cites if faq is not None else self._cites_gone_on_from(question, context)
        return faq, self.kb.search(_asked(question, context), top, first)

    def _cites_gone_on_from(self, question: str, context: str) -> tuple[tuple[str, str, str], ...]:
        """The citations of the FAQ answer a follow-up goes on from, unless it names a matter
        of its own; penalty articles (of a 法律责任 or 罚则 chapter) first if it asks what
        follows (怎么罚, 会坐牢吗)."""
        if not context or self._names_a_matter(question):
            return ()
        *earlier, previous = context.splitlines()
        shown = self._faq_for(previous, "\n".join(earlier))
        if shown is None:
            return ()
        cites = shown.entry.cites
        segmenter = self.kb.retriever.segmenter
        words = segmenter.words(question)
        terms = {*words, *segmenter.expansions(question, words)}
        if terms & CONSEQUENCES:

            def penalty(cite: tuple[str, str, str]) -> bool:
                hit = self.kb.article(*cite)
                return hit is not None and any(
                    word in hit.article.heading for word in ("法律责任", "罚则")
                )

            cites = tuple(sorted(cites, key=lambda cite: not penalty(cite)))
        return cites[: self.per_page]

    def shown_faq(self, state: LawQuery) -> FaqMatch | None:
        """The FAQ answer the reply that left `state` showed, if any."""
        return self._faq_for(state.question, state.context) if state.page == 0 else None

    def _faq_for(self, question: str, context: str = "") -> FaqMatch | None:
        """The FAQ answer to show. For a follow-up, the one it matches together with its
        context, unless that is the answer just shown (被狗咬 then 他不承认是他家的狗咋办
        got the identical answer again): then its own close match (对方先动手的呢 after a
        fight: self-defence), if it names a matter, or none, and the articles speak."""
        if not context:
            return self.kb.faq_match(question, self.kinds)
        *earlier, previous = context.splitlines()
        shown = self._faq_for(previous, "\n".join(earlier))
        read = shown.entry.id if shown is not None else None
        together = self.kb.faq_match(_asked(question, context), self.kinds)
        if together is not None and together.entry.id != read:
            return together
        own = self.kb.faq_match(question, self.kinds)
        if (
            own is not None
            and own.entry.id != read
            and own.similarity >= _OWN_MATCH
            and self._names_a_matter(question)
        ):
            return own
        return None

    def _names_a_matter(self, text: str) -> bool:
        """Whether `text` names a matter: an everyday word with legal terms (动手 → 殴打),
        other than what follows (坐牢 → 有期徒刑). 钱还能要回来吗 names none: after 网购被骗了
        怎么办 (answered on fraud) its own match was 钱转错人了能要回来吗, another matter."""
        segmenter = self.kb.retriever.segmenter
        groups = segmenter.expansion_groups(text, segmenter.words(text))
        return not all(_of_any(word, legal) for word, legal in groups)

    # -- formatting -----------------------------------------------------------------------

    def _faq_page(self, faq: FaqMatch, has_more: bool, named: int = 1) -> str:
        """A victim's first reply: the curated answer (what to do first) and the articles it
        rests on by name, with a law's revision noted; their texts follow from 更多."""
        parts = [_faq_text(faq, self.kinds), *self._notes(faq, [], brief=True)]
        if has_more:
            parts.append(full_text_offer(named, tap=True))
        parts.append(DISCLAIMER)
        return "\n\n".join(parts)

    def _page(
        self,
        faq: FaqMatch | None,
        hits: list[Hit],
        first: int,
        page: int,
        has_more: bool,
        budget: int,
        quoted: frozenset[_Key] = frozenset(),
    ) -> str:
        """One page; an article the question `quoted` by number shows from its start."""
        parts: list[str] = []
        if faq is not None:
            parts.append(_faq_text(faq, self.kinds))
        # The articles an answer's 依据 names, in its order, are not listed again under it,
        # with snippets or without: 离婚财产怎么分 had named 第一千零六十二条 and 第一千零
        # 八十七条 in its 依据 and then once more under 相关法条. 全文 N counts along the 依据.
        named = faq is not None and _named_in_basis(faq, hits)
        if hits and not named:
            # Not all of them laws: a guide listed among them is named as one.
            named_as = "相关法条和参考资料" if any(h.law.reference for h in hits) else "相关法条"
            lines = [f"{named_as}{_page_label(first, page)}："]
            for n, hit in enumerate(hits, start=first + 1):
                entry_text = f"{n}. {citation(hit)}"
                if budget:
                    entry_text += "\n" + snippet(
                        hit.article.text,
                        hit.terms,
                        budget,
                        boundaries=self.kb.retriever.segmenter.boundaries,
                        from_start=_key(hit) in quoted,
                        marks=self.limit.marks,
                    )
                lines.append(entry_text)
            parts.append("\n".join(lines))
        if faq is not None or hits:
            parts.extend(self._notes(faq, hits, brief=named))
        if hits:
            # The 依据 counts from 1 on every page; a list, on from the page before.
            start = 1 if named else first + 1
            parts.append(full_text_offer(start + len(hits) - 1, has_more, start, tap=True))
        parts.append(DISCLAIMER)
        return "\n\n".join(parts)

    def _notes(self, faq: FaqMatch | None, hits: list[Hit], brief: bool = False) -> list[str]:
        """One note per cited law a newer text has replaced (the 2012 治安管理处罚法),
        whether the answer cites it or an article listed does; `brief`, the note of a
        revision in one clause, for an answer that must fit one screen."""
        cited = self._cited_hits(faq) if faq is not None else []
        laws = [hit.law for hit in [*cited, *hits]]
        if not brief:
            return self.kb.revision_notes(laws)
        notes: dict[str, str] = {}
        for law in laws:
            note = None if law.repealed_by else self.kb.currency.revised(law, brief=True)
            if law.key not in notes and note is not None:
                notes[law.key] = note
        # A repealed law keeps its whole note: what was cited is no longer the law at all.
        repealed = [law for law in laws if law.key not in notes]
        return [*notes.values(), *self.kb.revision_notes(repealed)]

    def _fit(self, text: str) -> str:
        if self.limit.fits(text):
            return text
        while text and not self.limit.fits(text + "…"):
            text = text[:-1]
        return text + "…"

    def _split(self, text: str, marker: str = "") -> list[str]:
        """Cut a long text into replies within the limit, at line breaks where possible;
        every reply after the first starts with `marker` (（续）)."""
        parts: list[str] = []
        current = ""
        for line in text.split("\n"):
            lead = marker if parts else ""
            candidate = f"{current}\n{line}" if current else lead + line
            if self.limit.fits(candidate):
                current = candidate
                continue
            if current:
                parts.append(current)
            lead = marker
            while not self.limit.fits(lead + line):
                cut = len(line)
                while cut and not self.limit.fits(lead + line[:cut]):
                    cut = cut * 3 // 4
                parts.append(lead + line[:cut] if parts else line[:cut])
                line = line[cut:]
            current = lead + line
        if current:
            parts.append(current)
        return parts


NOTHING_FOUND = (
    "没有找到相关的法律条文。可以换个说法再问，或者直接发送法律名称和条号，"
    "例如「治安管理处罚法第五十七条」。\n" + DISCLAIMER
)


NOTHING_MORE = (
    "没有更多相关条文了。回复「全文 序号」查看上面列出的条文全文，或换个说法再问。\n" + DISCLAIMER
)


NOTHING_DIRECT = (
    "没有找到与这个问题直接相关的法律条文。可以换个说法，写明是什么事、涉及什么人"
    "（如「房东不退押金怎么办」），或直接发送法律名称和条号。\n" + DISCLAIMER
)


NOTHING_DIRECT_ON = (
    "关于这一点，没有找到比上一个问题「{previous}」的回答更直接相关的法律条文。"
    "可以把情况说得具体些再问；需要民警处理的，可以发送「报案」，紧急情况请拨打110。\n" + DISCLAIMER
)


def finds_nothing(reply: Reply) -> bool:
    """Whether `reply` only says that no article answers the question."""
    if not isinstance(reply, Text):
        return False
    previous = NOTHING_DIRECT_ON.split("「", 1)[0]
    said = reply.text  # a follow-up's 「接着上一个问题」 line may come first
    return said.endswith(NOTHING_FOUND) or said == NOTHING_DIRECT or said.startswith(previous)


#: (title, version, number, sub) of an article, as a citation names it.
_Key = tuple[str, str, int | None, int]


def full_text_offer(last: int, has_more: bool = True, first: int = 1, *, tap: bool = False) -> str:
    """How to see articles `first` to `last` whole, and the next page: one wording under
    every answer (a victim's had read 回复「更多」查看以上条文，「全文 1」…看全文, others
    回复「全文 1」…查看依据中条文的全文；回复「更多」看下一页). Short: a victim's answer
    and its report button fit one screen. `tap`: said of the buttons under the answer
    (`_offered`), which a channel without buttons reads as 回复「全文 1」… again."""
    hint = f"{'点' if tap else '回复'}{_full_text_words(first, last)}看条文全文"
    return f"{hint}，「更多」看下一页。" if has_more else f"{hint}。"


#: More 全文 buttons than this under one answer crowd a phone; the words still reach them.
_MOST_FULL_TEXT_BUTTONS = 5


def _offered(text: str, first: int, last: int, has_more: bool) -> Choices:
    """A page with its 全文 N and 更多 as buttons, not only words to type: a resident on a
    phone had to type 「全文 2」 exactly. Channels without buttons number them."""
    shown = range(first, min(last, first + _MOST_FULL_TEXT_BUTTONS - 1) + 1)
    buttons = [Button(f"全文 {n}", f"全文 {n}") for n in shown]
    if has_more:
        buttons.append(Button("更多", "更多"))
    return Choices(text, tuple(buttons))


def is_page(reply: object) -> bool:
    """Whether `reply` is an answer's page with only its 全文 N and 更多 buttons: an offer
    of a feature may still follow it (去哪里报案 → 自助报案)."""
    return isinstance(reply, Choices) and all(
        b.value == "更多" or b.value.startswith("全文 ") for b in reply.buttons
    )


def _full_text_words(first: int, last: int) -> str:
    """「全文 1」, 「全文 1」或「全文 2」, 「全文 1」至「全文 3」: each article listed on a
    page can be shown whole, not only the first (a page of two had offered 「全文 1」)."""
    if last <= first:
        return f"「全文 {first}」"
    joined = "或" if last == first + 1 else "至"
    return f"「全文 {first}」{joined}「全文 {last}」"


def _page_label(first: int, page: int) -> str:
    """Which page a reply is, after the first: a victim's answer (`act_first`) lists its
    articles from the second, which had been headed as if it were the first, and the next
    （续，第3页）, so that no reply said 第2页."""
    if page == 0:
        return ""
    return f"（续，第{page + 1}页）" if first else f"（第{page + 1}页）"


def _key(hit: Hit) -> _Key:
    return (hit.law.title, hit.law.version, hit.article.number, hit.article.sub)


def _statutes_first(hits: list[Hit], page: int) -> list[Hit]:
    """`hits` led by a statute, when one is in the first two pages: the first of them goes
    first, the rest keep their order. 加班不给加班费 had opened on a section of a lawyers'
    guide (`Law.reference`), the 劳动合同法 article it outranks by a hair second; a bare
    guide above the law reads as if it were the law."""
    if not hits or not hits[0].law.reference:
        return hits
    for n, hit in enumerate(hits[: 2 * page]):
        if not hit.law.reference:
            return [hit, *hits[:n], *hits[n + 1 :]]
    return hits


def _chapter(hit: Hit) -> tuple[str, str]:
    return hit.law.title, hit.article.heading


#: The number that opens a heading (十、法律责任, 第十四章租赁合同): no word of its subject,
#: and it would make 法律责任 look narrower than 十、法律责任.
_HEADING_NUMBER = re.compile(f"^(?:[{NUMERAL_CHARS}]+、|第[{NUMERAL_CHARS}]+[编分章节条])")


def _subject_words(words: Callable[[str], list[str]], hit: Hit) -> frozenset[str]:
    """The words of an article's innermost heading, without its number (租赁合同 of
    合同编 … 第十四章 租赁合同, 法律责任 of 十、法律责任)."""
    parts = hit.article.heading.split()
    return frozenset(words(_HEADING_NUMBER.sub("", parts[-1]))) if parts else frozenset()


def _asked(question: str, context: str) -> str:
    """What a follow-up is searched with: the questions it goes on from, then its own."""
    return " ".join([*context.splitlines(), question])


def _going_on(context: str, page: int) -> str:
    """The first line of a follow-up's answer, so that the resident sees which question it
    was read with (and can ask anew when that was wrong)."""
    if not context or page:
        return ""
    return f"（接着上一个问题「{_shortened(context.splitlines()[-1])}」回答）\n"


def _shortened(question: str) -> str:
    # Never cut inside a sum: 被骗了500… had lost what 500 was.
    return brief(question, 14, 13)


def _named_in_basis(faq: FaqMatch, hits: list[Hit]) -> bool:
    """Whether `hits` are the first articles the FAQ answer's 依据 names, in its order."""
    named = [f"《{law}》{label}" for law, label, _ in faq.entry.cites]
    listed = [f"{hit.law.display()}{hit.article.label}" for hit in hits]
    return bool(hits) and listed == named[: len(listed)]


def _faq_text(faq: FaqMatch, kinds: Collection[str] = ()) -> str:
    """The curated answer, with what an owner of its kinds of place can do here (a
    landlord's 发送「登记」) when the asker is one."""
    entry = faq.entry
    answer = entry.answer
    if entry.for_owners and not set(kinds).isdisjoint(entry.kinds):
        answer += entry.for_owners
    return f"{FAQ_HEADING}{entry.questions[0]}\n{answer}\n依据：{entry.basis()}"


def citation(hit: Hit) -> str:
    """《治安管理处罚法》第五十七条（2012-10-26版）; a section of a guide filed beside the
    statutes (`Law.reference`) is named as what it is, with its headings:
    参考资料：劳动仲裁和劳动诉讼的攻略（非法律条文）「加班费的计算 标准工时制」."""
    law = hit.law
    if law.reference:
        version = f"{law.version}版，" if law.version else ""
        section = hit.article.heading or hit.article.label
        return f"参考资料：{law.short}（{version}非法律条文）「{section}」"
    version = f"（{law.version}版）" if law.version else ""
    return f"{law.display()}{hit.article.label}{version}"


#: Words of an article a query word is marked in (`Segmenter.boundaries`).
Boundaries = Callable[[str], Collection[int]]
#: A line break in an article, and the full-width mark before it, if any: after 。 the next
#: paragraph follows on (「赔偿损失。 承租人…」 had a stray space in Chinese text).
_PARAGRAPH_BREAK = re.compile(r"([。；：！？，、）”])?\s*\n\s*")
#: How far a snippet's cut moves back to a word's start or end (…人单位 → …用人单位).
_SNAP = 4


def snippet(
    text: str,
    terms: tuple[str, ...],
    budget: int,
    *,
    boundaries: Boundaries,
    from_start: bool = False,
    marks: tuple[str, str] = ("【", "】"),
) -> str:
    """About `budget` characters of `text` around the first matched term, terms marked 【】
    (or by `marks`, nothing for ("", "")); its paragraphs run on (a space between them
    only where the first ends in no mark: 赔偿损失。承租人…);
    `from_start`, the first `budget` characters (an article the question cited: 民法典第1084
    条 had started at the 人民法院 of its third paragraph). A term is marked only where it
    is a word or a run of words of the text's own segmentation (`boundaries`): 离婚 in
    提起离婚诉讼, never the 民法 of 人民法院. A number is marked only whole, as the index
    matches it: 十万 not inside 五十万元 (nor in the 十万元 left where the cut falls
    between 五 and 十). Each term is marked once (see `_first_marks`). The cuts fall
    between words where one is near."""
    flat = _PARAGRAPH_BREAK.sub(lambda m: m.group(1) or " ", text.strip())
    marked_terms = sorted({t for t in terms if len(t) > 1}, key=len, reverse=True)
    found = [m.span() for term in marked_terms for m in re.finditer(whole(term), flat)]
    cuts = boundaries(flat) if found or len(flat) > budget else set()
    # Leftmost first, the longest there; each term on its own, as the 处罚 of 并处罚金 is
    # no word but its 罚金 is.
    spans: list[tuple[int, int]] = []
    for a, b in sorted(found, key=lambda span: (span[0], -span[1])):
        if a in cuts and b in cuts and (not spans or spans[-1][1] <= a):
            spans.append((a, b))
    start, end = 0, len(flat)
    if len(flat) > budget:
        at = spans[0][0] if spans and not from_start else 0
        start = max(0, min(at - budget // 4, len(flat) - budget))
        start = max((c for c in cuts if start - _SNAP <= c <= start), default=start)
        end = start + budget
        end = max((c for c in cuts if end - _SNAP <= c <= end), default=end)
    out, done = [], start
    for a, b in _first_marks(flat, spans, start, end):
        out += [flat[done:a], f"{marks[0]}{flat[a:b]}{marks[1]}"]
        done = b
    out.append(flat[done:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(flat) else "")


def _first_marks(
    flat: str, spans: list[tuple[int, int]], start: int, end: int
) -> list[tuple[int, int]]:
    """The spans within [`start`, `end`) to mark: each term at its first occurrence there,
    or its next when that one opens the excerpt. 【居住证】持有人在【居住】地连续【居住】的
    had marked every 居住 (a page of brackets), and 【诈骗】公私财物… read as a heading."""
    seen: set[str] = set()
    kept = []
    for a, b in spans:
        term = flat[a:b]
        if a < start or b > end or a == start or term in seen:
            continue
        seen.add(term)
        kept.append((a, b))
    return kept
