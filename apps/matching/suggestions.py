"""The technology request's ``suggestions`` hook: what its admin page offers staff.

Every declared source's ranking for the request's text, industry and province (unpublished
candidates too, marked, for staff who may see them; nothing here reaches a partner), each
suggestion with its reason and the department that one click assigns (a department itself; an
achievement's or an expert's department). After them, the search kinds that serve places (offices) offer those
serving the partner's region, which one click assigns too.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from apps.core.models import Department
from apps.matching.engine import match
from apps.matching.sources import declared
from apps.search.documents import KINDS, kind_labels

SUGGESTIONS_PER_LIST = 5


@dataclass
class SuggestionRow:
    name: str
    why: str
    accept: str  # the accept-suggestion form's value: "<kind>:<id>", or "" when none applies
    assigns: str = ""  # what one click assigns, when it is not the suggestion itself
    is_public: bool = True


@dataclass
class SuggestionGroup:
    key: str
    label: object
    rows: list


def _ranking(tech_request, user, per_list):
    """The request's ranking as ``user`` may see it: unpublished candidates too when the user
    may see every one offered (headquarters); otherwise published ones only, so that no name
    of another region's unpublished record appears, not even in a department's reason."""
    text = f"{tech_request.title}\n{tech_request.description}"
    options = dict(
        industry=tech_request.industry, province_id=tech_request.province_id, limit=per_list
    )
    if user is None:
        return match(text, public_only=True, **options)
    ranking = match(text, public_only=False, **options)
    sources = declared()
    for key, suggestions in ranking.items():
        hidden = {s.object_id for s in suggestions if not s.is_public}
        if not hidden:
            continue
        model = sources[key][0].model
        visible = set(
            model._default_manager.visible_to(user)
            .filter(pk__in=hidden)
            .values_list("pk", flat=True)
        )
        if hidden - visible:
            return match(text, public_only=True, **options)
    return ranking


def matching_suggestions(tech_request, *, user=None, per_list=SUGGESTIONS_PER_LIST):
    """[SuggestionGroup] for the request's admin page, in the sources' order, as ``user`` may
    see them (published candidates only without a user)."""
    ranking = _ranking(tech_request, user, per_list)
    codes = {s.department_code or s.code for suggestions in ranking.values() for s in suggestions}
    departments = {d.code: d for d in Department.objects.filter(code__in=codes)}
    sources = declared()
    groups = []
    for key, suggestions in ranking.items():
        rows = []
        for suggestion in suggestions:
            department = departments.get(suggestion.department_code or suggestion.code)
            rows.append(
                SuggestionRow(
                    name=suggestion.name,
                    why=suggestion.why,
                    accept=f"department:{department.pk}" if department else "",
                    assigns=department.name if department and suggestion.department_code else "",
                    is_public=suggestion.is_public,
                )
            )
        groups.append(SuggestionGroup(key=key, label=sources[key][1].label, rows=rows))
    labels = kind_labels()
    for kind, spec in KINDS.items():
        if spec.near is None or tech_request.province_id is None:
            continue
        nearby = spec.near(tech_request.province_id, tech_request.city_id, per_list)
        rows = [
            SuggestionRow(
                name=record.name,
                why=str(_("serves the partner's region")),
                accept=f"{kind}:{record.pk}",
            )
            for record in nearby
        ]
        groups.append(SuggestionGroup(key=kind, label=labels[kind], rows=rows))
    return groups
