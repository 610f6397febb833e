"""Shared pieces of every domain app's admin.

``StaffModelAdmin`` (and ``RecordAdmin`` built on it) gives every domain admin the staff
operations: change history with revert (django-simple-history), CSV/XLSX export of the
filtered list and, where the model declares an import resource (``import_resource=``), import
with a preview, all-or-nothing; and region scoping (``apps.core.scope``) of the list,
the forms, their foreign-key choices, autocomplete, history, export and import.
Inlines get the same scoping from ``ScopedTabularInline``.
"""

import io
import json
from decimal import Decimal

from django import forms
from django.contrib import admin
from django.contrib import messages as user_messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import (
    FieldDoesNotExist,
    PermissionDenied,
    SuspiciousOperation,
    ValidationError,
)
from django.core.paginator import Paginator
from django.db import models, router, transaction
from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from apps.core import export
from apps.core.registry import registry
from apps.core.scope import (
    OUT_OF_REGION,
    object_in_scope,
    related_out_of_scope,
    scope_errors,
    scope_queryset,
    unseen_record_message,
    user_scope,
)

# A changelist's rows are counted and its money added up exactly up to this many, in one
# statement that stops reading there; a longer list shows PostgreSQL's estimate of its length,
# said to be one, and no money totals (an estimate of money would be a wrong figure).
EXACT_TALLY_LIMIT = 10_000


def estimated_rows(queryset):
    """PostgreSQL's estimate of the rows of a queryset: the plan's, read without running it."""
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class TallyPaginator(Paginator):
    """A changelist's paginator whose count also brings the totals line: one statement over at
    most EXACT_TALLY_LIMIT + 1 of the filtered rows gives the count and every measure, exact
    when the list is not longer; otherwise the count is the planner's estimate of the filtered
    list (the same scoped queryset, never a national figure for a regional user)."""

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        self.measures = kwargs.pop("measures", {})
        super().__init__(object_list, per_page, orphans, allow_empty_first_page, **kwargs)

    @cached_property
    def tally(self):
        head = self.object_list.order_by()[: EXACT_TALLY_LIMIT + 1]
        values = head.aggregate(rows=Count("pk"), **self.measures)
        values["exact"] = values["rows"] <= EXACT_TALLY_LIMIT
        return values

    @property
    def count_is_estimate(self):
        return not self.tally["exact"]

    @cached_property
    def count(self):
        if self.tally["exact"]:
            return self.tally["rows"]
        # The estimate cannot be below what was just counted.
        return max(estimated_rows(self.object_list), self.tally["rows"])


class TotalsChangeListMixin:
    """Shows the sum of money columns over the filtered changelist (all pages, not one page),
    and how many of its records the public site leaves out.

    The count and every total come from one statement (``TallyPaginator``) reading at most
    EXACT_TALLY_LIMIT + 1 rows, whatever the size of the table: a longer list gets an estimated
    count, labelled as such, and a note that its totals are not added up, with the ways to get
    them (a filter or a search narrows the list, the export has every row).
    """

    change_list_template = "admin/change_list_with_totals.html"
    paginator = TallyPaginator
    total_fields = ()

    def tally_measures(self):
        measures = {name: Sum(name) for name in self.total_fields}
        field_names = {field.name for field in self.model._meta.fields}
        # The public site counts public records only: say how many of these totals it leaves out.
        if "is_public" in field_names:
            measures["not_public"] = Count("pk", filter=Q(is_public=False))
        if "is_illustrative" in field_names:
            measures["illustrative"] = Count("pk", filter=Q(is_illustrative=True))
        return measures

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        measures = self.tally_measures() if self.total_fields else {}
        return self.paginator(
            queryset, per_page, orphans, allow_empty_first_page, measures=measures
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context=extra_context)
        context = getattr(response, "context_data", None)
        if not self.total_fields or not context or "cl" not in context:
            return response
        paginator = context["cl"].paginator
        tally = paginator.tally
        context["totals_count"] = paginator.count
        context["totals_estimated"] = paginator.count_is_estimate
        context["totals_limit"] = EXACT_TALLY_LIMIT
        if paginator.count_is_estimate:
            return response
        context["totals"] = [
            (self.model._meta.get_field(name).verbose_name, tally[name] or 0)
            for name in self.total_fields
        ]
        context["totals_not_public"] = tally.get("not_public") or 0
        context["totals_illustrative"] = tally.get("illustrative") or 0
        return response


