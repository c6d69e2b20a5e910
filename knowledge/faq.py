"""Curated questions and answers (knowledge/data/faq.toml), matched before the statutes.

A question matches an entry when its words, weighted by how rare they are in the statutes,
overlap enough with one of the entry's phrasings (weighted Dice coefficient over words
plus the legal terms of the colloquial vocabulary, so 房东不退押金 meets 押金不退怎么办).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.intent import WHAT_FOLLOWS_TERMS
from knowledge.numerals import NUMERAL_CHARS, parse_numeral, to_chinese
from knowledge.segment import Segmenter
from knowledge.vocabulary import DATA_DIR, SPOUSES

FAQ_FILE = "faq.toml"
#: How many words' known parts `FaqIndex` remembers.
_PARTS_KEPT = 4096
CLOSE_MATCH = 0.5  # below this the FAQ stays silent and only articles are shown
#: A message the FAQ was written for, nearly word for word (被人拉进赌博群了).
WRITTEN_FOR = 0.9
#: Words that ask what follows (要坐牢吗, 犯法吗) and the legal terms they stand for, as
#: `knowledge.intent` keeps them for the tip and report offers too. Shared alone they say
#: nothing of what happened: 传销要判刑吗 and 要坐牢吗 got the entry on theft through
#: 偷东西要判刑吗 and 偷多少钱会坐牢, and 抢劫罪判几年 the entry on fraud through 诈骗罪判几年.
CONSEQUENCES = WHAT_FOLLOWS_TERMS


#: 被人骗了两万块 told as the phrasings put it (被骗了钱): jieba cuts 被人骗 into 人 and 骗, so
#: that 被骗 was not shared, and a sum (两万, 800块), unknown to the statutes, weighed as the
#: rarest word of all; it had matched no answer.
_AGENT = re.compile(r"被(?:人|他|她|别人|人家|对方|骗子)(?=[骗偷抢打])")
#: 你好，我想问下办居住证要带什么 told as the phrasings put it (办居住证要带什么): the
#: greeting and 我想问下, which the statutes never use, weighed as the rarest words of all;
#: it had matched no answer.
_PREFACE = re.compile(
    r"^(?:你好|您好|警官|民警)?[\s，,。！!]*(?:(?:我们|我)?(?:想|要)?(?:请问一下|请问|问一下|问下"
    r"|问问|咨询一下|咨询下|请教一下|请教))?[\s，,：:]*"
)
_SUM = re.compile(r"(?:[0-9]+|[一两二三四五六七八九十百千]+万?)多?(?:块钱|块|元钱|元|万)")
#: Words for a former spouse. Like `SPOUSES` the statutes never use them, and beside their
#: legal terms (离婚, 配偶) they weighed as the rarest words of all: 前夫不同意离婚怎么办 had
#: got a spouse's debts (离婚后前夫欠的债找我要) through 前夫 alone. Unlike a spouse they are
#: no mere who (`FaqIndex.places`): their 离婚 is often the matter.
FORMER_SPOUSES = frozenset({"前夫", "前妻"})
#: The Latin letters of a word and the rest of it, each a word of its own: jieba keeps
#: QQ号 whole, a word the statutes never use that matched no phrasing (QQ被盗号了 has QQ
#: and 号), and QQ号被盗了怎么办 had got no answer.
_LATIN = re.compile(r"[A-Za-z]+|[^A-Za-z]+")

#: Words jieba's dictionary lacks and cuts into a word and a character the statutes rarely
#: use alone, read as the word the phrasings use: 负责任 was cut 负责 and 任, and 任 weighed
#: three times 负责 (上网的顾客在包间里吸烟，网吧老板要不要负责任 could miss the entry that
#: 要不要负责 finds).
_CUT_ACROSS = {"负责任": "负责"}
_CUT_ACROSS_WORDS = re.compile("|".join(_CUT_ACROSS))
#: Stop-word characters that, glued to a word, are what is asked (没带, 不养, 不修): a word
#: holding one keeps its own weight (see `FaqIndex._weigh`).
_NEGATIONS = frozenset("没不")

#: The words that name each kind of place (`storage.models.VenueKind` values) in a question.
#: An owner's question that names none is about their own place: a net café owner's
#: 顾客不带身份证能不能上网 had got the hair salon's 美发店要登记顾客身份证吗 (no duty to
#: register), the opposite of a net café's; the first word is the one read into it.
TRADES: dict[str, tuple[str, ...]] = {
    "hotel": ("旅馆", "宾馆", "酒店", "旅店", "招待所", "住店"),
    "homestay": ("民宿",),
    "small_hotel": ("旅馆", "宾馆", "旅店", "招待所"),
    "rental": ("出租屋", "出租房", "房东", "租客", "房客"),
    "shop": ("小卖部", "超市", "便利店", "商店"),
    "restaurant": ("饭店", "餐馆", "饭馆", "餐厅"),
    "entertainment": ("KTV", "歌厅", "酒吧", "娱乐场所", "游戏厅"),
    "internet_cafe": ("网吧", "网咖"),
    "beauty_bath": ("美发店", "理发店", "美容店", "洗浴", "足浴"),
    "school": ("学校", "幼儿园", "培训班"),
    "clinic": ("诊所", "医院"),
    "workshop": ("工厂", "作坊", "加工厂"),
}

#: The `TRADES` words that name people, not places (房东 不退押金 is a matter of its own).
_PEOPLE = frozenset({"房东", "租客", "房客", "住店"})

#: Words that say where or who, not what happened, besides the kinds of place: shared alone
#: (with their legal terms: 小区 as 建筑区划, 业主) they make no match. 小区门口有人在卖假烟
#: had got the fireworks answer through 小区里有人放鞭炮, sharing only 小区 and 有人, and
#: 小区里有人在卖假货 through 小区, 里 and 有人.
SETTINGS = (
    "小区",
    "里",
    "门口",
    "家门口",
    "楼下",
    "附近",
    "路边",
    "街上",
    "有人",
    "有个人",
    "别人",
    "外面",
)
#: Words that say when, not what happened: shared alone, with a place, they make no match
#: either. A net-café owner's 邻居家天天半夜吵架, read as 网吧邻居家天天半夜吵架, had got
#: 网吧半夜还能开门吗 (the opening hours) through 网吧 and 半夜 alone.
TIMES = ("半夜", "深夜", "夜里", "晚上", "凌晨", "早上", "白天", "天天", "每天", "整天")

#: Words that say whom the matter concerns or where to turn (去 of 去派出所), not what it
#: is: shared alone, with a place, they make no match either. A hotel owner's
#: 那客人要不要去派出所报案 (a guest cheated by a phone call) had got the entry on reporting
#: foreign guests (外国客人住店要报告派出所吗) through 旅馆 read in, 客人 and 派出所 alone,
#: and then the licences (开宾馆要去派出所审批吗) through 去 and 派出所.
PARTIES = ("客人", "顾客", "派出所", "去")
#: The `PARTIES` that name the people a place serves.
GUESTS = ("客人", "顾客")

#: An age told (十五岁, 15岁, 14周岁). Under eighteen it is read as the statutes put it,
#: `MINOR_AGE`: 十五 is a common word of theirs (十五日) and weighed little, and 15 never
#: met 十四 or 14, so 十五岁把人打伤了要坐牢吗 had got self-defence (为了保护自己打伤了人)
#: through 打伤, not the age of criminal responsibility, which the age decides.
_AGE = re.compile(f"([{NUMERAL_CHARS}]+)周?岁")
ADULT_AGE = 18
MINOR_AGE = "未成年人 周岁"
#: Words for a child, who, like an age (`MINOR_AGE`), say whom a matter concerns: shared
#: alone they make no match either. 十六岁的孩子来酒吧能让进吗 would get the custody of
#: 孩子8岁了离婚能自己选跟谁吗 through the child and the age alone, and
#: 我儿子15岁把人打伤了 a bullied child's 儿子在学校被同学打伤了.
CHILDREN = ("孩子", "小孩", "儿子", "女儿")

#: The `TRADES` words that name the place itself, by kind: what else reads which kind of
#: place a text means (`handlers.tips.own_venue`).
PLACE_WORDS: dict[str, tuple[str, ...]] = {
    kind: tuple(w for w in words if w not in _PEOPLE) for kind, words in TRADES.items()
}


@dataclass(frozen=True, slots=True)
class FaqEntry:
    id: str
    audience: str
    questions: tuple[str, ...]
    answer: str
    # (law name, 第X条, version date): an answer written against one text of a law cites that
    # text ("" for the newest), so that a revision's renumbering does not change its basis.
    cites: tuple[tuple[str, str, str], ...]
    #: About something happening to the asker (theft, fraud, a fight): the answer leads with
    #: what to do now, and its articles wait for 更多 (a victim reads a phone screen, not
    #: statutes).
    act_first: bool = False
    #: The kinds of place (`TRADES` keys) the entry is written for; () for anyone. An owner
    #: of another kind gets it only when the question names its kind (see `FaqIndex.match`).
    kinds: tuple[str, ...] = ()
    #: What an owner of one of `kinds` can do about it here (发送「登记」), told to them only.
    for_owners: str = ""
    #: The self-service report (its template's label) the answer offers with a button
    #: whatever the words of the question: 被人骗了500块钱 had got none, 被骗了 had.
    report: str = ""

    def basis(self) -> str:
        """《民法典》第七百三十三条、《治安管理处罚法》第五十六条（2012-10-26版）."""
        return "、".join(
            f"《{law}》{article}" + (f"（{version}版）" if version else "")
            for law, article, version in self.cites
        )


@dataclass(frozen=True, slots=True)
class FaqMatch:
    entry: FaqEntry
    similarity: float


def load_faq(*extra_dirs: Path) -> list[FaqEntry]:
    """The packaged FAQ, then each folder's faq.toml (same id replaces the packaged one)."""
    entries: dict[str, FaqEntry] = {}
    for folder in (DATA_DIR, *extra_dirs):
        path = folder / FAQ_FILE
        if path.is_file():
            for entry in parse_faq(path.read_text("utf-8")):
                entries[entry.id] = entry
    return list(entries.values())


