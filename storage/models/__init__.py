"""The schema. Importing this package registers every table on `SQLModel.metadata`."""

from storage.models.audit import AuditEvent
from storage.models.dedupe import SeenDelivery
from storage.models.forms import FormState
from storage.models.identity import Account, Beat, Invite, Person, Role, Station
from storage.models.memo import UserMemo
from storage.models.outbox import OutboxMessage, OutboxStatus
from storage.models.registration import GuestStay, Tenancy
from storage.models.venue import Venue, VenueKind, VenueOwner
from storage.models.watchlist import HitStrength, Visibility, WantedPerson, WantedStatus, WatchHit
from storage.models.webchat import WebInboxMessage

__all__ = [
    "Account",
    "AuditEvent",
    "Beat",
    "FormState",
    "GuestStay",
    "HitStrength",
    "Invite",
    "OutboxMessage",
    "OutboxStatus",
    "Person",
    "Role",
    "SeenDelivery",
    "Station",
    "Tenancy",
    "UserMemo",
    "Venue",
    "VenueKind",
    "VenueOwner",
    "Visibility",
    "WantedPerson",
    "WantedStatus",
    "WatchHit",
    "WebInboxMessage",
]
