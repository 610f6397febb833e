"""Spreadsheet import and export machinery shared by every resource (django-import-export).

* Columns may be headed by the field's code (``signed_on``) or its label in Chinese or
  English (签订日期, "signed on"); exports use the labels of the user's language.
* Related records (regions, departments, partners, offices …) are matched by code or by
  Chinese or English name, from one query per related table per import.
* Every row goes through ``full_clean()`` (the admin's validation, the database
  constraints); errors are reported by row, under the column the user wrote, in the user's
  language; one bad row rolls the whole import back (see ``StaffImportMixin`` in the admin).
* An office user may only import records of their own region.
"""

import datetime
import functools
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.db.models.signals import post_save
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.forms import SelectableFieldsExportForm
from import_export.instance_loaders import ModelInstanceLoader
from simple_history.utils import bulk_create_with_history

from apps.core.registry import registry
from apps.core.scope import scope_errors, scope_queryset, user_scope

# The message of every "end not before start" constraint an import may break.
END_AFTER_START = gettext_lazy("The end date is before the start date.")


def normalize(value):
    """Case- and space-insensitive key for matching a cell to a code or name."""
    return re.sub(r"\s+", " ", force_str(value)).strip().casefold()


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return force_str(value).strip()


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key matched by any of ``lookup_fields`` (code, Chinese or English name …).

    All candidate rows are read once per import; a name that fits several rows is refused
    with a request to use the code instead.
    """

    def __init__(self, model, lookup_fields, render_field=None, queryset=None, **kwargs):
        self.lookup_fields = lookup_fields
        self.base_queryset = queryset
        super().__init__(model, field=render_field or lookup_fields[0], **kwargs)
        self._index = None

    #: The importing user: candidates are only the records they may see.
    user = None

    def candidates(self):
        queryset = self.base_queryset
        if queryset is None:
            queryset = self.model._default_manager.all()
        if self.user is not None:
            queryset = scope_queryset(self.user, queryset)
        return queryset

    def extra_keys(self, obj):
        return ()

    def index(self):
        if self._index is None:
            index = defaultdict(list)
            for obj in self.candidates():
                keys = {getattr(obj, name) for name in self.lookup_fields}
                keys.update(self.extra_keys(obj))
                for key in keys:
                    if key not in (None, ""):
                        index[normalize(key)].append(obj)
            self._index = index
        return self._index

    def matches(self, value, row):
        return self.index().get(normalize(value), [])

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        found = {obj.pk: obj for obj in self.matches(text, row)}
        if not found:
            raise ValueError(
                _("No %(model)s matches “%(value)s” by code or by Chinese or English name.")
                % {"model": self.model._meta.verbose_name, "value": text}
            )
        if len(found) > 1:
            raise ValueError(
                _("“%(value)s” matches %(count)d records of %(model)s; use the code instead.")
                % {"value": text, "count": len(found), "model": self.model._meta.verbose_name}
            )
        return next(iter(found.values()))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return getattr(value, self.field, "") or str(value)


class ChoiceWidget(widgets.Widget):
    """A choice written as its code or as its label in Chinese or English."""

    def __init__(self, choices, **kwargs):
        self.choices = list(choices)
        super().__init__(**kwargs)
        self._index = None

    def index(self):
        if self._index is None:
            index = {}
            for code, label in self.choices:
                index[normalize(code)] = code
                for language in ("zh-hans", "en"):
                    with translation.override(language):
                        index[normalize(force_str(label))] = code
            self._index = index
        return self._index

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        try:
            return self.index()[normalize(text)]
        except KeyError:
            allowed = "、".join(force_str(label) for _code, label in self.choices)
            raise ValueError(
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return force_str(dict(self.choices).get(value, value or ""))


class YesNoWidget(widgets.BooleanWidget):
    TRUE_VALUES = [*widgets.BooleanWidget.TRUE_VALUES, "是", "yes", "Yes", "YES", "y"]
    FALSE_VALUES = [*widgets.BooleanWidget.FALSE_VALUES, "否", "no", "No", "NO", "n"]

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        if value in ("", None):
            return None
        if value in self.TRUE_VALUES:
            return True
        if value in self.FALSE_VALUES:
            return False
        raise ValueError(_("Write yes or no (是 or 否)."))


class TextWidget(widgets.CharWidget):
    """Text cells: numbers typed in a spreadsheet (a contract number 2024001) stay whole."""

    def clean(self, value, row=None, **kwargs):
        return cell_text(value)


class DateWidget(widgets.Widget):
    """A date as 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日, or a spreadsheet date cell."""

    FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = cell_text(value)
        if not text:
            return None
        for date_format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write it as 2024-03-01.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class NumberWidget(widgets.Widget):
    """An amount or count; thousands separators, spaces and a trailing 元 are allowed."""

    def __init__(self, integer=False, **kwargs):
        self.integer = integer
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            number = Decimal(str(value))
        else:
            text = cell_text(value).replace(",", "").replace("，", "").replace(" ", "")
            text = text.removesuffix("元")
            if not text:
                return None
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise ValueError(
                    _("“%(value)s” is not a number.") % {"value": cell_text(value)}
                ) from None
        if self.integer:
            if number != number.to_integral_value():
                raise ValueError(_("“%(value)s” is not a whole number.") % {"value": number})
            return int(number)
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class KeyedInstanceLoader(ModelInstanceLoader):
    """Finds the existing rows of a batch in one query, by one or several id columns, among
    the rows the importing user may change only. Keys that name a record the user may not
    change are remembered (one more query) so that row is refused, never shown or written."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.id_fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        first = self.id_fields[0]
        values = set()
        for row in dataset.dict if dataset is not None else []:
            key = self.key(row)
            if key is not None:
                values.add(key[0])
        self.existing = {}
        self.hidden = set()
        if values:
            lookup = {f"{first.attribute}__in": values}
            for instance in self.get_queryset().filter(**lookup):
                self.existing[self.instance_key(instance)] = instance
            if resource.user is not None and not user_scope(resource.user).everything:
                model = resource._meta.model
                others = model._default_manager.filter(**lookup).exclude(
                    pk__in=[instance.pk for instance in self.existing.values()]
                )
                attributes = [field.attribute for field in self.id_fields]
                self.hidden = {
                    tuple(self.plain(value) for value in values)
                    for values in others.values_list(*attributes)
                }

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.resource.user is None:
            return queryset
        return scope_queryset(self.resource.user, queryset)

    @staticmethod
    def plain(value):
        return getattr(value, "pk", value)

    def instance_key(self, instance):
        return tuple(getattr(instance, field.attribute) for field in self.id_fields)

    def key(self, row):
        try:
            values = tuple(field.clean(row) for field in self.id_fields)
        except (ValueError, KeyError, ValidationError):
            return None
        if any(value in (None, "") for value in values):
            return None
        return values

    def get_instance(self, row):
        key = self.key(row)
        if key is None:
            return None
        if tuple(self.plain(value) for value in key) in self.hidden:
            # Neither updated nor created: a second record with its key cannot be. Told as
            # any write is told that a key is taken, naming neither the record nor its region.
            model = self.resource._meta.model
            attributes = tuple(field.attribute for field in self.id_fields)
            raise ValidationError(
                {self.resource.key_column(): [model().unique_error_message(model, attributes)]}
            )
        return self.existing.get(key)


