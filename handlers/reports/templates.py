"""The self-service report templates: what the station needs for each simple case, and what
the reporter should do next. Each becomes one chat form (see `handlers.reports.form`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.forms import Derived, FormEnv, FormField
from bot.forms.photos import photo_field
from bot.forms.spec import Parser
from bot.validators import Invalid
from bot.validators.documents import DocumentType, parse_document
from bot.validators.masking import mask_stored_id_number
from bot.validators.text import parse_free_text
from handlers.reports import witness_phone
from handlers.services.places import place_field
from handlers.services.when import parse_when, when_field
from handlers.tips.place import BUILDING
from knowledge.intent import asks, asks_what_follows
from storage.models import ReportKind


@dataclass(frozen=True)
class Template:
    kind: ReportKind
    #: Words that pick this template after `/报案` (the label always does).
    words: tuple[str, ...]
    fields: tuple[FormField, ...]
    next_steps: tuple[str, ...]
    #: Said before the first question, when minutes count (stopping a payment).
    urgent: str = ""
    #: The next steps that fit the answers (only the document that was lost), when they
    #: depend on them; else `next_steps`.
    steps_for: Callable[[Mapping[str, Any]], tuple[str, ...]] | None = None

    def steps(self, answers: Mapping[str, Any]) -> tuple[str, ...]:
        return self.steps_for(answers) if self.steps_for else self.next_steps


def _text(limit: int) -> Callable[[str, FormEnv], str]:
    def parse(text: str, _env: FormEnv) -> str:
        return parse_free_text(text, max_length=limit)

    return parse


#: Everyday words for an option (电瓶车 is what many call an 电动车), typed as the answer or
#: found in a story told before the report (`handlers.reports.story`).
OPTION_WORDS = {
    "电瓶车": "电动车",
    "电驴": "电动车",
    "小电驴": "电动车",
    "电单车": "电动车",
    "单车": "自行车",
    "脚踏车": "自行车",
    "锁了": "已上锁",
    "上锁了": "已上锁",
    "锁好了": "已上锁",
    "没锁": "未上锁",
    "忘了锁": "未上锁",
    "没上锁": "未上锁",
    "不知道": "不记得",
    "忘了": "不记得",
    "驾照": "驾驶证",
    "车牌": "机动车号牌",
    "号牌": "机动车号牌",
}


#: What a spoken answer ends with that says nothing more: 锁了的, 没锁啊, 已上锁了。
_PARTICLE = re.compile(r"(?:[的了啊呀吧呢哦嘛哈]|\W)$")


#: Where a spoken answer's first clause ends (锁了的 还是被撬了).
_CLAUSE = re.compile(r"[\s，,。；;！!]+")
#: What goes on with the story after the option (还是被撬了), rather than answering another
#: question (电动车 雅迪白色 is two answers, read as such by the form).
_GOES_ON = re.compile(r"(?:还|而且|并且|另外|但是?|可是|结果|不过|却|也)")


def _option(said: str, options: tuple[str, ...]) -> str | None:
    while said:
        word = OPTION_WORDS.get(said, said)
        if word in options:
            return word
        # 锁了的 had got 请从选项中选择: the particle hid the word 锁了.
        shorter = _PARTICLE.sub("", said)
        said = "" if shorter == said else shorter
    return None


#: How a victim names the way they were cheated (说是公检法的, 让我做任务刷单): read at the
#: method's own question, and in a story told before the report (`handlers.reports.story`).
FRAUD_WORDS = (
    (re.compile(r"刷单|返利|做任务|点赞"), "刷单返利"),
    (re.compile(r"客服|退款|理赔"), "冒充客服"),
    (re.compile(r"公检法|公安|警察|检察|法院|通缉|洗钱|安全账户"), "冒充公检法"),
    (re.compile(r"贷款|借款|额度|征信"), "网络贷款"),
    (re.compile(r"交友|网恋|投资|理财|炒股|博彩"), "网络交友/投资"),
)
#: A story at a choice, rather than a word: this long or longer (说是公检法的，让我转账).
_STORY_AT_CHOICE = 6


def _told_option(said: str, told_by: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    """The one option a story told at its question names (说是公检法的…: 冒充公检法); None
    for a word, a question, or a story naming none or several."""
    if len(said) < _STORY_AT_CHOICE or asks(said):
        return None
    named = {option for pattern, option in told_by if pattern.search(said)}
    return named.pop() if len(named) == 1 else None


def _choice(
    options: tuple[str, ...], told_by: tuple[tuple[re.Pattern[str], str], ...] = ()
) -> Callable[[str, FormEnv], Any]:
    def parse(text: str, env: FormEnv) -> Any:
        said = text.strip()
        if (word := _option(said, options)) is not None:
            return word
        if (word := _told_option(said, told_by)) is not None:
            # 说是公检法的，说我涉嫌洗钱… had been kept as the story, the method asked
            # again: it names the method, and is the story too.
            told = env.answers.get("story")
            story = f"{told}；{said}" if told else said
            return Derived(word, {"story": story}, note=f"已记为「{word}」，这句记入「经过」。")
        # 锁了的 还是被撬了 had got 请从选项中选择: the option, said first; what follows is
        # added to the story already told, where there is one.
        first, *rest = _CLAUSE.split(said, maxsplit=1)
        more = "".join(rest).strip()
        if not _GOES_ON.match(more) or (word := _option(first, options)) is None:
            raise Invalid("请从选项中选择（回复序号也可以）。")
        told = env.answers.get("story")
        return Derived(word, {"story": f"{told}；{more}"}) if told else word

    return parse


# An amount in figures or words (3000, 两万多, 约5千); 不清楚 when the reporter cannot say.
_AMOUNT = re.compile(r"[0-9０-９零一二两三四五六七八九十百千万亿几]|不清楚|不知道|不记得|说不清")
#: Numbers that count hours, days or floors (昨晚9点, 3号楼): the 9 of 9点 had been taken as
#: the amount.
_NOT_AMOUNT = re.compile(
    r"[0-9０-９零一二两三四五六七八九十几]+\s*(?:[点时分秒号日月年天周楼栋幢层室路]|单元|个?小时)"
)
_MONEY = re.compile(r"[元块钱万千百]")
_ASK_AMOUNT = "请写大概的金额，如「3000元」「两万多」；说不清可回复「不清楚」。"
# A document or plate number has letters or digits (京A12345, 11010519…); a sentence has not.
_NUMBER_CHARS = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
_RESIDENT_NUMBER = re.compile(r"\d{17}[\dX]")


#: 我刚说了 3000多, 上面说过了：两千: the amount said again, after words that it was said.
_SAID_ALREADY = re.compile(
    r"^(?:我|不是)?(?:刚才?|刚刚|上面|前面|之前|已经)?(?:都)?(?:说|讲|写)(?:了|过了?)"
    r"(?:吗|啊|呀|嘛)?[\s，,。：:！!]*"
)


def _amount(text: str, env: FormEnv) -> str:
    value = parse_free_text(text, max_length=100)
    value = _SAID_ALREADY.sub("", value) or value
    if not _MONEY.search(value) and _names_a_moment(value, env):
        # 昨晚9点 once the time is in (before it, `handlers.reports.late` keeps it there).
        raise Invalid(f"这像是时间，不是金额。{_ASK_AMOUNT}")
    if not _AMOUNT.search(_NOT_AMOUNT.sub("", value)):
        raise Invalid(_ASK_AMOUNT)
    return value


def _names_a_moment(text: str, env: FormEnv) -> bool:
    try:
        return "at" in parse_when(text, env)
    except Invalid:
        return False


def _document_number(text: str, env: FormEnv) -> str:
    value = parse_free_text(text, max_length=40)
    if len(_NUMBER_CHARS.findall(value)) < 4:
        raise Invalid("请输入证件号码或号牌号码（如 京A12345）；不记得可回复「跳过」。")
    if env.answers.get("document") == "身份证":
        # 17 digits had been taken for a lost ID card's number: checked as a guest's is.
        try:
            return parse_document(DocumentType.RESIDENT_ID, value, today=env.today)
        except Invalid as exc:
            raise Invalid(f"{exc.reason}。记不清可回复「跳过」。") from None
    return value


def _plate(text: str, _env: FormEnv) -> str:
    """A plate or frame number: 雅迪 白色 had been kept as one (the description, typed a
    step late)."""
    value = parse_free_text(text, max_length=40)
    if len(_NUMBER_CHARS.findall(value)) < 4:
        raise Invalid(
            "这不像车牌号或车架号（由字母和数字组成，如 浙A12345）。车辆的品牌、颜色要补充可回复"
            "「修改 品牌颜色」；不记得车牌可回复「跳过」。"
        )
    return value


def show_document_number(value: Any) -> str:
    """A lost ID card's number masked, as any ID number on a screen; a plate as typed."""
    if isinstance(value, str) and _RESIDENT_NUMBER.fullmatch(value):
        return mask_stored_id_number(value)
    return "（无）" if value in (None, "") else str(value)


