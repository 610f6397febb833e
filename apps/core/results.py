"""What a record type contributes to an agreement's results chain: the toolkit a domain app
declares its link with (``apps/<app>/results.py``), read by ``apps.outcomes.results`` through
the record type's ``results`` hook::

    registry.register(
        "agreements.Contract",
        ...
        results="apps.agreements.results.CONTRACTS",
    )

The chain follows an agreement from what was signed to what changed in its region, in the
order of its ``Stage``\\ s: contracts, money received, projects and grants, then the results in
the region. It is read as the EU's RIS3 monitoring reads a programme: ``OUTPUT`` indicators
count what the cooperation itself produced (contracts signed, money received, projects,
grants); ``RESULT`` indicators measure the change in the region the outputs are meant to bring
(output value, jobs, enterprises …), reported by the region and verified. Each indicator may
name the target metric (``apps.core.outcomes``) it is measured against, whose targets and
baselines the chain shows beside it.

Every link is one grouped query over the records serving any number of agreements, so a page
or a dossier reads the whole chain in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

OUTPUT = "output"
RESULT = "result"


@dataclass(frozen=True)
class Stage:
    """A step of the chain (several apps' links may share one: projects and grants)."""

    order: int
    title: object


CONTRACTS = Stage(10, pgettext_lazy("results chain", "Contracts"))
MONEY_RECEIVED = Stage(20, pgettext_lazy("results chain", "Money received"))
PROJECTS_AND_GRANTS = Stage(30, pgettext_lazy("results chain", "Projects and grants"))
REGION_RESULTS = Stage(40, pgettext_lazy("results chain", "Results in the region"))


@dataclass(frozen=True)
class Indicator:
    """One figure of a link: ``aggregate`` (a Count or Sum over the link's records) by
    agreement. ``withheld``: a sum the public never sees for one agreement (it would be a
    contract-value or payment cell published only under the figures' disclosure rules); the
    public sees the count ``beside`` it instead. ``metric``: the target metric it answers to."""

    key: str
    label: object
    aggregate: object
    kind: str = OUTPUT
    is_value: bool = False
    withheld: bool = False
    beside: str = ""
    metric: str = ""


@dataclass(frozen=True)
class ChainLink:
    """A record type's link: ``records(public=…)`` gives the rows it adds up (for the public,
    only published ones, or rows of published records), ``agreement`` the path from a row to
    the agreement it serves."""

    stage: Stage
    records: Callable
    indicators: tuple
    agreement: str = "agreement"
    position: int = 0
