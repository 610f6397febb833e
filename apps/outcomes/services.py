"""Writes of the outcomes: linking records to the agreement they serve, and the reminder of
agreements ending behind target."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.agreements.selectors import AgreementChooser
from apps.core.pagecache import bump_on_commit
from apps.core.recipients import Recipients
from apps.core.scope import Place
from apps.operations.models import ReminderKind
from apps.operations.services import deliver
from apps.outcomes.choices import declared_outcomes
from apps.outcomes.models import AgreementTarget

# Remind this many days before an agreement ends if it is behind any of its targets.
REMINDER_AGREEMENT_ENDING_DAYS = 90


def linked_placements():
    """{model: Placement} of every record type whose records serve an agreement (their apps'
    ``outcomes`` declarations), in the registry's order."""
    return {
        record_type.model: outcomes.link
        for record_type, outcomes in declared_outcomes()
        if outcomes.link is not None
    }


def placed_via(model, placement):
    """The model of the rows placing a record (a project's sites) and the name of their
    foreign key to it."""
    relation = model._meta.get_field(placement.via)
    return relation.related_model, relation.field.name


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
    spec = linked_placements()[type(record)]
    source = record
    if spec.via:
        _, parent_field = placed_via(type(record), spec)
        source = (
            getattr(record, spec.via).select_related("city", parent_field).order_by("pk").first()
        )
        if source is None:
            return None
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
        for model, spec in linked_placements().items():
            if spec.via:
                related, parent_field = placed_via(model, spec)
                first_rows = {}
                for row in (
                    related.objects.filter(**{f"{parent_field}__agreement__isnull": True})
                    .order_by(f"{parent_field}_id", "pk")
                    .values(f"{parent_field}_id", *spec.paths())
                ):
                    parent_id = row[f"{parent_field}_id"]
                    first_rows.setdefault(parent_id, {**row, "pk": parent_id})
                rows = first_rows.values()
            else:
                rows = model.objects.filter(agreement__isnull=True).values("pk", *spec.paths())
            linked[model._meta.label] = _update_links(model, chooser, spec, rows)
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
        # With nobody to send to, the reminder is held and listed on the admin home.
        sent += deliver(
            addresses=recipients.for_place(Place.at(agreement.province_id, agreement.city)),
            kind=ReminderKind.AGREEMENT_BEHIND_TARGET,
            target=agreement,
            occasion=agreement.end_on.isoformat(),
            subject=subject,
            body=body,
        )
    return sent


def _plain(number):
    return f"{round(float(number)):,}"
