"""The self-inspection form, built from the station's checklist; also used to resubmit the
items an officer asked to rectify (the others come prefilled and are not asked again).

```mermaid
flowchart LR
    start([/自查]) --> venue{several venues?} -- yes --> pick[choose venue] --> items
    venue -- no --> items
    items[for each item that applies to the venue kind:
        是/否 → (否: 说明) → (照片, when the checklist asks; 跳过: 未拍照)] --> confirm[核对]
    items -- a photo sent at 是/否 --> kept[kept as the item's photo; 是/否 asked again] --> items
    confirm --> receipt([自查编号; the beat officers are told])
    items -- 取消, 不查了, /自查 取消 --> stopped([未提交; 恢复 within 30 minutes])
    items -- 来客人了, 等会再弄 --> parked([set aside; 继续消防安全自查 within a day])
    rectify([/自查 整改 N]) --> redo[only the items to rectify:
        是/否 → (说明) → 照片 or 整改照片] --> confirm
    later([/自查 补拍 N]) --> photos[only the photos recorded 未拍照] --> confirm
```

Three forms share these fields and this submit: a new inspection, a rectification (its lead
names the items and deadlines) and the photos sent later. Not one form with an intro per start
(`FormEngine.start(intro=...)`): each has its own title, which the engine says at 核对, 取消,
on resuming, on expiry and when another start finds it unfinished (请核对消防安全自查整改信息;
您还有一份未完成的消防安全自查整改…暂不开始消防安全自查), and the title is the form's, not the
start's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlmodel import col, select

from bot.context import Context
from bot.forms import Answers, Derived, Form, FormEnv, FormField
from bot.forms.photos import photo_field
from bot.messages import Reply, Text
from bot.validators import Invalid
from bot.validators.text import parse_free_text
from handlers.inspection.checklist import CheckItem
from handlers.inspection.notify import submitted
from handlers.inspection.told import says_fixed
from handlers.services.inspections import INSPECTED_KINDS, rectify_task_source
from handlers.services.photos import dump, load, sanitise
from handlers.services.tasks import close_generated
from handlers.services.venues import owned_venues
from storage.models import Beat, Inspection, InspectionItem, InspectionStatus, Venue

FORM_NAME = "inspection"
#: The items an officer sent back, asked again.
REDO_FORM_NAME = "inspection_redo"
#: The photos an owner could not take at the time (未拍照), sent later.
PHOTOS_FORM_NAME = "inspection_photos"
YES, NO = "是", "否"
_YES_WORDS = frozenset(
    {YES, "是的", "是啊", "符合", "合格", "合规", "对", "对的", "有", "有的", "会", "嗯",
     "可以", "做到了", "都做到了", "正常", "畅通", "畅通的", "完好", "yes", "y", "有效",
     "有效的", "都有效", "没问题", "没毛病", "齐全", "齐全的", "都有", "好的", "完好的",
     "正常的", "会的", "都会", "都有的", "都好", "都好的", "好了", "都好了", "都正常",
     "都完好", "都畅通", "没有问题", "都没问题", "搞定", "搞定了"}
)  # fmt: skip
#: 有一个过期了, 灭火器坏了: a fault said in words is a 否 (the next step asks what it is).
_FAULT = re.compile(
    r"过期|坏了|坏的|不够|不齐|堵了|堵着|失效|没电|不规范|不太规范|乱|私拉|超负荷|老化|不响|不亮"
)
_NO_FAULT = re.compile(r"(没|没有|未|无|不)(有)?(过期|坏|失效|堵|乱|私拉|超负荷|老化)")
#: 换好了, 已经修了: during a rectification, the fault is fixed (还没换 is not).
_FIXED = re.compile(
    r"(换|修|整改|处理|清理|搬|改|弄|搞)(好|完|掉|走|了)|已经?(更换|换|整改|修|处理|清理|搬|改)"
)
_FIX_VERB = r"(?:更换|换|整改|修|处理|清理|搬|改|弄|搞)"
#: 还没换, 还没来得及弄好; 不搞了, 不想弄了, 懒得换 (given up); 修不好, 换不了: not fixed.
#: 不搞了 had been read as 是, 搞了 being a fix, and a false compliance recorded.
_NOT_FIXED = re.compile(
    rf"(?:没|未)有?(?:来得及|去|再)?{_FIX_VERB}"
    rf"|(?:不|别|懒得)(?:想|要|打算|准备|去|再)?{_FIX_VERB}"
    rf"|{_FIX_VERB}不(?:好|了|完|掉|走|动|定)"
)
#: What, said just before words of a yes, turns them round: 不在外面, 没专人看, 不是有人看管,
#: 不用换了 (no fix said), 不是没过期.
_NEGATION_BEFORE = re.compile(
    r"(?:不|没|未|无|别|非|懒得)(?:是|都|全|有|在|太|用|需要?|必要|想|要|再|去)*$"
)


def _negated(text: str, match: re.Match[str] | None) -> bool:
    """Whether the words `match` found in `text` are said with a negation before them."""
    return match is not None and _NEGATION_BEFORE.search(text[: match.start()]) is not None


#: After 没有燃气: a part of the gas fittings (没有燃气报警器 says the alarm is missing, not
#: the gas), which had been read as "no gas, no hazard".
_GAS_PART = r"(?!报警|泄漏|探测|软管|管子|阀|卡箍)"
#: 没有电动车, 不用燃气: where the thing asked about is absent, so is its hazard.
_ABSENT = re.compile(
    rf"(没有|没|无|不用|不烧)(电动车|电瓶车|电动自行车|燃气|煤气|液化气|明火|厨房){_GAS_PART}"
)
#: How an item the venue has nothing for (没有厨房 at 用火用气) is answered: this before the
#: owner's words, as the item's answer (the owner's summary reads 用火用气：不适用（没有厨房）;
#: it had read 是, and the words as a 说明 under it). It is stored as 是, so that no
#: rectification is asked, with the answer as its note, so that the officer reads 不适用
#: and why rather than ✅ 是 (see `review._item_line`).
NOT_APPLICABLE = "不适用"
_NA_HEAD = f"{NOT_APPLICABLE}："


def not_applicable(words: str) -> str:
    return f"{_NA_HEAD}{words}"


def is_not_applicable(answer: object) -> bool:
    return isinstance(answer, str) and answer.startswith(_NA_HEAD)


def passed(answer: object) -> bool:
    """An item's answer that asks for no rectification: 是, or 不适用 and why."""
    return answer == YES or is_not_applicable(answer)


