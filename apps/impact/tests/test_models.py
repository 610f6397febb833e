"""The rules the database and the model hold for impact records."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.impact.choices import Source, Subject, Verification
from apps.impact.tests.factories import EvidenceFactory, ImpactRecordFactory

pytestmark = pytest.mark.django_db


def refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactRecordFactory(**fields)


def test_a_project_record_must_name_its_project():
    refused(subject=Subject.PROJECT)


def test_a_record_needs_at_least_one_figure():
    refused(output_value=None, jobs=None)


def test_negative_output_value_is_refused():
    refused(output_value=-1)


def test_verified_needs_a_date():
    refused(verified_on=None)


def test_the_year_end_follows_the_year():
    record = ImpactRecordFactory(report_year=2021)
    assert record.year_end.isoformat() == "2021-12-31"


def test_a_partners_figures_cannot_be_verified_without_evidence():
    record = ImpactRecordFactory(source=Source.PARTNER, status=Verification.SUBMITTED)
    record.status = Verification.VERIFIED
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "status" in error.value.message_dict
    EvidenceFactory(record=record)
    record.full_clean()


def test_clean_names_the_missing_subject_and_figures():
    record = ImpactRecordFactory.build(subject=Subject.INSTITUTE, output_value=None, jobs=None)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert {"institute", "output_value"} <= set(error.value.message_dict)
