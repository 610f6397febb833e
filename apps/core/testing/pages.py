"""The public pages of one registered record type, tested by a declaration.

A domain app's ``tests/test_public.py``::

    class TestEventPages(pages.PublicPageTestCases):
        model = ExchangeEvent
        factory = ExchangeEventFactory
        list_url_name = "public:event_list"
        detail_url_name = "public:event_detail"      # reverse(name, args=[record.code])
        name_field = "title_zh"                      # what a visitor recognises the record by
        filters = {"province": lambda record: record.province.code}

What is checked is what a visitor sees: the record's name on the list page when it is
published and not when it is not, its detail page opening (200) or not (404) and an unknown
code giving 404, and each filter keeping the record it selects and dropping one elsewhere.
Records are made by ``make(city, **fields)`` as in ``apps.core.testing.api``.

``PublicListTests`` and ``PublicDetailTests`` can be used alone (an organization has a detail
page and no list); ``PublicPageTestCases`` holds both.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from apps.core.testing.records import RecordTestBase, fresh


class PublicPageBase(RecordTestBase):
    """The declaration and the helpers the page tests share."""

    list_url_name = None
    detail_url_name = None
    lookup = "code"
    # What a visitor recognises the record by on a page.
    name_field = "name_zh"
    # Query parameter → its value selecting a record (a callable of the record).
    filters = {}

    def name(self, record):
        return escape(getattr(record, self.name_field))

    def list_page(self, client, **params):
        fresh()
        response = client.get(reverse(self.list_url_name), params)
        assert response.status_code == 200
        return response.content.decode()

    def detail_url(self, record):
        return reverse(self.detail_url_name, args=[getattr(record, self.lookup)])


class PublicDetailTests(PublicPageBase):
    def test_detail_page_of_a_published_record_opens(self, client, home):
        record = self.make(home)

        response = client.get(self.detail_url(record))

        assert response.status_code == 200
        assert self.name(record) in response.content.decode()

    def test_detail_page_of_an_unpublished_record_is_a_404(self, client, home):
        hidden = self.make(home, **self.hidden)

        assert client.get(self.detail_url(hidden)).status_code == 404

    def test_an_unknown_record_is_a_404(self, client, home):
        record = self.make(home)
        url = self.detail_url(record)
        self.forget(record)

        assert client.get(url).status_code == 404


class PublicListTests(PublicPageBase):
    def test_list_shows_published_records_and_hides_the_others(self, client, home):
        shown = self.make(home)
        hidden = self.make(home, **self.hidden)

        html = self.list_page(client)

        assert self.name(shown) in html
        assert self.name(hidden) not in html

    def test_each_filter_narrows_the_list(self, client, home, far):
        if not self.filters:
            pytest.skip("the list page declares no filter")
        wanted = self.make(home)
        other = self.make(far)
        assert self.name(other) in self.list_page(client)
        for parameter, value_of in self.filters.items():
            html = self.list_page(client, **{parameter: value_of(wanted)})

            assert self.name(wanted) in html, parameter
            assert self.name(other) not in html, parameter


class PublicPageTestCases(PublicListTests, PublicDetailTests):
    """The list and detail pages of a record type."""
