"""`登记`: start the right registration for what the owner runs."""

from __future__ import annotations

from bot.context import Context
from bot.forms import FormEngine
from bot.messages import Button, Choices, Reply, Text
from bot.router import Router
from handlers.registration.guest import OWNERS, start_check_in
from handlers.registration.said_first import SAID_KEPT, keep_said
from handlers.registration.tenant import RENTALS, start_tenant
from handlers.registration.venue_choice import private_only
from handlers.services.venues import GUEST_KINDS, owned_venues


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "register",
        commands=("登记", "register"),
        keywords=("登记",),
        roles=OWNERS,
        help="登记旅客或租客",
        kind_help=(
            *((kind, "登记旅客") for kind in GUEST_KINDS),
            *((kind, "登记租客") for kind in RENTALS),
        ),
        daily=10,
        # Help shows it only to those with guests or tenants (not a noodle shop).
        kinds=frozenset(GUEST_KINDS) | frozenset(RENTALS),
    )
    async def register(ctx: Context) -> list[Reply]:
        return await begin(ctx, forms, ctx.match.args if ctx.match else "")

    return router


async def begin(ctx: Context, forms: FormEngine, said: str) -> list[Reply]:
    """The registration the owner's places call for (the choice, for one who has both),
    with `said` (what was typed after 登记) as its first answers."""
    venues = await owned_venues(ctx.session, ctx.person.id)
    takes_guests = any(v.kind in GUEST_KINDS for v in venues)
    rents = any(v.kind in RENTALS for v in venues)
    if takes_guests and rents:
        if (in_group := private_only(ctx, "登记")) is not None:
            return in_group
        # 登记 王小明 <ID> 302: which form is asked first, and what was said waits
        # (sealed) for the answer instead of riding in the buttons.
        then = f" {SAID_KEPT}" if await keep_said(ctx, said) else ""
        buttons = (
            Button("登记旅客", f"/登记旅客{then}"),
            Button("登记租客", f"/登记租客{then}"),
        )
        return [Choices("请选择登记类型：", buttons)]
    if takes_guests:
        return await start_check_in(ctx, forms, said)
    if rents:
        return await start_tenant(ctx, forms, said)
    return [Text("您名下的场所无需登记旅客或租客。如有疑问请联系社区民警。")]