def item_note(answers: Answers, key: str) -> str:
    """The note stored with item `key`: its 说明, or the 不适用 answer (the officer's review
    reads it)."""
    answer = answers.get(f"item_{key}")
    return str(answer) if is_not_applicable(answer) else str(answers.get(f"note_{key}") or "")


def show_answer(answer: Any) -> str:
    """不适用：没有厨房 as 不适用（没有厨房）, the way it is read in the summary."""
    if is_not_applicable(answer):
        return f"{NOT_APPLICABLE}（{answer[len(_NA_HEAD) :]}）"
    return str(answer)


#: 不适用: the items that apply to no venue of this kind are never asked.
_NOT_APPLICABLE = re.compile(r"不适用|不涉及|没有这[项个]|没这[项个]")
_NO_WORDS = frozenset(
    {NO, "不", "不是", "不对", "不符合", "不合格", "没", "没有", "不会", "没做到", "不正常",
     "不畅通", "no", "n"}
)  # fmt: skip


#: 会一点, 有的会: only partly so (a training that is not done yet) is a 否.
_PARTLY = re.compile(
    r"^(?:只|就)?(?:会|懂|知道)(?:一)?(?:点|些|点点)儿?[的吧啦了]*$"
    r"|^(?:有的|有些|一部分|部分)(?:人|员工)?会|不太会|不怎么会|不大会"
)
#: 差不多都会, 基本都做到了: mostly so is the answer after it (都会).
_MOSTLY = re.compile(r"^(?:差不多|基本上?|大体上?|大致上?)[，,]?")


def _parse_answer(text: str, _env: FormEnv) -> str:
    if text.lower() in _YES_WORDS:
        return YES
    if _PARTLY.search(text):
        return NO
    rest = _MOSTLY.sub("", text)
    if rest and rest != text:
        return _parse_answer(rest, _env)
    no_fault = _NO_FAULT.search(text)
    if (no_fault and not _negated(text, no_fault)) or _ABSENT.search(text):
        return YES  # 没过期, 都没有坏的, 店里没有电动车
    if _NOT_FIXED.search(text) or no_fault:
        return NO  # 不是没过期 (its negation negated)
    if (fixed := _FIXED.search(text)) and not _negated(text, fixed):
        return YES  # 坏了一个，已经换了
    if text.lower() in _NO_WORDS or _FAULT.search(text):
        return NO
    if _NOT_APPLICABLE.search(text):
        raise Invalid(
            "店里没有这一项（如没有电动车、不用燃气）就没有这个隐患，请回答「是」；"
            "有问题请回答「否」。"
        )
    raise Invalid("请回答「是」或「否」（回复序号也可以）。")


#: What an answer repeating the question's words has around them: 都在, 在的, 规范的.
_ECHO_AROUND = re.compile(r"^(?:全都|都|也|是)|(?:的|了|啊|呀|吧|哦|呢)+$")


def _echoed(text: str, question: str) -> str | None:
    """是 or 否 for an answer that repeats the question's own words, as a yes-no question is
    answered in Chinese (灭火器是否在有效期内 → 在的, 都在, 不在; 是否安全 → 安全的); None when
    the answer repeats none of them."""
    said = _ECHO_AROUND.sub("", text.strip())
    negated = said[:1] in ("不", "没")
    core = said[1:] if negated else said
    if not core:
        return None
    asked = [clause.lstrip("都") for clause in question.split("是否")[1:]]
    if not any(clause.startswith(core) for clause in asked):
        return None
    return NO if negated else YES


#: Words that take a statement back or doubt it: with any, it restates nothing.
_RESTATE_DOUBT = re.compile(r"[不没无未非别否]|但|可是|不过|吗|么|[?？]|坏|过期|漏|差|少|缺")
#: What a statement has around the question's words that says nothing (都刷的, 挂了的).
_RESTATE_FILLER = re.compile(r"[都也的了啊呀吧哦呢是已经全都\W\s]")
#: Fewer of a clause's characters than this share may be the question's: 牌子挂了 is half
#: 挂了, 灭火器放在前台 only its 灭火器.
_RESTATE_SHARE = 0.5


def _restated(text: str, item: CheckItem) -> str | None:
    """是 for a statement that says the item in its own words (灭火器在有效期内, 牌子挂了，
    身份证都刷的): each clause mostly the question's words (two characters or more in a
    row, the item's name and 是否 aside), none doubting or taking it back; else None. They
    had got 请回答「是」或「否」."""
    if not text.strip() or _RESTATE_DOUBT.search(text):
        return None
    asked = item.question
    for word in (item.name, "是否", "是不是"):
        asked = asked.replace(word, "|")
    clauses = [c for c in re.split(r"[，,。；;\s]+", text.strip()) if c]
    for clause in clauses:
        covered = [False] * len(clause)
        for start in range(len(clause)):
            for end in range(len(clause), start + 1, -1):
                if clause[start:end] in asked:
                    covered[start:end] = [True] * (end - start)
                    break
        # Filler words count only where the question has them (挂了), not around (都刷的).
        weighed = [c for c, on in zip(clause, covered, strict=True) if on or not _filler(c)]
        if sum(covered) < max(2, _RESTATE_SHARE * len(weighed)):
            return None
    return YES


def _filler(char: str) -> bool:
    return _RESTATE_FILLER.fullmatch(char) is not None


