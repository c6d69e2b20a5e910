"""Self-service report forms, one per template, ending in a receipt number and next steps.

```mermaid
flowchart LR
    start([/报案]) --> pick{template named?}
    pick -- no --> menu[电动车/自行车被盗 · 扒窃 · 盗窃 · 电信网络诈骗 · 证件/车牌遗失 · 轻微财物损坏]
    menu --> pick
    menu -- kind typed: 电动车被偷了 (typed_kind) --> case
    pick -- yes --> case[the template's questions: time, place (楼下 alone: which building),
        items and values, suspects (a question on cameras answered aside), witnesses (none to
        reach: noted, a phone typed later is theirs), photos … 我帮我妈报 anywhere: the victim]
    case --> reporter[报案人：姓名 → 证件类型 → (号码就是遗失的身份证的?) → 证件号码 →
        (性别, 出生日期, 国籍) → 手机]
    reporter --> confirm[核对] --> receipt([报案号 + 下一步; queued for the beat officer])
```

Reports are not anonymous. The reporter's name, ID number and phone are sealed like a
guest's; the case details are sealed as one JSON document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlmodel import col, select

from bot.context import Context
from bot.forms import Answers, Derived, Form, FormEngine, FormEnv, FormField
from bot.forms.clock import local_time
from bot.forms.photos import keeping_photos
from bot.forms.spec import Advice, Parser, Read, Submit
from bot.messages import Button, Choices, Reply, Text
from bot.validators import Invalid
from bot.validators.documents import DocumentType
from bot.validators.masking import mask_phone, mask_stored_id_number
from bot.validators.phone import parse_mobile
from handlers.registration import said_first
from handlers.registration.fields import NO_DOCUMENT, iso_date, person_fields
from handlers.reports import late
from handlers.reports.elsewhere import matter_of, report_it_in_person
from handlers.reports.lost import lost_thing, says_lost, stolen_or_lost
from handlers.reports.notify import announce
from handlers.reports.on_behalf import (
    VICTIM,
    reading_victim,
    victim_noted,
    victim_said,
    victim_shown,
    victim_summed,
)
from handlers.reports.story import (
    STORY_MEMO,
    recent_stories,
    story_answers,
    story_env,
    taken_note,
    told_story,
)
from handlers.reports.templates import (
    LOST_DOCUMENT,
    TEMPLATES,
    Template,
    find_template,
    template_for_story,
)
from handlers.reports.witness_phone import WITNESSES, after_witnesses, taking_witness_phone
from handlers.services.personal import PersonData, receipt_number, seal, unseal
from handlers.services.photos import dump, sanitise
from handlers.services.places import resolve_place
from handlers.services.when import when_at
from handlers.tips import held_photos
from handlers.tips.form import ADDED_LATER
from handlers.tips.place import BUILDING, with_building
from handlers.tips.told import dated_only
from knowledge.intent import asks
from storage import memos
from storage.models import Report

DETAILS = "report.details"
#: The reporter's nationality, kept among the details (no column of its own).
NATIONALITY = "国籍/地区"
#: Whom a report made for someone else is for (`on_behalf.VICTIM`), kept among the details.
VICTIM_LABEL = "受害人"
#: The chat was shown the menu of kinds: what it types next may name one (`typed_kind`).
MENU_MEMO = "report.menu"
#: The name of a template's photo question, where it has one.
PHOTOS = "photos"
TABLE = "report"
RESIDENT_ID = DocumentType.RESIDENT_ID.value


def _parse_phone(text: str, _env: FormEnv) -> str:
    return parse_mobile(text)


def _lost_id(answers: Mapping[str, Any]) -> str | None:
    """The number of the ID card this report is of, if it is a lost ID card's."""
    number = answers.get("document_no")
    return number if answers.get("document") == "身份证" and number else None


#: 同上, 刚才说了, 就是那个: the reporter's number is the lost card's, said at the number.
_SAME_NUMBER = re.compile(r"同上|一样|同一|刚才|上面|前面|说过|说了|就是(那|这)")
#: A number typed where 是 or 不是 is asked (a resident ID typed at the document type goes
#: on to the next question, this one).
_TYPED_NUMBER = re.compile(r"[0-9]{6}")
SAME = "是，就是这个号码"
NOT_SAME = "不是，另填"


