"""The relay form's address: a partner's message to an expert, posted from the expert's page.

Views parse input and call services; they never write models themselves.
"""

import logging

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from apps.experts import selectors, services
from apps.experts.forms import HONEYPOT_FIELD, ExpertMessageForm
from apps.experts.models import Expert
from apps.requests import ratelimit

logger = logging.getLogger(__name__)

# Messages one address may send in an hour, to all experts together.
MESSAGE_RATE = (5, 3600)
RATE_SCOPE = "expert-message"


def _published_expert(code):
    try:
        return selectors.public_expert_page(code)
    except Expert.DoesNotExist as missing:
        raise Http404(_("No public record matches this address.")) from missing


def _refused(request, context, status, title, text):
    return render(
        request,
        "experts/refused.html",
        {**context, "title": title, "text": text},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request, code):
    context = _published_expert(code)
    expert = context["record"]
    if request.method == "GET":
        return redirect(reverse("public:expert_detail", args=[expert.code]) + "#contact")
    address = ratelimit.client_address(request)
    if not ratelimit.hit(RATE_SCOPE, address, MESSAGE_RATE):
        return _refused(
            request,
            context,
            429,
            _("Too many messages"),
            _(
                "We have received many messages from your network in the last hour. Please "
                "try again later."
            ),
        )
    if request.POST.get(HONEYPOT_FIELD):
        logger.info("Expert message refused: honeypot filled from %s", address)
        return _refused(
            request,
            context,
            400,
            _("The message was refused"),
            _("Your message looked automated and was not sent."),
        )
    form = ExpertMessageForm(request.POST)
    if form.is_valid():
        try:
            services.expert_message_send(
                expert=expert,
                language=get_language(),
                submitted_from=address if address != "unknown" else None,
                **form.cleaned_data_for_message(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("experts:sent", code=expert.code)
    return render(
        request,
        "public/detail_base.html",
        {
            **context,
            "form": form,
            "title": expert.name,
            "body_template": "experts/public/detail.html",
            "list_url": reverse("public:expert_list"),
            "list_label": _("Experts"),
        },
    )


@never_cache
@require_http_methods(["GET"])
def sent(request, code):
    expert = _published_expert(code)["record"]
    return render(request, "experts/sent.html", {"record": expert})
