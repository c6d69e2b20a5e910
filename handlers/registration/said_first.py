"""登记 李娜 330102198511124568 302房: what an owner types after the command.

People say a check-in in one breath. The words that are plainly a name, a resident ID
number, a room or a lease's start and length become the form's first answers, each read by its own field's parser and
check (a guest already in the house is refused as in the form); the form then asks only
for the rest, and the summary shows everything before it is submitted. What is not plainly
one of those is left for the form to ask. A stay's length (住两晚) said before the check-in
time, or a lease's length without its start, is kept for the form to read once it is known.
The same reading serves a sentence of several answers typed inside the form (`read`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from bot.context import Context
from bot.forms import Form, FormEnv
from bot.forms.clock import local_time
from bot.forms.spec import AskedBack, Derived, Read
from bot.validators import Invalid
from bot.validators.documents import DocumentType, parse_document_type
from bot.validators.idcard import parse_resident_id
from bot.validators.nationality import parse_nationality
from bot.validators.numerals import spoken_digits
from handlers.registration.relations import PARENTS, PARTY_RECEIPT, relation_said
from storage import memos
from storage.models import Venue

#: The memo that holds a one-breath check-in while the owner picks the place.
_MEMO = "said_first"

_ID_NUMBER = re.compile(r"\d{17}[\dXx]")
#: E12345678, H12345678, 12345678: the number after a document named (护照 E12345678);
#: six digits or more, so that a room (302, 1205A) is not taken for it.
_DOCUMENT_NUMBER = re.compile(r"[A-Za-z]{0,2}\d{6,}[A-Za-z]?")
#: 身份证320502…, 电话：138…: the label a number is typed with (the phone's parser reads its own).
_ID_LABEL = re.compile(r"(?:身份证号?码?|证件号码?)[:：]?(?=\d{17}[\dXx]$)")
_PHONE = re.compile(r"(?:电话|手机号?码?|联系电话)?[:：]?1\d{10}")
#: 3O2 too (the letter O for 0): the room's check asks it back (`Said.asked`), as at the
#: room's question, where it had been left out of a sentence without a word.
#: 302, 住3O3房; B-1 and A-1205 too, a building's letter before the number (B-1 had been
#: left unused, and the room asked again).
_ROOM = re.compile(
    r"(?:都?住在?)?(\d(?:\d|[Oo](?=\d)){0,4}[A-Za-z]?|[A-Za-z]-\d{1,5})(?:号房间?|房间?|室)?(?:的)?"
)
#: 租302, 租的1205室: the room a tenant rents. A round sum (租1500, 租2000) is a rent.
_RENTED_ROOM = re.compile(
    r"租(?:的|了)?(?:(\d{3,4}[A-Za-z]?)(?:号房间?|房间?|室)|(\d{3,4}[A-Za-z]?))"
)
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")
#: 下个月1号起租, 从12月1日开始租, 今天搬进来的: the lease's first day, said with the word
#: for it (今天搬进来 had been left unused, and the start asked again).
_LEASE_START = re.compile(
    r"(?:从|自)?(.+?)(?:起租|开始租|开租|租起|刚?搬进来|搬过来|搬来|住进来|入住)(?:了|的)?"
)
#: 租一年, 签了半年, 先租半年, 一年, 2027年11月30日到期: the lease's length or last day (read
#: once its start is).
#: 从今天开始租一年: the lease's start glued to its length, parted (the length had been lost).
_LEASE_GLUED = re.compile(
    r"(起租|开始租|开租|租起)(?=先?(?:租|签)?了?共?(?:[\d一二两三四五六七八九十]{1,2}|半)(?:年|个月))"
)
_LEASE_END = re.compile(
    r"先?(?:租|签)?了?共?\s*(?:[\d一二两三四五六七八九十]{1,2}|半)\s*(?:年|个月)|(?:到|至)?(.+?)到期"
)
#: 住两晚, 3天, 住到周五: a stay's length or last day, the guest's planned check-out.
_STAY = re.compile(
    r"(?:再|多)?住?\s*[\d一二两三四五六七八九十]{1,3}\s*个?(?:晚上?|夜|天)|(?:住到|待到)\w+"
)
#: 男, 女的: the guest's sex, asked where the document does not say it (a passport).
_SEX = re.compile(r"[男女](?:性|的)?")
#: 1985年3月2号生的, 生日1985-03-02: a birth date with its four-digit year (a day without
#: one is the stay's), asked where the document does not say it.
_BIRTH = re.compile(
    r"(?:生日|出生日期|出生于?)?[:：]?(\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*[日号]?)"
    r"(?:生的?|出生的?)?"
)
#: 现在, 刚到: the check-in, said as its button says it.
_CHECK_IN = re.compile(r"现在|刚到|刚刚到?|刚来")
#: The parts of a day said after it of a check-out (后天早上才走, 明天中午退房).
DAY_PARTS = ("早上", "上午", "中午", "下午", "晚上")
#: 明天, 后天走, 大后天中午退房, 后天早上才走: the planned check-out day said alone, as its
#: buttons say it (the field's parser reads it; a part of the day had left it unused).
_CHECKOUT_DAY = re.compile(
    rf"(?:明天|明早|后天|大后天)(?:{'|'.join(DAY_PARTS)})?(?:才|就)?(?:走|退房|退)?"
)
#: What parts the answers of a sentence typed on a phone or by voice: spaces, and the
#: marks put where a space would go (李娜，3201…，302房).
_APART = re.compile(r"[\s,，、;；。!！]+")
#: A name glued to the number after it (王小明110101…, 身份证320502…): two words; but not
#: a day of the month (下个月1号起租 is one word), nor the month after a year (1985年3月2号),
#: nor a rent (月租1500, read as money).
_GLUED_NUMBER = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<!年)(?<!租)(?<!租金)(?<!押金)(?<!房费)(?=\d)(?!\d{1,2}[号日])"
)
#: 月租 1500, 租金：1800, 1500 元: the word before or after a number that makes it money
#: (a rent), never a room (月租1500 had been told 未记下房间号 1500).
_MONEY_BEFORE = re.compile(r"(?:租|租金|房租|月租|年租|押金|房费|价格|价钱)(?:是|为)?[:：]?$")
_MONEY_AFTER = re.compile(r"[元块]")
#: An ID number or a phone glued to the words after it (…1233电话是138…住两晚).
_LONG_NUMBER = re.compile(r"(\d{11,}[Xx]?)(?=[\u4e00-\u9fff])")
#: An ID number spaced as voice input writes it (110101 19900307 1233).
_SPACED_ID = re.compile(r"(?<!\d)(\d{6})\s?(\d{8})\s?(\d{3}[\dXx])(?!\d)")
#: A mobile number spaced as it is read out (138 1234 5678): one word, not three rooms.
_SPACED_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)[\s-](\d{4})[\s-](\d{4})(?!\d)")
#: Words of a stay or of the person's data, never a name: 住两晚, 下个月1号起租, 身份证号码是.
_STAY_WORDS = re.compile(
    r"[住租搬晚押]|走|退房|退租|到期|起租|[上下]个?月|[上下]周|明年|今年|身份证|证件|号码|电话|手机"
    # 小明 … 现在 明天: the stay's days, never a name (明天 had been taken as the name).
    r"|现在|刚到|刚刚|[今明后]天"
)
#: Words that say who someone is, never what they are called (一家三口, 老外, 台湾客人,
#: 她老婆, 小孩5岁): taken as the name, 一家三口 had been registered as a guest's name.
_WHO_WORDS = re.compile(
    r"客人|旅客|住客|租客|租户|老外|外国|一家|家人|夫妻|两口子|老婆|老公|媳妇|爱人|丈夫|妻子"
    r"|小孩|孩子|儿子|女儿|宝宝|婴儿|朋友|同事|来了|台湾|香港|澳门|台胞|港澳"
)
#: 还有一个, 另外一位, 同一间, 跟刚才那个一样: words that say there is one more, or that
#: they share a room, never a name (还有一个 had been registered as a companion's name).
#: 我有个新租客要登记: 要登记 had been taken as the name (and refused at the form).
_FILLER = re.compile(
    r"还有|另外|另一|同一|一样|刚才|那个|这个|一起|也是|也住|登记|一个|一位|有个|有位"
)
#: 老婆刘芳, 她老公周杰: who the person is, glued to the name that follows.
_RELATION_GLUED = re.compile(
    r"(?<![\u4e00-\u9fff])([她他]?(?:老婆|老公|媳妇|爱人|丈夫|妻子|儿子|女儿|朋友|同事)是?)"
    r"(?=[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff]))"
)
#: 小孩5岁没身份证: a child said beside the guest, who is registered next.
_CHILD = re.compile(r"小孩|孩子|儿童|宝宝|婴儿|儿子|女儿|\d+岁")
#: John, O'Neil, Jean-Luc: a word of a name as a passport prints it (typed apart, John
#: Smith had lost its words, and 美国 beside it had been taken as the name).
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'’.\-]*(?: [A-Za-z][A-Za-z'’.\-]*)*")
#: A document's name inside a word (日本护照, 美国护照): no name holds one.
_DOCUMENT_WORDS = re.compile(r"护照|证件|通行证|身份证|居住证|台胞证|回乡证|永居证|绿卡")
#: 小刘, 老王, 阿强: what a person is called, not their name, when their name is said too.
_NICKNAME = re.compile(r"[小老阿][\u4e00-\u9fff]")
#: Words around the answers that are no name: 登记 张三 住 302.
_NOT_NAMES = frozenset(
    {
        "旅客",
        "客人",
        "住客",
        "入住",
        "住",  # 13812345678 住3O2: the room's word, parted from it
        "住在",
        "房间",
        "租客",
        "登记",
        "一下",
        "身份证",
        "电话",
        "手机",
        "手机号",
    }
)


@dataclass
class Said:
    """The answers found, and by field those of them its answer derived."""

    #: The chat's time when it was said: the times and days noted read as the chat says
    #: them (入住时间 今天 21:30, 预计退房 明天, as the summary shows them).
    now: datetime
    answers: dict[str, Any] = field(default_factory=dict)
    derived: dict[str, list[str]] = field(default_factory=dict)
    #: What looked like an answer but was refused, with the field's reason (证件号码：校验位…).
    refused: list[str] = field(default_factory=list)
    #: Further guests said in the same breath: the name before a second ID number, or "".
    others: list[str] = field(default_factory=list)
    #: What was said of each of `others` (刘芳 3201…): their form's first answers, kept
    #: by `keep_companions` for when it is started.
    companions: list[str] = field(default_factory=list)
    #: By field, words for a question whose answer needs one not said (住两晚 before the
    #: check-in time, 租一年 without the lease's start): the form reads them later.
    later: dict[str, str] = field(default_factory=dict)
    #: Words that are plainly none of the answers looked for.
    unused: list[str] = field(default_factory=list)
    #: By field, a word its check asks back (房间号是「302」吗？ of 3O2), with the question:
    #: the form opens on it, a 是 taking it, as at the question itself.
    asked: dict[str, tuple[str, AskedBack]] = field(default_factory=dict)
    #: A child was said beside the guest (小孩5岁没身份证): registered after, as another.
    child: bool = False


async def _read(
    ctx: Context, form: Form, name: str, text: str, answers: Mapping[str, Any], said: Said
) -> dict[str, Any]:
    """The field's answer (and what it derives) for `text`, or nothing if it is not one;
    a refusal is noted in `said` with its reason, so that the owner knows why it is asked."""
    asked = form.field(name)
    local = local_time(ctx)
    try:
        parsed = asked.parse(text, FormEnv(answers, local.date(), local))
    except Invalid as exc:
        said.refused.append(f"{asked.label}：{exc.reason}")
        return {}
    value, extra = (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
    if asked.check is not None and (reason := await asked.check(ctx, value, answers)):
        if isinstance(reason, AskedBack):
            said.asked[name] = (text, reason)
        else:
            said.refused.append(f"{asked.label}：{reason}")
        return {}
    return {name: value, **extra}


async def first_answers(ctx: Context, form: Form, said: str, fixed: Mapping[str, Any]) -> Said:
    """Answers of `form` plainly said in `said`; `fixed` are the answers it has already
    (prefilled, or given in the form), which are not read again."""
    found = Said(now=local_time(ctx))
    answers = found.answers
    names = {f.name for f in form.fields}
    words = _latin_names(_words(said))
    # A Latin word alone is a name only beside a document other than a resident ID card.
    foreign = any(_foreign_document(word) for word in words) or fixed.get("doc_type") not in (
        None,
        DocumentType.RESIDENT_ID.value,
    )
    numbered = False  # an ID number was seen, taken or refused: the next is another guest's
    ends: list[str] = []  # the lease's length or end, read after its start
    # Words refused as the name (来了个客人 in 来了个客人 张伟): said only if no name is taken.
    not_names = Said(now=found.now)
    relation = ""  # 他儿子 said at a 同住: the 同住关系, kept if it is asked of this guest
    for at, word in enumerate(words):
        known = {**fixed, **answers}
        word = _ID_LABEL.sub("", word)
        if _ID_NUMBER.fullmatch(word) and numbered:
            # 登记 周杰 <ID> 赵敏 <ID>: the form takes one guest; the next is named, not lost.
            before = _ID_LABEL.sub("", words[at - 1]) if at else ""
            named = before if _NAME.fullmatch(before) and not _WHO_WORDS.search(before) else ""
            # 老婆刘芳 <ID>, 他儿子 <ID>: who they are goes with them, for their 同住关系.
            kin = words[at - 2] if named and at >= 2 else before
            kin = kin if relation_said(kin) else ""
            found.others.append(named)
            found.companions.append(f"{kin} {named} {word}".strip())
            continue
        if _ID_NUMBER.fullmatch(word) and "doc_no" in names and "doc_no" not in known:
            numbered = True
            resident = {**known, "doc_type": DocumentType.RESIDENT_ID.value}
            number = await _read(ctx, form, "doc_no", word.upper(), resident, found)
            if number:
                answers.update({"doc_type": DocumentType.RESIDENT_ID.value, **number})
                found.derived["doc_no"] = [n for n in number if n != "doc_no"]
        elif _named_document(word) and "doc_type" in names and "doc_type" not in known:
            # 护照, 台胞证, 回乡证: the document, whose number may follow (护照 E12345678).
            answers.update(await _read(ctx, form, "doc_type", word, known, found))
        elif (
            _DOCUMENT_NUMBER.fullmatch(word)
            and not _PHONE.fullmatch(word)
            and "doc_type" in answers
            and "doc_no" in names
            and "doc_no" not in known
        ):
            numbered = True
            number = await _read(ctx, form, "doc_no", word.upper(), known, found)
            if number:
                answers.update(number)
                found.derived["doc_no"] = [n for n in number if n != "doc_no"]
        elif (country := _country(word)) and not word.isdigit():
            # 美国: the nationality, never the name (it is not asked for a resident ID).
            if "nationality" in names and "nationality" not in known:
                answers.update(await _read(ctx, form, "nationality", country, known, found))
            else:
                found.unused.append(word)
        elif _PHONE.fullmatch(word) and "phone" in names and "phone" not in known:
            # Before the room: 13800001111 is no room number.
            answers.update(await _read(ctx, form, "phone", word, known, found))
        elif _ROOM.fullmatch(word) and _money(words, at):
            found.unused.append(word)  # a rent, not a room
        elif (room := _ROOM.fullmatch(word)) and "room" in names and "room" not in known:
            answers.update(await _read(ctx, form, "room", room[1], known, found))
        elif (rented := _rented_room(word)) and "room" in names and "room" not in known:
            answers.update(await _read(ctx, form, "room", rented, known, found))
        elif (room := _ROOM.fullmatch(word)) and "room" not in names:
            # 住302 at a tenant's: the house is the place registered, with no room asked;
            # it had been dropped without a word.
            found.refused.append(f"房间号 {room[1]}：{form.title}按房屋登记，不填房间号。")
        elif _SEX.fullmatch(word) and "sex" in names and "sex" not in known:
            # 男: a passport's holder, whose sex the form would ask (it had been unused).
            answers.update(await _read(ctx, form, "sex", word[0], known, found))
        elif (
            (birth := _BIRTH.fullmatch(word))
            and "birth_date" in names
            and "birth_date" not in known
        ):
            answers.update(await _read(ctx, form, "birth_date", birth[1], known, found))
        elif _CHECK_IN.fullmatch(word) and "check_in" in names and "check_in" not in known:
            answers.update(await _read(ctx, form, "check_in", "现在", known, found))
        elif (
            (kin := relation_said(word))
            and "companion_relation" in names
            and fixed.get(PARTY_RECEIPT)
            and not (numbered and _numbered_after(words[at + 1 :]))
        ):
            # 还有一个 他儿子 王小明 <ID> at a 同住: said of this guest (a relation said
            # before another's ID number is that one's), kept once the age is known.
            relation = relation or kin
        elif (
            "name" in names
            and "name" not in known
            and _looks_like_name(word, foreign, words[at + 1 :])
        ):
            answers.update(await _read(ctx, form, "name", word, known, not_names))
        elif (
            (start := _LEASE_START.fullmatch(word))
            and "lease_start" in names
            and "lease_start" not in known
        ):
            answers.update(await _read(ctx, form, "lease_start", start[1], known, found))
        elif (end := _LEASE_END.fullmatch(word)) and "lease_end" in names and not ends:
            ends.append(end[1] or word)
        elif (
            (_STAY.fullmatch(word) or _CHECKOUT_DAY.fullmatch(word))
            and "checkout" in names
            and "checkout" not in found.later
            and "checkout" not in known
        ):
            if "check_in" in known:
                answers.update(await _read(ctx, form, "checkout", word, known, found))
            else:
                found.later["checkout"] = word  # counted from the check-in, asked next
        elif word not in _NOT_NAMES:
            # 他儿子 王小明 <ID> after the guest: the child is that one, already said.
            named_after = bool(relation_said(word)) and _numbered_after(words[at + 1 :])
            found.child = found.child or (bool(_CHILD.search(word)) and not named_after)
            found.unused.append(word)
    known = {**fixed, **answers}
    if "name" not in known:
        found.refused.extend(not_names.refused)
    if relation and "companion_relation" not in known:
        kept_for = form.field("companion_relation")
        # Asked of a minor only: an adult's (他老婆) is neither asked nor kept.
        if all(n in known for n in kept_for.depends_on) and kept_for.ask_when(known):
            answers.update(await _read(ctx, form, "companion_relation", relation, known, found))
    if answers.get("companion_relation") in PARENTS and "guardian_in_room" not in known:
        # 他儿子: the man in the room is the boy's father, so his guardian (it was asked all
        # the same, 同住的成年旅客是其父母或其他监护人吗).
        asked = form.field("guardian_in_room")
        known = {**fixed, **answers}
        if all(n in known for n in asked.depends_on) and asked.ask_when(known):
            answers.update(await _read(ctx, form, "guardian_in_room", "是", known, found))
    known = {**fixed, **answers}
    stay = found.later.pop("checkout", None)
    if stay is not None and "check_in" in known:
        # 住一晚 刚到: the stay counts from the check-in, said after it.
        answers.update(await _read(ctx, form, "checkout", stay, known, found))
    elif stay is not None:
        found.later["checkout"] = stay
    for end_word in ends if "lease_end" not in known else ():
        if "lease_start" in known:
            # 租一年 counts from the start, which may be said after it.
            answers.update(await _read(ctx, form, "lease_end", end_word, known, found))
        else:
            found.later["lease_end"] = end_word
    return found


def _money(words: Sequence[str], at: int) -> bool:
    """Whether the number `words[at]` is money by the word said before or after it (月租
    1500, 1500 元): a rent, never a room."""
    before = words[at - 1] if at else ""
    after = words[at + 1] if at + 1 < len(words) else ""
    return bool(_MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after))


def _rented_room(word: str) -> str:
    """The room of 租302 or 租的1205室; "" for a rent (租1500) or anything else."""
    found = _RENTED_ROOM.fullmatch(word)
    if found is None:
        return ""
    if found[1]:
        return found[1]
    return "" if found[2].isdigit() and int(found[2]) % 100 == 0 else found[2]


def _numbered_after(words: Sequence[str]) -> bool:
    """Whether an ID number is among `words`: another guest's, said after."""
    return any(_ID_NUMBER.fullmatch(_ID_LABEL.sub("", w)) for w in words)


