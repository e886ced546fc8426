from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rezerv.web"

    def ready(self) -> None:
        # The sign-in receiver that counts a login as a password entry (re-authentication):
        # connected at start, not on the first request that happens to import the module.
        from rezerv.web import reauth  # noqa: F401
