"""Aggregate endpoints: counts and sums by province, city, year, type … over any filtered list.

They are what the dashboard's figures come from, so a region can build its own report: every
resource's FilterSet applies (``/api/v1/stats/contracts/?group_by=year&province=320000``).

Contract amounts are confidential one by one but their sums are published. A sum over fewer
than ``MIN_PUBLIC_GROUP`` contracts would disclose an amount (one contract, or two, where each
party knows its own), so for anyone who may not see amounts such a group's sum is withheld
(``null``, with ``suppressed: true``); its count is still given. As on the public site, the
smallest other groups are withheld too where the total minus the published groups would give
the hidden one away (secondary suppression, ``apps.figures.confidentiality``).
"""

import copy

from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apps.core.filters import can_see_confidential
from apps.core.models import pick_language
from apps.core.pagecache import data_changed_at
from apps.core.registry import registry
from apps.core.rest.viewsets import ApiViewMixin
from apps.core.scope import place_of, region_within, scope_queryset, user_scope
from apps.figures.confidentiality import MIN_CONTRACTS, suppress
from apps.figures.cube import cube_rows, labelled
from apps.figures.models import Level
from apps.figures.publication import Cell, suppress_nested
from apps.figures.selectors import (
    Measures,
    PublishedValue,
    level_totals,
    not_counted_yet_measures,
    publication,
    published_value,
    region_figures,
)
from apps.figures.sources import COUNTED, SOURCES_BY_NAME
from apps.figures.summary import current_build
from apps.regions.models import City, Province

MIN_PUBLIC_GROUP = MIN_CONTRACTS


# Query parameters that never change what is counted.
NEUTRAL_PARAMS = {"group_by", "format"}
# The parameters that narrow a publication query to one of its cells.
PUBLICATION_PARAMS = {"province", "city"}

SMALL_CELLS_HIDDEN = _(
    "Technology requests are counted for the public by one dimension over all requests, "
    "without filters; signed-in staff may filter them."
)


class AggregateViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """Groups a resource's (filtered) records and returns one row per group."""

    dimensions = {}
    measures = []
    extra_params = ("group_by",)
    filter_backends = [DjangoFilterBackend]
    pagination_class = None
    # The summary tables' name of the resource (apps.figures.sources), if they count it.
    source = ""
    # Records with no public flag (technology requests): counted whole, and for those who
    # may not see them only in groups of at least MIN_CONTRACTS.
    counts_every_record = False
    # The record type's statistics declaration (``apps.core.stats.Stats``), for its cube.
    stats = None

    def sees_confidential(self):
        if getattr(self, "swagger_fake_view", False):
            return True
        return can_see_confidential(self.request, self.queryset.model)

    def get_queryset(self):
        # What the record type's ``counted`` rule counts: a contract once signed, an event
        # once held, an office while open.
        return self._readable().counted()

    def _readable(self):
        queryset = super().get_queryset()
        user = self.request.user
        if self.counts_every_record and user_scope(user).public_only:
            return queryset
        if self.sees_confidential() or self.counts_every_record:
            # Office staff count their own region only (apps.core.scope).
            return scope_queryset(user, queryset)
        return queryset.published()

    def _filtered(self):
        """Whether the request narrows the records beyond group_by (any other parameter)."""
        return set(self.request.query_params) - NEUTRAL_PARAMS

    def list(self, request, *args, **kwargs):
        group_by = request.query_params.get("group_by")
        if group_by not in self.dimensions:
            raise ValidationError(
                {
                    "group_by": [
                        _("Choose one of: %(names)s.") % {"names": ", ".join(self.dimensions)}
                    ]
                }
            )
        public = not self.sees_confidential()
        if public and self.counts_every_record:
            return self._respond(self._small_cells_hidden(group_by))
        if public and any(measure.confidential for measure in self.measures):
            rows = self._published_rows(group_by)
            if rows is not None:
                return self._respond(rows)
        rows = None
        if public and not self._filtered():
            rows = self._summary_rows(group_by)
        if rows is None and public:
            rows = self._cube_rows(group_by)
        if rows is None:
            rows = self._counted_rows(self.filter_queryset(self.get_queryset()), group_by)
        if public:
            # Counts only: no published cell answers this grouping or these filters.
            for row in rows:
                for measure in self.measures:
                    if measure.confidential:
                        row[measure.name] = None
                        row["suppressed"] = bool(row["count"])
        return self._respond(rows)

    def _respond(self, rows):
        return Response(self.get_serializer(rows, many=True).data)

    # --- counted from the records ------------------------------------------------------------

    def _counted_rows(self, queryset, group_by):
        dimension = self.dimensions[group_by]
        queryset = queryset.order_by()
        annotations = {"group_key": dimension.key_expression()}
        if dimension.choices is None and dimension.label_zh is not None:
            annotations.update(dimension.label_expressions())
        rows = (
            queryset.annotate(**annotations)
            .values(*annotations)
            .annotate(**{measure.name: measure.expression for measure in self.measures})
            .order_by(F("group_key").asc(nulls_last=True))
        )
        labels = dict(dimension.choices.choices) if dimension.choices is not None else {}
        results = []
        for row in rows:
            key = row["group_key"]
            if labels:
                label = str(labels.get(key, key)) if key is not None else None
            elif "label_zh" in row:
                label = pick_language(row["label_zh"], row["label_en"])
            else:
                label = key
            result = {"key": key, "label": label, "suppressed": False}
            result.update({measure.name: row[measure.name] for measure in self.measures})
            results.append(result)
        return results

    # --- read from the summary tables and the publication -----------------------------------

    def _cube_rows(self, group_by):
        """Counts from the statistics cube (``apps.figures.cube``) when every filter is one
        of its dimensions; None when it cannot answer (counted from the records instead)."""
        stats = self.stats
        if stats is None or not stats.cube:
            return None
        if any(not m.confidential and m.summary != "count" for m in self.measures):
            return None
        filterset = self.filter_backends[0]().get_filterset(self.request, self.get_queryset(), self)
        if filterset is None or not filterset.is_valid():
            return None  # the records' counting answers with the filters' errors
        current_build()  # the cube is the build's: a pending change queues the rebuild
        found = cube_rows(stats, group_by, filterset.form.cleaned_data)
        if found is None:
            return None
        choices = self.dimensions[group_by].choices
        labels = dict(choices.choices) if choices is not None else {}
        rows = []
        for key, label, count in labelled(stats, group_by, found):
            if labels:
                label = str(labels.get(key, key)) if key is not None else None
            elif label is None:
                label = key
            row = {"key": key, "label": label, "suppressed": False}
            for measure in self.measures:
                row[measure.name] = count if measure.summary == "count" else None
            rows.append(row)
        return rows

    def _region_rows(self, level, values, *, province=None):
        """Rows keyed by province or city code, from {region id: {measure name: value}}."""
        model = City if level == Level.PLACE else Province
        regions = model.objects.filter(pk__in=list(values)).order_by("code")
        return [
            {
                "key": region.code,
                "label": pick_language(region.name_zh, region.name_en),
                "suppressed": False,
                **values[region.pk],
            }
            for region in regions
        ]

    def _measures_from(self, source, measures, announced=None):
        """A summary cell's Measures as this resource's measure values, of what the record
        type's ``counted`` rule counts: the offices open (the cells' second count), or the
        records less those it leaves out today (``announced``: events not yet held)."""
        announced = announced or Measures()
        values = {}
        for measure in self.measures:
            if measure.summary == "count" and source.extra == COUNTED:
                values[measure.name] = measures.extra
            else:
                values[measure.name] = getattr(measures, measure.summary) - getattr(
                    announced, measure.summary
                )
        return values

    def _announced(self, source, key):
        """{group: Measures of the records the ``counted`` rule leaves out today}."""
        return not_counted_yet_measures(source.name, timezone.localdate(), key)

    def _summary_rows(self, group_by):
        source = SOURCES_BY_NAME.get(self.source)
        if source is None or not all(measure.summary for measure in self.measures):
            return None
        build = current_build()
        figures = region_figures(build=build)[source.name]
        if group_by in ("province", "city"):
            level = Level.PROVINCE if group_by == "province" else Level.PLACE
            totals = level_totals(level, build=build)
            announced = self._announced(
                source, "province_id" if group_by == "province" else "place"
            )
            cells = {
                region: measures[source.name]
                for region, measures in totals.items()
                if source.name in measures and measures[source.name].count
            }
            values = {
                region: self._measures_from(source, cell, announced.get(region))
                for region, cell in cells.items()
            }
            rows = self._region_rows(level, values)
            # Records in no province or city form a group of their own, as when counted.
            rest = Measures(
                figures.total.count - sum(cell.count for cell in cells.values()),
                figures.total.amount - sum(cell.amount for cell in cells.values()),
                figures.total.extra - sum(cell.extra for cell in cells.values()),
            )
            if rest.count and not source.counted_once_per_region:
                rows.append(
                    {
                        "key": None,
                        "label": None,
                        "suppressed": False,
                        **self._measures_from(source, rest, announced.get(None)),
                    }
                )
            return rows
        if group_by == "year":
            table = figures.years
            announced = self._announced(source, "year")
        elif group_by == source.kind_field:
            table = figures.kinds
            announced = self._announced(source, source.kind_field)
        else:
            return None
        labels = self.dimensions[group_by].choices
        labels = dict(labels.choices) if labels is not None else {}
        keys = sorted(table, key=lambda key: (key is None, key))
        return [
            {
                "key": None if key is None else str(key),
                "label": str(labels.get(key, key)) if labels else key,
                "suppressed": False,
                **self._measures_from(source, table[key], announced.get(key)),
            }
            for key in keys
            if table[key].count
        ]

    def _published_rows(self, group_by):
        """The publication's cells, when the request asks for exactly some of them."""
        params = set(self.request.query_params) - NEUTRAL_PARAMS
        if group_by not in ("province", "city") or not params <= PUBLICATION_PARAMS:
            return None
        province_code = self.request.query_params.get("province")
        city_code = self.request.query_params.get("city")
        province = Province.objects.filter(code=province_code).first() if province_code else None
        city = (
            City.objects.filter(code=city_code, parent__isnull=True).first() if city_code else None
        )
        if (province_code and province is None) or (city_code and city is None):
            return None
        if group_by == "province" and city is not None:
            return None
        level = Level.PROVINCE if group_by == "province" else Level.PLACE
        # Counts are live; a sum is the newest release's, with the number of contracts it adds
        # up and the date of the release it comes from (apps.figures.release).
        counts = {
            region: measures[self.source].count
            for region, measures in level_totals(level).items()
            if measures[self.source].count
        }
        released = {
            (city_id if level == Level.PLACE else province_id): (province_id, cell)
            for (cell_level, province_id, city_id), cell in publication().items()
            if cell_level == level
        }
        # A region with no released sum yet (its first contracts came after the newest
        # release) is withheld until a release shows it.
        missing = [region for region in counts if region not in released]
        if level == Level.PROVINCE:
            province_of = {region: region for region in missing}
        else:
            province_of = dict(City.objects.filter(pk__in=missing).values_list("pk", "province_id"))
        values = {}
        for region, count in counts.items():
            province_id, cell = released.get(
                region, (province_of.get(region), PublishedValue(count, None, True))
            )
            if province is not None and province_id != province.pk:
                continue
            if city is not None and region != city.pk:
                continue
            values[region] = {
                "count": count,
                "total_amount": cell.value,
                "suppressed": cell.withheld,
                "amount_contracts": None if cell.withheld else cell.contracts,
                "released_on": None if cell.withheld else cell.release.released_on,
            }
        return self._region_rows(level, values)

    # --- technology requests for the public ---------------------------------------------------

    def _small_cells_hidden(self, group_by):
        """Counts by one dimension over all records, groups of fewer than MIN_CONTRACTS (and
        those that would give one away) left out."""
        if self._filtered():
            raise ValidationError({"detail": [SMALL_CELLS_HIDDEN]})
        queryset = self.get_queryset()
        rows = self._counted_rows(queryset, group_by)
        total = queryset.count()
        if group_by in ("province", "city"):
            shown = self._nested_counts(queryset, total)[group_by]
            return [row for row in rows if row["key"] in shown]
        for row in rows:
            row["shown"] = row["count"]
        suppress(rows, total_count=total, count_key="count", value_key="shown")
        return [row for row in rows if row["shown"] is not None]

    def _nested_counts(self, queryset, total):
        """Which province and city groups may be shown: the count cells nest as the contract
        sums do, so they are suppressed together the same way."""
        place = place_of("city", "code")
        root = Cell((None, None), total, total)
        provinces = {}
        rows = (
            queryset.order_by()
            .annotate(place=place)
            .values("province__code", "place")
            .annotate(count=Count("pk"))
        )
        by_province = {}
        for row in rows:
            by_province.setdefault(row["province__code"], []).append(row)
        for code, places in sorted(by_province.items(), key=lambda item: str(item[0])):
            count = sum(row["count"] for row in places)
            provinces[code] = Cell(("province", code), count, count)
            root.children.append(provinces[code])
            for row in places:
                if row["place"] is not None:
                    provinces[code].children.append(
                        Cell(("city", row["place"]), row["count"], row["count"])
                    )
        suppress_nested(root)
        shown = {"province": set(), "city": set()}
        for cell in root.walk():
            if cell.published and cell.key[0] is not None:
                shown[cell.key[0]].add(cell.key[1])
        return shown


