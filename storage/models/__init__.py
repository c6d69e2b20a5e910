"""The schema. Importing this package registers every table on `SQLModel.metadata`."""

# First: how every table class is defined.
import storage.models.base

# Registers the events that show names masked by older versions as they are masked now.
import storage.name_masks

# Registers the event that hides voided guest registrations from every ORM query.
import storage.voided

# Registers the events that seal a wanted person's name and aliases at rest.
import storage.wanted_sealing  # noqa: F401
from storage.models.allowance import SendAllowance
from storage.models.audit import AuditEvent
from storage.models.broadcasts import (
    Broadcast,
    BroadcastAck,
    BroadcastRecipient,
    BroadcastStatus,
    Category,
    DailyItem,
    RecipientKind,
    Severity,
)
from storage.models.dedupe import SeenDelivery
from storage.models.forms import FormState
from storage.models.groups import ChatGroup, GroupInvite
from storage.models.identity import Account, Beat, Invite, Person, Role, Station
from storage.models.incidents import Incident, IncidentLevel, WarningLevel
from storage.models.inspections import Inspection, InspectionItem, InspectionStatus
from storage.models.key_check import KeyCheck
from storage.models.leases import JobRun, Lease
from storage.models.memo import UserMemo
from storage.models.notes import SharedNote
from storage.models.outbox import OutboxMessage, OutboxStatus
from storage.models.questions import Question
from storage.models.registration import GuestStay, Tenancy
from storage.models.reports import Report, ReportKind, ReportMessage, ReportStatus
from storage.models.risk import RiskChange, RiskColour, RiskSource, VenueRisk
from storage.models.subscriptions import AlertSubscription
from storage.models.tasks import Task, TaskStatus
from storage.models.telegram import TelegramCallback
from storage.models.tips import Tip, TipCategory, TipMessage, TipSource, TipStatus
from storage.models.tokens import ChannelToken
from storage.models.venue import Venue, VenueKind, VenueOwner
from storage.models.venue_contact import VenueContact
from storage.models.venue_history import VenueHistory
from storage.models.watchlist import (
    CardDelivery,
    HitStrength,
    Visibility,
    WantedChange,
    WantedPerson,
    WantedStatus,
    WatchHit,
)
from storage.models.webchat import WebInboxMessage
from storage.models.worklog import WorkLog

__all__ = [
    "Account",
    "AlertSubscription",
    "AuditEvent",
    "Beat",
    "Broadcast",
    "BroadcastAck",
    "BroadcastRecipient",
    "BroadcastStatus",
    "CardDelivery",
    "Category",
    "ChannelToken",
    "ChatGroup",
    "DailyItem",
    "FormState",
    "GroupInvite",
    "GuestStay",
    "HitStrength",
    "Incident",
    "IncidentLevel",
    "Inspection",
    "InspectionItem",
    "InspectionStatus",
    "Invite",
    "JobRun",
    "KeyCheck",
    "Lease",
    "OutboxMessage",
    "OutboxStatus",
    "Person",
    "Question",
    "RecipientKind",
    "Report",
    "ReportKind",
    "ReportMessage",
    "ReportStatus",
    "RiskChange",
    "RiskColour",
    "RiskSource",
    "Role",
    "SeenDelivery",
    "SendAllowance",
    "Severity",
    "SharedNote",
    "Station",
    "Task",
    "TaskStatus",
    "TelegramCallback",
    "Tenancy",
    "Tip",
    "TipCategory",
    "TipMessage",
    "TipSource",
    "TipStatus",
    "UserMemo",
    "Venue",
    "VenueContact",
    "VenueHistory",
    "VenueKind",
    "VenueOwner",
    "VenueRisk",
    "Visibility",
    "WantedChange",
    "WantedPerson",
    "WantedStatus",
    "WarningLevel",
    "WatchHit",
    "WebInboxMessage",
    "WorkLog",
]
