"""The public progress of an agreement counts published records only, and says so beside the
verdict, in both languages: staff, counting every record, may see it ahead (issue 20)."""

import pytest

from apps.outcomes.models import AgreementTarget

pytestmark = pytest.mark.django_db


def test_the_public_verdict_says_what_it_leaves_out(demo_data, client):
    agreement = AgreementTarget.objects.filter(agreement__is_public=True).first().agreement
    chinese = client.get(f"/agreements/{agreement.number}/").content.decode()
    assert "进度（按公开记录）" in chinese
    assert "未逐项公开的记录" in chinese
    english = client.get(f"/en/agreements/{agreement.number}/").content.decode()
    assert "Progress (published records)" in english
    assert "Records not published one by one" in english
