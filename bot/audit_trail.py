"""The audit log entry for what a chat user just did (viewed a record, bound an account…),
written in the message's own transaction so it stands or falls with the action."""

from __future__ import annotations

from bot.context import Context
from storage.models import AuditEvent


def audit(
    ctx: Context, action: str, subject_kind: str = "", subject_id: str = "", detail: str = ""
) -> None:
    """`detail` holds identifiers and counts only, never personal data."""
    ctx.session.add(
        AuditEvent(
            at=ctx.now,
            account_id=ctx.account.id,
            person_id=ctx.account.person_id,
            action=action,
            subject_kind=subject_kind,
            subject_id=subject_id,
            detail=detail,
        )
    )
