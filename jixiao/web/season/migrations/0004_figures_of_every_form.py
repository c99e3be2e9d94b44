"""Compute every form's row of the one figure table from the core (amounts in 万元), keeping
each row's task, bureau score and dates."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from jixiao.web.season.figures import facts_rebuild

    facts_rebuild(
        apps.get_model("evaluations", "Evaluation"),
        apps.get_model("evaluations", "ReviewRound"),
        apps.get_model("season", "FormFacts"),
    )


class Migration(migrations.Migration):
    dependencies = [("season", "0003_one_table_of_form_figures")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
