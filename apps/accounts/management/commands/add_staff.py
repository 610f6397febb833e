from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from apps.accounts.models import Role, StaffProfile
from apps.regions.models import City, Province

ROLES = {"hq": Role.HQ, "office": Role.OFFICE, "auditor": Role.AUDITOR}


def find_region(text):
    """A province or city by code or by Chinese or English name (苏州, 苏州市, Suzhou, 320500)."""
    provinces = Province.objects.filter(
        Q(code=text) | Q(name_zh=text) | Q(short_name_zh=text) | Q(name_en__iexact=text)
    )
    if len(provinces) == 1:
        return provinces[0], None
    cities = City.objects.filter(
        Q(code=text) | Q(name_zh=text) | Q(name_zh=f"{text}市") | Q(name_en__iexact=text)
    ).order_by("level", "code")
    if not cities:
        raise CommandError(_("No province or city matches “%(text)s”.") % {"text": text})
    if len(cities) > 1 and cities[0].level == cities[1].level:
        raise CommandError(
            _("“%(text)s” matches several cities; give the administrative code.") % {"text": text}
        )
    return cities[0].province, cities[0]


class Command(BaseCommand):
    help = "Create or update a staff user with a role (hq, office, auditor) and, for office staff, a region."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument("--region", help="province or city: code, Chinese or English name")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="without it the user cannot sign in yet")

    @transaction.atomic
    def handle(self, *args, username, role, region, email, password, **options):
        province = city = None
        if role == "office":
            if not region:
                raise CommandError(_("Office staff need --region."))
            province, city = find_region(region)
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        if email:
            user.email = email
        if password:
            user.set_password(password)
        user.save()
        StaffProfile.objects.update_or_create(
            user=user, defaults={"role": ROLES[role], "province": province, "city": city}
        )
        self.stdout.write(
            _("%(user)s: %(role)s %(region)s")
            % {"user": username, "role": Role(ROLES[role]).label, "region": city or province or ""}
        )
