from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "rezerv.selection"
    verbose_name = "Отбор"
    default_auto_field = "django.db.models.BigAutoField"
