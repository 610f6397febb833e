"""Public pages of technology requests: the form, the thank-you page and the tracking page.

Views parse input and call services; they never write models themselves.
"""

import logging
import os

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from apps.regions.models import Province
from apps.requests import ratelimit, selectors, services
from apps.requests.attachments import max_total_bytes
from apps.requests.choices import (
    PARTNER_STATUS_TEXT,
    Actor,
    MessageVisibility,
    RequestStatus,
    allowed_transitions,
)
from apps.requests.forms import (
    HONEYPOT_FIELD,
    PartnerMessageForm,
    TechRequestForm,
    WithdrawForm,
)
from apps.requests.models import RequestAttachment, TechRequest
from apps.requests.submission import SUBMITTED_FIELDS, cities_of
from apps.requests.tokens import new_submission_token

logger = logging.getLogger(__name__)

SESSION_KEY = "requests_submitted"
# Form fields take a little room besides the files.
BODY_ALLOWANCE = 1024 * 1024
REFRESH_CITIES = "_refresh_cities"


def _private(response):
    """Pages behind a private link: never cached, never indexed, never sent as a referrer to
    another site (same-origin, not no-referrer: that would make the browser send "Origin: null"
    with the page's own forms and fail the CSRF check)."""
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _refused(request, status, title, text):
    return render(request, "requests/refused.html", {"title": title, "text": text}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    if request.method == "GET":
        form = TechRequestForm(
            initial={"submission_token": new_submission_token(request.session)},
            session=request.session,
        )
        return render(request, "requests/form.html", {"form": form})

    address = ratelimit.client_address(request)
    if int(request.META.get("CONTENT_LENGTH") or 0) > max_total_bytes() + BODY_ALLOWANCE:
        return _refused(
            request,
            413,
            _("The submission is too large"),
            _("Your files together are larger than we accept. Please attach smaller files."),
        )
    if REFRESH_CITIES in request.POST:
        # Without JavaScript the city list is refreshed by posting the form back, unvalidated.
        initial = {key: value for key, value in request.POST.items() if key != REFRESH_CITIES}
        form = TechRequestForm(initial=initial, session=request.session)
        return render(request, "requests/form.html", {"form": form, "refreshed": True})

    if not ratelimit.hit("submit", address, settings.REQUEST_SUBMIT_RATE):
        return _refused(
            request,
            429,
            _("Too many submissions"),
            _(
                "We have received many submissions from your network in the last hour. "
                "Please try again later, or write to us by email."
            ),
        )
    if request.POST.get(HONEYPOT_FIELD):
        logger.info("Technology request refused: honeypot filled from %s", address)
        return _refused(
            request,
            400,
            _("The submission was refused"),
            _("Your submission looked automated and was not saved."),
        )

    form = TechRequestForm(request.POST, request.FILES, session=request.session)
    files_dropped = bool(request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.request_submit(
                submission_key=data["submission_token"],
                attachments=[item.upload for item in data["attachments"]],
                language=get_language(),
                submitted_from=address if address != "unknown" else None,
                **{name: data[name] for name in SUBMITTED_FIELDS},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_KEY] = submission.request.pk
            return redirect("requests:thanks")
    if "submission_token" in form.errors:
        # An expired or foreign token: the next try gets a fresh one, the rest stays as typed.
        form.data = form.data.copy()
        form.data["submission_token"] = new_submission_token(request.session)
    return render(
        request,
        "requests/form.html",
        {"form": form, "files_dropped": files_dropped},
    )


@never_cache
@require_GET
def thanks(request):
    pk = request.session.get(SESSION_KEY)
    tech_request = TechRequest.objects.filter(pk=pk).first() if pk else None
    context = {"tech_request": tech_request}
    if tech_request is not None:
        token = services.request_tracking_token(tech_request=tech_request)
        context["tracking_url"] = request.build_absolute_uri(
            reverse("requests:track", kwargs={"token": token})
        )
    return _private(render(request, "requests/thanks.html", context))


@require_GET
@cache_control(public=True, max_age=86400)
def cities(request):
    """The cities of a province as JSON, for the form's dependent list."""
    province = Province.objects.filter(code=request.GET.get("province", "")).first()
    return JsonResponse(
        {"cities": [{"code": city.code, "name": city.name} for city in cities_of(province)]}
    )


def _tracked_request(request, token):
    address = ratelimit.client_address(request)
    if ratelimit.exceeded("track-miss", address, settings.REQUEST_TRACKING_MISS_RATE):
        return None, _refused(
            request,
            429,
            _("Too many attempts"),
            _("Too many tracking links that do not exist were opened from your network."),
        )
    tech_request = selectors.request_for_tracking_token(token)
    if tech_request is None:
        ratelimit.hit("track-miss", address, settings.REQUEST_TRACKING_MISS_RATE)
        raise Http404(_("No request has this tracking link."))
    return tech_request, None


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, token):
    tech_request, refusal = _tracked_request(request, token)
    if refusal:
        return refusal
    message_form = PartnerMessageForm(request.POST or None)
    can_write = tech_request.status != RequestStatus.WITHDRAWN
    if request.method == "POST" and can_write and message_form.is_valid():
        services.request_add_message(
            tech_request=tech_request,
            body=message_form.cleaned_data["body"],
            visibility=MessageVisibility.FROM_PARTNER,
        )
        messages.success(
            request, _("Your message has been sent. We will answer here and by email.")
        )
        return redirect("requests:track", token=token)
    context = {
        "tech_request": tech_request,
        "token": token,
        "status_explanation": PARTNER_STATUS_TEXT[tech_request.status],
        "timeline": selectors.partner_timeline(tech_request),
        "attachments": RequestAttachment.objects.filter(request=tech_request),
        "message_form": message_form,
        "can_write": can_write,
        "can_withdraw": RequestStatus.WITHDRAWN
        in allowed_transitions(tech_request.status, Actor.PARTNER),
    }
    return _private(render(request, "requests/track.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    tech_request, refusal = _tracked_request(request, token)
    if refusal:
        return refusal
    if RequestStatus.WITHDRAWN not in allowed_transitions(tech_request.status, Actor.PARTNER):
        return redirect("requests:track", token=token)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_transition(
                tech_request=tech_request,
                to_status=RequestStatus.WITHDRAWN,
                actor=Actor.PARTNER,
                message=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request has been withdrawn."))
            return redirect("requests:track", token=token)
    return _private(
        render(request, "requests/withdraw.html", {"tech_request": tech_request, "form": form})
    )


@staff_member_required
@require_GET
def attachment_download(request, pk):
    if not request.user.has_perm("requests.view_techrequest"):
        raise Http404
    # Office staff open the attachments of their own region's requests only.
    visible = TechRequest.objects.visible_to(request.user)
    attachment = get_object_or_404(RequestAttachment, pk=pk, request__in=visible)
    stem, extension = os.path.splitext(attachment.original_name)
    stored_extension = os.path.splitext(attachment.file.name)[1]
    filename = (
        attachment.original_name
        if extension.lower() == stored_extension
        else (stem + stored_extension)
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
