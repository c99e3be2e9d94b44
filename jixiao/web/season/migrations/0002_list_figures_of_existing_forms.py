"""Fill the list figures of the forms stored before this app existed (no task covers them yet:
tasks are new). Figures come from the core, as on every save."""

from django.db import migrations


def fill(apps, schema_editor):
    from jixiao.web.season.rebuild import facts_fill

    facts_fill(
        apps.get_model("evaluations", "Evaluation"),
        apps.get_model("evaluations", "ReviewRound"),
        apps.get_model("season", "FormFacts"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("season", "0001_tasks_reminders_scores"),
        ("evaluations", "0002_one_project_form_per_name"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
