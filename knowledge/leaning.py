"""Whether a message goes on from the chat's last legal question (那要是外国人呢, 怎么罚,
能起诉吗) or asks anew (旅馆消防要注意什么): the part of `knowledge.answer.LawAnswerer` that
reads a message against the question before it."""

from __future__ import annotations

import re
from collections.abc import Collection

from knowledge.base import KnowledgeBase
from knowledge.citation import find_citations
from knowledge.faq import CONSEQUENCES, WRITTEN_FOR, FaqMatch
from knowledge.followups import MARKS, fold
from knowledge.intent import asks, legal_words

#: How a message that goes on from the last question starts (那要是…, 对方先动手的呢, 他不承认
#: 是他家的狗咋办): it leans on that question for its subject. Not 这 with a measure word
#: before a thing (这辆车天天停在消防通道, 这家店…): that names a subject of its own, and a
#: photo's caption so worded had been read with a question on unpaid wages.
_LEANING = re.compile(
    r"^(那|如果|要是|假如|万一|可是|但是|还有|对方|他|她|它|这(?![辆家条只台栋间位张块部座户片批]))"
)
#: A message this short with no answer written for it (过了三年还能告吗, 钱还能要回来吗) has
#: no subject of its own; 老板拖欠工资怎么办 is as short, but a question of its own.
_SHORT = 10
#: Words of a message's own that say nothing of its matter: who (对方 in 如果对方不同意呢)
#: or what it asks of the matter (注意, 处理), not what the matter is.
_NO_TOPIC = frozenset({"对方", "他们", "她们", "别人", "人家", "自己", "我们", "你们"})
#: Words that say who, not what happened (有人跳楼了, 有个人要跳楼): under an emergency
#: notice they show no article speaks to the message.
WHO_WORDS = _NO_TOPIC | {"有人", "个人", "某人", "一个", "有个", "那个", "这个"}
#: The people an owner asks about in almost every question (客人, 租客): shared alone they
#: tie no two matters. 客人喝醉了在大堂闹事 had been read with 能不能用身份证照片给客人登记,
#: 租客在屋里养了好几只狗邻居投诉 with 租客跑了留下一堆东西怎么处理 (and got rent articles).
_EVERY_QUESTIONS_PEOPLE = frozenset(
    {"客人", "旅客", "住客", "顾客", "租客", "房客", "租户", "房东"}
)
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


def of_any(word: str, legal: Collection[str]) -> bool:
    """Whether an everyday word with its legal terms asks what follows from any matter, or
    how to pursue it, rather than naming one: 坐牢 (有期徒刑), 起诉 and 告他 (起诉, 诉讼),
    赔钱 (赔偿). Not 被骗 (诈骗) or 欠钱 (借款)."""
    return word in _OF_ANY or not _OF_ANY.isdisjoint(legal) or not set(legal) - CONSEQUENCES


#: A follow-up's own FAQ match is shown (instead of the answer already read) from this
#: similarity: 对方先动手的呢 matches 被打了还手算正当防卫吗 at 0.62, 打人的孩子才13岁…
#: only the generic 打架了会怎么处理 at 0.55.
OWN_MATCH = 0.6


class FollowUpReading:
    """How `LawAnswerer` reads a message against the question before it, with the
    knowledge base and the asker's kinds of place (an owner's) it answers with."""

    kb: KnowledgeBase
    kinds: frozenset[str]

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
        if self._names_article(text):
            # An article named by number (民法典第1084条 after 民法典1079, which had listed
            # 1079 first) is a question of its own.
            return False
        short = len(MARKS.sub("", text)) <= _SHORT
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
        shared = set(words) & set(segmenter.words(previous)) - _EVERY_QUESTIONS_PEOPLE
        return any(len(word) > 1 and not word.isdigit() for word in shared)

    def asks_anew(self, text: str) -> bool:
        """Whether `text` is a question of its own after any question: it names an article
        by number, or an answer was written for it word for word (老板拖欠工资怎么办). What
        else a chat asked for the details of its question says tells more of that question
        (`LawAnswerer.reply`)."""
        if self._names_article(text):
            return True
        own = self.kb.faq_match(text, self.kinds)
        return own is not None and own.similarity >= WRITTEN_FOR

    def _names_article(self, text: str) -> bool:
        return bool(find_citations(text, self.kb.retriever.titles))

    def _for_own_place(self, own: FaqMatch) -> bool:
        """Whether `own` answers, closely enough to be shown, a question written for the
        asker's kind of place (`kinds`)."""
        return own.similarity >= OWN_MATCH and not self.kinds.isdisjoint(own.entry.kinds)

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
        return all(of_any(word, legal) for word, legal in groups)

    def _same_entry(self, found: FaqMatch, previous: str) -> bool:
        """Whether the question `previous` matches the FAQ entry `found` too."""
        before = self.kb.faq_match(previous, self.kinds)
        return before is not None and before.entry.id == found.entry.id

    def elliptical(self, text: str) -> bool:
        """Whether `text` is a short question that only makes sense after another: it starts
        like a follow-up (那要多久, 那房东呢) or asks of a matter it does not name (怎么罚,
        会坐牢吗). Too short to be taken for a legal question alone, it is one only there."""
        said = MARKS.sub("", fold(text))
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
