"""The audit log as a hash chain (issue 13): every event numbered and hashed in order.

Existing events are chained in the order they were written (by id); ``at`` becomes an
explicit value (the chain hashes it, so it is set before the event is written).
"""

from typing import Any

import django.utils.timezone
from django.db import migrations, models

BATCH = 2000


def chain_existing(apps: Any, schema_editor: Any) -> None:
    from rezerv.selection.audit_chain import GENESIS, link

    event = apps.get_model("selection", "AuditEvent")
    head = apps.get_model("selection", "AuditHead")
    previous, seq, last = GENESIS, 0, 0
    while True:
        rows = list(
            event.objects.filter(pk__gt=last)
            .order_by("pk")
            .values(
                "pk",
                "at",
                "actor_id",
                "action",
                "object_type",
                "object_id",
                "campaign_id",
                "changes",
            )[:BATCH]
        )
        if not rows:
            break
        updates = []
        for row in rows:
            seq += 1
            row["seq"] = seq
            digest = link(previous, row)
            updates.append(event(pk=row["pk"], seq=seq, prev_hash=previous, hash=digest))
            previous = digest
        event.objects.bulk_update(updates, ["seq", "prev_hash", "hash"])
        last = rows[-1]["pk"]
    head.objects.create(pk=1, seq=seq, hash=previous)


class Migration(migrations.Migration):
    dependencies = [("selection", "0014_decision_reopen")]

    operations = [
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.BigIntegerField(default=0)),
                ("hash", models.CharField(max_length=64)),
            ],
            options={
                "verbose_name": "последняя запись журнала действий",
                "verbose_name_plural": "последняя запись журнала действий",
            },
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(unique=True),
        ),
    ]
