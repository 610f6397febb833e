"""Releases of the contract sums: money figures that change on a calendar, never one contract at
a time.

Within one build the publication is safe (``apps.figures.publication``). Across time it is not
by itself: a sum read before and after one new contract gives that contract's amount away. So
the public never reads the build's publication directly; it reads the newest *release*, made on
the calendar (``FIGURES_RELEASE_CALENDAR``, checked daily by the worker) or by
``manage.py release_figures``. A release starts from the build's publication, then, cell by
cell, compares the contracts the cell adds up now with those behind the sum it last showed:

* nothing changed: the sum is the same, and so is what it says;
* at least ``MIN_CONTRACTS`` contracts changed (added, removed, amount changed) and none makes
  up more than ``DOMINANCE`` of the change: the new sum is released;
* otherwise the cell keeps the sum it last showed (with that sum's contract count and release),
  or stays withheld if it had none.

Then the whole history (every release's sums, this one's included) is audited as one linear
system over the contracts' amounts (a contract whose amount changed is a new unknown): where a
contract's amount could be worked out, the smallest new sum holding it is carried back as well,
until nothing can. ``manage.py audit_disclosure`` runs the same proof over the stored history.
"""

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from apps.core.scope import place_of
from apps.figures.audit import rref_unit_columns
from apps.figures.confidentiality import MIN_CONTRACTS
from apps.figures.models import (
    Build,
    Level,
    PendingChange,
    Release,
    ReleasedContract,
    ReleasedSum,
)
from apps.figures.publication import Cell, suppress_nested
from apps.figures.sources import SOURCES_BY_NAME

# pg_advisory_xact_lock key of a release ("release" in ASCII): one at a time.
LOCK_KEY = 0x72656C65617365
# No contract may make up more than this share of a cell's change for the new sum to be shown.
DOMINANCE = Decimal("0.8")

SCHEDULED = "calendar"
MANUAL = "manual"
FIRST = "first"


@dataclass(frozen=True)
class State:
    """One contract as a release counted it: its signed amount (``year`` None) or the money
    received for it in one year (到账), each a separate unknown of the audit."""

    number: str
    province: int | None
    place: int | None
    amount: Decimal
    version: int  # increases when the amount changes: another unknown for the audit
    year: int | None = None

    @property
    def label(self):
        """How the audit names the unknown: the contract number, with the year for money
        received."""
        return self.number if self.year is None else f"{self.number} ({self.year})"


def cell_keys(state):
    return _cell_keys(state.province, state.place, state.year)


@functools.lru_cache(maxsize=65536)
def _cell_keys(province, place, year=None):
    """The cells adding up a state: (level, province, city) for signed sums, and (level,
    province, city, year) for the money received in a year."""
    tail = () if year is None else (year,)
    keys = [(Level.NATIONAL, None, None, *tail)]
    if province is not None:
        keys.append((Level.PROVINCE, province, None, *tail))
        if place is not None:
            keys.append((Level.PLACE, province, place, *tail))
    return tuple(keys)


def key_year(key):
    """The year of a received cell's key, None for a signed sum's."""
    return key[3] if len(key) > 3 else None


def cell_key(level, province, city, year):
    return (level, province, city) if year is None else (level, province, city, year)


def current_contracts():
    """{(contract id, year): (number, province id, city-with-districts id, amount)} of the
    published contracts: what the publication adds up. Year None: the signed amount; a year:
    the money received for the contract in that year (its payments' ``received_on``)."""
    source = SOURCES_BY_NAME["contracts"]
    records = source.records()
    rows = records.order_by().values_list("pk", "number", "province_id", place_of(), "amount")
    contracts = {
        (pk, None): (number, province, place, amount)
        for pk, number, province, place, amount in rows
    }
    if source.received is None:
        return contracts
    relation, date_field, amount_field = source.received
    received = (
        records.filter(**{f"{relation}__{date_field}__isnull": False})
        .order_by()
        .values_list("pk", ExtractYear(f"{relation}__{date_field}"))
        .annotate(total=Sum(f"{relation}__{amount_field}"))
    )
    for pk, year, total in received:
        number, province, place, _amount = contracts[(pk, None)]
        contracts[(pk, year)] = (number, province, place, total)
    return contracts