def text_field(
    name: str,
    label: str,
    prompt: str,
    *,
    limit: int = 300,
    optional: bool = False,
    refuses_questions: bool = False,
) -> FormField:
    """`refuses_questions`: an answer that is never a question (an account, a number):
    one typed there is answered aside and the step asked again (see `FormField`)."""
    return FormField(
        name, label, prompt, _text(limit), optional=optional, refuses_questions=refuses_questions
    )


def choice_field(
    name: str,
    label: str,
    prompt: str,
    options: tuple[str, ...],
    told_by: tuple[tuple[re.Pattern[str], str], ...] = (),
) -> FormField:
    """A question with `options`; `told_by`, the words that name one in a story told at
    it (`FRAUD_WORDS`)."""
    return FormField(name, label, prompt, _choice(options, told_by), choices=options)


#: 左右吧, 晚上啊: the last word of a spoken time says nothing, and had kept the time from
#: being read (发生时间：11月29日下午3点左右吧). No time ends in one of these.
_TIME_FILLER = re.compile(r"[吧啊呀呢哦嘛]+[。.!！~～]*$")


def _spoken_time(parse: Parser) -> Parser:
    def parse_said(text: str, env: FormEnv) -> Any:
        return parse(_TIME_FILLER.sub("", text.strip()) or text, env)

    return parse_said


