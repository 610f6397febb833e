"""The match sources the record types declare (their ``match=`` hooks), read from the registry:
the matching app names no record type."""

from apps.core.registry import registry


def declared():
    """{key: (record type, MatchSource)} in the sources' order."""
    found = []
    for record_type in registry.all():
        source = record_type.hook("match")
        if source is not None:
            found.append((source.order, source.key, record_type, source))
    return {key: (record_type, source) for _order, key, record_type, source in sorted(found)}
