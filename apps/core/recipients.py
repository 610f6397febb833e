"""Who is told of something that happens in a place: the one rule, for every app that sends.

The office staff whose region reaches the place (the scope engine's rule), else headquarters
staff, else the addresses in STAFF_NOTIFICATION_EMAILS. Reminders (apps.operations), the
outcomes' behind-target reminder and the e-mails of technology requests (apps.requests) all
read it here. Which staff take e-mails, and which region each works for, is the accounts app's
knowledge: it hands the directory down when it is ready (``set_staff_directory``), as it hands
the scope engine its resolver.
"""

from dataclasses import dataclass, field

from django.conf import settings

from apps.core.scope import Scope, scope_reaches


@dataclass(frozen=True)
class StaffDirectory:
    """The staff who take e-mails: office staff with the scope of their region, and the
    addresses of headquarters staff."""

    office: tuple[tuple[Scope, str], ...] = ()
    hq: tuple[str, ...] = field(default=())


_read_directory = None


def set_staff_directory(read):
    """``read() -> StaffDirectory``: the active staff who receive e-mails (apps.accounts)."""
    global _read_directory
    _read_directory = read


class Recipients:
    """Read once per run (one query, a few rows), matched in memory for each place."""

    def __init__(self):
        directory = _read_directory() if _read_directory is not None else StaffDirectory()
        self.office = list(directory.office)
        self.hq = sorted(set(directory.hq))
        self.fallback = list(settings.STAFF_NOTIFICATION_EMAILS)

    def office_staff(self, place):
        return {email for scope, email in self.office if scope_reaches(scope, place)}

    def for_place(self, place, extra=()):
        emails = self.office_staff(place) | {email for email in extra if email}
        return sorted(emails) or self.hq or self.fallback
