"""Fill the list figures of the forms stored before this app existed (no task covers them yet:
tasks are new). Figures come from the core, as on every save."""

from django.db import migrations
from django.db.models import Max


def fill(apps, schema_editor):
    from jixiao.core.season import headline
    from jixiao.core.serialization import form_from_data
    from jixiao.web.evaluations.analysis import rules_named

    Evaluation = apps.get_model("evaluations", "Evaluation")
    ReviewRound = apps.get_model("evaluations", "ReviewRound")
    FormFacts = apps.get_model("season", "FormFacts")
    submitted = dict(
        ReviewRound.objects.values("evaluation_id")
        .annotate(last=Max("submitted_at"))
        .values_list("evaluation_id", "last")
    )
    rows = []
    for evaluation in Evaluation.objects.iterator(chunk_size=500):
        facts = FormFacts(evaluation_id=evaluation.pk, submitted_at=submitted.get(evaluation.pk))
        try:
            figures = headline(
                form_from_data(evaluation.data),
                rules_named(evaluation.ruleset_id, evaluation.form_type),
            )
        except Exception:  # a form that does not read lists without figures
            figures = None
        if figures is not None:
            facts.budget, facts.spent, facts.rate = figures.budget, figures.spent, figures.rate
            facts.self_score, facts.self_grade = figures.score, figures.grade
            facts.grade = figures.grade
        rows.append(facts)
        if len(rows) >= 500:
            FormFacts.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    FormFacts.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("season", "0001_tasks_reminders_scores"),
        ("evaluations", "0002_one_project_form_per_name"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