def scope_formfield(request, formfield):
    """Limit a relation field's choices to the records the user may see; any other value is
    answered as the API answers it (``unseen_record_message``)."""
    if formfield is not None and getattr(formfield, "queryset", None) is not None:
        formfield.queryset = scope_queryset(request.user, formfield.queryset)
        message = unseen_record_message(formfield.queryset.model)
        if message is not None:
            formfield.error_messages["invalid_choice"] = message
    return formfield


class ScopedAdminMixin:
    """Office staff reach only their region's records, whatever the route."""

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request))

    def _in_scope(self, request, obj):
        if obj is None or obj.pk is None:
            return True
        cache = request.__dict__.setdefault("_coop_in_scope", {})
        key = (type(obj)._meta.label_lower, obj.pk)
        if key not in cache:
            cache[key] = object_in_scope(request.user, obj)
        return cache[key]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return scope_formfield(
            request, super().formfield_for_foreignkey(db_field, request, **kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return scope_formfield(
            request, super().formfield_for_manytomany(db_field, request, **kwargs)
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        user = request.user
        if user_scope(user).everything:
            return form

        class ScopedForm(form):
            def _post_clean(self):
                super()._post_clean()
                for name, messages in scope_errors(user, self.instance).items():
                    field = name if name in self.fields else None
                    self.add_error(field, ValidationError(messages, code="out_of_region"))

        ScopedForm.__name__ = form.__name__
        return ScopedForm

    def save_model(self, request, obj, form, change):
        record_type = registry.find(self.model)
        if record_type is None:
            return super().save_model(request, obj, form, change)
        # The record type's one write path; its inlines and many-to-many rows follow.
        record_type.save(user=request.user, instance=obj, related_pending=True)

    def delete_model(self, request, obj):
        record_type = registry.find(self.model)
        if record_type is None:
            return super().delete_model(request, obj)
        # The record type's one way out: permission, region, history with its author.
        record_type.delete(user=request.user, instance=obj)

    def delete_queryset(self, request, queryset):
        """The changelist's "delete selected": each record through its one way out, so each
        is checked and leaves its history row, in one transaction (all or none)."""
        record_type = registry.find(self.model)
        if record_type is None:
            return super().delete_queryset(request, queryset)
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                record_type.delete(user=request.user, instance=obj)

    def save_formset(self, request, form, formset, change):
        record_type = registry.find(formset.model)
        if record_type is None:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_type.delete(user=request.user, instance=obj)
        for instance in instances:
            record_type.save(user=request.user, instance=instance)
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A record whose region is known only from its inlines (a project's sites) is
        # checked once they are saved, and so are its many-to-many choices; the admin's
        # transaction rolls everything back.
        outside = related_out_of_scope(request.user, form.instance)
        if outside or not object_in_scope(request.user, form.instance):
            raise PermissionDenied(OUT_OF_REGION)


class ScopedInlineMixin:
    """Inline rows and their choices, limited to the user's region."""

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return scope_formfield(
            request, super().formfield_for_foreignkey(db_field, request, **kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return scope_formfield(
            request, super().formfield_for_manytomany(db_field, request, **kwargs)
        )


class ScopedTabularInline(ScopedInlineMixin, admin.TabularInline):
    pass


class ImportUploadForm(forms.Form):
    import_file = forms.FileField(
        label=_("File to import"),
        help_text=_("An XLSX workbook (its first sheet) or a CSV file, UTF-8 or GBK."),
    )


class ImportExportBackend:
    """What the admin's Import and Export do with a model, supplied by the operations app (a
    composing app above core) through ``set_import_export_backend`` when it is ready; core
    knows only this interface, so its imports point down."""

    export_form_class = None

    def import_resource_class(self, model):
        """The model's import resource, or None when it cannot be imported."""
        return None

    def export_resource_class(self, model):
        raise NotImplementedError

    def create_import_job(self, *, user, model, upload):
        """Keep the upload as a new import job; returns the job page's URL (ValidationError
        when the file is refused)."""
        raise NotImplementedError

    def export_later(self, *, user, model, queryset, file_format, fields, title):
        """Queue a background export when the list is long; the URL where it is followed, or
        None to export at once."""
        return None


_backend = ImportExportBackend()


def set_import_export_backend(backend):
    global _backend  # noqa: PLW0603 — one backend per process, set once at start-up
    _backend = backend


class StaffImportExportMixin(ImportExportMixin):
    """Export of any filtered list; import where a resource is declared for the model.

    Import: the upload is kept on the server under a new job's id and checked by a worker
    (``apps.operations.imports``); its page shows progress, the first rows and every error,
    and confirming writes all rows or none, in the background. Export: through the portal's
    one export writer (``apps.core.export``), at once for a few thousand rows, as a
    background job with a private download link and an e-mail above
    ``EXPORT_BACKGROUND_THRESHOLD``.
    """

    formats = [base_formats.XLSX, base_formats.CSV]
    import_template_name = "operations/import.html"

    def _resource_class(self):
        return _backend.import_resource_class(self.model)

    def get_export_form_class(self):
        return _backend.export_form_class or super().get_export_form_class()

    def get_import_resource_classes(self, request):
        resource = self._resource_class()
        return [resource] if resource else []

    def get_export_resource_classes(self, request):
        return [_backend.export_resource_class(self.model)]

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def has_import_permission(self, request):
        return (
            self._resource_class() is not None
            and not user_scope(request.user).nothing
            and super().has_import_permission(request)
        )

    def has_export_permission(self, request):
        return not user_scope(request.user).nothing and super().has_export_permission(request)

    # -- import ------------------------------------------------------------------------
    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                job_url = _backend.create_import_job(
                    user=request.user, model=self.model, upload=form.cleaned_data["import_file"]
                )
            except ValidationError as error:
                form.add_error("import_file", error)
            else:
                return HttpResponseRedirect(job_url)
        context = self.admin_site.each_context(request)
        context.update(
            {
                "title": _("Import"),
                "opts": self.model._meta,
                "form": form,
                "import_fields": self._import_columns(request),
            }
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def _import_columns(self, request):
        resource = self._resource_class()(**self.get_resource_kwargs(request))
        return [
            resource.column_label(field.attribute or name)
            for name, field in resource.fields.items()
        ]

    def process_import(self, request, **kwargs):
        """The old confirmation step, which named a temporary file: answered with the way
        imports work now, never by opening a file."""
        user_messages.error(
            request,
            _("Imports are confirmed on their own page now; upload the file again to get one."),
        )
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))

    # -- export ------------------------------------------------------------------------
    def get_export_queryset(self, request):
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters:
            raise SuspiciousOperation("unknown filter") from None

    def export_action(self, request):
        try:
            return super().export_action(request)
        except SuspiciousOperation:
            user_messages.error(
                request, _("The list's filters were not understood; export the list again.")
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        if not self.has_export_permission(request):
            raise PermissionDenied
        export_format = file_format.get_extension()
        resource_class = self.choose_export_resource_class(export_form, request)
        fields = self.get_export_resource_fields_from_form(export_form)
        title = self.model._meta.verbose_name_plural
        jobs_url = _backend.export_later(
            user=request.user,
            model=self.model,
            queryset=queryset,
            file_format=export_format,
            fields=fields,
            title=title,
        )
        if jobs_url:
            user_messages.info(
                request,
                _(
                    "The list is long, so it is being exported in the background. This page "
                    "shows its progress; you will also get an e-mail with the download link."
                ),
            )
            return HttpResponseRedirect(jobs_url)
        resource = resource_class(**self.get_export_resource_kwargs(request))
        buffer = io.BytesIO()
        export.write(
            export_format,
            buffer,
            resource.get_export_headers(selected_fields=fields),
            resource.export_rows(queryset, fields),
            title=title,
        )
        response = HttpResponse(buffer.getvalue(), content_type=export.MEDIA_TYPES[export_format])
        response["Content-Disposition"] = (
            f'attachment; filename="{export.filename(self.model._meta.model_name, export_format)}"'
        )
        return response


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """History with revert, where reverting is changing.

    django-simple-history's revert form checks only that the user may view the record's
    history, and its POST saves whatever the form holds: a view-only role (the auditor, office
    staff on reference data) changed records through it, and the permission it checks is the
    old version's, not the record's as it is. Here the form opens only on a record the user
    may reach as it is now (the same scoped lookup as the change form), saves only for a user
    who may change that record, and saves in one transaction like the change form.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_view_or_change_permission(request, current):
            raise PermissionDenied
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


def admin_number(value, *, places=0):
    """A number as the admin's lists write it: grouped by thousands, ``places`` decimals
    ("14,590,000", "837,764,288.00"), right-aligned; "—" for none."""
    if value is None or value == "":
        return "—"
    return format_html('<span class="coop-number">{}</span>', f"{Decimal(value):,.{places}f}")


# Model fields whose numbers the lists group by thousands (a year, an id or a position is no
# quantity and is left as it is).
NUMBER_FIELDS = (models.DecimalField, models.IntegerField)
NOT_QUANTITIES = (models.SmallIntegerField, models.PositiveSmallIntegerField, models.AutoField)


def _is_quantity(field):
    if not isinstance(field, NUMBER_FIELDS) or isinstance(field, NOT_QUANTITIES):
        return False
    return not (field.name.endswith("id") or "year" in field.name)


def _number_column(field):
    def column(obj):
        return admin_number(
            getattr(obj, field.name),
            places=field.decimal_places if isinstance(field, models.DecimalField) else 0,
        )

    column.__name__ = field.name
    column.short_description = field.verbose_name
    column.admin_order_field = field.name
    return column


class NumberColumnsMixin:
    """Every list's numbers written one way (``admin_number``): a quantity field named in
    ``list_display`` is shown grouped by thousands, whatever admin lists it."""

    def get_list_display(self, request):
        shown = []
        for name in super().get_list_display(request):
            field = None
            if isinstance(name, str):
                try:
                    field = self.model._meta.get_field(name)
                except FieldDoesNotExist:
                    field = None
            shown.append(_number_column(field) if field and _is_quantity(field) else name)
        return shown


class StaffModelAdmin(
    NumberColumnsMixin, ScopedAdminMixin, StaffImportExportMixin, GuardedHistoryAdmin
):
    """Base of every domain admin: scoping, history with revert, export and import, numbers
    grouped by thousands."""


class RecordAdmin(TotalsChangeListMixin, StaffModelAdmin):
    """Base admin of records: public/illustrative flags, timestamps read-only."""

    list_per_page = 50
    readonly_fields = ("created_at", "updated_at")
    checkbox_fields = ()
    # Websites are typed without a scheme; https is the safe guess (Django 6's default too).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    record_fieldset = (
        _("Publication"),
        {"fields": ("is_public", "is_illustrative", "created_at", "updated_at")},
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_fields:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def related_rows(model, accessor):
    """The model and the field of the rows pointing at ``model`` through its reverse accessor
    (``CooperationOffice, "contracts"`` gives ``Contract, "office"``): an admin counts the rows
    of an app above its own without importing that app."""
    relation = model._meta.get_field(accessor)
    return relation.related_model, relation.field.name


def count_related(model, field):
    """Count rows of `model` pointing at each parent with a subquery, not a join + distinct."""
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(total=Count("pk"))
            .values("total")
        ),
        0,
    )


def sum_related(model, field, amount):
    """Sum `amount` over rows of `model` pointing at each parent, with a subquery (0 when none)."""
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(total=Sum(amount))
            .values("total")
        ),
        0,
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )
