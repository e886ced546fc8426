"""The permissions live in ``rezerv.selection.policy``; this name stays for ``rules``' autodiscovery."""

from __future__ import annotations

from rezerv.selection.policy import (  # noqa: F401
    admitted_application,
    is_admin,
    is_chair_of,
    is_hr,
    is_hr_of,
    is_member_of,
    owns_application,
)