#: At an item asking that something be absent (无人住宿): 没人住, 晚上不住人, 没有.
_NOBODY = re.compile(r"^(都|也|店里|晚上)*(没有?|无)人?(的|了|啊|呀)*$|(没有?|无|不)人?(住|睡)")
#: 有人住, 晚上有人看店, 老板自己睡店里, 有: the thing asked to be absent is there.
_SOMEBODY = re.compile(
    r"^有(的|啊|人)?$|有人(住|睡|值班|看店|守)|住(人|在店)|睡(在)?店|(自己|员工|伙计|老板|我)(晚上)?(住|睡)"
)


def _absent_answer(text: str) -> str | None:
    """是/否 for 有/没有 at an item whose question asks for an absence, where 没有 (nobody
    sleeps here) was read as 否 and the owner was told to stop people sleeping in the shop."""
    said = text.strip()
    if _NOBODY.search(said):
        return YES
    if _SOMEBODY.search(said):
        return NO
    return None


#: 有人看着, 专人看管: the watching a question asks about (是否…有人看管) is done.
_WATCHED = re.compile(r"(?:有人|专人|一直有人|有员工|有厨师)(?:在)?(?:看|守|管)")
_UNWATCHED = re.compile(r"(?:没|没有|无)人(?:在)?(?:看|守|管)|不(?:看|管)")
#: A bare no (没有, 没的): at an item about a thing a venue may not have, unclear.
_BARE_NO = re.compile(r"^(?:都|也|店里)?(?:没有?|无)(?:的|啊|呀|了)?$")


def _either(text: str, yes: re.Pattern[str], no: re.Pattern[str]) -> str | None:
    """否 when `no` is said, else 是 when `yes` is, unless negated (不在外面, 没专人看:
    they had been read as 是); None when neither."""
    if no.search(text):
        return NO
    if said := yes.search(text):
        return NO if _negated(text, said) else YES
    return None


def _watched(text: str) -> str | None:
    """煤气罐放在后厨，有人看着 at 是否…有人看管: 是; 没人看 否; None when not said."""
    return _either(text, _WATCHED, _UNWATCHED)


#: 没人抽烟, 没有人吸烟: at the no-smoking item, nobody smokes, which is what it asks for.
_NOBODY_SMOKES = re.compile(r"(?:没有?|无)(?:人|客人|顾客)(?:在)?(?:抽|吸)烟?")
#: 有人抽烟, 客人在包间吸烟: somebody smokes; unless stopped (有人抽烟就劝), it is a fault.
_SOMEBODY_SMOKES = re.compile(r"有(?:人|客人|顾客)(?:在\S{0,4})?(?:抽|吸)烟?")
_STOPPED = re.compile(r"劝|制止|阻止|拦|掐|会管|都管|就管|马上管")
_NOT_STOPPED = re.compile(r"(?:没|不|未|没有)(?:人)?(?:去)?(?:劝|制止|阻止|拦|管)")


def _smoking(text: str) -> str | None:
    """没人抽烟 at 是否…禁止吸烟 had got 请回答「是」或「否」: 是; 有人抽烟, 有人抽烟没管 否
    (有人抽烟都会劝阻 是); None when smoking is not spoken of."""
    if _NOBODY_SMOKES.search(text):
        return YES
    if _SOMEBODY_SMOKES.search(text):
        stopped = _STOPPED.search(text) and not _NOT_STOPPED.search(text)
        return YES if stopped else NO
    return None


#: 停门口, 在外面充: where the question asks for outdoors (是否都在室外…停放、充电), it is so.
_OUTDOORS = re.compile(r"(?:停|放|充|在)在?(?:店?门口|门外|外面|外边|室外|户外|楼下|车棚|院子)")
#: 在楼道充, 推进店里: it is not.
_INDOORS = re.compile(r"楼道|走廊|店里|屋里|室内|家里|进门|进屋|进店")
#: 没在屋里, 没有在楼道充电, 不让推进店里, 从不放店里: the indoors denied, which is what the
#: question asks for; 电动车都没在屋里，都在外面 had been read as 否 through 屋里.
_INDOORS_DENIED = re.compile(
    r"(?:没|不|未|别|从不|从来不|从没)(?:有|会|都|是|让|准|许|能|再|要|敢)*"
    r"(?:在|放|停|充电?|推|拿|搬|骑)*(?:到|进|在)?$"
)


def _outdoors(text: str) -> str | None:
    """店员的电动车停门口 at 是否都在室外…停放 got 请回答「是」或「否」. Indoors said and not
    denied is a 否; outdoors denied (不在外面) too; 没放屋里 都在外面, or indoors denied
    alone (没有在楼道充电), a 是."""
    indoors = [m for m in _INDOORS.finditer(text) if not _INDOORS_DENIED.search(text[: m.start()])]
    if indoors:
        return NO
    if said := _OUTDOORS.search(text):
        return NO if _negated(text, said) else YES
    return YES if _INDOORS.search(text) else None


def _none_of(item: CheckItem, text: str) -> str | None:
    """是 for 没有电动车 at the item about e-bikes; a bare 没有 there had been read as 否
    and the owner told to move e-bikes they do not have out of the shop: it is asked."""
    said = text.strip()
    if re.search(rf"(?:没有?|无|不用)(?:什么)?{re.escape(item.thing)}{_GAS_PART}", said):
        return YES
    if _BARE_NO.fullmatch(said):
        thing = item.thing
        raise Invalid(
            f"「没有」是说没有{thing}吗？没有{thing}就没有这个隐患，请回复「没有{thing}」；"
            f"有{thing}但没做到，请回复「否」。"
        )
    return None


_GAS = r"(?:燃气|煤气|天然气|液化石油气|液化气|煤气罐|气罐|气瓶|管道气)"
#: 不用燃气, 没有煤气罐, 没通气: the kitchen has no gas.
_NO_GAS = re.compile(
    rf"(?:没有?|无|不|未)(?:用|烧|使用|接|通|装|在用)?(?:什么|任何)?{_GAS}{_GAS_PART}"
    r"|(?:不用|没有?用|没通|未通|没接)气"
)
#: 用电磁炉, 用电的, 全电厨房: cooking on electricity, which says there is no gas (unless
#: gas is named too: 电磁炉和煤气灶都有).
_ELECTRIC = re.compile(
    r"电磁炉|电陶炉|电炉|电灶|全电|纯电|(?:用|使用|烧)电(?![瓶动线路器箱表梯视脑话])|电的"
)
#: 没装燃气报警器, 报警器没有: at a gas item, the alarm missing (a 否), not the gas.
_NO_ALARM = re.compile(
    r"(?:没有?|未|无|不)(?:装|安装|配|买|有)?了?(?:燃气|煤气)?(?:泄漏)?报警|报警器?(?:没|没有|未装)"
)


def is_gas(item: CheckItem) -> bool:
    """An item about a kitchen's gas (用火用气, 燃气报警器…): a kitchen without gas answers
    none of them."""
    return item.thing == "燃气" or "燃气" in item.question


def says_no_gas(text: str) -> bool:
    """不用燃气, 用电磁炉, 用电的, 没有燃气 用电磁炉: the kitchen has no gas."""
    said = text.strip()
    if _NO_ALARM.search(said):
        return False
    gas_left = re.search(_GAS, _NO_GAS.sub("", said))
    return not gas_left and bool(_NO_GAS.search(said) or _ELECTRIC.search(said))


def _no_gas(item: CheckItem, gas_items: tuple[CheckItem, ...], said: str, env: FormEnv) -> Derived:
    """是 for this gas item, and for the venue's other gas items not answered yet, each with
    the owner's words as its account: 不用燃气 had been asked and answered four times over."""
    words = not_applicable(_parse_note(said if "气" in said else f"不用燃气，{said}", env))
    extra: dict[str, Any] = {}
    kind = env.answers.get("venue_kind")
    for other in gas_items:
        if other.key == item.key or f"item_{other.key}" in env.answers:
            continue
        if kind is not None and not other.applies_to(kind):
            continue
        extra[f"item_{other.key}"] = words
    return Derived(words, extra)


#: 不知道, 不确定, 怎么看: the owner cannot tell, and is told how to (`CheckItem.how`).
_UNSURE = re.compile(
    r"不(?:太|大)?(?:知道|晓得|清楚|确定|懂|会看)|搞不清|弄不清|说不准|看不懂|看不出"
    r"|怎么看|怎么查|怎么检查|如何查看|怎么知道|没看过|没注意|没留意|没检查过"
    r"|^(?:要|该|应该)?(?:看|查)(?:哪里|哪儿|哪|什么|啥)|^在?(?:哪里|哪儿|哪)(?:看|查)"
)


def how_to_check(item: CheckItem) -> str:
    """The hint for an owner not sure of `item`: how to check it, then the question again
    (请回答「是」或「否」 alone had left them guessing)."""
    if item.how:
        return f"不确定的话可以这样查：{item.how}。看好后请回答「是」或「否」。"
    return "不确定可以先到现场看一下，再回答「是」或「否」；看不准就回答「否」，简单说明情况。"


#: 算不算住宿？, 被子算不算堵了: the owner asks what the item means. A question is no
#: answer: it had been refused (请回答「是」或「否」) or kept as a 否 with itself as the 说明.
_ASKING = re.compile(
    r"[？?]\s*$|算不算|算不|算吗|算是吗|是不是|要不要|行不行|可不可以|能不能算|怎么算"
    r"|(?:什么|啥)(?:算|叫|意思)|(?:吗|么|嘛)[。.！!]?\s*$"
)


def what_counts(item: CheckItem) -> str:
    """The answer to an owner's question about `item`: what counts (`CheckItem.means`), else
    how to check it, else the question in other words; then 是/否 is asked again."""
    if item.means and item.absent:
        # 是 is the absence here (无人住宿): said, as 有人睡 reads as a yes.
        return f"这一项是说：{item.means}。没有这种情况回答「是」，有就回答「否」。"
    if item.means:
        return f"这一项是说：{item.means}。请按实际情况回答「是」或「否」。"
    if item.how:
        return how_to_check(item)
    return (
        f"这一项问的是：{item.question}做到了就回答「是」；"
        "没做到或拿不准就回答「否」，简单说明情况。"
    )


#: 通的, 都通, 通畅: at an item asking whether a passage is clear (是否畅通), it is; 不通 and
#: 有点不通 say it is not (通的 had got 请回答「是」或「否」).
_CLEAR = re.compile(r"^(?:都|也|全|全都)?(?:是)?(?:通|通畅|畅通|通着)(?:的|着|了|啊|呀|呢)*$")
_NOT_CLEAR = re.compile(r"^(?:有的|有些|有点|有地方)?不(?:太)?(?:通|畅通|通畅)")


def _passage(text: str) -> str | None:
    return _either(text.strip(), _CLEAR, _NOT_CLEAR)


#: A 否 said in this many characters or more says what is wrong (有两个过期了): it is kept
#: as the item's account, not asked for again.
_TOLD_LENGTH = 4
#: 是 已经换好了, 否，有一个过期了: the answer, then the owner's words about the item.
_ANSWER_THEN_WORDS = re.compile(r"(是的?|否|不是|对的?)[\s，,。：:、！!]+(\S.*)", re.S)


def _item_answer(
    item: CheckItem, gas_items: tuple[CheckItem, ...] = ()
) -> Callable[[str, FormEnv], str | Derived]:
    """The reader of `item`'s 是/否; `gas_items`, the checklist's items about gas, answered
    with it when `item` is one of them and the owner says the kitchen has none."""
    gas = is_gas(item)
    smoking = "吸烟" in item.question
    passage = "畅通" in item.question

    def read(text: str, env: FormEnv) -> str:
        if gas and _NO_ALARM.search(text):
            return NO
        if passage and (clear := _passage(text)) is not None:
            return clear
        if smoking and (smoke := _smoking(text)) is not None:
            return smoke
        if item.absent and (absent := _absent_answer(text)) is not None:
            return absent
        if item.thing and (none := _none_of(item, text)) is not None:
            return none
        try:
            return _parse_answer(text, env)
        except Invalid:
            echoed = _echoed(text, item.question)
            if echoed is None and "看管" in item.question:
                echoed = _watched(text)
            if echoed is None and "室外" in item.question:
                echoed = _outdoors(text)
            if echoed is None and not item.absent:
                echoed = _restated(text, item)
            if echoed is None and _UNSURE.search(text):
                raise Invalid(how_to_check(item)) from None
            if echoed is None:
                raise
            return echoed

    def _whole(said: str, env: FormEnv, otherwise: str) -> str:
        """The answer the whole of 是，有两个过期了 gives (否: the words take it back)."""
        try:
            return read(said, env)
        except Invalid:
            return otherwise

    def parse(text: str, env: FormEnv) -> str | Derived:
        """烟感有，应急灯不亮了 is a 否 and its account: the account had been asked for
        again, and whatever came next (是, meant for the next item) kept in its place.
        是 已经换好了: the words after the answer are the item's 说明 (they had been lost),
        unless they say the opposite (是，有两个过期了 is a 否 told)."""
        said = text.strip()
        if _ASKING.search(said) and not _UNSURE.search(said):
            raise Invalid(what_counts(item))
        if gas and says_no_gas(said):
            return _no_gas(item, gas_items, said, env)
        then = _ANSWER_THEN_WORDS.fullmatch(said)
        if then is not None and (answer := read(then[1], env)) == _whole(said, env, answer):
            return Derived(answer, {f"note_{item.key}": _parse_note(then[2], env)})
        if item.key in env.answers.get("redo", ()) and says_fixed(said):
            # 已经把电动车挪到外面了 at the item sent back: its fix, in the owner's words,
            # which the officer reads (a bare 是 had been kept, or the words refused).
            return Derived(YES, {f"note_{item.key}": _parse_note(said, env)})
        answer = read(text, env)
        if answer == YES and _lacks(item, said):
            # 没有厨房 at 用火用气 had been kept as a bare 是: the officer saw ✅ and not why.
            return not_applicable(_parse_note(said, env))
        if smoking and _smoking(said) is not None:
            # 没人抽烟: a 是 in the owner's words, kept as its account, as a 否's are.
            return Derived(answer, {f"note_{item.key}": _parse_note(said, env)})
        # 不在室外 only denies the question's words: what is wrong is still to be told.
        told = said.lower() not in _NO_WORDS and _echoed(said, item.question) is None
        if answer == NO and len(said) >= _TOLD_LENGTH and told:
            return Derived(NO, {f"note_{item.key}": _parse_note(said, env)})
        return answer

    return parse


def _lacks(item: CheckItem, said: str) -> bool:
    """没有厨房, 店里没有电动车: the venue has nothing the item asks about. Not so where the
    question asks for the thing's absence (不装内锁): 没有内锁 there is the 是 itself, and
    had been shown as 不适用."""
    thing = item.thing
    if thing and re.search(rf"不(?:装|设|用|放)?{re.escape(thing)}", item.question):
        return False
    if _ABSENT.search(said):
        return True
    return bool(thing) and bool(re.search(rf"(?:没有?|无|不用)(?:什么)?{re.escape(thing)}", said))


def _parse_note(text: str, _env: FormEnv) -> str:
    return parse_free_text(text, max_length=300)


def _note_of(item: CheckItem) -> Callable[[str, FormEnv], str]:
    """The account of a fault: a bare 是 or 否 there (meant for the next item) says nothing
    of it, and had been kept as 「说明：是」."""

    def parse(text: str, env: FormEnv) -> str:
        said = text.strip().lower()
        if said in _YES_WORDS or said in _NO_WORDS:
            raise Invalid(
                f"请用一句话说明「{item.name}」哪里不符合、打算怎么整改，"
                "如「有两个灭火器过期了，本周内换新」。"
            )
        return _parse_note(text, env)

    return parse


#: 跳过, 暂时没法拍, 现在拍不了, 没带手机, 以后补: the owner cannot take the photo now.
_CANNOT_SHOOT = re.compile(
    r"跳过|(暂时|现在|目前)?(没法|没办法|无法|不能|不方便|不好)拍|拍不了|没(有)?(带)?(手机|相机)"
    r"|手机(坏|没电)|(以后|回头|稍后|晚点|晚些|明天)(再)?(补|拍|发)|先不拍|没拍|不拍|没(有)?照片"
)


def show_item_photo(value: Any) -> str:
    return f"{len(value)}张" if value else "未拍照（可以以后补拍）"


def _one_photo(item: CheckItem, field: FormField) -> FormField:
    """The item's required photo: its first photo answers it and the next item follows, so
    the generic 发完请回复「完成」 would have the owner's 完成 answer that next item. An owner
    who cannot take it now says so (跳过, 暂时没法拍): the item is recorded 未拍照 (an empty
    list), which the officer sees, rather than the photo being asked for ever."""

    collect = field.parse

    def parse(text: str, env: FormEnv) -> Any:
        if env.photos:
            return collect(text, env)
        said = text.strip()
        if _CANNOT_SHOOT.search(said):
            return []  # 未拍照
        raise Invalid(
            f"这一项需要拍一张「{item.name}」的照片：请直接发送照片，收到后自动进入下一项；"
            "暂时没法拍请回复「跳过」，以后可以补拍。"
        )

    # 是 at the photo (the item's answer said again) is met by the form itself, which
    # says the step wants its photo (`bot.forms.answer`).
    return replace(field, parse=parse, show=show_item_photo)


def _applies(item: CheckItem) -> Callable[[Any], bool]:
    def ask(answers: Any) -> bool:
        return item.applies_to(answers["venue_kind"])

    return ask


