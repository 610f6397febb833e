from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.challenges import selectors
from apps.challenges.models import Challenge, Proposal, StageNotification
from apps.core.admin_base import RecordAdmin, ScopedTabularInline, StaffModelAdmin, count_related
from apps.requests.models import TechRequest


class ProposalInline(ScopedTabularInline):
    model = Proposal
    extra = 0
    fields = (
        "department",
        "received_on",
        "readiness",
        "duration_months",
        "cost_range",
        "experts",
        "approach",
        "team",
    )
    autocomplete_fields = ("department",)


@admin.register(Challenge)
class ChallengeAdmin(RecordAdmin):
    list_display = (
        "code",
        "title_zh",
        "industry",
        "province",
        "city",
        "stage",
        "published_on",
        "deadline",
        "proposal_count",
        "office",
    )
    list_filter = ("stage", "industry", "budget_range", "province", "office", "is_public")
    list_select_related = ("province", "city", "office")
    search_fields = ("code", "title_zh", "title_en", "problem_zh", "problem_en")
    autocomplete_fields = ("request", "province", "city", "office", "contract")
    date_hierarchy = "published_on"
    readonly_fields = ("stage_changed_at", *RecordAdmin.readonly_fields)
    inlines = [ProposalInline]
    fieldsets = (
        (None, {"fields": ("code", "request", "published_on", "deadline")}),
        (
            _("What the public reads (anonymised: never the partner's name or contact)"),
            {
                "fields": (
                    "title_zh",
                    "title_en",
                    "problem_zh",
                    "problem_en",
                    "industry",
                    "province",
                    "city",
                    "budget_range",
                )
            },
        ),
        (
            _("The partner's consent"),
            {"fields": ("consent_on", "consent_method", "consent_note")},
        ),
        (
            _("Stage (each change e-mails the partner)"),
            {"fields": ("stage", "stage_changed_at", "office", "contract")},
        ),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(proposal_total=count_related(Proposal, "challenge"))
        )

    @admin.display(description=_("proposals"), ordering="proposal_total")
    def proposal_count(self, obj):
        return obj.proposal_total

    def get_urls(self):
        own = [
            path(
                "figures/",
                self.admin_site.admin_view(self.figures_view),
                name="challenges_challenge_figures",
            )
        ]
        return own + super().get_urls()

    def figures_view(self, request):
        """Time to first response by department and by office, and the funnel by channel,
        over the challenges (and requests) the staff member may see."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        challenges = Challenge.objects.visible_to(request.user)
        requests = TechRequest.objects.visible_to(request.user)
        rows, total = selectors.funnel(requests=requests, challenges=challenges)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Challenges: time to first response and funnel"),
            "responses": selectors.response_times(challenges),
            "funnel_rows": rows,
            "funnel_total": total,
        }
        return TemplateResponse(request, "admin/challenges/challenge/figures.html", context)


@admin.register(Proposal)
class ProposalAdmin(StaffModelAdmin):
    list_display = (
        "challenge",
        "department",
        "received_on",
        "readiness",
        "duration_months",
        "cost_range",
    )
    list_filter = ("readiness", "cost_range", "department")
    list_select_related = ("challenge", "department")
    search_fields = ("challenge__code", "challenge__title_zh", "approach", "team", "experts")
    autocomplete_fields = ("challenge", "department")
    readonly_fields = ("created_at", "updated_at")
    date_hierarchy = "received_on"


@admin.register(StageNotification)
class StageNotificationAdmin(admin.ModelAdmin):
    """The outbox of stage e-mails, for checking that they went out. Written by services only."""

    list_display = ("created_at", "challenge", "to_stage", "recipients", "sent_at", "attempts")
    list_filter = ("to_stage", ("sent_at", admin.EmptyFieldListFilter))
    list_select_related = ("challenge",)
    search_fields = ("challenge__code", "recipients")
    readonly_fields = (
        "challenge",
        "from_stage",
        "to_stage",
        "recipients",
        "language",
        "created_at",
        "next_attempt_at",
        "attempts",
        "last_error",
        "sent_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
