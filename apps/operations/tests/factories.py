import factory

from apps.operations.models import ReportJob


class ReportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportJob

    year = 2025
