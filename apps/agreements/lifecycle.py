"""An agreement's status follows its dates: the one rule, stated for Python and for SQL.

On a date, an agreement is, in this order:

* terminated (已终止) once staff recorded a termination on or before the date;
* not yet in force (尚未生效) before it begins (its start, else its signature);
* in force (生效中) up to and including its end date, or, with an open term, until a renewal
  of it begins;
* renewed (已续签) once its term is over and a later agreement renewing it has been signed;
* expired (已到期) otherwise.

``status_on`` answers for one agreement in Python, ``status_expression`` in the database for
a queryset (the manager annotates every agreement with it as of today); the tests check that
the two agree on every case.
"""

from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, DateField, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import formats
from django.utils.translation import gettext as _

from apps.agreements.choices import AgreementStatus


def status_on(on, *, begins_on, end_on, terminated_on, renewed, superseded):
    """The status on ``on`` of an agreement beginning on ``begins_on`` and ending on
    ``end_on`` (None: open term); ``renewed``: a renewal is signed by then; ``superseded``:
    a renewal has begun by then."""
    if terminated_on is not None and terminated_on <= on:
        return AgreementStatus.TERMINATED
    if begins_on > on:
        return AgreementStatus.PENDING
    if (end_on is not None and end_on >= on) or (end_on is None and not superseded):
        return AgreementStatus.ACTIVE
    if renewed:
        return AgreementStatus.RENEWED
    return AgreementStatus.EXPIRED


# An agreement begins on its start date, else on its signature.
BEGINS = Coalesce("start_on", "signed_on", output_field=DateField())


def status_expression(on, model):
    """The same rule as ``status_on``, as an SQL expression over an agreements queryset."""
    on = Value(on, output_field=DateField())
    renewals = model._base_manager.filter(renews=OuterRef("pk")).order_by()
    renewed = Exists(renewals.filter(signed_on__lte=on))
    superseded = Exists(
        renewals.annotate(renewal_begins=Coalesce("start_on", "signed_on")).filter(
            renewal_begins__lte=on
        )
    )
    return Case(
        When(terminated_on__lte=on, then=Value(AgreementStatus.TERMINATED.value)),
        When(GreaterThan(BEGINS, on), then=Value(AgreementStatus.PENDING.value)),
        When(
            Q(end_on__gte=on) | (Q(end_on__isnull=True) & ~superseded),
            then=Value(AgreementStatus.ACTIVE.value),
        ),
        When(renewed, then=Value(AgreementStatus.RENEWED.value)),
        default=Value(AgreementStatus.EXPIRED.value),
        output_field=CharField(),
    )


def agreement_term(agreement):
    """The term in words, in the active language, for messages and pages."""
    begins = formats.date_format(agreement.begins_on, "Y-m-d")
    if agreement.end_on is not None:
        term = _("%(start)s to %(end)s") % {
            "start": begins,
            "end": formats.date_format(agreement.end_on, "Y-m-d"),
        }
    else:
        term = _("from %(start)s, open term (review on %(review)s)") % {
            "start": begins,
            "review": formats.date_format(agreement.review_on, "Y-m-d")
            if agreement.review_on
            else "—",
        }
    if agreement.terminated_on is not None:
        term = _("%(term)s, terminated on %(date)s") % {
            "term": term,
            "date": formats.date_format(agreement.terminated_on, "Y-m-d"),
        }
    return term


def validate_served_agreement(record, date_field, field="agreement"):
    """Refuse a link from ``record`` to an agreement not in force on the record's date (a
    contract's signature, an event's start, a grant's award), naming the agreement's term.
    Called by the linked records' ``clean()``, so the admin, the API and the import refuse
    alike."""
    agreement_id = getattr(record, f"{field}_id")
    on = getattr(record, date_field)
    if agreement_id is None or on is None:
        return
    agreement = getattr(record, field)
    status = agreement.status_on(on)
    if status == AgreementStatus.ACTIVE:
        return
    raise ValidationError(
        {
            field: _(
                "Agreement %(number)s is not in force on %(date)s (%(status)s; its term: "
                "%(term)s). Choose an agreement in force on that date, or none."
            )
            % {
                "number": agreement.number,
                "date": formats.date_format(on, "Y-m-d"),
                "status": AgreementStatus(status).label,
                "term": agreement_term(agreement),
            }
        }
    )
