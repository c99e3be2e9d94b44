"""Fill the figures of the forms stored before the dashboards existed."""

from django.db import migrations


def fill(apps, schema_editor):
    from jixiao.core.rollup import form_figures
    from jixiao.core.rulesets import default_ruleset_id, load_ruleset
    from jixiao.core.serialization import FormReadError, form_from_data

    evaluations = apps.get_model("evaluations", "Evaluation")
    figures = apps.get_model("dashboards", "FormFigures")
    rows = []
    for evaluation in evaluations.objects.exclude(
        pk__in=figures.objects.values("evaluation_id")
    ).iterator(chunk_size=500):
        try:
            form = form_from_data(evaluation.data)
            values = form_figures(form, load_ruleset(default_ruleset_id(form.form_type)))
        except FormReadError:
            values = {}
        rows.append(
            figures(
                evaluation_id=evaluation.pk,
                organisation_id=evaluation.organisation_id,
                year=evaluation.year,
                form_type=evaluation.form_type,
                status=evaluation.status,
                **values,
            )
        )
    figures.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
