"""The open datasets: which records, which fields (the registry's public fields of published
records only), their definitions, and the regional figures by year.

Every dataset reads its rows in one query, streamed, whatever their number.
"""

import datetime
import functools
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Count, Max
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.registry import registry
from apps.regions.models import Province

LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
REGION_MODELS = ("regions.province", "regions.city")
STREAM_CHUNK = 2000


@dataclass(frozen=True)
class Field:
    name: str
    path: str
    type: str
    title: object
    description: object = ""

    def schema(self):
        entry = {"name": self.name, "type": self.type, "title": str(self.title)}
        if self.description:
            entry["description"] = str(self.description)
        return entry


def _field_type(field):
    if isinstance(field, models.BooleanField):
        return "boolean"
    if isinstance(field, models.DateTimeField):
        return "datetime"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.DecimalField | models.FloatField):
        return "number"
    if isinstance(field, models.IntegerField | models.AutoField | models.BigAutoField):
        return "integer"
    return "string"


def _fields_of(record_type):
    """The record type's public fields as columns: a region by its administrative code,
    another record by its id."""
    fields = []
    model = record_type.model
    for name in record_type.public_fields:
        field = model._meta.get_field(name)
        if field.is_relation:
            if field.related_model._meta.label_lower in REGION_MODELS:
                fields.append(
                    Field(
                        f"{name}_code",
                        f"{name}__code",
                        "string",
                        field.verbose_name,
                        _("Administrative code (GB/T 2260)"),
                    )
                )
            else:
                fields.append(
                    Field(
                        f"{name}_id",
                        field.attname,
                        "integer",
                        field.verbose_name,
                        _("Id of the record in its own dataset or API resource"),
                    )
                )
            continue
        fields.append(
            Field(name, name, _field_type(field), field.verbose_name, field.help_text or "")
        )
    return fields


class RecordDataset:
    """The published records of one registered record type."""

    def __init__(self, key, label, title, description):
        self.key = key
        self.label = label
        self.title = title
        self.description = description

    @property
    def record_type(self):
        return registry.get(self.label)

    @property
    def fields(self):
        return _fields_of(self.record_type)

    def records(self):
        return self.record_type.model.objects.published()

    def rows(self):
        paths = [field.path for field in self.fields]
        return self.records().order_by("pk").values_list(*paths).iterator(chunk_size=STREAM_CHUNK)

    def modified(self):
        return self.records().aggregate(last=Max("updated_at"))["last"]


def _declared(hook):
    """(record type, declaration) of every record type whose app declares ``hook`` in its
    registration, in the declared order."""
    declared = [
        (record_type, record_type.hook(hook))
        for record_type in registry.all()
        if record_type.hook(hook) is not None
    ]
    return sorted(declared, key=lambda pair: pair[1]["order"])


def figure_sources():
    """(column, record type label, its date, its province, title) of the regional figures:
    each record type's ``open_data_figure`` declaration."""
    return [
        (
            declaration["column"],
            record_type.label,
            declaration["date_field"],
            "province_id",
            declaration["title"],
        )
        for record_type, declaration in _declared("open_data_figure")
    ]


class FiguresDataset:
    """Counts of published records by province and year (counts only: no contract value is
    broken down by year here, as on the region pages)."""

    key = "regional-figures"
    title = pgettext_lazy("open data", "Regional figures by year")
    description = pgettext_lazy(
        "open data",
        "For each provincial-level unit and year: agreements and technology contracts signed, "
        "exchange events held, joint institutes and cooperation funds established. Counts of "
        "published records only.",
    )

    @property
    def fields(self):
        return [
            Field("year", "year", "integer", pgettext_lazy("open data", "Year")),
            Field(
                "province_code",
                "province_code",
                "string",
                pgettext_lazy("open data", "Province"),
                _("Administrative code (GB/T 2260)"),
            ),
            Field(
                "province_name_zh",
                "province_name_zh",
                "string",
                pgettext_lazy("open data", "Province (Chinese)"),
            ),
            Field(
                "province_name_en",
                "province_name_en",
                "string",
                pgettext_lazy("open data", "Province (English)"),
            ),
            *[
                Field(column, column, "integer", title)
                for column, _label, _date, _province, title in figure_sources()
            ],
        ]

    def rows(self, *, as_at=None):
        as_at = as_at or timezone.localdate()
        counts = {}
        sources = figure_sources()
        for column, label, date, province, _title in sources:
            grouped = (
                registry.get(label)
                .model.objects.published()
                .filter(registry.get(label).counted_q(as_at))
                .filter(**{f"{date}__lte": as_at})
                .annotate(year=ExtractYear(date))
                .values(province, "year")
                .annotate(total=Count("pk"))
                .order_by()
            )
            for row in grouped:
                cell = counts.setdefault((row["year"], row[province]), {})
                cell[column] = row["total"]
        provinces = {p.pk: p for p in Province.objects.all()}
        columns = [column for column, *_rest in sources]
        for year, province_id in sorted(counts, key=lambda k: (k[0], provinces[k[1]].code)):
            province = provinces[province_id]
            cell = counts[(year, province_id)]
            yield (
                year,
                province.code,
                province.name_zh,
                province.name_en,
                *[cell.get(column, 0) for column in columns],
            )

    def modified(self):
        return max(
            (
                registry.get(label)
                .model.objects.published()
                .aggregate(last=Max("updated_at"))["last"]
                for _c, label, *_rest in figure_sources()
            ),
            key=lambda moment: moment or datetime.datetime.min.replace(tzinfo=datetime.UTC),
        )


def _datasets():
    """Each record type whose app declares an ``open_data`` dataset, in the declared order,
    then the regional figures."""
    datasets = [
        RecordDataset(
            declaration["key"],
            record_type.label,
            declaration["title"],
            declaration["description"],
        )
        for record_type, declaration in _declared("open_data")
    ]
    datasets.append(FiguresDataset())
    return datasets


@functools.cache
def _built():
    # Every app's record types are registered once every model is imported.
    apps.check_models_ready()
    datasets = _datasets()
    by_key = {dataset.key: dataset for dataset in datasets}
    return {"DATASETS": datasets, "BY_KEY": by_key, "FIGURES": by_key["regional-figures"]}


def __getattr__(name):
    """``DATASETS``, ``BY_KEY`` and ``FIGURES``, read from the registry on first use (once
    every app has registered its record types)."""
    try:
        return _built()[name]
    except KeyError:
        raise AttributeError(name) from None