async def read(ctx: Context, form: Form, said: str, answered: Mapping[str, Any]) -> Read:
    """`said` read for `form` as after its command, given the answers it has (see
    `bot.forms.spec.Form.reads`): a sentence means the same typed in the form."""
    found = await first_answers(ctx, form, said, answered)
    unused = [*found.unused, *(other or "另一位" for other in found.others)]
    # 3O2 in 13812345678 住3O2 at the phone had been said to be unused: asked back next.
    asked = {name: question for name, (_word, question) in found.asked.items()}
    return Read(found.answers, found.derived, found.later, unused, found.refused, asked)


#: Characters of chat, never of a name typed alone (算了, 不用了, 好吧).
_CHAT_CHARS = frozenset("了吗呢吧啊呀哦嗯的没不我你他她它这么啥谁哪")


def names_someone(text: str) -> bool:
    """张三, 欧阳娜娜, John Smith typed alone: a person's name, not a word of chat (算了)
    nor of who someone is (客人) — short, as a name typed by itself is."""
    words = _latin_names(_words(text))
    if len(words) != 1:
        return False
    word = words[0]
    if _LATIN_NAME.fullmatch(word):
        return " " in word
    return (
        len(word) <= 4
        and not _CHAT_CHARS & set(word)
        and not _PLACE_SUFFIX.search(word)  # 民宿: a place, of two that it names
        and _looks_like_name(word, False, ())
    )


