"""Commands, keywords and help."""

from __future__ import annotations

import pytest

from bot.context import Context
from bot.messages import Reply
from bot.router import STAFF, Router
from storage.models import Role


async def _noop(_ctx: Context) -> list[Reply]:
    return []


def _router() -> Router:
    router = Router()
    router.route("bind", commands=("绑定", "bind"), help="绑定身份")(_noop)
    router.route("register", commands=("登记",), keywords=("登记",), help="登记")(_noop)
    router.route("hits", commands=("命中",), roles=STAFF, help="比中")(_noop)
    return router


@pytest.mark.parametrize(
    ("text", "name", "args", "is_command"),
    [
        ("/绑定 ABCD-EFGH", "bind", "ABCD-EFGH", True),
        ("/BIND abcd", "bind", "abcd", True),
        ("／绑定　ABCD", "bind", "ABCD", True),  # full-width slash and space
        ("/bind@jingmin_bot CODE", "bind", "CODE", True),
        ("登记", "register", "", False),
        ("  登记  ", "register", "", False),
        ("登记 302", "register", "302", False),
        ("／命中　＃１２", "hits", "#12", True),  # full-width digits and signs of codes
        ("/绑定 ＡＢＣＤ－ＥＦＧＨ", "bind", "ABCD-EFGH", True),
        # Chinese punctuation in the arguments is the user's own text: kept as typed.
        ("登记 张三，男；住302？", "register", "张三，男；住302？", False),
        ("/命中12", "hits", "12", True),  # the number typed without its space
        ("登记302", "register", "302", False),
        # The slash says a command starts: its name glued to any argument still is one.
        ("/命中12号房的那个", "hits", "12号房的那个", True),
        ("/登记张三 302", "register", "张三 302", True),
        ("/命中12补充：核对，谢谢！", "hits", "12补充：核对，谢谢！", True),  # as typed
    ],
)
def test_matches(text: str, name: str, args: str, is_command: bool) -> None:
    match = _router().match(text)
    assert match is not None
    assert (match.route.name, match.args, match.is_command) == (name, args, is_command)


@pytest.mark.parametrize("text", ["", "登记一下好吗", "/unknown", "我要登记", "绑定一下", "bind"])
def test_no_match(text: str) -> None:
    assert _router().match(text) is None


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("绑定", "bind", ""),
        ("绑定 ABCD-EFGH", "bind", "ABCD-EFGH"),
        ("命中3", "hits", "3"),
        ("绑定KR8Y-88SH", "bind", "KR8Y-88SH"),
    ],
)
def test_a_chinese_command_without_its_slash_is_a_bare_match(
    text: str, name: str, args: str
) -> None:
    match = _router().match(text)
    assert match is not None and match.bare and not match.is_command
    assert (match.route.name, match.args) == (name, args)


def test_a_route_added_after_matching_is_found() -> None:
    """Matching looks names up in tables built from the routes: adding one rebuilds them."""
    router = _router()
    assert router.match("/日报") is None and router.suggest("看看日报", Role.OFFICER) is None
    router.route("daily", commands=("日报",), help="日报")(_noop)
    match = router.match("/日报")
    assert match is not None and match.route.name == "daily"
    suggestion = router.suggest("看看日报", Role.OFFICER)
    assert suggestion is not None and suggestion.route.name == "daily"


def test_help_lists_only_what_the_role_may_use() -> None:
    router = _router()
    assert any("/命中" in line for line in router.help_lines(Role.OFFICER))
    assert not any("/命中" in line for line in router.help_lines(Role.RESIDENT))


def test_help_gives_officers_their_own_line_where_the_route_differs_for_them() -> None:
    router = Router()
    router.route("report", commands=("报案",), help="自助报案", staff_help="待处理报案")(_noop)
    assert router.help_lines(Role.OFFICER) == ["/报案 — 待处理报案"]
    assert router.help_lines(Role.RESIDENT) == ["/报案 — 自助报案"]


def test_two_routes_cannot_claim_the_same_command() -> None:
    router = _router()
    with pytest.raises(ValueError, match="reuses"):
        router.route("other", commands=("bind",))(_noop)


@pytest.mark.parametrize("text", ["命中 人员 窝藏怎么判", "绑定 要收费吗"])
def test_a_question_after_a_command_word_is_no_bare_match(text: str) -> None:
    assert _router().match(text) is None


def test_no_bare_match_where_bare_words_are_not_commands() -> None:
    # In a group chat 命中 is a word among people; the slash still commands.
    assert _router().match("命中", bare=False) is None
    assert _router().match("/命中", bare=False) is not None


