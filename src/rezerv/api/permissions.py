"""Who sees what through the API: ``rezerv.selection.policy``, as in the web UI and the documents.

Querysets are the policy's scopers; single objects are checked again with its ``rules``
permissions. Objects outside a user's scope are not found (404), so the API does not reveal
that they exist.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from rezerv.selection.policy import ANONYMOUS, FULL, MEMBER, Viewer

__all__ = ["ANONYMOUS", "FULL", "MEMBER", "IsStaff", "Viewer", "viewer"]


def viewer(request: Any) -> Viewer:
    """The request's viewer, cached on the request."""
    cached = getattr(request, "_rezerv_viewer", None)
    if cached is None:
        cached = Viewer.of(request.user)
        request._rezerv_viewer = cached
    return cached


class IsStaff(BasePermission):
    """HR officers and administrators (``selection.create_campaign``)."""

    message = "Доступно сотрудникам кадровой службы и администраторам."

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user and request.user.has_perm("selection.create_campaign"))
