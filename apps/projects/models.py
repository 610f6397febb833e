from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import RecordModel, TimeStampedModel, pick_language
from apps.projects.querysets import ProjectQuerySet, ProjectSiteQuerySet


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PILOT = "pilot", _("Pilot")
    IN_OPERATION = "in_operation", _("In commercial operation")
    PROMOTED = "promoted", _("Widely promoted")
    COMPLETED = "completed", _("Completed")


class CooperationProject(RecordModel):
    """A research achievement applied in one or more regions."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        related_name="projects",
        on_delete=models.PROTECT,
    )
    technology_zh = models.CharField(_("technology (Chinese)"), max_length=200, blank=True)
    technology_en = models.CharField(_("technology (English)"), max_length=300, blank=True)
    summary_zh = models.TextField(_("public summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("public summary (English)"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.IN_OPERATION,
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    partners = models.ManyToManyField(
        "partners.Organization", verbose_name=_("partners"), related_name="projects", blank=True
    )
    agreement = models.ForeignKey(
        "agreements.CooperationAgreement",
        verbose_name=_("agreement served"),
        related_name="projects",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    objects = ProjectQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "code"]
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        indexes = [
            models.Index(fields=["-started_on", "code"], name="projects_project_started"),
            models.Index(fields=["department", "status"], name="projects_project_dept_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ProjectStatus.values),
                name="projects_project_status_allowed",
            )
        ]

    @property
    def title(self):
        return pick_language(self.title_zh, self.title_en)

    @property
    def technology(self):
        return pick_language(self.technology_zh, self.technology_en)

    @property
    def summary(self):
        return pick_language(self.summary_zh, self.summary_en)

    def __str__(self):
        return self.title


class ProjectSite(TimeStampedModel):
    """Where a project's achievement is applied: a province, maybe a city, maybe a partner."""

    project = models.ForeignKey(
        CooperationProject,
        verbose_name=_("project"),
        related_name="sites",
        on_delete=models.CASCADE,
    )
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="project_sites",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="project_sites",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("partner on site"),
        related_name="project_sites",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    started_on = models.DateField(_("applied since"), null=True, blank=True)
    note_zh = models.CharField(_("note (Chinese)"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=400, blank=True)

    objects = ProjectSiteQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "province", "city"]
        verbose_name = _("project site")
        verbose_name_plural = _("project sites")
        indexes = [models.Index(fields=["province", "city"], name="projects_site_region")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "province", "city"],
                nulls_distinct=False,
                name="projects_projectsite_unique_place",
            )
        ]

    def __str__(self):
        return str(self.city or self.province)
