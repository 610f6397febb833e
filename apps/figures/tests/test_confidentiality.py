from apps.figures.confidentiality import MIN_CONTRACTS, publishable_total, suppress


def rows(*counts):
    return [{"contracts": count, "value": count * 100.0} for count in counts]


def test_group_of_fewer_than_three_contracts_has_no_value():
    result = suppress(rows(1, 2, 5, 7))
    assert [row["value"] for row in result][:2] == [None, None]


def test_hidden_remainder_of_one_contract_hides_the_smallest_published_group_too():
    result = suppress(rows(1, 4, 9))
    assert [row["value"] for row in result] == [None, None, 900.0]


def test_contracts_outside_every_group_count_as_hidden():
    # Total 12: the groups hold 10, so 2 contracts are hidden and one group must go with them.
    result = suppress(rows(4, 6), total_count=12)
    assert [row["value"] for row in result] == [None, 600.0]


def test_no_suppression_needed_when_every_group_is_large_enough():
    result = suppress(rows(3, 4, 5))
    assert all(row["value"] is not None for row in result)


def test_total_of_too_few_contracts_hides_everything():
    assert all(row["value"] is None for row in suppress(rows(1, 1)))
    assert publishable_total(MIN_CONTRACTS - 1, 500) is None
    assert publishable_total(MIN_CONTRACTS, 500) == 500