def field_labels(model, name):
    """The field's code and its labels in both languages, all accepted as column headers."""
    try:
        verbose = model._meta.get_field(name).verbose_name
    except Exception:  # a resource-only column such as a project's sites
        verbose = None
    labels = {name}
    if verbose is not None:
        for language in ("zh-hans", "en"):
            with translation.override(language):
                labels.add(force_str(verbose))
    return labels


UNKNOWN = object()

_COMPARE = {
    "exact": lambda a, b: a == b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
    "in": lambda a, b: a in b,
    "regex": lambda a, b: re.search(b, a) is not None,
}


def _operand(instance, value):
    if isinstance(value, models.F):
        if "__" in value.name:
            return UNKNOWN
        return getattr(instance, instance._meta.get_field(value.name).attname)
    if hasattr(value, "resolve_expression"):
        return UNKNOWN
    return value


def python_check(condition, instance):
    """Evaluate a check constraint's Q on an instance in memory, with SQL's three-valued
    logic (None for NULL), or return UNKNOWN when it needs the database."""
    results = []
    for child in condition.children:
        if isinstance(child, models.Q):
            result = python_check(child, instance)
        else:
            lookup, value = child
            name, _sep, operator = lookup.partition("__")
            operator = operator or "exact"
            try:
                field = instance._meta.get_field(name)
            except Exception:
                return UNKNOWN
            if operator not in _COMPARE and operator != "isnull":
                return UNKNOWN
            current = getattr(instance, field.attname)
            if operator == "isnull":
                result = (current is None) == bool(value)
            else:
                other = _operand(instance, value)
                if other is UNKNOWN:
                    return UNKNOWN
                if current is None or (other is None and operator != "in"):
                    result = None
                else:
                    try:
                        result = _COMPARE[operator](current, other)
                    except TypeError:
                        return UNKNOWN
        if result is UNKNOWN:
            return UNKNOWN
        results.append(result)
    if condition.connector == models.Q.AND:
        if False in results:
            combined = False
        elif None in results:
            combined = None
        else:
            combined = True
    elif True in results:
        combined = True
    elif None in results:
        combined = None
    else:
        combined = False
    if condition.negated and combined is not None:
        combined = not combined
    return combined


