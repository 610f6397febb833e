from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from apps.operations.views import import_template_download
from apps.public.views import healthz

admin.site.site_header = _("University–region cooperation portal")
admin.site.site_title = _("Cooperation portal admin")
admin.site.index_title = _("Records")
# Lists need the width (a contract's date, amount and received at 1280 px beside the filters);
# the home page and the breadcrumbs lead everywhere the sidebar did.
admin.site.enable_nav_sidebar = False

# A failing database or broker answers 503 in the visitor's language (apps/core/views.py).
handler500 = "apps.core.views.server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "admin/import-template/<str:app_label>/<str:model_name>.xlsx",
        import_template_download,
        name="import_template",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("apps.api.urls")),
    path("healthz/", healthz, name="healthz"),
]

# Challenges' public funnel (counts only), before the public site's /challenges/<code>/.
urlpatterns += i18n_patterns(
    path("challenges/", include("apps.challenges.urls")), prefix_default_language=False
)
# The public site: Chinese at "/", English under "/en/" (share-able URLs per language).
urlpatterns += i18n_patterns(path("", include("apps.public.urls")), prefix_default_language=False)
# What came of each agreement: its public page of targets and outcomes.
urlpatterns += i18n_patterns(path("", include("apps.outcomes.urls")), prefix_default_language=False)
# Briefing dossiers of provinces and cities (HTML and PDF).
urlpatterns += i18n_patterns(path("", include("apps.dossiers.urls")), prefix_default_language=False)
# Open data: the catalogue page, downloads, Data Package and DCAT catalogue.
urlpatterns += i18n_patterns(path("", include("apps.opendata.urls")), prefix_default_language=False)
# Partners' technology requests: the form, the thank-you page and the private tracking pages.
urlpatterns += i18n_patterns(
    path("requests/", include("apps.requests.urls")), prefix_default_language=False
)
# A partner's own page: sign-in by e-mail link, its organization's records.
urlpatterns += i18n_patterns(
    path("partner/", include("apps.partnerportal.urls")), prefix_default_language=False
)
# Subscriptions to the weekly digest: subscribe, confirm, unsubscribe.
urlpatterns += i18n_patterns(
    path("subscriptions/", include("apps.subscriptions.urls")), prefix_default_language=False
)
# Experts: the form relaying a partner's message (the directory's pages come from its pages=).
urlpatterns += i18n_patterns(
    path("experts/", include("apps.experts.urls")), prefix_default_language=False
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
