from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "rezerv.selection"
    verbose_name = "Отбор"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The permissions register themselves on import (``rules``).
        from rezerv.selection import policy  # noqa: F401
