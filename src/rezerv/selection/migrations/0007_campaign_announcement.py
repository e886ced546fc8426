"""The announcement's texts become one dict keyed by the fields the regulation declares."""

from typing import Any

from django.db import migrations, models

TEXTS = ["conditions", "duties", "kpis", "submission", "venue"]


def forwards(apps: Any, schema_editor: Any) -> None:
    Campaign = apps.get_model("selection", "Campaign")
    for campaign in Campaign.objects.all():
        campaign.announcement = {
            name: getattr(campaign, name) for name in TEXTS if getattr(campaign, name)
        }
        campaign.save(update_fields=["announcement"])


def backwards(apps: Any, schema_editor: Any) -> None:
    Campaign = apps.get_model("selection", "Campaign")
    for campaign in Campaign.objects.all():
        for name in TEXTS:
            setattr(campaign, name, campaign.announcement.get(name, ""))
        campaign.save(update_fields=TEXTS)


class Migration(migrations.Migration):
    dependencies = [("selection", "0006_verbose_names")]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="announcement",
            field=models.JSONField(blank=True, default=dict, verbose_name="текст объявления"),
        ),
        migrations.RunPython(forwards, backwards),
        *[migrations.RemoveField(model_name="campaign", name=name) for name in TEXTS],
    ]
