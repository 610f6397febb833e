"""The staff download of technology requests: what the partner stated (the fields of
``submission.SUBMITTED_FIELDS``, stated there once) and how it is being handled."""

from apps.core.rest.exports import Column, ExportSpec
from apps.core.rest.fields import region_columns
from apps.requests.submission import SUBMITTED_FIELDS


def _submitted_columns():
    for name in SUBMITTED_FIELDS:
        if name == "province":
            yield from region_columns()
        elif name not in ("city", "consent_to_contact"):
            yield Column(name)


REQUESTS = ExportSpec(
    public=[],
    staff=[
        Column("reference"),
        Column("status"),
        *_submitted_columns(),
        Column("assigned_department_code", "assigned_department__code"),
        Column("assigned_office_code", "assigned_office__code"),
        Column("contract_number", "contract__number"),
        Column("project_code", "project__code"),
        Column("created_at"),
        Column("status_changed_at"),
    ],
)
