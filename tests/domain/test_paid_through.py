from cuijiao_desktop.domain.ledger import paid_through


def test_no_bills():
    assert paid_through([]) is None


def test_all_settled_is_latest_period():
    assert paid_through([(202601, True), (202603, True), (202602, True)]) == 202603


def test_oldest_unsettled_means_nothing_paid():
    assert paid_through([(202601, False), (202602, True)]) is None


def test_month_before_first_unsettled_even_if_later_months_paid():
    assert paid_through([(202601, True), (202602, True), (202603, False), (202604, True)]) == 202602


def test_gap_before_first_unsettled_counts_as_covered():
    assert paid_through([(202601, True), (202604, False)]) == 202603


def test_year_boundary():
    assert paid_through([(202511, True), (202512, True), (202601, False)]) == 202512
    assert paid_through([(202511, True), (202601, False)]) == 202512


def test_every_fee_item_of_a_period_must_be_settled():
    bills = [(202601, True), (202601, True), (202602, True), (202602, False), (202603, True)]
    assert paid_through(bills) == 202601
