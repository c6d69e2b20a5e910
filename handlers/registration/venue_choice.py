"""Pick which of the owner's venues a registration is for."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot import choice_memory
from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.forms.clock import local_time
from bot.forms.words import is_control_word
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.validators.idcard import mentions_resident_id, without_resident_ids
from handlers.registration.said_first import (
    holds_details,
    id_refused,
    keep_said,
    names_someone,
    said_before,
)
from handlers.services.venues import GUEST_KINDS, owned_venues
from knowledge.intent import small_talk
from storage.models import Venue, VenueKind


def private_only(ctx: Context, command: str) -> list[Reply] | None:
    """The way to private chat when `command` is sent in a group: an ID number typed there,
    or read back in a summary or a list, is read by every member of the group."""
    if ctx.inbound.chat_type is ChatType.PRIVATE:
        return None
    return [
        Text(f"旅客、租客的证件号码和电话属于个人信息，不要发在群里。请私聊本号发送「{command}」。")
    ]


async def choose_venue(
    ctx: Context,
    kinds: Iterable[VenueKind],
    command: str,
    what: str,
    venues: Sequence[Venue] | None = None,
) -> Venue | list[Reply]:
    """The venue named by the command's argument, the owner's only venue, or a question.
    `venues`: the owner's venues of `kinds`, when the caller has them already."""
    if venues is None:
        venues = await owned_venues(ctx.session, ctx.person.id, kinds)
    if not venues:
        return [Text(f"您名下没有可{what}的场所。如有疑问请联系社区民警。")]
    if len(venues) == 1:
        return venues[0]
    arg = ctx.match.args if ctx.match else ""
    if arg.isdigit() and 1 <= int(arg) <= len(venues):
        return venues[int(arg) - 1]
    # Titles carry no number: channels without buttons number the options themselves
    # (bot.numbering), the same 1, 2, 3 the command's argument takes.
    buttons = tuple(Button(v.name, f"/{command} {i}") for i, v in enumerate(venues, start=1))
    return [Choices(f"您名下有多个场所，请选择要{what}的场所：", buttons)]


async def resume(
    ctx: Context, forms: FormEngine, form_name: str, label: str, said: str
) -> list[Reply] | None:
    """The user's unfinished `form_name`, resumed (`forms.start` never throws answers away)
    before any question of which place: with its own place, and word that what was said
    with the command (李四 3205…, another place) is not in it. None if there is none."""
    going = await forms.unfinished(ctx, form_name)
    if going is None:
        return None
    place = await ctx.session.get(Venue, going.get("venue_id"))
    lead = f"{label}：{place.name}" if place else ""
    if said.strip():
        lead += "\n刚才发送的内容没有录入：这份填完或回复「取消」后，请重新发送。"
    return [*([Text(lead.strip())] if lead.strip() else []), *await forms.start(ctx, form_name)]


#: A place's button of `choose_venue` for a registration (/登记旅客 2), and the places
#: each lists.
_PLACE_BUTTON = re.compile(r"/(?P<command>登记旅客|登记租客) \d+")
#: The button of an offer to start a registration (您是想用「登记旅客」吗？): /登记旅客.
_OFFER_BUTTON = re.compile(r"/(?P<command>登记旅客|登记租客)")
_KINDS: dict[str, tuple[VenueKind, ...]] = {
    "登记旅客": GUEST_KINDS,
    "登记租客": (VenueKind.RENTAL,),
}


def _a_name(text: str) -> bool:
    """张三 typed at the places: the person's name, never 收到 or 取消 said there."""
    return names_someone(text) and small_talk(text) is None and not is_control_word(text)


def _other_details(text: str) -> bool:
    """身份证, 护照, 13812345678, 302 typed at the places, as the form's questions come to
    mind: 身份证 had got the answer to 客人没带身份证能住店吗, and the ID number after it
    the offer to register someone, the place never picked. Not a place's number (1, 2)."""
    if text.isdigit() and len(text) <= 2:
        return False
    return holds_details(text) and small_talk(text) is None and not is_control_word(text)


def with_details_kept(handler: Handler) -> Handler:
    """An ID number typed while the places of a registration are the last buttons shown
    (登记, then 4101… before 悦来旅馆 is picked), or a name (张三 had got 请点选上面的选项,
    and was lost), had left the picker without a word, with
    an offer to register the person that asked for the place again: it is kept with what
    was said before (the form takes it once the place is chosen), and the place asked for
    again. In a private chat only, where `choose_venue` is asked. Under the offer to
    register (来了客人: 您是想用「登记旅客」吗？) the same words start the form."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.retold or ctx.inbound.chat_type is not ChatType.PRIVATE:
            return await handler(ctx)
        # The buttons first: one read of the user's memos serves the whole message
        # (`storage.memos`), and the words' checks cost more than every other step here on
        # the many messages under no such buttons.
        first = await choice_memory.resolve(ctx.session, ctx.user_key, 1, ctx.now)
        offered = _OFFER_BUTTON.fullmatch(first or "")
        asked = _PLACE_BUTTON.fullmatch(first or "")
        if offered is None and asked is None:
            return await handler(ctx)
        numbered = mentions_resident_id(text)
        named = not numbered and _a_name(text)
        if not numbered and not named and not _other_details(text):
            return await handler(ctx)
        if offered is not None:
            # 来了客人, then 张三 under 您是想用「登记旅客」吗？ had got 请点选上面的选项: the
            # form's first answers, as if typed after its command.
            ctx.retell = f"/{offered['command']} {text}"
            return []
        assert asked is not None
        command = asked["command"]
        places = await owned_venues(ctx.session, ctx.person.id, _KINDS[command])
        picker = await choose_venue(ctx, _KINDS[command], command, command, places)
        if not isinstance(picker, list) or len(places) < 2:
            return await handler(ctx)
        if not numbered and any(text in place.name for place in places):
            return await handler(ctx)  # 悦来 of 悦来旅馆 and 悦来民宿: a place, not a name
        earlier = await said_before(ctx)
        lead, kept = refused_before_the_place(text, ctx) if numbered else ("", text)
        await keep_said(ctx, f"{earlier} {kept}")
        if not lead:
            what = "证件号码" if numbered else "姓名" if named else "刚才写的内容"
            lead = f"{what}已记下，选好场所后会自动填入。"
        lead += "还需要先选择场所："
        return [Text(lead), *picker]

    return wrapped


def refused_before_the_place(said: str, ctx: Context) -> tuple[str, str]:
    """(what to say now, what to keep) of a registration's words kept until the place is
    picked: a resident ID number its check refuses is said at once, the rest kept with
    身份证 in its place; ("", `said`) when there is none. 张三 <a number with a wrong check
    digit> had been said to be kept (证件号码已记下), and refused only once the place was
    picked."""
    refused, kept = id_refused(said, local_time(ctx).date())
    if not refused:
        return "", said
    # The words are not said back: a phone typed among them is read by whoever is near.
    rest = without_resident_ids(said, " ").strip()
    what = "姓名" if _a_name(rest) else "其他内容" if rest else ""
    lead = f"{what}已记下，选好场所后会自动填入。" if what else ""
    return f"未记下证件号码：{refused}。{lead}", kept
