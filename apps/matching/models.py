from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import pick_language


class MatchEntry(models.Model):
    """One thing a request can be matched to (a ``MatchCandidate`` of a declared source), with
    its text cut into words by jieba: derived, rebuilt whenever its record changes.

    ``words`` holds the words as jieba cuts them (precise mode), ``parts`` the finer parts of
    longer words (search mode); the database turns both into one weighted vector ('simple'
    configuration), and keeps a trigram index over the names, so that a request naming a
    candidate finds it.
    """

    source = models.CharField(_("source"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record id"))
    code = models.CharField(_("code"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=400, blank=True)
    names = models.TextField(_("names"), blank=True)
    words = models.TextField(_("words"), blank=True)
    parts = models.TextField(_("word parts"), blank=True)
    document = models.GeneratedField(
        expression=SearchVector("words", weight="A", config="simple")
        + SearchVector("parts", weight="B", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search vector"),
    )
    industries = ArrayField(
        models.CharField(max_length=20), verbose_name=_("industries"), default=list, blank=True
    )
    province_id = models.IntegerField(_("province"), null=True, blank=True)
    city_id = models.IntegerField(_("city"), null=True, blank=True)
    department_code = models.CharField(_("department code"), max_length=100, blank=True)
    url = models.CharField(_("URL"), max_length=300, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        ordering = ["source", "object_id"]
        verbose_name = _("matching entry")
        verbose_name_plural = _("matching entries")
        indexes = [
            GinIndex(fields=["document"], name="matching_entry_document"),
            GinIndex(fields=["names"], name="matching_entry_names", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["source", "object_id"], name="matching_entry_source_object"),
            models.Index(fields=["department_code"], name="matching_entry_department"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id"], name="matching_matchentry_unique_object"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.code}"

    @property
    def name(self):
        return pick_language(self.name_zh, self.name_en)