#: 还有一个…同一间, 他老婆 李娜 <ID>: one more guest of the room just registered.
_COMPANION = re.compile(
    r"还有一?[个位]|另外一?[个位]|同一[间个]|一间房|同住|一起住|住一起|一样|"
    r"[她他](?:老婆|老公|媳妇|爱人|丈夫|妻子|的)|"
    # 还有他儿子 张小明 <ID>: the child of the guest just registered, not a new check-in.
    r"[她他](?:儿子|女儿|闺女|孩子|小孩|爸|妈|父亲|母亲)"
)


def says_companion(said: str) -> bool:
    """Whether `said` names the guest as one more of a room just registered (还有一个，他
    老婆 李娜 <ID> 同一间): a 同住 registration, not a new check-in."""
    return _COMPANION.search(said) is not None


def id_refused(said: str, today: date) -> tuple[str, str]:
    """The first resident ID number of `said` that its check refuses: the reason (身份证号
    校验位不正确…) and `said` with 身份证 for that number, kept for the form; ("", `said`) when
    there is none. Said before the place is picked, a wrong number had been said to be
    kept (证件号码已记下), and refused only once the place was chosen."""
    words = _words(said)
    for at, word in enumerate(words):
        number = _ID_LABEL.sub("", word)
        if not _ID_NUMBER.fullmatch(number):
            continue
        try:
            parse_resident_id(number, today=today)
        except Invalid as exc:
            # The type it says is kept: the form then asks for the number itself.
            return exc.reason, " ".join([*words[:at], "身份证", *words[at + 1 :]])
    return "", said


