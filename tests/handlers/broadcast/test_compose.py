"""What recipients read of an alert: its heading and body."""

from __future__ import annotations

from handlers.broadcast.compose import heading_and_body
from storage.models import Broadcast, BroadcastStatus, Category, Severity


def _alert(title: str, body: str) -> Broadcast:
    return Broadcast(
        station_id=1,
        title=title,
        body=body,
        category=Category.FIRE,
        severity=Severity.URGENT,
        status=BroadcastStatus.SENDING,
    )


def test_a_body_starting_with_its_title_is_not_read_twice() -> None:
    """🔴【紧急·消防】幸福里附近发生火情 was followed by 幸福里附近发生火情，请住户注意避让."""
    lines = heading_and_body(_alert("幸福里附近发生火情", "幸福里附近发生火情，请住户注意避让"))
    assert lines == ["🔴【紧急·消防】幸福里附近发生火情，请住户注意避让"]
    # A title of its own keeps its line, and so does the body.
    lines = heading_and_body(_alert("火情通报", "幸福里附近发生火情，请住户注意避让"))
    assert lines == ["🔴【紧急·消防】火情通报", "幸福里附近发生火情，请住户注意避让"]
