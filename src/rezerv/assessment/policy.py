"""Who may do what in the assessment (registered with ``rules`` as the app is ready).

A bank is edited by the HR officers of its state body and by administrators (a bank without a
body: administrators only); its key never reaches a candidate's page. Test sessions of a
campaign are set by those who manage the campaign; its statistics are seen by them and by the
campaign's commission members. A candidate takes a test through their own application.
"""

from __future__ import annotations

from typing import Any

import rules

from rezerv.assessment.models import QuestionBank
from rezerv.selection.policy import _staff, is_admin, is_hr, is_member_of, manages


@rules.predicate
def hr_of_bank(user: Any, bank: Any) -> bool:
    staff = _staff(user)
    return (
        isinstance(bank, QuestionBank)
        and staff is not None
        and staff.role == "hr"
        and bank.body_id is not None
        and staff.body_id == bank.body_id
    )


PERMISSIONS: dict[str, Any] = {
    "assessment.view_banks": is_admin | is_hr,
    "assessment.manage_bank": is_admin | hr_of_bank,
    "assessment.manage_tests": manages,
    "assessment.view_test_stats": manages | is_member_of,
}


def register() -> None:
    for name, predicate in PERMISSIONS.items():
        if not rules.perm_exists(name):
            rules.add_perm(name, predicate)
