"""The open datasets: which records, which fields (the registry's public fields of published
records only), their definitions, and the regional figures by year.

Every dataset reads its rows in one query, streamed, whatever their number.
"""

import datetime
import functools
from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.aggregates import StringAgg
from django.db import models
from django.db.models import Count, Max, Min, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.text import format_lazy
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
        return _fields_of(self.record_type) + [field for field, _value in self._placed()]

    def _placed(self):
        """(field, expression) of the regions a record lies in through related rows (a
        project through its sites): every province's and city's code, joined by ";"."""
        names = {field.name for field in _fields_of(self.record_type)}
        placed = []
        for path in self.record_type.regions:
            if not path.via or "province_code" in names:
                continue
            for name, lookup, title in (
                ("province_codes", path.province, pgettext_lazy("open data", "Provinces")),
                ("city_codes", path.city, pgettext_lazy("open data", "Cities")),
            ):
                if not lookup:
                    continue
                expression = StringAgg(
                    f"{path.via}__{lookup}__code",
                    delimiter=";",
                    distinct=True,
                    ordering=f"{path.via}__{lookup}__code",
                    default=Value(""),
                )
                placed.append(
                    (
                        Field(
                            name,
                            name,
                            "string",
                            title,
                            _(
                                "Administrative codes (GB/T 2260) of the places it lies in, "
                                "separated by semicolons; see the provinces and cities lookup "
                                "tables"
                            ),
                        ),
                        expression,
                    )
                )
            break
        return placed

    def records(self):
        return self.record_type.model.objects.published()

    def rows(self):
        paths = [field.path for field in self.fields]
        records = self.records().annotate(
            **{field.name: expression for field, expression in self._placed()}
        )
        return records.order_by("pk").values_list(*paths).iterator(chunk_size=STREAM_CHUNK)

    def modified(self):
        return self.records().aggregate(last=Max("updated_at"))["last"]

    def temporal(self):
        """(first, last) date of its records: by the date the figures count them by (their
        app's ``figures`` declaration), else their first date field; None without dates."""
        declared = self.record_type.hook("figures") or {}
        date_field = declared.get("date_field") or next(
            (field.path for field in _fields_of(self.record_type) if field.type == "date"),
            None,
        )
        if date_field is None:
            return None
        span = self.records().aggregate(first=Min(date_field), last=Max(date_field))
        return None if span["first"] is None else (span["first"], span["last"])


class LookupDataset:
    """The names behind the codes and ids the datasets use (provinces, cities, departments,
    partners …): a model whose rows another dataset points to but that is no dataset itself.
    A record type's lookup holds its published records only."""

    def __init__(self, model, columns):
        self.model = model
        self.columns = columns  # (name, path, type)
        self.key = f"lookup-{model._meta.model_name}"

    @property
    def title(self):
        return format_lazy(
            "{}{}",
            pgettext_lazy("open data", "Lookup table: "),
            self.model._meta.verbose_name_plural,
        )

    @property
    def description(self):
        return format_lazy(
            "{} ({})",
            pgettext_lazy("open data", "The names behind the codes and ids the other datasets use"),
            self.model._meta.verbose_name_plural,
        )

    @property
    def fields(self):
        return [
            Field(name, path, kind, self.model._meta.get_field(path.split("__")[0]).verbose_name)
            for name, path, kind in self.columns
        ]

    def records(self):
        if registry.find(self.model) is not None:
            return self.model.objects.published()
        return self.model.objects.all()

    def rows(self):
        paths = [field.path for field in self.fields]
        return self.records().order_by("pk").values_list(*paths).iterator(chunk_size=STREAM_CHUNK)

    def modified(self):
        if not any(f.name == "updated_at" for f in self.model._meta.get_fields()):
            return None
        return self.records().aggregate(last=Max("updated_at"))["last"]

    def temporal(self):
        return None


def _lookup_columns(model):
    names = {field.name for field in model._meta.get_fields()}
    label = model._meta.label_lower
    if label == "regions.province":
        key = [("code", "code", "string")]
    elif label == "regions.city":
        key = [
            ("code", "code", "string"),
            ("province_code", "province__code", "string"),
            ("parent_code", "parent__code", "string"),
        ]
    else:
        key = [("id", "id", "integer")] + ([("code", "code", "string")] if "code" in names else [])
    named = [(name, name, "string") for name in ("name_zh", "name_en") if name in names]
    return key + named


def _lookups(datasets):
    """A lookup table for the provinces and cities, and for every other model a dataset's
    ``…_id`` column points to that has no dataset of its own."""
    from apps.regions.models import City

    covered = {
        dataset.record_type.model for dataset in datasets if isinstance(dataset, RecordDataset)
    }
    models_ = [Province, City]
    for dataset in datasets:
        if not isinstance(dataset, RecordDataset):
            continue
        model = dataset.record_type.model
        for name in dataset.record_type.public_fields:
            field = model._meta.get_field(name)
            related = field.related_model if field.is_relation else None
            if related and related not in covered and related not in models_:
                models_.append(related)
    return [LookupDataset(model, _lookup_columns(model)) for model in models_]


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

    def temporal(self):
        """(1 January of the first year, 31 December of the last) of its rows, or None."""
        years = [
            row["year"]
            for _c, label, date, _p, _t in figure_sources()
            for row in registry.get(label)
            .model.objects.published()
            .annotate(year=ExtractYear(date))
            .values("year")
            .distinct()
            .order_by()
        ]
        years = [year for year in years if year]
        if not years:
            return None
        return datetime.date(min(years), 1, 1), datetime.date(max(years), 12, 31)

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
    return datasets + _lookups(datasets)


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
