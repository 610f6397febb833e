"""Pagination of the API's lists.

Small reference tables keep page numbers (``?page=3``) and a total ``count``: counting a few
hundred rows is cheap. The large resources (contracts, payments, projects, events,
organizations, requests) page with a keyset cursor instead: each page starts where the
previous one ended (``WHERE (signed_on, number) < (…)`` on the index that matches the
ordering), so page 10,000 costs what page 1 costs, and no request counts the whole table.

Both fetch a page in two steps: the page's keys first (the ordering columns and the primary key
only: no join, no annotation, from the index alone when it covers them), then those rows with
their joins, prefetches and annotations, so an annotation such as a contract's received amount
is computed for the page's rows only, however deep the page.
"""

import base64
import binascii
import json
from collections import OrderedDict

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def rows_in_order(queryset, ids):
    """The rows with these primary keys, in this order, with the queryset's joins and
    annotations."""
    if not ids:
        return []
    by_id = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    return [by_id[pk] for pk in ids if pk in by_id]


class ApiPagination(PageNumberPagination):
    """Page numbers and a total count, for tables small enough to count."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        keys = super().paginate_queryset(queryset.values_list("pk", flat=True), request, view)
        if keys is None:
            return None
        return rows_in_order(queryset, list(keys))


class InvalidCursor(NotFound):
    default_detail = _("Invalid cursor.")
    default_code = "invalid_cursor"


class KeysetPagination(BasePagination):
    """A cursor over the list's ordering, made unique by the primary key (``?cursor=…``).

    The cursor holds the ordering and the last row's values of its fields; it is refused when
    the ordering asked for changed, so it cannot be used to probe an ordering the requester
    may not use (a public user cannot order by amount). NULLs sort last in both directions.
    """

    cursor_query_param = "cursor"
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_description = _("The pagination cursor value.")
    page_size_query_description = _("Number of results to return per page.")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.ordering = self.keyset(queryset)
        names = [name for name, _descending, _field in self.ordering]
        selected = names if "pk" in names else [*names, "pk"]
        keys = queryset.order_by(*self.order_by()).values_list(*selected)
        position = self.decode_cursor(request)
        if position is not None:
            keys = keys.filter(self.after(position))
        keys = list(keys[: self.page_size + 1])
        self.has_next = len(keys) > self.page_size
        keys = keys[: self.page_size]
        self.last = keys[-1][: len(names)] if keys else None
        pk_index = selected.index("pk")
        return rows_in_order(queryset, [key[pk_index] for key in keys])

    def get_page_size(self, request):
        try:
            size = int(request.query_params[self.page_size_query_param])
        except (KeyError, ValueError):
            return self.page_size
        return min(max(size, 1), self.max_page_size)

    def keyset(self, queryset):
        """[(name, descending, field)] for the ordering, ending at a unique field."""
        model = queryset.model
        terms = list(queryset.query.order_by) or list(model._meta.ordering)
        keyset = []
        for term in terms:
            if not isinstance(term, str) or "__" in term or term.startswith("?"):
                raise TypeError(f"keyset pagination needs plain field names, not {term!r}")
            descending, name = term.startswith("-"), term.lstrip("-")
            field = model._meta.pk if name == "pk" else model._meta.get_field(name)
            keyset.append(("pk" if field.primary_key else name, descending, field))
            if field.unique or field.primary_key:
                return keyset
        descending = keyset[0][1] if keyset else False
        return [*keyset, ("pk", descending, model._meta.pk)]

    def order_by(self):
        # NULLS LAST spelled out only for nullable columns: on a NOT NULL column PostgreSQL
        # would no longer match the plain index.
        ordering = []
        for name, descending, field in self.ordering:
            nulls_last = True if field.null else None
            column = F(name)
            ordering.append(
                column.desc(nulls_last=nulls_last)
                if descending
                else column.asc(nulls_last=nulls_last)
            )
        return ordering

    def after(self, position):
        """Rows after ``position`` in the ordering (NULLs last), with a range on the first
        column the index can start from."""
        condition = Q(pk__in=[])
        equal = Q()
        for (name, descending, field), value in zip(self.ordering, position, strict=True):
            if value is None:
                beyond = Q(pk__in=[])
                same = Q(**{f"{name}__isnull": True})
            else:
                beyond = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
                if field.null:
                    beyond |= Q(**{f"{name}__isnull": True})
                same = Q(**{name: value})
            condition |= equal & beyond
            equal &= same
        name, descending, field = self.ordering[0]
        first = position[0]
        if first is not None:
            start = Q(**{f"{name}__{'lte' if descending else 'gte'}": first})
            if field.null:
                start |= Q(**{f"{name}__isnull": True})
            condition &= start
        return condition

    # --- the cursor ------------------------------------------------------------------------

    def signature(self):
        return [f"{'-' if descending else ''}{name}" for name, descending, _f in self.ordering]

    def encode_cursor(self, values):
        payload = {"o": self.signature(), "v": [self.encode_value(v) for v in values]}
        text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
        token = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    @staticmethod
    def encode_value(value):
        if value is None or isinstance(value, (int, str)):
            return value
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value)

    def decode_cursor(self, request):
        token = request.query_params.get(self.cursor_query_param)
        if not token:
            return None
        try:
            text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            payload = json.loads(text)
            if payload["o"] != self.signature() or len(payload["v"]) != len(self.ordering):
                raise InvalidCursor()
            return [
                None if value is None else field.to_python(value)
                for (_name, _descending, field), value in zip(
                    self.ordering, payload["v"], strict=True
                )
            ]
        except (
            binascii.Error,
            UnicodeDecodeError,
            ValueError,
            TypeError,
            KeyError,
            ValidationError,
            FieldDoesNotExist,
        ) as error:
            raise InvalidCursor() from error

    # --- the response ----------------------------------------------------------------------

    def get_next_link(self):
        if not self.has_next or self.last is None:
            return None
        return self.encode_cursor(self.last)

    def get_paginated_response(self, data):
        return Response(OrderedDict([("next", self.get_next_link()), ("results", data)]))

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {**link, "description": "The next page, or null on the last one."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(self.cursor_query_description),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(self.page_size_query_description),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
