from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetMetric(models.TextChoices):
    CONTRACT_VALUE = "contract_value", _("Contract value (CNY)")
    CONTRACTS = "contracts", _("Technology contracts signed")
    PROJECTS = "projects", _("Projects applied")
    INSTITUTES = "institutes", _("Joint institutes and branches founded")
    PEOPLE_TRAINED = "people_trained", _("People trained")
    EVENTS = "events", _("Exchange events held")
    FUND_GRANTS = "fund_grants", _("Fund grants awarded (CNY)")


# Metrics measured in money: a sum of amounts rather than a count.
VALUE_METRICS = frozenset({TargetMetric.CONTRACT_VALUE, TargetMetric.FUND_GRANTS})


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    MET = "met", _("Met")
    AHEAD = "ahead", _("Ahead of target")
    ON_TRACK = "on_track", _("On target")
    BEHIND = "behind", _("Behind target")
