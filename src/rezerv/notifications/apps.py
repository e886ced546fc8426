from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "rezerv.notifications"
    label = "notifications"
    verbose_name = "Уведомления"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rezerv.notifications import languages  # noqa: F401  (the sign-in receiver)