def parse_faq(text: str) -> list[FaqEntry]:
    data = tomllib.loads(text)
    out = []
    for raw in data.get("faq", []):
        cites = tuple(_cite(raw["id"], cite) for cite in raw.get("cites", []))
        out.append(
            FaqEntry(
                id=str(raw["id"]),
                audience=str(raw.get("audience", "")),
                questions=tuple(str(q) for q in raw["questions"]),
                answer=str(raw["answer"]).strip(),
                cites=cites,
                act_first=bool(raw.get("act_first", False)),
                kinds=tuple(_kind(raw["id"], kind) for kind in raw.get("kinds", [])),
                for_owners=str(raw.get("for_owners", "")).strip(),
                report=str(raw.get("report", "")).strip(),
            )
        )
    return out


def _kind(entry: object, kind: object) -> str:
    if kind not in TRADES:
        raise ValueError(f"FAQ entry {entry!r}: unknown kind {kind!r}; one of {', '.join(TRADES)}")
    return str(kind)


def _cite(entry: object, cite: object) -> tuple[str, str, str]:
    if not isinstance(cite, list) or len(cite) not in (2, 3):
        raise ValueError(
            f"FAQ entry {entry!r}: a citation is [law, article] or [law, article, version date]"
        )
    law, article, *version = (str(part).strip() for part in cite)
    return law, article, version[0] if version else ""


