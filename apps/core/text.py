"""Text that cannot be valid input, recognised once for forms, query strings and paths.

Control characters (NUL above all: PostgreSQL refuses it in any string) never belong in what a
person types, except tab and line breaks in a text area; text made only of invisible characters
(zero-width spaces, joiners, byte-order marks, fillers) looks empty but is not, so ``required``
alone lets it through.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 controls except tab, line feed and carriage return, DEL and the C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Any control character at all, line breaks included: for one-line values (query strings, paths).
ANY_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Letters that render as nothing although Unicode does not call them format characters.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def has_control_characters(value, *, multiline=False):
    pattern = CONTROL_CHARACTERS if multiline else ANY_CONTROL_CHARACTER
    return bool(pattern.search(value))


def is_invisible(value):
    """Whether ``value`` shows nothing at all: only spaces, format characters and fillers."""
    return all(
        character.isspace()
        or character in INVISIBLE_LETTERS
        or unicodedata.category(character) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn")
        for character in value
    )


def reject_control_characters(value):
    if isinstance(value, str) and has_control_characters(value, multiline=True):
        raise ValidationError(
            _("Remove the control characters (such as NUL) from this text."),
            code="control_characters",
        )


def reject_invisible_only(value):
    if isinstance(value, str) and value and is_invisible(value):
        raise ValidationError(
            _("This text contains only invisible characters; type the text itself."),
            code="invisible_only",
        )


TEXT_VALIDATORS = [reject_control_characters, reject_invisible_only]
