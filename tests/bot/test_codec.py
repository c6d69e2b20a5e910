"""Replies as the outbox and the web inbox keep them."""

from __future__ import annotations

from bot import codec
from bot.messages import Image


def test_an_alerts_picture_is_still_the_alerts_once_it_waited_in_the_outbox() -> None:
    """Read back from its row, an alert's picture had become any picture: a channel then
    linked it as it links a sealed card's, for half an hour."""
    alert = Image("ab" * 32, "", "image/jpeg", published=True)
    assert codec.loads(codec.dumps([alert])) == [alert]


def test_a_picture_stored_before_alerts_were_told_apart_reads_as_not_published() -> None:
    stored = '[{"type": "image", "sha256": "' + "ab" * 32 + '", "caption": "甲某某（内部）"}]'
    assert codec.loads(stored) == [Image("ab" * 32, "甲某某（内部）")]
    assert "published" not in codec.dumps([Image("ab" * 32)])
