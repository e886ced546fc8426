"""The works' MinHash signatures again, now over lemmatised Russian text (issue 11)."""

from typing import Any

from django.db import migrations


def recompute(apps: Any, schema_editor: Any) -> None:
    from rezerv.works.similarity import signature

    Work = apps.get_model("works", "Work")
    for work in Work.objects.only("pk", "text").iterator():
        Work.objects.filter(pk=work.pk).update(signature=signature(work.text))


class Migration(migrations.Migration):
    dependencies = [("works", "0001_initial")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