def test_a_one_character_command_alone_is_a_bare_match() -> None:
    """Help lists /我: 我 alone had got 没有理解. Followed by words it is the sentence's 我."""
    router = _router()
    router.route("whoami", commands=("我",), help="查看我的身份")(_noop)
    match = router.match("我")
    assert match is not None and match.bare and match.route.name == "whoami"
    assert router.match("我 想举报") is None and router.match("我想举报") is None
    assert router.match("我", bare=False) is None  # in a group, a word among people


def test_a_name_and_one_of_its_actions_typed_as_one_word() -> None:
    router = _router()
    router.route("tasks", commands=("任务",), roles=STAFF, actions=("新增", "改期"))(_noop)
    match = router.match("任务新增 回访幸福里3号房东 周五")
    assert match is not None and match.bare
    assert (match.route.name, match.args) == ("tasks", "新增 回访幸福里3号房东 周五")
    # Only its own actions: other words glued to a name are ordinary speech.
    assert router.match("任务完成了吗") is None and router.match("任务很多") is None
    assert router.match("任务新增", bare=False) is None  # in a group, without the slash


def test_a_question_after_a_name_and_its_action_is_the_argument() -> None:
    # 是否 belongs to what is added; without the action it still asks about the word.
    router = _router()
    router.route("tasks", commands=("任务",), roles=STAFF, actions=("新增",))(_noop)
    for text in ("任务新增 核查3号是否有人住", "任务 新增 核查3号是否有人住"):
        match = router.match(text)
        assert match is not None and match.args == "新增 核查3号是否有人住"
    assert router.match("任务 是否要做") is None


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("命中：12", "hits", "12"),
        ("绑定，ABCD-EFGH", "bind", "ABCD-EFGH"),
        ("登记：张三，男 302", "register", "张三，男 302"),  # its own marks kept
        ("/命中：12", "hits", "12"),
    ],
)
def test_a_mark_after_the_command_word_stands_for_the_space(
    text: str, name: str, args: str
) -> None:
    """门牌：100001 and 风险，悦来旅馆, as voice input writes them, were offered as 门牌 or
    风险 alone, the argument lost."""
    match = _router().match(text)
    assert match is not None and (match.route.name, match.args) == (name, args)
    assert _router().match("命中，人员窝藏怎么判") is None  # still a question
    assert _router().match("命中：12", bare=False) is None  # in a group, a word among people


def test_an_action_said_before_the_name_is_the_same_command() -> None:
    """新增任务：走访 is how it is said; it had got 您是想「任务」吗 and lost the task."""
    router = _router()
    router.route("tasks", commands=("任务",), roles=STAFF, actions=("新增", "改期"))(_noop)
    match = router.match("新增任务：回访幸福里3号房东，周五")
    assert match is not None and match.bare
    assert (match.route.name, match.args) == ("tasks", "新增 回访幸福里3号房东，周五")
    assert router.match("好任务") is None


def test_a_code_in_a_sentence_is_offered_whole() -> None:
    # In a group, 绑定群 without its slash is a word among people: the offer must carry the
    # code as typed, not its last part (绑定群 MX73 would bind nothing).
    router = Router()
    router.route("bind_group", commands=("绑定群",), help="绑定群")(_noop)
    router.route("checkout", commands=("退房",), help="退房")(_noop)
    hint = router.suggest("绑定群 ZCJQ-MX73", Role.OWNER)
    assert hint is not None and hint.typed == "/绑定群 ZCJQ-MX73"
    hint = router.suggest("302的客人退房了", Role.OWNER)
    assert hint is not None and hint.typed == "/退房 302"
    router.route("lookup", commands=("查询",), help="查询")(_noop)
    hint = router.suggest("查询码 nstg scyq 7au2", Role.RESIDENT)  # a tip code, in its groups
    assert hint is not None and hint.typed == "/查询 nstg scyq 7au2"
    hint = router.suggest("302 303都退房了", Role.OWNER)  # two rooms: the first, not both
    assert hint is not None and hint.typed == "/退房 302"


def test_an_id_number_in_a_sentence_is_never_the_offered_argument() -> None:
    # The offer quotes its argument back, in a group too: 登记 11010519920701245X would put
    # a guest's ID number in front of everyone there.
    router = Router()
    router.route("register", commands=("登记",), help="登记")(_noop)
    for said in ("张三 11010519920701245X 302 登记", "张三 110105 19920701 245X 302 登记"):
        hint = router.suggest(said, Role.OWNER)
        assert hint is not None and hint.typed == "/登记 302"
    hint = router.suggest("张三 110105199207012453 登记", Role.OWNER)
    assert hint is not None and hint.typed == "/登记"


