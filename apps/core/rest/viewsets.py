"""The base every resource's viewset builds on.

What a requester sees is decided here, once: users holding the model's view (or change)
permission get every record and the staff serializer; everyone else gets public records only
and the public serializer. Lists take ``?format=csv`` or ``?format=xlsx`` for a download of the
whole filtered list with the same split of columns.
"""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from apps.core.filters import can_see_confidential
from apps.core.registry import registry
from apps.core.rest.exports import (
    EXPORT_FORMATS,
    CSVRenderer,
    XLSXRenderer,
    background_exports,
    export_response,
    open_data_file,
    prebuilt_list,
)
from apps.core.rest.pagination import ApiPagination
from apps.core.rest.permissions import PublicReadModelPermissions
from apps.core.rest.response_cache import RANGE_SUFFIXES, dispatch_cached
from apps.core.rest.serializers import django_error_detail
from apps.core.scope import scope_queryset


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The record is still referred to by other records.")
    default_code = "protected"


class ApiViewMixin:
    """What every API view shares: token first (so a client without credentials is told to
    send a token: 401 with ``WWW-Authenticate: Token``), then the admin's session; and the
    language of the request's Accept-Language header (the site's URL-prefix rule for pages,
    no prefix meaning Chinese, does not apply to the API)."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    # Anonymous JSON GETs answered from the public cache (apps.core.rest.response_cache).
    cache_anonymous = True

    # Parameters a view honours besides its filters, pagination, ordering and search.
    extra_params = ()

    def dispatch(self, request, *args, **kwargs):
        def respond():
            return super(ApiViewMixin, self).dispatch(request, *args, **kwargs)

        if self.unhonoured_parameters(request.GET):
            # Refused in initial(), with DRF's error response; never cached.
            return respond()
        return dispatch_cached(self, request, respond)

    def initial(self, request, *args, **kwargs):
        language = translation.get_language_from_request(request._request, check_path=False)
        translation.activate(language)
        request._request.LANGUAGE_CODE = translation.get_language()
        unhonoured = self.unhonoured_parameters(request.query_params)
        if unhonoured:
            accepted = ", ".join(sorted(self.honoured_parameters())) or "—"
            raise ValidationError(
                {
                    name: [
                        _(
                            "This endpoint has no parameter “%(name)s” and would ignore it. "
                            "It accepts: %(accepted)s."
                        )
                        % {"name": name[:40], "accepted": accepted}
                    ]
                    for name in unhonoured
                }
            )
        super().initial(request, *args, **kwargs)

    def honoured_parameters(self):
        """Every query parameter this view acts on: a request naming any other is refused (400),
        not answered as if the parameter were absent."""
        names = {"format", *self.extra_params, *getattr(self, "cache_params", ())}
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            names.update(filterset_class.base_filters)
        names.update(getattr(self, "filterset_fields", None) or ())
        for backend in getattr(self, "filter_backends", ()):
            for attribute in ("ordering_param", "search_param"):
                if hasattr(backend, attribute):
                    names.add(getattr(backend, attribute))
        paginator = getattr(self, "paginator", None)
        for attribute in ("page_query_param", "page_size_query_param", "cursor_query_param"):
            if getattr(paginator, attribute, None):
                names.add(getattr(paginator, attribute))
        return names

    def unhonoured_parameters(self, query):
        honoured = self.honoured_parameters()
        return [
            name
            for name in query
            if name not in honoured
            and not any(
                name.endswith(end) and name[: -len(end)] in honoured for end in RANGE_SUFFIXES
            )
        ]


class RegisteredExport:
    """A viewset's download columns: what its record type declares (``export=`` on its
    registration, an ``ExportSpec``); None for a model that declares none."""

    def __get__(self, instance, owner):
        queryset = getattr(owner, "queryset", None)
        record_type = registry.find(queryset.model) if queryset is not None else None
        return record_type.hook("export") if record_type is not None else None


class ExportMixin:
    """Offers the CSV and XLSX formats on list actions: the whole filtered list, streamed."""

    export = RegisteredExport()
    export_basename = None
    export_renderers = (CSVRenderer, XLSXRenderer)

    def get_renderers(self):
        renderers = [renderer() for renderer in self.renderer_classes]
        if getattr(self, "action", None) == "list" and self.export is not None:
            renderers += [renderer() for renderer in self.export_renderers]
        return renderers

    def anonymous_export_queryset(self):
        """The records an anonymous download lists (no request needed: a worker builds it)."""
        return self.queryset.all()

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors (a bad filter, a missing permission) stay JSON even when a download was asked.
        renderer = getattr(request, "accepted_renderer", None)
        failed = isinstance(response, Response) and response.status_code >= 400
        if failed and getattr(renderer, "format", None) in EXPORT_FORMATS:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        export_format = getattr(request.accepted_renderer, "format", None)
        if export_format in EXPORT_FORMATS:
            queryset = self.filter_queryset(self.get_queryset())
            staff = self.sees_confidential()
            if staff:
                # A long staff download: 202 and the job to follow (EXPORT_BACKGROUND_THRESHOLD).
                later = background_exports().start(
                    request=request, view=self, export_format=export_format, queryset=queryset
                )
                if later is not None:
                    request.accepted_renderer = JSONRenderer()
                    request.accepted_media_type = JSONRenderer.media_type
                    return later
            else:
                # Anyone's download is bounded: the whole list is the open-data file, built
                # once per data version, never a scan of every record per request.
                whole = open_data_file(self.queryset.model, export_format)
                if not set(request.query_params) - {"format"}:
                    if whole:
                        return HttpResponseRedirect(whole)
                    return prebuilt_list(self.export_basename, export_format)
                columns = self.export.columns(staff=False)
                return export_response(
                    export_format,
                    queryset,
                    columns,
                    self.export_basename,
                    limit=settings.API_ANONYMOUS_EXPORT_ROWS,
                    whole=whole,
                )
            columns = self.export.columns(staff=staff)
            return export_response(export_format, queryset, columns, self.export_basename)
        return super().list(request, *args, **kwargs)


class IndexedSearchFilter(SearchFilter):
    """``?search=`` through the queryset's own ``search`` where the resource has one (its words
    on its indexes, e.g. ``ContractQuerySet.search``), DRF's ILIKE over ``search_fields``
    elsewhere. Only the public fields are searched, whoever asks, as ``search_fields`` says."""

    def filter_queryset(self, request, queryset, view):
        if not hasattr(queryset, "search"):
            return super().filter_queryset(request, queryset, view)
        words = self.get_search_terms(request)
        return queryset.search(words, confidential=False) if words else queryset


class RecordViewSet(ApiViewMixin, ExportMixin, viewsets.ModelViewSet):
    public_serializer_class = None
    staff_serializer_class = None
    permission_classes = [PublicReadModelPermissions]
    filter_backends = [DjangoFilterBackend, IndexedSearchFilter, OrderingFilter]
    pagination_class = ApiPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    def sees_confidential(self):
        if getattr(self, "swagger_fake_view", False):
            return True
        if not hasattr(self, "_sees_confidential"):
            self._sees_confidential = can_see_confidential(self.request, self.queryset.model)
        return self._sees_confidential

    def get_serializer_class(self):
        if self.request is not None and self.request.method not in ("GET", "HEAD", "OPTIONS"):
            # Writing needs add/change permission, which already shows the staff view.
            return self.staff_serializer_class
        if self.sees_confidential():
            return self.staff_serializer_class
        return self.public_serializer_class

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.sees_confidential():
            # Office staff get their own region only (apps.core.scope).
            return scope_queryset(self.request.user, self.staff_queryset(queryset))
        return self.public_queryset(queryset)

    def public_queryset(self, queryset):
        return queryset.public()

    def anonymous_export_queryset(self):
        return self.public_queryset(self.queryset.all())

    def staff_queryset(self, queryset):
        return queryset

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    def _save(self, serializer):
        """Through the record type's one write path (``apps.core.registry``): full_clean, the
        region check of the record and of every record it points to, history."""
        model = self.queryset.model
        record_type = registry.get(model)
        data = dict(serializer.validated_data)
        many = {f.name: data.pop(f.name) for f in model._meta.many_to_many if f.name in data}
        instance = serializer.instance or model()
        for name, value in data.items():
            setattr(instance, name, value)
        try:
            record_type.save(user=self.request.user, instance=instance, m2m=many)
        except DjangoValidationError as error:
            raise ValidationError(django_error_detail(error)) from error
        except IntegrityError as error:
            # The serializer ran full_clean; this is a race with a concurrent write.
            raise ValidationError(
                {
                    "non_field_errors": [
                        _("The record conflicts with another one: %(error)s")
                        % {"error": str(error).splitlines()[0]}
                    ]
                }
            ) from error
        # Read back as a list would show it (annotations such as a contract's received sum).
        serializer.instance = self.get_queryset().get(pk=instance.pk)

    def perform_destroy(self, instance):
        """Through the record type's one way out (``apps.core.services.record_delete``): the
        delete permission, the region check, history."""
        try:
            registry.get(self.queryset.model).delete(user=self.request.user, instance=instance)
        except (ProtectedError, RestrictedError) as error:
            raise Conflict() from error


class ReferenceViewSet(ApiViewMixin, ExportMixin, viewsets.ReadOnlyModelViewSet):
    """Reference data everyone reads and nobody edits through the API (geography)."""

    filter_backends = [DjangoFilterBackend, IndexedSearchFilter, OrderingFilter]
    pagination_class = ApiPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    def sees_confidential(self):
        return False