def _photo_sent(item: CheckItem) -> Callable[[Any], bool]:
    """An item without a photo step has one only for a photo sent at its 是/否 anyway: never
    asked, but shown in the summary and changed with 修改 like the others."""

    def ask(answers: Any) -> bool:
        # 补拍 of a photo the officer asked for at a rectification: asked again.
        later = item.key in answers.get("photos_for", ())
        return item.applies_to(answers["venue_kind"]) and (f"photo_{item.key}" in answers or later)

    return ask


def _answered_no(item: CheckItem) -> Callable[[Any], bool]:
    def ask(answers: Any) -> bool:
        return bool(answers.get(f"item_{item.key}") == NO)

    return ask


def _redoing(item: CheckItem) -> Callable[[Any], bool]:
    def ask(answers: Any) -> bool:
        return item.key in answers.get("redo", ())

    return ask


def item_fields(item: CheckItem, items: tuple[CheckItem, ...] = ()) -> tuple[FormField, ...]:
    """The fields of `item`, one of the checklist's `items`."""
    fields = [
        FormField(
            f"item_{item.key}",
            item.name,
            f"【{item.name}】{item.question}",
            _item_answer(item, tuple(i for i in items if is_gas(i))),
            choices=(YES, NO),
            ask_when=_applies(item),
            show=show_answer,
            # A photo of the extinguisher sent as the answer: kept as the item's photo.
            photos_to=f"photo_{item.key}",
        ),
        FormField(
            f"note_{item.key}",
            f"{item.name}说明",
            # What to write is in the question itself: asked again after a bare 是 (which
            # the form answers with 还差这一项), it had given no hint of it.
            f"请简要说明「{item.name}」的情况和整改打算（哪里不符合、准备怎么改、什么时候改好）：",
            _note_of(item),
            ask_when=_answered_no(item),
            depends_on=(f"item_{item.key}",),
            photos_to=f"photo_{item.key}",  # a photo of the fault, sent with its account
        ),
    ]
    if item.photo:
        fields.append(
            _one_photo(
                item,
                photo_field(
                    f"photo_{item.key}",
                    f"{item.name}照片",
                    f"请拍一张「{item.name}」的照片发过来（暂时没法拍请回复「跳过」）：",
                    most=1,
                    least=1,
                    ask_when=_applies(item),
                ),
            )
        )
    else:
        fields.append(
            photo_field(
                f"photo_{item.key}",
                f"{item.name}照片",
                f"请发送「{item.name}」的照片：",
                most=1,
                ask_when=_photo_sent(item),
            )
        )
        fields.append(
            photo_field(
                f"fix_{item.key}",
                f"{item.name}整改照片",
                f"如已整改「{item.name}」，可以发送整改后的照片，发完回复「完成」：",
                most=3,
                ask_when=_redoing(item),
            )
        )
    return tuple(fields)


def _receipt(
    inspection: Inspection, venue: Venue, failed: list[CheckItem], unshot: list[str]
) -> list[Reply]:
    lines = [
        f"✅ 「{venue.name}」的消防安全自查已提交（编号 #{inspection.id}），等待民警审核。",
    ]
    if failed:
        lines.append(f"以下项目不符合要求，请尽快整改：{'、'.join(i.name for i in failed)}。")
        lines.extend(f"⚠️ {item.urgent}" for item in failed if item.urgent)
    if unshot:
        lines.append(
            f"以下项目未拍照，已如实记录，民警审核时能看到：{'、'.join(unshot)}。"
            f"方便时请发送「{photos_command(inspection.id)}」补拍。"
        )
    lines.append("审核结果会通过这里通知您。")
    return [Text("\n".join(lines))]


def photos_command(inspection_id: int | None) -> str:
    return f"/自查 补拍 {inspection_id}"


async def _photos(ctx: Context, answers: Answers, name: str) -> list[str]:
    return await sanitise(ctx.services, answers.get(name))


async def _new(
    ctx: Context, items: tuple[CheckItem, ...], venue: Venue, answers: Answers
) -> Inspection:
    beat = await ctx.session.get(Beat, venue.beat_id)
    assert venue.id is not None and beat is not None and ctx.person.id is not None
    inspection = Inspection(
        venue_id=venue.id,
        station_id=beat.station_id,
        beat_id=venue.beat_id,
        submitted_by_person_id=ctx.person.id,
        submitted_at=ctx.now,
    )
    ctx.session.add(inspection)
    await ctx.session.flush()
    assert inspection.id is not None
    position = 0
    for item in items:
        if f"item_{item.key}" not in answers:
            continue
        position += 1
        photo = await _photos(ctx, answers, f"photo_{item.key}")
        ctx.session.add(
            InspectionItem(
                inspection_id=inspection.id,
                position=position,
                key=item.key,
                name=item.name,
                question=item.question,
                ok=passed(answers[f"item_{item.key}"]),
                note=item_note(answers, item.key),
                photo=photo[0] if photo else None,
                photo_missing=item.photo and not photo,
            )
        )
    return inspection