def holds_details(said: str) -> bool:
    """Whether `said` is nothing but answers a registration takes (a name, an ID number,
    a phone, a room, a document, a stay): 赵六 302 after 登记客人, worth keeping for its
    form; never a sentence (多给200块 行不行)."""
    words = _latin_names(_words(said))
    foreign = any(_foreign_document(word) for word in words)
    return bool(words) and all(
        _ID_NUMBER.fullmatch(word)
        or _PHONE.fullmatch(word)
        or _ROOM.fullmatch(word)
        or _STAY.fullmatch(word)
        or _named_document(word)
        or (not _CHAT_CHARS & set(word) and _looks_like_name(word, foreign, words[at + 1 :]))
        for at, word in enumerate(words)
    )


def tells_a_document(said: str) -> bool:
    """Whether `said` names a document other than a resident ID card with its number after
    it (护照M12345678, 台胞证 12345678): a foreign guest registered in one breath, as a
    resident ID number tells of a Chinese one."""
    words = _latin_names(_words(said))
    return any(
        _foreign_document(word)
        and _DOCUMENT_NUMBER.fullmatch(number) is not None
        and not _PHONE.fullmatch(number)
        for word, number in pairwise(words)
    )


def _named_document(word: str) -> bool:
    """护照, 台胞证: a document's name (a number is a room, not the menu's choice)."""
    if word.isdigit():
        return False
    try:
        parse_document_type(word)
    except Invalid:
        return False
    return True