def aggregate_viewset(
    name,
    *,
    queryset,
    filterset_class,
    dimensions,
    measures,
    description,
    source="",
    counts_every_record=False,
    stats=None,
):
    """A stats viewset for one resource, with its own response schema and ``group_by`` enum."""
    fields = {
        "key": serializers.CharField(allow_null=True, help_text=_("The group's code or value.")),
        "label": serializers.CharField(allow_null=True, help_text=_("The group's name.")),
        "suppressed": serializers.BooleanField(
            help_text=_("Confidential sums withheld because the group is too small.")
        ),
        **{measure.name: measure.field for measure in measures},
    }
    serializer_class = type(f"{name}AggregateSerializer", (serializers.Serializer,), fields)
    viewset = type(
        f"{name}AggregateViewSet",
        (AggregateViewSet,),
        {
            "queryset": queryset,
            "filterset_class": filterset_class,
            "dimensions": dimensions,
            "measures": measures,
            "serializer_class": serializer_class,
            "source": source,
            "counts_every_record": counts_every_record,
            "stats": stats,
            "__doc__": description,
        },
    )
    return extend_schema_view(
        list=extend_schema(
            description=description,
            parameters=[
                OpenApiParameter(
                    "group_by",
                    OpenApiTypes.STR,
                    required=True,
                    enum=list(dimensions),
                    description="What to group by.",
                )
            ],
            responses=serializer_class(many=True),
        )
    )(viewset)


