"""The words a form reads as what to do rather than as an answer: 上一步, 取消, 帮助, 修改, 跳过,
确认, and the sentences people say them in."""

from __future__ import annotations

import re
import unicodedata

from bot.forms.plain_answers import confirms
from bot.forms.spec import FormField
from knowledge.intent import asks, asks_what_follows, is_legal_question

BACK_WORDS = frozenset({"上一步", "返回上一步", "返回", "back"})
CANCEL_WORDS = frozenset({"取消", "/取消", "/cancel", "cancel", "退出", "取消登记"})
#: Words that sound like giving up: asked about, never acted on, since 取消 loses the form.
QUIT_WORDS = frozenset(
    {"算了", "不报了", "不填了", "不登记了", "不想报了", "不举报了", "我不想举报了", "不报案了",
     "算了不报了", "不想填了", "不弄了", "重新填", "重填", "重新登记", "重来"}
)  # fmt: skip
#: 算了, 不要了, 不发了: 取消 as people say it. They cancel where nothing typed is lost (none
#: yet), or where the form has just offered cancelling (its summary, 要放弃吗); elsewhere
#: they are asked about, as `QUIT_WORDS` are (and at a photo, 不要了 says there is none).
SAID_CANCEL = frozenset({"算了", "不要了", "不发了"})
#: 继续: the question the form waits for, shown again (after a command used in between).
RESUME_WORDS = frozenset({"继续", "继续填", "继续填写"})
#: 恢复: a form cancelled a moment ago brought back (see `bot.forms.undo`); with no form
#: open, `RESUME_WORDS` do it too.
RESTORE_WORDS = frozenset({"恢复", "恢复填写", "撤销取消"})
#: 这个客人不登了, 我不想报了: giving up in a sentence of one's own.
GIVING_UP = re.compile(r"不(想|要)?(登|报|填|举报|登记)了$")
HELP_WORDS = frozenset({"帮助", "help", "怎么填", "不会填", "?", "？"})
#: 帮助 全部, 帮助 登记: the help command with its part named, typed without the slash.
_HELP_WITH_WORD = re.compile(r"(?:帮助|help)\s+(?P<asked>[^\W\d_]{1,4})", re.IGNORECASE)
#: What follows 帮助 in a sentence, not in the name of a part of the help (帮助 我被骗了).
_NOT_A_HELP_WORD = re.compile(r"[了吗呢吧啊我你他她被]")
EDIT_WORD = "修改"
SKIP_WORDS = frozenset({"跳过", "无", "没有", "skip"})
#: Of those, the words that can only mean "skip", never an answer ("没有" can answer 是否).
SKIP_COMMANDS = frozenset({"跳过", "skip"})
CONFIRM_WORDS = frozenset(
    {
        "确认",
        "确认提交",
        "提交",
        "是",
        "是的",
        "好",
        "好的",
        "对",
        "对的",
        "没问题",
        "确定",
        "ok",
        "yes",
    }
)
#: How people say "send it" to a summary or a draft (是的，发吧, 可以, 嗯), read by `bare`.
SEND_WORDS = frozenset({"发", "发吧", "发送", "是的发吧", "好的发吧", "可以", "行", "嗯"})
#: At the summary nothing else is asked, so a yes is a yes to submitting.
SUMMARY_YES = CONFIRM_WORDS | SEND_WORDS | {
    "嗯嗯", "提交吧", "可以发", "没错", "无误", "确认无误", "就这样"
}  # fmt: skip
_SPACING = re.compile(r"[\s，,。.!！~～]+")


def bare(text: str) -> str:
    """`text` without spaces and the punctuation people put between words (是的，发吧)."""
    return _SPACING.sub("", text)


#: After "要放弃吗？", the words that mean yes: they cancel, never confirm.
YES_TO_QUIT = CONFIRM_WORDS - {"提交", "确认提交", "没问题"} | {"嗯", "嗯嗯", "要", "放弃", "行"}
#: What the summary asks for by name (无误请回复「确认」) and its button sends.
CONFIRM_BUTTON_WORDS = frozenset({"确认", "确认提交", "确定"})

#: 会怎么样, 吗, 怎么办: a question, not an answer (an answer is asked for on a bad one).
_QUESTION_WORDS = re.compile(
    r"[?？]|吗|怎么|怎样|如何|咋|是否|能不能|可不可以|会不会|要不要|为什么|什么|行不行"
)


