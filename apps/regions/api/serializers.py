from rest_framework import serializers

from apps.core.rest.serializers import CodeField, name_of
from apps.regions.models import City, Province


class ProvinceSerializer(serializers.ModelSerializer):
    zones = CodeField(many=True, read_only=True)

    class Meta:
        model = Province
        fields = [
            "code",
            "name_zh",
            "short_name_zh",
            "name_en",
            "kind",
            "macro_region",
            "latitude",
            "longitude",
            "zones",
        ]


class CitySerializer(serializers.ModelSerializer):
    province = CodeField(read_only=True)
    province_name = name_of("province")
    parent = CodeField(read_only=True, allow_null=True)

    class Meta:
        model = City
        fields = [
            "code",
            "name_zh",
            "name_en",
            "level",
            "province",
            "province_name",
            "parent",
            "latitude",
            "longitude",
        ]


class RegionFieldsMixin(serializers.Serializer):
    """A record's province and city, written and read by their codes, with their names."""

    province = CodeField(queryset=Province.objects.all())
    province_name = name_of("province")
    city = CodeField(queryset=City.objects.all(), allow_null=True, required=False, default=None)
    city_name = name_of("city")
