from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0020_reserve_reserve_use"),
    ]

    operations = [
        migrations.AddField(
            model_name="statebody",
            name="document_languages",
            field=models.CharField(
                choices=[("ru", "русский"), ("kk_ru", "казахский и русский")],
                default="ru",
                max_length=8,
                verbose_name="язык документов",
            ),
        ),
    ]
