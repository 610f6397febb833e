"""The columns of an import explained in the user's language, and a template file to fill in."""

import io
from dataclasses import dataclass

import xlsxwriter
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from apps.operations.resources import IMPORTABLE


@dataclass
class ImportColumn:
    header: str
    code: str
    required: bool
    explanation: str


def _explain(model_field):
    if model_field is None:
        return _(
            "Places where the project was applied: a province, optionally /city, separated by "
            "semicolons (江苏省/苏州市; 宁夏)."
        )
    parts = []
    if model_field.help_text:
        parts.append(force_str(model_field.help_text))
    if model_field.choices:
        parts.append(
            _("One of: %(choices)s")
            % {"choices": "、".join(force_str(label) for _value, label in model_field.choices)}
        )
    elif isinstance(model_field, models.ForeignKey):
        parts.append(
            _("%(what)s, by its code or its Chinese or English name.")
            % {"what": force_str(model_field.related_model._meta.verbose_name)}
        )
    elif isinstance(model_field, models.DecimalField):
        parts.append(_("An amount in yuan, for example 1250000.00."))
    elif isinstance(model_field, models.DateField):
        parts.append(_("A date written 2024-03-31."))
    elif isinstance(model_field, models.BooleanField):
        parts.append(_("是/否, yes/no or 1/0."))
    elif isinstance(model_field, models.IntegerField):
        parts.append(_("A whole number."))
    return " ".join(parts) or _("Text.")


def import_columns(model, user):
    """Every column the model's import reads, with its header, code, whether it must be filled
    in and what it holds, in the active language."""
    resource_class = IMPORTABLE.get(model)
    if resource_class is None:
        return []
    resource = resource_class(user=user)
    identifying = set(getattr(resource._meta, "import_id_fields", ()) or ())
    columns = []
    for name, field in resource.fields.items():
        code = field.attribute or name
        try:
            model_field = model._meta.get_field(code)
        except FieldDoesNotExist:
            model_field = None
        if model_field is not None and not model_field.concrete:
            # A reverse relation (a project's sites) is written as text in one column.
            model_field = None
        required = code in identifying or bool(
            model_field is not None
            and not getattr(model_field, "blank", True)
            and not model_field.has_default()
            and not isinstance(model_field, models.BooleanField)
        )
        columns.append(
            ImportColumn(
                header=resource.column_label(code),
                code=code,
                required=required,
                explanation=_explain(model_field),
            )
        )
    return columns


def import_template(model, user):
    """An XLSX with the column headers in the user's language and their explanations below."""
    columns = import_columns(model, user)
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet(force_str(model._meta.verbose_name_plural)[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#EFE3F2"})
    for index, column in enumerate(columns):
        sheet.write(0, index, column.header, bold)
        sheet.set_column(index, index, max(12, min(40, len(column.header) * 2 + 4)))
    notes = workbook.add_worksheet(_("Columns")[:31])
    notes.write_row(0, 0, [_("Column"), _("Code"), _("Required"), _("What it holds")], bold)
    for line, column in enumerate(columns, start=1):
        notes.write_row(
            line,
            0,
            [
                column.header,
                column.code,
                _("yes") if column.required else _("no"),
                column.explanation,
            ],
        )
    notes.set_column(0, 1, 18)
    notes.set_column(3, 3, 80)
    workbook.close()
    return output.getvalue()
