from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "rezerv.assessment"
    label = "assessment"
    verbose_name = "Тестирование"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rezerv.assessment import policy

        policy.register()
