"""The reserve registry (issue 10): a card id for each reserve entry and the acts after inclusion.

The ``uid`` is added in three steps (nullable, filled for the existing rows, then unique), as a
unique column with a per-row default cannot be added in one.
"""

import uuid
from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_uids(apps: Any, schema_editor: Any) -> None:
    entries = apps.get_model("selection", "ReserveEntry")
    for entry in entries.objects.filter(uid__isnull=True).only("pk"):
        entry.uid = uuid.uuid4()
        entry.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0017_commission_member_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="reserveentry",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reserveentry",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.CreateModel(
            name="ReserveAct",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("exclusion", "исключение из резерва"),
                            ("expiry", "истечение срока нахождения в резерве"),
                            ("re_inclusion", "повторное включение в резерв"),
                        ],
                        max_length=20,
                        verbose_name="вид",
                    ),
                ),
                ("ground", models.CharField(blank=True, max_length=60, verbose_name="основание")),
                ("on", models.DateField(verbose_name="дата")),
                (
                    "basis",
                    models.CharField(blank=True, max_length=300, verbose_name="приказ, протокол"),
                ),
                ("previous_included_on", models.DateField(blank=True, null=True)),
                ("previous_until", models.DateField(blank=True, null=True)),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="acts",
                        to="selection.reserveentry",
                        verbose_name="член резерва",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "акт кадрового резерва",
                "verbose_name_plural": "акты кадрового резерва",
                "ordering": ("on", "pk"),
            },
        ),
        migrations.CreateModel(
            name="ReserveEmployment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("employer", models.CharField(max_length=300, verbose_name="место работы")),
                ("post", models.CharField(blank=True, max_length=300, verbose_name="должность")),
                ("since", models.DateField(verbose_name="работает с")),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="employments",
                        to="selection.reserveentry",
                        verbose_name="член резерва",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "сведения о трудоустройстве члена резерва",
                "verbose_name_plural": "сведения о трудоустройстве членов резерва",
                "ordering": ("since", "pk"),
            },
        ),
    ]
