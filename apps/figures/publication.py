"""The one publication of contract sums: national, provincial and city cells, suppressed together.

The cells nest: the country holds the provinces, a province its cities (each with its
districts) and a remainder of contracts in no city. Every published sum is a linear equation
over the contracts' amounts; a contract's amount could be worked out exactly when some
combination of published sums isolates it. For nested cells the combinations that matter are
the *residuals*: a published cell minus its published sub-cells. The residuals are disjoint
and span the same equations, so no amount can be derived as long as every residual holds no
contract or at least ``MIN_CONTRACTS`` of them.

Primary suppression withholds every cell of fewer than ``MIN_CONTRACTS`` contracts; secondary
suppression then withholds, while a published cell's residual holds 1 or 2 contracts, its
smallest published sub-cell together with everything below it (withholding the sub-cell alone
would not do: its own sub-cells would still add up to it). ``manage.py audit_disclosure``
checks the result with linear algebra and no such assumption.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from apps.figures.confidentiality import MIN_CONTRACTS, value_publishable


@dataclass
class Cell:
    key: tuple
    contracts: int
    value: Decimal
    children: list = field(default_factory=list)
    published: bool = True

    def withhold(self):
        self.published = False
        for child in self.children:
            child.withhold()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _secondary(cell):
    for child in cell.children:
        _secondary(child)
    if not cell.published:
        return
    while True:
        shown = [child for child in cell.children if child.published]
        residual = cell.contracts - sum(child.contracts for child in shown)
        if residual == 0 or residual >= MIN_CONTRACTS:
            return
        min(shown, key=lambda child: (child.contracts, child.key)).withhold()


def suppress_nested(root):
    """Decide, for every cell of the tree under ``root``, whether its sum is published."""
    for cell in root.walk():
        cell.published = value_publishable(cell.contracts)
    for cell in root.walk():
        if not cell.published:
            cell.withhold()
    _secondary(root)
    return root
