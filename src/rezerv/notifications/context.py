"""The number of the user's unread messages, for the menu of every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rezerv.notifications.models import Notification


def unread(request: HttpRequest) -> dict[str, Any]:
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = Notification.objects.filter(
        recipient=user, channel=Notification.IN_APP, read_at__isnull=True
    ).count()
    return {"unread_notifications": count}