#: 不知道啥意思, 什么意思, 不懂: the question itself was not understood. Never an answer, and
#: not a question of one's own for /咨询 either: the question is explained and asked again.
ASKS_MEANING = re.compile(r"(?:啥|什么|何)意思|不懂|不明白|不理解|没明白|没看懂|看不懂|听不懂")


def asks_meaning(text: str) -> bool:
    """A reply saying the question was not understood (digits are an answer after all)."""
    return bool(ASKS_MEANING.search(text)) and not re.search(r"\d", text)


#: 这个要填什么, 写啥, 这一栏是什么, 怎么写, 什么意思: a question about the question asked,
#: never its answer (a free-text step had kept 这个要填什么？ as a guest's relation).
_ASKS_WHAT_TO_FILL = re.compile(
    r"(?:填|写|输入|填写|选|回复|回答)(?:个|些)?(?:什么|啥|哪个|哪些)"
    r"|^(?:这|此|那)(?:个|项|一项|里|栏|一栏|一步)?(?:是|指|问的是?)?(?:什么|啥)(?:东西)?"
    r"(?:啊|呀|呢)?[?？]*$"
    r"|怎么(?:填|写|回答|回复)"
    r"|(?:啥|什么|何)意思"
)
#: Longer than this, 填什么 is inside an account (他让我填什么表格然后转账), not asked.
_WHAT_TO_FILL_MAX = 15


def asks_what_to_fill(text: str) -> bool:
    """Whether `text` asks what the question wants (这个要填什么？) rather than answering it.
    Digits are an answer after all."""
    said = bare(text)
    if re.search(r"\d", said) or len(said) > _WHAT_TO_FILL_MAX:
        return False
    return bool(_ASKS_WHAT_TO_FILL.search(said))


def is_question(text: str, field: FormField) -> bool:
    """A question typed where an answer without digits or choices could not be one."""
    return not field.choices and bool(_QUESTION_WORDS.search(text)) and not re.search(r"\d", text)


def asks_a_question(text: str) -> bool:
    """A question of one's own (没带身份证能住吗？) typed where no answer is asked (the
    summary): digits or not, it is no answer to anything there."""
    return bool(_QUESTION_WORDS.search(text)) and not asks_meaning(text)


def asks_the_law(text: str) -> bool:
    """A clear legal question (不登记身份证会罚款吗？, 骗子会被抓吗): put as a question, one
    the law desk takes for a legal one (`knowledge.intent.is_legal_question`), asking what
    follows from a deed (罚款, 违法, 会被抓: `knowledge.intent.asks_what_follows`). It is
    no answer at any step, though a note or a tip may be told as a question (楼下天天有人
    吸毒怎么办, 明天换新的可以吗): those ask nothing of the law, and stay answers."""
    return asks(text) and asks_what_follows(text) and is_legal_question(text)


#: How a question is put at a step with options: ending in ？, 吗 or 呢 (堆点纸箱也算是通
#: 的吗？, 那护照呢), or opening with 为什么, 怎么, 是不是 (是不是一定要装灭火器). Only at its
#: ends: 什么 or 哪 inside an answer say "some" as often as they ask (不确定什么时候走).
_ASKS_AMONG_OPTIONS = re.compile(
    r"(?:[?？]|吗|呢|嘛|(?<!什)么|行不行|可不可以|对不对|算不算|好不好)[\s。.!！~～]*$"
    r"|^(?:请问)?(?:为什么|为啥|怎么|咋|是不是|是否|能不能|可不可以|要不要|需不需要|会不会|难道)"
)


def asks_among_options(text: str) -> bool:
    """Whether `text`, typed at a step with options, is put as a question."""
    return bool(_ASKS_AMONG_OPTIONS.search(text.strip()))


#: A question to the bot about something else (今天登记了几个人, 306住的是谁, 派出所几点下班):
#: the words of `_QUESTION_WORDS` and those that ask how many, who, when or where.
_ASKS_THE_BOT = re.compile(
    f"{_QUESTION_WORDS.pattern}|几个|几位|几间|几人|几条|多少|谁|几点|哪里|哪儿|在哪"
)