def _can_reuse(answers: Mapping[str, Any]) -> bool:
    return (
        _lost_id(answers) is not None
        and answers.get("doc_type") == RESIDENT_ID
        and answers.get("reuse_reporter") != USE_LAST
    )


#: The reporter's details of their last report (decrypted into the sealed form progress
#: only), offered instead of asking them all again.
LAST_REPORTER = "last_reporter"
USE_LAST = "是，使用上次的信息"
RETYPE = "修改（重新填写）"


_REUSE_WORDS = re.compile(r"[1-2]$|是|对|用|嗯|好|可以|使用|修改|改|不|否|重新|重填")


def _parse_reuse(text: str, env: FormEnv) -> Any:
    said = text.strip()
    if (victim := victim_said(said)) is not None:
        # 是我妈被骗的，我帮她报: no yes, but whom the report is for; the details asked
        # next are the reporter's own.
        return Derived(RETYPE, {VICTIM: victim}, note=victim_noted(victim))
    if said == RETYPE or said.startswith(("修改", "改", "不", "否", "重新", "重填")):
        return RETYPE
    if said == USE_LAST or said.startswith(("是", "对", "用", "嗯", "好", "可以", "使用")):
        return Derived(USE_LAST, dict(env.answers[LAST_REPORTER]))
    raise Invalid("请回复「是」使用上次的信息，或「修改」重新填写。")


def _show_reuse(value: Any) -> str:
    return "使用上次报案填写的" if value == USE_LAST else "重新填写"


_REUSE = FormField(
    "reuse_reporter",
    "报案人信息",
    "报案人信息：使用您上次报案时填写的吗（本次报案开头列出的姓名、证件号码和手机号，"
    "提交前还会给您核对）？",
    _parse_reuse,
    choices=(USE_LAST, RETYPE),
    # 王小明 typed here is the details typed again: the name, and the rest asked.
    implied=lambda text: (
        None if _REUSE_WORDS.match(text.strip()) or victim_said(text) is not None else RETYPE
    ),
    ask_when=lambda answers: bool(answers.get(LAST_REPORTER)),
    show=_show_reuse,
)


def _no_card(exc: Invalid, env: FormEnv) -> Invalid:
    """The report's own way forward where the guest forms' says 没带证件 to a hotel owner
    (请不要安排入住 had reached a resident whose ID card was lost)."""
    if exc.reason != NO_DOCUMENT:
        return exc
    same = "；遗失的就是您本人的身份证，到号码时回复「同上」即可" if _lost_id(env.answers) else ""
    return Invalid(
        "身份证丢了也可以报案，请照常填写：身份证号码在户口本上、「国家网络身份认证」App里"
        f"都能查到{same}；也可以改用护照等其他证件。"
    )


def _in_report_words(parse: Parser) -> Parser:
    """The name or document type, with the report's word for 身份证丢了."""

    def reporter_parse(text: str, env: FormEnv) -> Any:
        try:
            return parse(text, env)
        except Invalid as exc:
            raise _no_card(exc, env) from None

    return reporter_parse


#: 为啥要实名, 我不想留名字, 可以匿名吗 at the name: a question or a refusal, never a name
#: (为啥要实名 had been stored as one).
_NAME_REFUSED = re.compile(
    r"为什么|为啥|干嘛|凭什么|实名|匿名|不想|不愿|不留|不写|不给|不告诉|必须"
)
#: Reports are not anonymous (see the module's docstring); tips are.
WHY_NAMED = (
    "报案需要实名：民警受理报案要核实报案人身份、与您联系，您的姓名和证件号码"
    "加密保存，只有处理的民警能看到，这一项不能跳过。不想留名字的话，可以回复「取消」，"
    "再发送「举报」匿名举报：民警只看到一个代号，但匿名举报不会出具报案回执。"
)


