"""The downloads of challenges (public columns for everyone, the consent and the request for
staff) and of proposals (staff only)."""

from apps.core.rest.fields import record_export

CHALLENGES = record_export(
    "challenges.Challenge",
    related={
        "request": ("reference",),
        "office": ("code",),
        "contract": ("number",),
    },
)
PROPOSALS = record_export(
    "challenges.Proposal",
    related={"challenge": ("code",), "department": ("code", "name_zh")},
)
