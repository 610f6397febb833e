"""A region's briefing dossier: the HTML page (print stylesheet) and the PDF, made by a worker.

``?audience=staff`` asks for the staff version with confidential figures: staff only, and
office staff only for their own region.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.core.pagecache import cached_page
from apps.core.scope import region_within
from apps.dossiers import selectors, services
from apps.regions.models import City, Province

RETRY_SECONDS = 3


def _region(kind, code):
    try:
        return selectors.region_for(kind, code)
    except (Province.DoesNotExist, City.DoesNotExist) as missing:
        raise Http404(_("No public record matches this address.")) from missing


def may_read_confidential(user, region):
    return user.is_authenticated and user.is_staff and region_within(user, region)


def _audience(request, region):
    if request.GET.get("audience") != "staff":
        return "public"
    if not may_read_confidential(request.user, region):
        raise PermissionDenied(_("The staff dossier is for staff responsible for this region."))
    return "staff"


def dossier_page(request, kind, code):
    region = _region(kind, code)
    audience = _audience(request, region)

    def render_page(version=None, shared=None):
        data = selectors.dossier_data(region, staff=audience == "staff")
        return render(
            request,
            "dossiers/dossier_page.html",
            {**(shared or {}), "d": data, "kind": kind, "audience": audience},
        )

    if audience == "staff":
        return render_page()
    return cached_page(request, f"dossier:{kind}:{code}", render_page)


def dossier_pdf(request, kind, code):
    region = _region(kind, code)
    audience = _audience(request, region)
    language = get_language()
    pdf = services.dossier_cached(kind=kind, code=code, language=language, audience=audience)
    if pdf is not None:
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"dossier-{code}-{language}{'-staff' if audience == 'staff' else ''}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        if audience == "staff":
            response["Cache-Control"] = "private, no-store"
        return response
    services.dossier_request(kind=kind, code=code, language=language, audience=audience)
    response = render(
        request,
        "dossiers/preparing.html",
        {"region": region, "retry": RETRY_SECONDS, "kind": kind},
        status=202,
    )
    response["Retry-After"] = str(RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
