"""What was said in one breath that a command takes as its answers: a binding code sent
alone (R9C3-8VP7), a guest or tenant registered in a sentence (302 李四 <ID number>)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.context import Context
from bot.messages import Button, ChatType, Choices
from handlers.registration.said_first import SAID_KEPT, keep_said, says_companion
from handlers.services.invites import ALPHABET, normalise_code
from handlers.services.venues import owner_kinds
from storage.models import VenueKind

#: A binding code sent by itself (R9C3-8VP7): what an invite or a group code looks like.
_CODE_SHAPE = re.compile(r"[0-9A-Za-z]{4}[-\s－—]?[0-9A-Za-z]{4}")
#: The registrations an offer may start with what was said, by route name.
REGISTRATIONS = {"register": "", "guest_checkin": "登记旅客", "tenant_register": "登记租客"}
#: Who is registered, said after the name and nothing more (登记个客人, 登记两位旅客): no
#: details, as `holds_details` reads them, but no words of another matter either.
_ONLY_WHO = re.compile(
    r"(?:一|两|二|三|四|几|\d)?(?:个|位|名)?(?:新|新来的|刚来的)?(?:的)?(?:客人|旅客|住客|租客|房客|人)"
    r"(?:吧|哈|啊|呀)?[。.！!~～\s]*"
)


def only_who(said: str) -> bool:
    """Whether what follows a registration's name only says who it is for (个客人)."""
    return _ONLY_WHO.fullmatch(said.strip()) is not None


def binding_code(text: str) -> str | None:
    """The code, when a message is nothing but an invite's or a group's binding code."""
    if not _CODE_SHAPE.fullmatch(text):
        return None
    code = normalise_code(text)
    if not all(ch in ALPHABET for ch in code) or code.isdigit() or code.isalpha():
        return None  # 20261123 or a word: no code ever looks so (it mixes both)
    return f"{code[:4]}-{code[4:]}"


def binding_offer(ctx: Context, code: str) -> Choices:
    """R9C3-8VP7 alone had got 没有理解: in a private chat it binds the sender, in a group
    the group."""
    if ctx.inbound.chat_type is ChatType.PRIVATE:
        return Choices(
            "这是绑定身份的邀请码吗？点下面的按钮即可绑定。", (Button("是，绑定", f"/绑定 {code}"),)
        )
    return Choices(
        "这是绑定本群的绑定码吗？点下面的按钮即可绑定本群。",
        (Button("是，绑定本群", f"/绑定群 {code}"),),
    )


async def registration_offer(ctx: Context, text: str, command: str = "") -> Choices | None:
    """302 李四 <ID number> 138…, with no command, or 登记王小明3201…，302房 with it glued:
    an owner registering someone in one breath. Offered with what was said, kept sealed
    (`keep_said`) for the registration to take as its answers, never in the button; in a
    private chat only, where personal data may be asked for. `command`: 登记旅客 or
    登记租客 when the sentence named one."""
    if ctx.inbound.chat_type is not ChatType.PRIVATE:
        return None
    kinds = await owner_kinds(ctx) or set()
    forms = [
        name
        for name, has in (
            ("登记旅客", any(kind.takes_guests for kind in kinds)),
            ("登记租客", VenueKind.RENTAL in kinds),
        )
        if has and command in ("", name)
    ]
    if not forms or not await keep_said(ctx, text):
        return None
    if "登记旅客" in forms and says_companion(text):
        # 还有一个，他老婆 李娜 <ID> 同一间: had started a new check-in, its name 还有一个
        # and its room asked again; one more guest of the room just registered.
        return Choices(
            "您是要登记刚才那位旅客的同住人吗？点下面的按钮，刚才写的姓名、证件号等会直接填入。",
            (
                Button("是，登记同住人", f"/同住 {SAID_KEPT}"),
                Button("不是，登记新旅客", f"/登记旅客 {SAID_KEPT}"),
            ),
        )
    buttons = tuple(
        Button(f"是，{name}" if len(forms) == 1 else name, f"/{name} {SAID_KEPT}") for name in forms
    )
    # A landlord's people are 租客, a hotel's 旅客: 住客 only for one who has both.
    who = {"登记旅客": "旅客", "登记租客": "租客"}[forms[0]] if len(forms) == 1 else "住客"
    return Choices(
        f"您是想登记这位{who}吗？点下面的按钮，刚才写的姓名、证件号等会直接填入登记。", buttons
    )


def after_phrase(text: str, names: Iterable[str]) -> str:
    """登记客人 赵六: what follows the longest of `names` the sentence holds; "" if none."""
    for name in sorted(names, key=len, reverse=True):
        at = text.find(name)
        if at >= 0:
            return text[at + len(name) :].strip(" ：:，,")
    return ""


def after_name(text: str, names: tuple[str, ...]) -> str:
    """登记王小明3201…: what follows the command's name the sentence starts with."""
    for name in sorted(names, key=len, reverse=True):
        if text.startswith(name):
            return text[len(name) :].lstrip(" ：:，,")
    return text
