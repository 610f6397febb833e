"""Two provinces, three cities (one with a district) and one record of every regional model in
each place; an office user for the first city, an HQ user and an auditor."""

from dataclasses import dataclass, field
from importlib import import_module

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from apps.accounts.models import Role, StaffProfile
from apps.core.registry import registry
from apps.regions.models import CityLevel
from apps.regions.tests.factories import CityFactory, ProvinceFactory

# The places themselves: the world's provinces and cities, not records built in them.
PLACES = ("regions.province", "regions.city")


def factory_for(model):
    """The model's factory, by convention ``<app>.tests.factories.<Model>Factory``; a record
    type registered without one fails here, by name."""
    module = import_module(f"{model._meta.app_config.name}.tests.factories")
    return getattr(module, f"{model.__name__}Factory")


def _regional_links(model):
    """Foreign keys to other regional record types: {field name: model label}."""
    links = {}
    for relation in model._meta.concrete_fields:
        if not relation.is_relation or relation.related_model is None:
            continue
        target = registry.find(relation.related_model)
        if target is not None and target.regions and target.label not in PLACES:
            links[relation.name] = relation.related_model._meta.label
    return links


def regional_types():
    return [t for t in registry.all() if t.regions and t.label not in PLACES]


def records_in(city, *, public=False):
    """One record of every registered regional record type in ``city``, keyed by model label
    (``agreements.Contract``), each linked to the others of the same place; a record type
    added to the registry gets its record here with no change to this function."""
    made = {}
    pending = regional_types()
    while pending:
        ready = []
        for record_type in pending:
            model = record_type.model
            links = _regional_links(model)
            required = {
                label for name, label in links.items() if not model._meta.get_field(name).null
            }
            if required <= made.keys():
                ready.append(record_type)
        assert ready, f"no way to build {[t.label for t in pending]} from their links"
        for record_type in ready:
            model = record_type.model
            names = {f.name for f in model._meta.concrete_fields}
            kwargs = {
                name: made[label] for name, label in _regional_links(model).items() if label in made
            }
            if "province" in names:
                kwargs["province"] = city.province
            if "city" in names:
                kwargs["city"] = city
            if "is_public" in names:
                kwargs["is_public"] = public
            made[model._meta.label] = factory_for(model)(**kwargs)
            pending.remove(record_type)
    return made


@dataclass
class World:
    home_province: object
    far_province: object
    home_city: object
    home_district: object
    near_city: object
    far_city: object
    home: dict = field(default_factory=dict)
    district: dict = field(default_factory=dict)
    near: dict = field(default_factory=dict)
    far: dict = field(default_factory=dict)

    def own(self, label):
        return {self.home[label].pk, self.district[label].pk}

    def others(self, label):
        return {self.near[label].pk, self.far[label].pk}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Made once per test module inside a transaction that is rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_world()
        transaction.set_rollback(True)


def make_world():
    home_province = ProvinceFactory(name_zh="江南省", name_en="Jiangnan")
    far_province = ProvinceFactory(name_zh="塞北省", name_en="Saibei")
    home_city = CityFactory(province=home_province, name_zh="姑苏市", name_en="Gusu")
    home_district = CityFactory(
        province=home_province,
        parent=home_city,
        level=CityLevel.COUNTY,
        name_zh="吴江区",
        name_en="Wujiang",
    )
    near_city = CityFactory(province=home_province, name_zh="金陵市", name_en="Jinling")
    far_city = CityFactory(province=far_province, name_zh="云中市", name_en="Yunzhong")
    return World(
        home_province=home_province,
        far_province=far_province,
        home_city=home_city,
        home_district=home_district,
        near_city=near_city,
        far_city=far_city,
        home=records_in(home_city),
        district=records_in(home_district),
        near=records_in(near_city),
        far=records_in(far_city, public=True),
    )


def make_staff(django_user_model, username, role, **region):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.edu.cn", password=None, is_staff=True
    )
    StaffProfile.objects.create(user=user, role=role, **region)
    return user


@pytest.fixture
def office_user(world, db, django_user_model):
    return make_staff(django_user_model, "gusu-office", Role.OFFICE, city=world.home_city)


@pytest.fixture
def province_user(world, db, django_user_model):
    return make_staff(
        django_user_model, "jiangnan-office", Role.OFFICE, province=world.home_province
    )


@pytest.fixture
def hq_user(db, django_user_model):
    return make_staff(django_user_model, "hq-staff", Role.HQ)


@pytest.fixture
def auditor(db, django_user_model):
    return make_staff(django_user_model, "auditor", Role.AUDITOR)


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client


@pytest.fixture
def office_api(office_user):
    client = APIClient()
    client.force_authenticate(office_user)
    return client


@pytest.fixture
def root_api(db, django_user_model):
    root = django_user_model.objects.create_superuser(username="matrix-root", password=None)
    client = APIClient()
    client.force_authenticate(root)
    return client


@pytest.fixture
def job_folders(settings, tmp_path):
    """Imports, exports and reports written under the test's temporary folder."""
    settings.IMPORTS_ROOT = str(tmp_path / "imports")
    settings.EXPORTS_ROOT = str(tmp_path / "exports")
    settings.REPORTS_ROOT = str(tmp_path / "reports")
