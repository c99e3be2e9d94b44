"""Filled the list figures of the forms stored before this app existed. Since the figures
became one table for lists and dashboards, 0003 computes every form's row, so this step does
nothing on a new database (on an old one it ran already)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("season", "0001_tasks_reminders_scores"),
        ("evaluations", "0002_one_project_form_per_name"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
