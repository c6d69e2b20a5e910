"""The whole bot, assembled in one place: forms, routers, middleware, dispatcher.

Read top to bottom to see every feature the bot has and the order middleware runs in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.context import Handler, Services
from bot.dispatch import Dispatcher
from bot.forms import FormEngine
from bot.forms.store import FormStore
from bot.middleware import Middleware
from bot.middleware.audit import audit
from bot.middleware.authorization import authorization
from bot.middleware.form_state import form_state
from bot.middleware.identity import identity
from bot.middleware.rate_limit import RateLimiter
from bot.router import Router
from handlers import (
    audit_log,
    bind,
    common,
    digest,
    groups,
    hits,
    messaging,
    more,
    questions,
    tasks,
    worknotes,
)
from handlers.broadcast import acks as broadcast_acks
from handlers.broadcast import form as broadcast_form
from handlers.broadcast import officer as broadcast_officer
from handlers.broadcast import received as broadcast_received
from handlers.broadcast import subscribe as broadcast_subscribe
from handlers.broadcast.area_words import with_area_words
from handlers.broadcast.reschedule import with_new_time
from handlers.broadcast.urgent_replies import with_urgent_replies
from handlers.emergency import emergency_first
from handlers.incidents import form as incident_form
from handlers.incidents import trend as incident_trend
from handlers.inspection import checklist
from handlers.inspection import form as inspection_form
from handlers.inspection import router as inspection
from handlers.law import LawDesk
from handlers.registration import (
    children,
    correct,
    guest,
    lease_end,
    owner_day,
    start,
    still_here,
    tenant,
    void,
)
from handlers.registration.arrivals import with_arrivals
from handlers.registration.checkout_answers import with_checkout_declined, with_checkout_words
from handlers.registration.children import with_children_gone
from handlers.registration.extend_answers import with_extension_everyone, with_extension_lengths
from handlers.registration.lease_answers import with_lease_end_answers
from handlers.registration.moveout_names import with_tenant_names
from handlers.registration.moveout_never_came import with_never_moved_in
from handlers.registration.place_words import with_place_words
from handlers.registration.screening_asked import with_screening_questions
from handlers.registration.venue_choice import with_details_kept
from handlers.registration.void import with_other_reason
from handlers.reports import form as report_forms
from handlers.reports import router as reports
from handlers.reports.pending import with_answer_offer
from handlers.reports.typed_kind import with_typed_kinds
from handlers.service_questions import with_service_questions
from handlers.services.risk.ruleset import load_rule_set
from handlers.station import with_station_contact
from handlers.tips import form as tip_form
from handlers.tips import officer as tip_officer
from handlers.tips import router as tips
from handlers.tips.additions import with_tip_additions
from handlers.tips.contact import with_contact_removal
from handlers.tips.sighting_reply import with_sighting_replies
from handlers.tips.suggest import with_tip_suggestion
from handlers.tips.withdraw import with_tip_withdrawal
from handlers.venues import invite as venue_invite
from handlers.venues import people_lookup, plate, record
from handlers.venues import risk as venue_risk
from handlers.venues.named import with_venue_names
from handlers.wanted import commands as wanted_commands
from handlers.wanted import entry as wanted_entry
from handlers.wanted import public as wanted_public
from knowledge.base import KnowledgeBase


def build_forms(services: Services) -> FormEngine:
    store = FormStore(services.cipher, timedelta(minutes=services.settings.forms.expire_minutes))
    items = checklist.load_checklist(services.settings.inspection.checklist)
    forms = (
        guest.FORM,
        tenant.FORM,
        tip_form.FORM,
        *report_forms.FORMS,
        *inspection_form.build_forms(items),
        *messaging.FORMS,
        incident_form.build_form(services.settings),
        broadcast_form.FORM,
        broadcast_subscribe.FORM,
        wanted_entry.FORM,
    )
    return FormEngine({form.name: form for form in forms}, store)


def build_dispatcher(services: Services, knowledge: KnowledgeBase | None = None) -> Dispatcher:
    forms = build_forms(services)
    law = LawDesk(knowledge)
    root = Router()
    root.include(bind.router)
    root.include(groups.router)
    root.include(start.build_router(forms))
    root.include(guest.build_router(forms))
    root.include(still_here.build_router())
    root.include(children.build_router())
    root.include(correct.build_router())
    root.include(void.build_router())
    root.include(owner_day.build_router())
    root.include(tenant.build_router(forms))
    root.include(lease_end.build_router())
    root.include(hits.router)
    root.include(wanted_commands.build_router(forms))
    root.include(wanted_public.router)
    root.include(tips.build_router(forms))
    root.include(tip_officer.build_router())
    root.include(reports.build_router(forms))
    root.include(inspection.build_router(forms))
    root.include(messaging.build_router(forms))
    root.include(questions.build_router(forms))
    # Officers' beat work: venues, plates, risk, incidents, tasks, digest, shared notes.
    root.include(plate.router)
    root.include(record.router)
    root.include(people_lookup.router)
    root.include(venue_invite.router)
    root.include(venue_risk.build_router(load_rule_set(services.settings)))
    root.include(incident_form.build_router(forms))
    root.include(incident_trend.build_router(services.settings.incidents))
    root.include(tasks.router)
    root.include(digest.router)
    root.include(worknotes.router)
    # The station admin reads who looked at whose data.
    root.include(audit_log.router)
    # Alerts: officers compose and follow them; recipients acknowledge (and owners read
    # again what they received); residents subscribe.
    root.include(broadcast_officer.build_router(forms))
    root.include(broadcast_acks.router)
    root.include(broadcast_received.router)
    root.include(broadcast_subscribe.build_router(forms))
    # Legal questions, by command or recognised in any message no route claimed.
    root.include(law.build_router())
    # 更多: the rest of a reply too long for the channel, else the legal answer's next page.
    root.include(more.build_router(law))
    root.include(common.build_router(root, forms))
    limits = services.settings.rate_limit
    middlewares: list[Middleware] = [
        identity,
        # 110/119/120 before anything else, in a form or a command too.
        emergency_first(common.NOT_UNDERSTOOD, forms),
        authorization,
        RateLimiter(limits.per_user_per_minute, limits.burst),
        audit,
        form_state(forms),
    ]
    return Dispatcher(
        services,
        root,
        forms,
        middlewares,
        fallback=_fallback(root, forms, law),
    )


def _fallback(root: Router, forms: FormEngine, law: LawDesk) -> Handler:
    """What a message no route claims gets, tried outermost first: a reply to a public wanted
    notice is a sighting; an owner asking whether a guest is wanted gets the same neutral
    answer whatever the truth; an owner's words asked after 作废登记's 其他 are the reason; a
    stay's length typed at 续住's question is its answer (两个都续
    at its 谁续住？, everyone), and so is a lease's new end at 续租's (续到明年年底), and
    都走了 at 退房's question which guests leave (算了先不退 leaves them), and 孩子也退房
    (or 孩子跟妈妈走了) a child
    left in a room after the adults checked out, a tenant said never to have moved in
    (没搬进来) the withdrawal of the registration, and 民宿 at 登记's which place, and a
    place at a subscriber's 换片区 / 退订 the new area; words
    about an alert just received go to its officer (a reply to an urgent one confirms it
    and gets its safety steps); a time alone, just after 要改到什么时候？, moves that
    scheduled alert; staff asking 谁查看过王强的信息 get the
    audit log (officers, whose it is); an officer's venue named alone is
    shown; a kind of report typed just after the 报案 menu starts that report; a fix told
    (灭火器换好了) by an owner with a rectification waiting points to it; a tip taken
    back (撤回 查询码) is withdrawn, and so is the phone left with one; more said of a tip
    or report still open (补充一下 …) is
    offered to be added to it; an owner's
    来了两个客人要登记 starts the registration; a question
    about the service itself (民警回复我了吗, 可以报警吗) gets its answer; a sentence
    naming a feature gets it offered; a question about the station gets its contacts; a
    reporter's or tipster's statement while an officer's question waits is
    offered as the answer (after its own answer, if it tells of a new harm); something
    seen that sounds like a tip gets the offer to report it; a legal question its answer;
    what is left may be an acknowledgement in one's own words, or a question answering an
    officer's question, before it is small talk or "not understood"."""
    wrappers: list[Callable[[Handler], Handler]] = [
        lambda handler: with_sighting_replies(forms, handler),
        with_screening_questions,
        with_other_reason,
        with_extension_lengths,
        with_extension_everyone,
        with_lease_end_answers,
        with_checkout_words,
        with_checkout_declined,
        with_children_gone,
        with_tenant_names,
        with_never_moved_in,
        with_place_words,
        with_details_kept,
        lambda handler: with_area_words(forms, handler),
        with_urgent_replies,
        with_new_time,
        lambda handler: questions.with_alert_questions(forms, root, law, handler),
        audit_log.with_audit_questions,
        with_venue_names,
        lambda handler: with_typed_kinds(forms, handler),
        lambda handler: inspection.with_fixes_told(forms, handler),
        lambda handler: with_service_questions(handler, law.on_the_matter),
        with_tip_withdrawal,
        with_contact_removal,
        with_tip_additions,
        with_arrivals(forms),
        lambda handler: common.with_command_hints(root, handler),
        with_station_contact,
        lambda handler: with_answer_offer(handler, questions=False, urgent=law.for_victims),
        lambda handler: with_tip_suggestion(handler, written_for=law.written_for, forms=forms),
        law.answering,
        broadcast_acks.with_ack_words,
        lambda handler: with_answer_offer(handler, questions=True),
    ]
    handler = common.build_fallback(root)
    for wrap in reversed(wrappers):
        handler = wrap(handler)
    return handler
