"""Chat replies to a legal question: FAQ first, then articles, one page at a time.

Pure functions of (question, page): the caller keeps the last question and page of each
chat and passes them back (`LawAnswerer.reply` does the bookkeeping for it).  Every reply
fits the channel's limit: WeChat passive replies are about 2048 bytes, Telegram messages
4096 characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from bot.messages import Reply, Text
from bot.validators.numerals import arabize
from knowledge.base import KnowledgeBase
from knowledge.faq import FaqMatch
from knowledge.intent import is_legal_question
from knowledge.retriever import Hit

__all__ = [
    "DISCLAIMER",
    "TELEGRAM",
    "WECHAT",
    "LawAnswerer",
    "LawQuery",
    "ReplyLimit",
    "is_followup",
    "is_legal_question",
]

DISCLAIMER = "仅供参考，具体以法律规定和公安机关认定为准。"
#: 然后呢 and 还有呢 are how the next page is asked for in chat.
MORE_WORDS = frozenset({"更多", "下一页", "下页", "继续", "more", "然后呢", "还有呢"})
_FULL = re.compile(r"^\s*全文\s*第?\s*([0-9]{1,3})\s*条?\s*$")
_SNIPPET_BUDGETS = (160, 120, 90, 60, 40, 25)
#: Characters of a phone screen: a first page with a FAQ answer fits it.
SCREEN = 500


def is_followup(text: str) -> bool:
    """`更多` or `全文 N`: a message that continues the chat's last legal question."""
    stripped = _fold(text)
    return stripped.lower() in MORE_WORDS or _full_text_number(stripped) is not None


def _fold(text: str) -> str:
    """全文 ３ from a Chinese keyboard reads as 全文 3."""
    return unicodedata.normalize("NFKC", text).strip()


def _full_text_number(text: str) -> int | None:
    """N of 全文 N, also written 全文 三 or 全文 第3条."""
    found = _FULL.match(arabize(text))
    return int(found.group(1)) if found else None


@dataclass(frozen=True, slots=True)
class ReplyLimit:
    """Largest reply a channel takes, in UTF-8 bytes or in characters."""

    size: int
    unit: Literal["bytes", "chars"] = "chars"

    def measure(self, text: str) -> int:
        return len(text.encode("utf-8")) if self.unit == "bytes" else len(text)

    def fits(self, text: str) -> bool:
        return self.measure(text) <= self.size


WECHAT = ReplyLimit(2048, "bytes")
TELEGRAM = ReplyLimit(4096, "chars")


