from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "rezerv.documents"
    label = "documents"
    verbose_name = "Документы"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The forms register themselves on import (permissions: rezerv.selection.policy).
        from rezerv.documents import ak, br, generic, km, pk, tp  # noqa: F401
        from rezerv.documents.binding import file_problems
        from rezerv.documents.retention import JOB, daily_job
        from rezerv.notifications.scheduler import register
        from rezerv.selection.regulations import add_file_check

        # An uploaded file's ``forms:`` is checked against these layouts, each problem at its line.
        add_file_check(file_problems)

        # The retention job (C-7) runs with the other daily jobs (``manage.py run_daily``).
        register(JOB, daily_job())
