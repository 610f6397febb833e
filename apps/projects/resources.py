"""The spreadsheet import of cooperation projects with their places and partners
(``import_resource=`` on its registration; the machinery is ``apps.core.importing``)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from apps.core.importing import (
    LookupWidget,
    StaffResource,
    cell_text,
    lookup_fields_of,
    related_field,
)
from apps.core.registry import registry
from apps.core.scope import OUT_OF_REGION, object_in_scope, scope_errors, scope_queryset, user_scope
from apps.partners.models import Organization
from apps.projects.models import CooperationProject, ProjectSite
from apps.regions.importing import CityWidget, ProvinceWidget


class SitesWidget(widgets.Widget):
    """A project's places: ``江苏省/苏州市; 宁夏`` (a province, optionally /city, separated by ;)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.provinces = ProvinceWidget()
        self.cities = CityWidget()

    def clean(self, value, row=None, **kwargs):
        places = []
        for part in cell_text(value).replace("；", ";").split(";"):
            part = part.strip()
            if not part:
                continue
            province_text, _slash, city_text = part.replace("／", "/").partition("/")
            city = None
            if city_text.strip():
                province = self.provinces.clean(province_text)
                self.cities.province_column = "province"
                self.cities.province_widget = self.provinces
                city = self.cities.clean(city_text, row={"province": province_text})
                if city.province_id != province.pk:
                    raise ValueError(
                        gettext("%(city)s is not in %(province)s.")
                        % {"city": city.name_zh, "province": province.name_zh}
                    )
            else:
                try:
                    province = self.provinces.clean(province_text)
                except ValueError:
                    # A city alone: its province follows from it.
                    city = self.cities.clean(province_text)
                    province = city.province
            places.append((province, city))
        return places

    def render(self, value, obj=None, **kwargs):
        if obj is None:
            return ""
        return "; ".join(
            f"{site.province.name_zh}/{site.city.name_zh}" if site.city else site.province.name_zh
            for site in obj.sites.all()
        )


class PartnersWidget(widgets.ManyToManyWidget):
    def __init__(self, **kwargs):
        super().__init__(Organization, separator=";", field="name_zh", **kwargs)
        self.lookup = LookupWidget(Organization, lookup_fields_of(Organization))

    def clean(self, value, row=None, **kwargs):
        names = cell_text(value).replace("；", ";").split(";")
        return [self.lookup.clean(name) for name in names if name.strip()]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(organization.name_zh for organization in value.all())


class CooperationProjectResource(StaffResource):
    department = related_field(CooperationProject, "department")
    sites = fields.Field(column_name="sites", widget=SitesWidget(), dehydrate_method="_sites")
    partners = fields.Field(attribute="partners", column_name="partners", widget=PartnersWidget())
    column_aliases = {"sites": (_("applied in"), "应用地区", "applied in", "regions")}

    class Meta(StaffResource.Meta):
        model = CooperationProject
        import_id_fields = ("code",)
        fields = (
            "code",
            "title_zh",
            "title_en",
            "department",
            "technology_zh",
            "technology_en",
            "summary_zh",
            "summary_en",
            "status",
            "started_on",
            "sites",
            "partners",
            "is_public",
        )

    def _sites(self, project):
        return self.fields["sites"].widget.render(None, obj=project)

    def iter_queryset(self, queryset):
        return super().iter_queryset(
            queryset.prefetch_related("sites__province", "sites__city", "partners")
        )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "partners" in row:
            try:
                self.fields["partners"].clean(row)
            except ValueError as error:
                errors["partners"] = [str(error)]
        instance._imported_sites = None
        if "sites" in row:
            try:
                instance._imported_sites = self.fields["sites"].widget.clean(row["sites"])
            except ValueError as error:
                errors["sites"] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        sites = getattr(instance, "_imported_sites", None)
        if self.user is not None and sites is not None:
            refused = self.sites_out_of_region(instance, sites)
            if not sites and user_scope(self.user).is_regional:
                refused.append(gettext("Name at least one place in your region."))
            if refused:
                errors.setdefault("sites", []).extend(refused)
        super().validate_instance(instance, errors or None, validate_unique)

    def sites_out_of_region(self, project, sites):
        """Every place of the row under the write path's region rule, as its site would be
        saved (``scope_errors``): a sentence for each place outside the user's region. The
        places are geography anyone may name (matched among all provinces and cities), so
        where the site would lie is all there is to ask."""
        refused = []
        for province, city in sites:
            site = ProjectSite(project=project, province=province, city=city)
            errors = scope_errors(self.user, site, checked=("project", "province", "city"))
            place = f"{province.name_zh}/{city.name_zh}" if city else province.name_zh
            refused.extend(
                gettext("%(place)s: %(error)s") % {"place": place, "error": message}
                for messages in errors.values()
                for message in messages
            )
        return refused

    def after_save_instance(self, instance, row, **kwargs):
        """The row's places replace those of the project the user may see; a site in a region
        they do not see is not theirs to remove. Each site is written through its record
        type's service, and the project, now placed, must lie in the user's region."""
        sites = getattr(instance, "_imported_sites", None)
        if sites is None:
            return
        wanted = {
            (province.pk, city.pk if city else None): (province, city) for province, city in sites
        }
        visible = instance.sites.all()
        if self.user is not None:
            visible = scope_queryset(self.user, visible)
        existing = {(site.province_id, site.city_id): site for site in visible}
        site_type = registry.get(ProjectSite)
        for key, site in existing.items():
            if key in wanted:
                continue
            if self.user is None:
                site.delete()
            else:
                site_type.delete(user=self.user, instance=site)
        for key, (province, city) in wanted.items():
            if key in existing:
                continue
            site = ProjectSite(project=instance, province=province, city=city)
            if self.user is None:
                site.full_clean()
                site.save()
            else:
                site_type.save(user=self.user, instance=site)
        if self.user is not None and not object_in_scope(self.user, instance):
            raise ValidationError(OUT_OF_REGION)

    def column_label(self, attribute):
        if attribute == "sites":
            return self.original_headers.get("sites") or str(_("applied in"))
        return super().column_label(attribute)