async def _resubmit(
    ctx: Context, items: tuple[CheckItem, ...], inspection: Inspection, answers: Answers
) -> list[str]:
    """Store the rectified items; returns the names of those still without their photo."""
    stored = {
        i.key: i
        for i in (
            await ctx.session.exec(
                select(InspectionItem).where(InspectionItem.inspection_id == inspection.id)
            )
        ).all()
    }
    by_key = {item.key: item for item in items}
    # Items the station added to its checklist since the first submission.
    for item in items:
        if item.key not in stored and f"item_{item.key}" in answers:
            assert inspection.id is not None
            stored[item.key] = InspectionItem(
                inspection_id=inspection.id,
                position=len(stored) + 1,
                key=item.key,
                name=item.name,
                question=item.question,
                ok=passed(answers[f"item_{item.key}"]),
            )
            answers["redo"] = [*answers["redo"], item.key]
    unshot = []
    for key in answers["redo"]:
        row = stored.get(key)
        if row is None or key not in by_key or f"item_{key}" not in answers:
            continue
        row.ok = passed(answers[f"item_{key}"])
        row.note = item_note(answers, key)
        photo = await _photos(ctx, answers, f"photo_{key}")
        fixes = await _photos(ctx, answers, f"fix_{key}")
        if photo and row.photo:
            # A photo taken while rectifying shows the fix: it goes beside the photo of the
            # fault, which it had replaced (the officer could not compare the two). The very
            # photo of the fault sent again is kept too: the review points it out, where it
            # had left the item rectified with no photo of the fix and nothing said.
            fixes = [*photo, *fixes]
        elif photo:
            row.photo = photo[0]
        # The officer asked for a photo of the fix and none came this time: the photo of
        # the fault, kept from before, is no proof of it (通过 had been given unwarned).
        skipped = key in answers.get("photo_asked", ()) and not photo and not fixes
        row.photo_missing = (by_key[key].photo and row.photo is None) or skipped
        if row.photo_missing:
            unshot.append(row.name)
        row.fix_photos = dump(fixes)
        row.rectified_at = ctx.now
        ctx.session.add(row)
    inspection.status = InspectionStatus.PENDING
    inspection.round += 1
    inspection.resubmitted_at = ctx.now
    ctx.session.add(inspection)
    # The officer's reminder to check the rectification: the check is now the review.
    await close_generated(
        ctx.session, rectify_task_source(inspection.id), ctx.now, "负责人已提交整改，待复核"
    )
    return unshot


async def _photos_later(ctx: Context, inspection: Inspection, answers: Answers) -> list[Reply]:
    """The photos recorded 未拍照, sent now: each one sent replaces its 未拍照 (a photo of a
    fix the officer asked for joins the fix's photos, beside the fault's)."""
    rows = (
        await ctx.session.exec(
            select(InspectionItem)
            .where(
                InspectionItem.inspection_id == inspection.id,
                col(InspectionItem.key).in_(answers["photos_for"]),
            )
            .order_by(col(InspectionItem.position))
        )
    ).all()
    sent, still = [], []
    for row in rows:
        photo = await _photos(ctx, answers, f"photo_{row.key}")
        if not photo:
            still.append(row.name)
            continue
        if row.photo and fix_photo_missing(row):
            # The photo of the fix the officer asked for: it had replaced the photo of the
            # fault, and the review showed it as the item's photo, not as 整改后.
            row.fix_photos = dump([*load(row.fix_photos), *photo])
            sent.append(f"{row.name}（整改后）")
        else:
            row.photo = photo[0]
            sent.append(row.name)
        row.photo_missing = False
        ctx.session.add(row)
    lines = []
    if sent:
        lines.append(
            f"✅ 已补拍「{'、'.join(sent)}」的照片（自查 #{inspection.id}），民警审核时能看到。"
        )
    if still:
        lines.append(
            f"「{'、'.join(still)}」仍未拍照，方便时请发送「{photos_command(inspection.id)}」补拍。"
        )
    return [Text("\n".join(lines))]


#: 不查了, 今天先不查了, 算了不自查了，明天再说, 不搞了 太麻烦: the owner stops the inspection.
#: At a 是/否 or a photo they had been read as a bad answer (请回答「是」或「否」) and the
#: question asked again; 不搞了 at a 是/否 had been kept as 是.
#: Not 不用查了, which at an item says it does not apply (不用查了 没有电动车).
STOPS = re.compile(
    r"(?:算了|那|好了)?[，,\s]*(?:我|今天|现在)?(?:先|暂时|就)?"
    r"不(?:想|要)?(?:自查|检查|查|做|搞|弄|整)了"
    r"(?:吧|啊|呀|哈)?(?:[，,。.！!\s]+\S.*)?[。.！!]*",
    re.S,
)


#: 算了先不弄了 来客人了, 等会再弄, 晚点再说, 在忙: the owner is called away, and the form
#: waits for 继续 (see `bot.forms.pause`); at a 说明 the words had been kept as the plan.
#: Every part of the message says so: 晚点再搬 at a 说明 is a plan, and kept.
_PAUSE_PART = (
    r"算了|好了|哎呀?|不好意思|那个?|我|现在"
    r"|先不(?:弄|搞|做|查|填|写|自查)了?|先(?:这样|到这里?|放着|放一放)"
    r"|(?:来|有)(?:客人|客|顾客)了?|来人了|有?(?:客人|顾客|人)来了|有事(?:了|要忙)?"
    r"|(?:等|等一下|等一会儿?|等会儿?|待会儿?|一会儿?|晚点|晚些|回头|忙完|改天)"
    r"(?:再)?(?:弄|搞|做|查|填|写|说|来|回复|继续|拍)?"
    # 明天再弄, 晚上再拍 (算了 明天再弄 at a photo had got its question again): a later
    # time only with 再 and a verb of the form's, where 明天换 at a 说明 is a plan.
    r"|(?:明天|明早|明儿|今晚|晚上|下午|过会儿?|稍后)再(?:弄|搞|做|查|填|写|说|来|继续|拍)"
    r"|(?:有点|太|很|正在|在)?忙(?:着|呢|了|死了)?|先忙"
)
#: 先不查了 alone stops today's inspection, as 不查了 and 今天先不查了 do: it had set the
#: form aside, kept open a day unasked; 先不查了 来客人了 is still a pause.
_PAUSE_SAID = (
    r"先不(?!自?查)|先这样|先到这|先放|客|来人|人来|有事|等|待会|一会|晚点|晚些|回头|改天|忙"
    r"|再(?:弄|搞|做|查|填|写|说|来|继续|拍)"
)
PAUSES = re.compile(
    rf"(?=.*(?:{_PAUSE_SAID}))(?:(?:{_PAUSE_PART})(?:吧|啊|呀|哈|哦|呢)?[，,。.！!~～…\s]*)+",
    re.S,
)


