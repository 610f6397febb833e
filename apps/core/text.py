"""Text that cannot be valid input, recognised once for model fields, query strings and paths.

Control characters (NUL above all: PostgreSQL refuses it in any string) never belong in what a
person types, except tab and line breaks in a text area; text made only of invisible characters
(zero-width spaces, joiners, byte-order marks, fillers) looks empty but is not, so ``required``
alone lets it through.

Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder on
screen the text that follows them: "报价\u202efdp.exe" shows as "报价exe.pdf", and a name can look
like another. Chinese and English text never needs them. The directional marks U+200E and
U+200F (and U+061C) are allowed: they only set the direction of the neutral characters beside
them, reorder no letters, and are what correctly written mixed Arabic or Hebrew text carries;
a text of marks alone is refused as invisible.

``TEXT_VALIDATORS`` are carried by every text field of the portal's models (``apps.core.models``),
so the admin, the API, imports and the request form all apply them through the model.
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
# Embeddings and overrides (LRE, RLE, PDF, LRO, RLO), isolates (LRI, RLI, FSI, PDI).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


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


def shown(value):
    """``value`` safe to quote in a message: control and text-direction characters, which would
    garble the message around it, replaced by U+FFFD."""
    return BIDI_CONTROLS.sub("\ufffd", ANY_CONTROL_CHARACTER.sub("\ufffd", value))


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


def reject_bidi_controls(value):
    found = BIDI_CONTROLS.search(value) if isinstance(value, str) else None
    if found:
        character = found.group()
        raise ValidationError(
            _(
                "Remove the text-direction control character %(code)s (%(name)s) from this "
                "text: it makes the text show in another order than it was written."
            ),
            code="bidi_control",
            params={"code": f"U+{ord(character):04X}", "name": unicodedata.name(character)},
        )


TEXT_VALIDATORS = [reject_control_characters, reject_invisible_only, reject_bidi_controls]
