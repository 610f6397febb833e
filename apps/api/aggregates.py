"""Aggregate endpoints: counts and sums by province, city, year, type … over any filtered list.

They are what the dashboard's figures come from, so a region can build its own report: every
resource's FilterSet applies (``/api/v1/stats/contracts/?group_by=year&province=320000``).

Contract amounts are confidential one by one but their sums are published. A sum over fewer
than ``MIN_PUBLIC_GROUP`` contracts would disclose an amount (one contract, or two, where each
party knows its own), so for anyone who may not see amounts such a group's sum is withheld
(``null``, with ``suppressed: true``); its count is still given. As on the public site, the
smallest other groups are withheld too where the total minus the published groups would give
the hidden one away (secondary suppression, ``apps.public.confidentiality``).
"""

from dataclasses import dataclass

from django.db.models import CharField, Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apps.api.viewsets import ApiViewMixin
from apps.core.filters import can_see_confidential
from apps.core.models import pick_language
from apps.core.scope import scope_queryset, user_scope
from apps.public.confidentiality import MIN_CONTRACTS, publishable_total, suppress
from apps.regions.models import City, Province

MIN_PUBLIC_GROUP = MIN_CONTRACTS


@dataclass(frozen=True)
class Dimension:
    """What rows are grouped by: a key, and a bilingual label (or choices to label the key)."""

    key: object
    label_zh: object = None
    label_en: object = None
    choices: object = None

    def key_expression(self):
        key = F(self.key) if isinstance(self.key, str) else self.key
        return Cast(key, CharField())

    def label_expressions(self):
        return {
            "label_zh": F(self.label_zh) if isinstance(self.label_zh, str) else self.label_zh,
            "label_en": F(self.label_en) if isinstance(self.label_en, str) else self.label_en,
        }


@dataclass(frozen=True)
class Measure:
    name: str
    expression: object
    field: object
    confidential: bool = False


def province_dimension(path="province"):
    return Dimension(f"{path}__code", f"{path}__name_zh", f"{path}__name_en")


def city_dimension(path="city"):
    """Prefecture-level cities, with their districts' records counted in."""
    return Dimension(
        Coalesce(f"{path}__parent__code", f"{path}__code"),
        Coalesce(f"{path}__parent__name_zh", f"{path}__name_zh"),
        Coalesce(f"{path}__parent__name_en", f"{path}__name_en"),
    )


def year_dimension(date_field):
    return Dimension(ExtractYear(date_field))


def choice_dimension(field, choices):
    return Dimension(field, choices=choices)


def department_dimension(path="department"):
    return Dimension(f"{path}__code", f"{path}__name_zh", f"{path}__name_en")


def count_measure(distinct=False):
    return Measure(
        "count",
        Count("pk", distinct=distinct),
        serializers.IntegerField(help_text=_("Number of records in the group.")),
    )


def money_field(help_text):
    return serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True, help_text=help_text
    )


class AggregateViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """Groups a resource's (filtered) records and returns one row per group."""

    dimensions = {}
    measures = []
    filter_backends = [DjangoFilterBackend]
    pagination_class = None

    def sees_confidential(self):
        if getattr(self, "swagger_fake_view", False):
            return True
        return can_see_confidential(self.request, self.queryset.model)

    # Records with no public flag (technology requests) are counted whole: counts only.
    counts_every_record = False

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if self.counts_every_record and user_scope(user).public_only:
            return queryset
        if self.sees_confidential() or self.counts_every_record:
            # Office staff count their own region only (apps.core.scope).
            return scope_queryset(user, queryset)
        return queryset.public()

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
        dimension = self.dimensions[group_by]
        queryset = self.filter_queryset(self.get_queryset()).order_by()
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
        if not self.sees_confidential():
            for measure in self.measures:
                if measure.confidential:
                    suppress(results, count_key="count", value_key=measure.name)
                    for result in results:
                        result["suppressed"] |= result[measure.name] is None
        return Response(self.get_serializer(results, many=True).data)


