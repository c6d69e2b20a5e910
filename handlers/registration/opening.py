"""Opening a registration, a guest's or a tenant's: the same steps before either form.

In a private chat only; what was said with the command (or kept while 旅客 or 租客 was
asked) gives the first answers; an unfinished form is resumed; the place is named in what
was said, is the owner's only one, or is asked for (what was said is kept for the answer).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace

from bot.context import Context
from bot.forms import Form, FormEngine
from bot.messages import Button, Choices, Reply, Text
from handlers.registration.said_first import (
    SAID_KEPT,
    companion_said,
    first_answers,
    keep_companions,
    keep_said,
    place_named,
    said_before,
    said_line,
    said_or_kept,
    says_room,
)
from handlers.registration.venue_choice import (
    choose_venue,
    private_only,
    refused_before_the_place,
    resume,
)
from handlers.services.venues import owned_venues
from storage.models import Venue, VenueKind

#: The answer that keeps the place's kind (a `VenueKind` value) for the form's checks.
VENUE_KIND = "venue_kind"
#: Answers a form starts with at the place chosen (`open_registration`'s `prefill_for`).
PrefillFor = Callable[[Context, Venue], Awaitable[Mapping[str, object]]]


async def open_registration(
    ctx: Context,
    forms: FormEngine,
    said: str,
    *,
    command: str,
    form: Form,
    place_label: str,
    kinds: Iterable[VenueKind],
    who: str = "旅客",
    then: str = "同住",
    unasked: Mapping[str, object] | None = None,
    prefill_for: PrefillFor | None = None,
) -> list[Reply]:
    """Start `form` (sent as `command`) at one of the owner's places of `kinds`, named
    `place_label` in the reply; `who` and `then` as in `said_line`. `unasked`: answers
    the form starts with, never asked, that the owner may give (a tenant's room: said with
    the command, or 修改 房间号), which are nothing the owner typed until changed.
    `prefill_for`: what the form starts with at the place chosen, never asked (the
    tenants just registered there, for the next member of the family)."""
    if (in_group := private_only(ctx, command)) is not None:
        return in_group
    # Pressed after 登记 王小明 <ID> 302 asked 旅客 or 租客: what was said then.
    typed = said
    said = await said_or_kept(ctx, said)
    kept = said != typed
    if (going := await resume(ctx, forms, form.name, place_label, said)) is not None:
        return going
    kinds = tuple(kinds)
    # 登记 张伟 <ID> 305 悦来的: the place said with the person needs no question.
    places = await owned_venues(ctx.session, ctx.person.id, kinds)
    named, said = place_named(places, said)  # the word goes even for an owner of one place
    if named is None and (leading := _leading_number(said)) is not None:
        # 登记旅客 1 张伟 <ID> 302 had registered room 1 and dropped 302: the place's number
        # on the list (`choose_venue`'s buttons send it) is the place when a room is said
        # too; with none, which it is is asked.
        number, rest = leading
        if len(places) > 1 and 1 <= number <= len(places):
            if not says_room(rest):
                return [*await _kept(ctx, rest), _number_or_room(command, places, number)]
            named, said = places[number - 1], rest
        elif says_room(rest):
            # 登记旅客 3 张伟 302 (no third place), or 1 302 at an owner of one place: a
            # room follows, so the number is not the room (the only place, or a count).
            said = rest
            if len(places) > 1:
                refused = await _kept(ctx, said)
                picker = await choose_venue(ctx, kinds, command, command, places)
                return [
                    *refused,
                    Text(f"您名下没有第 {number} 个场所，「{number}」也没有当作房间号。"),
                    *picker,
                ]
    venue = named or await choose_venue(ctx, kinds, command, command, places)
    if isinstance(venue, list):
        if len(places) > 1:
            # Which place? is asked first: what was said is kept (sealed) for the answer.
            return [*await _kept(ctx, said), *venue]
        return venue
    # The kind: a homestay's room may be a name (桂花轩), a hotel's is a number.
    prefill: dict[str, object] = {"venue_id": venue.id, VENUE_KIND: venue.kind.value}
    if prefill_for is not None:
        prefill.update(await prefill_for(ctx, venue))
    if named is None and said.strip().isdigit() and len(places) > 1:
        said = await said_before(ctx)  # /登记旅客 2: the place chosen from the list
        kept = True
    queued = ""
    if not said.strip() and then == command:
        # 登记租客 again after 还有李四：…发送「登记租客」: what was said of them.
        said = queued = await companion_said(ctx, form)
        kept = True
    with _read_as_sent(ctx, said if kept else None):
        found = await first_answers(ctx, form, said, prefill)
    if not queued:  # the others said with the first are still to come
        await keep_companions(ctx, form, found)
    noted = said_line(form, found, who=who, then=then)
    # What was noted follows the form's opening line (开始租客登记。): before it, it had
    # read as said of nothing yet begun.
    intro = f"{form.intro}\n{noted}" if noted and form.intro else None
    asked = {name: reason for name, (_, reason) in found.asked.items()}
    started = await forms.start(
        ctx,
        form.name,
        prefill,
        found.answers or None,
        found.derived,
        found.later,
        intro=intro,
        asked=asked or None,
        loaded=unasked,
    )
    lead = f"{place_label}：{venue.name}" + (f"\n{noted}" if noted and intro is None else "")
    return [Text(lead), *started]


async def _kept(ctx: Context, said: str) -> list[Reply]:
    """`said` kept (sealed) while the place is asked, a wrong ID number in it said at once:
    登记旅客 张伟 <a wrong check digit> 302 had been refused only once the place was picked,
    where the number typed at the places is refused there and then."""
    refused, kept = refused_before_the_place(said, ctx)
    await keep_said(ctx, kept)
    return [Text(refused)] if refused else []


def _leading_number(said: str) -> tuple[int, str] | None:
    """(N, the words after it) of 1 张伟 <ID> 302: a bare number of one or two digits (a
    place's number on the list, or a count) said first; None if there is none or nothing
    follows it."""
    first, _, rest = said.strip().partition(" ")
    if not first.isdigit() or len(first) > 2 or not rest.strip():
        return None
    return int(first), rest.strip()


def _number_or_room(command: str, places: Sequence[Venue], number: int) -> Choices:
    """Whether N of 登记旅客 N 张伟 <ID> is the place numbered N or the room N; what was
    said after it is kept (`keep_said`) for the answer, not carried in the buttons."""
    place = places[number - 1]
    as_room = tuple(
        Button(f"{p.name} {number}号房", f"/{command} {at} {number}号房 {SAID_KEPT}")
        for at, p in enumerate(places, start=1)
    )
    return Choices(
        f"「{number}」是第 {number} 个场所（{place.name}），还是房间号？请点选：",
        (Button(place.name, f"/{command} {number}"), *as_room),
    )


@contextmanager
def _read_as_sent(ctx: Context, said: str | None) -> Iterator[None]:
    """The message read as `said`, words kept from an earlier one (3O5 typed while the
    place was chosen), while the form's checks read them: a check reads the message the
    answer came in (the room's, for a letter O to ask back), and the message now is the
    place's button. 3O5 had been taken as 305 without the question it gets in one breath."""
    if said is None:
        yield
        return
    sent = ctx.inbound
    ctx.inbound = replace(sent, text=said)
    try:
        yield
    finally:
        ctx.inbound = sent
