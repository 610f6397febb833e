"""Technology requests' rules the database enforces, whatever writes the row."""

import pytest
from django.db import IntegrityError, transaction

from apps.core.testing.models import rejected
from apps.core.tests.factories import DepartmentFactory
from apps.projects.tests.factories import CooperationProjectFactory
from apps.requests.choices import RequestStatus as S
from apps.requests.models import TechRequest
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_matched_request_without_assignment(submitted):
    with pytest.raises(IntegrityError):
        TechRequest.objects.filter(pk=submitted.pk).update(status=S.MATCHED)


def test_a_request_needs_the_partners_consent_and_a_known_status():
    rejected(TechRequestFactory, consent_to_contact=False)
    rejected(TechRequestFactory, status="lost")


def test_a_contracted_request_names_its_contract_or_project():
    tech_request = TechRequestFactory(assigned_department=DepartmentFactory())
    rows = TechRequest.objects.filter(pk=tech_request.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(status=S.CONTRACTED)

    rows.update(status=S.CONTRACTED, project=CooperationProjectFactory())

    assert rows.get().status == S.CONTRACTED