def replay():
    """Replay the stored history: yields (release id, {contract id: State}) oldest first, the
    same dict changed in place (copy what you keep)."""
    states = {}
    changes = defaultdict(list)
    for row in ReleasedContract.objects.order_by("release_id", "contract_id", "year").values_list(
        "release_id", "contract_id", "year", "number", "province_id", "place_id", "amount"
    ):
        changes[row[0]].append(row[1:])
    for release_id in Release.objects.order_by("pk").values_list("pk", flat=True):
        for contract, year, number, province, place, amount in changes.pop(release_id, ()):
            item = (contract, year)
            if amount is None:
                states.pop(item, None)
                continue
            old = states.get(item)
            version = 0 if old is None else old.version + (old.amount != amount)
            states[item] = State(number, province, place, amount, version, year)
        yield release_id, states


def _next_states(previous, contracts):
    states, changes = {}, []
    for contract, (number, province, place, amount) in contracts.items():
        old = previous.get(contract)
        version = 0 if old is None else old.version + (old.amount != amount)
        state = State(number, province, place, amount, version, contract[1])
        states[contract] = state
        if state != old:
            changes.append((contract, state))
    removed = [contract for contract in previous if contract not in states]
    return states, changes, removed


@dataclass
class Decision:
    key: tuple
    contracts: int
    value: Decimal | None
    withheld: bool
    value_release: int | None  # None: this release
    new: bool = False


@dataclass
class Plan:
    states: dict
    previous: dict
    last: dict
    # What the release stores of the contracts: those changed since the previous release
    # ([(id, State)]) and those gone from the publication ([id]).
    changes: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    decisions: dict = field(default_factory=dict)


def _members(states):
    members = defaultdict(dict)
    for contract, state in states.items():
        for key in cell_keys(state):
            members[key][contract] = state
    return members


def cell_changes(old_states, new_states):
    """{cell key: {contract id: change of amount}}: the contracts each cell adds up differently
    between two states (added, removed, moved, amount changed), computed once for every cell."""
    changes = defaultdict(dict)
    for contract in old_states.keys() | new_states.keys():
        before, after = old_states.get(contract), new_states.get(contract)
        if before == after:
            continue
        keys_before = cell_keys(before) if before is not None else ()
        keys_after = cell_keys(after) if after is not None else ()
        for key in set(keys_before) | set(keys_after):
            if key in keys_before and key in keys_after and before.version == after.version:
                continue
            changes[key][contract] = (after.amount if key in keys_after else 0) - (
                before.amount if key in keys_before else 0
            )
    return changes


def releasable(changes):
    """Whether a cell's change since its last sum may be shown: none, or enough contracts with
    no dominant one."""
    if not changes:
        return True
    if len(changes) < MIN_CONTRACTS:
        return False
    sizes = [abs(change) for change in changes.values()]
    total = sum(sizes)
    return total == 0 or max(sizes) <= DOMINANCE * total


def unknowns(contract, state):
    """The unknowns a state's amount adds up. A signed amount is one unknown per version (a
    changed amount is a new one). Money received grows by payments: each change of a
    contract's money received in a year is an unknown of its own, added to those before it, so
    that the difference of two released sums holding one new payment isolates that payment."""
    if state.year is None:
        return ((contract, state.version),)
    return tuple((contract, version) for version in range(state.version + 1))


class Equations:
    """Released sums as equations over contract versions: for each version, the indices of
    the sums that add it up (a carried sum is the same equation as before, not a new one).

    Signed sums and received sums are rows of the same system. Their unknowns are distinct (a
    contract's signed amount; the money received for it in each year, as the sum of its
    changes, see ``unknowns``), so a received sum never combines with a signed one to isolate
    anything, and a contract's payment is derivable exactly when some combination of released
    received sums isolates it."""

    def __init__(self):
        self.signatures = defaultdict(list)
        self.numbers = {}
        self.count = 0

    def add(self, states, new_cells):
        index_of = {}
        for key, new in new_cells.items():
            if new:
                index_of[key] = self.count
                self.count += 1
        for contract, state in states.items():
            found = [index_of[key] for key in cell_keys(state) if key in index_of]
            for variable in unknowns(contract, state):
                self.numbers[variable] = state.label
                self.signatures[variable].extend(found)

    def derivable(self, states=None, new_cells=None):
        """[(contract label, version)] whose amount the equations determine, with the new
        sums of a candidate release (``new_cells`` over ``states``) added, if given."""
        candidate = [key for key, new in (new_cells or {}).items() if new]
        index_of = {key: self.count + offset for offset, key in enumerate(candidate)}
        extra, numbers = {}, self.numbers
        if index_of:
            numbers = dict(self.numbers)
            for contract, state in states.items():
                found = [index_of[key] for key in cell_keys(state) if key in index_of]
                if found:
                    for variable in unknowns(contract, state):
                        extra[variable] = found
                        numbers.setdefault(variable, state.label)
        classes = defaultdict(list)
        for variable in self.signatures.keys() | extra.keys():
            signature = tuple(self.signatures.get(variable, ())) + tuple(extra.get(variable, ()))
            if signature:
                classes[signature].append(variable)
        column_of = {signature: column for column, signature in enumerate(classes)}
        rows = defaultdict(set)
        for signature, column in column_of.items():
            for index in signature:
                rows[index].add(column)
        determined = rref_unit_columns(rows.values())
        return sorted(
            (numbers[variable], variable[1])
            for signature, variables in classes.items()
            if column_of[signature] in determined and len(variables) == 1
            for variable in variables
        )


