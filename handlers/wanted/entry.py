"""Saving the wanted form: a new person on the list, or a change to one.

A new card is pushed at once to every officer who sees the station's cards; the author
gets the card as the answer, with what to do next.
"""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context, Services
from bot.forms import Answers, Form
from bot.messages import Button, Choices, Reply, Text
from bot.validators.masking import mask_stored_id_number
from handlers.services.personal import DOC_NO, NAME
from handlers.services.photos import dump, sanitise
from handlers.services.photos import load as load_photos
from handlers.services.staying_hits import match_staying
from handlers.wanted import said_at_once
from handlers.wanted.card_files import discard_when_committed
from handlers.wanted.facts import DOC_CONTEXT, card_no
from handlers.wanted.form import (
    FIELDS,
    FORM_NAME,
    PLAIN_COLUMNS,
    issuing_unit_note,
    split_birth,
    station_name,
    visibility_of,
)
from handlers.wanted.history import record_change, snapshot
from handlers.wanted.images import card_image
from handlers.wanted.officers import readers_of
from handlers.wanted.pending_cards import retarget_pending
from handlers.wanted.photo_sealing import seal_card_photos, seal_received
from handlers.wanted.sending import caption, card_reply, queue_cards, remember_shown
from storage.models import Visibility, WantedPerson, WantedStatus

#: What the author hears of the hits on people staying now: how many, not where (the hits
#: are the beat's, which may not be the author's).
_HITS_TOLD = "⚠️ 该人员与 {} 名在住旅客/租客比中，已即时提醒所在警务区民警。"

#: New cards go out before the day's bulk.
NEW_CARD_PRIORITY = 5


def _set_document(services: Services, wanted: WantedPerson, number: str) -> None:
    wanted.doc_no_enc = services.cipher.encrypt(number, DOC_CONTEXT) if number else None
    wanted.doc_no_idx = services.blind_index(number, DOC_NO) if number else None
    wanted.doc_no_masked = mask_stored_id_number(number) if number else ""


async def _fill(ctx: Context, wanted: WantedPerson, answers: Answers) -> None:
    services = ctx.services
    for field, column in PLAIN_COLUMNS.items():
        setattr(wanted, column, answers.get(field) or "")
    wanted.name_idx = services.blind_index(wanted.name, NAME)
    _set_document(services, wanted, answers.get("doc_no") or "")
    wanted.birth_date, wanted.age_range = split_birth(answers.get("birth"))
    if not wanted.issuing_unit:
        wanted.issuing_unit = await station_name(ctx, wanted.station_id)
    wanted.contact = wanted.contact or "110"
    given = list(answers.get("photos") or [])
    kept = load_photos(wanted.photos)
    wanted.photos = dump(await _clean(ctx, given, kept))
    wanted.visibility = visibility_of(answers)
    wanted.updated_at = ctx.now


async def _clean(ctx: Context, given: list[str], kept: list[str]) -> list[str]:
    """Metadata-free copies of new photos; those already on the card were cleaned then."""
    fresh = [h for h in given if h not in kept]
    cleaned = dict(zip(fresh, await sanitise(ctx.services, fresh), strict=False))
    return [h if h in kept else cleaned.get(h, h) for h in given]