def _officer_router() -> Router:
    router = Router()
    router.route("risk", commands=("风险",), roles=STAFF, help="风险")(_noop)
    router.route("plate", commands=("门牌",), roles=STAFF, help="门牌")(_noop)
    router.route(
        "tasks",
        commands=("任务",),
        roles=STAFF,
        actions=("新增",),
        said_actions=(("新增", "新增"), ("加", "新增")),
    )(_noop)
    router.route("done", commands=("完成",), roles=STAFF)(_noop)
    router.route("retract", commands=("撤回",), roles=STAFF)(_noop)
    return router


@pytest.mark.parametrize(
    ("said", "offered"),
    [
        ("风险悦来旅馆", "/风险 悦来旅馆"),
        ("风险，悦来旅馆 橙 堵了，没清理", "/风险 悦来旅馆 橙 堵了，没清理"),
        ("查门牌 幸福里", "/门牌 幸福里"),
        ("加个任务 下午去枫林民宿看看", "/任务 新增 下午去枫林民宿看看"),
        ("帮我加一个任务：回访网吧", "/任务 新增 回访网吧"),
        ("完成三 已核实", "/完成 3 已核实"),
        ("撤回6号通报，发错了", "/撤回 6 发错了"),  # 号通报 only says what 6 counts
        ("完成2号比中 已抓获", "/完成 2 已抓获"),  # as users now call a hit
        # A number in a place's name is no record number: 风险三号楼网吧 had offered /风险 3.
        ("风险三号楼网吧", "/风险 三号楼网吧"),
        ("风险1号院民宿", "/风险 1号院民宿"),
        # Asked for before its name, the name starts what is asked: 帮我查门牌幸福里3号 had
        # been offered /门牌 3, the number inside the place, and 麻烦帮我风险悦来旅馆 /风险.
        ("帮我查门牌幸福里3号", "/门牌 幸福里3号"),
        ("麻烦帮我风险悦来旅馆", "/风险 悦来旅馆"),
        ("我想看看风险，悦来旅馆", "/风险 悦来旅馆"),
    ],
)
def test_what_follows_a_name_is_offered_with_it(said: str, offered: str) -> None:
    """The offer had been the bare command (/风险, /门牌, /任务, /完成): tapping it made
    the officer type it all again."""
    hint = _officer_router().suggest(said, Role.OFFICER, private=True)
    assert hint is not None and hint.typed == offered


@pytest.mark.parametrize(
    ("said", "offered"),
    [
        ("风险等级", "/风险"),  # a short word glued to the name is one word with it
        ("任务都做完了", "/任务"),  # no action said: nothing to add
        ("门牌 怎么查", "/门牌"),  # a question is no argument
        ("查门牌 13812345678", "/门牌"),  # a phone is never quoted back
        ("13812345678 查门牌", "/门牌"),
        ("查门牌 110105199207012453", "/门牌"),  # nor an ID number
        # Said after other words, the name is one of the sentence's: the words after it
        # are the sentence going on.
        ("刚才那个风险评估不太对", "/风险"),
        ("我门牌号码换了", "/门牌"),  # 我 alone asks for nothing
        ("帮我查门牌号是多少", "/门牌"),
    ],
)
def test_what_follows_a_name_is_offered_only_as_its_argument(said: str, offered: str) -> None:
    hint = _officer_router().suggest(said, Role.OFFICER, private=True)
    assert hint is not None and hint.typed == offered


def test_in_a_group_only_a_number_is_offered_with_a_name() -> None:
    # Everyone there reads the offer: the words after the name may be anyone's.
    router = _officer_router()
    hint = router.suggest("查门牌 幸福里", Role.OFFICER)
    assert hint is not None and hint.typed == "/门牌"
    hint = router.suggest("查门牌 100001", Role.OFFICER)
    assert hint is not None and hint.typed == "/门牌 100001"


def test_a_bare_word_of_another_role_names_the_route_that_answers_it() -> None:
    router = Router()
    router.route("wanted", commands=("通缉",), roles=STAFF)(_noop)
    router.route("public", commands=("协查通缉",), roles=(Role.RESIDENT,), borrows=("通缉",))(_noop)
    match = router.match("通缉")
    assert match is not None and match.route.name == "wanted" and match.bare
    assert [r.name for r in match.others] == ["public"]