def replay_states():
    """The contracts as the newest release counted them."""
    last = {}
    for _release, states in replay():
        last = states
    return dict(last)


def stored_history(needed=()):
    """The stored releases as Equations, the newest release's states, and the states of the
    ``needed`` releases ({release id: {contract id: State}})."""
    equations = Equations()
    stored = _stored_new_cells()
    states, states_at = {}, {}
    for release_id, states in replay():
        equations.add(states, stored.get(release_id, {}))
        if release_id in needed:
            states_at[release_id] = dict(states)
    return equations, dict(states), states_at


def _stored_new_cells():
    new_cells = defaultdict(dict)
    for (
        release,
        level,
        province,
        city,
        year,
        withheld,
        value_release,
    ) in ReleasedSum.objects.values_list(
        "release_id", "level", "province_id", "city_id", "year", "withheld", "value_release"
    ):
        key = cell_key(level, province, city, year)
        new_cells[release][key] = not withheld and value_release == release
    return new_cells


def suppressed_forest(members):
    """The publication of one version, nested suppression applied: the tree of signed sums
    (first), then one tree of received sums per year."""

    def total(cell_members):
        return sum((state.amount for state in cell_members.values()), Decimal(0))

    tree = {key: Cell(key, len(found), total(found)) for key, found in members.items()}
    signed = (Level.NATIONAL, None, None)
    tree.setdefault(signed, Cell(signed, 0, Decimal(0)))
    for key in sorted(tree, key=lambda key: (key[0], key[1] or 0, key[2] or 0)):
        year = key_year(key)
        if key[0] == Level.PROVINCE:
            tree[cell_key(Level.NATIONAL, None, None, year)].children.append(tree[key])
        elif key[0] == Level.PLACE:
            tree[cell_key(Level.PROVINCE, key[1], None, year)].children.append(tree[key])
    roots = [tree[signed]] + [
        tree[key]
        for key in sorted(tree, key=lambda key: key_year(key) or 0)
        if key[0] == Level.NATIONAL and key != signed
    ]
    return [suppress_nested(root) for root in roots]


def suppressed_tree(members):
    """The publication of the signed sums of one version, nested suppression applied."""
    return suppressed_forest(members)[0]


def plan_release(contracts=None):
    """What a release made now would publish, cell by cell, proven against the history."""
    newest = Release.objects.order_by("-pk").values_list("pk", flat=True).first()
    last = {}
    if newest is not None:
        for row in ReleasedSum.objects.filter(release_id=newest):
            last[before_key(row)] = row
    needed = {row.value_release_id for row in last.values() if not row.withheld}
    equations, previous, states_at = stored_history(needed)
    contracts = current_contracts() if contracts is None else contracts
    states, changes, removed = _next_states(previous, contracts)
    members_now = _members(states)
    changes_since = {release: cell_changes(states_at[release], states) for release in needed}

    cells = [cell for root in suppressed_forest(members_now) for cell in root.walk()]

    plan = Plan(states=states, previous=previous, last=last, changes=changes, removed=removed)
    for cell in cells:
        before = last.get(cell.key)
        new = Decision(cell.key, cell.contracts, cell.value, False, None, new=True)
        if not cell.published:
            decision = Decision(cell.key, cell.contracts, None, True, None)
        elif before is None or before.withheld:
            decision = new
        else:
            changes = changes_since[before.value_release_id].get(cell.key, {})
            decision = new if changes and releasable(changes) else _carried(before)
        plan.decisions[cell.key] = decision

    while True:
        derivable = equations.derivable(
            states, {key: decision.new for key, decision in plan.decisions.items()}
        )
        if not derivable:
            break
        _hold_back(plan, derivable)
    return plan