async def submit(ctx: Context, answers: Answers) -> list[Reply]:
    wanted_id = answers.get("wanted_id")
    session = ctx.session
    if wanted_id is not None:
        wanted = await session.get(WantedPerson, wanted_id)
        if wanted is None or wanted.status is not WantedStatus.ACTIVE:
            return [Text("该在逃人员已抓获或已撤销，修改未保存。")]
        before = snapshot(wanted)
        old_photos = load_photos(wanted.photos)
        old_caption = caption(wanted)
        action = "updated"
    else:
        wanted = WantedPerson(
            name="",
            name_idx="",
            station_id=ctx.person.station_id,
            issued_by=ctx.person.id,
            created_at=ctx.now,
        )
        before = {}
        old_photos = []
        old_caption = ""
        action = "created"
    await _fill(ctx, wanted, answers)
    # Before the commit: a card saved is never internal with its face in the clear.
    await seal_card_photos(ctx.services, wanted)
    session.add(wanted)
    await session.flush()
    changed = record_change(
        session,
        wanted,
        action=action,
        before=before,
        person_id=ctx.person.id,
        account_id=ctx.account.id,
        now=ctx.now,
    )
    sha = await card_image(ctx.services, wanted)
    if action == "updated":
        # The card as it read before is out of date: its renders and dropped photos go,
        # and messages still waiting to carry it carry the new one.
        busy = await retarget_pending(session, wanted, old_caption, sha, ctx.now)
        dropped = set(old_photos) - set(load_photos(wanted.photos))
        await discard_when_committed(
            session, ctx.services, wanted, keep_cards=frozenset({sha}) | busy, photos=dropped
        )
    pushed = 0
    if action == "created":
        pushed = await _push_new(session, ctx, wanted, sha)
        remember_shown(ctx, wanted)  # the author sees the card as this answer
    replies = _saved(wanted, sha, action, pushed, changed)
    # A new card, or one whose number, name or birth date changed, may be someone staying
    # now: matched at once, not at their next registration.
    assert wanted.id is not None
    hits = await match_staying(session, ctx.services, [wanted.id])
    if hits:
        # Under the card, before what to do next: the card's author had heard nothing.
        replies.insert(
            1,
            Text(_HITS_TOLD.format(len({(h.registration_kind, h.registration_id) for h in hits}))),
        )
    twins = await _same_document(session, wanted)
    if twins:
        shown = "、".join(card_no(t) for t in twins)
        replies.append(
            Text(
                # Only when two officers save the same number at once: the form refuses
                # a number already on an active card as it is typed.
                f"⚠️ 证件号码与 {shown} 相同，可能重复录入。"
                f"如确属重复，请撤销其中一张（「/通缉 撤销 {wanted.id} 重复录入」）。"
            )
        )
    return replies


async def _same_document(session: AsyncSession, wanted: WantedPerson) -> list[WantedPerson]:
    """Other active cards with the same document number."""
    if not wanted.doc_no_idx:
        return []
    query = select(WantedPerson).where(
        WantedPerson.doc_no_idx == wanted.doc_no_idx,
        WantedPerson.status == WantedStatus.ACTIVE,
        WantedPerson.id != wanted.id,
    )
    return list((await session.exec(query)).all())


async def _push_new(session: AsyncSession, ctx: Context, wanted: WantedPerson, sha: str) -> int:
    readers = await readers_of(session, ctx.services.settings, wanted.station_id)
    others = [(a, p) for a, p in readers if p.id != ctx.person.id]
    for account, person in others:
        await queue_cards(
            session,
            [(wanted, sha)],
            person=person,
            account=account,
            kind="new",
            key=f"wanted:{wanted.id}:new",
            lead=f"🆕 新增在逃人员 {card_no(wanted)}，请留意辨认。发现线索切勿单独处置，及时报告。",
            now=ctx.now,
            priority=NEW_CARD_PRIORITY,
        )
    return len({p.id for _a, p in others})


def _saved(
    wanted: WantedPerson, sha: str, action: str, pushed: int, changed: dict[str, list[str]]
) -> list[Reply]:
    number = card_no(wanted)
    if action == "created":
        lines = [f"已录入在逃人员 {number}。"]
        lines.append(f"卡片已推送给 {pushed} 名民警。" if pushed else "暂无其他民警需要推送。")
    else:
        lines = [f"已更新 {number}（改动 {len(changed)} 项），以后推送的都是新卡片。"]
    buttons = [Button("锁屏版", f"/通缉 {wanted.id} 锁屏")]
    if wanted.visibility is Visibility.PUBLIC:
        buttons.append(Button("发布通缉令", f"/通缉 发布 {wanted.id}"))
    lines.append(
        f"抓获后请发送「/通缉 抓获 {wanted.id}」，撤销请发送「/通缉 撤销 {wanted.id} 原因」。"
    )
    return [card_reply(wanted, sha), Choices("\n".join(lines), tuple(buttons))]


FORM = Form(
    name=FORM_NAME,
    title="在逃人员登记",
    fields=FIELDS,
    submit=submit,
    summary_note=issuing_unit_note,
    photos_received=seal_received,
    # 李四 4403… 涉嫌抢劫 别公开 at the name (or after 没照片): each answer kept for its question.
    reads=said_at_once.read,
    intro="录入在逃人员。随时可回复「上一步」，「修改 案由」这样改已填的一项，或「取消」。",
)
