"""Masked names written by older versions, shown as the current mask says.

A registration stores its masked name (`name_masked`) when it is made. Before Latin names
were masked a letter per word (`bot.validators.masking.mask_name`: J*** S****), they were
masked as one word, spaces included (J*********), and rows of that time keep it. A mask
that looks like that is worked out again from the sealed name when the row is loaded, so
every list shows the current mask; the row is not rewritten. Chinese masks never look like
it, and a one-word Latin name's mask is the same either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import QueryContext, Session, attributes

from bot.validators.masking import mask_name
from storage.crypto import CryptoError, FieldCipher
from storage.models.registration import GuestStay, Tenancy
from storage.models.reports import Report
from storage.sealed import CIPHER

#: The old mask of a Latin name: its first letter, then a star for every other character.
OLD_LATIN_MASK = re.compile(r"[A-Za-z]\*+")
_KEYS = ("name_masked", "name_enc")


def _remask(target: Any, session: Session | None) -> None:
    loaded = attributes.instance_state(target).dict
    masked, token = loaded.get("name_masked"), loaded.get("name_enc")
    if not (isinstance(masked, str) and OLD_LATIN_MASK.fullmatch(masked) and token):
        return
    cipher = session.info.get(CIPHER) if session is not None else None
    if not isinstance(cipher, FieldCipher):
        return  # a session without keys (a copy between databases) shows what is stored
    try:
        name = cipher.decrypt(token, f"{target.__tablename__}.name")
    except (CryptoError, ValueError):
        return  # a key not configured, a damaged token: the stored mask is still a mask
    attributes.set_committed_value(target, "name_masked", mask_name(name))


def _on_load(target: Any, context: QueryContext) -> None:
    _remask(target, context.session)


def _on_refresh(target: Any, context: QueryContext, attrs: Iterable[str] | None) -> None:
    if attrs is None or set(_KEYS) & set(attrs):
        _remask(target, context.session)


for _model in (GuestStay, Tenancy, Report):
    event.listen(_model, "load", _on_load)
    event.listen(_model, "refresh", _on_refresh)
