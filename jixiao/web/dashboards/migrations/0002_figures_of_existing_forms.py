"""Fill the figures of the forms stored before the dashboards existed."""

from django.db import migrations


def fill(apps, schema_editor):
    from jixiao.core.serialization import FormReadError, form_from_data
    from jixiao.web.dashboards.figures import figure_values

    evaluations = apps.get_model("evaluations", "Evaluation")
    figures = apps.get_model("dashboards", "FormFigures")
    rows = []
    for evaluation in evaluations.objects.exclude(
        pk__in=figures.objects.values("evaluation_id")
    ).iterator(chunk_size=500):
        try:
            values = figure_values(form_from_data(evaluation.data))
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
