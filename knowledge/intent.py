"""Is a chat message a legal question, or a greeting, a thank-you or a form command?"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Whole messages that are never legal questions (compared without punctuation), by kind:
# the chat answers a greeting with its welcome and a thank-you with a "不客气".
SMALL_TALK_KINDS: dict[str, frozenset[str]] = {
    "greeting": frozenset(
        {
            "你好",
            "您好",
            "你好呀",
            "您好呀",
            "在吗",
            "在不在",
            "有人吗",
            "哈喽",
            "嗨",
            "hi",
            "hello",
            "早",
            "早上好",
            "上午好",
            "下午好",
            "晚上好",
            "警官好",
            "民警同志你好",
        }
    ),
    "thanks": frozenset(
        {
            "谢谢",
            "谢谢你",
            "谢谢您",
            "感谢",
            "多谢",
            "辛苦了",
            "谢谢警官",
            "麻烦了",
            "谢谢提醒",
            "好的谢谢",
            "收到谢谢",
            "知道了谢谢",
            "谢谢啦",
        }
    ),
    "farewell": frozenset({"再见", "拜拜", "晚安"}),
    # Questions about the bot itself: it says what it is and what it can do.
    "about": frozenset(
        {
            "你是谁",
            "你是机器人吗",
            "你是机器人",
            "是机器人吗",
            "你是真人吗",
            "是真人吗",
            "你是人工吗",
            "是人工吗",
            "你是ai吗",
            "你叫什么",
            "你叫什么名字",
            "你能干什么",
            "你能做什么",
            "你会什么",
            "你会干什么",
            "有什么功能",
            "你有什么功能",
        }
    ),
    "ack": frozenset(
        {
            "好的",
            "好",
            "好滴",
            "行",
            "嗯",
            "嗯嗯",
            "哦",
            "收到",
            "明白",
            "知道了",
            "ok",
            "okay",
            "已收到",
            "收到收到",
            "好的收到",
            "好的知道了",
            "知道",
            "明白了",
            "了解",
            "已阅",
            "已读",
            "收悉",
            "阅",
            "收到了",
            "好的明白",
            # 看到了: said of an alert as often as 收到.
            "看到了",
            "已看到",
            "看到啦",
        }
    ),
    # Laughter (哈哈, 呵呵): answered with a smile and a way on, not "not understood".
    "laugh": frozenset(
        {
            "哈哈",
            "哈哈哈",
            "哈哈哈哈",
            "哈哈哈哈哈",
            "呵呵",
            "呵呵呵",
            "嘿嘿",
            "嘻嘻",
            "hhh",
            "hhhh",
        }
    ),
    # Words the bot's own commands and forms use.
    "command": frozenset(
        {"帮助", "菜单", "取消", "确认", "是", "否", "不是", "对", "没有", "更多"}
    ),
}
_PUNCTUATION = re.compile(
    r"[\s，,。.!！~～、…:：;；\"“”'‘’()（）【】\[\]?？"
    # Emoji and pictographs people end a message with (收到👌, 好的🙏).
    "\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]+"
)


#: "在吗 我想问点事": a greeting, then words that only announce a question to come.
_ANNOUNCE = re.compile(r"(我)?(想|要)?(问|咨询|请教)(一下|个|点)?(问题|事|事情)?(可以吗|行吗)?")


#: What people add to a greeting or a thank-you: 谢谢你啊警察同志, 你好呀, 谢谢蜀黍.
_ADDRESS_WORDS = (
    "警察同志",
    "民警同志",
    "警察叔叔",
    "警察蜀黍",
    "警官",
    "民警",
    "警察",
    "同志",
    "师傅",
    "叔叔",
    "蜀黍",
    "阿姨",
)
_ADDRESS = re.compile(f"({'|'.join(_ADDRESS_WORDS)})$")
_PARTICLES = "啊呀哦啦嘛呢哈吖了"
#: Kinds a message may be said in several pieces of (好的 谢谢警官 辛苦了, 在吗在吗), the
#: first found in it naming the whole: an acknowledgement with thanks is an acknowledgement.
_PIECED_KINDS = ("ack", "thanks", "greeting", "farewell")
#: A message of nothing but these pictographs (👍, 🙏, 😂) nods, thanks or laughs.
_EMOJI_KINDS = {
    "ack": frozenset("👍👌👏💪🤝✅🆗"),
    "thanks": frozenset("🙏🌹💐"),
    "laugh": frozenset("😂🤣😄😁😆"),
}


#: 收到了 before 收到: sorted once, not for every message.
_ACKS_LONGEST_FIRST = tuple(sorted(SMALL_TALK_KINDS["ack"], key=len, reverse=True))


def small_talk(text: str) -> str | None:
    """The kind of small talk a whole message is ("greeting", "thanks"…), or None."""
    plain = _PUNCTUATION.sub("", text).lower()
    bare = _ADDRESS.sub("", plain).rstrip(_PARTICLES)
    found = next(
        (kind for kind, words in SMALL_TALK_KINDS.items() if plain in words or bare in words),
        None,
    )
    if found is None:
        # 收到了谢谢, 好的，谢谢提醒: an acknowledgement with thanks after it.
        acks, thanks = SMALL_TALK_KINDS["ack"], SMALL_TALK_KINDS["thanks"]
        for word in _ACKS_LONGEST_FIRST:
            after = bare[len(word) :] if bare.startswith(word) else ""
            if after and (after in thanks or after in acks):
                return "ack"
    if found is None:
        rest = _without_greeting(plain)
        if rest != plain and (not rest or _ANNOUNCE.fullmatch(rest)):
            return "greeting"
    if found is None and plain:
        found = _said_in_pieces(plain)
    if found is None and not plain:
        shown = set(text) - set(" \ufe0f")
        found = next((k for k, marks in _EMOJI_KINDS.items() if shown and shown <= marks), None)
    return found


#: Each piece of small talk, longest first, with its kind; forms of address are pieces too.
_PIECES = sorted(
    [(word, kind) for kind in _PIECED_KINDS for word in SMALL_TALK_KINDS[kind]]
    + [(word, "") for word in _ADDRESS_WORDS],
    key=lambda pair: len(pair[0]),
    reverse=True,
)
#: The same, by first character: a message that is no small talk tries a few, not all.
_PIECES_BY_FIRST: dict[str, list[tuple[str, str]]] = {}
for _piece in _PIECES:
    _PIECES_BY_FIRST.setdefault(_piece[0][0], []).append(_piece)


def _said_in_pieces(plain: str) -> str | None:
    """The kind of a message made wholly of small talk (好的谢谢警官辛苦了, 谢谢谢谢, 在吗在吗),
    or None if any of it is something else."""
    kinds: set[str] = set()
    rest = plain
    while rest := rest.lstrip(_PARTICLES):
        found = _PIECES_BY_FIRST.get(rest[0], ())
        piece = next(((w, k) for w, k in found if rest.startswith(w)), None)
        if piece is None:
            return None
        rest = rest[len(piece[0]) :]
        kinds.add(piece[1])
    return next((kind for kind in _PIECED_KINDS if kind in kinds), None)


#: 警官好 before 警官 … before 早: the longest greeting a message starts with is the one.
_GREETINGS_LONGEST_FIRST = tuple(sorted(SMALL_TALK_KINDS["greeting"], key=len, reverse=True))


def _without_greeting(plain: str) -> str:
    """`plain` after a leading greeting (你好, 在吗, 警官您好…), if it has one."""
    for word in _GREETINGS_LONGEST_FIRST:
        if plain.startswith(word):
            return plain[len(word) :]
    return plain


# Words of the registration forms (旅客入住、退房、租客登记) handled by other features.
_FORM_WORDS = ("登记", "入住", "退房", "续住", "换房", "报备", "租客离开", "退租登记", "自查")
_QUESTION = re.compile(
    r"[?？]|吗|呢|怎么|怎麼|咋|肿么|怎样|如何|是否|是不是|能不能|可不可以|会不会|算不算|要不要|有没有|哪|什么|为什么|谁|多久|多少|几|啥|该"
)
#: 几 counting, not asking how many: people a sentence goes on to tell of (楼下几个人天天在
#: 赌钱, 有几个人在门口打架), and 好几、这几、前几天、十几、几十. 最多住几个人 still asks.
_SOME = re.compile(
    r"[好这那前过十]几|几(?=[十百千万乎])"
    r"|几(?:个|名|位|伙|帮)?(?:年轻|陌生|外地|可疑)?"
    r"(?:人|男的|女的|男子|女子|小孩|孩子|小伙子?|青年|少年|学生)(?=[^\W\d_啊呀吧哦了])"
)
_CITATION = re.compile(
    r"第\s*[0-9零〇一二三四五六七八九十百千]+\s*条|(法|条例|办法|规定|解释)\s*[0-9]{1,4}"
)
_LEGAL = (
    "法律",
    "法规",
    "违法",
    "合法",
    "犯法",
    "犯罪",
    "罪",
    "判刑",
    "坐牢",
    "刑法",
    "民法",
    "治安",
    "处罚",
    "罚款",
    "罚钱",
    # 旅馆不登记会罚多少钱: the fine asked after, without the word 罚款.
    "罚多少",
    "会罚",
    "被罚",
    "拘留",
    "赔偿",
    "赔钱",
    "起诉",
    "打官司",
    "法院",
    "律师",
    "报警",
    "报案",
    "立案",
    "偷",
    "盗",
    "骗",
    "抢",
    "打人",
    "打架",
    "被打",
    "打我",
    "打伤",
    "挨打",
    "动手",
    "伤害",
    "威胁",
    "敲诈",
    "押金",
    "房东",
    "租客",
    "房租",
    "租房",
    "欠钱",
    "借钱",
    "欠债",
    "离婚",
    "彩礼",
    "继承",
    "遗产",
    "抚养",
    "赡养",
    "家暴",
    "合同",
    "工资",
    "辞退",
    "工伤",
    "赌",
    "毒",
    "嫖",
    "噪音",
    "扰民",
    "消防",
    "灭火器",
    "身份证",
    "户口",
    "居住证",
    "责任",
    "权利",
    "义务",
    "规定",
    "条例",
    "办法",
    "侵权",
    "违约",
    # Everyday troubles that are legal questions as much as 偷 or 骗 are.
    "不还",
    "欠条",
    "借条",
    "还钱",
    "催收",
    "逾期",
    "网贷",
    "拖欠",
    "欠薪",
    "高空",
    "砸到",
    "诽谤",
    "造谣",
    "偷拍",
    "隐私",
    "定金",
    "订金",
    "退款",
    "事故",
    "丢了",
    "撞",
    "咬",
    # 醉驾 alone is a whole question (is it a crime, what follows), too short to be read as one.
    "醉驾",
    "酒驾",
    "退货",
    "不给退",
    "投诉",
    "维权",
    "漏水",
    "邻居",
    "物业",
    "被划",
    "翻新机",
    "假货",
    # Complaints told without a question mark (老板天天让加班也不给加班费, 楼上吵得睡不着).
    "加班",
    "冒充",
    "欺负",
    "霸凌",
    "保健品",
    "推销",
    "吵",
    "油烟",
    "工伤",
)


#: Questions the statutes cannot answer (the weather, the time, a joke): the law search
#: found 人工影响天气管理条例 for the weather.
_OFF_TOPIC = re.compile(
    r"天气|气温|下雨吗|几点了|现在几点|今天几号|今天星期几|今天周几|讲个笑话|讲笑话|唱首歌"
)


#: Words that ask what follows from a deed rather than tell of one: the penalties as the law
#: names them, and as people ask after them (判几年, 会坐牢吗, 怎么处罚). Said of a deed with
#: no one seen and nothing lost, they ask the law: no tip is offered (小偷会坐牢,
#: `handlers.tips.suggest`), nor a report (偷电动车判几年, `handlers.reports.templates`), and
#: a curated answer shared only through them is no match (传销要判刑吗 had got the entry on
#: theft through 偷东西要判刑吗, `knowledge.faq`). One list for all three: they had each kept
#: their own, and 偷电动车怎么处罚 was offered a bike-theft report that 偷电动车判几年 was not.
WHAT_FOLLOWS_WORDS: tuple[str, ...] = (
    # As the law names them.
    "坐牢",
    "判刑",
    "刑罚",
    "有期徒刑",
    "拘役",
    "刑事责任",
    "拘留",
    "行政拘留",
    "罚款",
    "处罚",
    "违法",
    "犯法",
    "犯罪",
    "合法",
    # As people ask after them.
    "判几年",
    "坐几年",
    "关几年",
    "判多少年",
    "判多久",
    "关多久",
    "关几天",
    "怎么判",
    "会判",
    "会被判",
    "会不会判",
    "怎么罚",
    "罚多少",
    "会罚",
    "会被罚",
    "会不会罚",
    "会被抓",
    "会不会被抓",
)
#: What the segmenter leaves of those words (判 of 怎么判, 几年 of 坐几年, 不会 of 会不会判刑):
#: terms of the curated answers' comparison only. In a sentence they are parts of too many
#: other words (判断, 这几年, 不会用) to say what follows.
WHAT_FOLLOWS_PARTS: tuple[str, ...] = ("判", "罚", "几年", "多少年", "不会")
#: Both, as the terms the curated answers are compared by (`knowledge.faq.CONSEQUENCES`).
WHAT_FOLLOWS_TERMS = frozenset(WHAT_FOLLOWS_WORDS) | frozenset(WHAT_FOLLOWS_PARTS)
_WHAT_FOLLOWS = re.compile(
    "|".join(sorted(map(re.escape, WHAT_FOLLOWS_WORDS), key=len, reverse=True))
)


def asks_what_follows(text: str) -> bool:
    """Whether `text` speaks of what follows from a deed (判几年, 会坐牢, 怎么处罚, 犯法)."""
    return _WHAT_FOLLOWS.search(text) is not None


def asks(text: str) -> bool:
    """Whether `text` is put as a question (吗, 怎么, 几点, ？…)."""
    return bool(_QUESTION.search(_SOME.sub("", text)))


def mentions_law(text: str) -> bool:
    """Whether `text` holds one of the words that make a message a legal matter."""
    return any(word in text for word in _LEGAL)


def legal_words(text: str) -> frozenset[str]:
    """The words of `text` that make it a legal matter (离婚 in 离婚怎么办)."""
    return frozenset(word for word in _LEGAL if word in text)


def mentions_form(text: str) -> bool:
    """Whether `text` holds a word of the registration forms (登记, 退房…)."""
    return any(word in text for word in _FORM_WORDS)


def is_legal_question(text: str, extra_words: Iterable[str] = ()) -> bool:
    """Heuristic: should this message go to the law search?

    Greetings, thanks and the registration commands (登记, 退房…) do not; a citation, a
    legal word or a real question of some length does.  `extra_words` adds a station's
    own trigger words (e.g. the keys of its colloquial vocabulary).
    """
    plain = re.sub(r"[\s，,。.!！~～、…:：;；\"“”'‘’()（）【】\[\]]+", "", text).lower()
    if not plain or small_talk(text) is not None:
        return False
    plain = _without_greeting(plain)  # 在吗 must not make 在吗 押金 a question by its 吗
    if _CITATION.search(text):
        return True
    if _OFF_TOPIC.search(plain) and not any(word in plain for word in _LEGAL):
        return False
    asks = bool(_QUESTION.search(_SOME.sub("", plain)))
    if any(w in plain for w in _FORM_WORDS) and len(plain) <= 8 and not asks:
        return False
    if any(word in plain for word in _LEGAL) or any(w and w in plain for w in extra_words):
        return True
    return asks and len(plain) >= 6
