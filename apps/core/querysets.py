from django.db import models

from apps.core.models import PublicQuerySet


class RegionalQuerySet(PublicQuerySet):
    """Records that belong to a province (and maybe a city)."""

    province_field = "province"
    city_field = "city"

    def in_province(self, province):
        return self.filter(**{self.province_field: province})

    def in_city(self, city):
        """The city's own records and those of its districts."""
        return self.filter(
            models.Q(**{self.city_field: city}) | models.Q(**{f"{self.city_field}__parent": city})
        )