def stats_viewsets():
    """Every record type's stats viewset, by URL name: the record types whose app declares
    a ``stats`` hook (``apps/<app>/stats.py``)."""
    declarations = sorted(
        (
            record_type.hook("stats")()
            for record_type in registry.all()
            if record_type.hook("stats") is not None
        ),
        key=lambda stats: stats.order,
    )
    return {
        stats.name: aggregate_viewset(
            stats.schema_name,
            source=stats.source,
            queryset=stats.queryset,
            filterset_class=stats.filterset_class,
            dimensions=stats.dimensions,
            measures=stats.measures,
            description=stats.description,
            counts_every_record=stats.counts_every_record,
            stats=stats,
        )
        for stats in declarations
    }


class SummaryQuerySerializer(serializers.Serializer):
    province = serializers.SlugRelatedField(
        slug_field="code", queryset=Province.objects.all(), required=False
    )
    city = serializers.SlugRelatedField(
        slug_field="code", queryset=City.objects.all(), required=False
    )


def summary_declarations():
    """(record type, its ``Stats``) of every record type that gives the API summary figures
    (its app's ``stats`` hook, ``Stats.summary``), in the summary's order."""
    declared = [
        (record_type, record_type.hook("stats")())
        for record_type in registry.all()
        if record_type.hook("stats") is not None
    ]
    return sorted(
        ((record_type, stats) for record_type, stats in declared if stats.summary),
        key=lambda pair: pair[1].summary_order,
    )


SUMMARY = summary_declarations()

# A serializer orders its fields by when they were made: copies, made in the summary's order.
SummarySerializer = type(
    "SummarySerializer",
    (serializers.Serializer,),
    {
        "__module__": __name__,
        **{
            figure.name: copy.deepcopy(figure.field)
            for _type, stats in SUMMARY
            for figure in stats.summary
        },
        "as_of": serializers.DateTimeField(
            help_text=_(
                "The time of the newest change the figures count (the build's, from the "
                "database's change log; for staff's own region, the time of the answer)."
            )
        ),
    },
)


