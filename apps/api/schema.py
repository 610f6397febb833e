"""OpenAPI generation: the public/staff split, the downloads, and the error responses."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from apps.core.rest.exports import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE

BINARY = {"type": "string", "format": "binary"}


class ApiAutoSchema(AutoSchema):
    """Documents the staff serializers with their staff-only fields optional in responses (an
    anonymous response leaves them out), and the CSV/XLSX formats of every list."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        staff_only = getattr(getattr(serializer, "Meta", None), "staff_only_fields", ())
        if direction == "response" and staff_only:
            required = [name for name in schema.get("required", []) if name not in staff_only]
            if required:
                schema["required"] = required
            else:
                schema.pop("required", None)
            for name in staff_only:
                if name in schema.get("properties", {}):
                    prop = schema["properties"][name]
                    prop["description"] = (
                        prop.get("description", "") + " "
                    ).lstrip() + "Staff only."
        return schema

    def _is_export_list(self):
        return getattr(self.view, "export", None) is not None and self._is_list_view()

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._is_export_list() and self.method == "GET":
            parameters = [
                *parameters,
                OpenApiParameter(
                    "format",
                    OpenApiTypes.STR,
                    enum=["json", "csv", "xlsx"],
                    description=(
                        "csv or xlsx: the filtered list as a download, not paginated. Staff: "
                        "every column, the whole list. Anyone else: public columns, at most "
                        "10,000 rows (then a row saying where the rest is); without a filter, "
                        "a redirect (302) to the type's open-data file, built once per data "
                        "version."
                    ),
                ),
            ]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self._is_export_list() and self.method == "GET" and "200" in responses:
            content = responses["200"].setdefault("content", {})
            content[CSV_MEDIA_TYPE] = {"schema": BINARY}
            content[XLSX_MEDIA_TYPE] = {"schema": BINARY}
        return responses


def _error_schema(detail_type):
    return {
        "type": "object",
        "properties": {"detail": build_basic_type(detail_type)},
        "required": ["detail"],
    }


def add_error_responses(result, generator, request, public):
    """Document the errors every operation may answer with: 400 for invalid input (filters,
    bodies), 401/403 for missing permissions, 404 for unknown records or pages, 409 when a
    record still in use is deleted."""
    validation = {"type": "object", "additionalProperties": {}}
    detail = _error_schema(OpenApiTypes.STR)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            errors = {
                "400": ("Invalid input.", validation),
                "401": ("Not authenticated.", detail),
                "403": ("Not allowed.", detail),
                "404": ("Not found.", detail),
            }
            if method == "delete":
                errors["409"] = ("Still referred to by other records.", detail)
            for code, (description, schema) in errors.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": schema}},
                    },
                )
    return result
