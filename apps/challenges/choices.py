"""Choices of a challenge: its stages, the ways the partner's consent was obtained, and the
channels a request comes through."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("challenge stage", "Received")
    SCREENED = "screened", pgettext_lazy("challenge stage", "Screened")
    INTRODUCED = "introduced", pgettext_lazy("challenge stage", "Introduced")
    NEGOTIATING = "negotiating", pgettext_lazy("challenge stage", "Negotiating")
    SIGNED = "signed", pgettext_lazy("challenge stage", "Signed")
    CLOSED = "closed", pgettext_lazy("challenge stage", "Closed")


# Stages in their order: a challenge moves forward one or more stages, or closes.
STAGE_ORDER = list(Stage.values)
FINISHED_STAGES = frozenset({Stage.SIGNED, Stage.CLOSED})
OPEN_STAGES = frozenset(set(Stage.values) - FINISHED_STAGES)

# What each stage means, in the words the partner reads in the e-mail and on their page.
STAGE_TEXT = {
    Stage.RECEIVED: _("Your challenge is published and open for proposals."),
    Stage.SCREENED: _("Our staff have screened the proposals received from departments."),
    Stage.INTRODUCED: _("We have introduced you to the team whose proposal fits best."),
    Stage.NEGOTIATING: _("You and the team are negotiating the terms of cooperation."),
    Stage.SIGNED: _("A contract has been signed. Thank you for working with us."),
    Stage.CLOSED: _("The challenge is closed and no longer takes proposals."),
}


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Signed written consent")
    EMAIL = "email", _("By e-mail from the partner's contact")
    MEETING = "meeting", _("In a meeting, recorded in its minutes")
    PHONE = "phone", _("By telephone, confirmed in writing")


class Openness(models.TextChoices):
    OPEN = "open", pgettext_lazy("challenge", "Open")
    CLOSED = "closed", pgettext_lazy("challenge", "Closed")


class Channel(models.TextChoices):
    """How a request came. A technology request records no channel of its own: the public form
    is the only path that stores the sender's address (``TechRequest.submitted_from``), so a
    request with an address came through the web form and one without came another way (the
    API, an office or an event entering it for the partner)."""

    WEB_FORM = "web_form", _("Web form")
    OTHER = "other", _("Other (API, office or event)")
