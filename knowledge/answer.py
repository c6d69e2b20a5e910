"""Chat replies to a legal question: FAQ first, then articles, one page at a time.

Pure functions of (question, page): the caller keeps the last question and page of each
chat and passes them back (`LawAnswerer.reply` does the bookkeeping for it).  Every reply
fits the channel's limit: WeChat passive replies are about 2048 bytes, Telegram messages
4096 characters.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Literal

from bot.messages import Reply, Text
from knowledge.base import KnowledgeBase
from knowledge.citation import find_citations
from knowledge.excerpt import citation, snippet
from knowledge.faq import CONSEQUENCES, GUESTS, FaqMatch
from knowledge.followups import (
    MORE_WORDS,
    fold,
    full_text_number,
    is_followup,
    same_question,
)
from knowledge.intent import is_legal_question
from knowledge.leaning import OWN_MATCH, WHO_WORDS, FollowUpReading, of_any
from knowledge.numerals import NUMERAL_CHARS
from knowledge.pages import (
    DISCLAIMER,
    NOTHING_DIRECT,
    NOTHING_DIRECT_ON,
    NOTHING_FOUND,
    NOTHING_MORE,
    finds_nothing,
    full_text_offer,
    is_page,
    offered,
    page_label,
)
from knowledge.quoting import brief
from knowledge.retriever import Hit

# The answer's words (`knowledge.pages`), follow-ups (`knowledge.followups`) and
# excerpts (`knowledge.excerpt`) live in modules of their own; named here too, as the
# handlers and the CLI have always imported them.
__all__ = [
    "DISCLAIMER",
    "FAQ_HEADING",
    "NOTHING_DIRECT",
    "NOTHING_FOUND",
    "SCREEN",
    "TELEGRAM",
    "WEB",
    "WECHAT",
    "LawAnswerer",
    "LawQuery",
    "ReplyLimit",
    "citation",
    "finds_nothing",
    "full_text_offer",
    "is_followup",
    "is_legal_question",
    "is_page",
    "snippet",
]

#: What a curated answer starts with, before its first phrasing.
FAQ_HEADING = "【常见问题】"
_SNIPPET_BUDGETS = (160, 120, 90, 60, 40, 25)
#: Characters of a phone screen: a first page with a FAQ answer fits it.
SCREEN = 500


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


#: How many earlier questions a follow-up carries: the topic and the last turn of it.
_CONTEXT_TURNS = 2


class LawAnswerer(FollowUpReading):
    """Formats knowledge-base results as chat replies.

    Args:
        kb: the loaded knowledge base.
        limit: the channel's reply size limit.
        per_page: articles per page; numbering runs on across pages (全文 N uses it).
        max_results: how far `更多` can page.
        about: the words every article and curated answer shown for a question must hold
            one of, if it names any (none: no such limit).
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        limit: ReplyLimit = WECHAT,
        per_page: int = 3,
        max_results: int = 30,
        about: Callable[[str], tuple[str, ...]] = lambda _: (),
    ) -> None:
        self.kb = kb
        self.limit = limit
        self.per_page = per_page
        self.max_results = max_results
        self.about = about
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
        details: bool = False,
    ) -> tuple[list[Reply], LawQuery | None]:
        """Answer a message, given the chat's previous state; returns the new state.

        `更多` pages on, `全文 N` shows article N of the last answer in full, anything else
        is a question: a follow-up of the last one when that was asked `recent`ly and the
        message leans on it (see `leans_on`) or gives the `details` the chat was asked for
        (unless it asks anew: `asks_anew`), else a new one. `after_notice`: the words of
        the message that put an emergency notice before the reply (煤气泄漏); only articles
        that hold another of its words follow it (see `answer`).
        """
        stripped = fold(text)
        if stripped.lower() in MORE_WORDS:
            if last is None:
                return [Text("请先发送您想咨询的法律问题。")], None
            turned = LawQuery(last.question, last.page + 1, last.context)
            return self.answer(last.question, turned.page, last.context), turned
        number = full_text_number(stripped)
        if number is not None:
            if last is None:
                return [Text("请先发送法律问题，再回复「全文 序号」查看条文全文。")], None
            return self.full_text(last.question, number, last.context), last
        if last is not None and recent and same_question(stripped, last.question):
            # Asked again (16岁的学生自己来开房 能让住吗 twice): no follow-up of itself, which
            # had found 没有找到比上一个问题…更直接相关的法律条文, but its answer again.
            turned = LawQuery(last.question, 0, last.context)
            return self.answer(last.question, 0, last.context, screen, after_notice), turned
        told_more = details and not self.asks_anew(stripped)
        if last is not None and recent and (told_more or self.leans_on(stripped, last.question)):
            turns = [*last.context.splitlines(), last.question][-_CONTEXT_TURNS:]
            context = "\n".join(turns)
            replies = self.answer(stripped, 0, context, screen, after_notice)
            return replies, LawQuery(stripped, 0, context)
        return self.answer(stripped, 0, "", screen, after_notice), LawQuery(stripped, 0)

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
                return [offered(text, 1, named, True) if hits else Text(text)]
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
            return offered(text, start, start + len(shown) - 1, has_more) if shown else Text(text)

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
                if word not in leaving_out and word not in WHO_WORDS
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
        if not hits:
            # An answer that cites nothing (无犯罪记录证明) had been told 请回复 1.
            return [Text("上面的回答没有列出条文，没有可看的全文。")]
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
        森林防火条例 through 灭火器材, not 《消防法》第六十条). An entry that cites nothing
        comes alone."""
        faq = self._faq_for(question, context)
        if faq is not None and not faq.entry.cites:
            # A service of the police no article rests on (无犯罪记录证明): the search's
            # articles under it had been the 检察院's rules on sealed juvenile records.
            return faq, []
        first = faq.entry.cites if faq is not None else self._cites_gone_on_from(question, context)
        hits = self.kb.search(_asked(question, context), top, first)
        about = self.about(question)
        return faq, [hit for hit in hits if _holds(hit.article.text, about)]

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
        """The FAQ answer to show, if it speaks of what the question must be answered
        `about`. For a follow-up, the one it matches together with its context, unless
        that is the answer just shown (被狗咬 then 他不承认是他家的狗咋办 got the identical
        answer again): then its own close match (对方先动手的呢 after a fight:
        self-defence), if it names a matter, or none, and the articles speak."""
        found = self._faq_matched(question, context)
        if found is not None and not _holds(found.entry.answer, self.about(question)):
            return None
        return found

    def _faq_matched(self, question: str, context: str = "") -> FaqMatch | None:
        """The FAQ answer `question` matches (see `_faq_for`)."""
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
            and own.similarity >= OWN_MATCH
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
        return not all(of_any(word, legal) for word, legal in groups)

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
            lines = [f"{named_as}{page_label(first, page)}："]
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


#: (title, version, number, sub) of an article, as a citation names it.
_Key = tuple[str, str, int | None, int]


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
    basis = f"\n依据：{entry.basis()}" if entry.cites else ""
    return f"{FAQ_HEADING}{entry.questions[0]}\n{answer}{basis}"


def _holds(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `words`, if there are any."""
    return not words or any(word in text for word in words)
