"""The fixed words of an answer's pages: how to read on (全文 N and 更多, as words and as
buttons), the disclaimer under each, and what is said when no article answers."""

from __future__ import annotations

from bot.messages import Button, Choices, Reply, Text

DISCLAIMER = "仅供参考，具体以法律规定和公安机关认定为准。"


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


NOTHING_DIRECT_ON = (
    "关于这一点，没有找到比上一个问题「{previous}」的回答更直接相关的法律条文。"
    "可以把情况说得具体些再问；需要民警处理的，可以发送「报案」，紧急情况请拨打110。\n" + DISCLAIMER
)


def finds_nothing(reply: Reply) -> bool:
    """Whether `reply` only says that no article answers the question."""
    if not isinstance(reply, Text):
        return False
    previous = NOTHING_DIRECT_ON.split("「", 1)[0]
    said = reply.text  # a follow-up's 「接着上一个问题」 line may come first
    return said.endswith(NOTHING_FOUND) or said == NOTHING_DIRECT or said.startswith(previous)


def full_text_offer(last: int, has_more: bool = True, first: int = 1, *, tap: bool = False) -> str:
    """How to see articles `first` to `last` whole, and the next page: one wording under
    every answer (a victim's had read 回复「更多」查看以上条文，「全文 1」…看全文, others
    回复「全文 1」…查看依据中条文的全文；回复「更多」看下一页). Short: a victim's answer
    and its report button fit one screen. `tap`: said of the buttons under the answer
    (`offered`), which a channel without buttons reads as 回复「全文 1」… again."""
    rest = ""
    if tap and last >= first + _MOST_FULL_TEXT_BUTTONS:
        # 点「全文 1」至「全文 6」 had stood over five buttons: the words name the buttons
        # `offered` shows, and how to read the articles past them.
        shown_last = first + _MOST_FULL_TEXT_BUTTONS - 1
        after = shown_last + 1
        rest = (
            f"，第{after}条请回复「全文 {after}」"
            if after == last
            else f"，第{after}至{last}条请回复「全文 序号」"
        )
        last = shown_last
    hint = f"{'点' if tap else '回复'}{_full_text_words(first, last)}看条文全文{rest}"
    return f"{hint}，「更多」看下一页。" if has_more else f"{hint}。"


#: More 全文 buttons than this under one answer crowd a phone; the words still reach them
#: (`full_text_offer` says how).
_MOST_FULL_TEXT_BUTTONS = 5


def offered(text: str, first: int, last: int, has_more: bool) -> Choices:
    """A page with its 全文 N and 更多 as buttons, not only words to type: a resident on a
    phone had to type 「全文 2」 exactly. Channels without buttons number them."""
    shown = range(first, min(last, first + _MOST_FULL_TEXT_BUTTONS - 1) + 1)
    buttons = [Button(f"全文 {n}", f"全文 {n}") for n in shown]
    if has_more:
        buttons.append(Button("更多", "更多"))
    return Choices(text, tuple(buttons))


def is_page(reply: object) -> bool:
    """Whether `reply` is an answer's page with only its 全文 N and 更多 buttons: an offer
    of a feature may still follow it (去哪里报案 → 自助报案)."""
    return isinstance(reply, Choices) and all(
        b.value == "更多" or b.value.startswith("全文 ") for b in reply.buttons
    )


def _full_text_words(first: int, last: int) -> str:
    """「全文 1」, 「全文 1」或「全文 2」, 「全文 1」至「全文 3」: each article listed on a
    page can be shown whole, not only the first (a page of two had offered 「全文 1」)."""
    if last <= first:
        return f"「全文 {first}」"
    joined = "或" if last == first + 1 else "至"
    return f"「全文 {first}」{joined}「全文 {last}」"


def page_label(first: int, page: int) -> str:
    """Which page a reply is, after the first: a victim's answer (`act_first`) lists its
    articles from the second, which had been headed as if it were the first, and the next
    （续，第3页）, so that no reply said 第2页."""
    if page == 0:
        return ""
    return f"（续，第{page + 1}页）" if first else f"（第{page + 1}页）"