def _named(parse: Parser) -> Parser:
    """The name, a question or refusal typed there answered (`WHY_NAMED`)."""

    def parse_name(text: str, env: FormEnv) -> Any:
        if _NAME_REFUSED.search(text) or asks(text):
            raise Advice(WHY_NAMED)
        return parse(text, env)

    return parse_name


def _reporter_doc_no(parse: Parser) -> Parser:
    worded = _in_report_words(parse)

    def reporter_parse(text: str, env: FormEnv) -> Any:
        lost = _lost_id(env.answers)
        if lost and env.answers.get("doc_type") == RESIDENT_ID and _SAME_NUMBER.search(text):
            return parse(lost, env)  # 我刚才不是说了吗: it was said, as the lost card's
        return worded(text, env)

    return reporter_parse


def _same_as_lost(parse: Parser) -> Parser:
    """是 takes the lost card's number as the reporter's (with what it says: sex, birth
    date); 不是 asks for it; a number typed straight away is the answer to that."""

    def taken(number: str, env: FormEnv) -> Derived:
        parsed = parse(number, env)
        value = parsed.value if isinstance(parsed, Derived) else parsed
        extra = dict(parsed.extra) if isinstance(parsed, Derived) else {}
        same = SAME if value == env.answers["document_no"] else NOT_SAME
        return Derived(same, {"doc_no": value, **extra})

    def parse_same(text: str, env: FormEnv) -> Any:
        said = text.strip()
        if _TYPED_NUMBER.search(said):
            return taken(said, env)
        if said.startswith(("不", "否", "没")):
            return NOT_SAME
        if said.startswith(("是", "对", "嗯", "好")) or _SAME_NUMBER.search(said):
            return taken(str(env.answers["document_no"]), env)
        raise Invalid("请回复「是」或「不是」。")

    return parse_same


def _reporter_fields() -> tuple[FormField, ...]:
    """Who is reporting: a guest's identity questions, in the words of a report; the phone
    is required (the officer will call back)."""
    name, doc_type, doc_no, *rest = person_fields("报案人")[:-1]
    return (
        _REUSE,
        replace(name, parse=_named(_in_report_words(name.parse))),
        replace(doc_type, parse=_in_report_words(doc_type.parse)),
        FormField(
            "same_as_lost",
            "号码同遗失身份证",
            "您本人的身份证号码，就是刚才填的遗失身份证号码吗？",
            _same_as_lost(doc_no.parse),
            choices=(SAME, NOT_SAME),
            ask_when=_can_reuse,
            depends_on=("doc_type", "document", "document_no"),
        ),
        replace(
            doc_no,
            parse=_reporter_doc_no(doc_no.parse),
            # The resident's own number, on their screen: masked all the same (DESIGN.md).
            show=mask_stored_id_number,
            ask_when=lambda answers: answers.get("same_as_lost") != SAME,
            depends_on=(*doc_no.depends_on, "same_as_lost"),
        ),
        *rest,
        FormField(
            "phone",
            "联系电话",
            "请输入报案人手机号码（民警会与您联系）：",
            _parse_phone,
            show=mask_phone,  # as the ID number beside it (13900139000 had been shown)
        ),
    )


def _reading_victim(fields: tuple[FormField, ...]) -> tuple[FormField, ...]:
    """`fields`, each keeping whom the report is for when told there (`on_behalf`). Not
    the reuse offer, which reads it itself, nor a photo step, whose words wait on photos."""
    return tuple(
        f if f is _REUSE or f.accepts_photos else replace(f, parse=reading_victim(f.parse))
        for f in fields
    )


REPORTER_FIELDS: tuple[FormField, ...] = tuple(
    # A number alone at the reporter's questions is theirs (`late.REPORTER`).
    taking_witness_phone(f, bare=False)
    for f in _reading_victim(late.routing_late_answers(_reporter_fields(), late.REPORTER))
)


async def _reporter_words(ctx: Context, form: Form, said: str, answered: Mapping[str, Any]) -> Read:
    """张三 13900139000 at the name: the words its question did not take, read as a
    check-in's are, so that the phone is kept for its question (it had been dropped as
    其余的内容没有用上). Only once the reporter's part has begun: a case's words (白色的)
    are no reporter's name."""
    if "name" not in answered:
        return Read({}, {}, {}, [said], [])
    return await said_first.read(ctx, form, said, answered)


