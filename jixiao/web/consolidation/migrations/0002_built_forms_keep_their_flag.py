"""A built 汇总 whose flag was unticked in the editor (possible before the flag became the one
meaning of "consolidated") is flagged again, and so charted once."""

from django.db import migrations


def reflag(apps, schema_editor):
    consolidations = apps.get_model("consolidation", "Consolidation")
    evaluations = apps.get_model("evaluations", "Evaluation")
    figures = apps.get_model("dashboards", "FormFigures")
    built = consolidations.objects.values_list("evaluation_id", flat=True)
    for evaluation in evaluations.objects.filter(pk__in=built):
        if not evaluation.data.get("consolidated"):
            evaluation.data = {**evaluation.data, "consolidated": True}
            evaluation.save(update_fields=["data"])
    figures.objects.filter(evaluation_id__in=built).update(consolidated=True)


class Migration(migrations.Migration):
    dependencies = [
        ("consolidation", "0001_initial"),
        ("dashboards", "0003_figures_in_wan_yuan"),
    ]

    operations = [migrations.RunPython(reflag, migrations.RunPython.noop)]
