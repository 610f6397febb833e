import datetime

import factory

from apps.core.tests.factories import DepartmentFactory
from apps.projects.models import CooperationProject, ProjectSite
from apps.regions.tests.factories import CityFactory


class CooperationProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationProject

    code = factory.Sequence(lambda n: f"proj-{n}")
    title_zh = factory.Sequence(lambda n: f"成果转化项目{n}")
    title_en = factory.Sequence(lambda n: f"Achievement project {n}")
    department = factory.SubFactory(DepartmentFactory)
    started_on = datetime.date(2012, 1, 1)


class ProjectSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectSite

    project = factory.SubFactory(CooperationProjectFactory)
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
