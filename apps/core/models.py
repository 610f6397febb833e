from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import class_prepared
from django.dispatch import receiver
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.querysets import RecordQuerySet
from apps.core.scope import TAKEN
from apps.core.text import TEXT_VALIDATORS


def pick_language(zh, en):
    """The text for the active language, falling back to the other one when it is blank."""
    if (get_language() or "zh-hans").startswith("en"):
        return en or zh
    return zh or en


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def is_typed_text(field):
    return isinstance(field, models.CharField | models.TextField) and not field.choices


@receiver(class_prepared)
def carry_the_text_rules(sender, **kwargs):
    """Every text field of a model built on ``TimeStampedModel`` carries the portal's text
    rules (``apps.core.text``), so whoever validates through the field applies them: the
    model's ``full_clean`` (admin forms, imports, services) and DRF, which copies a model
    field's validators into its serializer field. They are added to the field's validators,
    not to its ``validators=`` argument, so migrations do not record them."""
    if not issubclass(sender, TimeStampedModel):
        return
    for field in sender._meta.local_fields:
        if is_typed_text(field):
            field.validators.extend(v for v in TEXT_VALIDATORS if v not in field.validators)


class RecordModel(TimeStampedModel):
    """A record staff enter: it may be shown publicly and may be illustrative demo data."""

    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the public site and open data.")
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Demo data made up to illustrate the seed's figures, not a real record."),
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def unique_error_message(self, model_class, unique_check):
        """A value one field keeps unique is refused with one sentence (``scope.TAKEN``), the
        same whether the record holding it is the user's or another region's: the refusal
        is unavoidable, what it could tell beyond it is not."""
        if len(unique_check) != 1:
            return super().unique_error_message(model_class, unique_check)
        field = model_class._meta.get_field(unique_check[0])
        return ValidationError(TAKEN, code="unique", params={"field_label": field.verbose_name})


class BilingualNameMixin:
    @property
    def name(self):
        return pick_language(self.name_zh, self.name_en)

    def __str__(self):
        return self.name


class DepartmentKind(models.TextChoices):
    SCHOOL = "school", _("School or department")
    DEVELOPMENT_UNIT = "development_unit", _("Unit of the S&T development department")
    ADMINISTRATION = "administration", _("University administration")


class Department(BilingualNameMixin, RecordModel):
    """A department or school of the university, or a unit of its S&T development department."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.SCHOOL
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # What the department works on, in the words partners use: matching reads them.
    keywords_zh = models.TextField(
        _("disciplines and keywords (Chinese)"),
        blank=True,
        help_text=_(
            "Its fields and technologies, separated by commas: energy storage, heat storage …"
        ),
    )
    keywords_en = models.TextField(
        _("disciplines and keywords (English)"),
        blank=True,
        help_text=_("The same in English: energy storage, thermal management …"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("department or unit")
        verbose_name_plural = _("departments and units")
        indexes = [models.Index(fields=["kind", "code"], name="core_department_kind_code")]


class Milestone(RecordModel):
    """A dated event of the department's history, for the public timeline."""

    class Precision(models.TextChoices):
        YEAR = "year", _("Year")
        MONTH = "month", _("Month")
        DAY = "day", _("Day")

    happened_on = models.DateField(_("date"))
    precision = models.CharField(
        _("date precision"), max_length=5, choices=Precision.choices, default=Precision.MONTH
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department or unit"),
        related_name="milestones",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["happened_on", "title_zh"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [models.Index(fields=["happened_on", "title_zh"], name="core_milestone_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["happened_on", "title_zh"], name="core_milestone_unique_date_title"
            )
        ]

    def __str__(self):
        return f"{self.happened_on:%Y-%m} {self.title}"

    @property
    def title(self):
        return pick_language(self.title_zh, self.title_en)

    @property
    def description(self):
        return pick_language(self.description_zh, self.description_en)


def non_negative(field):
    """A named CHECK constraint keeping a money or count field at zero or above."""
    return Q(**{f"{field}__gte": 0})


def end_not_before_start(start="start_on", end="end_on"):
    return (
        Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__gte": models.F(start)})
    )
