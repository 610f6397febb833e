"""The labelled requests of bench/matching_requests.json against the demo data: a fitting
department among the first three for at least 80 % of them (the design's target)."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from apps.matching.engine import match
from apps.matching.index import rebuild

LABELLED = Path(settings.BASE_DIR) / "bench" / "matching_requests.json"


@pytest.fixture(scope="module")
def demo_index(demo_data, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild()
    return demo_data


@pytest.mark.django_db
def test_a_fitting_department_is_among_the_first_three_for_most_labelled_requests(demo_index):
    requests = json.loads(LABELLED.read_text(encoding="utf-8"))["requests"]
    assert len(requests) >= 40

    hits = 0
    for request in requests:
        ranking = match(f"{request['title']}\n{request['text']}", limit=3)
        hits += bool(set(request["fits"]) & {s.code for s in ranking["departments"]})

    assert hits / len(requests) >= 0.8


@pytest.mark.django_db
def test_the_demo_energy_storage_achievements_are_offered_with_their_department(demo_index):
    ranking = match("储能电站需要储热与热管理", industry="energy", limit=3)

    assert ranking["departments"][0].code == "thermal"
    assert "熔盐储热系统" in [s.name_zh for s in ranking["achievements"]]
