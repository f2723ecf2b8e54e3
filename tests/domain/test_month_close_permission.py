"""月结 (issue 12): closing and reopening a month is finance's (administrators hold every permission)."""

from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.permissions import Permission, allowed


def test_only_finance_and_administrators_close_a_month():
    assert {role for role in Role if allowed(role, Permission.CLOSE_MONTH)} == {Role.FINANCE, Role.ADMIN}
