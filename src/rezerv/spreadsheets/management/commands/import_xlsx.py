"""``manage.py import_xlsx KIND FILE --campaign UUID [--dry-run] [--user LOGIN]``.

Imports candidates, applications or test results from an XLSX or CSV file into a campaign
(``rezerv.spreadsheets.importer``). The whole file is checked first; the report lists every
problem as «строка N, столбец «…»: reason». Nothing is imported from a file with any problem
(exit status 2). With ``--dry-run`` only the check runs. A real run needs ``--user``: the HR
officer or administrator of the campaign in whose name the import is audited. A progress bar
(tqdm, on standard error) follows large files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from rezerv.selection.models import Campaign
from rezerv.spreadsheets.columns import KINDS
from rezerv.spreadsheets.importer import Progress, spreadsheet_import


class TqdmProgress(Progress):
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def start(self, stage: str, total: int | None, unit: str = "строк") -> None:
        self.bar = tqdm(
            total=total,
            desc=stage,
            unit=f" {unit}",
            file=sys.stderr,
            disable=not self.enabled,
            mininterval=0.5,
            dynamic_ncols=True,
        )

    def advance(self, amount: int) -> None:
        if self.bar is not None and amount:
            self.bar.update(amount)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = (
        "Загрузка кандидатов, заявлений или результатов испытаний из XLSX или CSV: "
        "сначала проверка всего файла, затем загрузка всего файла или ничего."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="candidates, applications или results")
        parser.add_argument("file", type=Path, help="файл XLSX или CSV")
        parser.add_argument("--campaign", required=True, help="UUID кампании")
        parser.add_argument(
            "--dry-run", action="store_true", help="только проверить, ничего не записывать"
        )
        parser.add_argument(
            "--user",
            help="логин сотрудника кадровой службы или администратора (нужен для загрузки)",
        )
        parser.add_argument(
            "--max-errors",
            type=int,
            default=1000,
            help="сколько ошибок напечатать (по умолчанию 1000; всего — в итоговой строке)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="без индикатора хода выполнения"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: файл не найден", returncode=2)
        try:
            campaign = Campaign.objects.select_related("regulation").get(uid=options["campaign"])
        except (Campaign.DoesNotExist, ValidationError, ValueError):
            raise CommandError(
                f"--campaign: нет кампании {options['campaign']}", returncode=2
            ) from None
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"--user: нет пользователя {options['user']}", returncode=2)
            if not actor.has_perm("selection.manage_campaign", campaign):
                raise CommandError(
                    f"--user: {options['user']} не ведёт эту кампанию "
                    "(нужна кадровая служба её органа или администратор)",
                    returncode=2,
                )
        elif not options["dry_run"]:
            raise CommandError(
                "--user: укажите, от чьего имени загрузка записывается в журнал действий "
                "(или проверьте файл с --dry-run)",
                returncode=2,
            )
        enabled = not options["no_progress"] and sys.stderr.isatty()
        report = spreadsheet_import(
            actor=actor,
            campaign=campaign,
            kind=options["kind"],
            source=path,
            dry_run=options["dry_run"],
            progress=TqdmProgress(enabled),
        )
        for line in report.lines(options["max_errors"]):
            self.stdout.write(line)
        self.stdout.write(report.summary())
        self.stdout.write(f"({report.format or '—'}, {report.seconds:.1f} с)")
        if not report.ok:
            raise CommandError(f"ошибок: {report.problems_total}; файл не загружен", returncode=2)