def _work_router() -> Router:
    router = Router()
    router.route(
        "tips",
        commands=("线索",),
        roles=STAFF,
        verbs=(("办结", "线索状态 {n} 已处理"), ("回复", "回复 {n}")),
    )(_noop)
    router.route("tip_status", commands=("线索状态",), roles=STAFF)(_noop)
    router.route("reply", commands=("回复",), roles=STAFF)(_noop)
    router.route("hits", commands=("命中",), roles=STAFF)(_noop)
    router.route("ask", commands=("追问",), roles=STAFF, passes_questions=True)(_noop)
    router.route("incident", commands=("警情",), roles=STAFF)(_noop)
    router.route("invite", commands=("邀请",), roles=STAFF, help="/邀请 撤销 场所 作废")(_noop)
    return router


@pytest.mark.parametrize(
    ("said", "name", "args"),
    [
        ("/线索 1 办结 已安排夜巡", "tip_status", "1 已处理 已安排夜巡"),
        ("线索 #12 办结了，已约谈", "tip_status", "12 已处理 已约谈"),
        ("/线索 3 回复 谢谢提供", "reply", "3 谢谢提供"),
        ("/线索 3", "tips", "3"),  # no verb: the tip itself
        # The question is what 追问 passes on; another command's is a question about it.
        ("追问 B20261129-C75EC5 有发票吗", "ask", "B20261129-C75EC5 有发票吗"),
    ],
)
def test_a_word_after_the_record_goes_to_the_command_that_does_it(
    said: str, name: str, args: str
) -> None:
    """/线索 1办结 已安排夜巡 got the usage of /线索; 追问 B… 有发票吗 without the slash
    was no command, and its offer dropped the question."""
    match = _work_router().match(said)
    assert match is not None and (match.route.name, match.args) == (name, args)
    assert _work_router().match("线索 怎么看") is None  # a question about 线索 stays one


@pytest.mark.parametrize(
    ("said", "offered"),
    [
        ("线索1办结 已安排夜巡", "/线索状态 1 已处理 已安排夜巡"),
        # The note keeps its question mark: the officer is not sure.
        ("命中1 已核实 非本人 同号不同人？", "/命中 1 已核实 非本人 同号不同人？"),
        ("帮我追问 B20261129-C75EC5 有发票吗", "/追问 B20261129-C75EC5 有发票吗"),
    ],
)
def test_an_offer_keeps_all_that_was_said_for_its_command(said: str, offered: str) -> None:
    hint = _work_router().suggest(said, Role.OFFICER, private=True)
    assert hint is not None and hint.typed == offered and not hint.unable


def test_a_change_the_route_does_not_make_is_not_offered_as_the_route() -> None:
    """删除警情 6 was offered /警情 6, which enters a new incident; 撤销邀请 3 /邀请 3,
    which makes a new code."""
    hint = _work_router().suggest("删除警情 6", Role.OFFICER, private=True)
    assert hint is not None and hint.unable == "删除"
    hint = _work_router().suggest("撤销邀请 3", Role.OFFICER, private=True)
    assert hint is not None and hint.typed == "/邀请 撤销 3" and not hint.unable


def _sounding_router() -> Router:
    router = Router()
    router.route("daily", commands=("日报", "daily"), roles=STAFF)(_noop)
    router.route("tasks", commands=("任务",), roles=STAFF)(_noop)
    router.route("alert", commands=("通报",), roles=STAFF)(_noop)
    router.route("read", commands=("通报状态",), roles=STAFF)(_noop)
    router.route("register", commands=("登记",), roles=(Role.OWNER,))(_noop)
    return router


@pytest.mark.parametrize(
    ("said", "offered"),
    [
        ("日保", "/日报"),  # ri bao: the pinyin keyboard's other word
        ("任物！", "/任务"),
        ("任物 下午回访网吧", "/任务 下午回访网吧"),  # what follows is kept
        # The whole word's sound is 通报状态: not 通报, which starts a new alert.
        ("通报壮态 3", "/通报状态 3"),
    ],
)
def test_a_first_word_that_sounds_like_a_command_offers_it(said: str, offered: str) -> None:
    router = _sounding_router()
    assert router.match(said) is None  # offered, never run
    hint = router.suggest(said, Role.OFFICER, private=True)
    assert hint is not None and hint.typed == offered


@pytest.mark.parametrize(
    "said",
    [
        "日保告诉我们",  # a longer word does not sound like the command
        "任",  # one character sounds like too much
        "rib ao",
        "登及",  # deng ji: an owner's command, not an officer's
        "今天 日保",  # only the first word
    ],
)
def test_only_a_whole_first_word_of_a_commands_sound_is_offered(said: str) -> None:
    assert _sounding_router().suggest(said, Role.OFFICER, private=True) is None
