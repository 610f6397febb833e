"""Shared, parametrised test bases for the record types of the registry.

A domain app tests its own record types by subclassing them in its ``tests/`` with a factory
and a small declaration (NetBox's ``APIViewTestCases`` is the pattern):

* ``apps.core.testing.api``: the REST API of one record type (list, retrieve, create, update,
  delete, region scope of office staff, public fields only for anonymous users);
* ``apps.core.testing.pages``: its public list and detail pages (published shown, unpublished
  hidden, detail 200, unknown code 404, a filter narrows the list);
* ``apps.core.testing.models``: helpers for the model rules the database enforces;
* ``apps.core.testing.records``: what the API and page bases share (the declaration, how a
  record is made in a place, a fresh cache and language for every test).

The bases live in core and import no other app: the places records lie in (``record_places``) and
the office staff (``office_staff``) come from fixtures of the root ``conftest.py``.
"""
