"""The position's classification and the campaign's kind are the regulation's (issue 9 §1).

``Position.category`` and ``Position.group`` (the KM categories and groups, with choices fixed in
code) become ``Position.facts``: the values of the facts a regulation declares with
``source: position``, keyed by their ids.  The values recorded so far were KM's, whose position
facts are named ``category`` and ``group``, so each moves under that id.  ``Campaign.kind`` keeps
its value and loses the fixed choices: a regulation declares its kinds (``campaign_kinds``).
"""

from typing import Any

from django.db import migrations, models

OLD_FIELDS = ("category", "group")


def to_facts(apps: Any, schema_editor: Any) -> None:
    Position = apps.get_model("selection", "Position")
    for position in Position.objects.all():
        facts = {name: getattr(position, name) for name in OLD_FIELDS if getattr(position, name)}
        if facts:
            position.facts = facts
            position.save(update_fields=["facts"])


def to_fields(apps: Any, schema_editor: Any) -> None:
    Position = apps.get_model("selection", "Position")
    for position in Position.objects.all():
        for name in OLD_FIELDS:
            setattr(position, name, str(position.facts.get(name) or "")[:20])
        position.save(update_fields=list(OLD_FIELDS))


class Migration(migrations.Migration):
    dependencies = [("selection", "0010_questionnaire_declared_facts")]

    operations = [
        migrations.AddField(
            model_name="position",
            name="facts",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="классификация должности"
            ),
        ),
        migrations.RunPython(to_facts, to_fields),
        migrations.RemoveField(model_name="position", name="category"),
        migrations.RemoveField(model_name="position", name="group"),
        migrations.AlterField(
            model_name="campaign",
            name="kind",
            field=models.CharField(max_length=40, verbose_name="вид"),
        ),
    ]
