"""Serializer bases: model validation on writes, and the public/staff split.

A resource has a public serializer (what anyone may read) and a staff serializer that adds the
confidential and personal fields, listed in ``Meta.staff_only_fields``. The viewset picks one per
request from the user's Django permissions; the schema documents the staff one, with the
staff-only fields optional, so both kinds of response conform to it.
"""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F
from django.db.models.constants import LOOKUP_SEP
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator

from apps.core.scope import scope_queryset, unseen_record_message


def _fields_in(condition):
    """The model fields a constraint's condition reads (its lookups and the F() it compares)."""
    names = set()
    for child in getattr(condition, "children", ()):
        if isinstance(child, tuple):
            lookup, value = child
            names.add(lookup.split(LOOKUP_SEP)[0])
            if isinstance(value, F):
                names.add(value.name.split(LOOKUP_SEP)[0])
        else:
            names |= _fields_in(child)
    return names


def validate_constraints(instance):
    """Check constraints as field errors where a constraint reads one field only, so a client
    learns which value to fix; Django would report them all as non-field errors."""
    errors = {}
    for constraint in instance._meta.constraints:
        try:
            constraint.validate(type(instance), instance)
        except DjangoValidationError as error:
            fields = _fields_in(getattr(constraint, "condition", None))
            if getattr(constraint, "fields", None) and not getattr(constraint, "condition", None):
                fields = set(constraint.fields)
            key = fields.pop() if len(fields) == 1 else NON_FIELD_ERRORS
            errors.setdefault(key, []).extend(error.messages)
    if errors:
        raise DjangoValidationError(errors)


def django_error_detail(error):
    """A Django ValidationError as DRF's field-keyed error detail."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): messages
            for key, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


class InputSerializer(serializers.ModelSerializer):
    """What every writable serializer does with its input, as the admin's forms do: a relation
    takes only the records the requester may see (``apps.core.scope``), and another region's
    record is answered exactly as one that does not exist, with ``unseen_record_message`` and
    no echo of the value sent. (The text rules, ``apps.core.text``, come with the model
    fields' validators, which DRF copies into the serializer's fields.)"""

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        if user is not None and not user.is_authenticated:
            # An anonymous visitor writes nothing and is shown no form: the relations'
            # querysets (the choices a write may name) are never read for them.
            return fields
        for field in fields.values():
            relation = getattr(field, "child_relation", field)
            if not isinstance(relation, serializers.RelatedField) or relation.queryset is None:
                continue
            relation.queryset = scope_queryset(user, relation.queryset)
            message = unseen_record_message(relation.queryset.model)
            if message is not None:
                relation.error_messages["does_not_exist"] = message
        return fields


class CleanModelSerializer(InputSerializer):
    """Runs the model's ``full_clean`` (fields, ``clean()``, unique and check constraints) on
    every write, so the API refuses what the admin refuses, with field-level messages.

    Uniqueness is the model's alone (its one sentence, ``RecordModel.unique_error_message``):
    DRF's own unique validators, which compare with every record whoever asks and say that a
    record "already exists", are left out."""

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if "validators" in field_kwargs:
            field_kwargs["validators"] = [
                validator
                for validator in field_kwargs["validators"]
                if not isinstance(validator, UniqueValidator)
            ]
        return field_class, field_kwargs

    def get_unique_together_validators(self):
        return []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        plain = {name: value for name, value in attrs.items() if name not in many_to_many}
        if self.instance is not None:
            candidate = copy.copy(self.instance)
            for name, value in plain.items():
                setattr(candidate, name, value)
        else:
            candidate = model(**plain)
        try:
            candidate.full_clean(validate_constraints=False)
            validate_constraints(candidate)
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_error_detail(error)) from error
        return attrs


class CodeField(serializers.SlugRelatedField):
    """A reference to reference data by its natural key (administrative code, slug)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)


def name_of(source, **kwargs):
    """The related record's name in the request's language (``None`` when there is none)."""
    return serializers.CharField(source=f"{source}.name", read_only=True, allow_null=True, **kwargs)
