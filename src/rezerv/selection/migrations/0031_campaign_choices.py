import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0030_campaign_target_positions"),
    ]

    operations = [
        migrations.CreateModel(
            name="CampaignChoice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("fact", models.CharField(max_length=100, verbose_name="сведение")),
                ("value", models.CharField(max_length=300, verbose_name="значение")),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recorded_choices",
                        to="selection.campaign",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("campaign", "fact", "value"), name="campaign_choice_once"
                    )
                ],
            },
        ),
    ]
