"""Each evaluation keeps the version of the rule set that judged it.

Existing rows were judged by the only versions that existed before this field: they are
written here, not read from the rule-set files, so the migration means the same thing later.
"""

from django.db import migrations, models

JUDGED_BY = {"national": "2020.1", "guangzhou": "2022.1"}


def fill_versions(apps, schema_editor):
    Evaluation = apps.get_model("evaluations", "Evaluation")
    for ruleset_id, version in JUDGED_BY.items():
        Evaluation.objects.filter(ruleset_id=ruleset_id, ruleset_version="").update(
            ruleset_version=version
        )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0002_one_project_form_per_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluation",
            name="ruleset_version",
            field=models.CharField(
                blank=True, default="", max_length=30, verbose_name="规则集版本"
            ),
        ),
        migrations.AddField(
            model_name="historicalevaluation",
            name="ruleset_version",
            field=models.CharField(
                blank=True, default="", max_length=30, verbose_name="规则集版本"
            ),
        ),
        migrations.RunPython(fill_versions, migrations.RunPython.noop),
    ]