def aggregate_viewset(
    name,
    *,
    queryset,
    filterset_class,
    dimensions,
    measures,
    description,
    counts_every_record=False,
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
            "counts_every_record": counts_every_record,
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
    """Every resource's stats viewset, by URL name (imported late: it reads every app)."""
    from apps.agreements.filters import ContractFilterSet, CooperationAgreementFilterSet
    from apps.agreements.models import (
        AgreementKind,
        AgreementStatus,
        Contract,
        ContractKind,
        ContractStatus,
        CooperationAgreement,
    )
    from apps.events.filters import ExchangeEventFilterSet
    from apps.events.models import EventKind, ExchangeEvent
    from apps.funds.filters import CooperationFundFilterSet
    from apps.funds.models import CooperationFund
    from apps.institutes.filters import JointInstituteFilterSet
    from apps.institutes.models import InstituteKind, JointInstitute
    from apps.offices.filters import CooperationOfficeFilterSet
    from apps.offices.models import CooperationOffice
    from apps.partners.filters import OrganizationFilterSet
    from apps.partners.models import Organization, OrganizationKind, Ownership
    from apps.projects.filters import CooperationProjectFilterSet
    from apps.projects.models import CooperationProject, ProjectStatus
    from apps.requests.choices import Industry, RequestStatus
    from apps.requests.filters import TechRequestFilterSet
    from apps.requests.models import TechRequest

    def regional(date_field):
        return {
            "province": province_dimension(),
            "city": city_dimension(),
            "year": year_dimension(date_field),
        }

    return {
        "contracts": aggregate_viewset(
            "Contract",
            queryset=Contract.objects.all(),
            filterset_class=ContractFilterSet,
            dimensions={
                **regional("signed_on"),
                "kind": choice_dimension("kind", ContractKind),
                "status": choice_dimension("status", ContractStatus),
                "department": department_dimension(),
            },
            measures=[
                count_measure(),
                Measure(
                    "total_amount",
                    Sum("amount"),
                    money_field(_("Sum of the contracts' amounts (CNY); null when withheld.")),
                    confidential=True,
                ),
            ],
            description="Technology contracts counted and summed by group.",
        ),
        "agreements": aggregate_viewset(
            "Agreement",
            queryset=CooperationAgreement.objects.all(),
            filterset_class=CooperationAgreementFilterSet,
            dimensions={
                **regional("signed_on"),
                "kind": choice_dimension("kind", AgreementKind),
                "status": choice_dimension("status", AgreementStatus),
            },
            measures=[count_measure()],
            description="Framework agreements counted by group.",
        ),
        "events": aggregate_viewset(
            "Event",
            queryset=ExchangeEvent.objects.all(),
            filterset_class=ExchangeEventFilterSet,
            dimensions={
                **regional("start_on"),
                "kind": choice_dimension("kind", EventKind),
                "department": department_dimension(),
            },
            measures=[
                count_measure(),
                Measure(
                    "participants",
                    Coalesce(Sum("participants"), Value(0), output_field=IntegerField()),
                    serializers.IntegerField(help_text=_("Participants in all.")),
                ),
            ],
            description="Exchange events counted by group, with their participants.",
        ),
        "projects": aggregate_viewset(
            "Project",
            queryset=CooperationProject.objects.all(),
            filterset_class=CooperationProjectFilterSet,
            dimensions={
                "province": province_dimension("sites__province"),
                "city": city_dimension("sites__city"),
                "year": year_dimension("started_on"),
                "status": choice_dimension("status", ProjectStatus),
                "department": department_dimension(),
            },
            # By province or city a project applied in several places counts in each.
            measures=[count_measure(distinct=True)],
            description=(
                "Projects counted by group; by province or city a project counts in every "
                "place where it is applied."
            ),
        ),
        "funds": aggregate_viewset(
            "Fund",
            queryset=CooperationFund.objects.all(),
            filterset_class=CooperationFundFilterSet,
            dimensions=regional("established_on"),
            measures=[
                count_measure(),
                Measure(
                    "committed_amount",
                    Sum("committed_amount"),
                    money_field(_("Committed size of the funds (CNY).")),
                ),
            ],
            description="Cooperation funds counted by group, with their committed size.",
        ),
        "institutes": aggregate_viewset(
            "Institute",
            queryset=JointInstitute.objects.all(),
            filterset_class=JointInstituteFilterSet,
            dimensions={
                **regional("established_on"),
                "kind": choice_dimension("kind", InstituteKind),
            },
            measures=[count_measure()],
            description="Joint research institutes counted by group.",
        ),
        "offices": aggregate_viewset(
            "Office",
            queryset=CooperationOffice.objects.all(),
            filterset_class=CooperationOfficeFilterSet,
            dimensions=regional("opened_on"),
            measures=[
                count_measure(),
                Measure(
                    "open",
                    Count("pk", filter=Q(closed_on__isnull=True)),
                    serializers.IntegerField(help_text=_("Offices still open.")),
                ),
            ],
            description="Cooperation offices counted by group.",
        ),
        "organizations": aggregate_viewset(
            "Organization",
            queryset=Organization.objects.all(),
            filterset_class=OrganizationFilterSet,
            dimensions={
                "province": province_dimension(),
                "city": city_dimension(),
                "kind": choice_dimension("kind", OrganizationKind),
                "ownership": choice_dimension("ownership", Ownership),
            },
            measures=[count_measure()],
            description="Partner organizations counted by group.",
        ),
        "requests": aggregate_viewset(
            "TechRequest",
            queryset=TechRequest.objects.all(),
            filterset_class=TechRequestFilterSet,
            dimensions={
                "province": province_dimension(),
                "city": city_dimension(),
                "year": year_dimension("created_at"),
                "status": choice_dimension("status", RequestStatus),
                "industry": choice_dimension("industry", Industry),
            },
            measures=[count_measure()],
            counts_every_record=True,
            description=(
                "Technology requests counted by group. Their contents are personal data and "
                "never public; their numbers are."
            ),
        ),
    }


class SummaryQuerySerializer(serializers.Serializer):
    province = serializers.SlugRelatedField(
        slug_field="code", queryset=Province.objects.all(), required=False
    )
    city = serializers.SlugRelatedField(
        slug_field="code", queryset=City.objects.all(), required=False
    )


class SummarySerializer(serializers.Serializer):
    contracts = serializers.IntegerField()
    contract_amount = money_field(_("Sum of the contracts' amounts (CNY); null when withheld."))
    agreements = serializers.IntegerField()
    projects = serializers.IntegerField()
    events = serializers.IntegerField()
    event_participants = serializers.IntegerField()
    funds = serializers.IntegerField()
    fund_committed_amount = money_field(_("Committed size of the funds (CNY)."))
    institutes = serializers.IntegerField()
    offices = serializers.IntegerField()
    organizations = serializers.IntegerField()


class SummaryView(ApiViewMixin, GenericAPIView):
    """Headline figures, for the whole country or one province or city (districts included)."""

    serializer_class = SummarySerializer
    pagination_class = None
    permission_classes = [AllowAny]

    def _visible(self, model):
        queryset = model.objects.all()
        if can_see_confidential(self.request, model):
            return queryset
        return queryset.public()

    def _in_region(self, queryset, query):
        if query.get("city") is not None:
            return queryset.in_city(query["city"])
        if query.get("province") is not None:
            return queryset.in_province(query["province"])
        return queryset

    @extend_schema(parameters=[SummaryQuerySerializer], responses=SummarySerializer)
    def get(self, request, *args, **kwargs):
        from apps.agreements.models import Contract, CooperationAgreement
        from apps.events.models import ExchangeEvent
        from apps.funds.models import CooperationFund
        from apps.institutes.models import JointInstitute
        from apps.offices.models import CooperationOffice
        from apps.partners.models import Organization
        from apps.projects.models import CooperationProject

        query_serializer = SummaryQuerySerializer(data=request.query_params)
        query_serializer.is_valid(raise_exception=True)
        query = query_serializer.validated_data

        def scoped(model):
            return self._in_region(self._visible(model), query).order_by()

        contracts = scoped(Contract).aggregate(count=Count("pk"), amount=Sum("amount"))
        if not can_see_confidential(request, Contract):
            contracts["amount"] = publishable_total(contracts["count"], contracts["amount"])
        events = scoped(ExchangeEvent).aggregate(count=Count("pk"), people=Sum("participants"))
        funds = scoped(CooperationFund).aggregate(
            count=Count("pk"), committed=Sum("committed_amount")
        )
        projects = scoped(CooperationProject)
        summary = {
            "contracts": contracts["count"],
            "contract_amount": contracts["amount"] if contracts["count"] else None,
            "agreements": scoped(CooperationAgreement).count(),
            # in_province/in_city on projects go through their sites with DISTINCT.
            "projects": projects.count(),
            "events": events["count"],
            "event_participants": events["people"] or 0,
            "funds": funds["count"],
            "fund_committed_amount": funds["committed"] or 0,
            "institutes": scoped(JointInstitute).count(),
            "offices": scoped(CooperationOffice).count(),
            "organizations": scoped(Organization).count(),
        }
        return Response(self.get_serializer(summary).data)
