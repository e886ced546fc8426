"""A regulation version's day in force becomes an activation of its own (issue 9 §1).

``RegulationVersion.effective_from`` allowed one day per version, set once: a version could not
be put in force again after another replaced it, and a day not yet come could not be moved or
withdrawn.  Each version with a day gets one ``RegulationActivation`` of that day (made by the
user who uploaded it); a version without one stays uploaded, not in force.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def to_activations(apps: Any, schema_editor: Any) -> None:
    Version = apps.get_model("selection", "RegulationVersion")
    Activation = apps.get_model("selection", "RegulationActivation")
    for version in Version.objects.exclude(effective_from=None).order_by("pk"):
        Activation.objects.create(
            version=version,
            effective_from=version.effective_from,
            activated_by_id=version.uploaded_by_id,
        )


def to_field(apps: Any, schema_editor: Any) -> None:
    Version = apps.get_model("selection", "RegulationVersion")
    Activation = apps.get_model("selection", "RegulationActivation")
    for version in Version.objects.all():
        first = (
            Activation.objects.filter(version=version, withdrawn_at=None)
            .order_by("effective_from", "pk")
            .first()
        )
        version.effective_from = first.effective_from if first else None
        version.save(update_fields=["effective_from"])


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0011_position_facts_campaign_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RegulationActivation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("effective_from", models.DateField(verbose_name="вступает в силу с")),
                ("activated_at", models.DateTimeField(auto_now_add=True)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawal_reason", models.TextField(blank=True, verbose_name="причина отмены")),
                (
                    "activated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ввёл в действие",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="activations",
                        to="selection.regulationversion",
                        verbose_name="версия регламента",
                    ),
                ),
                (
                    "withdrawn_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="отменил",
                    ),
                ),
            ],
            options={
                "verbose_name": "введение регламента в действие",
                "verbose_name_plural": "введения регламентов в действие",
                "ordering": ["-effective_from", "-pk"],
            },
        ),
        migrations.RunPython(to_activations, to_field),
        migrations.RemoveField(
            model_name="regulationversion",
            name="effective_from",
        ),
    ]
