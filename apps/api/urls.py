from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from apps.agreements.api.views import AgreementViewSet, ContractViewSet, PaymentViewSet
from apps.api.aggregates import SummaryView, stats_viewsets
from apps.api.export_jobs import ExportDownloadView, ExportJobView
from apps.api.schema_document import DeploymentSchemaView
from apps.core.api.views import DepartmentViewSet, MilestoneViewSet
from apps.events.api.views import EventViewSet
from apps.funds.api.views import FundViewSet
from apps.institutes.api.views import InstituteViewSet
from apps.offices.api.views import OfficeViewSet
from apps.partners.api.views import MembershipViewSet, OrganizationViewSet
from apps.projects.api.views import ProjectViewSet
from apps.regions.api.views import CityViewSet, ProvinceViewSet
from apps.requests.api.views import TechRequestViewSet

app_name = "api"

router = DefaultRouter()
router.register("provinces", ProvinceViewSet, basename="province")
router.register("cities", CityViewSet, basename="city")
router.register("departments", DepartmentViewSet, basename="department")
router.register("milestones", MilestoneViewSet, basename="milestone")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("contracts", ContractViewSet, basename="contract")
router.register("payments", PaymentViewSet, basename="payment")
router.register("funds", FundViewSet, basename="fund")
router.register("institutes", InstituteViewSet, basename="institute")
router.register("offices", OfficeViewSet, basename="office")
router.register("projects", ProjectViewSet, basename="project")
router.register("events", EventViewSet, basename="event")
router.register("requests", TechRequestViewSet, basename="tech-request")
for name, viewset in stats_viewsets().items():
    router.register(f"stats/{name}", viewset, basename=f"stats-{name}")

urlpatterns = [
    path("v1/stats/summary/", SummaryView.as_view(), name="stats-summary"),
    path("v1/exports/<uuid:pk>/", ExportJobView.as_view(), name="export-job"),
    path("v1/exports/<uuid:pk>/download/", ExportDownloadView.as_view(), name="export-download"),
    path("v1/", include(router.urls)),
    path("schema/", DeploymentSchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
