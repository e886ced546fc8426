from django.apps import AppConfig


class SpreadsheetsConfig(AppConfig):
    name = "rezerv.spreadsheets"
    label = "spreadsheets"
    verbose_name = "Таблицы (XLSX, CSV)"