class StaffResource(resources.ModelResource):
    """Base of every import/export resource."""

    #: Friendly messages for database constraints, by constraint name: (column, message).
    constraint_messages = {}
    #: Extra header aliases of resource-only columns: {field name: (labels …)}.
    column_aliases = {}

    class Meta:
        clean_model_instances = True
        use_transactions = True
        # The preview lists the file's own cells, never the stored record.
        skip_diff = True
        report_skipped = True
        instance_loader_class = KeyedInstanceLoader
        # Rows are still saved one by one (see save_instance), with their history; "bulk"
        # only stops django-import-export from opening a savepoint per row. Past 64
        # subtransactions PostgreSQL slows every query of the transaction, and the whole
        # import is one transaction that is rolled back if any row fails anyway.
        use_bulk = True

    def __init__(self, user=None, validate_only=False, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        #: Check every row as the import would, and write nothing (the background preview).
        self.validate_only = validate_only
        self.original_headers = {}
        self.seen_ids = set()
        #: The id-column values met so far in the file, with the line each was on.
        self.file_keys = {}
        self.line_of_row = {}
        self.pending_inserts = []
        self._bind_widgets()

    def _bind_widgets(self):
        """Let a city column narrow ambiguous names by the same row's province column, and
        match related records only among those the importing user may see."""
        province = self.fields.get("province")
        city = self.fields.get("city")
        if province and city and hasattr(city.widget, "province_column"):
            city.widget.province_column = province.column_name
            city.widget.province_widget = province.widget
        for field in self.fields.values():
            for widget in (field.widget, getattr(field.widget, "lookup", None)):
                if isinstance(widget, LookupWidget):
                    widget.user = self.user

    def key_column(self):
        """The header the user wrote for the first id column."""
        name = self.get_import_id_fields()[0]
        return self.column_label(self.fields[name].attribute or name)

    def before_import_row(self, row, **kwargs):
        """A record may appear once in a file: a later line with the same id columns is an
        error naming the first one."""
        super().before_import_row(row, **kwargs)
        try:
            key = tuple(
                normalize(cell_text(row.get(self.fields[name].column_name)))
                for name in self.get_import_id_fields()
            )
        except (KeyError, AttributeError):
            return
        if not all(key):
            return
        line = self.line_of_row.get(kwargs.get("row_number"), kwargs.get("row_number"))
        first = self.file_keys.setdefault(key, line)
        if first != line:
            raise ValidationError(
                {
                    self.key_column(): [
                        _(
                            "The same record is already on line %(line)s of this file; each "
                            "record may appear only once."
                        )
                        % {"line": first}
                    ]
                },
                code="duplicate_in_file",
            )

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.choices:
            return ChoiceWidget
        if isinstance(f, models.BooleanField):
            return YesNoWidget
        if isinstance(f, models.DateTimeField):
            return super().widget_from_django_field(f, default)
        if isinstance(f, models.DateField):
            return DateWidget
        if isinstance(f, models.DecimalField):
            return NumberWidget
        if isinstance(f, models.IntegerField) and not f.primary_key:
            return functools.partial(NumberWidget, integer=True)
        if isinstance(f, models.CharField | models.TextField):
            return TextWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if django_field.choices:
            kwargs = {"choices": django_field.choices}
        return kwargs

    # -- headers ---------------------------------------------------------------------
    def header_aliases(self):
        aliases = {}
        model = self._meta.model
        for name, field in self.fields.items():
            labels = field_labels(model, field.attribute or name)
            labels.update(force_str(label) for label in self.column_aliases.get(name, ()))
            labels.add(field.column_name)
            for label in labels:
                aliases[normalize(label)] = field.column_name
        return aliases

    def before_import(self, dataset, **kwargs):
        if kwargs.get("user") is not None:
            self.user = kwargs["user"]
        aliases = self.header_aliases()
        headers = []
        for header in dataset.headers or []:
            text = cell_text(header)
            column = aliases.get(normalize(text), text)
            self.original_headers[column] = text
            headers.append(column)
        dataset.headers = headers
        super().before_import(dataset, **kwargs)

    def get_export_headers(self, selected_fields=None):
        model = self._meta.model
        headers = []
        for field in self.get_export_fields(selected_fields):
            try:
                label = model._meta.get_field(field.attribute).verbose_name
            except Exception:
                label = self.column_aliases.get(field.column_name, (field.column_name,))[0]
            headers.append(force_str(label))
        return headers

    def get_diff_headers(self):
        """The preview's column headings: the labels of the user's language."""
        headers = []
        for field in self.get_import_fields():
            label = self._verbose(field.attribute or field.column_name)
            if label is None:
                aliases = self.column_aliases.get(field.column_name)
                label = force_str(aliases[0]) if aliases else field.column_name
            headers.append(label)
        return headers

    def column_label(self, attribute):
        """The header the user wrote for a field (or its label in the user's language)."""
        for name, field in self.fields.items():
            if attribute in (name, field.attribute):
                if field.column_name in self.original_headers:
                    return self.original_headers[field.column_name]
                labels = field_labels(self._meta.model, field.attribute or name)
                return force_str(self._verbose(field.attribute or name) or next(iter(labels)))
        return self._verbose(attribute) or attribute

    def _verbose(self, name):
        try:
            return force_str(self._meta.model._meta.get_field(name).verbose_name)
        except Exception:
            return None

    # -- saving ----------------------------------------------------------------------
    #: Rows are written in batches with their history rows (one query per batch and table).
    insert_batch_size = 500

    def save_instance(self, instance, is_create, row, **kwargs):
        """Changed rows (and every row of a resource that saves related rows after it) go
        through the record type's one write service; new rows are inserted in batches with
        their history (``flush_inserts``), after ``validate_instance`` applied the same rules
        the service does: ``full_clean`` (check constraints evaluated in memory), the region
        rule (``scope_errors``) and related records looked up only among those the user
        may see (``scope_queryset``)."""
        if self.validate_only:
            return
        self.before_save_instance(instance, row, **kwargs)
        if is_create and self.batch_inserts():
            self.pending_inserts.append(instance)
            if len(self.pending_inserts) >= self.insert_batch_size:
                self.flush_inserts()
        else:
            self.save_through_service(instance)
        self.after_save_instance(instance, row, **kwargs)

    def save_through_service(self, instance):
        record_type = registry.find(type(instance))
        if record_type is None or self.user is None:
            instance.save()
            return
        record_type.save(
            user=self.user, instance=instance, related_pending=not self.batch_inserts()
        )

    def batch_inserts(self):
        """Not for resources that need each new row saved at once (a project's sites)."""
        return self.after_save_instance.__func__ is StaffResource.after_save_instance

    def flush_inserts(self):
        """Insert the pending new rows and their history rows in batches, then tell the
        other post_save receivers (search index, public cache) of each, as a save would."""
        model = self._meta.model
        user = self.user if getattr(self.user, "pk", None) else None
        created, self.pending_inserts = self.pending_inserts, []
        if created:
            bulk_create_with_history(
                created, model, batch_size=self.insert_batch_size, default_user=user
            )
        using = router.db_for_write(model)
        for instance in created:
            instance.skip_history_when_saving = True  # its history row is written already
            post_save.send(
                sender=model,
                instance=instance,
                created=True,
                update_fields=None,
                raw=False,
                using=using,
            )
            del instance.skip_history_when_saving

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.validate_only:
            return
        try:
            self.flush_inserts()
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)

    def save_m2m(self, instance, row, **kwargs):
        if self.validate_only:
            return
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                self.import_field(field, instance, row, True)

    # -- validation ------------------------------------------------------------------
    @classmethod
    def lookup_checked_fields(cls):
        """Foreign keys whose row was found by a lookup widget, so need no second query in
        full_clean(); those a constraint names are still validated with it."""
        cached = cls.__dict__.get("_lookup_checked")
        if cached is not None:
            return cached
        model = cls._meta.model
        in_constraints = set()
        for constraint in model._meta.constraints:
            in_constraints.update(getattr(constraint, "fields", ()) or ())
            condition = getattr(constraint, "condition", None)
            if condition is not None:
                in_constraints.update(condition.referenced_base_fields)
        for together in model._meta.unique_together:
            in_constraints.update(together)
        checked = frozenset(
            field.attribute
            for field in cls.fields.values()
            if isinstance(field.widget, LookupWidget) and field.attribute not in in_constraints
        )
        cls._lookup_checked = checked
        return checked

    def scoped_lookups(self):
        """The relations this sheet fills by a lookup widget: their records are looked up among
        those the importing user may see only (``_bind_widgets``), so no row asks again."""
        return frozenset(
            field.attribute
            for field in self.fields.values()
            if isinstance(field.widget, LookupWidget)
            or isinstance(getattr(field.widget, "lookup", None), LookupWidget)
        )

    def region_errors(self, instance, *, checked=()):
        """The write path's region rule (``apps.core.scope.scope_errors``) for an instance the
        import would write, keyed by field (the record's own region under the region column)."""
        if self.user is None:
            return {}
        errors = {}
        for name, messages in scope_errors(self.user, instance, checked=checked).items():
            column = self.region_column() if name == NON_FIELD_ERRORS else name
            errors.setdefault(column, []).extend(messages)
        return errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for name, messages in self.region_errors(instance, checked=self.scoped_lookups()).items():
            errors.setdefault(name, []).extend(messages)
        for attribute in self.lookup_checked_fields() - set(errors):
            field = instance._meta.get_field(attribute)
            if not field.null and getattr(instance, field.attname) is None:
                errors[attribute] = [
                    ValidationError(
                        _("Required: write the %(model)s by its code or name.")
                        % {"model": field.related_model._meta.verbose_name},
                        code="required",
                    )
                ]
        exclude = set(errors) | self.lookup_checked_fields()
        try:
            instance.full_clean(
                exclude=exclude,
                validate_unique=validate_unique and not self.unique_by_loader(instance),
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self.validate_constraints(instance, exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise self.readable(ValidationError(errors))
        self.seen_ids.add(self.id_key(instance))

    def validate_constraints(self, instance, exclude):
        """The model's constraints, as full_clean() checks them, but a plain CHECK condition
        is evaluated in memory instead of with a query per row and constraint."""
        errors = []
        model = type(instance)
        for constraint in model._meta.constraints:
            condition = getattr(constraint, "condition", None)
            if isinstance(constraint, models.CheckConstraint):
                if condition.referenced_base_fields & exclude:
                    continue
                verdict = python_check(condition, instance)
                if verdict is not UNKNOWN:
                    if verdict is False:
                        errors.append(
                            ValidationError(
                                constraint.get_violation_error_message(),
                                code=constraint.violation_error_code,
                            )
                        )
                    continue
            try:
                constraint.validate(model, instance, exclude=exclude)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)

    def id_key(self, instance):
        return tuple(
            getattr(instance, self.fields[name].attribute, None)
            for name in self.get_import_id_fields()
        )

    def unique_by_loader(self, instance):
        """Whether the sheet's id columns are the model's only unique rule and this row's id
        was already looked up (absent from the database, not earlier in the sheet)."""
        model = type(instance)
        ids = {self.fields[name].attribute for name in self.get_import_id_fields()}
        unique_fields = {
            field.name
            for field in model._meta.concrete_fields
            if field.unique and not field.primary_key
        }
        if unique_fields != ids or model._meta.unique_together:
            return False
        if any(isinstance(c, models.UniqueConstraint) for c in model._meta.constraints):
            return False
        return instance._state.adding and self.id_key(instance) not in self.seen_ids

    def region_column(self):
        for name in ("city", "province", "contract", "organization", "office", "fund"):
            if name in self.fields:
                return name
        return NON_FIELD_ERRORS

    def readable(self, error):
        """Key errors by the user's column headers; explain violated constraints."""
        readable = defaultdict(list)
        for field, messages in error.message_dict.items():
            for message in messages:
                column = field
                for name, (target, text) in self.constraint_messages.items():
                    if name in message:
                        column, message = target, force_str(text)
                        break
                key = NON_FIELD_ERRORS if column == NON_FIELD_ERRORS else self.column_label(column)
                readable[key].append(message)
        return ValidationError(dict(readable))

    # -- export ----------------------------------------------------------------------
    def export_rows(self, queryset, selected_fields=None):
        """The export's rows, one list of cell values per record, read a chunk at a time
        (written out by the portal's one export writer, ``apps.core.export``)."""
        self.before_export(queryset)
        for instance in self.iter_queryset(queryset):
            yield self.export_resource(instance, selected_fields=selected_fields)

    def iter_queryset(self, queryset):
        related = [
            field.attribute
            for field in self.get_export_fields()
            if field.attribute and isinstance(field.widget, widgets.ForeignKeyWidget)
        ]
        if related:
            queryset = queryset.select_related(*related)
        return super().iter_queryset(queryset)


def lookup_field(attribute, widget, column_name=None):
    return fields.Field(attribute=attribute, column_name=column_name or attribute, widget=widget)


def lookup_fields_of(model):
    """How a related record is written in a sheet: what its record type declares
    (``import_keys=`` on its registration), else its code, number or name."""
    record_type = registry.find(model)
    declared = record_type.hook("import_keys") if record_type is not None else None
    if declared:
        return tuple(declared)
    names = {field.name for field in model._meta.concrete_fields}
    chosen = [
        name for name in ("code", "number", "name_zh", "title_zh", "name_en") if name in names
    ]
    return tuple(chosen) or ("pk",)


def related_field(model, name, **kwargs):
    """The import column of ``model``'s foreign key ``name``: the record it points to,
    matched by that record's keys (``lookup_fields_of``), among those the importing user may
    see. The related model is read from the field, so an app names no model above it."""
    related = model._meta.get_field(name).related_model
    return lookup_field(name, LookupWidget(related, lookup_fields_of(related), **kwargs))


def export_resource_for(model):
    """An export resource for a model without an import: related records by code or name."""
    attrs = {}
    names = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(field.name)
        if field.is_relation:
            related = field.related_model
            attrs[field.name] = lookup_field(
                field.name, LookupWidget(related, lookup_fields_of(related))
            )
    meta = type("Meta", (StaffResource.Meta,), {"model": model, "fields": tuple(names)})
    attrs["Meta"] = meta
    return type(f"{model.__name__}ExportResource", (StaffResource,), attrs)


class LabelledExportForm(SelectableFieldsExportForm):
    """The export form's column checkboxes, labelled in the user's language."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        attribute = (field.attribute if field else None) or field_name
        try:
            return resource._meta.model._meta.get_field(attribute).verbose_name
        except Exception:
            aliases = getattr(resource, "column_aliases", {}).get(field_name)
            return aliases[0] if aliases else super()._get_field_label(resource, field_name)
