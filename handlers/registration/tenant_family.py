"""A family of tenants registered one after another: 王大明, then his daughter.

The landlord registers each member in a form of their own (继续登记租客 under each
receipt). The next form starts knowing who was just registered in the same house
(`family_prefill`): 和她爸一样, 和他妈一样, 跟上一个一样 or 同上 at the lease's dates copies
that member's start and end (`same_lease`), and the adult among them is offered as a
minor's guardian (`tenant_minors`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from sqlmodel import col, select

from bot.context import Context
from bot.forms import Derived, FormEnv
from bot.forms.clock import local_time, said_on
from bot.forms.spec import Parser
from bot.validators import Invalid
from handlers.registration import tenant_minors
from handlers.registration.minors import is_minor
from storage.models import Tenancy, Venue

#: The answer of the form that lists the members just registered, newest first.
FAMILY = "family"
#: A family is registered in one sitting: the house's tenants registered this long before
#: the form opened are its members.
JUST_REGISTERED = timedelta(hours=12)
_MEMBERS = 6

#: 和她爸一样, 跟他妈妈的一样, 租期跟上一个一样, 同上: the lease of a member just registered.
_SAME = re.compile(
    r"(?:租期|日期)?(?:和|跟|与|同)(?P<who>[^，,。]{0,8}?)的?(?:租期|日期)?(?:一样|相同|一致)的?"
    r"|同上|一样的?"
)
#: Who of the family is meant: by the word for them, the sex of that member, and whether
#: it is a parent (an adult).
_WHO = (
    (re.compile(r"爸|父|爹"), "男", True),
    (re.compile(r"妈|母|娘"), "女", True),
    (re.compile(r"哥|弟|儿子"), "男", False),
    (re.compile(r"姐|妹|女儿"), "女", False),
)


async def family_prefill(ctx: Context, venue: Venue) -> dict[str, Any]:
    """The answers a tenant's form at `venue` starts with: the members registered there
    just before by this landlord and still renting, and the guardian it may offer."""
    rows = await ctx.session.exec(
        select(Tenancy)
        .where(
            Tenancy.venue_id == venue.id,
            col(Tenancy.moved_out_at).is_(None),
            Tenancy.registered_by_account_id == ctx.account.id,
            col(Tenancy.created_at) >= ctx.now - JUST_REGISTERED,
        )
        .order_by(col(Tenancy.id).desc())
        .limit(_MEMBERS)
    )
    recent = list(rows.all())
    today = local_time(ctx).date()
    members = [
        {
            "name": t.name_masked,
            "sex": t.sex,
            "adult": t.birth_date is not None and not is_minor(t.birth_date, today),
            "start": t.lease_start.isoformat(),
            "end": t.lease_end.isoformat() if t.lease_end else None,
        }
        for t in recent
    ]
    return {FAMILY: members, **tenant_minors.guardian_offer(ctx.services, recent, today)}


def _member_said(text: str, answers: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The member whose lease `text` says to copy; None when it says no such thing."""
    found = _SAME.fullmatch(text.strip().rstrip("。.!！"))
    if found is None:
        return None
    who = found.group("who") or ""
    members = answers.get(FAMILY) or []
    for words, sex, parent in _WHO:
        if words.search(who):
            fits = [m for m in members if m["sex"] == sex and (m["adult"] or not parent)]
            break
    else:
        fits = list(members)  # 上一个, 他, 同上: the one just registered
    if fits:
        return fits[0]
    named = "、".join(m["name"] for m in members)
    raise Invalid(
        f"没有找到刚登记的{who or '租客'}"
        + (f"：刚登记的只有 {named}。" if named else "：本房屋刚才没有登记其他租客。")
        + "请直接输入日期。"
    )


def same_start(parse: Parser) -> Parser:
    """`parse` of the lease's start that also takes 和她爸一样: the member's start, and
    their end with it (it is then not asked) unless it has passed."""

    def parse_start(text: str, env: FormEnv) -> Any:
        member = _member_said(text, env.answers)
        if member is None:
            return parse(text, env)
        start = date.fromisoformat(member["start"])
        end = date.fromisoformat(member["end"]) if member["end"] else None
        ends = end is None or end >= env.today
        said = f"起租 {said_on(start, env.today)}" + (
            f"，到期 {said_on(end, env.today) if end else '未定'}" if ends else ""
        )
        extra = {"lease_end": end.isoformat() if end else None} if ends else {}
        return Derived(start.isoformat(), extra, note=f"已沿用 {member['name']} 的租期：{said}。")

    return parse_start


def same_end(parse: Parser) -> Parser:
    """`parse` of the lease's end that also takes 跟上一个一样: the member's end."""

    def parse_end(text: str, env: FormEnv) -> Any:
        member = _member_said(text, env.answers)
        if member is None:
            return parse(text, env)
        if not member["end"]:
            return Derived(None, {}, note=f"已沿用 {member['name']} 的到期日期：未定。")
        # Checked as if typed: before this tenant's start, or past, it is refused.
        end = parse(member["end"], env)
        said = said_on(date.fromisoformat(end), env.today)
        return Derived(end, {}, note=f"已沿用 {member['name']} 的到期日期：{said}。")

    return parse_end


def start_prompt(prompt: str) -> Callable[[Mapping[str, Any]], str]:
    """The start's question `prompt`, naming the way to copy the lease of the member just
    registered when there is one."""
    head = prompt.removesuffix("）：")

    def ask(answers: Mapping[str, Any]) -> str:
        members = answers.get(FAMILY) or []
        if not members or head == prompt:
            return ""
        return f"{head}；和刚登记的 {members[0]['name']} 一样请回复「同上」）："

    return ask
