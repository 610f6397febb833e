import datetime

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.opendata.models import FrozenRelease
from apps.opendata.services import release_freeze


class FreezeForm(forms.Form):
    as_at = forms.DateField(
        label=_("figures as at"),
        help_text=_("Normally 31 December of the year just ended."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def clean_as_at(self):
        as_at = self.cleaned_data["as_at"]
        if (as_at.month, as_at.day) != (12, 31):
            raise forms.ValidationError(
                _("Figures are frozen at a year end: choose 31 December."), code="year_end"
            )
        return as_at


@admin.register(FrozenRelease)
class FrozenReleaseAdmin(admin.ModelAdmin):
    list_display = ("as_at", "created_at", "frozen_by", "note")
    readonly_fields = ("as_at", "fields", "rows", "frozen_by", "created_at", "updated_at")
    change_list_template = "opendata/admin/frozenrelease_change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "freeze/",
                self.admin_site.admin_view(self.freeze_view),
                name="opendata_frozenrelease_freeze",
            ),
            *super().get_urls(),
        ]

    def freeze_view(self, request):
        if not request.user.has_perm("opendata.add_frozenrelease"):
            return redirect("admin:index")
        last_year_end = datetime.date(timezone.localdate().year - 1, 12, 31)
        form = FreezeForm(request.POST or None, initial={"as_at": last_year_end})
        if request.method == "POST" and form.is_valid():
            release, created = release_freeze(
                as_at=form.cleaned_data["as_at"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
            if created:
                messages.success(request, _("Frozen: %(release)s") % {"release": release})
            else:
                messages.warning(
                    request,
                    _("%(release)s was frozen before and is kept as it was.")
                    % {"release": release},
                )
            return redirect(reverse("admin:opendata_frozenrelease_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Freeze the regional figures"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "opendata/admin/freeze.html", context)