_WHEN = when_field(
    "when",
    "发生时间",
    "大概是什么时候发生（发现）的？（如 昨天早上7点、昨晚10点）：",
    past=True,
)
WHEN = replace(_WHEN, parse=_spoken_time(_WHEN.parse))
#: Followed by `BUILDING`: 楼下, 门口 alone are asked which estate or building, as a tip's
#: are (楼下 had been kept as the place, and the officer read 未能定位到警务区).
PLACE = place_field("place", "地点")

#: 小区有监控吗, 能调监控吗: asked with the answer at the suspects (没看到 小区有监控吗？),
#: answered aside; the answer is kept. It had been kept whole as the suspect.
_ASKS_CAMERAS = re.compile(r"监控|摄像头|录像")
CAMERAS = (
    "关于监控：小区、商铺的监控一般由物业或店家保管，需要时由民警依法调取；您可以先请物业"
    "把那段时间的录像保存好（很多设备几天后会自动覆盖），不要自己去翻找或与人争执。"
)
#: The answer to a question about cameras, said before the question after the suspects
#: (`_witnesses_prompt`); a derived answer of the suspects', so it goes with them.
ASIDE = "aside"
#: Where a question ends, or a clause does: 没看到 小区有监控吗？ is two.
_CLAUSE_END = re.compile(r"(?<=[？?])|[\s，,。；;！!]+")


def _answering_cameras(parse: Parser) -> Parser:
    """The suspects' parser, a question about cameras answered aside (`CAMERAS`): the rest
    of the message is the answer. Asked alone, or when the witnesses are answered already
    (修改 嫌疑人), there is no next question to say it at: it is said, and this one asked
    again."""

    def parsed(text: str, env: FormEnv) -> Any:
        parts = [part for part in _CLAUSE_END.split(text.strip()) if part]
        asked = [part for part in parts if _ASKS_CAMERAS.search(part) and asks(part)]
        if not asked:
            return parse(text, env)
        rest = "，".join(part for part in parts if part not in asked)
        if not rest or "witnesses" in env.answers:
            raise Invalid(CAMERAS)
        value = parse(rest, env)
        if isinstance(value, Derived):
            return Derived(value.value, {**value.extra, ASIDE: CAMERAS})
        return Derived(value, {ASIDE: CAMERAS})

    return parsed


def _witnesses_prompt(answers: Mapping[str, Any]) -> str:
    """The witnesses' question, after the answer to a question asked at the suspects."""
    aside = answers.get(ASIDE)
    return f"{aside}\n{WITNESSES.prompt}" if aside and "witnesses" not in answers else ""