def asks_in_words(text: str) -> bool:
    """A question asked in words (派出所几点下班, 身份证丢了怎么办), not by a question mark
    alone (一号？ at 订阅's 片区 is the place, said unsure)."""
    return bool(_ASKS_THE_BOT.search(re.sub(r"[?？]", "", text)))


#: 怎么拍, 可以发视频吗, 照片发不出去: about the photo asked, the step's to answer.
_ABOUT_PHOTOS = re.compile(r"拍|照|图|相机|视频")


#: 怎么看, 怎么查, 看哪里: a short question about how to answer the step asked, which the
#: step answers (an inspection item's way to check it); never a question about anything else.
_ABOUT_THE_STEP = re.compile(
    r"^(?:这个?|那个?|这[项条])?(?:要|该|应该)?(?:怎么|怎样|如何|咋)(?:看|查|检查|判断|知道|确定)"
    r"|^(?:要|该|应该)?(?:看|查)(?:哪里|哪儿|哪|什么|啥)|^(?:在)?(?:哪里|哪儿|哪)(?:看|查)"
)
#: Longer than this, 怎么看 is in a question of one's own (邻居家的消防通道怎么看).
_ABOUT_THE_STEP_MAX = 6


def asks_about_the_step(text: str) -> bool:
    """Whether `text` is a short question about how to answer the step (怎么看, 看哪里)."""
    said = bare(text).rstrip("?？啊呀呢吗")
    return len(said) <= _ABOUT_THE_STEP_MAX and bool(_ABOUT_THE_STEP.match(said))


#: 等一下，我先问下…, 先问一下, 请问: a question set apart from the form by its opener,
#: a clear sign it is no answer, at any step (报案要带身份证吗 had been kept as an account).
_ASIDE_OPENER = re.compile(
    r"^(?:(?:等一下|等等|等会儿?|稍等)[，,。！!\s]*)?(?:我)?(?:先|想|再)?(?:问一?下|问个问题|请问)"
    r"|^(?:等一下|等等|稍等)[，,。！!\s]"
)


def opens_aside(text: str) -> bool:
    """Whether `text` is a question set apart by its opener (等一下，我先问下，…吗)."""
    return bool(_ASIDE_OPENER.match(text.strip())) and bool(_ASKS_THE_BOT.search(text))


def asks_something_else(text: str, field: FormField) -> bool:
    """A question of one's own typed at a question with options (证件类型), at a photo
    (灭火器照片) or at a free text no question answers (订阅's 片区, see
    `FormField.refuses_questions`): not about the question itself (证件类型选哪个, 什么意思,
    怎么拍), nor in the words of its label or another name of it (和平里属于哪个警务区 at
    片区: the parser's to answer). An option's words are no sign (他不肯给身份证 咋办 at
    证件类型 had got 看不懂这个证件类型): the parser says whether it answers the question
    (他身份证忘带了怎么办, see `bot.forms.spec.Advice`)."""
    if opens_aside(text) and not ASKS_MEANING.search(text):
        return True
    if not field.choices and not field.accepts_photos and not field.refuses_questions:
        return False  # a name, a description: a question may be the answer (see `is_question`)
    if not _ASKS_THE_BOT.search(text) or ASKS_MEANING.search(text):
        return False
    if asks_about_the_step(text) or asks_what_to_fill(text):
        return False  # 这个要填什么 at 证件类型 had left the form for a law search
    if field.accepts_photos and _ABOUT_PHOTOS.search(text):
        return False
    words = (field.label, *field.aliases)
    own = {word[i : i + 2] for word in words for i in range(len(word) - 1)}
    return not any(pair in text for pair in own)


def help_asked(text: str) -> str:
    """What 帮助 全部 (typed without the slash) asks the help for, or "" for anything else."""
    found = _HELP_WITH_WORD.fullmatch(text.strip())
    if found is None or _NOT_A_HELP_WORD.search(found["asked"]):
        return ""
    return found["asked"]


