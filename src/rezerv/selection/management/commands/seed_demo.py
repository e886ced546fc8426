"""``manage.py seed_demo``: fill an empty database with demo data for the five procedures."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rezerv.scenarios.demo import DEMO_PASSWORD, DemoError, logins_table, seed_demo


class Command(BaseCommand):
    help = (
        "Заполняет пустую базу демонстрационными данными (KM, AK, TP, BR, PK) и печатает "
        "демонстрационные логины. Повторный запуск ничего не меняет."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created, logins = seed_demo()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(self.style.SUCCESS("Демонстрационные данные загружены."))
        else:
            self.stdout.write("Демонстрационные данные уже загружены; база не изменена.")
        self.stdout.write("")
        self.stdout.write(logins_table(logins))
        self.stdout.write("")
        self.stdout.write(f"Пароль для всех демонстрационных логинов: {DEMO_PASSWORD}")