_SUSPECTS = text_field(
    "suspects",
    "嫌疑人",
    "是否看到可疑人员？请描述性别、年龄、衣着、去向等：",
    optional=True,
)
SUSPECTS = replace(_SUSPECTS, parse=_answering_cameras(_SUSPECTS.parse))
_WITNESSES = text_field(
    "witnesses", "目击者", "现场是否有目击者？如有请写下称呼和联系方式：", optional=True
)
WITNESSES = replace(
    _WITNESSES,
    parse=witness_phone.noting_no_contact(_WITNESSES.parse),
    prompt_for=_witnesses_prompt,
    show=witness_phone.shown,  # a phone in it masked on the reporter's screen
)
#: What happened, and what the questions did not ask (the wallet, bank cards and 200元
#: lost with an ID card): the templates without a required 经过 end their case with it.
NOTES = text_field(
    "story",
    "经过及补充",
    "请简要说明经过；一起丢失的其他东西（如 钱包、银行卡、现金）或其他情况也请写上：",
    limit=500,
    optional=True,
)
PHOTOS = photo_field(
    "photos", "照片", "如有现场、物品或凭证的照片，可以直接发送，可多张，发完回复「完成」："
)

#: Also read at the questions before it (已上锁 at the plate: `handlers.reports.late`).
LOCKED = choice_field("locked", "是否上锁", "当时车辆是否上锁？", ("已上锁", "未上锁", "不记得"))

BIKE_THEFT = Template(
    ReportKind.BIKE_THEFT,
    ("电动车", "自行车", "车被盗", "丢车"),
    (
        choice_field("vehicle", "车辆类型", "被盗的是什么车？", ("电动车", "自行车")),
        text_field("vehicle_desc", "品牌颜色", "请描述车辆的品牌、颜色、型号和明显特征："),
        FormField(
            "vehicle_no",
            "车牌/车架号",
            "请输入车牌号或车架号（不记得可回复「跳过」）：",
            _plate,
            optional=True,
        ),
        FormField("value", "价值", "车辆（及车上物品）大约价值多少钱？", _amount),
        WHEN,
        PLACE,
        BUILDING,
        LOCKED,
        SUSPECTS,
        WITNESSES,
        NOTES,
        PHOTOS,
    ),
    (
        "请保管好购车发票、合格证和钥匙，民警核实时需要。",
        "可以先查看附近商户的监控是否拍到，但请勿自行追车或与可疑人员冲突。",
        "如发现被盗车辆，请立即拨打110。",
    ),
)

PICKPOCKET = Template(
    ReportKind.PICKPOCKET,
    ("扒窃", "被偷", "小偷", "钱包", "手机被偷"),
    (
        WHEN,
        PLACE,
        BUILDING,
        text_field("items", "被盗物品及价值", "请列出被盗物品和大致价值（如 手机一部约3000元）："),
        SUSPECTS,
        WITNESSES,
        NOTES,
        PHOTOS,
    ),
    (
        "手机被盗：请立即挂失手机卡，并冻结微信、支付宝等支付账户。",
        "银行卡被盗：请立即致电银行挂失。",
        "身份证被盗：可到户籍窗口申请补领。",
    ),
)

THEFT = Template(
    ReportKind.THEFT,
    ("盗窃", "失窃", "入室", "被撬"),
    (
        WHEN,
        PLACE,
        BUILDING,
        text_field(
            "items", "被盗财物及价值", "请列出被盗的财物和大致价值（如 收银台现金约2000元）："
        ),
        text_field(
            "story",
            "经过",
            "请简要说明经过：怎么发现的，门窗、柜台、锁有没有被撬：",
            limit=500,
        ),
        SUSPECTS,
        WITNESSES,
        PHOTOS,
    ),
    (
        "请保护好现场：被撬的门窗、柜台、抽屉先不要动、不要擦，等民警勘查。",
        "有监控的请尽快导出保存录像，很多设备几天后会自动覆盖。",
        "被盗的银行卡、存折请立即致电银行挂失。",
        "如发现嫌疑人还在附近，请立即拨打110，不要独自阻拦。",
    ),
)

