from django.urls import include, path
from django.utils.module_loading import import_string
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from apps.api.aggregates import SummaryView, stats_viewsets
from apps.api.export_jobs import ExportDownloadView, ExportJobView
from apps.api.schema_document import DeploymentSchemaView
from apps.core.registry import registry

app_name = "api"

router = DefaultRouter()
# Every record type whose app declares an API route (its ``api`` hook: prefix, viewset,
# basename), in the registry's order.
for record_type in registry.all():
    route = record_type.hook("api")
    if route is not None:
        prefix, viewset, basename = route
        router.register(prefix, import_string(viewset), basename=basename)
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
