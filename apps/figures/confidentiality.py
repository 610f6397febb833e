"""Which contract-value aggregates may be published.

One contract's amount is confidential, and an aggregate over one or two contracts all but
discloses them (the partner knows its own share). A value is published only for a group of at
least ``MIN_CONTRACTS`` contracts. Because the groups of a breakdown add up to a published
total, hiding one small group is not enough — the total minus the others would reveal it — so
the smallest published groups are hidden too until the hidden remainder again holds at least
``MIN_CONTRACTS`` contracts or is empty (secondary suppression).
"""

MIN_CONTRACTS = 3


def value_publishable(count):
    return count >= MIN_CONTRACTS


def suppress(rows, *, total_count=None, count_key="contracts", value_key="value"):
    """Set ``row[value_key]`` to None where publishing it could disclose a contract's amount.

    ``total_count`` is the number of contracts of the (published) total the rows add up to;
    contracts outside every row count as hidden. Rows are dicts, changed in place and returned.
    """
    for row in rows:
        if not value_publishable(row[count_key]):
            row[value_key] = None
    if total_count is None:
        total_count = sum(row[count_key] for row in rows)
    if not value_publishable(total_count):
        for row in rows:
            row[value_key] = None
        return rows
    published = sorted(
        (row for row in rows if row[value_key] is not None), key=lambda row: row[count_key]
    )
    hidden = total_count - sum(row[count_key] for row in published)
    while 0 < hidden < MIN_CONTRACTS and published:
        smallest = published.pop(0)
        smallest[value_key] = None
        hidden += smallest[count_key]
    return rows


def publishable_total(count, value):
    return value if value_publishable(count) else None