@dataclass(frozen=True, slots=True)
class LawQuery:
    """What a chat must remember between messages: the last question and its page."""

    question: str
    page: int = 0


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

    def reply(self, text: str, last: LawQuery | None = None) -> tuple[list[Reply], LawQuery | None]:
        """Answer a message, given the chat's previous state; returns the new state.

        `更多` pages on, `全文 N` shows article N of the last answer in full, anything else
        is a new question.
        """
        stripped = _fold(text)
        if stripped.lower() in MORE_WORDS:
            if last is None:
                return [Text("请先发送您想咨询的法律问题。")], None
            return self.answer(last.question, last.page + 1), LawQuery(last.question, last.page + 1)
        number = _full_text_number(stripped)
        if number is not None:
            if last is None:
                return [Text("请先发送法律问题，再回复「全文 序号」查看条文全文。")], None
            return self.full_text(last.question, number), last
        return self.answer(stripped), LawQuery(stripped, 0)

    def answer(self, question: str, page: int = 0) -> list[Reply]:
        """Page `page` (0-based) of the answer to `question`. Under a FAQ answer the first
        page lists only the articles the answer cites: a lexical guess beside a curated
        answer was often beside the point (a finance-lease article under 押金). The search's
        own articles follow from 更多 on, numbered on, as far as they share a word with the
        question. An answer for a victim (`act_first`) names its articles on the first page
        and shows them from 更多 on: what to do comes first, on one phone screen. A first
        page with a FAQ answer fits one screen (`SCREEN`): its article snippets shrink, to
        the articles' names if need be."""
        faq, hits = self._results(question, self.max_results)
        if not self._direct(question, faq, hits):
            # Nothing was listed, so 更多 has nothing to go on to either.
            return [Text(self._fit(NOTHING_DIRECT))]
        cited = self._cited_lead(faq, hits)
        hits = self._listed(question, faq, hits, cited)
        reply_page = page
        if faq is not None and faq.entry.act_first:
            if page == 0:
                return [Text(self._fit(self._faq_page(faq, has_more=bool(hits))))]
            faq, page = None, page - 1
        if cited:  # the FAQ's articles make page one; the search's pages follow
            first = 0 if page == 0 else cited + (page - 1) * self.per_page
        else:
            first = page * self.per_page
        count = cited if cited and page == 0 else self.per_page
        if page > 0:
            faq = None  # shown on the first page only
        shown = hits[first : first + count]
        if not shown and faq is None:
            if page == 0:
                return [Text(self._fit(NOTHING_FOUND))]
            return [Text(self._fit(NOTHING_MORE))]
        has_more = len(hits) > first + count and first + count < self.max_results
        screen = faq is not None  # a curated answer with its articles: one phone screen
        for budget in (*_SNIPPET_BUDGETS, 0) if screen else _SNIPPET_BUDGETS:
            text = self._page(faq, shown, first, reply_page, has_more, budget)
            if self.limit.fits(text) and (not screen or len(text) <= SCREEN):
                return [Text(text)]
        return [Text(self._fit(self._page(faq, shown, first, reply_page, has_more, 0)))]

    def _direct(self, question: str, faq: FaqMatch | None, hits: list[Hit]) -> bool:
        """Whether the answer has anything to show: a FAQ answer, nothing at all (said so),
        or a top article with a word of the question (see `KnowledgeBase.touches`)."""
        if faq is not None or not hits:
            return True
        return hits[0].cited or self.kb.touches(question, hits[0])

    def _listed(
        self, question: str, faq: FaqMatch | None, hits: list[Hit], cited: int
    ) -> list[Hit]:
        """The articles as the chat numbers them: those of the first page as ranked, then
        only those that share a word with the question or a chapter with an article the
        FAQ answer cites. 房东不退押金怎么办 had paged on to finance leases (融资租赁),
        which share with it only 出租人 and 租赁, words its 房东 was expanded to; the
        other rules on a found wallet (捡到钱包) share none of its words, but the chapter
        of the answer's 拾得遗失物."""
        if faq is not None and faq.entry.act_first:
            kept = 0  # the first page shows none of them
        elif faq is not None:
            kept = cited or self.per_page
        else:
            kept = self.per_page
        chapters = {(hit.law.title, hit.article.heading) for hit in hits if hit.cited}
        touches = self.kb.toucher(question)
        return hits[:kept] + [
            hit
            for hit in hits[kept:]
            if hit.cited or (hit.law.title, hit.article.heading) in chapters or touches(hit)
        ]

    def _cited_lead(self, faq: FaqMatch | None, hits: list[Hit]) -> int:
        """How many leading hits are the FAQ answer's cited articles (0 without a FAQ)."""
        if faq is None:
            return 0
        lead = 0
        for hit in hits[: self.per_page]:
            if not hit.cited:
                break
            lead += 1
        return lead

    def full_text(self, question: str, number: int) -> list[Reply]:
        """Article `number` (1-based, as listed in the answer) in full, split to fit."""
        if number < 1 or number > self.max_results:
            return [Text(f"序号应在 1 到 {self.max_results} 之间。")]
        faq, hits = self._results(question, self.max_results)
        if not self._direct(question, faq, hits):
            return [Text(self._fit(NOTHING_DIRECT))]
        hits = self._listed(question, faq, hits, self._cited_lead(faq, hits))
        if len(hits) < number:
            return [Text(f"没有第 {number} 条结果，请回复列表中的序号。")]
        hit = hits[number - 1]
        header = f"{citation(hit)}\n{hit.article.heading}".rstrip()
        notes = "".join(f"\n\n{note}" for note in self.kb.revision_notes([hit.law]))
        body = f"{header}\n\n{hit.article.text}{notes}\n\n{DISCLAIMER}"
        return [Text(part) for part in self._split(body)]

    def _results(self, question: str, top: int) -> tuple[FaqMatch | None, list[Hit]]:
        """The FAQ entry the question matches, and the articles: the entry's first cited
        articles (a curated answer's basis beats a lexical guess), then the search's. Only
        the first few: the FAQ names all of them, and the search still gets the first page."""
        faq = self.kb.faq_match(question)
        first = faq.entry.cites[: self.per_page] if faq else ()
        return faq, self.kb.search(question, top, first)

    # -- formatting -----------------------------------------------------------------------

    def _faq_page(self, faq: FaqMatch, has_more: bool) -> str:
        """A victim's first reply: the curated answer (what to do first) and the articles it
        rests on by name; their texts and revision notes follow from 更多."""
        parts = [_faq_text(faq)]
        if has_more:
            parts.append("回复「更多」查看以上条文，回复「全文 1」查看第1条全文。")
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
    ) -> str:
        parts: list[str] = []
        if faq is not None:
            parts.append(_faq_text(faq))
        if hits:
            lines = ["相关法条：" if first == 0 else f"相关法条（续，第{page + 1}页）："]
            for n, hit in enumerate(hits, start=first + 1):
                entry_text = f"{n}. {citation(hit)}"
                if budget:
                    entry_text += "\n" + snippet(hit.article.text, hit.terms, budget)
                lines.append(entry_text)
            parts.append("\n".join(lines))
            parts.extend(self.kb.revision_notes([hit.law for hit in hits]))
            hint = f"回复「全文 {first + 1}」查看第{first + 1}条全文"
            parts.append(f"{hint}；回复「更多」看下一页。" if has_more else f"{hint}。")
        parts.append(DISCLAIMER)
        return "\n\n".join(parts)

    def _fit(self, text: str) -> str:
        if self.limit.fits(text):
            return text
        while text and not self.limit.fits(text + "…"):
            text = text[:-1]
        return text + "…"

    def _split(self, text: str) -> list[str]:
        """Cut a long text into replies within the limit, at line breaks where possible."""
        parts: list[str] = []
        current = ""
        for line in text.split("\n"):
            candidate = f"{current}\n{line}" if current else line
            if self.limit.fits(candidate):
                current = candidate
                continue
            if current:
                parts.append(current)
            while not self.limit.fits(line):
                cut = len(line)
                while cut and not self.limit.fits(line[:cut]):
                    cut = cut * 3 // 4
                parts.append(line[:cut])
                line = line[cut:]
            current = line
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


def _faq_text(faq: FaqMatch) -> str:
    entry = faq.entry
    return f"【常见问题】{entry.questions[0]}\n{entry.answer}\n依据：{entry.basis()}"


def citation(hit: Hit) -> str:
    """《治安管理处罚法》第五十七条（2012-10-26版）."""
    version = f"（{hit.law.version}版）" if hit.law.version else ""
    return f"{hit.law.display()}{hit.article.label}{version}"


def snippet(text: str, terms: tuple[str, ...], budget: int) -> str:
    """About `budget` characters of `text` around the first matched term, terms marked 【】."""
    flat = re.sub(r"\s*\n\s*", " ", text).strip()
    marked_terms = sorted({t for t in terms if len(t) > 1}, key=len, reverse=True)
    if len(flat) > budget:
        positions = [flat.find(t) for t in marked_terms if t in flat]
        at = min(positions) if positions else 0
        start = max(0, min(at - budget // 4, len(flat) - budget))
        flat = ("…" if start else "") + flat[start : start + budget] + "…"
    if not marked_terms:
        return flat
    pattern = re.compile("|".join(re.escape(t) for t in marked_terms))
    return pattern.sub(lambda m: f"【{m.group(0)}】", flat)