def form_name(template: Template) -> str:
    return f"report_{template.kind.value}"


def _details(template: Template, answers: Answers, place: str) -> list[list[str]]:
    """The case answers as (label, text) pairs: what the officer reads, however the
    template changes later."""
    pairs = []
    for field in template.fields:
        if field.name in (PHOTOS, BUILDING.name):
            continue  # the building is read in the place: 楼下（幸福里小区3号楼）
        value = place if field.name == "place" else field.show(answers.get(field.name))
        if field.name == "when":
            value = dated_only(value)
        if field.name in ("document_no", WITNESSES) and answers.get(field.name):
            # Masked on the resident's screen only: the officer needs the whole number
            # (a witness's phone too).
            value = str(answers[field.name])
        pairs.append([field.label, value])
    return pairs


def _photos_later(template: Template, answers: Answers) -> str:
    """What to do with a photo taken after the form, if none was sent in it: it reaches the
    case only as the answer to an officer's question (`handlers.reports.pending`); sent on
    its own, it is not kept with the report."""
    field = next((f for f in template.fields if f.name == PHOTOS), None)
    if field is None or answers.get(PHOTOS):
        return ""
    return f"之后有{field.label}请先保存好，民警在这里向您提问时直接发给我，会补充到这条报案。\n"


def _receipt(template: Template, answers: Answers, receipt: str) -> list[Reply]:
    # Bullets, not 1. 2. 3.: on a channel without buttons, numbered lines are options, and
    # 2 sent after the receipt had got 抱歉，我没有理解您的意思.
    steps = "\n".join(f"· {step}" for step in template.steps(answers))
    return [
        Text(
            "✅ 报案已提交\n"
            f"报案号：{receipt}\n"
            f"类型：{template.kind.label}\n"
            f"下一步：\n{steps}\n"
            "社区民警会尽快与您联系；民警如有问题，会通过这里向您询问。\n"
            f"{_photos_later(template, answers)}"
            f"查询进展请发送「查询 {receipt}」。紧急情况请直接拨打110。"
        )
    ]


def _submitter(template: Template) -> Submit:
    async def submit(ctx: Context, answers: Answers) -> list[Reply]:
        services = ctx.services
        placement = await resolve_place(ctx.session, with_building(answers))
        person = PersonData(
            name=answers["name"],
            doc_type=answers["doc_type"],
            doc_no=answers["doc_no"],
            sex=answers.get("sex") or "",
            birth_date=iso_date(answers.get("birth_date")),
            phone=answers["phone"],
        )
        details = _details(template, answers, placement.description)
        if answers.get("nationality"):
            details.append([NATIONALITY, answers["nationality"]])
        if answers.get(VICTIM):
            details.append([VICTIM_LABEL, victim_shown(answers[VICTIM])])
        assert ctx.person.id is not None and ctx.account.id is not None
        report = Report(
            **seal(services, person, TABLE),
            receipt_no=receipt_number("B", local_time(ctx)),
            kind=template.kind,
            station_id=placement.station_id,
            beat_id=placement.beat_id,
            venue_id=placement.venue.id if placement.venue else None,
            reporter_person_id=ctx.person.id,
            reporter_account_id=ctx.account.id,
            details_enc=services.cipher.encrypt(json.dumps(details, ensure_ascii=False), DETAILS),
            photos=dump(await sanitise(services, answers.get("photos"))),
            happened_at=when_at(answers.get("when"), services.settings.zone),
            created_at=ctx.now,
            updated_at=ctx.now,
        )
        ctx.session.add(report)
        await ctx.session.flush()
        await announce(ctx.session, report, ctx.now, amount=answers.get("amount") or "")
        return _receipt(template, answers, report.receipt_no)

    return submit


