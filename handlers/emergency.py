"""Messages that describe an emergency get the emergency numbers first.

The bot is not an emergency line, and a resident who writes "救命 有人拿刀砍人" must not read
"没有理解" or a list of statutes first. The notice comes before whatever the message would
otherwise get, and replaces the bot's "not understood": a legal question that only mentions
such words (教唆自杀怎么判) still gets its answer after the notice. A fight that is over
(昨晚打起来了…我会被拘留吗) asks what happens now: no 如果危险正在发生 before its answer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Button, Choices, Reply, Text
from bot.middleware import Middleware
from bot.router import STAFF
from handlers.fallback.not_understood import CHOOSE_ABOVE
from knowledge.answer import FAQ_HEADING, NOTHING_DIRECT, NOTHING_FOUND
from knowledge.intent import asks_what_follows

#: How the fallback begins when a message is no answer to the buttons it showed last.

#: Who may be held (表弟被拉进传销 不让走): the asker, family, a friend.
_WHO = (
    "(我|我们|他|她|他们|人|孩子|女儿|儿子|老婆|老公|妈|爸|弟弟|哥哥|姐姐|妹妹|表弟|表哥|表姐"
    "|表妹|朋友|同学|家人|亲戚)"
)

#: 被人打了 现在在医院: beaten, told as news (被打了要报警吗 is a question on the law, 被打了疫苗
#: a jab, 被老师打了低分 a mark).
_BEATEN = (
    r"被.{0,4}打了(?!.{0,3}(疫苗|针|卡|电话|分|折|个))"
    r"(?!.*(吗|么|呢|怎么办|怎么处理|怎么判|会不会|能不能|可不可以|要不要)\W*$)"
)

#: Who beats the asker at home (老公又打我了): a family member, or the one they live with.
_FAMILY = (
    "(老公|丈夫|老婆|妻子|媳妇|男朋友|男友|女朋友|前夫|前妻|对象|我爸|爸爸|我妈|妈妈|爸妈|父母"
    "|继父|继母|后爸|后妈|公公|婆婆)"
)
#: 打我 as a blow, not a call (打我电话) or a thing of mine (打我的手机), nor my father (打我爸).
_HITS_ME = "打(了)?我(?!的|电话|手机|微信|爸|妈)"

#: A crime seen happening now (楼下有人在偷电动车电瓶, 有人正在抢包): an emergency for the one
#: who sees it, who had got the victim's 东西被偷了怎么办 and its 自助报案. Not 偷偷, 偷懒,
#: 偷拍 (no danger to call 110 for), nor 抢购, 抢红包, 抢车位.
IN_PROGRESS = (
    "有人.{0,6}(?:在|正在)(?:偷(?!偷|懒|看|拍|听|笑|税)|抢(?!购|红包|车位|票|位子?|救|修|险|答))"
    "|(?:正在|还在)偷(?!偷|懒|看|拍|听|笑|税)"
    "|(?:小偷|贼).{0,4}(?:正在|在)(?:偷|撬|砸)"
)

#: Someone known only from the internet (网友, 网恋对象, 网上认识的人): behind the
#: dating, gaming and investment scams that begin with a chat.
_MET_ONLINE = (
    "网友|网恋|网上认识|网上交的|网聊|在网上.{0,4}认识|(?:游戏|交友|婚恋|相亲|抖音|快手|陌陌|探探)"
    ".{0,4}(?:上|里|中)?认识"
)
#: Who calls or writes, in a scam told as it happens (接到个电话说…, 收到短信说…).
_CALLED = (
    "电话|来电|短信|(?:信息|消息)说|发来|客服|自称|说是|冒充|陌生|链接|二维码|理赔|退款|退费|"
    + _MET_ONLINE
)
#: What a scam asks for now, of one who calls or writes: add them on QQ or WeChat, click a
#: link, download an app. Alone these are everyday (加个微信好友, 朋友让我加他微信).
_ASKS_NOW = (
    "(?:让|要|叫|请|拉)我?.{0,6}加(?:他|她|对方|个|一下|上)?的?(?:QQ|qq|微信|企业微信|好友|群|钉钉)"
    "|(?:让|要|叫|请|带)我?.{0,8}(?:下载|下个|下一个|装个|装一个|安装)"
    ".{0,10}(?:app|App|APP|软件|会议|客户端|平台)"
)
#: Money asked for by someone met online (网恋对象让我转钱, 网友带我投资): a friend's
#: 让我转钱 is everyday, a stranger's from a chat is the scam.
_MONEY_ASKED = (
    "(?:让|要|叫|请|喊|带)(?:我|我们)?.{0,8}"
    "(?:转账|转钱|打钱|汇钱|汇款|充值|投资|理财|刷单|下注|炒币|买币|交钱|付款)"
)
#: Guest and tenant data asked for by phone or chat (说是派出所的，要我把旅客信息发给他).
_GUEST_DATA_ASKED = (
    f"^(?=.*(?:{_CALLED}|微信|QQ|qq|加我|发给|传给|拍给))"
    ".*(?:要|让|叫|请|索要|索取)(?:我|我们)?.{0,8}(?:旅客|客人|住客|房客|租客|入住)的?.{0,6}"
    "(?:信息|资料|名单|身份证|证件|登记|照片|记录|号码)"
)

#: (words or patterns, notice), first match wins: self-harm, then fire and gas ("着火了 快来人"
#: wants 119), then guest data asked for by phone, fraud (under way, then money gone),
#: missing people, people held, domestic violence, other danger, road accidents, and health.
NOTICES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("跳楼", "自杀", "想死", "轻生", "不想活", "割腕", "寻短见", "喝了?农药",
         "吃了?(一瓶|很多|好多)安眠药"),
        "⚠️ 如果您或身边的人有轻生的念头或已经伤害了自己，请立即拨打110或120，"
        "身边的人请尽量陪着，不要留下一个人。想找人说说话，可以拨打心理援助热线12356。",
    ),
    (
        ("着火了", "起火了", "失火了", "火灾了", "冒烟了", "煤气泄漏", "燃气泄漏", "爆炸了",
         "烧起来", "(在|正在)着火", "(在|正在)起火",
         "(煤气|燃气|天然气)味", "闻到.{0,6}(煤气|燃气|天然气)"),
        "⚠️ 发生火灾请立即拨打119，从安全出口撤离，不要乘坐电梯。"
        "燃气泄漏时不要开关电器、不要用明火，开窗后到室外再打电话。",
    ),
    (
        # Someone after an owner's guest data, passing for the police: the police never ask
        # for it by phone or chat (旅馆业治安管理办法: it goes through the hotel system).
        (_GUEST_DATA_ASKED,),
        "⚠️ 公安机关不会通过电话、微信、短信向您索要旅客或租客信息。请不要发送，也不要按对方"
        "说的操作，对方很可能是骗子。拿不准的，请直接问片区民警核实。",
    ),
    (
        # A scam under way, by phone or message (pretending to be the police, a bank, a
        # courier's or a shop's service): hang up before anything else. It had got the
        # advice for money already gone (刚转了账的…) and nothing to stop it going.
        ("安全账户", "涉嫌洗钱", "冒充公检法", "让我转账", "要我转账", "叫我转账",
         "共享屏幕", "屏幕共享", "假客服", "(转|汇|付)了.{0,12}(骗|假客服)",
         f"^(?=.*(?:{_CALLED})).*(?:{_ASKS_NOW})",
         f"^(?=.*(?:{_MET_ONLINE})).*(?:{_MONEY_ASKED})",
         "(?:让|要|叫|请)我?.{0,4}点(?:开|击|一下)?.{0,4}链接",
         "点(?:开|击|一下)?.{0,4}链接.{0,6}(?:解冻|理赔|退款|领取|激活|认证|注销)",
         "(?:短信|电话|来电|信息|消息|客服|说我|说您).{0,16}(?:被|已|将|要)冻结",
         "(?:接到|来了?|打来|收到).{0,4}(?:电话|短信|信息|消息).{0,20}(?:理赔|退款|退钱|退费|双倍赔偿)",
         # Passing for the police to the sender (not 那个冒充公安的长什么样, asked of one
         # an alert told of).
         "^(?=.*(?:电话|来电|短信|打给我|给我打|加我|让我|要我|叫我|说我|说您))"
         ".*(?:自称|说是|冒充|假装|假冒)(?:是)?.{0,4}(?:公安|警察|派出所|民警|检察|法院|法官|公检法)",
         # 这个短信是不是诈骗: asked while the message is still in front of them.
         "(?:短信|电话|来电|信息|消息|链接|网站|二维码|客服).{0,8}(?:是不是|是否|算不算|会不会是?|像)"
         ".{0,3}(?:诈骗|骗子|骗人|骗局)"),
        "⚠️ 这很可能是诈骗。请立即挂断或停止回复，不要加对方QQ、微信，不要点链接，不要共享屏幕"
        "或下载陌生App，不要转账或提供验证码。公检法机关不会通过电话办案，也没有“安全账户”。"
        "拿不准可拨打96110反诈专线或110核实；已经转账的请马上报警，并联系银行尝试止付。",
    ),
    (
        # Money already gone another way (online shopping, 刷单, investment, a stolen card):
        # the phone-call warning above would tell them nothing they can do now.
        ("被(人|他|她|别人|对方)?骗.{0,12}(转|汇|付|块|元|万)", "(转|汇|打)(了|给|到)?了?.{0,4}骗子", "钱.{0,6}被骗走",
         r"被骗了?\d", "被盗刷", "盗刷", "钱(就|都)?没了", "钱被转走", "点了.{0,6}链接",
         "(转|汇|打)了.{0,8}(万|千|块|元).{0,12}(联系不上|不回|拉黑|失联|打不通)",
         "出事了?.{0,6}要(交|转|打|汇).{0,6}(费|钱)"),
        "⚠️ 请保留聊天记录和转账、扣款凭证，立即拨打110或96110报警，并马上联系银行或支付平台"
        "止付、冻结账户，不要再向对方转账；也可发送「报案」登记。",
    ),
    (
        # The person is what is missing (孩子不见了), not a thing of theirs (孩子的自行车丢了).
        ("(孩子|小孩|儿子|女儿|老人|老人家|爷爷|奶奶|我妈|我爸)[^的]{0,6}(不见了|走丢|走失|丢了)",
         "找不到(孩子|小孩|儿子|女儿|老人)", "(孩子|小孩|儿子|女儿)[^的]{0,8}(抱走|拐走|带走了|拐跑)",
         "(孩子|小孩|儿子|女儿|老人)[^的]{0,4}找不到", "被拐"),
        "⚠️ 有人走失请立即拨打110，说清走失的时间、地点、衣着和体貌，并尽快提供近照。"
        "不要等24小时，报警越早越好。",
    ),
    (
        # Held somewhere (被关, 不让走, 手机被收: 非法拘禁; 他被扣了工资 holds no one), or
        # unable to speak: a call may not be possible, a text message is.
        ("被人(关|锁|困)",
         f"{_WHO}被(关|锁|困|扣|扣押|扣留|软禁|囚禁|控制)(在|起来|住|了)(?!.{{0,2}}(工资|钱|分|款|费|押金|\\d))",
         f"不让{_WHO}?(走(?!路)|离开|出来|出去|回家)(?!.{{0,6}}(加班|辞职|离职|上班))",
         "(手机|电话)(都|也|全)?被(收|没收|拿走|扣)",
         "收了?(我|他|她)的手机", "限制.{0,4}自由", "(关|锁|困|扣|拦|堵).{0,8}出不来",
         "偷偷.{0,4}(打字|发消息|发信息)", "(不敢|不能|没法)(出声|说话)"),
        "⚠️ 有人被关、被控制不让走（手机被收也算），请立即拨打110，说清地址（小区、楼栋、房间）"
        "和对方有几个人；不方便通话时，可以发短信到12110报警，并尽量保持手机静音。",
    ),
    (
        # 家暴: the danger notice alone had left out what is there for it (告诫书, 保护令,
        # 12338), and the fight FAQ after it had offered mediation (调解) to a victim.
        ("家暴", "家庭暴力", f"{_FAMILY}[^，,。？?\\s]{{0,4}}{_HITS_ME}",
         f"(又|要|还要|还在|天天|经常|老是|总是|一喝酒就|喝醉了?就?){_HITS_ME}",
         "打我和孩子", "打(了)?(我|我们)的?孩子"),
        "⚠️ 正在遭受家暴请立即拨打110；不方便说话时，部分地区可发短信到12110报警。"
        "有孩子的带上孩子，尽快到安全的地方（邻居、亲友家或人多的地方）。"
        "公安机关可以对施暴人出具告诫书，您也可以向法院申请人身安全保护令；"
        "需要帮助可拨打妇联维权热线12338。",
    ),
    (
        ("救命", "快来人", "砍人", "捅人", "捅了", "被捅", "杀人了", "拿刀", "持刀",
         "拿着(菜|砍|水果|尖)?刀", "追着?(人|我)砍", "在追(人|我)", "弄死我", "杀了我",
         "绑架", "被绑(?!定)", "劫持", "被跟踪", "跟踪我", "跟踪了", "有人闯(?!红灯)", "撬门",
         "打人了", "(正在|还在)打(?!电话|官司|印|工|针|游戏|球|牌)", "在打我(?!的|电话|手机)",
         "有人.{0,6}(打架|打人)", "在打架", "在打(一个|个)?(女|男|老|小孩|孩子|人)",
         "打小孩", r"被.{0,4}打了\W*$", _BEATEN, "被.{0,4}推倒", "打群架",
         "被.{0,4}打了.{0,10}(肿|伤|疼|骨折|晕|站不起)", "拿着?(棍|棒|铁棍|砖)",
         IN_PROGRESS, "进贼", "进了?小偷", "(小偷|贼)(还在|回来)", "入室", "被.{0,3}抢(了|走)", "抢劫", "抢(了|走了?)(我|她|他|人家)的",
         "被人?打了.{0,10}(血|伤)", "头破", "打孩子", "打起来", "砸东西", "撬.{0,4}门",
         "(一直|老是|总是)?跟着我", "(踹|砸)(我家|我们家|家)?的?门", "不敢开门",
         "(敲|拍)(我|我家|我们家|家)?的?门.{0,20}(怕|吓死)", "(喝多了|喝醉了).{0,10}(打|砸)", "被人?(拉|拖|拽|抱)上(了)?车",
         r"^\s*(我要|我想|帮我|快)?报警\W*$"),
        "⚠️ 如果危险正在发生，请立即拨打110报警，说清地点和情况，先保护好自己；"
        "有人受伤请同时拨打120。本平台的消息不能代替110报警。",
    ),
    (
        ("肇事逃逸", "撞了?(我|人)?.{0,10}(就跑|跑了|逃了|没停|开走了)", "有人被.{0,4}撞了",
         "撞到人了", "撞人了"),
        "⚠️ 发生交通事故请拨打122或110报警，有人受伤请拨打120。"
        "记下对方车牌、车型和离开的方向，拍照保留现场。",
    ),
    (
        ("晕倒", "昏迷", "不省人事", "没呼吸", "没有呼吸", "没气了", "大出血", "晕过去",
         "昏过去", "叫不醒", "抽搐", "口吐白沫", "流了?好多血", "血流不止", "流血不止",
         "都是血", "流血", "出血"),
        "⚠️ 如有人晕倒或受伤，请立即拨打120急救电话。",
    ),
)  # fmt: skip


#: Each entry's words as one pattern; a word may be a pattern itself (孩子……不见了).
_PATTERNS = tuple((re.compile("|".join(words)), notice) for words, notice in NOTICES)
#: Notices a report or tip (a story form) has no need of: telling how one was defrauded is
#: what the fraud report is for, and its first message gives this advice already.
_FRAUD = (NOTICES[3][1], NOTICES[4][1])
_GUEST_DATA = NOTICES[2][1]
_ABUSE, _DANGER, _ACCIDENT, _HEALTH = (NOTICES[i][1] for i in range(7, 11))
assert "安全账户" in _FRAUD[0] and "聊天记录" in _FRAUD[1] and "12338" in _ABUSE
assert "旅客" in _GUEST_DATA
assert "正在发生" in _DANGER and "122" in _ACCIDENT and "120" in _HEALTH

#: 传销 asks for money too (交了三万入会), but the phone-call and 止付 advice is not what a
#: family whose son is in a 传销 den needs: the 传销 FAQ after is (110 if held, 举报).
_PYRAMID = re.compile("传销")

#: The curated answer that goes under a notice, asked as the FAQ's own question, and whether
#: it is shown whatever the message matches itself. Under the 家暴 notice nothing else fits
#: (打架了会怎么处理 offers 调解); under the fraud ones the message's own sure match may
#: say more (信用卡被盗刷, 帮别人转账).
FAQ_AFTER: dict[str, tuple[str, bool]] = {
    _ABUSE: ("被家暴了怎么办", True),
    _FRAUD[0]: ("被骗了钱怎么办", False),
    _FRAUD[1]: ("被骗了钱怎么办", False),
}


#: Notices whose advice their curated answer gives first, in other words: over it, the
#: same warning twice (被人骗了500块钱怎么办 had read 止付 and 96110 in both, 被骗了 once).
_SAID_BELOW = (_FRAUD[1],)


def _said_below(notice: str, replies: list[Reply]) -> bool:
    """Whether `replies` hold the curated answer that says what `notice` says."""
    if notice not in _SAID_BELOW:
        return False
    heading = FAQ_HEADING + FAQ_AFTER[notice][0]
    return any(isinstance(r, Text | Choices) and r.text.startswith(heading) for r in replies)


def faq_after(text: str) -> tuple[str, bool] | None:
    """The FAQ question whose answer goes under the notice for `text`, and whether it goes
    there whatever `text` matches itself; None when the notice has none or there is none."""
    notice = emergency_notice(text)
    return FAQ_AFTER.get(notice) if notice is not None else None


#: What the articles and the curated answer under a notice must speak of, if any follow
#: it: a landlord asked for tenants' data by a caller (…会不会泄露个人信息) had read, after
#: the articles on personal information, the one on registering tenants (治安管理处罚法
#: 第五十七条, through 租客), as if it said whether to send them.
_ANSWER_ABOUT = {_GUEST_DATA: ("个人信息",)}


def answer_about(text: str) -> tuple[str, ...]:
    """The words one of which every article and curated answer shown under the notice for
    `text` holds; none when any may follow (see `knowledge.answer.LawAnswerer`)."""
    notice = emergency_notice(text)
    return _ANSWER_ABOUT.get(notice, ()) if notice is not None else ()


#: After an accident that is over (昨天被撞了 他跑了 能找到他吗), the scene is gone: what
#: finds the other side now is a report to the traffic police and the cameras near by.
PAST_ACCIDENT = (
    "⚠️ 事故已经过去的，请尽快到事发地的交警部门报案（也可拨打122），说清时间、地点和对方的"
    "样子、车辆特征，请交警调取附近的监控；受了伤先去医院检查，保留好病历和票据，之后索赔要用。"
)

#: Words that place a story in the past (昨晚打起来了), and those that say it is still going
#: on (现在还在门口堵我), which win over them.
_EARLIER = re.compile(
    "昨天|昨晚|昨日|昨儿|前天|前晚|上周|上星期|上礼拜|上个?月|前几天|前些天|前段时间|之前|那天|"
    "去年|上次|以前|曾经|年前"
)
_DONE = re.compile("已经")
_STILL = re.compile("正在|现在|快来|救命|还在|马上|赶紧")
#: 现在 that asks what can be done now (以前被家暴过 现在能起诉吗), not that it is happening.
_ASKING_NOW = re.compile("现在还?(能|可以|想|该)")
#: What someone asks about a fight that is over: what happens to them or the other side.
_CONSEQUENCES = re.compile(
    "拘留|坐牢|判刑|判几年|怎么判|会判|处罚|罚款|罚多少|案底|犯法|违法|犯罪|责任|赔偿|赔钱|赔多少"
    "|私了|调解|和解|起诉|追究|被抓|会怎么(样|处理)|怎么处理|严重吗|会有事|有事吗"
)


#: What someone asks of domestic violence in general or past (家暴可以离婚吗, 家暴怎么判):
#: what the law does about it, not a call for help.
_ABUSE_CONSEQUENCES = re.compile(
    f"{_CONSEQUENCES.pattern}|离婚|告他|告她|能告|可以告|抚养|保护令|告诫书|算不算|算家暴|属于"
)
#: Abuse told as one's own, now or about to be (我被家暴了, 老公又打我了, 他要打我).
_ABUSED_NOW = re.compile(f"{_HITS_ME}|被.{{0,3}}(家暴|打)了?(?!过)|(在|正在|还在)家暴")


#: Signs that the danger a question names is the asker's, now (有人在砸我家门 会判几年吗,
#: 我被抢了 会判几年): the notice stays before the answer.
_HAPPENING = re.compile(f"{IN_PROGRESS}|有人|我.{{0,3}}被|被我|在(?:打|砍|抢|砸|撬|追|跟|闯)")


def _fits(notice: str, text: str) -> bool:
    """Whether `notice`, found for `text`, fits it: 如果危险正在发生 and the 120 line do not
    lead the answer to 昨晚打起来了…我会被拘留吗, a question about what is over, nor the
    fraud notices a story of 传销, nor the 家暴 notice 家暴可以离婚吗, a question about
    what the law does (the DV answer says it), unless the message tells of abuse now; nor
    如果危险正在发生 抢劫罪判几年, a question about what a crime brings that tells of no
    danger to anyone now (the notice had come alone: its words were all the answer had)."""
    if notice in _FRAUD and _PYRAMID.search(text):
        return False
    still = _STILL.search(_ASKING_NOW.sub("", text)) is not None
    if notice == _ABUSE and not still and _ABUSE_CONSEQUENCES.search(text):
        told_past = _EARLIER.search(text) or _DONE.search(text)
        return not told_past and _ABUSED_NOW.search(text) is not None
    if notice not in (_DANGER, _HEALTH) or still:
        return True
    if notice == _DANGER and asks_what_follows(text) and not _HAPPENING.search(text):
        return False
    told_past = _EARLIER.search(text) or _DONE.search(text)
    return not (told_past and _CONSEQUENCES.search(text))


def _matched(text: str) -> tuple[re.Pattern[str], str] | None:
    """The first pattern that `text` raises a notice by, with its notice."""
    return next(
        (
            (pattern, notice)
            for pattern, notice in _PATTERNS
            if pattern.search(text) and _fits(notice, text)
        ),
        None,
    )


def emergency_notice(text: str, *, in_story: bool = False) -> str | None:
    """The notice for `text`, if it tells of an emergency. `in_story`: an answer in a report
    or tip, where a fraud is what is being reported, not happening now."""
    matched = _matched(text)
    notice = matched[1] if matched else None
    if notice == _ACCIDENT and _EARLIER.search(text) and not _STILL.search(text):
        return PAST_ACCIDENT
    return None if in_story and notice in (*_FRAUD, _GUEST_DATA) else notice


_SEEN_NOW = re.compile(IN_PROGRESS)


def seen_in_progress(text: str) -> bool:
    """Whether `text` tells of a crime seen happening now (有人在偷电动车电瓶), whose sender
    is to call 110 and may tip the police, not a victim to file a report."""
    return _SEEN_NOW.search(text) is not None and emergency_notice(text) == _DANGER


def notice_words(text: str) -> str:
    """The words of `text` that raise its notice (煤气泄漏 of 后厨煤气泄漏了怎么办), or "":
    an article that holds only these is no answer under the notice (see
    `knowledge.answer.LawAnswerer.answer`)."""
    matched = _matched(text)
    return "".join(found.group() for found in matched[0].finditer(text)) if matched else ""


#: Longer than this, the notice and the answer after it stay separate messages (a message
#: may hold 2048 bytes on WeChat, 4096 characters on Telegram).
_ONE_MESSAGE = 1200


def _one_message(notice: str, replies: list[Reply]) -> list[Reply]:
    """The notice and the texts after it as one message, as far as they fit: the notice, a
    FAQ and its 自助报案 offer had come as three. Options end a message (their buttons hang
    under it), so nothing is joined after them."""
    out: list[Reply] = [Text(notice)]
    for reply in replies:
        last = out[-1]
        if (
            isinstance(last, Text)
            and isinstance(reply, Text | Choices)
            and len(last.text) + len(reply.text) < _ONE_MESSAGE
        ):
            out[-1] = replace(reply, text=f"{last.text}\n\n{reply.text}")
        else:
            out.append(reply)
    return out


def _officer_offer(text: str, replies: list[Reply]) -> list[Reply]:
    """Under the guest-data notice, the way to the beat officer (to check the call, or to
    report the number), unless the replies offer it already: a landlord's 有人加我微信…让我
    把租客身份证号发给他 had got the tip offer (是，我要举报) and 「举报」 again under it."""
    offered = {
        b.value.split(" ", 1)[0] for r in replies if isinstance(r, Choices) for b in r.buttons
    }
    if "/问民警" in offered:
        return []
    ask = Button("问民警", f"/问民警 {text}")
    if "/举报" in offered:
        return [Choices("点「问民警」请片区民警核实。", (ask,))]
    return [
        Choices(
            "点「问民警」请片区民警核实，或点「举报」把对方的号码和说法告诉民警。",
            (ask, Button("举报", "/举报")),
        )
    ]


def emergency_first(not_understood: str, forms: FormEngine) -> Middleware:
    """Put the notice before whatever the message gets. In an open form the message is not
    taken as an answer (救命 saved as a time, a gas smell as a guest's name): the notice,
    then what the form waits for. In a report or tip the words are the story being told: the
    answer is taken, and the notice follows it. `not_understood` begins the reply the
    notice replaces."""

    async def middleware(next_handler: Handler, ctx: Context) -> list[Reply]:
        # Officers write these words all day (an alert on 入室盗窃, a 防诈 notice): the
        # numbers are for the people they serve.
        if ctx.role in STAFF or emergency_notice(ctx.inbound.text) is None:
            return await next_handler(ctx)
        commanded = ctx.match is not None and ctx.match.is_command
        form = None if commanded else await forms.open_form(ctx)
        if form is not None and form.story:
            replies = await next_handler(ctx)
            notice = emergency_notice(ctx.inbound.text, in_story=True)
            # The numbers first: the form's next question can wait, danger cannot.
            return [Text(notice), *replies] if notice else replies
        notice = emergency_notice(ctx.inbound.text)
        assert notice is not None
        if form is not None:
            return [Text(notice), *await forms.waiting(ctx)]
        replies = await next_handler(ctx)
        # After the numbers, 没有理解 or 没有找到…条文 reads as if help were not coming, and
        # 请点选上面的选项 (the fallback's word while earlier buttons wait) as if the
        # danger were a wrong answer to them.
        beside = (NOTHING_DIRECT, NOTHING_FOUND)
        lead = (not_understood, CHOOSE_ABOVE)  # each followed by what the role can send
        rest = [
            r
            for r in replies
            if not (isinstance(r, Text) and (r.text in beside or r.text.startswith(lead)))
        ]
        if notice == _GUEST_DATA:
            rest = [*rest, *_officer_offer(ctx.inbound.text.strip(), rest)]
        return rest if _said_below(notice, rest) else _one_message(notice, rest)

    return middleware
