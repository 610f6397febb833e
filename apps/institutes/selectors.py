"""Reads of published joint institutes for the public pages."""

from django.db.models import Prefetch

from apps.core.links import reverser
from apps.core.pages import listed_record
from apps.institutes.models import Branch, JointInstitute


def public_institute_list(params=None):
    return (
        JointInstitute.objects.public()
        .select_related("province", "city")
        .order_by("established_on", "code")
    )


def public_institute_page(code):
    institute = (
        JointInstitute.objects.public()
        .select_related("province", "city", "partner")
        .prefetch_related(Prefetch("branches", queryset=Branch.objects.select_related("city")))
        .get(code=code)
    )
    return {"record": institute}


def public_institutes_in_region(region, today, *, limit=50):
    """A region page's institutes (their seat in the province, or the city and its districts)."""
    institutes = public_institute_list().in_region(region)[:limit]
    url = reverser("public:institute_detail")
    return [listed_record(i, url, i.established_on) for i in institutes]


def public_institutes_on_map(today):
    return public_institute_list()