def _case_fields(template: Template) -> tuple[FormField, ...]:
    """The template's questions, passing on answers typed for a later one (`late`), keeping
    whom the report is for wherever it is said (`on_behalf`) and, after the witnesses, a
    phone for them (`witness_phone`); a photo sent at any of them kept as the case's photos
    (the reporter's own details keep none: an ID card is no evidence of the case)."""
    fields = after_witnesses(
        _reading_victim(late.routing_late_answers(template.fields, late.CASE, late.CASE_PARTS))
    )
    if not any(f.name == PHOTOS for f in fields):
        return fields
    return keeping_photos(PHOTOS, fields)


async def _summary_note(_ctx: Context, answers: Mapping[str, Any]) -> str:
    """The victim, when the report is made for someone else: no question of its own
    shows it, and the reporter confirms what the officer will read."""
    victim = answers.get(VICTIM)
    return victim_summed(str(victim)) if victim else ""


FORMS: tuple[Form, ...] = tuple(
    Form(
        name=form_name(t),
        title=f"{t.kind.label}报案",
        fields=(*_case_fields(t), *REPORTER_FIELDS),
        submit=_submitter(t),
        story=True,
        reads=_reporter_words,
        added_later=ADDED_LATER,
        summary_note=_summary_note,
        intro=(f"{t.urgent}\n" if t.urgent else "")
        + (
            f"开始{t.kind.label}报案，共两部分：案情和报案人信息。"
            "随时可回复「上一步」，「修改 发生时间」这样改已填的一项，或「取消」。"
        ),
    )
    for t in TEMPLATES
)


def menu() -> Choices:
    buttons = tuple(Button(t.kind.label, f"/报案 {t.kind.label}") for t in TEMPLATES)
    return Choices("自助报案适用于以下简单案件，请选择类型（紧急情况请直接拨打110）：", buttons)


async def start_report(ctx: Context, forms: FormEngine, args: str, story: str = "") -> list[Reply]:
    """`story`: what the resident typed to pick the kind (电动车被偷了 at the menu), read
    into the answers like a story told before 报案."""
    template = find_template(args)
    if template in (None, LOST_DOCUMENT):
        template = lost_thing(args) or template  # 手机丢了: lost or stolen? (`lost`)
    picked, _, told_after = args.strip().partition(" ")
    named = next((t for t in TEMPLATES if t.kind.label == picked), None)
    # 「被偷了，报案」 under 是被偷了，还是自己丢失的: `/报案 盗窃 <the story>`, the kind
    # said and the story kept, not asked about again.
    kind_and_story = named is not None and bool(told_after.strip())
    if named is not None and kind_and_story:
        template, story = named, story or told_after.strip()
    # An unfinished form is picked up as it was: a story (or a photo held) does not
    # rewrite its answers.
    resuming = bool(await forms.open_form(ctx))
    said = story or args
    if not resuming and not kind_and_story and template is not None and says_lost(said, template):
        return [stolen_or_lost(template, said)]  # 钱包丢了: no theft said, none assumed
    if resuming:
        told = None
    elif story and template is not None:
        told = (template, story)
    elif template is None and (fits := template_for_story(args)) is not None:
        # 我要报案，有个客服让我转到安全账户，转了两万: the message that starts the report
        # is its story (the kinds' menu had been shown, and its facts lost).
        told = (fits, args)
    else:
        told = await told_story(ctx, template)
    chosen = template is not None
    if template is None:
        in_person = await _in_person(ctx, args) if told is None else None
        if in_person is not None:
            return [in_person]  # 被人打了: how to report it, not the kinds that do not fit
        if told is None or (args and told[1] != args):
            lead = [Text(f"暂不支持「{args}」的自助报案。")] if args else []
            if waiting := await held_photos.peek(ctx):
                # A photo sent with 报案 goes with the kind picked: said, or it reads as lost.
                lead.append(Text(f"已收到图片（{len(waiting)} 张），选好类型后会一并带上。"))
            await memos.remember(ctx.session, ctx.user_key, MENU_MEMO, "", ctx.now)
            return [*lead, menu()]
        template = told[0]  # 报案 right after 电动车被偷了: that kind, no menu
    await memos.forget(ctx.session, ctx.user_key, MENU_MEMO)
    await memos.forget(ctx.session, ctx.user_key, STORY_MEMO)  # read once, by this report
    answered = story_answers(template, told[1], story_env(ctx)) if told else {}
    notes = [taken_note(template, answered, local_time(ctx))] if answered else []
    # A photo sent after the offer to report (`handlers.reports.pending`), unless a form
    # already open is picked up (it keeps its own answers).
    held = held_photos.Held() if resuming else await held_photos.take_all(ctx)
    photos = held.photos
    captioned = _caption_story(template, held.captions, ctx) if "story" not in answered else None
    if captioned is not None:
        # 就是这辆车 sent with the photo: what happened, in the reporter's words.
        answered = {**answered, "story": captioned}
        notes.append(f"已把您随照片发的文字记为「经过」：{captioned}")
    if photos and any(f.name == PHOTOS for f in template.fields):
        answered = {**answered, PHOTOS: photos}
        notes.append(f"已带上您刚才发的照片（{len(photos)} 张）。")
    elif photos:
        notes.append(
            f"您刚才发的照片（{len(photos)} 张）没有保存：{template.kind.label}报案不需要照片。"
        )
    last = None if resuming else await last_reporter(ctx)
    if last is not None:
        notes.append(f"您上次报案填写的报案人信息：{last[1]}。问到报案人信息时可以直接使用。")
    prefill: dict[str, Any] = {LAST_REPORTER: last[0]} if last is not None else {}
    if told and (victim := victim_said(told[1])) is not None:
        # 我帮我妈报，她手机被偷了: whom it is for, fixed with the story it was told in.
        prefill[VICTIM] = victim
        notes.append(victim_noted(victim))
    started = await forms.start(ctx, form_name(template), prefill or None, answered)
    if not chosen:
        # The kind read from the story, not picked: how to pick another (bare 报案 would
        # read the same story again).
        other = next(t for t in TEMPLATES if t is not template).kind.label
        notes.append(
            f"报案类型是按您刚才说的选的（{template.kind.label}）；不对请回复「取消」，"
            f"再发送「/报案 类型」，如「/报案 {other}」。"
        )
    if not notes:
        return started
    return [*started[:1], Text("\n".join(notes)), *started[1:]]


