from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import pick_language


class SearchKind(models.TextChoices):
    """The kinds the search app names, in the search page's order; a kind a record type's app
    declares with its own label (``IndexedKind.label``) comes after them."""

    PROJECT = "project", _("Project")
    INSTITUTE = "institute", _("Joint institute")
    FUND = "fund", _("Cooperation fund")
    OFFICE = "office", _("Cooperation office")
    EVENT = "event", _("Exchange event")
    ORGANIZATION = "organization", _("Partner organization")
    DEPARTMENT = "department", _("Department")


def _weighted(field, weight):
    return SearchVector(field, weight=weight, config="simple")


class SearchEntry(models.Model):
    """One searchable record, derived from a domain record and rebuilt whenever it changes.

    PostgreSQL cannot segment Chinese, so the application segments every text with jieba and
    stores the words separated by spaces in the ``terms_*`` columns; the database turns them
    into a weighted vector with the language-neutral 'simple' configuration (no extension).
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    # Any declared kind (apps.search.documents.KINDS): a new record type adds its kind without
    # a migration here.
    kind = models.CharField(_("kind"), max_length=20)
    url_key = models.CharField(_("URL key"), max_length=60)
    is_public = models.BooleanField(_("public"), default=True)
    province_ids = ArrayField(
        models.IntegerField(), verbose_name=_("provinces"), default=list, blank=True
    )
    city_ids = ArrayField(models.IntegerField(), verbose_name=_("cities"), default=list, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    terms_title = models.TextField(_("title terms"), blank=True)
    terms_body = models.TextField(_("body terms"), blank=True)
    terms_context = models.TextField(_("context terms"), blank=True)
    document = models.GeneratedField(
        expression=_weighted("terms_title", "A")
        + _weighted("terms_body", "B")
        + _weighted("terms_context", "C"),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search vector"),
    )
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            GinIndex(fields=["document"], name="search_entry_document"),
            GinIndex(fields=["province_ids"], name="search_entry_provinces"),
            models.Index(fields=["kind", "object_id"], name="search_entry_kind_object"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_searchentry_unique_object"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.title}"

    @property
    def title(self):
        return pick_language(self.title_zh, self.title_en)

    @property
    def summary(self):
        return pick_language(self.summary_zh, self.summary_en)
