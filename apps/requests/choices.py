"""Choices of a technology request, and its workflow: the one place that says which status may
follow which, who may make the move, and which moves the partner is told of by email."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequesterKind(models.TextChoices):
    GOVERNMENT = "government", _("Local government or public agency")
    STATE_OWNED = "state_owned", _("State-owned enterprise")
    PRIVATE = "private", _("Private enterprise")
    FOREIGN = "foreign", _("Foreign-invested or joint-venture enterprise")
    RESEARCH = "research", _("University or research institute")
    OTHER = "other", _("Other organization")


class Industry(models.TextChoices):
    ADVANCED_MANUFACTURING = "manufacturing", _("Advanced manufacturing and equipment")
    AUTOMOTIVE = "automotive", _("Automotive and transport")
    ENERGY = "energy", _("Energy and power")
    ENVIRONMENT = "environment", _("Environment and ecology")
    AGRICULTURE = "agriculture", _("Agriculture, soil and food")
    CHEMICALS_MATERIALS = "materials", _("Chemicals and new materials")
    ELECTRONICS = "electronics", _("Electronics and displays")
    INFORMATION = "information", _("Information technology and software")
    BIOMEDICINE = "biomedicine", _("Biomedicine and health")
    CONSTRUCTION = "construction", _("Construction and urban planning")
    LOGISTICS = "logistics", _("Logistics and supply chain")
    PUBLIC_SAFETY = "public_safety", _("Public safety and emergency response")
    MANAGEMENT = "management", _("Economics, management and regional planning")
    OTHER = "other", _("Other")


class CooperationKind(models.TextChoices):
    DEVELOPMENT = "development", _("Technology development")
    TRANSFER = "transfer", _("Technology transfer")
    SERVICE = "service", _("Technology service")
    CONSULTING = "consulting", _("Technology consulting")
    NOT_SURE = "not_sure", _("Not sure yet")


class BudgetRange(models.TextChoices):
    UNDER_500K = "under_500k", _("Under CNY 500,000")
    FROM_500K_TO_1M = "500k_1m", _("CNY 500,000 – 1 million")
    FROM_1M_TO_5M = "1m_5m", _("CNY 1 – 5 million")
    FROM_5M_TO_10M = "5m_10m", _("CNY 5 – 10 million")
    OVER_10M = "over_10m", _("Over CNY 10 million")
    UNDECIDED = "undecided", _("Not decided yet")


class Timeline(models.TextChoices):
    WITHIN_3_MONTHS = "3m", _("Within 3 months")
    WITHIN_6_MONTHS = "6m", _("Within 6 months")
    WITHIN_1_YEAR = "1y", _("Within a year")
    OVER_1_YEAR = "over_1y", _("More than a year")
    FLEXIBLE = "flexible", _("Flexible")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    MATCHED = "matched", _("Matched")
    IN_NEGOTIATION = "in_negotiation", _("In negotiation")
    CONTRACTED = "contracted", _("Contracted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Actor(models.TextChoices):
    STAFF = "staff", _("Staff")
    PARTNER = "partner", _("Partner")
    SYSTEM = "system", _("System")


class MessageVisibility(models.TextChoices):
    INTERNAL = "internal", _("Internal note (staff only)")
    SHARED = "shared", _("Message to the partner")
    FROM_PARTNER = "from_partner", _("Message from the partner")


class NotificationKind(models.TextChoices):
    PARTNER_RECEIVED = "partner_received", _("Partner: request received")
    STAFF_NEW_REQUEST = "staff_new_request", _("Staff: new request")
    PARTNER_STATUS = "partner_status", _("Partner: status changed")
    PARTNER_MESSAGE = "partner_message", _("Partner: message from staff")
    STAFF_PARTNER_MESSAGE = "staff_partner_message", _("Staff: message from the partner")
    STAFF_WITHDRAWN = "staff_withdrawn", _("Staff: request withdrawn")
    STAFF_ASSIGNED = "staff_assigned", _("Staff: request assigned to you")
    STAFF_REMINDER = "staff_reminder", _("Staff: request waiting too long")


S = RequestStatus

# Which status may follow which. Staff make every move; the partner only withdraws.
# Contracted and withdrawn are final; a declined request may be reopened for review.
TRANSITIONS = {
    S.SUBMITTED: {S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.MATCHED, S.DECLINED, S.WITHDRAWN},
    S.MATCHED: {S.IN_NEGOTIATION, S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN},
    S.IN_NEGOTIATION: {S.CONTRACTED, S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN},
    S.CONTRACTED: set(),
    S.DECLINED: {S.UNDER_REVIEW},
    S.WITHDRAWN: set(),
}
PARTNER_TRANSITIONS = {S.WITHDRAWN}

OPEN_STATUSES = frozenset({S.SUBMITTED, S.UNDER_REVIEW, S.MATCHED, S.IN_NEGOTIATION})
CLOSED_STATUSES = frozenset({S.CONTRACTED, S.DECLINED, S.WITHDRAWN})

# A matched request has somewhere to go: a department or an office.
NEEDS_ASSIGNMENT = frozenset({S.MATCHED, S.IN_NEGOTIATION, S.CONTRACTED})

# The moves a partner hears of by email (their own withdrawal is shown on the page instead).
PARTNER_NOTIFIED = frozenset(
    {S.UNDER_REVIEW, S.MATCHED, S.IN_NEGOTIATION, S.CONTRACTED, S.DECLINED, S.WITHDRAWN}
)

# Days a request may stay in an open status before it counts as waiting too long.
WAITING_TOO_LONG_DAYS = {
    S.SUBMITTED: 3,
    S.UNDER_REVIEW: 10,
    S.MATCHED: 14,
    S.IN_NEGOTIATION: 45,
}


def allowed_transitions(status, actor=Actor.STAFF):
    """The statuses the actor may move a request to from `status`."""
    targets = TRANSITIONS.get(status, set())
    if actor == Actor.PARTNER:
        return targets & PARTNER_TRANSITIONS
    if actor == Actor.STAFF:
        return set(targets)
    return set()


# What each status means, in the words the partner reads on the tracking page.
PARTNER_STATUS_TEXT = {
    S.SUBMITTED: _("We have received your request and will look at it within a few working days."),
    S.UNDER_REVIEW: _("Our staff are reviewing your request and looking for the right experts."),
    S.MATCHED: _(
        "We have found a department or office to take your request on; they will contact you."
    ),
    S.IN_NEGOTIATION: _("You and the university are discussing the terms of cooperation."),
    S.CONTRACTED: _("A contract or project has been agreed. Thank you for working with us."),
    S.DECLINED: _(
        "We are sorry: we cannot take this request on at present. See our message for details."
    ),
    S.WITHDRAWN: _("You have withdrawn this request. No further action will be taken."),
}