#: A word the statutes use in three articles or fewer, and in fewer than one in 400
#: (`SMALL_SHARE`), weighs within log 7 of a word in none (BM25's IDF). Such a word is rare
#: there because they word it otherwise (房子 for 房屋, 别人 for 他人), not because it tells
#: much, and it had weighed as the most telling word of a question however many entries'
#: phrasings use it: 个体户营业执照能转给别人吗 got 客人能把床位转给别人住吗 through 转给
#: and 别人 (别人 is in a sixth of the entries). It weighs less by `EVERYDAY_DISCOUNT`
#: times the share of the entries using it; a word the statutes use more often keeps its
#: weight (登记, in an eighth of the entries, is what a question is about).
BARELY_USED = math.log(7)
#: The IDF of a word in one article in 400: three articles are as many in a corpus of a
#: few laws (a test's), where 报案 had then weighed as an everyday word.
SMALL_SHARE = 6.0
EVERYDAY_DISCOUNT = 0.75


class FaqIndex:
    """Finds the entry closest to a question.

    Args:
        entries: the FAQ.
        segmenter: the knowledge base's segmenter.
        weight: how much a word counts (its IDF over the statutes).
        known: whether the statutes use a word at all.
        rarest: the weight of a word the statutes never use (see `BARELY_USED`).
    """

    def __init__(
        self,
        entries: Sequence[FaqEntry],
        segmenter: Segmenter,
        weight: Callable[[str], float],
        threshold: float = CLOSE_MATCH,
        known: Callable[[str], bool] = lambda _: True,
        read: Mapping[str, Sequence[str]] | None = None,
        rarest: float = math.inf,
    ) -> None:
        self.entries = list(entries)
        # What a word the statutes barely use weighs from (`BARELY_USED`).
        self._barely_used = max(rarest - BARELY_USED, SMALL_SHARE)
        self._segmenter = segmenter
        self._weight = weight
        self._known = known
        self._threshold = threshold
        # The phrasings share most of their unknown compounds (737 words in 2,071 look-ups
        # with the shipped FAQ): each is cut once, not at every phrasing, at every start.
        self._parts: dict[str, list[str]] = {}
        self._given = read or {}
        #: The terms of each text read here, and how many were not `read` before.
        self.read: dict[str, list[str]] = {}
        self.fresh = 0
        terms_of = [
            (entry, self._known_terms(q)) for entry in self.entries for q in entry.questions
        ]
        #: How many entries' phrasings use each term (see `_weigh`).
        self._spread = Counter(
            term
            for entry in self.entries
            for term in {t for q in entry.questions for t in self.read[q]}
        )
        self._phrasings = [(entry, {t: self._weigh(t) for t in terms}) for entry, terms in terms_of]
        #: The words for a place and their legal terms (出租房: 租赁, 房屋租赁). Shared alone
        #: they say where, not what: 出租房消防 had got the group rental's 出租房打隔断
        #: (旅馆…怎么罚 shares 罚 too, the matter of 旅馆不登记要罚多少钱). The `SETTINGS`
        #: (小区, 有人), the `SPOUSES` and the people of a rental (`_PEOPLE`) likewise:
        #: 老公在外面赌博被抓了 had got 老公在外面和别人同居 (adultery) through 老公 and 外面
        #: alone, and a landlord's 租客偷了我的电视 the registration of tenants through 租客.
        #: The `CHILDREN` and an age too.
        self._places = frozenset(
            term
            for words in TRADES.values()
            for word in words
            if word not in _PEOPLE
            for term in self._known_bag(word)
        ) | frozenset(
            term
            for word in (*SETTINGS, *TIMES, *PARTIES, *SPOUSES, *_PEOPLE, *CHILDREN, MINOR_AGE)
            for term in self._known_bag(word)
        )

    def phrasing_bags(self) -> list[tuple[FaqEntry, dict[str, float]]]:
        """Each phrasing's entry and weighted terms, as a question is compared with them."""
        return list(self._phrasings)

    def bag(self, text: str) -> dict[str, float]:
        """The weighted terms of `text`, as compared with the phrasings'."""
        return self._bag(text)

    @property
    def places(self) -> frozenset[str]:
        """Terms that say only where, who or when (see `_matches`)."""
        return self._places

    def match(self, question: str, kinds: Collection[str] = ()) -> FaqMatch | None:
        """The entry of the phrasing closest to `question`, as typed or as the phrasings
        put it (被人骗了两万块 as 被骗了钱), whichever is closer.

        `kinds` are the asker's kinds of place (an owner's; none for a resident). Entries
        written for another kind are left out unless the question names it, and a question
        that names no kind is also read as about the asker's own place: a net café owner's
        来了个17岁的能让他上网吗 as 网吧来了个17岁的…, which had got the entry on hiring
        minors (招16岁的工人可以吗). A question that names a kind is about that kind,
        whoever asks: a resident's 网吧门口要挂未成年人禁入的牌子吗 had got the KTV's."""
        named = {kind for kind, words in TRADES.items() if any(w in question for w in words)}
        allowed = frozenset({*kinds, *named}) if kinds or named else None
        readings = [question]
        if kinds and not named:
            readings += [TRADES[kind][0] + question for kind in kinds if kind in TRADES]
        found: FaqMatch | None = None
        own: FaqMatch | None = None  # an entry for the asker's kind, read into the question
        for reading in readings:
            plain = _SUM.sub("钱", _AGENT.sub("被", _PREFACE.sub("", reading, count=1)))
            for text in dict.fromkeys((reading, plain)):
                # The kind's own entry, even where a general one is closer to the reading:
                # a net café owner's 晚上有人大声唱歌 read as 网吧晚上有人… is still nearer
                # the neighbours' 邻居晚上大声唱歌 than the customers' singing.
                other, mine = self._closest(
                    text, allowed, frozenset(kinds) if reading != question else frozenset()
                )
                if other is not None and (found is None or other.similarity > found.similarity):
                    found = other
                if mine is not None and (own is None or mine.similarity > own.similarity):
                    own = mine
        # A hotel owner's 有人吸毒怎么办 is about their hotel (旅馆里发现赌博吸毒怎么办), not
        # what happens to a user (吸毒会坐牢吗, closer as typed), unless it was written for,
        # or the kind's entry is close only through the kind's word read in (旅馆 of
        # 旅馆消防要注意什么 brings 开旅馆每天要注意哪些事 near). Written for as closely as
        # the general one, the kind's own wins: a homestay owner's 消防要注意什么 is
        # 民宿消防要注意什么, not everyone's 消防要注意什么.
        if (
            own is not None
            and (
                found is None
                or found.similarity < WRITTEN_FOR
                or own.similarity >= found.similarity
            )
            and self._close_to(question, own.entry)
        ):
            return own
        return found

    def things_told(self, text: str, entry: FaqEntry) -> int:
        """How many things of `text` (a word, with the legal terms of it) the closest of
        `entry`'s phrasings shares with it, besides where, who and when (`places`): a
        statement that shares only what it is about (我收到快递了 with 快递被人冒领, through
        快递 and 寄递) tells of no trouble the answer is for; 转帐转错人了 shares 转账 and
        转错. Read as `match` reads it too (被人骗了两万块 as 被骗了钱)."""
        plain = _SUM.sub("钱", _AGENT.sub("被", _PREFACE.sub("", text, count=1)))
        most = 0
        for reading in dict.fromkeys((text, plain)):
            roots = self._roots(reading)
            for other, phrasing in self._phrasings:
                if other is entry:
                    shared = {
                        roots.get(term, term)
                        for term in phrasing
                        if term in roots and term not in self._places
                    }
                    most = max(most, len(shared))
        return most

    def _roots(self, text: str) -> dict[str, str]:
        """Each term of `text` (see `_terms`) and the word of `text` it stands for: a legal
        term for its everyday word (寄递 for 快递), a word for the everyday phrase it is
        part of."""
        roots = {term: term for term in self._terms(text)}
        for word, legal in self._segmenter.expansion_groups(text, self._segmenter.words(text)):
            for term in (*legal, *(t for t in list(roots) if t in word)):
                if term in roots:
                    roots[term] = word
        return roots

    def _close_to(self, question: str, entry: FaqEntry) -> bool:
        """Whether `question` as typed is close to one of `entry`'s phrasings."""
        bag = self._bag(question)
        topical = bag.keys() - CONSEQUENCES
        return any(
            self._matches(bag, topical, phrasing) >= self._threshold
            for other, phrasing in self._phrasings
            if other is entry
        )

    def _closest(
        self,
        question: str,
        allowed: frozenset[str] | None = None,
        mine: frozenset[str] = frozenset(),
    ) -> tuple[FaqMatch | None, FaqMatch | None]:
        """The closest entry open to the `allowed` kinds, and the closest written for one
        of `mine` (the asker's own kinds; none asked when empty), from one scan: the second
        scan for the kind's own had doubled the time an owner's question took."""
        bag = self._bag(question)
        if not bag:
            return None, None
        topical = bag.keys() - CONSEQUENCES
        best: FaqMatch | None = None
        own: FaqMatch | None = None
        for entry, phrasing in self._phrasings:
            if allowed is not None and entry.kinds and allowed.isdisjoint(entry.kinds):
                continue
            similarity = self._matches(bag, topical, phrasing)
            if similarity < self._threshold:
                continue
            if best is None or similarity > best.similarity:
                best = FaqMatch(entry, similarity)
            mine_too = mine and not mine.isdisjoint(entry.kinds)
            if mine_too and (own is None or similarity > own.similarity):
                own = FaqMatch(entry, similarity)
        return best, own

    def _matches(
        self, bag: dict[str, float], topical: Collection[str], phrasing: dict[str, float]
    ) -> float:
        """How close a question's `bag` is to a `phrasing`; 0 when they share no word of
        the matter (`topical`) or only where, who and when (`_places`)."""
        if not any(term in phrasing for term in topical):
            return 0.0
        if bag.keys() & phrasing.keys() <= self._places:
            return 0.0
        return self._dice(bag, phrasing)

    def _known_bag(self, text: str) -> dict[str, float]:
        """`_bag` of a text of the FAQ itself (a phrasing, a place word)."""
        return {t: self._weigh(t) for t in self._known_terms(text)}

    def _known_terms(self, text: str) -> list[str]:
        """`_terms` of a text of the FAQ itself, from the terms `read` before when given:
        cutting them all was a third of a second of every start (`knowledge.faq_terms`
        keeps them beside the law index)."""
        terms = self._given.get(text)
        if terms is None:
            terms = self._terms(text)
            self.fresh += 1
        self.read[text] = list(terms)
        return list(terms)

    def _bag(self, text: str) -> dict[str, float]:
        return {t: self._weigh(t) for t in self._terms(text)}

    def _weigh(self, term: str) -> float:
        """How much `term` counts (`_statute_weight`), less for a word the statutes barely
        use the more of the entries use it (`BARELY_USED`)."""
        weight = self._statute_weight(term)
        if weight < self._barely_used or not self.entries:
            return weight
        return weight * (1 - EVERYDAY_DISCOUNT * self._spread[term] / len(self.entries))

    def _statute_weight(self, term: str) -> float:
        """How much `term` counts: its weight in the statutes, or for a glued word they
        never use (`_glued`: 我租, 好几千, 会罚), the weight of its most telling character.

        A word the statutes never use weighs as the rarest of all, and a glued one is rare
        only as a whole: 我租 and 好几千 weighed more than 到期 and 网络游戏, which say what
        was asked. A glued word holding a negation (没带身份证, 不养老人) keeps its weight: the
        negation is what is asked."""
        if len(term) < 2 or self._known(term) or not self._glued(term):
            return self._weight(term)
        if not _NEGATIONS.isdisjoint(term):
            return self._weight(term)
        # A character the statutes never use alone weighs as the rarest, as a word does:
        # 判 of 判几年 is what tells it, not 年.
        stop = self._segmenter.vocabulary.stopwords
        found = [self._weight(c) for c in term if c not in stop]
        return max(found) if found else self._weight(term)

    def _glued(self, word: str) -> bool:
        """Whether `word` is characters jieba glued, not a word: one its dictionary lacks
        (我租, 卡停), or one holding a stop word's character (好几千, 能要)."""
        stop = self._segmenter.vocabulary.stopwords
        return not self._segmenter.in_dictionary(word) or any(c in stop for c in word)

    def _terms(self, text: str) -> list[str]:
        """The words of `text` and the legal terms of its everyday words, as compared."""
        text = _CUT_ACROSS_WORDS.sub(lambda m: _CUT_ACROSS[m.group(0)], _AGE.sub(_minor, text))
        words = [piece for word in self._segmenter.words(text) for piece in _LATIN.findall(word)]
        stop = self._segmenter.vocabulary.stopwords
        terms: dict[str, None] = {}
        for word in words:
            # A compound the statutes never use (邻居家, 隔壁邻居) would weigh as the rarest
            # word of all and drown the rest: its known parts stand in for it.
            parts = [] if self._known(word) else self._known_parts(word)
            if not parts and not self._segmenter.in_dictionary(word) and set(word) <= stop:
                # Stop words glued together (能要 of 能要回来吗) are stop words: 能要 had
                # been the rarest word of 13 phrasings.
                continue
            terms.update(dict.fromkeys(parts or [word]))
        for word, legal in self._segmenter.expansion_groups(text, words):
            terms.update(dict.fromkeys(legal))
            spouse = word in SPOUSES or word in FORMER_SPOUSES
            if spouse and any(self._known(term) for term in legal):
                # The legal terms the statutes use stand in for a spouse (see `SPOUSES`):
                # 老公 and 丈夫, which they never use, had weighed as the rarest words of
                # all besides 配偶 and 夫妻.
                for term in (word, *legal):
                    if not self._known(term):
                        terms.pop(term, None)
        return list(terms)

    def _known_parts(self, word: str) -> list[str]:
        parts = self._parts.get(word)
        if parts is None:
            parts = [
                part
                for part in self._segmenter.search_words(word)
                if part != word and self._known(part)
            ]
            # Bounded: questions bring words of their own, for as long as the server runs.
            if len(self._parts) < _PARTS_KEPT:
                self._parts[word] = parts
        return parts

    @staticmethod
    def _dice(a: dict[str, float], b: dict[str, float]) -> float:
        shared = sum(w for t, w in a.items() if t in b)
        total = sum(a.values()) + sum(b.values())
        return 2 * shared / total if total else 0.0


def _minor(age: re.Match[str]) -> str:
    """An `_AGE` as read: `MINOR_AGE` under eighteen (十五岁, 15岁, 两岁), else as told, as
    is a span of ages (十二三岁), which is not one number."""
    told = age.group(1)
    try:
        years = parse_numeral(told)
    except ValueError:
        return age.group(0)
    one = told.isdigit() or to_chinese(years) == told.replace("两", "二")
    return MINOR_AGE if one and years < ADULT_AGE else age.group(0)


def cited_names(entries: Iterable[FaqEntry]) -> list[tuple[str, str, str, str]]:
    """(entry id, law, article, version) for every citation, for checks against the corpus."""
    return [(e.id, *cite) for e in entries for cite in e.cites]
