"""ORCID iDs: sixteen characters in four groups, the last a check character computed with
ISO 7064 MOD 11-2 over the first fifteen digits (https://support.orcid.org, "Structure of
the ORCID Identifier")."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORCID_FORMAT = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
ORCID_PREFIXES = ("https://orcid.org/", "http://orcid.org/", "orcid.org/")


def check_character(digits):
    """The ISO 7064 MOD 11-2 check character of a string of digits."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(value):
    """An iD as typed (with its URL, lower-case x, spaces around) in its canonical form."""
    value = (value or "").strip()
    for prefix in ORCID_PREFIXES:
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    return value.upper()


def validate_orcid(value):
    if not ORCID_FORMAT.match(value):
        raise ValidationError(
            _("Enter the ORCID iD as four groups of four characters, e.g. 0000-0002-1825-0097."),
            code="orcid_format",
        )
    digits = value.replace("-", "")
    if check_character(digits[:15]) != digits[15]:
        raise ValidationError(
            _("This ORCID iD's check character does not match: check it for a typing mistake."),
            code="orcid_checksum",
        )