def _carried(before):
    return Decision(
        before_key(before), before.contracts, before.value, False, before.value_release_id
    )


def before_key(row):
    return cell_key(row.level, row.province_id, row.city_id, row.year)


def _hold_back(plan, derivable):
    """Carry back (or withhold) one new sum: the smallest holding a contract found derivable,
    else the smallest new sum (the history before this release was proven safe, so holding
    back every new sum ends it)."""
    numbers = {number for number, _version in derivable}
    new = [decision for decision in plan.decisions.values() if decision.new]
    holding = [
        plan.decisions[key]
        for state in plan.states.values()
        if state.label in numbers
        for key in cell_keys(state)
        if plan.decisions[key].new
    ]
    decision = min(holding or new, key=lambda decision: (decision.contracts, decision.key))
    before = plan.last.get(decision.key)
    if before is not None and not before.withheld:
        plan.decisions[decision.key] = _carried(before)
    else:
        plan.decisions[decision.key] = Decision(decision.key, decision.contracts, None, True, None)


@dataclass
class HistoryAudit:
    releases: int
    sums: int
    versions: int
    derivable: list
    received_sums: int = 0

    @property
    def safe(self):
        return not self.derivable


def audit_releases():
    """The proof over every stored release at once (every pair of releases included)."""
    equations, _states, _members = stored_history()
    return HistoryAudit(
        releases=Release.objects.count(),
        sums=equations.count,
        versions=len(equations.numbers),
        derivable=equations.derivable(),
        received_sums=ReleasedSum.objects.filter(
            year__isnull=False, withheld=False, value_release=F("release")
        ).count(),
    )


def release_figures(*, reason=MANUAL, now=None):
    """Make a release now: the plan, stored in one transaction. Returns the Release."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        plan = plan_release()
        release = Release.objects.create(
            released_at=now or timezone.now(),
            data_as_of=data_changed_at(),
            reason=reason,
            cells=len(plan.decisions),
            updated=sum(decision.new for decision in plan.decisions.values()),
        )
        ReleasedContract.objects.bulk_create(
            [
                ReleasedContract(
                    release=release,
                    contract_id=contract[0],
                    year=contract[1],
                    number=state.number,
                    province_id=state.province,
                    place_id=state.place,
                    amount=state.amount,
                )
                for contract, state in plan.changes
            ]
            + [
                ReleasedContract(
                    release=release,
                    contract_id=contract[0],
                    year=contract[1],
                    number=plan.previous[contract].number,
                    amount=None,
                )
                for contract in plan.removed
            ],
            batch_size=5000,
        )
        ReleasedSum.objects.bulk_create(
            [
                ReleasedSum(
                    release=release,
                    level=decision.key[0],
                    province_id=decision.key[1],
                    city_id=decision.key[2],
                    year=key_year(decision.key),
                    contracts=decision.contracts,
                    value=decision.value,
                    withheld=decision.withheld,
                    value_release_id=decision.value_release or release.pk,
                )
                for decision in plan.decisions.values()
            ],
            batch_size=5000,
        )
    return release


def data_changed_at():
    """The time of the newest change to the records the figures count, from the database's own
    change log (statement triggers: saves, imports, SQL and COPY alike); None before any."""
    pending = PendingChange.objects.aggregate(latest=Max("noted_at"))["latest"]
    built = Build.objects.order_by("-pk").values_list("data_as_of", flat=True).first()
    return max((time for time in (pending, built) if time is not None), default=None)


# --- the calendar ------------------------------------------------------------------------------


def last_calendar_date(today):
    """The newest release date the calendar names on or before ``today``."""
    calendar = settings.FIGURES_RELEASE_CALENDAR
    day = calendar.get("day", 1)
    months = calendar.get("months", 1)
    month_index = today.year * 12 + today.month - 1
    if today.day < day:
        month_index -= 1
    month_index -= month_index % months
    return datetime.date(month_index // 12, month_index % 12 + 1, day)


def release_due(today=None):
    """Whether the calendar names a release date since the newest release."""
    today = today or timezone.localdate()
    newest = Release.objects.order_by("-pk").values_list("released_at", flat=True).first()
    if newest is None:
        return True
    return timezone.localdate(newest) < last_calendar_date(today)
