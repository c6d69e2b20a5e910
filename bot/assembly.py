"""The whole bot, assembled in one place: forms, routers, middleware, dispatcher.

Read top to bottom to see every feature the bot has and the order middleware runs in.
"""

from __future__ import annotations

from datetime import timedelta

from bot.context import Services
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
from handlers import bind, common, hits
from handlers.registration import guest, start, tenant


def build_forms(services: Services) -> FormEngine:
    store = FormStore(services.cipher, timedelta(minutes=services.settings.forms.expire_minutes))
    return FormEngine({form.name: form for form in (guest.FORM, tenant.FORM)}, store)


def build_dispatcher(services: Services) -> Dispatcher:
    forms = build_forms(services)
    root = Router()
    root.include(bind.router)
    root.include(start.build_router(forms))
    root.include(guest.build_router(forms))
    root.include(tenant.build_router(forms))
    root.include(hits.router)
    root.include(common.build_router(root, forms))
    limits = services.settings.rate_limit
    middlewares: list[Middleware] = [
        identity,
        authorization,
        RateLimiter(limits.per_user_per_minute, limits.burst),
        audit,
        form_state(forms),
    ]
    return Dispatcher(services, root, forms, middlewares, fallback=common.fallback)
