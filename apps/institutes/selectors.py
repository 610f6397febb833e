"""Reads of published joint institutes for the public pages."""

from django.db.models import Prefetch

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
