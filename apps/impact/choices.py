from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    """What an impact record reports on."""

    PROJECT = "project", _("Project")
    INSTITUTE = "institute", _("Joint institute")
    OFFICE = "office", _("Cooperation office")
    AGREEMENT = "agreement", _("Agreement")
    REGION = "region", _("Region")


class Source(models.TextChoices):
    """Where the figures come from."""

    PARTNER = "partner", _("Reported by the partner")
    OFFICE = "office", _("Collected by the cooperation office")
    STATISTIC = "statistic", _("Public statistic")


class Verification(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, not yet verified")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


# The measures an impact record may carry: (field, label, kind) with kind "value" (yuan) or
# "count". The model's fields, the targets' metrics and the admin read this one list.
MEASURES = (
    ("output_value", _("Output value"), "value"),
    ("tax", _("Tax paid"), "value"),
    ("jobs", _("Jobs created"), "count"),
    ("enterprises_served", _("Enterprises served"), "count"),
    ("enterprises_incubated", _("Enterprises incubated"), "count"),
    ("people_trained", _("People trained"), "count"),
    ("patents_transferred", _("Patents transferred or licensed"), "count"),
    ("platforms_built", _("Platforms built"), "count"),
)
MEASURE_FIELDS = tuple(field for field, _label, _kind in MEASURES)
