"""`/通缉`: officers list, open, add, change, close and publish wanted-person cards.

    /通缉                 active cards I see, with thumbnails (/通缉 列表 2: next page); audited
    /通缉 N [锁屏]        one card (the lock-screen size on request); audited
    /通缉 姓名            the active cards with that name or alias (one: the card itself); audited
    /通缉 新增            the form (photos, name … visibility)
    /通缉 修改 N          the same form with every answer given, to change some
    /通缉 抓获 N [说明]   closed as caught: every chat that had the card is told
    /通缉 撤销 N [原因]   closed as revoked, likewise
    /通缉 发布 N          a public card as a notice through the alerts (audience, approval)
    /通缉 记录 N          its history

Cards are shown only in private chats: a group may hold anyone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlmodel import col, select

from bot.audit_trail import audit
from bot.context import Context
from bot.drawing import draw_async
from bot.forms import FormEngine
from bot.forms.clock import local_time
from bot.media import MediaStore
from bot.messages import Button, Choices, Image, Reply, Text
from bot.router import STAFF, Router, Suggestion
from bot.validators.masking import mask_id_number
from handlers.broadcast.form import FORM_NAME as BROADCAST_FORM
from handlers.registration.timefmt import short
from handlers.services.numbers import record_number
from handlers.services.paging import fetch_page, page_number
from handlers.services.personal import NAME as PERSON_NAME
from handlers.wanted.access import in_view, may_receive, visible_station_ids
from handlers.wanted.card import CardSize
from handlers.wanted.caught_said import caught_card, caught_note
from handlers.wanted.contact_sheet import SheetEntry, render_contact_sheet
from handlers.wanted.facts import age_text, card_no, doc_number, portrait
from handlers.wanted.form import FORM_NAME, answers_for, reward_text
from handlers.wanted.history import TRACKED, changed_fields, changes_of
from handlers.wanted.images import PNG, card_image
from handlers.wanted.lifecycle import WORDS, close
from handlers.wanted.sending import caption, remember_shown
from handlers.wanted.sheet_files import file_sheet
from storage.models import (
    Category,
    Person,
    Visibility,
    WantedPerson,
    WantedStatus,
)

SHEET_SIZE = 12
PRIVATE_ONLY = "通缉卡片只在与本号的私聊中查看和管理，请私聊发送。"
USAGE = (
    "用法：/通缉（列表）、/通缉 编号或姓名（查看）、/通缉 新增、/通缉 修改 编号、"
    "/通缉 抓获 编号、/通缉 撤销 编号 原因、/通缉 发布 编号、/通缉 记录 编号"
)
#: What the confirmation button adds to a bare 抓获.
_CONFIRMED = "确认"
STATUS_LABELS = {
    WantedStatus.ACTIVE: "在逃",
    WantedStatus.CAPTURED: "已抓获",
    WantedStatus.REVOKED: "已撤销",
}


#: Closing words said bare (撤销 3 重复录入): the offer is the command with them.
_CLOSING = ("撤销", "抓获")
_CLOSING_SAID = re.compile(
    r"(撤销|抓获)[\s:：,，]*(?:TJ-?)?0*(\d{1,6})(?:号)?(?:[\s:：,，]+(.*))?$", re.I
)


async def _closing_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """撤销 3 had got 没有理解 (or, as a hint, /通缉 3): the offer carries the action, the
    card number and the reason said with them. TJ-0003已抓获 or 孙某某已抓获, the card said
    first, had been offered the card alone (or the list): its 抓获."""
    found = _CLOSING_SAID.search(ctx.inbound.text.strip())
    if found is None:
        caught = await caught_card(ctx, ctx.inbound.text)
        if caught is None or caught.id is None:
            return offer
        # 在枫林民宿抓的: the place is the capture's note, carried by the offer.
        note = caught_note(ctx.inbound.text, caught)
        typed = f"/通缉 抓获 {caught.id} {note}".strip()
        return replace(offer, typed=typed, shown=f"通缉 抓获 {card_no(caught)} {note}".strip())
    action, number, note = found[1], found[2], (found[3] or "").strip()
    typed = f"/通缉 {action} {number} {note}".strip()
    return replace(offer, typed=typed, shown="")


_GLUED = re.compile(r"(修改|抓获|撤销|发布|记录|历史)(?=(?:TJ-?)?\d)", re.I)


def _number(text: str) -> int | None:
    return record_number(text, "TJ-", "TJ")


async def _find(ctx: Context, arg: str) -> WantedPerson | str:
    number = _number(arg.split(maxsplit=1)[0] if arg.strip() else "")
    if number is None:
        return "请在命令后写上卡片编号，如「/通缉 12」。"
    stations = await visible_station_ids(ctx.session, ctx.services.settings, ctx.person)
    found = (
        await ctx.session.exec(
            in_view(select(WantedPerson).where(WantedPerson.id == number), stations)
        )
    ).first()
    if found is None:
        return (
            f"没有编号为 {number} 的在逃人员卡片（或不属于本所）。发送「/通缉」查看在逃人员列表。"
        )
    return found


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "wanted",
        commands=("通缉", "wanted"),
        roles=STAFF,
        private_for=STAFF,
        help="在逃人员卡片：/通缉 列表，/通缉 编号 查看，/通缉 新增",
        # 看看在逃的: how officers say it. 通缉 alone was all that reached the cards.
        # 撤销 3, 抓获 3 without /通缉: offered with the action (see `_closing_named`).
        hints=("在逃", "逃犯", *_CLOSING),
        picks=_closing_named,
    )
    async def wanted(ctx: Context) -> list[Reply]:
        args = (ctx.match.args if ctx.match else "").strip()
        # /通缉 修改1 (the number run on, as 修改 1 is typed in a form) had got the usage.
        if glued := _GLUED.match(args):
            args = f"{glued[1]} {args[glued.end() :]}"
        head, _, rest = args.partition(" ")
        rest = rest.strip()
        if head in ("新增", "添加", "录入", "new"):
            return await forms.start(ctx, FORM_NAME)
        if head in ("列表", "list") or not args:
            return await _list(ctx, rest)
        actions = {
            "修改": _edit,
            "抓获": _capture,
            "撤销": _revoke,
            "发布": _publish,
            "记录": _history,
            "历史": _history,
        }
        word, _, after = rest.partition(" ")
        if word in actions and _number(head) is not None:
            # /通缉 1 修改, the card's number first as it is read off the card, had shown the
            # card again; the action first is how the buttons say it.
            head, rest = word, f"{head} {after}".strip()
        if head in actions:
            found = await _find(ctx, rest)
            if isinstance(found, str):
                return [Text(found)]
            note = rest.split(maxsplit=1)[1].strip() if len(rest.split(maxsplit=1)) > 1 else ""
            return await actions[head](ctx, forms, found, note)
        if _number(head) is not None:
            found = await _find(ctx, head)
            if isinstance(found, str):
                return [Text(found)]
            return await _show(ctx, found, lock_screen="锁屏" in rest)
        return await _by_name(ctx, args)

    return router


#: The audit actions of an officer's views of wanted cards: one card, or several listed.
CARD_VIEWED, LIST_VIEWED = "view:wanted", "view:wanted_list"


def _audit_shown(
    ctx: Context, action: str, cards: Sequence[WantedPerson], detail: str = ""
) -> None:
    """Wanted cards an officer was shown, recorded in the audit log: which cards, and in
    `detail` how they were asked for (ids and counts only, never the name typed)."""
    audit(
        ctx,
        action=action,
        subject_kind="wanted_person",
        subject_id=",".join(str(w.id) for w in cards),
        detail=detail,
    )


async def _list(ctx: Context, arg: str) -> list[Reply]:
    number = page_number(arg)
    if number is None:
        return [Text("页码应为数字，如「/通缉 列表 2」。")]
    stations = await visible_station_ids(ctx.session, ctx.services.settings, ctx.person)
    query = in_view(
        select(WantedPerson)
        .where(WantedPerson.status == WantedStatus.ACTIVE)
        # By number, as /通缉 1 opens TJ-0001: newest first had put TJ-0002 on the first row,
        # and the 1 typed for it opened the second.
        .order_by(col(WantedPerson.id)),
        stations,
    )
    page = await fetch_page(ctx.session, query, number, SHEET_SIZE)
    if not page.total:
        return [Text("目前没有在逃人员卡片。录入请发送「/通缉 新增」。")]
    people: list[WantedPerson] = list(page.items)
    entries = [
        SheetEntry(
            card_no(w),
            w.name,
            portrait(ctx.services, w),
            w.visibility is Visibility.PUBLIC,
        )
        for w in people
    ]
    sheet = await draw_async(render_contact_sheet, entries, ctx.services.settings.wanted.font)
    # Faces and names of internal cards: sealed at rest, as the cards are.
    store = MediaStore(Path(ctx.services.settings.storage.media_dir), cipher=ctx.services.cipher)
    sha = store.put_sealed(sheet)
    file_sheet(store, sha)  # deleted a day after it was last shown (retention)
    lines = [f"在逃人员（共{page.total}人）："]
    for w in people:
        scope = "公开" if w.visibility is Visibility.PUBLIC else "内部"
        # Not "5. TJ-0005": numbered lines read as options beside the page button
        # (WeChat numbers that 1), and the card number says it already.
        # Apart, as the name search writes it: 演示在逃人员（内部）演示案件 had run together.
        case = f"　{w.case_summary[:20]}" if w.case_summary else ""
        lines.append(f"{card_no(w)} {w.name}（{scope}）{case}")
    # Names and faces of the cards on the page: which were shown is recorded, as a card
    # opened is (the tips' list does the same).
    _audit_shown(ctx, LIST_VIEWED, people, f"page={number} results={len(people)}")
    first = people[0]
    lines.append(
        f"发送「/通缉 编号」查看卡片，如「/通缉 {first.id}」查看 {card_no(first)}。"
        + page.footer("/通缉 列表")
    )
    # A caption of its own: the sheet had come as a picture with nothing under it (an empty
    # bubble in the web chat), before the list that explains it.
    shown = f"（第{page.number}/{page.pages}页）" if page.pages > 1 else ""
    sheet_caption = f"在逃人员照片一览{shown}"
    return [
        Image(sha, sheet_caption, PNG),
        Choices("\n".join(lines), page.next_button("/通缉 列表")),
    ]


def _called(wanted: WantedPerson, typed: str) -> bool:
    return typed in wanted.name or any(typed in a for a in wanted.aliases.split("、") if a)


async def _by_name(ctx: Context, typed: str) -> list[Reply]:
    """/通缉 张三: an officer knows the person by name (or alias) long before the card
    number; it had got the usage line. Names are matched among the cards in view, here
    rather than in SQL, so the station-sized list is read as every other screen reads it."""
    if any(ch.isdigit() for ch in typed) or len(typed) > 20:
        return [Text(USAGE)]
    stations = await visible_station_ids(ctx.session, ctx.services.settings, ctx.person)
    newest = select(WantedPerson).order_by(col(WantedPerson.id).desc())
    # A whole name is found by its blind index; only failing that are the active cards in
    # view unsealed to look for an alias or a part of a name.
    whole = WantedPerson.name_idx == ctx.services.blind_index(typed, PERSON_NAME)
    named = list((await ctx.session.exec(in_view(newest.where(whole), stations))).all())
    people = [w for w in named if w.status is WantedStatus.ACTIVE]
    if not people:
        active = newest.where(WantedPerson.status == WantedStatus.ACTIVE)
        cards = (await ctx.session.exec(in_view(active, stations))).all()
        people = [w for w in cards if _called(w, typed)]
    if len(people) == 1:
        return await _show(ctx, people[0], lock_screen=False)
    if not people:
        # 已抓获 is an answer too: the officer need not wonder whether the card was lost.
        closed = named[:SHEET_SIZE]
        if closed:
            # Their numbers, names and states are shown as the active cards' are: audited
            # alike (they had left no trace).
            _audit_shown(ctx, LIST_VIEWED, closed, f"by=name results=0 closed={len(named)}")
        said = "".join(f"\n{card_no(w)} {w.name} {STATUS_LABELS[w.status]}" for w in closed)
        return [Text(f"在逃人员中没有姓名或别名为「{typed}」的。{said}\n{USAGE}")]
    shown = people[:SHEET_SIZE]
    # Names listed, as on /通缉 列表: audited as it is (never what was typed).
    _audit_shown(ctx, LIST_VIEWED, shown, f"by=name results={len(people)}")
    lines = [f"姓名或别名含「{typed}」的在逃人员有 {len(people)} 人："]
    lines.extend(f"{card_no(w)} {w.name}　{w.case_summary[:20]}" for w in shown)
    return [Choices("\n".join(lines), tuple(Button(card_no(w), f"/通缉 {w.id}") for w in shown))]


async def _show(ctx: Context, found: WantedPerson, *, lock_screen: bool) -> list[Reply]:
    if not may_receive(ctx.person, ctx.inbound.chat_type, found):
        return [Text(PRIVATE_ONLY)]
    size = CardSize.LOCK_SCREEN if lock_screen else CardSize.STANDARD
    sha = await card_image(ctx.services, found, size)
    assert found.id is not None
    _audit_shown(ctx, CARD_VIEWED, [found])
    if found.status is WantedStatus.ACTIVE:
        remember_shown(ctx, found)
    status = STATUS_LABELS[found.status]
    scope = "公开通缉" if found.visibility is Visibility.PUBLIC else "内部通缉，仅限民警"
    lines = [f"状态：{status}（{scope}）。"]
    buttons: list[Button] = []
    if found.status is WantedStatus.ACTIVE:
        if not lock_screen:
            buttons.append(Button("锁屏版", f"/通缉 {found.id} 锁屏"))
        buttons.append(Button("修改", f"/通缉 修改 {found.id}"))
        buttons.append(Button("抓获", f"/通缉 抓获 {found.id}"))
        if found.visibility is Visibility.PUBLIC:
            buttons.append(Button("发布通缉令", f"/通缉 发布 {found.id}"))
    elif found.closed_at is not None:
        zone = ctx.services.settings.zone
        lines.append(f"{short(found.closed_at, zone, ctx.now)} {status}。{found.closed_note}")
    if lock_screen:
        lines.append("可保存为手机锁屏壁纸，便于巡逻时随时辨认。")
    return [Image(sha, caption(found), PNG), Choices("\n".join(lines), tuple(buttons))]


async def _edit(ctx: Context, forms: FormEngine, found: WantedPerson, _note: str) -> list[Reply]:
    if found.status is not WantedStatus.ACTIVE:
        return [Text(f"{card_no(found)} {STATUS_LABELS[found.status]}，不能再修改。")]
    answered = answers_for(found, doc_number(ctx.services, found))
    lead = (
        f"修改 {card_no(found)}：回复如「修改 案由」改其中一项，改好后确认；不改了请回复「取消」。"
    )
    return await forms.start(
        ctx,
        FORM_NAME,
        prefill={"wanted_id": found.id},
        loaded=answered,
        intro=lead,
        about=f"修改 {card_no(found)}",
    )


async def _close(ctx: Context, found: WantedPerson, note: str, status: WantedStatus) -> list[Reply]:
    if found.status is not WantedStatus.ACTIVE:
        return [Text(f"{card_no(found)} {STATUS_LABELS[found.status]}，无需重复操作。")]
    if status is WantedStatus.REVOKED and not note:
        return [Text(f"请写明撤销原因，如「/通缉 撤销 {found.id} 已撤案」。")]
    closed = await close(
        ctx.session,
        ctx.services,
        found,
        status,
        note=note,
        person_id=ctx.person.id,
        account_id=ctx.account.id,
    )
    lines = [f"{card_no(found)} {found.name} 已标记为{WORDS[status]}。"]
    lines.append(_told(closed.told, closed.officers))
    if closed.withdrawn:
        lines.append(f"相关通缉令 {closed.withdrawn} 条已撤回，收到过的场所和群众会收到说明。")
    if closed.tasks:
        lines.append(f"已关闭 {closed.tasks} 个相关核查任务。")
    return [Text("\n".join(lines))]


def _told(told: int, officers: int) -> str:
    """Who heard of the closing, as officers count them (民警, 群), the closer left out."""
    if not told:
        return "除您之外没有人收到过该卡片，无需通知。"
    others = told - officers
    parts = [f"{officers} 名民警" if officers else "", f"{others} 个群或群众" if others else ""]
    return f"已通知收到过该卡片的 {' 和 '.join(p for p in parts if p)}。"


async def _capture(ctx: Context, _forms: FormEngine, found: WantedPerson, note: str) -> list[Reply]:
    """A bare 抓获 (the card's button sits beside 修改) is asked about first: it tells every
    chat that had the card to stop looking, and cannot be taken back. A note typed with it
    (/通缉 抓获 3 在火车站抓获) is deliberate enough."""
    if not note and found.status is WantedStatus.ACTIVE:
        text = (
            f"确认将 {card_no(found)} {found.name} 标记为已抓获？{capture_effect(found)}\n"
            f"可附说明，如「/通缉 抓获 {found.id} 在火车站抓获」。"
        )
        return [Choices(text, (Button("确认已抓获", f"/通缉 抓获 {found.id} {_CONFIRMED}"),))]
    if note == _CONFIRMED:
        note = ""
    return await _close(ctx, found, note, WantedStatus.CAPTURED)


def capture_effect(found: WantedPerson) -> str:
    """What marking the card caught does, said before it is done. An internal card never
    reached venues, groups or residents: only what will happen is promised."""
    told = (
        "场所、群和群众停止查找，并撤回相关通缉令"
        if found.visibility is Visibility.PUBLIC
        else "民警停止查找（内部通缉未发给场所和群众）"
    )
    return f"确认后会通知收到过该卡片的{told}，无法撤销。"


async def _revoke(ctx: Context, _forms: FormEngine, found: WantedPerson, note: str) -> list[Reply]:
    return await _close(ctx, found, note, WantedStatus.REVOKED)


async def _publish(ctx: Context, forms: FormEngine, found: WantedPerson, _note: str) -> list[Reply]:
    if found.status is not WantedStatus.ACTIVE:
        return [Text(f"{card_no(found)} {STATUS_LABELS[found.status]}，不能发布。")]
    if found.visibility is not Visibility.PUBLIC:
        return [
            Text(
                f"{card_no(found)} 是内部通缉，不能向场所和群众发布。"
                f"确需公开，请先「/通缉 修改 {found.id}」把可见范围改为公开。"
            )
        ]
    sha = await card_image(ctx.services, found)
    age = age_text(found, local_time(ctx).date())
    looks = "，".join(x for x in (found.name, found.sex, age, found.height, found.marks) if x)
    # What to do on sight is the notice's own closing line (SIGHTING_NOTE): said once.
    contact = "" if found.contact in ("", "110") else f"线索也可联系{found.contact}。"
    body = "".join(
        (
            f"{looks}。",
            f"{found.case_summary}。" if found.case_summary else "",
            _reward_sentence(found.reward),
            contact,
        )
    )
    text = {"title": f"协查通缉：{found.name}", "body": body[:500]}
    prefill = {
        "wanted_id": found.id,
        "photo": [sha],
        "category": Category.WANTED.value,
    }
    # What the card really hides: a public card shows both ends of the number, where the
    # stored mask keeps only the tail.
    number = doc_number(ctx.services, found)
    shown = f"（证件号码显示为 {mask_id_number(number)}）" if number else ""
    lead = (
        f"发布 {card_no(found)} {found.name} 的通缉令：标题「{text['title']}」，配图为公开卡片"
        f"{shown}，读者可点「我见过此人」提供线索。接下来请选择发送时间、紧急程度和范围，"
        "随时可回复「上一步」，「修改 范围」这样改已填的一项，或「取消」。"
    )
    return await forms.start(
        ctx, BROADCAST_FORM, prefill=prefill, answered={"text": text}, intro=lead
    )


def _reward_sentence(stored: str) -> str:
    """悬赏2万元。 in the notice's body; words that say the reward themselves stand alone."""
    if not stored.strip():
        return ""
    said = reward_text(stored)
    return f"{said}。" if "赏" in said or "奖" in said else f"悬赏{said}。"


async def _history(
    ctx: Context, _forms: FormEngine, found: WantedPerson, _note: str
) -> list[Reply]:
    assert found.id is not None
    zone = ctx.services.settings.zone
    lines = [f"{card_no(found)} 的变更记录："]
    labels = {
        "created": "录入",
        "updated": "修改",
        "captured": "抓获",
        "revoked": "撤销",
        "imported": "导入",
    }
    changes = await changes_of(ctx.session, found.id)
    if not changes:
        # 「TJ-0001 的变更记录：」 over nothing had read as a reply cut short.
        return [Text(f"{card_no(found)} 暂无变更记录：此后的修改、抓获或撤销都会记在这里。")]
    for change in changes:
        fields = "、".join(TRACKED.get(f, f) for f in changed_fields(ctx.session, change))
        author = await ctx.session.get(Person, change.person_id) if change.person_id else None
        who = (author.display_name or f"民警#{author.id}") if author else "系统导入"
        lines.append(
            f"{short(change.at, zone, ctx.now)} {who} {labels.get(change.action, change.action)}"
            + (f"：{fields}" if fields and change.action == "updated" else "")
        )
    return [Text("\n".join(lines))]
