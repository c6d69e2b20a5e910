"""An alert as an OASIS Common Alerting Protocol 1.2 message.

The message describes the alert as it stands: `Alert` for the original, `Update` once
corrected, `Cancel` once withdrawn, the latter two referencing the original
("sender,identifier,sent"). Alerts that subscribed residents receive are `Public`; the
rest, meant for venue owners and groups, are `Restricted`. The area carries the circle or
polygon the officer drew; an audience by beat or kind has only a description.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.broadcast.audience import Audience
from storage.models import Broadcast, BroadcastStatus, Category, Severity, Station

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
CATEGORIES = {
    Category.PUBLIC_ORDER: "Security",
    Category.FRAUD: "Security",
    Category.WANTED: "Security",
    Category.FIRE: "Fire",
    Category.TRAFFIC: "Transport",
    Category.OTHER: "Other",
}
URGENCY = {Severity.URGENT: "Immediate", Severity.IMPORTANT: "Expected", Severity.NORMAL: "Future"}
SEVERITY = {Severity.URGENT: "Severe", Severity.IMPORTANT: "Moderate", Severity.NORMAL: "Minor"}
UNRELEASED = (BroadcastStatus.DRAFT, BroadcastStatus.PENDING_APPROVAL, BroadcastStatus.SCHEDULED)


def cap_time(moment: datetime, zone: ZoneInfo) -> str:
    """CAP's dateTime: seconds and a numeric offset, never "Z"."""
    return moment.astimezone(zone).replace(microsecond=0).isoformat()


def sender_of(station: Station, configured: str) -> str:
    return configured or f"jingmin@{station.code}"


def identifier(station: Station, broadcast: Broadcast, part: str) -> str:
    # CAP identifiers may not hold spaces, commas, "<" or "&".
    return f"jingmin.{station.code}.broadcast.{broadcast.id}.{part}"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _point(lat: float, lon: float) -> str:
    return f"{lat:.6f},{lon:.6f}"


def _area(info: ET.Element, audience: Audience, station: Station) -> None:
    area = _sub(info, "area")
    _sub(area, "areaDesc", audience.label or station.name)
    if audience.polygon is not None:
        ring = list(audience.polygon.ring)
        ring.append(ring[0])  # CAP polygons are closed: first and last pair the same
        _sub(area, "polygon", " ".join(_point(lat, lon) for lat, lon in ring))
    if audience.circle is not None:
        c = audience.circle
        _sub(area, "circle", f"{_point(c.latitude, c.longitude)} {c.radius_m / 1000:.3f}")


def to_cap(
    broadcast: Broadcast,
    station: Station,
    *,
    zone: ZoneInfo,
    sender: str,
    image_url: str = "",
    image: bytes | None = None,
) -> bytes:
    """The CAP XML document (UTF-8, with its declaration). `image_url`: the picture's link;
    `image`: its bytes, for its size and digest."""
    assert broadcast.id is not None
    audience = Audience.from_json(broadcast.audience)
    released = broadcast.released_at or broadcast.created_at
    original = f"{sender},{identifier(station, broadcast, 'r1')},{cap_time(released, zone)}"
    if broadcast.status is BroadcastStatus.CANCELLED and broadcast.released_at is not None:
        msg_type, part = "Cancel", "cancel"
        sent = broadcast.cancelled_at or broadcast.updated_at
    elif broadcast.rev > 1:
        msg_type, part, sent = "Update", f"r{broadcast.rev}", broadcast.updated_at
    else:
        msg_type, part, sent = "Alert", "r1", released

    ET.register_namespace("", NAMESPACE)
    alert = ET.Element(f"{{{NAMESPACE}}}alert")
    _sub(alert, "identifier", identifier(station, broadcast, part))
    _sub(alert, "sender", sender)
    _sub(alert, "sent", cap_time(sent, zone))
    _sub(alert, "status", "Draft" if broadcast.status in UNRELEASED else "Actual")
    _sub(alert, "msgType", msg_type)
    _sub(alert, "source", station.name)
    if broadcast.public:
        _sub(alert, "scope", "Public")
    else:
        _sub(alert, "scope", "Restricted")
        _sub(alert, "restriction", "限辖区场所负责人及其工作群阅知，请勿外传")
    if msg_type != "Alert":
        _sub(alert, "references", original)

    info = _sub(alert, "info")
    _sub(info, "language", "zh-CN")
    _sub(info, "category", CATEGORIES[broadcast.category])
    _sub(info, "event", f"{broadcast.category.label}通报")
    _sub(info, "responseType", "AllClear" if msg_type == "Cancel" else "Monitor")
    _sub(info, "urgency", "Past" if msg_type == "Cancel" else URGENCY[broadcast.severity])
    _sub(info, "severity", SEVERITY[broadcast.severity])
    _sub(info, "certainty", "Observed" if broadcast.category is Category.WANTED else "Likely")
    _sub(info, "effective", cap_time(released, zone))
    if broadcast.expires_at is not None:
        _sub(info, "expires", cap_time(broadcast.expires_at, zone))
    _sub(info, "senderName", station.name)
    _sub(info, "headline", broadcast.title)
    description = broadcast.body
    if msg_type == "Cancel":
        description = f"本通报已撤回。{broadcast.note}".strip() + "\n\n" + broadcast.body
    _sub(info, "description", description)
    if msg_type != "Cancel":
        _sub(info, "instruction", "请阅知并做好防范；场所负责人请回复「收到」确认。")
    _sub(info, "contact", station.name)
    if broadcast.image_sha256:
        resource = _sub(info, "resource")
        _sub(resource, "resourceDesc", "配图")
        _sub(resource, "mimeType", broadcast.image_mime)
        if image is not None:
            _sub(resource, "size", str(len(image)))
        _sub(resource, "uri", image_url)
        if image is not None:
            _sub(resource, "digest", hashlib.sha1(image).hexdigest())
    _area(info, audience, station)
    return ET.tostring(alert, encoding="utf-8", xml_declaration=True)
