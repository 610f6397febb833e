"""Impact records (成效): what a project, institute, office, agreement or region achieved in a
year (output value, tax, jobs, enterprises, people trained, patents, platforms), with the
evidence it rests on, where the figures come from and whether staff verified them."""

import datetime
import os

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import RecordModel, TimeStampedModel
from apps.impact.choices import MEASURE_FIELDS, Source, Subject, Verification
from apps.impact.querysets import EvidenceQuerySet, ImpactRecordQuerySet
from apps.requests.models import attachment_storage

FIRST_YEAR, LAST_YEAR = 1983, 2100
# Which subject names which record (the region subject names none: its province and city).
SUBJECT_FIELDS = {
    Subject.PROJECT: "project",
    Subject.INSTITUTE: "institute",
    Subject.OFFICE: "office",
    Subject.AGREEMENT: "agreement",
}


def _subject_condition():
    condition = Q(subject=Subject.REGION)
    for subject, field in SUBJECT_FIELDS.items():
        condition |= Q(subject=subject, **{f"{field}__isnull": False})
    return condition


def _some_measure():
    condition = Q()
    for field in MEASURE_FIELDS:
        condition |= Q(**{f"{field}__isnull": False})
    return condition


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


def _value(label):
    return models.DecimalField(label, max_digits=16, decimal_places=2, null=True, blank=True)


class ImpactRecord(RecordModel):
    """One year's impact of one subject, as reported and (once checked) verified."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    subject = models.CharField(_("reports on"), max_length=20, choices=Subject.choices)
    project = models.ForeignKey(
        "projects.CooperationProject",
        verbose_name=_("project"),
        related_name="impact_records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    institute = models.ForeignKey(
        "institutes.JointInstitute",
        verbose_name=_("joint institute"),
        related_name="impact_records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    office = models.ForeignKey(
        "offices.CooperationOffice",
        verbose_name=_("cooperation office"),
        related_name="impact_records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # The agreement reported on (subject "agreement"), else the agreement the record serves
    # (linked by default like every record, apps.outcomes).
    agreement = models.ForeignKey(
        "agreements.CooperationAgreement",
        verbose_name=_("agreement"),
        related_name="impact_records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="impact_records",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="impact_records",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # Not "year": the outcomes annotate their rows with a year of their own.
    report_year = models.PositiveSmallIntegerField(_("year"))
    # The last day of the year: the date the record counts on towards targets.
    year_end = models.DateField(_("end of the year reported"), editable=False)
    output_value = _value(_("output value (CNY)"))
    tax = _value(_("tax paid (CNY)"))
    jobs = _count(_("jobs created"))
    enterprises_served = _count(_("enterprises served"))
    enterprises_incubated = _count(_("enterprises incubated"))
    people_trained = _count(_("people trained"))
    patents_transferred = _count(_("patents transferred or licensed"))
    platforms_built = _count(_("platforms built"))
    source = models.CharField(_("source of the figures"), max_length=20, choices=Source.choices)
    source_note = models.CharField(
        _("source details"),
        max_length=300,
        blank=True,
        help_text=_("Who reported the figures, or which statistical publication and table."),
    )
    status = models.CharField(
        _("verification"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.SUBMITTED,
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.CharField(_("verified by"), max_length=150, blank=True)

    objects = ImpactRecordQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-report_year", "code"]
        verbose_name = _("impact record")
        verbose_name_plural = _("impact records")
        indexes = [
            models.Index(fields=["-report_year", "code"], name="impact_record_year"),
            models.Index(fields=["province", "city"], name="impact_record_region"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject__in=Subject.values), name="impact_impactrecord_subject_allowed"
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="impact_impactrecord_source_allowed"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Verification.values),
                name="impact_impactrecord_status_allowed",
            ),
            models.CheckConstraint(
                condition=_subject_condition(), name="impact_impactrecord_subject_named"
            ),
            models.CheckConstraint(
                condition=Q(report_year__gte=FIRST_YEAR) & Q(report_year__lte=LAST_YEAR),
                name="impact_impactrecord_year_range",
            ),
            models.CheckConstraint(
                condition=_some_measure(), name="impact_impactrecord_has_a_measure"
            ),
            models.CheckConstraint(
                condition=(Q(output_value__gte=0) | Q(output_value__isnull=True))
                & (Q(tax__gte=0) | Q(tax__isnull=True)),
                name="impact_impactrecord_values_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status=Verification.VERIFIED) | Q(verified_on__isnull=False),
                name="impact_impactrecord_verified_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} {self.report_year}"

    @property
    def name(self):
        return str(self)

    @property
    def subject_name(self):
        field = SUBJECT_FIELDS.get(self.subject)
        target = getattr(self, field) if field else (self.city or self.province)
        return str(target) if target is not None else self.get_subject_display()

    def save(self, *args, **kwargs):
        if self.report_year:
            self.year_end = datetime.date(self.report_year, 12, 31)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        field = SUBJECT_FIELDS.get(self.subject)
        if field and getattr(self, f"{field}_id") is None:
            errors[field] = _("Choose the %(subject)s this record reports on.") % {
                "subject": self.get_subject_display().lower()
            }
        if not any(getattr(self, name) is not None for name in MEASURE_FIELDS):
            errors["output_value"] = _("Enter at least one figure.")
        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            errors["city"] = _("This city is not in the province chosen.")
        if self.report_year and not FIRST_YEAR <= self.report_year <= LAST_YEAR:
            errors["report_year"] = _("Enter a year from %(first)d to %(last)d.") % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
        if self.status == Verification.VERIFIED:
            if self.verified_on is None:
                self.verified_on = timezone.localdate()
            if self.pk and not self.evidence.exists() and self.source != Source.STATISTIC:
                errors["status"] = _(
                    "Attach the evidence (and save) before marking the figures verified."
                )
        if errors:
            raise ValidationError(errors)


def evidence_path(instance, filename):
    # The stored name never comes from the uploader: only the detected extension is kept.
    extension = os.path.splitext(filename)[1].lower()
    return "impact/" + timezone.localdate().strftime("%Y/%m/") + os.urandom(12).hex() + extension


class Evidence(TimeStampedModel):
    """A file an impact record rests on (a statement, a statistical table, a certificate),
    checked by its content like partners' attachments and kept outside the served media."""

    record = models.ForeignKey(
        ImpactRecord,
        verbose_name=_("impact record"),
        related_name="evidence",
        on_delete=models.CASCADE,
    )
    file = models.FileField(
        _("file"), storage=attachment_storage, upload_to=evidence_path, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("detected content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    description = models.CharField(_("what it shows"), max_length=200, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["record", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name
