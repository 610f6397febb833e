"""Illustrative impact records for the seed's projects and joint institutes (the seed gives no
impact figures): verified, from the office, every one marked ``is_illustrative``."""

import datetime
import random
from decimal import Decimal

from apps.core.demo import DemoStep, upsert
from apps.impact.choices import Source, Subject, Verification
from apps.impact.models import ImpactRecord
from apps.institutes.models import JointInstitute
from apps.projects.models import ProjectSite

NOTE = "示例数据，非真实统计 · illustrative figures, not a real statistic"


def _figures(rng, scale):
    return {
        "output_value": Decimal(rng.randint(200, 5000) * scale * 10_000),
        "tax": Decimal(rng.randint(20, 400) * scale * 10_000),
        "jobs": rng.randint(10, 300) * scale,
        "enterprises_served": rng.randint(3, 40) * scale,
        "enterprises_incubated": rng.randint(0, 6) * scale,
        "people_trained": rng.randint(20, 500) * scale,
        "patents_transferred": rng.randint(0, 8) * scale,
        "platforms_built": rng.randint(0, 2) * scale,
    }


def load_impact(loader):
    # A random sequence of its own, so that this step changes nothing another step draws.
    rng = random.Random(22)
    years = (loader.today.year - 2, loader.today.year - 1)
    records = []
    sites = {}
    for site in ProjectSite.objects.order_by("project_id", "pk").select_related("project"):
        sites.setdefault(site.project_id, site)
    for site in sites.values():
        for year in years:
            records.append(
                ImpactRecord(
                    code=f"demo-project-{site.project.code}-{year}",
                    subject=Subject.PROJECT,
                    project_id=site.project_id,
                    province_id=site.province_id,
                    city_id=site.city_id,
                    **_common(rng, year, scale=1),
                )
            )
    for institute in JointInstitute.objects.order_by("code"):
        for year in years:
            records.append(
                ImpactRecord(
                    code=f"demo-institute-{institute.code}-{year}",
                    subject=Subject.INSTITUTE,
                    institute_id=institute.pk,
                    province_id=institute.province_id,
                    city_id=institute.city_id,
                    **_common(rng, year, scale=3),
                )
            )
    upsert(ImpactRecord, records, ["code"])


def _common(rng, year, *, scale):
    return dict(
        report_year=year,
        year_end=datetime.date(year, 12, 31),
        source=Source.OFFICE,
        source_note=NOTE,
        status=Verification.VERIFIED,
        verified_on=datetime.date(year + 1, 3, 31),
        verified_by="demo",
        is_illustrative=True,
        **_figures(rng, scale),
    )


def _figures_printed(today):
    return [(900, "impact records (illustrative)", ImpactRecord.objects.count())]


# Before the targets' step (120), which links every record to its region's agreement in force.
IMPACT_STEP = DemoStep(115, load_impact, figures=_figures_printed)
