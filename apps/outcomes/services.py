"""Writes of the outcomes: linking records to the agreement they serve, and the reminder of
agreements ending behind target."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.agreements.models import Contract
from apps.agreements.selectors import AgreementChooser
from apps.core.pagecache import bump_on_commit
from apps.core.scope import Place
from apps.events.models import ExchangeEvent
from apps.funds.models import FundGrant
from apps.institutes.models import Branch, JointInstitute
from apps.operations.models import ReminderKind
from apps.operations.services import Recipients, send_once
from apps.outcomes.models import AgreementTarget
from apps.projects.models import CooperationProject, ProjectSite

# Remind this many days before an agreement ends if it is behind any of its targets.
REMINDER_AGREEMENT_ENDING_DAYS = 90


@dataclass(frozen=True)
class PlaceAndDate:
    """Paths from a record to its province, city, the city's parent and its date (the first
    date path with a value counts)."""

    province: str
    city: str
    city_parent: str
    dates: tuple

    def paths(self):
        return [self.province, self.city, self.city_parent, *self.dates]


def _place(province="province_id", city="city_id", city_parent="city__parent_id", dates=()):
    return PlaceAndDate(province, city, city_parent, tuple(dates))


PLACES = {
    Contract: _place(dates=["signed_on"]),
    FundGrant: _place(
        "fund__province_id", "fund__city_id", "fund__city__parent_id", ["granted_on"]
    ),
    JointInstitute: _place(dates=["established_on"]),
    Branch: _place("city__province_id", dates=["established_on", "institute__established_on"]),
    ExchangeEvent: _place(dates=["start_on"]),
    # A project is placed by its first site; its own start date before the site's.
    ProjectSite: _place(dates=["project__started_on", "started_on"]),
}
# Records that link to an agreement themselves (a project links through its sites' place).
LINKED_MODELS = [Contract, FundGrant, JointInstitute, Branch, ExchangeEvent]


def _follow(record, path):
    value = record
    for step in path.split("__"):
        if value is None:
            return None
        value = getattr(value, step)
    return value


def _choose(chooser, spec, values):
    dates = [values[path] for path in spec.dates if values[path] is not None]
    return chooser.choose(
        province_id=values[spec.province],
        city_id=values[spec.city],
        city_parent_id=values[spec.city_parent],
        on=dates[0] if dates else timezone.localdate(),
    )


def record_link_default_agreement(*, record, save=True):
    """Link a record without an agreement to its region's agreement in force on its date.

    Returns the agreement chosen (or None). Staff may change the link afterwards; a record
    already linked is left alone.
    """
    if record.agreement_id is not None:
        return record.agreement
    if isinstance(record, CooperationProject):
        site = record.sites.select_related("city", "project").order_by("pk").first()
        if site is None:
            return None
        spec, source = PLACES[ProjectSite], site
    else:
        spec, source = PLACES[type(record)], record
    values = {path: _follow(source, path) for path in spec.paths()}
    agreement = _choose(AgreementChooser(province_ids=[values[spec.province]]), spec, values)
    if agreement is None:
        return None
    record.agreement = agreement
    if save:
        type(record).objects.filter(pk=record.pk, agreement__isnull=True).update(
            agreement=agreement
        )
        bump_on_commit()
    return agreement


def records_link_default_agreements():
    """Link every record still without an agreement (after a bulk load, or once for the
    records entered before links existed). Returns {model label: records linked}."""
    chooser = AgreementChooser()
    linked = {}
    with transaction.atomic():
        for model in LINKED_MODELS:
            spec = PLACES[model]
            rows = model.objects.filter(agreement__isnull=True).values("pk", *spec.paths())
            linked[model._meta.label] = _update_links(model, chooser, spec, rows)
        spec = PLACES[ProjectSite]
        first_sites = {}
        for row in (
            ProjectSite.objects.filter(project__agreement__isnull=True)
            .order_by("project_id", "pk")
            .values("project_id", *spec.paths())
        ):
            first_sites.setdefault(row["project_id"], {**row, "pk": row["project_id"]})
        linked[CooperationProject._meta.label] = _update_links(
            CooperationProject, chooser, spec, first_sites.values()
        )
        bump_on_commit()
    return linked


def _update_links(model, chooser, spec, rows):
    by_agreement = {}
    for row in rows:
        agreement = _choose(chooser, spec, row)
        if agreement is not None:
            by_agreement.setdefault(agreement.pk, []).append(row["pk"])
    for agreement_id, pks in by_agreement.items():
        model.objects.filter(pk__in=pks, agreement__isnull=True).update(agreement_id=agreement_id)
    return sum(len(pks) for pks in by_agreement.values())


# --------------------------------------------------------------------------- reminder


def agreements_remind_behind(*, on=None):
    """Remind the responsible staff of agreements ending soon while behind a target.

    Sent once per agreement and end date (a changed end date is a new occasion). Returns the
    number of e-mails sent.
    """
    on = on or timezone.localdate()
    horizon = on + datetime.timedelta(days=REMINDER_AGREEMENT_ENDING_DAYS)
    behind = list(
        AgreementTarget.objects.filter(agreement__end_on__gte=on, agreement__end_on__lte=horizon)
        .behind(on=on)
        .select_related("agreement__city")
        .order_by("agreement__end_on", "agreement__number", "metric")
    )
    targets_of = {}
    for target in behind:
        targets_of.setdefault(target.agreement, []).append(target)
    recipients = Recipients()
    sent = 0
    for agreement, targets in targets_of.items():
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Agreement %(number)s ends on %(date)s behind target") % {
                "number": agreement.number,
                "date": agreement.end_on.isoformat(),
            }
            lines = [
                _("%(metric)s: %(actual)s of %(quantity)s (expected by now: %(expected)s)")
                % {
                    "metric": target.get_metric_display(),
                    "actual": _plain(target.actual),
                    "quantity": _plain(target.quantity),
                    "expected": _plain(target.expected),
                }
                for target in targets
            ]
            body = "\n".join(
                [
                    _("The agreement %(title)s ends in %(days)s days and is behind target:")
                    % {"title": agreement.title_zh, "days": (agreement.end_on - on).days},
                    "",
                    *lines,
                ]
            )
        for email in recipients.for_place(Place.at(agreement.province_id, agreement.city)):
            sent += send_once(
                kind=ReminderKind.AGREEMENT_BEHIND_TARGET,
                target=agreement,
                occasion=agreement.end_on.isoformat(),
                recipient=email,
                subject=subject,
                body=body,
            )
    return sent


def _plain(number):
    return f"{round(float(number)):,}"
