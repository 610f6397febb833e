"""Helpers for testing a record type's model rules (constraints the database enforces)."""

import pytest
from django.db import IntegrityError, transaction


def rejected(factory, **fields):
    """The database refuses the row ``factory(**fields)`` would write, and the test goes on."""
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)
