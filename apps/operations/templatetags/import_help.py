from django import template

from apps.operations.import_columns import import_columns

register = template.Library()


@register.simple_tag
def import_columns_of(opts, user):
    """The import columns of the model whose options ``opts`` are (a template would call the
    model class itself, so it is reached through its options)."""
    return import_columns(opts.model, user)
