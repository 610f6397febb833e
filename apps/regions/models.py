from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BilingualNameMixin, TimeStampedModel
from apps.regions.querysets import CityQuerySet, ProvinceQuerySet, ZoneQuerySet


class ProvinceKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    MUNICIPALITY = "municipality", _("Municipality")
    AUTONOMOUS_REGION = "autonomous_region", _("Autonomous region")
    SAR = "sar", _("Special administrative region")


class MacroRegion(models.TextChoices):
    NORTH = "north", _("North China")
    NORTHEAST = "northeast", _("Northeast China")
    EAST = "east", _("East China")
    CENTRAL = "central", _("Central China")
    SOUTH = "south", _("South China")
    SOUTHWEST = "southwest", _("Southwest China")
    NORTHWEST = "northwest", _("Northwest China")
    HK_MACAO_TAIWAN = "hmt", _("Hong Kong, Macao and Taiwan")


class CityLevel(models.TextChoices):
    PREFECTURE = "prefecture", _("Prefecture-level")
    COUNTY = "county", _("County-level or district")


class Province(BilingualNameMixin, TimeStampedModel):
    """A provincial-level unit, keyed by its GB/T 2260 administrative code."""

    code = models.CharField(_("administrative code"), max_length=6, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=40, unique=True)
    short_name_zh = models.CharField(_("short name (Chinese)"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=ProvinceKind.choices)
    macro_region = models.CharField(_("macro-region"), max_length=10, choices=MacroRegion.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True)

    objects = ProvinceQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("provincial-level unit")
        verbose_name_plural = _("provincial-level units")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[1-8][0-9]0000$"),
                name="regions_province_code_format",
            )
        ]


class City(BilingualNameMixin, TimeStampedModel):
    """A prefecture-level city, or a county-level city or district under one."""

    code = models.CharField(_("administrative code"), max_length=6, unique=True)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), related_name="cities", on_delete=models.PROTECT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("prefecture-level city"),
        related_name="districts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    level = models.CharField(_("level"), max_length=12, choices=CityLevel.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=120)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True)

    objects = CityQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("city or district")
        verbose_name_plural = _("cities and districts")
        indexes = [models.Index(fields=["province", "level"], name="regions_city_province_level")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[1-8][0-9]{5}$"), name="regions_city_code_format"
            )
        ]


class ZoneKind(models.TextChoices):
    ECONOMIC_ZONE = "economic_zone", _("Economic zone")
    NATIONAL_STRATEGY = "national_strategy", _("National strategy")


class Zone(BilingualNameMixin, TimeStampedModel):
    """An economic zone or national strategy that groups regions (Yangtze River Delta, Western Development …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ZoneKind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    provinces = models.ManyToManyField(
        Province, verbose_name=_("provinces"), related_name="zones", blank=True
    )
    cities = models.ManyToManyField(
        City, verbose_name=_("cities"), related_name="zones", blank=True
    )

    objects = ZoneQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("economic zone or strategy")
        verbose_name_plural = _("economic zones and strategies")
