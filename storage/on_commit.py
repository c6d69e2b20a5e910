"""Work that must wait for a transaction to commit: deleting files its rows named.

A file deleted before the commit is lost if the transaction then rolls back (the card
stays active, its picture gone); deleted after, it can only ever be a file no row names.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlmodel.ext.asyncio.session import AsyncSession

log = logging.getLogger(__name__)

_PENDING = "on_commit.pending"


def on_commit(session: AsyncSession, action: Callable[[], object]) -> None:
    """Run `action` once the session's transaction commits; never if it rolls back."""
    session.sync_session.info.setdefault(_PENDING, []).append(action)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    for action in session.info.pop(_PENDING, []):
        try:
            action()
        except OSError:
            # The commit stands; a file left behind is for retention to find.
            log.exception("work after a commit failed")


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session, *_: Any) -> None:
    session.info.pop(_PENDING, None)
