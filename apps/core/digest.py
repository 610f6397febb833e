"""What a record type puts in the subscribers' weekly digest: the ``digest=`` hook's shape.

A record type whose new public records subscribers may follow (achievements, challenges,
events …) declares ``digest="apps.<app>.digest.SOURCE"``, a ``DigestSource``; the
subscriptions app reads every declared source from the registry and names no record type.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str  # absolute path of its public page
    on: date
    summary: str = ""  # one or two public sentences
    text: str = ""  # what keywords are matched against (public text only)
    industries: tuple = ()  # apps.requests.choices.Industry values
    province_id: int | None = None
    city_id: int | None = None


@dataclass(frozen=True)
class DigestSource:
    """``items(since)``: the records published since ``since`` (a datetime), only what the
    type's public rule publishes, in a few queries whatever their number."""

    key: str
    title: object
    order: int
    items: Callable[..., Iterable[DigestItem]]
