"""What the API and page bases share: the declaration of the record type under test, how its
records are made in a place, the places, and a fresh cache and language for every test."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from apps.core.pagecache import forget_local
from apps.core.registry import registry


def fresh():
    """Empty the shared cache and this process's page tier: the next answer is made anew."""
    cache.clear()
    forget_local()


class RecordTestBase:
    model = None
    factory = None
    # The attribute the detail URL names a record by.
    lookup = "pk"
    # Factory fields of a record anyone but staff must not see.
    hidden = {"is_public": False}

    @property
    def record_type(self):
        return registry.get(self.model)

    def make(self, city, **fields):
        """A record lying in ``city``: the factory with the record's province and city set
        where the model has them (a type placed otherwise overrides this)."""
        names = {field.name for field in self.model._meta.concrete_fields}
        if self.record_type.is_regional:
            if "province" in names:
                fields.setdefault("province", city.province)
            if "city" in names:
                fields.setdefault("city", city)
        return self.factory(**fields)

    def forget(self, record):
        """Delete the record, keeping its URL: what an unknown record's URL is."""
        self.model._default_manager.filter(pk=record.pk).delete()

    @pytest.fixture(autouse=True)
    def fresh_cache_and_language(self):
        """Public answers are cached and /en/ pages leave English active: each test starts and
        ends with an empty cache and the default language."""
        fresh()
        translation.activate(settings.LANGUAGE_CODE)
        yield
        fresh()
        translation.activate(settings.LANGUAGE_CODE)

    @pytest.fixture
    def home(self, record_places):
        return record_places[0]

    @pytest.fixture
    def far(self, record_places):
        return record_places[1]