FRAUD_TYPES = ("刷单返利", "冒充客服", "冒充公检法", "网络贷款", "网络交友/投资", "其他")
FRAUD = Template(
    ReportKind.FRAUD,
    ("诈骗", "被骗", "电信诈骗", "网络诈骗"),
    (
        choice_field(
            "fraud_type", "诈骗类型", "对方用的是什么手法？", FRAUD_TYPES, told_by=FRAUD_WORDS
        ),
        WHEN,
        text_field(
            "counterpart",
            "对方账号/电话",
            "对方的电话、微信/QQ号、网址或App名称：",
            # 报案要带身份证吗 had been stored as the account, and never answered.
            refuses_questions=True,
        ),
        FormField("amount", "被骗金额", "被骗多少钱？", _amount),
        text_field(
            "payment",
            "转账方式及收款账户",
            "通过什么方式转账？收款的账户、户名是什么？（如 银行卡转账 6222…）：",
            refuses_questions=True,
        ),
        text_field("story", "经过", "请简要说明被骗经过：", limit=500),
        photo_field(
            "photos",
            "截图",
            "请发送聊天记录、转账凭证等截图，可多张，发完回复「完成」：",
        ),
    ),
    (
        "立即拨打96110反诈专线，并联系您的银行（或支付平台）申请紧急止付、冻结对方账户。",
        "不要删除聊天记录、转账凭证和对方的联系方式，不要再向对方转账。",
        "小心“帮您追回损失”的二次诈骗：公安机关不会让您再转账。",
    ),
    urgent=(
        "⚠️ 如果刚刚转了账，请先拨打96110反诈专线或110，并马上联系银行（或支付平台）"
        "申请紧急止付，再回来填写。"
    ),
)

DOCUMENTS = ("身份证", "驾驶证", "行驶证", "机动车号牌", "护照", "其他证件")
_VEHICLE_PAPERS = "请到车管所或通过“交管12123”申请补领。"
#: What to do about each document, by the answer to 遗失的是什么.
_DOCUMENT_STEPS = {
    "身份证": "身份证：请持本报案回执到户籍窗口申请补领，补领前可办理临时身份证。",
    "驾驶证": f"驾驶证：{_VEHICLE_PAPERS}",
    "行驶证": f"行驶证：{_VEHICLE_PAPERS}",
    "机动车号牌": f"机动车号牌：{_VEHICLE_PAPERS}补领前请勿驾驶该车上路。",
    "护照": "护照：请持本报案回执到出入境管理窗口申请补发；近期要出境的，请尽早办理。",
    "其他证件": "其他证件：请持本报案回执向发证单位申请补办。",
}
_MISUSE = "如发现证件被他人冒用，请立即告知民警。"


def _lost_document_steps(answers: Mapping[str, Any]) -> tuple[str, ...]:
    step = _DOCUMENT_STEPS.get(str(answers.get("document")))
    return (step, _MISUSE) if step else (*_DOCUMENT_STEPS.values(), _MISUSE)


LOST_DOCUMENT = Template(
    ReportKind.LOST_DOCUMENT,
    ("遗失", "丢失", "证件", "车牌", "号牌", "身份证丢了"),
    (
        choice_field("document", "遗失物品", "遗失的是什么？", DOCUMENTS),
        FormField(
            "document_no",
            "证件/号牌号码",
            "证件号码或号牌号码（记得的话）：",
            _document_number,
            optional=True,
            show=show_document_number,
        ),
        WHEN,
        PLACE,
        BUILDING,
        NOTES,
    ),
    (*_DOCUMENT_STEPS.values(), _MISUSE),
    steps_for=_lost_document_steps,
)

DAMAGE = Template(
    ReportKind.DAMAGE,
    ("损坏", "财物损坏", "被砸", "被划"),
    (
        WHEN,
        PLACE,
        BUILDING,
        text_field("items", "损坏物品及价值", "什么东西被损坏？大致价值或维修费用是多少？"),
        text_field("story", "经过", "请简要说明经过：", limit=500),
        text_field(
            "counterpart",
            "对方情况",
            "知道是谁损坏的吗？请写下对方情况（不知道可回复「跳过」）：",
            optional=True,
        ),
        WITNESSES,
        PHOTOS,
    ),
    (
        "请保留现场照片、维修报价或发票。",
        "民警会联系双方了解情况，可以组织调解。",
    ),
)

TEMPLATES: tuple[Template, ...] = (BIKE_THEFT, PICKPOCKET, THEFT, FRAUD, LOST_DOCUMENT, DAMAGE)


def find_template(text: str) -> Template | None:
    text = text.strip()
    if not text:
        return None
    for template in TEMPLATES:
        if text == template.kind.label or any(word in text for word in template.words):
            return template
    return None