#: The words that say yes to a question the bot asked (您是选择「护照」吗？, 是同住的家长吗？).
YES_WORDS = frozenset(
    {"是", "是的", "对", "对的", "嗯", "好", "好的", "没错", "可以", "行", "确认", "确定",
     "yes", "y", "ok", "okay"}
)  # fmt: skip
#: A yes said over (对对对, 嗯嗯, 是的是的), perhaps with the particle people end it with
#: (是啊, 好的呀). Nothing else may be in it: 好几个 begins with 好 and 是不是 holds 是, and
#: neither is a yes; 是吧 and 对吧 ask back.
_YES = re.compile(
    f"(?:{'|'.join(sorted(YES_WORDS, key=len, reverse=True))})+[啊呀哈啦哦吧的]?", re.IGNORECASE
)
#: 👍 or 👌 sent alone: a yes without a word.
_YES_MARKS = frozenset({"👍", "👌", "🆗", "✅"})


def is_yes(text: str) -> bool:
    """Whether `text` is a plain yes as people type it (是, 对的！, 好的👌, 嗯嗯。, OK): the one
    rule for every question the bot asks back and reads a yes to."""
    said = "".join(ch for ch in text if not _decoration(ch))
    if not said:
        return any(mark in text for mark in _YES_MARKS)
    return bool(_YES.fullmatch(said)) and said not in _TAG_QUESTIONS


def says_yes(word: str) -> bool:
    """A yes meant for the summary (确认, 好的 提交吧); never a yes asked back (是吧)."""
    said = bare(word.lower())
    if asks_back(word):
        return False
    return is_yes(word) or said in SUMMARY_YES or confirms(said, SUMMARY_YES)


#: 是吧, 对吗, 没问题吧？, 是不是: a yes asked back (isn't it?), the owner's own doubt. 好吧,
#: 行吧 and 提交吧 say yes, reluctantly or not, and are none of these.
_ASKED_BACK = re.compile(
    r"(?:是的?|对的?|没问题|没错|确认|可以|行|好)(?:吗|么|嘛)"
    r"|(?:是的?|对的?|没问题|没错)吧|是不是|对不对|行不行|好不好|可不可以|有没有问题"
)


def asks_back(word: str) -> bool:
    """Whether `word` asks the bot back whether it is right (是吧, 对吗？): at the summary
    it had submitted (是 and the particle 吧), where it is a question, not the owner's yes."""
    said = "".join(ch for ch in word.lower() if not _decoration(ch))
    return bool(_ASKED_BACK.fullmatch(said))


#: 不对, 有误 at the summary: something in it is wrong, which one not said; as 修改, the
#: items to change are listed.
WRONG_WORDS = frozenset({"不对", "不对的", "不对啊", "有误", "有错", "错了", "写错了", "填错了"})

#: Every word `control_word` reads through the marks around it.
_CONTROL_WORDS = (
    BACK_WORDS
    | CANCEL_WORDS
    | QUIT_WORDS
    | SAID_CANCEL
    | RESUME_WORDS
    | RESTORE_WORDS
    | HELP_WORDS
    | SKIP_WORDS
    | SUMMARY_YES
    | WRONG_WORDS
    | {EDIT_WORD}
)
#: Said after a word without changing it (继续吧, 好啦): only at the end, and only when
#: what is left is a control word.
_PARTICLES = "吧啦呀"
#: 是吧, 对吧: a question (isn't it?), never a yes.
_TAG_QUESTIONS = frozenset({"是吧", "对吧"})


def _decoration(ch: str) -> bool:
    """Punctuation, spaces and emoji (with their joiners, variation selectors and skin
    tones): what people put around a word, never part of it."""
    category = unicodedata.category(ch)
    return category[0] in "PZS" or category in ("Cf", "Mn") or ch.isspace()


def control_word(text: str) -> str:
    """The control word `text` is as people type it (取消！, 上一步。, 继续吧, 好的👌), or
    `text` unchanged when it is anything else: a name or an answer keeps its own marks."""
    plain = text.strip()
    start, end = 0, len(plain)
    while start < end and _decoration(plain[start]):
        start += 1
    while end > start and _decoration(plain[end - 1]):
        end -= 1
    word = plain[start:end]
    if word.lower() in _CONTROL_WORDS:
        return word
    said = word[:-1].rstrip()  # 继续 吧
    if word[-1:] in _PARTICLES and word not in _TAG_QUESTIONS and said.lower() in _CONTROL_WORDS:
        return said
    return text


def is_control_word(text: str) -> bool:
    """Whether `text` is one of the words a form reads as what to do (取消, 继续吧)."""
    return control_word(text).lower() in _CONTROL_WORDS
