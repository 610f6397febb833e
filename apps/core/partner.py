"""What a record type shows on a partner's own page: the ``partner=`` hook's shape.

A partner signs in with an e-mail link and sees everything of its organisation: requests,
challenges, proposals, contracts, memberships. Each record type that a partner may see declares
``partner="apps.<app>.partner.SECTION"``, a ``PartnerSection``; the partner page reads every
declared section from the registry and names no record type.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PartnerRow:
    title: str
    status: str = ""
    on: date | None = None
    detail: str = ""  # one line; never a confidential figure of another organisation
    url: str = ""


@dataclass(frozen=True)
class PartnerSection:
    """``rows(account)``: the rows the signed-in partner may see. ``account`` has ``email``
    (the address the link was sent to) and ``organization`` (an apps.partners Organization, or
    None when the address belongs to none yet). At most a few queries, whatever the rows."""

    key: str
    title: object
    order: int
    rows: Callable[..., list[PartnerRow]]
