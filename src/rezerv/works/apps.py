from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksConfig(AppConfig):
    name = "rezerv.works"
    label = "works"
    verbose_name = _("письменные работы")
    default_auto_field = "django.db.models.BigAutoField"