def build_forms(items: tuple[CheckItem, ...]) -> tuple[Form, ...]:
    """The new inspection, the rectification and the photos sent later."""

    async def submit(ctx: Context, answers: Answers) -> list[Reply]:
        venue = await ctx.session.get(Venue, answers["venue_id"])
        owned = {v.id for v in await owned_venues(ctx.session, ctx.person.id, INSPECTED_KINDS)}
        if venue is None or venue.id not in owned:
            return [Text("您已不再是该场所的负责人，自查未提交。如有疑问请联系社区民警。")]
        if answers.get("photos_for"):
            inspection = await ctx.session.get(Inspection, answers["inspection_id"])
            if inspection is None or inspection.venue_id != venue.id:
                return [Text("没有找到这份自查，照片未保存。发送「/自查」查看。")]
            return await _photos_later(ctx, inspection, answers)
        if answers.get("inspection_id"):
            inspection = await ctx.session.get(Inspection, answers["inspection_id"])
            if inspection is None or inspection.status is not InspectionStatus.RECTIFY:
                return [Text("这份自查已不在待整改状态，无需重新提交。发送「/自查」查看。")]
            unshot = await _resubmit(ctx, items, inspection, answers)
            await submitted(ctx.session, inspection, venue, ctx.now)
            said = (
                f"✅ 整改情况已重新提交（自查 #{inspection.id}，第{inspection.round}次提交），"
                "等待民警复核。"
            )
            if unshot:
                wanted = {i.name for i in items if i.key in answers.get("photo_asked", ())}
                asked = "，民警要求拍照，复核时会看到" if wanted & set(unshot) else ""
                said += (
                    f"\n「{'、'.join(unshot)}」未拍照{asked}，方便时请发送"
                    f"「{photos_command(inspection.id)}」补拍。"
                )
            return [Text(said)]
        inspection = await _new(ctx, items, venue, answers)
        await submitted(ctx.session, inspection, venue, ctx.now)
        failed = [i for i in items if answers.get(f"item_{i.key}") == NO]
        unshot = [i.name for i in items if answers.get(f"photo_{i.key}") == [] and i.photo]
        return _receipt(inspection, venue, failed, unshot)

    fields = tuple(f for item in items for f in item_fields(item, items))
    return (
        Form(
            name=FORM_NAME,
            title="消防安全自查",
            fields=fields,
            submit=submit,
            intro="开始消防安全自查：请逐项如实回答，部分项目需要拍照。随时可回复「上一步」「修改 项目名」或「取消」。",
            cancelled="已取消消防安全自查，本次自查未提交。需要时发送「自查」重新开始。",
            stops=STOPS,
            pauses=PAUSES,
        ),
        # Their leads are written by the router, which knows the items and deadlines.
        Form(
            name=REDO_FORM_NAME,
            title="消防安全自查整改",
            fields=fields,
            submit=submit,
            stops=STOPS,
            pauses=PAUSES,
        ),
        Form(
            name=PHOTOS_FORM_NAME,
            title="自查补拍照片",
            fields=fields,
            submit=submit,
            stops=STOPS,
            pauses=PAUSES,
        ),
    )


async def _stored(ctx: Context, inspection: Inspection) -> list[InspectionItem]:
    rows = await ctx.session.exec(
        select(InspectionItem)
        .where(InspectionItem.inspection_id == inspection.id)
        .order_by(col(InspectionItem.position))
    )
    return list(rows.all())


def _prefill(
    inspection: Inspection, venue: Venue, rows: list[InspectionItem], asked: list[str]
) -> dict[str, object]:
    """Every stored answer but those of the items in `asked`."""
    prefill: dict[str, object] = {
        "venue_id": venue.id,
        "venue_kind": venue.kind.value,
        "inspection_id": inspection.id,
        "redo": [],
    }
    for row in rows:
        if row.key in asked:
            continue
        if row.ok and is_not_applicable(row.note):
            prefill[f"item_{row.key}"] = row.note  # 不适用 and why: the answer itself
        else:
            prefill[f"item_{row.key}"] = YES if row.ok else NO
        if row.note and not is_not_applicable(row.note):
            prefill[f"note_{row.key}"] = row.note
        if row.photo:
            prefill[f"photo_{row.key}"] = [row.photo]
        elif row.photo_missing:
            prefill[f"photo_{row.key}"] = []  # 未拍照: sent with 补拍, not asked here
    return prefill


#: 请更换并拍照, 补拍照片: the officer's note asks for a photo of the fix.
_PHOTO_ASKED = re.compile(r"拍照|照片|拍一张|拍个|拍下|补拍|图片")


def asks_photo(rectify_note: str) -> bool:
    return _PHOTO_ASKED.search(rectify_note) is not None


def fix_photo_missing(item: InspectionItem) -> bool:
    """The officer asked for a photo of the fix and the resubmission came without it."""
    return item.photo_missing and bool(item.rectified_at) and asks_photo(item.rectify_note)


async def redo_prefill(ctx: Context, inspection: Inspection, venue: Venue) -> dict[str, object]:
    """Everything but the items to rectify, so only those are asked again; `photo_asked`
    names those whose note asks for a photo, recorded 未拍照 when none comes."""
    rows = await _stored(ctx, inspection)
    redo = [r.key for r in rows if r.rectify_note and r.rectified_at is None]
    asked = [r.key for r in rows if r.key in redo and asks_photo(r.rectify_note)]
    return {**_prefill(inspection, venue, rows, redo), "redo": redo, "photo_asked": asked}


async def photos_prefill(ctx: Context, inspection: Inspection, venue: Venue) -> dict[str, object]:
    """Everything but the photos recorded 未拍照, so only those are asked."""
    rows = await _stored(ctx, inspection)
    missing = [r.key for r in rows if r.photo_missing]
    prefill = _prefill(inspection, venue, rows, [])
    for key in missing:
        del prefill[f"photo_{key}"]
    return {**prefill, "photos_for": missing}