def _looks_like_name(word: str, foreign: bool, after: Sequence[str]) -> bool:
    """John Smith (or Smith beside a passport), 李娜; not 小刘 before 刘洋, nor a word of
    who the person is, of the stay, or of a document."""
    if _LATIN_NAME.fullmatch(word):
        return " " in word or foreign
    return (
        _NAME.fullmatch(word) is not None
        and not (_NICKNAME.fullmatch(word) and _name_after(after))
        and word not in _NOT_NAMES
        and not _DOCUMENT_WORDS.search(word)
        and not _STAY_WORDS.search(word)
        and not _WHO_WORDS.search(word)
        and not _FILLER.search(word)
    )


def _name_after(words: Sequence[str]) -> bool:
    """Whether a word of `words` looks like a full name (刘洋 after the nickname 小刘)."""
    return any(
        _NAME.fullmatch(w)
        and not _NICKNAME.fullmatch(w)
        and w not in _NOT_NAMES
        and not _STAY_WORDS.search(w)
        and not _WHO_WORDS.search(w)
        and not _FILLER.search(w)
        and not _DOCUMENT_WORDS.search(w)
        and not _country(w)
        for w in words
    )


def _foreign_document(word: str) -> bool:
    """护照, 台胞证: a document whose holder's name may be in Latin letters."""
    return _named_document(word) and parse_document_type(word) is not DocumentType.RESIDENT_ID


