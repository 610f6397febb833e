"""How a spreadsheet names a place: a province or a city by its code or its name in Chinese or
English (``苏州`` for 苏州市, as people write it), for every app's import."""

from apps.core.importing import LookupWidget, lookup_field
from apps.regions.models import City, Province


class ProvinceWidget(LookupWidget):
    def __init__(self, **kwargs):
        super().__init__(Province, ("code", "name_zh", "short_name_zh", "name_en"), **kwargs)
        self.field = "name_zh"


class CityWidget(LookupWidget):
    """A city or district; a name shared by districts of several cities is narrowed by the
    row's province column when there is one."""

    def __init__(self, province_column=None, province_widget=None, **kwargs):
        super().__init__(City, ("code", "name_zh", "name_en"), **kwargs)
        self.field = "name_zh"
        self.province_column = province_column
        self.province_widget = province_widget

    def candidates(self):
        return (
            super()
            .candidates()
            .only("pk", "code", "name_zh", "name_en", "province_id", "parent_id")
        )

    def extra_keys(self, obj):
        # 苏州 for 苏州市, the way people usually write it.
        if len(obj.name_zh) > 2 and obj.name_zh[-1] in "市区县盟":
            return (obj.name_zh[:-1],)
        return ()

    def matches(self, value, row):
        found = super().matches(value, row)
        if len(found) > 1 and row and self.province_column and self.province_widget:
            try:
                province = self.province_widget.clean(row.get(self.province_column), row=row)
            except ValueError:
                province = None
            if province is not None:
                found = [city for city in found if city.province_id == province.pk]
        return found


def region_fields():
    """The ``province`` and ``city`` columns of a record that lies in a place: a city's name
    shared by several provinces is narrowed by the same row's province."""
    province = ProvinceWidget()
    return (
        lookup_field("province", province),
        lookup_field("city", CityWidget(province_column="province", province_widget=province)),
    )