#: A resident's story that one of the templates could take as a report: (what was lost or
#: done, the template). Checked in order: a stolen e-bike is a bike theft, not a pickpocket.
_STORIES: tuple[tuple[re.Pattern[str], Template], ...] = (
    # 电动车昨晚在小区楼下被偷了: when and where, told between, within one clause.
    (re.compile(r"(电动车|电瓶车|自行车|单车)[^，。,.!！?？；;]{0,12}(被偷|被盗|偷了|丢了|不见了)|偷.{0,3}(电动车|电瓶车|自行车)"), BIKE_THEFT),
    (re.compile(r"(身份证|驾驶证|驾照|行驶证|车牌|号牌|护照|证件).{0,6}(丢了|丢失|遗失|不见了|掉了)"), LOST_DOCUMENT),
    # 客服让我转到安全账户，转了两万: the scheme told, 被骗 not said.
    (re.compile(r"被骗|骗了我|骗走|上当|(转|汇)给了?.{0,4}骗子|安全账户|(冒充|假)(客服|公检法|警察)|(客服|公检法|警察|警官|检察院|法院).{0,12}(转账|转到|转了|汇款|汇到)"), FRAUD),
    # 店里收银台的钱被偷了 had been offered 扒窃: a shop, a home or a store room is 盗窃.
    # 我家东西被偷了: a home said with 家 alone (not 大家 or 商家).
    (re.compile(r"(收银|钱箱|柜台|店|铺|家里|家中|(?:我|们|咱|俺|自己|老)家|屋里|房间|仓库|工地|办公室|厂).{0,8}(被偷|被盗|偷了|偷走|失窃|被撬)|(家|店|屋|仓库).{0,4}(进|来|遭)了?(小偷|贼)|入室|入户|失窃|撬(门|锁|窗)|(门|锁|窗).{0,2}被撬"), THEFT),
    (re.compile(r"(手机|钱包|包|钱).{0,6}(被偷|被扒|偷了|被盗)|偷了?我的?.{0,3}(手机|钱包|包|钱)|扒手|小偷"), PICKPOCKET),
    # 有人把我车划了 tells it as 被划 does.
    (re.compile(r"(被|把)(人|我的?)?.{0,4}(划|砸|刮|扎|撬)(了|坏|破)|(划|砸|扎|刮)坏了"), DAMAGE),
)  # fmt: skip


#: Schemes that cheat people out of money without a phone or a network (传销, 非法集资):
#: 被骗 in them is no telecom fraud, and no template here fits them.
_NOT_TELECOM = re.compile(r"传销|非法集资|集资诈骗")


#: A loss told (我的电动车被偷了，小偷会坐牢吗): the report is wanted, though what follows
#: is asked too (`knowledge.intent.asks_what_follows`).
_LOSS_TOLD = re.compile(r"被人?(?:偷|骗|抢|盗)|(?:偷|骗|抢)了?我|丢了|不见了|我的|我家|报案")


def template_for_story(text: str) -> Template | None:
    """The template a story such as 我的电动车被偷了 fits, if any: the law answer offers
    the report beside the articles. 被拉去传销被骗了三万 had been offered 「自助报案：电信
    网络诈骗」: a pyramid scheme is told to the police (110, 举报), not filed as one. A
    question of what follows, with no loss told (小偷会坐牢吗), is no story: it had been
    offered 「自助报案：扒窃」."""
    if asks_what_follows(text) and not _LOSS_TOLD.search(text):
        return None
    return next((t for pattern, t in _STORIES if pattern.search(text) and fits(text, t)), None)


#: A document that is a guest's or a tenant's (客人身份证丢了): theirs to report lost, not
#: the owner's who asks how to register them.
_SOMEONE_ELSES = re.compile(r"(客人|旅客|住客|租客|房客|顾客|客户)的?(身份证|驾驶证|护照|证件)")


def fits(text: str, template: Template) -> bool:
    """Whether a story may be offered `template`: not a pyramid scheme the telecom-fraud
    report (an FAQ answer on fraud offers that report whatever the words), nor a guest's
    lost ID card the owner's report of a loss (客人身份证丢了 能登记吗 had been offered
    「自助报案：证件/车牌遗失」)."""
    if template is LOST_DOCUMENT and _SOMEONE_ELSES.search(text) is not None:
        return False
    return not (template is FRAUD and _NOT_TELECOM.search(text) is not None)
