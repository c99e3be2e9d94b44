"""Chart figures were stored in the unit each form was kept in; a form in 元 was then summed as
if in 万元. Read every form again: the core now states every figure in 万元."""

from decimal import Decimal

from django.db import migrations


def refill(apps, schema_editor):
    from jixiao.core.rollup import FIGURE_FIELDS, form_figures
    from jixiao.core.rulesets import default_ruleset_id, load_ruleset
    from jixiao.core.serialization import FormReadError, form_from_data

    evaluations = apps.get_model("evaluations", "Evaluation")
    figures = apps.get_model("dashboards", "FormFigures")
    rows = []
    for evaluation in evaluations.objects.iterator(chunk_size=500):
        try:
            form = form_from_data(evaluation.data)
            try:
                rules = load_ruleset(evaluation.ruleset_id)
            except KeyError:
                rules = load_ruleset(default_ruleset_id(form.form_type))
            values = {
                # A figure too large for the column is a typing error: charted as unknown.
                key: None if isinstance(v, Decimal) and abs(v) >= Decimal("1e15") else v
                for key, v in form_figures(form, rules).items()
            }
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
    figures.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["evaluation"],
        update_fields=["organisation", "year", "form_type", "status", *FIGURE_FIELDS],
    )


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0002_figures_of_existing_forms")]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
