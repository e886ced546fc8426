"""The questionnaire keeps no fixed facts: what the engine reads is declared by a regulation.

The removed columns (education level, final-year student, managerial and service years,
penalties, criminal record) were read by no regulation; an application keeps the facts it was
submitted with in ``Application.facts``, so nothing an outcome rests on is lost.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("selection", "0009_meeting_reschedule")]

    operations = [
        migrations.RemoveField(model_name="questionnaire", name=name)
        for name in (
            "education_level",
            "final_year_student",
            "managerial_years",
            "service_years",
            "penalties",
            "criminal_record",
        )
    ]
