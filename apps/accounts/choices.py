"""The names of the three staff roles' groups."""

HQ_GROUP = "hq_staff"
OFFICE_GROUP = "office_staff"
AUDITOR_GROUP = "auditors"
