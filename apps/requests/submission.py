"""What a partner states in a technology request, and the rules on it the model does not hold.

Stated once, read by the public form (``forms.TechRequestForm``) and by the staff API's create
(``api.serializers.TechRequestSerializer``), which both hand the fields to
``services.request_submit``: a request taken by phone is checked as one typed in the form.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.regions.models import City

# The fields of the public form, in its order; ``request_submit`` takes each of them.
SUBMITTED_FIELDS = (
    "organization_name",
    "organization_kind",
    "contact_name",
    "email",
    "phone",
    "province",
    "city",
    "industry",
    "title",
    "description",
    "cooperation_kind",
    "budget_range",
    "timeline",
    "consent_to_contact",
)
DESCRIPTION_MIN_LENGTH = 30

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()\-]{5,22}[0-9]$")
CITY_REQUIRED = _("Choose a city.")


def cities_of(province):
    """The cities a partner picks from: prefecture-level cities, or a municipality's districts."""
    if province is None:
        return City.objects.none()
    return City.objects.filter(province=province, parent__isnull=True).order_by("code")


def city_required(province):
    """Whether a request in ``province`` must name its city (the province lists cities)."""
    return province is not None and cities_of(province).exists()


def clean_phone(phone):
    """The phone number with its spaces collapsed; refused unless it is 7 to 20 digits."""
    phone = " ".join(phone.split())
    digits = re.sub(r"\D", "", phone)
    if not PHONE_PATTERN.match(phone) or not 7 <= len(digits) <= 20:
        raise ValidationError(
            _(
                "Enter a phone number of 7 to 20 digits; spaces, dashes, brackets and a "
                "leading + are allowed, e.g. 010-62781234 or +86 138 0013 8000."
            ),
            code="invalid_phone",
        )
    return phone


def clean_description(description):
    """The description without surrounding spaces; refused when too short to act on."""
    description = description.strip()
    if len(description) < DESCRIPTION_MIN_LENGTH:
        raise ValidationError(
            _(
                "Describe the problem in at least 30 characters "
                "(you wrote %(count)d) so that we can find the right experts."
            ),
            code="too_short",
            params={"count": len(description)},
        )
    return description