async def _in_person(ctx: Context, args: str) -> Choices | None:
    """How to report what `args`, or the story told in the message right before a bare
    报案, tells, when it is a matter reported in person (`handlers.reports.elsewhere`)."""
    for said in [args] if args else await recent_stories(ctx, just_before=True):
        matter = matter_of(said)
        if matter is not None:
            return report_it_in_person(matter, said)
    return None


def _caption_story(template: Template, captions: list[str], ctx: Context) -> str | None:
    """The words sent with the photos held, as the template's 经过 takes them; None if
    there are none, or no 经过 to take them."""
    field = next((f for f in template.fields if f.name == "story"), None)
    if field is None or not captions:
        return None
    try:
        return str(field.parse("；".join(captions), story_env(ctx)))
    except Invalid:
        return None


async def last_reporter(ctx: Context) -> tuple[dict[str, str], str] | None:
    """The answers of the reporter's details in this person's newest report, and how they
    are shown (masked); None for a first report. Only the same person's own reports."""
    report = (
        await ctx.session.exec(
            select(Report)
            .where(Report.reporter_person_id == ctx.person.id)
            .order_by(col(Report.id).desc())
            .limit(1)
        )
    ).first()
    if report is None:
        return None
    person = unseal(ctx.services, report, TABLE)
    answers = {
        "name": person.name,
        "doc_type": person.doc_type,
        "doc_no": person.doc_no,
        "sex": person.sex,
        "phone": person.phone,
    }
    if person.birth_date is not None:
        answers["birth_date"] = person.birth_date.isoformat()
    # The nationality is kept with the details (`_submitter`), as the officer reads it.
    details = json.loads(ctx.services.cipher.decrypt(report.details_enc, DETAILS))
    nationality = next((v for label, v in details if label == NATIONALITY), "")
    if nationality:
        answers["nationality"] = nationality
    shown = f"{report.name_masked}，证件号码 {report.doc_no_masked}，手机 {report.phone_masked}"
    return answers, shown
