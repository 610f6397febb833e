"""What a record type offers to matching: the ``match=`` hook's shape.

A record type a technology request or challenge can be matched to (a department, an
achievement, an expert …) declares ``match="apps.<app>.matching.SOURCE"``, a ``MatchSource``.
The matching app reads every declared source from the registry; it names no record type.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MatchCandidate:
    """One thing a request can be matched to, as matching reads it."""

    object_id: int
    code: str  # the stable code the JSON ranking prints (a department's code, an achievement's)
    name_zh: str
    name_en: str
    # Everything matchable, in both languages: names, summary, fields, keywords. Never an
    # e-mail address or anything private.
    text: str
    industries: tuple = ()  # apps.requests.choices.Industry values it serves
    province_id: int | None = None  # where it is applied or serves, if anywhere
    city_id: int | None = None
    department_code: str = ""  # the department it belongs to, if any
    url: str = ""  # its public page, if public
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class MatchSource:
    """A record type's part in matching: the key of its list in the ranking
    (``"departments"``, ``"achievements"``, ``"experts"``), its label, its place among the
    lists, and its candidates (all of them; or those with the given ids, to refresh one)."""

    key: str
    label: object
    order: int
    candidates: Callable[..., Iterable[MatchCandidate]]  # candidates(ids=None)
    public_only: bool = True  # only what its public rule publishes may be suggested to partners


def department_candidates(ids=None):
    """The departments as matching reads them: names, description, disciplines and keywords."""
    from apps.core.models import Department

    departments = Department.objects.order_by("pk")
    if ids is not None:
        departments = departments.filter(pk__in=list(ids))
    for department in departments.iterator(chunk_size=1000):
        yield MatchCandidate(
            object_id=department.pk,
            code=department.code,
            name_zh=department.name_zh,
            name_en=department.name_en,
            text="\n".join(
                [
                    department.keywords_zh,
                    department.keywords_en,
                    department.description_zh,
                    department.description_en,
                ]
            ),
        )


DEPARTMENTS = MatchSource(
    key="departments",
    label=_("departments"),
    order=10,
    candidates=department_candidates,
)
