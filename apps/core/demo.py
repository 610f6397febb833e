"""The demo data's toolkit: what each app's ``demo.py`` loads its part of ``load_demo`` with.

A record type that brings demo data names its step in its registry declaration::

    registry.register(
        "events.ExchangeEvent",
        ...
        demo="apps.events.demo.EVENTS",
    )

where ``EVENTS = DemoStep(100, load_events)``. ``manage.py load_demo`` (``apps.demo``) runs
every declared step in the order of its ``position``, in one transaction, with one loader
that the steps share: ``loader.today``, ``loader.rng`` (one random sequence, drawn by the steps
in order, so that every run writes the same values) and what earlier steps left on it for
later ones (``loader.provinces``, ``loader.cities``, ``loader.organization_ids`` …; each step
says what it reads and leaves). Every row is upserted by a natural key, so a second run
changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

TIMESTAMPS = {"created_at", "updated_at"}


@dataclass(frozen=True)
class DemoStep:
    """One step of the demo data: ``load(loader)`` runs at ``position`` among all steps.

    What ``load_demo`` prints of it, the seed's figures as the portal computes them: ``places``,
    the records whose place makes a province or city "cooperating", as ``(model, path to its
    province, path to its city)``; ``figures(today)``, the step's own figures as ``(position,
    label, value)``, printed in the order of their positions.
    """

    position: int
    load: Callable
    places: tuple = ()
    figures: Callable | None = None


def upsert(model, objects, unique_fields):
    """Insert or update by natural key; returns {key: pk}. Timestamps keep their first value."""
    if not objects:
        return {}
    update_fields = [
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not field.generated
        and field.attname not in TIMESTAMPS
        and field.name not in unique_fields
    ]
    model.objects.bulk_create(
        objects,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=unique_fields,
        update_fields=update_fields,
    )
    key_attnames = [model._meta.get_field(name).attname for name in unique_fields]
    rows = model.objects.values_list(*key_attnames, "pk")
    return {row[:-1] if len(row) > 2 else row[0]: row[-1] for row in rows}


def replace_links(through, owner_field, target_field, links):
    """Make a many-to-many table hold exactly `links` ({owner pk: [target pks]}) for those owners.

    Rows already right are left alone, so a second run writes nothing.
    """
    rows = through.objects.filter(**{f"{owner_field}__in": list(links)})
    existing = set(rows.values_list(owner_field, target_field))
    wanted = {(owner, target) for owner, targets in links.items() for target in targets}
    stale = existing - wanted
    if stale:
        rows.filter(
            pk__in=[
                pk
                for pk, owner, target in rows.values_list("pk", owner_field, target_field)
                if (owner, target) in stale
            ]
        ).delete()
    through.objects.bulk_create(
        through(**{owner_field: owner, target_field: target})
        for owner, target in sorted(wanted - existing)
    )


def government_of(loader, province_code=None, city_code=None):
    """The pk of a province's or city's people's government, as the partners' demo step names
    it (``loader.organization_ids`` by Chinese name)."""
    if city_code:
        return loader.organization_ids[f"{loader.cities[city_code].name_zh}人民政府"]
    return loader.organization_ids[f"{loader.provinces[province_code].name_zh}人民政府"]


class AgreementTerms:
    """The agreements as the steps link records to them: for a day, those in force that day
    by the agreements' own rule (``model.objects.in_force_on``: their terms, renewals and
    terminations), read once per day asked. ``model`` is the agreements' model, reached by a
    step through its own foreign key."""

    def __init__(self, model):
        self.model = model
        self._by_day = {}

    def in_force(self, on):
        if on not in self._by_day:
            self._by_day[on] = list(
                self.model.objects.in_force_on(on)
                .order_by("-signed_on", "pk")
                .values_list("pk", "province_id", "city_id")
            )
        return self._by_day[on]


def agreement_terms(model):
    return AgreementTerms(model)


def agreement_in_force(terms, province_id, city_id, on, parent_id=None):
    """The agreement a record dated ``on`` in that place serves: the agreement in force that
    day of its city (or, for a district, of the city ``parent_id`` it belongs to), else the
    province-wide one in force, else None."""
    if on is None:
        return None
    province_wide = None
    for pk, agreement_province, agreement_city in terms.in_force(on):
        if agreement_city is not None and agreement_city in (city_id, parent_id):
            return pk
        if province_wide is None and agreement_city is None and agreement_province == province_id:
            province_wide = pk
    return province_wide


def weighted_choice(rng, weights):
    """One key of ``weights`` ({key: weight}), drawn from ``rng`` in proportion to its weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]
