"""An agreement's results chain: contracts → money received → projects and grants → results in
the region, against the agreement's targets and baselines (``apps.core.results``).

The links are the domain apps' declarations (their record types' ``results`` hooks); this
module names none of them. One grouped query per link and one for the targets, whatever the
number of agreements or of records behind them. The rows are plain data (labels translated
when read, no lazy objects), so the dossier's worker renders them as the pages do.
"""

from django.utils import timezone

from apps.core.registry import registry
from apps.core.results import OUTPUT, RESULT
from apps.outcomes.selectors import agreements_progress


def chain_links():
    """Every declared link, in the chain's order (stage, then the link's position)."""
    links = [
        record_type.hook("results")
        for record_type in registry.all()
        if record_type.hook("results") is not None
    ]
    return sorted(links, key=lambda link: (link.stage.order, link.position))


def _link_values(link, agreement_ids, *, public):
    """{agreement id: {indicator key: value}} of one link (one query)."""
    rows = (
        link.records(public=public)
        .filter(**{f"{link.agreement}__in": agreement_ids})
        .order_by()
        .values(link.agreement)
        .annotate(**{indicator.key: indicator.aggregate for indicator in link.indicators})
    )
    return {row.pop(link.agreement): row for row in rows}


def _target_for(targets):
    """The target a chain row is read against: the running period's, else the latest ended,
    else the first one still to come."""
    running = [t for t in targets if not t["ended"] and t["progress"] != "not_started"]
    ended = [t for t in targets if t["ended"]]
    later = [t for t in targets if t["progress"] == "not_started"]
    if running:
        return running[0]
    if ended:
        return ended[-1]
    return later[0] if later else None


def agreement_chains(agreements, *, public, on=None, progress=None):
    """{agreement id: chain} for many agreements: each chain's ``outputs`` then ``results``,
    each a list of stages ({title, indicators}) whose indicators carry their value since the
    agreement was signed (``None`` where withheld from the public, with the count beside it)
    and the target and baseline of their metric, if the agreement set one. ``progress``: the
    agreements' target rows ({agreement id: rows}, ``agreements_progress``) where the caller
    has them already (the targets' progress is the costly query; it is not run twice)."""
    on = on or timezone.localdate()
    ids = [agreement.pk for agreement in agreements]
    links = chain_links()
    values = [_link_values(link, ids, public=public) for link in links]
    if progress is None:
        progress = agreements_progress(ids, on=on, public=public)
    chains = {}
    for agreement_id in ids:
        targets_by_metric = {}
        for target in progress.get(agreement_id, []):
            targets_by_metric.setdefault(target["metric"], []).append(target)
        stages = {}
        for link, by_agreement in zip(links, values, strict=True):
            found = by_agreement.get(agreement_id, {})
            stage = stages.setdefault(
                link.stage.order,
                {"title": str(link.stage.title), "kind": None, "indicators": []},
            )
            for indicator in link.indicators:
                value = found.get(indicator.key)
                withheld = public and indicator.withheld
                stage["kind"] = stage["kind"] or indicator.kind
                stage["indicators"].append(
                    {
                        "key": indicator.key,
                        "label": str(indicator.label),
                        "kind": indicator.kind,
                        "is_value": indicator.is_value,
                        "withheld": withheld,
                        # A sum the public never sees for one agreement: staff copies mark it.
                        "confidential": indicator.withheld,
                        "value": None if withheld else float(value or 0),
                        "beside": float(found.get(indicator.beside) or 0)
                        if indicator.beside
                        else None,
                        "target": _target_for(targets_by_metric.get(indicator.metric, []))
                        if indicator.metric
                        else None,
                    }
                )
        ordered = [stages[order] for order in sorted(stages)]
        chains[agreement_id] = {
            "outputs": [stage for stage in ordered if stage["kind"] == OUTPUT],
            "results": [stage for stage in ordered if stage["kind"] == RESULT],
            "public": public,
            "on": on,
        }
    return chains


def agreement_chain(agreement, *, public, on=None, targets=None):
    """One agreement's chain (``agreement_chains``); ``targets``: its target rows, if read."""
    progress = None if targets is None else {agreement.pk: targets}
    return agreement_chains([agreement], public=public, on=on, progress=progress)[agreement.pk]
