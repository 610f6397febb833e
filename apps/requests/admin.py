"""Staff triage of technology requests. Every change goes through apps.requests.services."""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.admin_base import ScopedAdminMixin
from apps.core.filters import FIRST_YEAR, LAST_YEAR
from apps.core.models import pick_language
from apps.core.registry import registry
from apps.regions.models import MacroRegion
from apps.requests import selectors, services
from apps.requests.choices import (
    WAITING_TOO_LONG_DAYS,
    Actor,
    MessageVisibility,
    RequestStatus,
    allowed_transitions,
)
from apps.requests.models import (
    Notification,
    RequestMessage,
    StatusChange,
    TechRequest,
)
from apps.requests.submission import SUBMITTED_FIELDS

ASSIGNMENT_FIELDS = ("assigned_department", "assigned_office", "assignee")
RESULT_FIELDS = ("contract", "project")
# What the partner stated (the form's fields, consent apart: it is required to submit at all),
# shown to staff read-only, with the language and links the portal kept beside it.
PARTNER_FIELDS = (
    *(name for name in SUBMITTED_FIELDS if name != "consent_to_contact"),
    "language",
    "attachment_links",
)
DATE_FIELDS = (
    "created_at",
    "status_changed_at",
    "first_response_at",
    "matched_at",
    "last_reminded_at",
    "submitted_from",
)


class WaitingTooLongFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("Waiting too long")), ("open", _("All open requests"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.waiting_too_long()
        if self.value() == "open":
            return queryset.open()
        return queryset


class TechRequestAdminForm(forms.ModelForm):
    new_status = forms.ChoiceField(
        label=_("Move to status"),
        required=False,
        help_text=_("Only the moves that make sense from the current status are offered."),
    )
    message_to_partner = forms.CharField(
        label=_("Message to the partner"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the partner's tracking page and emailed to them."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by staff only, never by the partner."),
    )

    class Meta:
        model = TechRequest
        fields = ASSIGNMENT_FIELDS + RESULT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        targets = allowed_transitions(self.instance.status, Actor.STAFF)
        self.fields["new_status"].choices = [("", _("(keep the current status)"))] + [
            (value, label) for value, label in RequestStatus.choices if value in targets
        ]

    def clean(self):
        cleaned = super().clean()
        candidate = copy.copy(self.instance)
        for name in ASSIGNMENT_FIELDS + RESULT_FIELDS:
            if name in cleaned:
                setattr(candidate, name, cleaned[name])
        new_status = cleaned.get("new_status")
        try:
            if new_status:
                services.check_transition(
                    tech_request=candidate, to_status=new_status, actor=Actor.STAFF
                )
                candidate.status = new_status
            candidate.validate_constraints()
        except ValidationError as error:
            self.add_error("new_status" if new_status else None, error.messages)
        return cleaned


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "actor", "changed_by")
    readonly_fields = fields
    verbose_name_plural = _("status history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


class RequestMessageInline(admin.TabularInline):
    model = RequestMessage
    extra = 0
    can_delete = False
    fields = ("created_at", "visibility", "author", "body")
    readonly_fields = fields
    verbose_name_plural = _("messages and internal notes")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class NotificationInline(admin.TabularInline):
    model = Notification
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "recipients", "sent_at", "attempts", "last_error")
    readonly_fields = fields
    verbose_name_plural = _("emails")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TechRequest)
class TechRequestAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Headquarters triage every request; office staff those of their own region."""

    form = TechRequestAdminForm
    change_form_template = "admin/requests/techrequest/change_form.html"
    change_list_template = "admin/requests/techrequest/change_list.html"
    list_display = (
        "reference",
        "title",
        "organization_name",
        "province",
        "status",
        "assigned_department",
        "assigned_office",
        "assignee",
        "created_at",
        "waiting_flag",
    )
    list_display_links = ("reference", "title")
    list_filter = (
        WaitingTooLongFilter,
        "status",
        "cooperation_kind",
        "industry",
        "province",
        "assigned_department",
    )
    list_select_related = ("province", "assigned_department", "assigned_office", "assignee")
    search_fields = ("reference", "title", "organization_name", "contact_name", "email")
    date_hierarchy = "created_at"
    autocomplete_fields = ASSIGNMENT_FIELDS + RESULT_FIELDS
    readonly_fields = ("reference", "status") + PARTNER_FIELDS + DATE_FIELDS
    inlines = (StatusChangeInline, RequestMessageInline, NotificationInline)
    fieldsets = (
        (
            _("Workflow"),
            {
                "fields": (
                    "reference",
                    "status",
                    "new_status",
                    "message_to_partner",
                    "internal_note",
                )
            },
        ),
        (_("Assignment"), {"fields": ASSIGNMENT_FIELDS}),
        (_("What it became"), {"fields": RESULT_FIELDS}),
        (_("The partner's request"), {"fields": PARTNER_FIELDS}),
        (_("Dates"), {"fields": DATE_FIELDS, "classes": ("collapse",)}),
    )

    def has_add_permission(self, request):
        # Requests come from partners, through the public form or the API.
        return False

    @admin.display(description=_("waiting too long"), boolean=True)
    def waiting_flag(self, obj):
        days = WAITING_TOO_LONG_DAYS.get(obj.status)
        if days is None:
            return None
        return (timezone.now() - obj.status_changed_at).days >= days

    @admin.display(description=_("attachments"))
    def attachment_links(self, obj):
        attachments = list(obj.attachments.all())
        if not attachments:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({}, {} KB)</li>',
                (
                    (
                        reverse("requests:attachment", args=[attachment.pk]),
                        attachment.original_name,
                        attachment.content_type,
                        (attachment.size + 1023) // 1024,
                    )
                    for attachment in attachments
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        current = TechRequest.objects.get(pk=obj.pk)
        assignment = {
            name.replace("assigned_", ""): data[name]
            for name in ASSIGNMENT_FIELDS
            if name in form.changed_data
        }
        if assignment:
            services.request_assign(tech_request=current, user=request.user, **assignment)
        result = {name: data[name] for name in RESULT_FIELDS if name in form.changed_data}
        if result:
            services.request_link_result(tech_request=current, user=request.user, **result)
        if data.get("new_status"):
            services.request_transition(
                tech_request=current,
                to_status=data["new_status"],
                actor=Actor.STAFF,
                user=request.user,
                message=data.get("message_to_partner", ""),
            )
        elif data.get("message_to_partner", "").strip():
            services.request_add_message(
                tech_request=current,
                body=data["message_to_partner"],
                visibility=MessageVisibility.SHARED,
                user=request.user,
            )
        if data.get("internal_note", "").strip():
            services.request_add_message(
                tech_request=current,
                body=data["internal_note"],
                visibility=MessageVisibility.INTERNAL,
                user=request.user,
            )
        obj.refresh_from_db()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        tech_request = self.get_object(request, object_id)
        suggest = registry.get(TechRequest).hook("suggestions")
        if tech_request is not None and suggest is not None:
            extra_context["suggestions"] = suggest(tech_request, user=request.user)
            # What is assigned already, as the suggestions' accept values name it.
            extra_context["assigned_suggestions"] = [
                f"department:{tech_request.assigned_department_id}",
                f"office:{tech_request.assigned_office_id}",
            ]
            extra_context["accept_url"] = reverse(
                "admin:requests_techrequest_accept_suggestion", args=[tech_request.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["waiting_count"] = (
            TechRequest.objects.visible_to(request.user).waiting_too_long().count()
        )
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        own = [
            path(
                "funnel/",
                self.admin_site.admin_view(self.funnel_view),
                name="requests_techrequest_funnel",
            ),
            path(
                "<int:pk>/accept-suggestion/",
                self.admin_site.admin_view(require_POST(self.accept_suggestion_view)),
                name="requests_techrequest_accept_suggestion",
            ),
        ]
        return own + super().get_urls()

    def accept_suggestion_view(self, request, pk):
        tech_request = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, tech_request):
            return redirect("admin:requests_techrequest_change", pk)
        kind, _sep, object_id = request.POST.get("suggestion", "").partition(":")
        try:
            services.request_accept_suggestion(
                tech_request=tech_request, kind=kind, object_id=int(object_id), user=request.user
            )
        except (ValidationError, ValueError, LookupError, ObjectDoesNotExist):
            self.message_user(
                request, gettext("That suggestion could not be applied."), messages.ERROR
            )
        else:
            self.message_user(
                request,
                gettext("Assigned: %(department)s %(office)s")
                % {
                    "department": tech_request.assigned_department or "",
                    "office": tech_request.assigned_office or "",
                },
                messages.SUCCESS,
            )
        return redirect("admin:requests_techrequest_change", pk)

    def funnel_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        requests = TechRequest.objects.visible_to(request.user)
        group = request.GET.get("group", "province")
        if group not in selectors.FUNNEL_GROUPS:
            group = "province"
        years = [date.year for date in requests.dates("created_at", "year", order="DESC")]
        try:
            year = int(request.GET.get("year") or 0) or None
        except ValueError:
            year = None
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            year = None
        rows, totals = selectors.funnel(requests=requests, year=year, group=group)
        macro_labels = dict(MacroRegion.choices)
        for row in rows:
            if group == "macro_region":
                row["region"] = macro_labels.get(row["province__macro_region"], "")
            else:
                row["region"] = pick_language(row["province__name_zh"], row["province__name_en"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Technology requests: funnel by month and region"),
            "rows": rows,
            "totals": totals,
            "years": years,
            "year": year,
            "group": group,
        }
        return TemplateResponse(request, "admin/requests/techrequest/funnel.html", context)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox, for checking that emails went out. Rows are written by services only."""

    list_display = ("created_at", "kind", "request", "recipients", "sent_at", "attempts")
    list_filter = ("kind", ("sent_at", admin.EmptyFieldListFilter))
    list_select_related = ("request",)
    search_fields = ("request__reference", "recipients")
    readonly_fields = (
        "kind",
        "request",
        "recipients",
        "language",
        "status_change",
        "message",
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