#: 来了个韩国客人, 韩国籍, 日本的: a country said of the guest, with the words around it
#: (韩国客人 had been left unused, and the nationality asked again).
_COUNTRY_SAID = re.compile(
    r"(?:来了?|有)?一?[个位]?(?P<country>[\u4e00-\u9fff]{2,6}?)(?:籍|人|的)*"
    r"(?:客人|旅客|住客|游客|租客|租户|朋友|小伙子?|姑娘|男的|女的)?"
)


def _country(word: str) -> str:
    """美国, 日本人, USA, 韩国客人: a listed country (or region) the word names, else "" (not
    for two letters: IN, MY, LA are as likely a part of a name; nor 内蒙古, no country)."""
    if word.isascii() and len(word) < 3:
        return ""
    said = _COUNTRY_SAID.fullmatch(word)
    for named in (word, *([said["country"]] if said else [])):
        try:
            found = parse_nationality(named)
        except Invalid:
            continue
        if found.code is not None and named.strip():
            return found.name
    return ""


def _latin_names(words: list[str]) -> list[str]:
    """`words` with a name typed in Latin letters (John Smith) as one word, and a country
    glued to its document (日本护照) as two."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if _LATIN_WORD.fullmatch(word) and not _named_document(word) and not _country(word):
            run.append(word)
            continue
        if run:
            joined.append(" ".join(run))
            run = []
        split = next(
            (
                (word[:at], word[at:])
                for at in range(2, len(word) - 1)
                if _country(word[:at]) and _named_document(word[at:])
            ),
            None,
        )
        joined.extend(split or ([word] if word else []))
    return joined


#: 客人叫刘洋身份证号…: a name said by voice, glued to the words around it (it had been
#: lost, and 刘洋 asked for again).
_CALLED = re.compile(
    r"(?:名字叫|名字是|姓名是|名叫|叫做|叫)([\u4e00-\u9fff·]{2,4}?)"
    r"(?=身份证|证件|护照|电话|手机|住|\d|[\s,，、;；。]|$)"
)
#: 护照M12345678, 护照号：E12345678, 叫KIM MINSU: a document's number led by a letter, or a
#: name in Latin letters, glued to the Chinese word before it (the number had been lost,
#: and the document asked again).
_LATIN_GLUED = re.compile(
    r"(?:名字叫|名字是|姓名是|名叫|叫做|叫)(?=[A-Za-z])"
    r"|(?<=[\u4e00-\u9fff])(?:号码?)?[:：]?(?=[A-Za-z]{1,2}\d{6,}[A-Za-z]?(?![A-Za-z\d]))"
)
#: 306房间刚入住…: a room said first, glued to the sentence after it.
_ROOM_GLUED = re.compile(r"(?<!\d)(\d{1,5}[A-Za-z]?(?:号房间?|房间?|室))(?=[\u4e00-\u9fff])")
#: 303来了两个人: the room the guests came to, glued to what is said of them (it had been
#: dropped, and the room asked again).
_ROOM_ARRIVED = re.compile(r"(?<![\dA-Za-z])(\d{2,5}[A-Za-z]?)(?=来了|入住|住进|新来|进来)")
#: 护照号 E12345678, 护照号码: the document, its number after it (护照号 had been left unused,
#: and with it the number and the nationality).
_DOCUMENT_NUMBER_WORD = re.compile(r"(护照|通行证|台胞证|回乡证|居住证|永居证)号码?[:：]?")


def _words(said: str) -> list[str]:
    """The words of `said` that may each be an answer (or a place's name)."""
    said = _SPACED_PHONE.sub(r"\1\2\3", _SPACED_ID.sub(r"\1\2\3", spoken_digits(said)))
    said = _DOCUMENT_NUMBER_WORD.sub(r"\1 ", _ROOM_ARRIVED.sub(r"\1 ", said))
    said = _THERE_GLUED.sub(r"\1 ", said)
    said = _ROOM_GLUED.sub(r"\1 ", _CALLED.sub(r" \1 ", _LATIN_GLUED.sub(" ", said)))
    said = _RELATION_GLUED.sub(r"\1 ", _LEASE_GLUED.sub(r"\1 ", said))
    said = _GLUED_NUMBER.sub(" ", _LONG_NUMBER.sub(r"\1 ", said))
    return [w for w in _APART.split(said) if w]


#: Documents whose number carries a check digit `parse_document` verifies.
_CHECKED = (DocumentType.RESIDENT_ID.value, DocumentType.RESIDENCE_PERMIT.value)


def _quiet_note(name: str, answers: Mapping[str, Any]) -> str:
    """What stands for a number not echoed: 已校验 only where its check digit was verified;
    a phone number or a passport's is only of the right form (已校验 had promised more)."""
    checked = name == "doc_no" and answers.get("doc_type") in _CHECKED
    return "（已校验）" if checked else "（已记下）"


def said_line(form: Form, said: Said, who: str = "旅客", then: str = "同住") -> str:
    """已记下：姓名 李娜、证件号码（已校验）、联系电话（已记下）、房间号 302 — the numbers
    themselves are not echoed — a line for each part refused (未记下证件号码：…), and one
    for each further `who`, to be registered by sending `then`."""
    followers = {name for names in said.derived.values() for name in names}
    parts = []
    for asked in form.fields:
        if asked.name not in said.answers or asked.name in followers:
            continue
        # A number is not echoed (others may read the screen); 「证件号码。」 alone at the
        # end had read as if the number were cut off.
        quiet = asked.name in ("doc_no", "phone")
        value = said.answers[asked.name]
        shown = (
            _quiet_note(asked.name, said.answers) if quiet else f" {asked.shown(value, said.now)}"
        )
        parts.append(f"{asked.label}{shown}")
    lines = [f"已记下：{'、'.join(parts)}。"] if parts else []
    lines.extend(f"未记下{refusal}" for refusal in said.refused)
    for name, words in said.later.items():
        needs = "、".join(form.field(n).label for n in form.field(name).depends_on)
        lines.append(f"「{form.field(name).label}」（{words}）已记下，待「{needs}」填好后算出。")
    for other in said.others:
        lines.append(
            f"还有{other or '另一位' + who}：这位登记完成后，发送「{then}」接着登记"
            "（刚才写的姓名、证件号码会直接填入）。"
        )
    if said.child:
        lines.append(
            f"还有孩子：这位登记完成后，发送「{then}」接着登记；孩子没办身份证的，"
            "用户口本上孩子那一页的「公民身份号码」登记。"
        )
    return "\n".join(lines)


async def keep_said(ctx: Context, said: str) -> bool:
    """Keep what was said while the owner is asked which place (or 旅客 or 租客): the
    answer starts the form with it. Whether anything was kept. A number alone is kept too:
    登记 302 is the room (a place's number from the list is taken before it gets here)."""
    said = said.strip()
    if said:
        await memos.remember(ctx.session, ctx.user_key, _MEMO, said, ctx.now)
        return True
    # A bare 登记: an older one-breath check-in is not what this one says.
    await memos.forget(ctx.session, ctx.user_key, _MEMO)
    return False


async def said_before(ctx: Context) -> str:
    """What `keep_said` kept, once, if it is still fresh (the form's own expiry)."""
    fresh_for = timedelta(minutes=ctx.services.settings.forms.expire_minutes)
    kept = await memos.recall(ctx.session, ctx.user_key, _MEMO, ctx.now, fresh_for)
    await memos.forget(ctx.session, ctx.user_key, _MEMO)
    return kept or ""


def _companions_memo(form: Form) -> str:
    return f"companions:{form.name}"


async def keep_companions(ctx: Context, form: Form, said: Said) -> None:
    """Keep what was said of the further guests (刘芳 3201…) for their own registration,
    started after this one (同住); a check-in that names none forgets older ones."""
    memo = _companions_memo(form)
    if said.companions:
        await memos.remember(ctx.session, ctx.user_key, memo, "\n".join(said.companions), ctx.now)
    else:
        await memos.forget(ctx.session, ctx.user_key, memo)


async def companion_said(ctx: Context, form: Form, since: datetime | None = None) -> str:
    """What `keep_companions` kept of the next further guest, once; "" if nothing is
    fresh (the form's own expiry) or it was kept after `since`, the registration it goes
    with (another check-in started since then named them)."""
    memo = _companions_memo(form)
    fresh_for = timedelta(minutes=ctx.services.settings.forms.expire_minutes)
    kept = await memos.recall(ctx.session, ctx.user_key, memo, ctx.now, fresh_for)
    written = await memos.written_at(ctx.session, ctx.user_key, memo)
    if not kept or written is None or (since is not None and written > since):
        return ""
    first, _, rest = kept.partition("\n")
    if rest:
        await memos.remember(ctx.session, ctx.user_key, memo, rest, written)
    else:
        await memos.forget(ctx.session, ctx.user_key, memo)
    return first


#: What the 登记旅客 / 登记租客 buttons of `登记` send after the command when something was
#: said with it: "take what I wrote", kept by `keep_said`. A button's value comes back as
#: the user's text and is shown in some clients, so it never carries the ID number itself.
SAID_KEPT = "刚才写的"


async def said_or_kept(ctx: Context, said: str) -> str:
    """`said`, or, when it is or ends with `SAID_KEPT`, what `keep_said` kept for it
    (once), after the words before it (2 302号房 of a button that says the room)."""
    before, _, last = said.strip().rpartition(" ")
    if last != SAID_KEPT:
        return said
    return f"{before} {await said_before(ctx)}".strip()


def says_room(said: str) -> bool:
    """Whether a word of `said` reads as a room (302, 3O2房): 张伟 <ID> 302, never an ID
    number or a phone."""
    return any(_ROOM.fullmatch(word) for word in _latin_names(_words(said)))


def _names_of(place: Venue) -> set[str]:
    """悦来旅馆, 悦来, 旅馆, and each with 的: the words that name the place (whole words
    only, so that a guest 张家豪 is not the place 张家客栈)."""
    core = _PLACE_SUFFIX.sub("", place.name)
    # 民宿 for 枫林民宿: the kind names it when it is the owner's only one of that kind
    # (`place_named` takes a word that names one place only).
    kind = place.name[len(core) :]
    names = {place.name, *([core] if len(core) >= 2 else []), *([kind] if kind else [])}
    # 民宿那边来了个客人: the place said as where it happened (the place had been asked).
    return names | {f"{name}{end}" for name in names for end in ("的", *_THERE)}


#: 民宿那边, 悦来这边: a place said as where, glued to what happened there.
_THERE = ("那边", "这边", "那儿", "那里")
_THERE_GLUED = re.compile(f"({'|'.join(_THERE)})(?=[\u4e00-\u9fff])")


#: What a place's name ends with that owners leave out: 悦来 for 悦来旅馆.
_PLACE_SUFFIX = re.compile(r"(旅馆|民宿|宾馆|酒店|客栈|招待所|公寓|旅社|饭店)$")


def place_named(places: Sequence[Venue], said: str) -> tuple[Venue | None, str]:
    """The one place of `places` that a word of `said` names (悦来, 悦来的, 枫林民宿), and
    `said` without that word; (None, said) if none or several do."""
    words = _words(said)
    found = [(place, word) for place in places for word in words if word in _names_of(place)]
    if len({place.id for place, _ in found}) != 1:
        return None, said
    place, word = found[0]
    return place, " ".join(w for w in words if w != word)