def region_in_scope(user, *, province=None, city=None):
    """Whether the country, province or city asked for lies within what the user sees in
    full: everything for headquarters staff, their own region for office staff."""
    return region_within(user, city or province)


class SummaryView(ApiViewMixin, GenericAPIView):
    """Headline figures, for the whole country or one province or city (districts included).

    Staff who may see contract amounts get every record of a region they see in full (office
    staff: their own region); everybody else, and staff asking about other regions, get the
    published figures: the summary tables and the one publication of contract sums.
    """

    serializer_class = SummarySerializer
    pagination_class = None
    # Recognised in the anonymous response cache's key (apps.core.rest.response_cache).
    cache_params = ("province", "city")
    permission_classes = [AllowAny]

    @extend_schema(parameters=[SummaryQuerySerializer], responses=SummarySerializer)
    def get(self, request, *args, **kwargs):
        query_serializer = SummaryQuerySerializer(data=request.query_params)
        query_serializer.is_valid(raise_exception=True)
        city = query_serializer.validated_data.get("city")
        province = None if city else query_serializer.validated_data.get("province")
        # Amounts one by one are shown to those who may see every record type whose sum
        # the summary publishes.
        confidential = [
            record_type.model
            for record_type, stats in SUMMARY
            if any(figure.measure == "withheld" for figure in stats.summary)
        ]
        if all(can_see_confidential(request, model) for model in confidential) and region_in_scope(
            request.user, province=province, city=city
        ):
            summary = {**self._counted(province=province, city=city), "as_of": timezone.now()}
        else:
            summary = {**self._published(province=province, city=city), "as_of": data_changed_at()}
        return Response(self.get_serializer(summary).data)

    def _in_region(self, queryset, *, province, city):
        return queryset.in_region(city or province)

    def _published(self, *, province, city):
        """From the summary tables and the publication, of what each record type's
        ``counted`` rule counts: offices open (the cells' second count), events less those
        announced (a rule that moves with the date alone is applied on the few records it
        leaves out), a record type the tables do not count from its records."""
        build = current_build()
        figures = region_figures(province=province, city=city, build=build)
        today = timezone.localdate()
        value = None
        summary = {}
        for record_type, stats in SUMMARY:
            source = SOURCES_BY_NAME.get(stats.source)
            if source is None:
                records = record_type.model.objects.published().counted()
                count = self._in_region(records, province=province, city=city).count()
                summary.update({figure.name: count for figure in stats.summary})
                continue
            total = figures[source.name].total
            announced = not_counted_yet_measures(
                source.name, today, province=province, city=city
            ).get(None, Measures())
            for figure in stats.summary:
                if figure.measure in ("amount", "withheld") and any(
                    measure.confidential for measure in stats.measures
                ):
                    # The one publication of confidential sums.
                    if value is None:
                        value = published_value(province=province, city=city, build=build)
                    summary[figure.name] = (
                        value.value if figure.measure == "amount" else value.withheld
                    )
                elif figure.measure == "count" and source.extra == COUNTED:
                    summary[figure.name] = total.extra
                else:
                    summary[figure.name] = getattr(total, figure.measure) - getattr(
                        announced, figure.measure
                    )
        return summary

    def _counted(self, *, province, city):
        summary = {}
        for record_type, stats in SUMMARY:
            source = SOURCES_BY_NAME.get(stats.source)
            queryset = scope_queryset(self.request.user, record_type.model.objects.counted())
            records = self._in_region(queryset, province=province, city=city).order_by()
            aggregates = {}
            for figure in stats.summary:
                if figure.measure == "count":
                    aggregates[figure.name] = Count("pk")
                elif figure.measure == "amount":
                    aggregates[figure.name] = Sum(source.amount_field)
                elif figure.measure == "extra":
                    aggregates[figure.name] = Sum(source.extra_expression())
            values = records.aggregate(**aggregates)
            for figure in stats.summary:
                if figure.measure == "withheld":
                    summary[figure.name] = False
                elif figure.measure == "count":
                    summary[figure.name] = values[figure.name]
                else:
                    summary[figure.name] = values[figure.name] or 0
        return summary
