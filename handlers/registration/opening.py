"""Opening a registration, a guest's or a tenant's: the same steps before either form.

In a private chat only; what was said with the command (or kept while 旅客 or 租客 was
asked) gives the first answers; an unfinished form is resumed; the place is named in what
was said, is the owner's only one, or is asked for (what was said is kept for the answer).
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.context import Context
from bot.forms import Form, FormEngine
from bot.messages import Reply, Text
from handlers.registration.said_first import (
    companion_said,
    first_answers,
    keep_companions,
    keep_said,
    place_named,
    said_before,
    said_line,
    said_or_kept,
)
from handlers.registration.venue_choice import choose_venue, private_only, resume
from handlers.services.venues import owned_venues
from storage.models import VenueKind


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
) -> list[Reply]:
    """Start `form` (sent as `command`) at one of the owner's places of `kinds`, named
    `place_label` in the reply; `who` and `then` as in `said_line`."""
    if (in_group := private_only(ctx, command)) is not None:
        return in_group
    # Pressed after 登记 王小明 <ID> 302 asked 旅客 or 租客: what was said then.
    said = await said_or_kept(ctx, said)
    if (going := await resume(ctx, forms, form.name, place_label, said)) is not None:
        return going
    kinds = tuple(kinds)
    # 登记 张伟 <ID> 305 悦来的: the place said with the person needs no question.
    places = await owned_venues(ctx.session, ctx.person.id, kinds)
    named, said = place_named(places, said)  # the word goes even for an owner of one place
    venue = named or await choose_venue(ctx, kinds, command, command, places)
    if isinstance(venue, list):
        if len(places) > 1:
            # Which place? is asked first: what was said is kept (sealed) for the answer.
            await keep_said(ctx, said)
        return venue
    prefill = {"venue_id": venue.id}
    if named is None and said.strip().isdigit() and len(places) > 1:
        said = await said_before(ctx)  # /登记旅客 2: the place chosen from the list
    queued = ""
    if not said.strip() and then == command:
        # 登记租客 again after 还有李四：…发送「登记租客」: what was said of them.
        said = queued = await companion_said(ctx, form)
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
    )
    lead = f"{place_label}：{venue.name}" + (f"\n{noted}" if noted and intro is None else "")
    return [Text(lead), *started]
